import { expect, test } from '../fixtures';
import { expectFieldError } from '../pages/field';

test('an invited user signs in with the emailed temporary password and chooses their own', async ({
  signInPage,
  challengePage,
  accountPage,
  outbox,
  poolAdmin,
  user,
}) => {
  await poolAdmin.inviteUser(user.email);
  const temporary = await outbox.temporaryPassword(user.email);

  await signInPage.goto();
  await signInPage.signInAs({ email: user.email, password: temporary });
  await challengePage.expectNewPassword();
  await expect(challengePage.newPassword).toHaveAttribute('autocomplete', 'new-password');
  await expect(challengePage.passwordRequirements).toBeVisible();

  await challengePage.submitNewPassword('weak');
  await challengePage.expectNewPassword();
  await expectFieldError(challengePage.newPassword);

  await challengePage.submitNewPassword(user.password);
  await accountPage.expectShown(user.email);

  // The chosen password is the one that signs in from now on.
  await accountPage.signOut.click();
  await signInPage.expectShown();
  await signInPage.signInAs(user);
  await accountPage.expectShown(user.email);
});
