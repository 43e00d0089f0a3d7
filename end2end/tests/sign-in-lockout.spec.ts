import { expect, test } from '../fixtures';
import { newCredentials } from '../fixtures/credentials';

// Cognito locks sign-in out from the fifth wrong password ("Password
// attempts exceeded"), refusing even the right one for a while. The page
// says sign-in is paused, and says it alike for an address with no account.
test('after five wrong passwords sign-in pauses, even for the right one, alike for an unknown email', async ({
  signInPage,
  confirmedUser,
}) => {
  const stranger = newCredentials();
  for (const account of [confirmedUser, stranger]) {
    for (let attempt = 0; attempt < 5; attempt++) {
      await signInPage.goto();
      await signInPage.signInAs({ email: account.email, password: `${account.password}-wrong` });
      await signInPage.messages.expectError('sign_in.incorrect_credentials');
    }
    await signInPage.goto();
    await signInPage.signInAs(account);
    await signInPage.expectShown();
    await signInPage.messages.expectError('sign_in.locked_out');
    await expect(signInPage.email).toHaveValue(account.email);
  }
});
