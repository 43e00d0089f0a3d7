import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { enrolAuthenticatorApp, expect, signIn, signInToChallenge, signOut, test } from '../fixtures';
import { strongPassword, uniqueEmail } from '../kit';
import { wrongCodeFor } from '../fixtures/outbox';
import { ChallengePage } from '../pages/challenge-page';
import { SignInPage } from '../pages/sign-in-page';
import { titleHeading } from '../pages/title';

// axe runs as a script in the page, so the scan needs JavaScript; the pages
// are rendered on the server, so what it sees is what a no-JS visitor gets.
test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'axe needs JavaScript in the page');

/**
 * A proper title and language, one `h1`, and zero WCAG 2.2 A/AA violations
 * (colour contrast and 24 px targets included) in the light and the dark
 * scheme. The projects run this spec in English and Arabic, with the
 * default brand and the test brand (playwright.config.ts).
 */
async function expectAccessible(page: Page): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('lang', /^[a-z]{2}/);
  await expect(page).toHaveTitle(/\S/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  const violations = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    violations.push(
      ...results.violations.map((v) => ({
        colorScheme,
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.map((n) => n.target.join(' ')),
      })),
    );
  }
  await page.emulateMedia({ colorScheme: null });
  expect(violations).toEqual([]);
}

test('sign-in page', async ({ page, signInPage }) => {
  await signInPage.goto();
  await expectAccessible(page);
});

test('sign-in page showing an error', async ({ page, signInPage, user }) => {
  await signInPage.goto();
  await signInPage.signInAs(user);
  await signInPage.messages.expectError('sign_in.incorrect_credentials');
  await expectAccessible(page);
});

test('sign-up page', async ({ page, signUpPage }) => {
  await signUpPage.goto();
  await expectAccessible(page);
});

test('sign-up page showing a field error', async ({ page, signUpPage, user }) => {
  await signUpPage.goto();
  await signUpPage.signUp({ email: user.email, password: 'onlylowercaseletters' });
  await expect(signUpPage.password).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
});

test('confirmation page', async ({ page, signUpPage, confirmPage, user }) => {
  await signUpPage.goto();
  await signUpPage.signUp(user);
  await confirmPage.expectShown();
  await expectAccessible(page);
});

test('account page', async ({ page, confirmedUser }) => {
  await signIn(page, confirmedUser);
  await expectAccessible(page);
});

test('account page listing groups', async ({ page, accountPage, poolAdmin, confirmedUser }) => {
  await poolAdmin.addToGroups(confirmedUser.email, ['admins', 'editors']);
  await signIn(page, confirmedUser);
  await expect(accountPage.groups.getByRole('listitem')).toHaveText(['admins', 'editors']);
  await expectAccessible(page);
});

test('account page with two-step verification on', async ({ page, accountPage, confirmedUser }) => {
  await signIn(page, confirmedUser);
  await accountPage.security.turnOnEmail.click();
  await accountPage.messages.expectInfo('mfa.email_on');
  await expect(accountPage.security.makePreferred('email')).toBeVisible();
  await expectAccessible(page);
});

test('authenticator app setup page', async ({ page, accountPage, totpSetupPage, confirmedUser }) => {
  await signIn(page, confirmedUser);
  await accountPage.security.setUpApp.click();
  await totpSetupPage.expectShown();
  await expect(totpSetupPage.qrCode).toBeVisible();
  await expectAccessible(page);
});

test('authenticator app setup page showing a field error', async ({
  page,
  accountPage,
  totpSetupPage,
  confirmedUser,
}) => {
  await signIn(page, confirmedUser);
  await accountPage.security.setUpApp.click();
  await totpSetupPage.expectShown();
  await totpSetupPage.submitCode('12345');
  await expect(totpSetupPage.code).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
});

test('sign-in challenge: authenticator app code', async ({ page, challengePage, poolClock, confirmedUser }) => {
  await signIn(page, confirmedUser);
  await enrolAuthenticatorApp(page, poolClock);
  await signOut(page);
  await signInToChallenge(page, confirmedUser);
  await challengePage.expectAppCode();
  await expectAccessible(page);
});

test('sign-in challenge: text message code', async ({
  page,
  accountPage,
  challengePage,
  poolAdmin,
  phoneNumber,
  confirmedUser,
}) => {
  await poolAdmin.setPhoneNumber(confirmedUser.email, phoneNumber);
  await signIn(page, confirmedUser);
  await accountPage.security.turnOnSms.click();
  await accountPage.messages.expectInfo('mfa.sms_on');
  await signOut(page);
  await signInToChallenge(page, confirmedUser);
  await challengePage.expectSmsCode();
  await expectAccessible(page);
});

