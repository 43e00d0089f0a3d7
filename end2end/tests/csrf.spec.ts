import type { APIResponse, Page } from '@playwright/test';
import { expect, signIn, test } from '../fixtures';
import { formWithButton, readForm } from '../pages/forms';
import { Messages } from '../pages/messages';
import { titleHeading } from '../pages/title';

/** Expects the 403 page that explains the refusal (`csrf.title`, `csrf.invalid`), as HTML. */
async function expectCsrfRefusal(page: Page, response: APIResponse): Promise<void> {
  expect(response.status()).toBe(403);
  expect(response.headers()['content-type']).toMatch(/^text\/html/);
  await page.setContent(await response.text());
  await expect(titleHeading(page, 'csrf.title')).toBeVisible();
  await new Messages(page).expectError('csrf.invalid');
}

test.describe('a POST without its CSRF token is refused with 403', () => {
  test('sign-in, from a client that never loaded the form', async ({ page, request, signInPage, confirmedUser }) => {
    await signInPage.goto();
    const { action, fields } = await readForm(page.locator('form[action="/api/sign-in"]'));
    expect(fields).toHaveProperty('csrf_token');
    delete fields.csrf_token;

    const response = await request.post(action, {
      form: { ...fields, username: confirmedUser.email, password: confirmedUser.password },
      maxRedirects: 0,
    });
    await expectCsrfRefusal(page, response);
  });

  test('sign-in, with the session cookie but no token, or a forged one', async ({ page, signInPage, confirmedUser }) => {
    await signInPage.goto();
    const { action, fields } = await readForm(page.locator('form[action="/api/sign-in"]'));
    delete fields.csrf_token;
    const credentials = { username: confirmedUser.email, password: confirmedUser.password };

    // page.request shares the browser context's cookies, so the session is there.
    const withoutToken = await page.request.post(action, { form: { ...fields, ...credentials }, maxRedirects: 0 });
    expect(withoutToken.status()).toBe(403);
    const forged = await page.request.post(action, {
      form: { ...fields, ...credentials, csrf_token: 'forged' },
      maxRedirects: 0,
    });
    await expectCsrfRefusal(page, forged);
  });

  test('sign-up', async ({ page, signUpPage, user }) => {
    await signUpPage.goto();
    const { action, fields } = await readForm(formWithButton(page, 'Create account'));
    delete fields.csrf_token;

    const response = await page.request.post(action, {
      form: { ...fields, email: user.email, password: user.password },
      maxRedirects: 0,
    });
    await expectCsrfRefusal(page, response);
  });

  test('sign-out, which then leaves the user signed in', async ({ page, accountPage, confirmedUser }) => {
    await signIn(page, confirmedUser);
    const { action, fields } = await readForm(formWithButton(page, 'Sign out'));
    delete fields.csrf_token;

    const response = await page.request.post(action, { form: fields, maxRedirects: 0 });
    expect(response.status()).toBe(403);

    await accountPage.goto();
    await accountPage.expectShown(confirmedUser.email);
  });
});
