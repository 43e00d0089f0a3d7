import { expect, test } from '../fixtures';
import { Authenticator } from '../kit';
import { AccountPage } from '../pages/account-page';
import { ChallengePage } from '../pages/challenge-page';
import { SignInPage } from '../pages/sign-in-page';

// The app under test runs on an MFA-optional pool; this spec makes a pool
// that requires MFA (on the same embedded local pool) and a second
// Threshold process for it. One authenticator code is enough, so it runs
// with the rest, not in tests/clock/.

test('in a pool that requires MFA, a user without any sets up an authenticator app while signing in', async ({
  browser,
  javaScriptEnabled,
  poolClock,
  mfaRequiredPool,
  startThreshold,
}) => {
  const app = await startThreshold(mfaRequiredPool.thresholdEnv);
  const { username, password } = mfaRequiredPool.user;
  // Its own context: localhost cookies do not tell ports apart.
  const context = await browser.newContext({ baseURL: app.baseURL, javaScriptEnabled });
  try {
    const page = await context.newPage();
    const signInPage = new SignInPage(page);
    const challengePage = new ChallengePage(page);
    const accountPage = new AccountPage(page);

    await signInPage.goto();
    await signInPage.signInWithUsername(username, password);

    // First the method to set up (here only the app, the one the pool allows) …
    await challengePage.expectSetup();
    await expect(challengePage.authenticatorApp).toBeVisible();
    await challengePage.choose(challengePage.authenticatorApp);

    // … then its secret and first code, still signing in.
    await challengePage.expectSetup();
    await expect(challengePage.enrolment.qrCode).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/);
    const link = new URL((await challengePage.enrolment.openInApp.getAttribute('href')) ?? '');
    expect(decodeURIComponent(link.pathname)).toBe(`/Threshold:${username}`);
    const authenticator = new Authenticator(await challengePage.enrolment.readSecret(), poolClock);
    await challengePage.enrolment.submitCode(await authenticator.nextCode());

    await accountPage.expectShown();
    await accountPage.security.expectRequirement('on');
    await accountPage.security.expectState('totp', ['on', 'preferred']);
  } finally {
    await context.close();
  }
});
