import { expect, signIn, test } from '../fixtures';

test('the account page shows who is signed in, and "Sign out" ends the session', async ({
  page,
  accountPage,
  signInPage,
  confirmedUser,
}) => {
  await signIn(page, confirmedUser);
  await expect(accountPage.signOut).toBeVisible();
  await expect(accountPage.signOutEverywhere).toBeVisible();

  await accountPage.signOut.click();

  await signInPage.expectShown();
  await signInPage.messages.expectInfo('sign_out.done');
  await page.reload();
  await signInPage.messages.expectNone();

  // The session is gone: /account sends the visitor to sign in again.
  await accountPage.goto();
  await signInPage.expectShown();
  await expect(page).toHaveURL((url) => url.searchParams.get('return_to') === '/account');
});
