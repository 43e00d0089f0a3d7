import { expect, signIn, signOut, test } from '../fixtures';

test('a new user signs up, and the emailed code confirms the account and signs them in', async ({
  page,
  signUpPage,
  confirmPage,
  accountPage,
  outbox,
  user,
}) => {
  await signUpPage.goto();
  await signUpPage.signUp(user);

  await confirmPage.expectShown();
  const code = await outbox.latestCode(user.email);
  await confirmPage.submitCode(code);

  // No second password entry: the code was the first factor.
  await accountPage.expectShown(user.email);
  await accountPage.messages.expectInfo('confirm.signed_in');

  // Post/redirect/get: the message is shown once, a reload does not repeat it.
  await page.reload();
  await accountPage.expectShown(user.email);
  await accountPage.messages.expectNone();

  // The password they chose signs them in next time.
  await signOut(page);
  await signIn(page, user);
  await expect(page).toHaveURL((url) => url.pathname === '/account');
});
