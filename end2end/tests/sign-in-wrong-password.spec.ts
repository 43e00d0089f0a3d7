import { expect, test } from '../fixtures';
import { newUser } from '../kit';

test('a wrong password is refused; the email stays filled, the password does not', async ({
  page,
  signInPage,
  confirmedUser,
}) => {
  await signInPage.goto();
  await signInPage.signInAs({ email: confirmedUser.email, password: `${confirmedUser.password}-wrong` });

  await signInPage.expectPasswordAgain();
  await signInPage.messages.expectError('sign_in.incorrect_credentials');
  await signInPage.expectNameKept(confirmedUser.email);
  await expect(signInPage.password).toHaveValue('');

  await page.reload();
  await signInPage.expectPasswordAgain();
  await signInPage.messages.expectNone();
});

test('an unknown email gets exactly the answer a wrong password gets', async ({ signInPage }) => {
  const stranger = newUser();
  await signInPage.goto();
  await signInPage.signInAs(stranger);

  await signInPage.expectPasswordAgain();
  await signInPage.messages.expectError('sign_in.incorrect_credentials');
  await signInPage.expectNameKept(stranger.email);
  await expect(signInPage.password).toHaveValue('');
});
