import { enrolAuthenticatorApp, expect, signIn, test } from '../fixtures';
import { msg } from '../pages/i18n';

// Runs only against the server started with THRESHOLD_BRAND_DIR=fixtures/brand
// (the `brand` projects): the visitor sees Acme Cloud's name, logo, colours and
// links, and nothing of Threshold's own brand.

const NAME = 'Acme Cloud';

test('the configured name, logo, colours and links show on every page', async ({ page, signInPage }) => {
  await signInPage.goto();
  const header = page.getByRole('banner');
  await expect(header.getByRole('link', { name: NAME })).toHaveAttribute('href', '/');
  // Linked by fingerprint (cached for a year): /assets/<digest>/brand/acme-mark.svg.
  const mark = /^\/assets\/[0-9a-f]{12}\/brand\/acme-mark\.svg$/;
  await expect(header.getByTestId('brand-logo')).toHaveAttribute('src', mark);
  await expect(header.getByTestId('brand-logo')).toBeVisible();
  // The image loaded (a broken image has no natural size).
  expect(await header.getByTestId('brand-logo').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(page).toHaveTitle(new RegExp(`${NAME}$`));
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', mark);

  // The brand's colour in each scheme, on the primary button.
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(signInPage.primary).toHaveCSS('background-color', 'rgb(11, 110, 79)');
  await expect(signInPage.primary).toHaveCSS('border-top-left-radius', '2px');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(signInPage.primary).toHaveCSS('background-color', 'rgb(127, 224, 189)');
  await expect(signInPage.primary).toHaveCSS('color', 'rgb(6, 42, 30)');
  await page.emulateMedia({ colorScheme: null });
  // The custom stylesheet applies too.
  await expect(header).toHaveCSS('border-bottom-width', '3px');

  const footer = page.getByRole('contentinfo');
  await expect(footer.getByRole('link', { name: msg('footer.terms') })).toHaveAttribute(
    'href',
    'https://acme.example/terms',
  );
  await expect(footer.getByRole('link', { name: msg('footer.privacy') })).toHaveAttribute(
    'href',
    'https://acme.example/privacy',
  );
  await expect(footer.getByRole('link', { name: msg('footer.support') })).toHaveAttribute(
    'href',
    'mailto:help@acme.example',
  );
});

test('sign-up asks to accept the terms, and refuses without', async ({ page, signUpPage, confirmPage, user }) => {
  await signUpPage.goto();
  await expect(page.getByRole('link', { name: msg('sign_up.consent_link') })).toHaveAttribute(
    'href',
    'https://acme.example/terms',
  );
  await signUpPage.email.fill(user.email);
  await signUpPage.password.fill(user.password);
  await signUpPage.createAccount.click();
  await signUpPage.expectShown();
  await expect(signUpPage.consent).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#consent-error')).toHaveAttribute('data-message-id', 'sign_up.consent_missing');
  // Focus is on the box to tick, the only field in error.
  await expect(signUpPage.consent).toBeFocused();

  await signUpPage.signUp(user);
  await confirmPage.expectShown();
});

test('authenticator apps list the account under the product name', async ({
  page,
  accountPage,
  totpSetupPage,
  poolClock,
  confirmedUser,
}) => {
  await signIn(page, confirmedUser);
  await accountPage.security.setUpApp.click();
  await totpSetupPage.expectShown();
  const uri = decodeURIComponent((await totpSetupPage.openInApp.getAttribute('href')) ?? '');
  expect(uri).toMatch(new RegExp(`^otpauth://totp/${NAME}:`));
  expect(uri).toContain(`issuer=${NAME}`);
  await accountPage.goto();
  await enrolAuthenticatorApp(page, poolClock);
});
