import { expect, signIn, test } from '../fixtures';
import { AccountPage } from '../pages/account-page';
import { SignInPage } from '../pages/sign-in-page';

test('"Sign out everywhere" also ends the session on another device', async ({
  page,
  browser,
  baseURL,
  javaScriptEnabled,
  accountPage,
  signInPage,
  confirmedUser,
}) => {
  const otherDevice = await browser.newContext({ baseURL, javaScriptEnabled });
  try {
    const otherPage = await otherDevice.newPage();
    await signIn(otherPage, confirmedUser);
    await signIn(page, confirmedUser);

    await accountPage.signOutEverywhere.click();

    await signInPage.expectShown();
    await expect(page.locator('[role="status"][data-message-id^="sign_out."]')).toBeVisible();

    // The other device's session no longer gets to the account page.
    const otherAccount = new AccountPage(otherPage);
    await otherAccount.goto();
    await new SignInPage(otherPage).expectShown();
    await expect(otherAccount.heading).toHaveCount(0);
  } finally {
    await otherDevice.close();
  }
});
