import { expect, test } from '../fixtures';
import { wrongCodeFor } from '../fixtures/outbox';

test('a wrong confirmation code is refused with a message, and the right one still works', async ({
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

  await confirmPage.submitCode(wrongCodeFor(code));

  await confirmPage.expectShown();
  await confirmPage.messages.expectError('confirm.code_mismatch');
  await expect(page.getByRole('alert')).toHaveCount(1);

  await page.reload();
  await confirmPage.expectShown();
  await confirmPage.messages.expectNone();

  await confirmPage.submitCode(code);
  await signInPage.expectShown();
  await signInPage.messages.expectInfo('confirm.confirmed');
});
