import { expect, signIn, test } from '../fixtures';
import { SignInPage } from '../pages/sign-in-page';

test('"Sign out everywhere" is confirmed, and ends the session on another device at its next request', async ({
  page,
  browser,
  baseURL,
  javaScriptEnabled,
  accountPage,
  signOutEverywherePage,
  signInPage,
  confirmedUser,
}) => {
  const otherDevice = await browser.newContext({ baseURL, javaScriptEnabled });
  try {
    const otherPage = await otherDevice.newPage();
    await signIn(otherPage, confirmedUser);
    await signIn(page, confirmedUser);

    // A link to a confirmation page; cancelling keeps the session.
    await accountPage.signOutEverywhere.click();
    await signOutEverywherePage.expectShown();
    await signOutEverywherePage.cancel.click();
    await accountPage.expectShown(confirmedUser.email);

    await accountPage.signOutEverywhere.click();
    await signOutEverywherePage.expectShown();
    await signOutEverywherePage.signOutEverywhere.click();

    await signInPage.expectShown();
    await signInPage.messages.expectInfo('sign_out.everywhere_done');

    // The other device's next request lands on sign-in, which brings it back afterwards.
    await otherPage.goto('/account/password');
    const otherSignIn = new SignInPage(otherPage);
    await otherSignIn.expectShown();
    await expect(otherPage).toHaveURL((url) => url.searchParams.get('return_to') === '/account/password');
    await otherSignIn.messages.expectInfo('session.ended');
    await otherSignIn.signInAs(confirmedUser);
    await expect(otherPage).toHaveURL((url) => url.pathname === '/account/password');
  } finally {
    await otherDevice.close();
  }
});
