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

test('the account page lists the groups the user is in, and nothing for a user in none', async ({
  page,
  accountPage,
  poolAdmin,
  confirmedUser,
}) => {
  await signIn(page, confirmedUser);
  await expect(accountPage.heading).toBeVisible();
  await expect(accountPage.groups).toHaveCount(0);
  await accountPage.signOut.click();

  // Groups reach the tokens at the next sign-in.
  await poolAdmin.addToGroups(confirmedUser.email, ['support', 'admins']);
  await signIn(page, confirmedUser);
  await expect(accountPage.groups.getByRole('listitem')).toHaveText(['admins', 'support']);
});
