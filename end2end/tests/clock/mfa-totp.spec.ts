import { expect, signIn, signInToChallenge, signOut, test } from '../../fixtures';
import { Authenticator } from '../../kit';
import { expectFieldError, expectFieldErrorId } from '../../pages/field';

// In tests/clock/: the sign-in code must come from a later 30-second step
// than the enrolment code (the pool's replay rule), so the authenticator
// moves the pool's clock one step instead of waiting for it.

test('an authenticator app is set up from the account page and asked for at sign-in', async ({
  page,
  accountPage,
  totpSetupPage,
  challengePage,
  poolClock,
  confirmedUser,
}) => {
  await signIn(page, confirmedUser);
  const security = accountPage.security;
  await security.expectRequirement('optional');
  await security.expectState('totp', 'off');

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
  const app = new Authenticator(secret, poolClock);

  // A wrong first code is refused on the same page, with the same secret.
  await totpSetupPage.submitCode(await app.wrongCode());
  await totpSetupPage.expectShown();
  await expectFieldError(totpSetupPage.code);
  await expectFieldErrorId(page, 'code', 'code.mismatch');
  expect(await totpSetupPage.readSecret()).toBe(secret);

  await totpSetupPage.submitCode(await app.nextCode(), 'Work phone');
  await accountPage.expectShown();
  await accountPage.messages.expectInfo('mfa.totp_on');
  await security.expectState('totp', 'preferred');
  await expect(security.turnOffApp).toBeVisible();

  await signOut(page);
  await signInToChallenge(page, confirmedUser);
  await challengePage.expectAppCode();
  await expect(challengePage.code).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(challengePage.code).toHaveAttribute('inputmode', 'numeric');
  await expect(challengePage.startOver).toBeVisible();

  await challengePage.submitCode(await app.wrongCode());
  await challengePage.expectAppCode();
  await expectFieldError(challengePage.code);
  await expectFieldErrorId(page, 'code', 'code.mismatch');

  // The enrolment's step was accepted: this code is from the next one.
  await challengePage.submitCode(await app.nextCode());
  await accountPage.expectShown(confirmedUser.email);
  await security.expectState('totp', 'preferred');
});
