import { expect, signIn, signInToChallenge, signOut, test } from '../fixtures';
import { Authenticator } from '../fixtures/authenticator';
import { expectFieldError } from '../pages/field';

test('an authenticator app is set up from the account page and asked for at sign-in', async ({
  page,
  accountPage,
  totpSetupPage,
  challengePage,
  confirmedUser,
}) => {
  // The sign-in code must come from a later 30-second step than the
  // enrolment code (the replay rule), which can mean waiting for one.
  test.slow();
  await signIn(page, confirmedUser);
  const security = accountPage.security;
  await expect(security.requirement).toHaveText('Two-step verification is optional, and recommended.');
  await expect(security.state('totp')).toHaveText('off');

  await security.setUpApp.click();
  await totpSetupPage.expectShown();
  await expect(totpSetupPage.qrCode).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/);
  const secret = await totpSetupPage.readSecret();
  const link = new URL((await totpSetupPage.openInApp.getAttribute('href')) ?? '');
  expect(link.protocol).toBe('otpauth:');
  expect(link.host).toBe('totp');
  expect(decodeURIComponent(link.pathname)).toBe(`/Threshold:${confirmedUser.email}`);
  expect(link.searchParams.get('secret')).toBe(secret);
  expect(link.searchParams.get('issuer')).toBe('Threshold');
  await expect(totpSetupPage.code).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(totpSetupPage.code).toHaveAttribute('inputmode', 'numeric');
  const app = new Authenticator(secret);

  // A wrong first code is refused on the same page, with the same secret.
  await totpSetupPage.submitCode(app.wrongCode());
  await totpSetupPage.expectShown();
  await expectFieldError(totpSetupPage.code);
  await expect(page.locator('#code-error')).toHaveAttribute('data-message-id', 'code.mismatch');
  expect(await totpSetupPage.readSecret()).toBe(secret);

  await totpSetupPage.submitCode(await app.nextCode(page), 'Work phone');
  await accountPage.expectShown();
  await accountPage.messages.expectInfo('mfa.totp_on');
  await expect(security.state('totp')).toHaveText('on, preferred');
  await expect(security.turnOffApp).toBeVisible();

  await signOut(page);
  await signInToChallenge(page, confirmedUser);
  await challengePage.expectAppCode();
  await expect(challengePage.code).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(challengePage.code).toHaveAttribute('inputmode', 'numeric');
  await expect(challengePage.startOver).toBeVisible();

  await challengePage.submitCode(app.wrongCode());
  await challengePage.expectAppCode();
  await expectFieldError(challengePage.code);
  await expect(page.locator('#code-error')).toHaveAttribute('data-message-id', 'code.mismatch');

  await challengePage.submitCode(await app.nextCode(page));
  await accountPage.expectShown(confirmedUser.email);
  await expect(security.state('totp')).toHaveText('on, preferred');
});
