import { expect, signIn, signOut, test } from '../fixtures';
import { strongPassword } from '../kit';
import { expectFieldError, expectFieldErrorId } from '../pages/field';

test('the password is changed with the current one; a wrong current password is its field error', async ({
  page,
  accountPage,
  changePasswordPage,
  signInPage,
  confirmedUser,
}) => {
  const newPassword = strongPassword();
  await signIn(page, confirmedUser);
  await accountPage.changePassword.click();
  await changePasswordPage.expectShown();
  await expect(changePasswordPage.currentPassword).toHaveAttribute('autocomplete', 'current-password');
  await expect(changePasswordPage.newPassword).toHaveAttribute('autocomplete', 'new-password');
  await expect(changePasswordPage.passwordRequirements.getByRole('listitem').first()).toBeVisible();

  await changePasswordPage.change(strongPassword(), newPassword);

  await changePasswordPage.expectShown();
  await expectFieldError(changePasswordPage.currentPassword);
  await expectFieldErrorId(page, 'current_password', 'change_password.wrong_current');

  await changePasswordPage.change(confirmedUser.password, newPassword);

  await accountPage.expectShown(confirmedUser.email);
  await accountPage.messages.expectInfo('change_password.done');

  // The old password is gone, the new one signs in.
  await signOut(page);
  await signInPage.signInAs(confirmedUser);
  await signInPage.expectPasswordAgain();
  await signInPage.messages.expectError('sign_in.incorrect_credentials');
  await signIn(page, { email: confirmedUser.email, password: newPassword });
});
