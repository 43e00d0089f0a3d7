import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { enrolAuthenticatorApp, expect, signIn, signInToChallenge, signOut, test } from '../fixtures';
import { newUser } from '../kit';
import type { PoolAdmin } from '../fixtures/pool-admin';
import type { PoolClock } from '../fixtures/pool-clock';
import { AccountPage } from '../pages/account-page';
import { ChallengePage } from '../pages/challenge-page';
import { ConfirmPage } from '../pages/confirm-page';
import { ForgotPasswordPage } from '../pages/forgot-password-page';
import { setLanguage } from '../pages/i18n';
import { ResetPasswordPage } from '../pages/reset-password-page';
import { SignUpPage } from '../pages/sign-up-page';
import { TotpSetupPage } from '../pages/totp-setup-page';

// Photographs every page of Threshold into docs/screenshots/, in the light
// and the dark scheme and in Arabic (right to left), on a desktop, and the
// main pages on a 320 px phone. Run with `scripts/screenshots`; the README
// shows them.

const OUT = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');

interface Variant {
  suffix: string;
  locale: string;
  colorScheme: 'light' | 'dark';
  viewport: { width: number; height: number };
}

const DESKTOP = { width: 1200, height: 860 };
const PHONE = { width: 320, height: 640 };

const VARIANTS: Variant[] = [
  { suffix: 'light', locale: 'en', colorScheme: 'light', viewport: DESKTOP },
  { suffix: 'dark', locale: 'en', colorScheme: 'dark', viewport: DESKTOP },
  { suffix: 'ar', locale: 'ar', colorScheme: 'light', viewport: DESKTOP },
];

async function shoot(page: Page, name: string, suffix: string): Promise<void> {
  // The address bar's data would differ per run; the page itself does not.
  await page.screenshot({ path: path.join(OUT, `${name}-${suffix}.png`), fullPage: true });
}

async function photograph(
  browser: Browser,
  baseURL: string,
  variant: Variant,
  poolAdmin: PoolAdmin,
  poolClock: PoolClock,
  only?: string[],
): Promise<void> {
  const context = await browser.newContext({
    baseURL,
    locale: variant.locale,
    colorScheme: variant.colorScheme,
    viewport: variant.viewport,
    reducedMotion: 'reduce',
  });
  setLanguage(variant.locale);
  const page = await context.newPage();
  const wanted = (name: string) => !only || only.includes(name);
  const take = async (name: string) => {
    if (wanted(name)) await shoot(page, name, variant.suffix);
  };
  try {
    const user = newUser();
    await poolAdmin.createConfirmedUser(user.email, user.password);

    await page.goto('/sign-in');
    await take('sign-in');

    const signUp = new SignUpPage(page);
    await signUp.goto();
    await signUp.email.fill('not an address');
    await signUp.password.fill('short');
    await signUp.createAccount.click();
    await signUp.expectShown();
    await take('sign-up-errors');
    await signUp.signUp(newUser());
    await new ConfirmPage(page).expectShown();
    await take('confirm');

    await signIn(page, user);
    await take('account');
    const account = new AccountPage(page);
    for (const [name, href] of [
      ['profile', '/account/profile'],
      ['change-password', '/account/password'],
      ['delete-account', '/account/delete'],
    ] as const) {
      if (!wanted(name)) continue;
      await page.goto(href);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await take(name);
    }
    if (wanted('totp-setup') || wanted('challenge-app-code')) {
      await account.goto();
      await account.security.setUpApp.click();
      await new TotpSetupPage(page).expectShown();
      await take('totp-setup');
      await account.goto();
      await enrolAuthenticatorApp(page, poolClock);
      await signOut(page);
      await signInToChallenge(page, user);
      await new ChallengePage(page).expectAppCode();
      await take('challenge-app-code');
    }

    if (wanted('forgot-password') || wanted('reset-password')) {
      const forgot = new ForgotPasswordPage(page);
      await forgot.goto();
      await take('forgot-password');
      await forgot.requestCode(user.email);
      await new ResetPasswordPage(page).expectShown();
      await take('reset-password');
    }
  } finally {
    await context.close();
  }
}

for (const variant of VARIANTS) {
  test(`every page, ${variant.suffix}`, async ({ browser, baseURL, poolAdmin, poolClock }) => {
    await photograph(browser, baseURL!, variant, poolAdmin, poolClock);
  });
}

test('the main pages on a 320 px phone', async ({ browser, baseURL, poolAdmin, poolClock }) => {
  await photograph(
    browser,
    baseURL!,
    { suffix: 'phone', locale: 'en', colorScheme: 'light', viewport: PHONE },
    poolAdmin,
    poolClock,
    ['sign-in', 'account'],
  );
});
