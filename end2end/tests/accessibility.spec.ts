import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, signIn, test } from '../fixtures';

// axe runs as a script in the page, so the scan needs JavaScript; the pages
// are rendered on the server, so what it sees is what a no-JS visitor gets.
test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'axe needs JavaScript in the page');

/** A proper title and language, and zero WCAG 2.1 A/AA violations. */
async function expectAccessible(page: Page): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('lang', /^[a-z]{2}/);
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(
    results.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) })),
  ).toEqual([]);
}

test('sign-in page', async ({ page, signInPage }) => {
  await signInPage.goto();
  await expectAccessible(page);
});

test('sign-in page showing an error', async ({ page, signInPage, user }) => {
  await signInPage.goto();
  await signInPage.signInAs(user);
  await signInPage.messages.expectError('sign_in.incorrect_credentials');
  await expectAccessible(page);
});

test('sign-up page', async ({ page, signUpPage }) => {
  await signUpPage.goto();
  await expectAccessible(page);
});

test('sign-up page showing a field error', async ({ page, signUpPage, user }) => {
  await signUpPage.goto();
  await signUpPage.signUp({ email: user.email, password: 'onlylowercaseletters' });
  await expect(signUpPage.password).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
});

test('confirmation page', async ({ page, signUpPage, confirmPage, user }) => {
  await signUpPage.goto();
  await signUpPage.signUp(user);
  await confirmPage.expectShown();
  await expectAccessible(page);
});

test('account page', async ({ page, confirmedUser }) => {
  await signIn(page, confirmedUser);
  await expectAccessible(page);
});

test('development outbox', async ({ page, outboxPage, confirmedUser }) => {
  // confirmedUser puts at least one message in the outbox to render.
  expect(confirmedUser.email).toBeTruthy();
  await outboxPage.goto();
  await expectAccessible(page);
});

test('not-found page', async ({ page }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectAccessible(page);
});
