import { expect, test } from '../fixtures';
import { strongPassword, uniqueEmail } from '../kit';
import { wrongCodeFor } from '../fixtures/outbox';
import { expectFieldError, expectFieldErrorId } from '../pages/field';
import { ForgotPasswordPage } from '../pages/forgot-password-page';
import { ResetPasswordPage } from '../pages/reset-password-page';

test('a forgotten password is reset with the emailed code, and the new one signs in', async ({
  page,
  accountPage,
  signInPage,
  forgotPasswordPage,
  resetPasswordPage,
  outbox,
  confirmedUser,
}) => {
  // Signed out, /account asks for a sign-in; "Forgot your password?" keeps where to go back to.
  await accountPage.goto();
  await signInPage.expectShown();
  await signInPage.forgotPasswordLink.click();
  await forgotPasswordPage.expectShown();
  await expect(page).toHaveURL((url) => url.searchParams.get('return_to') === '/account');
  await expect(forgotPasswordPage.email).toHaveAttribute('name', 'username');
  await expect(forgotPasswordPage.email).toHaveAttribute('type', 'email');
  await expect(forgotPasswordPage.email).toHaveAttribute('autocomplete', 'username');
  await expect(forgotPasswordPage.backToSignIn).toHaveAttribute('href', /^\/sign-in/);

  await forgotPasswordPage.requestCode(confirmedUser.email);

  await resetPasswordPage.expectShown();
  await resetPasswordPage.messages.expectIntroOnly('reset_password.intro');
  await expect(resetPasswordPage.code).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(resetPasswordPage.code).toHaveAttribute('inputmode', 'numeric');
  await expect(resetPasswordPage.newPassword).toHaveAttribute('autocomplete', 'new-password');
  await expect(resetPasswordPage.passwordRequirements.getByRole('listitem').first()).toBeVisible();
  const code = await outbox.latestCode(confirmedUser.email, { purpose: 'forgot_password' });
  const newPassword = strongPassword();

  // A wrong code is the code field's error; the page stays put.
  await resetPasswordPage.reset(wrongCodeFor(code), newPassword);
  await resetPasswordPage.expectShown();
  await expectFieldError(resetPasswordPage.code);
  await expectFieldErrorId(page, 'code', 'code.mismatch');

  // A password that breaks the policy is the password field's error.
  await resetPasswordPage.reset(code, 'onlylowercaseletters');
  await resetPasswordPage.expectShown();
  await expectFieldError(resetPasswordPage.newPassword);
  await expectFieldErrorId(page, 'password', 'password.needs_uppercase');

  await resetPasswordPage.reset(code, newPassword);

  await signInPage.expectShown();
  await signInPage.messages.expectInfo('reset_password.done');
  await expect(signInPage.email).toHaveValue(confirmedUser.email);
  await expect(page).toHaveURL((url) => url.searchParams.get('return_to') === '/account');

  // The old password no longer works; the new one does, and return_to is honoured.
  await signInPage.submitPassword(confirmedUser.password);
  await signInPage.expectPasswordAgain();
  await signInPage.messages.expectError('sign_in.incorrect_credentials');
  await signInPage.submitPassword(newPassword);
  await accountPage.expectShown(confirmedUser.email);
});

test('an unknown email gets the same page and the same words as a known one', async ({
  page,
  browser,
  baseURL,
  javaScriptEnabled,
  forgotPasswordPage,
  resetPasswordPage,
  outbox,
  confirmedUser,
}) => {
  // uniqueEmail() is e2e+<random>@example.com, like confirmedUser's, so
  // the masked address on the page (e***@e***) is the same too.
  const unknown = uniqueEmail();
  const stranger = await browser.newContext({ baseURL, javaScriptEnabled });
  try {
    const strangerPage = await stranger.newPage();
    const known = { forgot: forgotPasswordPage, reset: resetPasswordPage };
    const other = { forgot: new ForgotPasswordPage(strangerPage), reset: new ResetPasswordPage(strangerPage) };

    await known.forgot.goto();
    await known.forgot.requestCode(confirmedUser.email);
    await other.forgot.goto();
    await other.forgot.requestCode(unknown);

    await known.reset.expectShown();
    await other.reset.expectShown();
    await known.reset.messages.expectIntroOnly('reset_password.intro');
    await other.reset.messages.expectIntroOnly('reset_password.intro');
    // Everything a visitor reads on the page is the same, word for word.
    expect(await strangerPage.getByRole('main').innerText()).toBe(await page.getByRole('main').innerText());
    expect(new URL(strangerPage.url()).pathname).toBe(new URL(page.url()).pathname);

    // Only the known account actually got a code.
    const code = await outbox.latestCode(confirmedUser.email, { purpose: 'forgot_password' });
    expect(await outbox.count(unknown, 'forgot_password')).toBe(0);

    // Any code for the unknown account is simply "not right", as a wrong one is for a known account.
    await known.reset.reset(wrongCodeFor(code), strongPassword());
    await other.reset.reset(code, strongPassword());
    await expectFieldErrorId(page, 'code', 'code.mismatch');
    await expectFieldErrorId(strangerPage, 'code', 'code.mismatch');
    expect(await strangerPage.getByRole('main').innerText()).toBe(await page.getByRole('main').innerText());

    // "Send a new code" answers the same way too.
    await known.reset.sendNewCode.click();
    await other.reset.sendNewCode.click();
    await known.reset.messages.expectInfo('reset_password.code_resent');
    await other.reset.messages.expectInfo('reset_password.code_resent');
    expect(await strangerPage.getByRole('main').innerText()).toBe(await page.getByRole('main').innerText());
  } finally {
    await stranger.close();
  }
});
