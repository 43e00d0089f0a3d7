import { expect, signIn, signInToChallenge, signOut, test } from '../fixtures';
import { wrongCodeFor } from '../fixtures/outbox';
import { expectFieldError } from '../pages/field';

test('email codes are turned on and asked for at sign-in; a new sign-in sends a new code', async ({
  page,
  accountPage,
  challengePage,
  signInPage,
  outbox,
  confirmedUser,
}) => {
  await signIn(page, confirmedUser);
  const security = accountPage.security;
  await security.expectState('email', 'off');
  await security.turnOnEmail.click();
  await accountPage.expectShown();
  await accountPage.messages.expectInfo('mfa.email_on');
  await security.expectState('email', 'on');
  await signOut(page);

  const before = await outbox.count(confirmedUser.email, 'mfa');
  await signInToChallenge(page, confirmedUser);
  await challengePage.expectEmailCode();
  const first = await outbox.latestCode(confirmedUser.email, { purpose: 'mfa', after: before });

  // Cognito cannot resend an MFA code: "Send a new code" starts the sign-in
  // again, with the address already filled in.
  await challengePage.sendNewCode.click();
  await signInPage.expectShown();
  await expect(signInPage.email).toHaveValue(confirmedUser.email);
  await signInPage.submitPassword(confirmedUser.password);
  await challengePage.expectEmailCode();
  const code = await outbox.latestCode(confirmedUser.email, { purpose: 'mfa', after: before + 1 });
  expect(code).not.toBe(first);

  await challengePage.submitCode(wrongCodeFor(code));
  await challengePage.expectEmailCode();
  await expectFieldError(challengePage.code);
  await expect(page.locator('#code-error')).toHaveAttribute('data-message-id', 'code.mismatch');

  await challengePage.submitCode(code);
  await accountPage.expectShown(confirmedUser.email);
});
