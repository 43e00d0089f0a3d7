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

// Threshold on auth.threshold.test in front of a product on
// app.threshold.test, both through Debian's nginx, as auth.example.com and
// app.example.com would be (the config maps *.threshold.test to loopback).
// The session cookie reaches the product because THRESHOLD_COOKIE_DOMAIN
// shares it with the parent domain. Plain HTTP on a host other than
// localhost is no secure context, so cookies are not `Secure` here
// (THRESHOLD_SECURE_COOKIES=false), which also drops the `__Secure-` prefix.
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
  const authURL = `http://auth.threshold.test:${authPort}`;
  const appURL = `http://app.threshold.test:${appPort}`;
  const threshold = await startThreshold({
    THRESHOLD_PUBLIC_URL: authURL,
    THRESHOLD_RETURN_TO_ALLOWLIST: appURL,
    THRESHOLD_COOKIE_DOMAIN: 'threshold.test',
    THRESHOLD_SECURE_COOKIES: 'false',
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
    // The code signed the new user in; they sign out to start as a stranger.
    await accountPage.expectShown(user.email);
    await accountPage.signOut.click();
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
    const cookies = await page.context().cookies(appURL);
    expect(cookies.map((c) => [c.name, c.domain])).toEqual([['threshold', '.threshold.test']]);
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
