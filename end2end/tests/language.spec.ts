import { expect, signIn, test } from '../fixtures';
import { language, msg, setLanguage } from '../pages/i18n';

// The language picker in every page's footer is a plain form: it works with
// JavaScript off, comes back to the same page and is remembered.

test('a visitor picks Arabic on any page, stays on it, and it is remembered', async ({ page, signInPage }) => {
  await signInPage.goto('/account');
  const picker = page.getByRole('contentinfo').getByLabel(msg('language.label'), { exact: true });
  await expect(picker).toHaveValue(language());
  await picker.selectOption('ar');
  await page.getByRole('button', { name: msg('language.submit'), exact: true }).click();

  setLanguage('ar');
  await expect(page).toHaveURL((url) => url.pathname === '/sign-in' && url.searchParams.get('return_to') === '/account');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('sign_in.title'));
  // Right to left: the form's fields start at the right edge.
  await expect(page.locator('main')).toHaveCSS('direction', 'rtl');

  // Remembered on the next page, whatever the browser asks for.
  await page.goto('/sign-up');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('sign_up.title'));
});

test('the pages follow the browser language when nothing was picked', async ({ browser, baseURL, javaScriptEnabled }) => {
  for (const [locale, lang] of [
    ['de-DE', 'de'],
    ['pt-PT', 'pt-BR'],
    ['zh-TW', 'zh-CN'],
    ['ja', 'ja'],
  ] as const) {
    const context = await browser.newContext({ baseURL, locale, javaScriptEnabled });
    try {
      const page = await context.newPage();
      await page.goto('/sign-in');
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      setLanguage(lang);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('sign_in.title'));
    } finally {
      await context.close();
    }
  }
});

test('a signed-in visitor switches language without losing the session', async ({ page, accountPage, confirmedUser }) => {
  await signIn(page, confirmedUser);
  await page.getByRole('contentinfo').getByLabel(msg('language.label'), { exact: true }).selectOption('fr');
  await page.getByRole('button', { name: msg('language.submit'), exact: true }).click();
  setLanguage('fr');
  await expect(page).toHaveURL((url) => url.pathname === '/account');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('account.title'));
  await expect(accountPage.page.getByText(confirmedUser.email).first()).toBeVisible();
});
