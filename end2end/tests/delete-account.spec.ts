import { expect, signIn, test } from '../fixtures';
import { expectFieldError, expectFieldErrorId } from '../pages/field';

test('the account is deleted after typing DELETE, and cannot sign in again', async ({
  page,
  accountPage,
  deleteAccountPage,
  goodbyePage,
  signInPage,
  confirmedUser,
}) => {
  await signIn(page, confirmedUser);
  await expect(accountPage.deleteHeading).toBeVisible();
  await accountPage.deleteAccount.click();
  await deleteAccountPage.expectShown();
  await expect(deleteAccountPage.confirmWord).toHaveAttribute('name', 'confirm');
  // The name a voice-control user says holds the word to type as a word of
  // its own, with no invisible characters (bidi isolation marks) around it.
  await expect(deleteAccountPage.confirmWord).toHaveAccessibleName(/(^|\s)DELETE(\s|$)/);
  await expect(deleteAccountPage.confirmWord).not.toHaveAccessibleName(/[\u2066-\u2069\u200e\u200f]/);

  // Any other word is refused, and nothing is deleted: the word in
  // other letters ("delete") too, since the page says to type it as shown.
  for (const other of ['yes', 'delete']) {
    await deleteAccountPage.confirmWith(other);
    await deleteAccountPage.expectShown();
    await expectFieldError(deleteAccountPage.confirmWord);
    await expectFieldErrorId(page, 'confirm', 'delete_account.word_mismatch');
  }

  await deleteAccountPage.confirmWith('DELETE');

  await goodbyePage.expectShown();
  // The page says the account is deleted; no notice above says it again.
  await expect(page.locator('.flash')).toHaveCount(0);
  await expect(goodbyePage.createAccountLink).toHaveAttribute('href', /^\/sign-up/);

  // Signed out, and the account is gone.
  await accountPage.goto();
  await signInPage.expectShown();
  await signInPage.signInAs(confirmedUser);
  await signInPage.expectPasswordAgain();
  await signInPage.messages.expectError('sign_in.incorrect_credentials');
});
