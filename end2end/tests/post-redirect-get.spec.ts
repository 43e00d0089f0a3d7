import { expect, test } from '../fixtures';
import { readForm } from '../pages/forms';

test('a form POST answers 303 to a clean URL: the message travels in the session, not the query', async ({
  page,
  signInPage,
  user,
}) => {
  await signInPage.goto();
  const { action, fields } = await readForm(page.locator('form[action="/api/sign-in"]'));

  const response = await page.request.post(action, {
    form: { ...fields, username: user.email, password: user.password },
    maxRedirects: 0,
  });

  expect(response.status()).toBe(303);
  const location = new URL(response.headers()['location'], page.url());
  // The sign-in page again (the password page), or the page of the ways in
  // (choice-based sign-in).
  expect(location.pathname).toMatch(/^\/sign-in(\/challenge)?$/);
  expect([...location.searchParams.keys()].filter((key) => key !== 'return_to')).toEqual([]);
});

test('GET /account while signed out answers 303 to sign-in, coming back to /account', async ({ request }) => {
  const response = await request.get('/account', { maxRedirects: 0 });

  expect(response.status()).toBe(303);
  expect(response.headers()['location']).toBe('/sign-in?return_to=%2Faccount');
});