test('sign-in challenge: email code showing a field error', async ({
  page,
  accountPage,
  challengePage,
  outbox,
  confirmedUser,
}) => {
  await signIn(page, confirmedUser);
  await accountPage.security.turnOnEmail.click();
  await accountPage.messages.expectInfo('mfa.email_on');
  await signOut(page);
  await signInToChallenge(page, confirmedUser);
  await challengePage.expectEmailCode();
  await expectAccessible(page);
  await challengePage.submitCode(wrongCodeFor(await outbox.latestCode(confirmedUser.email, { purpose: 'mfa' })));
  await expect(challengePage.code).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
});

test('sign-in challenge: choice of method', async ({
  page,
  accountPage,
  challengePage,
  poolAdmin,
  phoneNumber,
  confirmedUser,
}) => {
  await poolAdmin.setPhoneNumber(confirmedUser.email, phoneNumber);
  await signIn(page, confirmedUser);
  await accountPage.security.turnOnSms.click();
  await accountPage.messages.expectInfo('mfa.sms_on');
  await accountPage.security.turnOnEmail.click();
  await accountPage.messages.expectInfo('mfa.email_on');
  await signOut(page);
  await signInToChallenge(page, confirmedUser);
  await challengePage.expectChoice();
  await expectAccessible(page);
});

test('sign-in challenge: setting up two-step verification, its choice and the app', async ({
  browser,
  mfaRequiredPool,
  startThreshold,
}) => {
  // A pool that requires MFA, served by a second app (see mfa-required-pool.spec.ts).
  const app = await startThreshold(mfaRequiredPool.thresholdEnv);
  const context = await browser.newContext({ baseURL: app.baseURL });
  try {
    const page = await context.newPage();
    const signInPage = new SignInPage(page);
    const challengePage = new ChallengePage(page);
    await signInPage.goto();
    await signInPage.signInWithUsername(mfaRequiredPool.user.username, mfaRequiredPool.user.password);
    await challengePage.expectSetup();
    await expect(challengePage.authenticatorApp).toBeVisible();
    await expectAccessible(page);
    await challengePage.choose(challengePage.authenticatorApp);
    await challengePage.expectSetup();
    await expect(challengePage.enrolment.qrCode).toBeVisible();
    await expectAccessible(page);
  } finally {
    await context.close();
  }
});

test('sign-in challenge: new password, and with a field error', async ({
  page,
  signInPage,
  challengePage,
  outbox,
  poolAdmin,
  user,
}) => {
  await poolAdmin.inviteUser(user.email);
  await signInPage.goto();
  await signInPage.signInAs({ email: user.email, password: await outbox.temporaryPassword(user.email) });
  await challengePage.expectNewPassword();
  await expectAccessible(page);
  await challengePage.submitNewPassword('weak');
  await expect(challengePage.newPassword).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
});

test('sign-in: the ways in, and the passkey step', async ({ page, confirmedUser }) => {
  await page.goto('/sign-in');
  await page.locator('input[name="username"]').fill(confirmedUser.email);
  await page.locator('form[action="/api/sign-in"] button[type="submit"]').click();
  await expect(titleHeading(page, 'challenge.first_factor_title')).toBeVisible();
  await expectAccessible(page);
  await page.getByTestId('sign-in-passkey').click();
  await expect(titleHeading(page, 'challenge.passkey_title')).toBeVisible();
  await expectAccessible(page);
});

test('passkeys page, and adding one', async ({ page, confirmedUser }) => {
  await signIn(page, confirmedUser);
  await page.goto('/account/security/passkeys');
  await expect(titleHeading(page, 'passkeys.title')).toBeVisible();
  await expectAccessible(page);
  await page.getByTestId('add-passkey').click();
  await expect(page.getByTestId('create-passkey')).toBeVisible();
  await expectAccessible(page);
});

test('forgot-password page, and with a field error', async ({ page, forgotPasswordPage }) => {
  await forgotPasswordPage.goto();
  await expectAccessible(page);
  await forgotPasswordPage.requestCode('not-an-email');
  await expect(forgotPasswordPage.email).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
});

