import { expect, signIn, test } from '../fixtures';

test('a new user signs up, confirms with the emailed code and can sign in', async ({
  page,
  signUpPage,
  confirmPage,
  signInPage,
  outbox,
  user,
}) => {
  await signUpPage.goto();
  await expect(signUpPage.email).toHaveAttribute('autocomplete', 'email');
  await expect(signUpPage.email).toHaveAttribute('name', 'email');
  await expect(signUpPage.password).toHaveAttribute('autocomplete', 'new-password');
  await expect(signUpPage.password).toHaveAttribute('name', 'password');
  await expect(signUpPage.passwordRequirements.getByRole('listitem').first()).toBeVisible();
  await expect(signUpPage.signInLink).toBeVisible();

  await signUpPage.signUp(user);

  await confirmPage.expectShown();
  await expect(confirmPage.code).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(confirmPage.code).toHaveAttribute('inputmode', 'numeric');
  await expect(confirmPage.sendNewCode).toBeVisible();
  await expect(confirmPage.outboxLink).toHaveAttribute('href', '/_dev/outbox');

  const code = await outbox.latestCode(user.email);
  await confirmPage.submitCode(code);

  await signInPage.expectShown();
  await signInPage.messages.expectInfo('confirm.confirmed');

  // Post/redirect/get: the message is shown once, a reload does not repeat it.
  await page.reload();
  await signInPage.expectShown();
  await signInPage.messages.expectNone();

  await signIn(page, user);
});
