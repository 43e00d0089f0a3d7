import { expect, test } from '../fixtures';
import { expectFieldError } from '../pages/field';

test('a password that breaks the policy is tied to its field; the email stays filled', async ({
  signUpPage,
  user,
}) => {
  await signUpPage.goto();
  await signUpPage.signUp({ email: user.email, password: 'onlylowercaseletters' });

  await signUpPage.expectShown();
  await expectFieldError(signUpPage.password);
  await expect(signUpPage.email).toHaveValue(user.email);
  await expect(signUpPage.password).toHaveValue('');
});
