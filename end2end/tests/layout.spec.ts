import type { Page } from '@playwright/test';
import { expect, signIn, test } from '../fixtures';

// WCAG 1.4.10 Reflow: at 320 CSS pixels wide (a small phone, or a desktop
// at 400 % zoom) nothing needs scrolling sideways.

test.use({ viewport: { width: 320, height: 640 } });

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test('the public pages fit a 320 px screen', async ({ page }) => {
  for (const path of ['/sign-in', '/sign-up', '/forgot-password']) {
    await page.goto(path);
    await expectNoSidewaysScroll(page);
  }
});

test('the account pages fit a 320 px screen', async ({ page, accountPage, totpSetupPage, confirmedUser }) => {
  await signIn(page, confirmedUser);
  await expectNoSidewaysScroll(page);
  for (const path of ['/account/profile', '/account/password', '/account/delete']) {
    await page.goto(path);
    await expectNoSidewaysScroll(page);
  }
  await accountPage.goto();
  await accountPage.security.setUpApp.click();
  await totpSetupPage.expectShown();
  await expectNoSidewaysScroll(page);
});
