import { expect, signIn, test } from '../fixtures';
import { wrongCodeFor } from '../fixtures/outbox';
import { expectFieldError, expectFieldErrorId } from '../pages/field';

test('a new phone number is verified with a code texted to it, and shown on the account page', async ({
  page,
  accountPage,
  changePhonePage,
  verifyContactPage,
  outbox,
  phoneNumber,
  confirmedUser,
}) => {
  await signIn(page, confirmedUser);
  await accountPage.changePhone.click();
  await changePhonePage.expectShown();
  await expect(changePhonePage.newPhone).toHaveAttribute('type', 'tel');
  await expect(changePhonePage.newPhone).toHaveAttribute('autocomplete', 'tel');

  await changePhonePage.changeTo(phoneNumber);

  await verifyContactPage.expectPhone();
  await expect(page.locator('[data-message-id^="verify.intro"]')).toBeVisible();
  await verifyContactPage.messages.expectNoNotice();
  await expect(verifyContactPage.code).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(verifyContactPage.code).toHaveAttribute('inputmode', 'numeric');
  const code = await outbox.latestCode(phoneNumber, { purpose: 'verify_attribute' });

  await verifyContactPage.submitCode(wrongCodeFor(code));
  await verifyContactPage.expectPhone();
  await expectFieldError(verifyContactPage.code);
  await expectFieldErrorId(page, 'code', 'code.mismatch');

  await verifyContactPage.submitCode(code);

  await accountPage.expectShown(confirmedUser.email);
  await accountPage.messages.expectInfo('verify.phone_done');
  await expect(page.getByRole('main').getByText(phoneNumber).first()).toBeVisible();
  await expect(accountPage.banners).toHaveCount(0);
});
