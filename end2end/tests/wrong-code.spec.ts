import { expect, test } from '../fixtures';
import { wrongCodeFor } from '../fixtures/outbox';
import { expectFieldError, expectNoFieldError } from '../pages/field';

test('a wrong confirmation code is refused with a message, and the right one still works', async ({
  page,
  signUpPage,
  confirmPage,
  accountPage,
  outbox,
  user,
}) => {
  await signUpPage.goto();
  await signUpPage.signUp(user);
  await confirmPage.expectShown();
  const code = await outbox.latestCode(user.email);

  await confirmPage.submitCode(wrongCodeFor(code));

  await confirmPage.expectShown();
  // The error is tied to the code field and carries its stable id, whether
  // it is shown as a flash message or as the field's own error.
  await expectFieldError(confirmPage.code);
  await expect(confirmPage.messages.byId('code.mismatch').first()).toBeVisible();

  await page.reload();
  await confirmPage.expectShown();
  await confirmPage.messages.expectNone();
  await expectNoFieldError(confirmPage.code);

  await confirmPage.submitCode(code);
  // The code signs the new user in.
  await accountPage.expectShown(user.email);
  await accountPage.messages.expectInfo('confirm.signed_in');
});
