import { expect, signIn, signInToChallenge, signOut, test } from '../../fixtures';

// In tests/clock/: the pool's clock moves past the 3-minute life of the
// challenge session (and of its email code) instead of the test waiting.

test('a code entered after the challenge expired starts the sign-in over, with the email kept', async ({
  page,
  accountPage,
  challengePage,
  signInPage,
  outbox,
  poolClock,
  confirmedUser,
}) => {
  await signIn(page, confirmedUser);
  await accountPage.security.turnOnEmail.click();
  await accountPage.messages.expectInfo('mfa.email_on');
  await accountPage.security.expectState('email', ['on', 'preferred']);
  await signOut(page);

  const before = await outbox.count(confirmedUser.email, 'mfa');
  await signInToChallenge(page, confirmedUser);
  await challengePage.expectEmailCode();
  const late = await outbox.latestCode(confirmedUser.email, { purpose: 'mfa', after: before });

  await poolClock.advance(4 * 60);
  await challengePage.submitCode(late);

  await signInPage.expectShown();
  await signInPage.messages.expectInfo('sign_in.expired');
  await expect(signInPage.email).toHaveValue(confirmedUser.email);

  // Signing in again sends a new code, which works.
  await signInPage.submitPassword(confirmedUser.password);
  await challengePage.expectEmailCode();
  await challengePage.submitCode(await outbox.latestCode(confirmedUser.email, { purpose: 'mfa', after: before + 1 }));
  await accountPage.expectShown(confirmedUser.email);
});
