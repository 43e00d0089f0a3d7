import { expect, test } from '../fixtures';

// What browsers, password managers and assistive technology rely on: names,
// autocomplete tokens, input modes and the links between the pages.

test('the sign-up form names its fields and lists the password requirements', async ({ signUpPage }) => {
  await signUpPage.goto();
  await expect(signUpPage.email).toHaveAttribute('name', 'email');
  await expect(signUpPage.email).toHaveAttribute('autocomplete', 'email');
  await expect(signUpPage.password).toHaveAttribute('name', 'password');
  await expect(signUpPage.password).toHaveAttribute('autocomplete', 'new-password');
  await expect(signUpPage.passwordRequirements.getByRole('listitem').first()).toBeVisible();
  await expect(signUpPage.signInLink).toHaveAttribute('href', /^\/sign-in/);
});

test('the confirmation form asks for a one-time code and links the outbox', async ({
  signUpPage,
  confirmPage,
  user,
}) => {
  await signUpPage.goto();
  await signUpPage.signUp(user);
  await confirmPage.expectShown();
  await expect(confirmPage.code).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(confirmPage.code).toHaveAttribute('inputmode', 'numeric');
  await expect(confirmPage.sendNewCode).toBeVisible();
  await expect(confirmPage.outboxLink).toHaveAttribute('href', '/_dev/outbox');
});

test('the sign-in form names its fields for password managers', async ({ page, signInPage, confirmedUser }) => {
  await signInPage.goto();
  await expect(signInPage.email).toHaveAttribute('name', 'username');
  await expect(signInPage.email).toHaveAttribute('autocomplete', 'username');
  await expect(signInPage.createAccountLink).toHaveAttribute('href', /^\/sign-up/);
  // With choice-based sign-in the password comes on the next page, which
  // names the account for the password manager too.
  if ((await signInPage.password.count()) === 0) {
    await signInPage.email.fill(confirmedUser.email);
    await signInPage.continue.click();
    await expect(signInPage.waysIn).toBeVisible();
    await expect(page.locator('input[autocomplete="username"]')).toHaveValue(confirmedUser.email);
  }
  await expect(signInPage.password).toHaveAttribute('autocomplete', 'current-password');
});