test('reset-password page, and with a field error', async ({
  page,
  forgotPasswordPage,
  resetPasswordPage,
  outbox,
  confirmedUser,
}) => {
  await forgotPasswordPage.goto();
  await forgotPasswordPage.requestCode(confirmedUser.email);
  await resetPasswordPage.expectShown();
  await expectAccessible(page);
  const code = await outbox.latestCode(confirmedUser.email, { purpose: 'forgot_password' });
  await resetPasswordPage.reset(wrongCodeFor(code), strongPassword());
  await expect(resetPasswordPage.code).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
});

test('profile page, and with a field error', async ({ page, accountPage, profilePage, confirmedUser }) => {
  await signIn(page, confirmedUser);
  await accountPage.editProfile.click();
  await profilePage.expectShown();
  await expectAccessible(page);
  await profilePage.company.fill('x'.repeat(300));
  await profilePage.save.click();
  await expect(profilePage.company).toHaveAttribute('aria-invalid', 'true');
  // The error summary leads to the field.
  await expect(page.getByTestId('error-summary').getByRole('link')).toHaveAttribute('href', '#field-custom:company');
  await expectAccessible(page);
});

test('change-email page, and with a field error', async ({ page, accountPage, changeEmailPage, confirmedUser }) => {
  await signIn(page, confirmedUser);
  await accountPage.changeEmail.click();
  await changeEmailPage.expectShown();
  await expectAccessible(page);
  await changeEmailPage.changeTo('not-an-email');
  await expect(changeEmailPage.newEmail).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
});

test('verify page, with a field error, and the account page with a pending email', async ({
  page,
  accountPage,
  changeEmailPage,
  verifyContactPage,
  outbox,
  confirmedUser,
}) => {
  const newEmail = uniqueEmail();
  await signIn(page, confirmedUser);
  await accountPage.changeEmail.click();
  await changeEmailPage.changeTo(newEmail);
  await verifyContactPage.expectEmail();
  await expectAccessible(page);
  await verifyContactPage.submitCode(wrongCodeFor(await outbox.latestCode(newEmail, { purpose: 'verify_attribute' })));
  await expect(verifyContactPage.code).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
  await accountPage.goto();
  await expect(accountPage.banner('account.pending_email_kept')).toBeVisible();
  await expectAccessible(page);
});

test('account page with an unverified email', async ({ page, accountPage, poolAdmin, confirmedUser }) => {
  await poolAdmin.call('AdminUpdateUserAttributes', {
    Username: confirmedUser.email,
    UserAttributes: [{ Name: 'email_verified', Value: 'false' }],
  });
  await signIn(page, confirmedUser);
  const banner = accountPage.banner('account.unverified_email');
  await expect(accountPage.sendVerificationCode(banner)).toBeVisible();
  await expectAccessible(page);
});

test('change-password page, and with a field error', async ({
  page,
  accountPage,
  changePasswordPage,
  confirmedUser,
}) => {
  await signIn(page, confirmedUser);
  await accountPage.changePassword.click();
  await changePasswordPage.expectShown();
  await expectAccessible(page);
  await changePasswordPage.change(strongPassword(), strongPassword());
  await expect(changePasswordPage.currentPassword).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
});

test('sign-out-everywhere confirmation page', async ({ page, accountPage, signOutEverywherePage, confirmedUser }) => {
  await signIn(page, confirmedUser);
  await accountPage.signOutEverywhere.click();
  await signOutEverywherePage.expectShown();
  await expectAccessible(page);
});

test('delete-account page, with a field error, and the goodbye page', async ({
  page,
  accountPage,
  deleteAccountPage,
  goodbyePage,
  confirmedUser,
}) => {
  await signIn(page, confirmedUser);
  await accountPage.deleteAccount.click();
  await deleteAccountPage.expectShown();
  await expectAccessible(page);
  await deleteAccountPage.confirmWith('yes');
  await expect(deleteAccountPage.confirmWord).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
  await deleteAccountPage.confirmWith(deleteAccountPage.word);
  await goodbyePage.expectShown();
  await expectAccessible(page);
});

test('development outbox', async ({ page, outboxPage, confirmedUser }) => {
  // confirmedUser puts at least one message in the outbox to render.
  expect(confirmedUser.email).toBeTruthy();
  await outboxPage.goto();
  await expectAccessible(page);
});

test('not-found page', async ({ page }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(titleHeading(page, 'not_found.title')).toBeVisible();
  await expectAccessible(page);
});
