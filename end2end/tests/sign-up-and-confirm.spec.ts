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
  await signUpPage.signUp(user);

  await confirmPage.expectShown();
  const code = await outbox.latestCode(user.email);
  await confirmPage.submitCode(code);

  await signInPage.expectShown();
  await signInPage.messages.expectInfo('confirm.confirmed');

  // Post/redirect/get: the message is shown once, a reload does not repeat it.
  await page.reload();
  await signInPage.expectShown();
  await signInPage.messages.expectNone();

  await signIn(page, user);
  await expect(page).toHaveURL((url) => url.pathname === '/account');
});
