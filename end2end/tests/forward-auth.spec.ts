import { expect, test } from '../fixtures';
import { Nginx } from '../fixtures/nginx';
import { freeLoopbackPort, type ThresholdProcess } from '../fixtures/threshold-process';

/** The newest sign-up code `app`'s embedded pool sent to `email`. */
async function signUpCode(app: ThresholdProcess, email: string): Promise<string> {
  let code = '';
  await expect
    .poll(async () => {
      const response = await fetch(`${app.baseURL}/_dev/outbox.json?${new URLSearchParams({ destination: email })}`);
      const body = (await response.json()) as { messages: { code: string | null; purpose: string }[] };
      code = body.messages.filter((m) => m.purpose === 'sign_up').at(-1)?.code ?? '';
      return code;
    })
    .toMatch(/^\d+$/);
  return code;
}

// Threshold on "auth" (localhost:<auth port>) in front of a product on "app"
// (localhost:<app port>), both through Debian's nginx; the session cookie,
// host-only on localhost, reaches both ports as a cookie for a parent domain
// (THRESHOLD_COOKIE_DOMAIN) reaches both subdomains.
test('an app behind nginx opens after signing in through Threshold and closes on sign-out', async ({
  page,
  startThreshold,
  signUpPage,
  confirmPage,
  signInPage,
  accountPage,
  user,
}) => {
  const [authPort, appPort, upstreamPort] = [
    await freeLoopbackPort(),
    await freeLoopbackPort(),
    await freeLoopbackPort(),
  ];
  const authURL = `http://localhost:${authPort}`;
  const appURL = `http://localhost:${appPort}`;
  const threshold = await startThreshold({
    THRESHOLD_PUBLIC_URL: authURL,
    THRESHOLD_RETURN_TO_ALLOWLIST: appURL,
  });
  const nginx = await Nginx.start(
    threshold.baseURL.replace('localhost', '127.0.0.1'),
    authPort,
    appPort,
    upstreamPort,
  );
  try {
    await page.goto(`${authURL}/sign-up`);
    await signUpPage.signUp(user);
    await confirmPage.expectShown();
    await confirmPage.submitCode(await signUpCode(threshold, user.email));
    await signInPage.expectShown();

    // Not signed in: the product sends the visitor to sign-in on Threshold,
    // and back to the page they asked for afterwards.
    const wanted = `${appURL}/reports?year=2026&team=ops`;
    await page.goto(wanted);
    await signInPage.expectShown();
    expect(new URL(page.url()).origin).toBe(authURL);
    expect(new URL(page.url()).searchParams.get('return_to')).toBe(wanted);
    await signInPage.signInAs(user);
    await expect(page).toHaveURL(wanted);
    await expect(page.getByTestId('upstream-email')).toHaveText(user.email);
    await expect(page.getByTestId('upstream-user')).toHaveText(/^[0-9a-f-]{36}$/);

    // Signing out on Threshold closes the product again.
    await page.goto(`${authURL}/account`);
    await accountPage.signOut.click();
    await signInPage.expectShown();
    await page.goto(`${appURL}/reports`);
    await signInPage.expectShown();
    expect(new URL(page.url()).origin).toBe(authURL);
    await expect(page.getByTestId('upstream-user')).toHaveCount(0);
  } finally {
    await nginx.stop();
  }
});
