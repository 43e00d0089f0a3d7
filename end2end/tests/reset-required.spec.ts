import { expect, test } from '../fixtures';
import { strongPassword } from '../kit';

test('a reset an operator demands is done at sign-in with the emailed code, keeping return_to', async ({
  page,
  signInPage,
  resetPasswordPage,
  profilePage,
  outbox,
  poolAdmin,
  confirmedUser,
}) => {
  await poolAdmin.requirePasswordReset(confirmedUser.email);
  // The operator's reset emails a code already; signing in sends the one to use.
  const sent = await outbox.count(confirmedUser.email, 'forgot_password');

  await signInPage.goto('/account/profile');
  await signInPage.signInAs(confirmedUser);

  await resetPasswordPage.expectShown();
  await resetPasswordPage.messages.expectIntroOnly('reset_password.required');
  const code = await outbox.latestCode(confirmedUser.email, { purpose: 'forgot_password', after: sent });
  const newPassword = strongPassword();
  await resetPasswordPage.reset(code, newPassword);

  await signInPage.expectShown();
  await signInPage.messages.expectInfo('reset_password.done');
  await expect(signInPage.email).toHaveValue(confirmedUser.email);
  await expect(page).toHaveURL((url) => url.searchParams.get('return_to') === '/account/profile');

  // The old password is refused; the new one signs in, on to where the visitor was going.
  await signInPage.submitPassword(confirmedUser.password);
  await signInPage.expectPasswordAgain();
  await signInPage.messages.expectError('sign_in.incorrect_credentials');
  await signInPage.submitPassword(newPassword);
  await profilePage.expectShown();
});
