import { expect, signIn, test } from '../fixtures';
import { uniqueEmail } from '../kit';
import { wrongCodeFor } from '../fixtures/outbox';
import { AccountPage } from '../pages/account-page';
import { expectFieldError, expectFieldErrorId } from '../pages/field';

test('a new email address is verified with a code sent to it, and then signs in', async ({
  page,
  browser,
  baseURL,
  javaScriptEnabled,
  accountPage,
  changeEmailPage,
  verifyContactPage,
  outbox,
  confirmedUser,
}) => {
  const newEmail = uniqueEmail();
  await signIn(page, confirmedUser);
  await accountPage.changeEmail.click();
  await changeEmailPage.expectShown();
  await expect(changeEmailPage.newEmail).toHaveAttribute('type', 'email');
  await expect(changeEmailPage.newEmail).toHaveAttribute('autocomplete', 'email');

  await changeEmailPage.changeTo(newEmail);

  await verifyContactPage.expectEmail();
  await expect(page.locator('[data-message-id^="verify.intro"]')).toBeVisible();
  await verifyContactPage.messages.expectNoNotice();
  await expect(verifyContactPage.code).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(verifyContactPage.code).toHaveAttribute('inputmode', 'numeric');
  // The code goes to the new address, not the old one.
  const code = await outbox.latestCode(newEmail, { purpose: 'verify_attribute' });
  expect(await outbox.count(confirmedUser.email, 'verify_attribute')).toBe(0);

  // Until it is verified, the account page shows the pending address, and the old one still signs in.
  await accountPage.goto();
  await accountPage.expectShown(confirmedUser.email);
  const pending = accountPage.banner('account.pending_email_kept');
  await expect(pending).toContainText(newEmail);
  await expect(pending).toContainText(confirmedUser.email);
  const elsewhere = await browser.newContext({ baseURL, javaScriptEnabled });
  try {
    await signIn(await elsewhere.newPage(), confirmedUser);
  } finally {
    await elsewhere.close();
  }

  await accountPage.enterCode(pending).click();
  await verifyContactPage.expectEmail();

  await verifyContactPage.submitCode(wrongCodeFor(code));
  await verifyContactPage.expectEmail();
  await expectFieldError(verifyContactPage.code);
  await expectFieldErrorId(page, 'code', 'code.mismatch');

  await verifyContactPage.submitCode(code);

  await accountPage.expectShown(newEmail);
  await accountPage.messages.expectInfo('verify.email_done');
  await expect(accountPage.banners).toHaveCount(0);

  const later = await browser.newContext({ baseURL, javaScriptEnabled });
  try {
    const laterPage = await later.newPage();
    await signIn(laterPage, { email: newEmail, password: confirmedUser.password });
    await new AccountPage(laterPage).expectShown(newEmail);
  } finally {
    await later.close();
  }
});
