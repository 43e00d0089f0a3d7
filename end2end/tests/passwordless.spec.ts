import type { CDPSession, Page } from '@playwright/test';
import { expect, signIn, signOut, test } from '../fixtures';
import { msg } from '../pages/i18n';
import { titleHeading } from '../pages/title';

// Choice-based sign-in, the embedded default: the name first, then the
// ways in (the password, a code by email or SMS, a passkey). Passkeys need
// JavaScript; everything else works the same without it.

/** Types the name on `/sign-in` and continues. */
async function typeName(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel(msg('field.email'), { exact: true }).fill(email);
  await page.getByRole('button', { name: msg('sign_in.continue'), exact: true }).click();
}

test('a code by email signs in, and the next sign-in sends it at once', async ({
  page,
  javaScriptEnabled,
  outbox,
  accountPage,
  challengePage,
  confirmedUser,
}) => {
  await typeName(page, confirmedUser.email);
  await expect(titleHeading(page, 'challenge.first_factor_title')).toBeVisible();
  // The passkey button needs the script and the browser's WebAuthn.
  const passkey = page.getByTestId('sign-in-passkey');
  if (javaScriptEnabled) await expect(passkey).toBeVisible();
  else await expect(passkey).toBeHidden();

  const before = await outbox.count(confirmedUser.email, 'mfa');
  await page.getByRole('button', { name: msg('challenge.send_email_code'), exact: true }).click();
  await challengePage.expectEmailCode();
  await challengePage.submitCode(await outbox.latestCode(confirmedUser.email, { purpose: 'mfa', after: before }));
  await accountPage.expectShown(confirmedUser.email);

  await signOut(page);
  await typeName(page, confirmedUser.email);
  await challengePage.expectEmailCode();
  await challengePage.submitCode(await outbox.latestCode(confirmedUser.email, { purpose: 'mfa', after: before + 1 }));
  await accountPage.expectShown(confirmedUser.email);

  // The other ways stay a click away.
  await signOut(page);
  await typeName(page, confirmedUser.email);
  await challengePage.expectEmailCode();
  await page.getByRole('button', { name: msg('challenge.other_ways'), exact: true }).click();
  await expect(titleHeading(page, 'challenge.first_factor_title')).toBeVisible();
});

/** Chromium's virtual authenticator: a platform passkey that verifies the user at once. */
async function virtualAuthenticator(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return cdp;
}

test('a passkey added on the account page signs in, and once deleted no more', async ({
  page,
  javaScriptEnabled,
  accountPage,
  confirmedUser,
}) => {
  test.skip(!javaScriptEnabled, 'passkeys need JavaScript');
  await virtualAuthenticator(page);
  await signIn(page, confirmedUser);
  await page.getByTestId('manage-passkeys').click();
  await expect(titleHeading(page, 'passkeys.title')).toBeVisible();
  await expect(page.getByTestId('passkeys-none')).toBeVisible();
  await page.getByTestId('add-passkey').click();
  await page.getByTestId('create-passkey').click();
  await expect(page.locator('[data-message-id="passkey.added"]')).toBeVisible();
  await expect(page.getByTestId('passkey')).toHaveCount(1);

  await page.goto('/account');
  await signOut(page);
  await typeName(page, confirmedUser.email);
  await page.getByTestId('sign-in-passkey').click();
  await expect(titleHeading(page, 'challenge.passkey_title')).toBeVisible();
  await page.getByTestId('use-passkey').click();
  await accountPage.expectShown(confirmedUser.email);

  // Next time the passkey is asked for as soon as the name is typed.
  await signOut(page);
  await typeName(page, confirmedUser.email);
  await expect(titleHeading(page, 'challenge.passkey_title')).toBeVisible();
  await page.getByTestId('use-passkey').click();
  await accountPage.expectShown(confirmedUser.email);

  // Deleted (right after signing in, so no confirmation is asked), it
  // signs in no more: the browser finds no passkey the pool accepts.
  await page.getByTestId('manage-passkeys').click();
  await page.getByRole('button', { name: msg('passkeys.delete'), exact: true }).click();
  await expect(page.locator('[data-message-id="passkey.deleted"]')).toBeVisible();
  await expect(page.getByTestId('passkeys-none')).toBeVisible();
});

test('without JavaScript the passkeys page says why it cannot add one', async ({
  page,
  javaScriptEnabled,
  confirmedUser,
}) => {
  test.skip(javaScriptEnabled, 'what a visitor without JavaScript sees');
  await signIn(page, confirmedUser);
  await page.getByTestId('manage-passkeys').click();
  await expect(titleHeading(page, 'passkeys.title')).toBeVisible();
  await expect(page.getByTestId('add-passkey')).toBeHidden();
  await expect(page.locator('[data-message-id="passkey.needs_script"]')).toBeVisible();
});

test('a remembered browser skips the code, until it is forgotten', async ({
  page,
  accountPage,
  challengePage,
  signInPage,
  outbox,
  confirmedUser,
}) => {
  await signIn(page, confirmedUser);
  await accountPage.security.turnOnEmail.click();
  await accountPage.messages.expectInfo('mfa.email_on');
  await signOut(page);

  const before = await outbox.count(confirmedUser.email, 'mfa');
  await signInPage.goto();
  await signInPage.signInAs(confirmedUser);
  await challengePage.expectEmailCode();
  await page.getByLabel(msg('devices.remember'), { exact: true }).check();
  await challengePage.submitCode(await outbox.latestCode(confirmedUser.email, { purpose: 'mfa', after: before }));
  await accountPage.expectShown(confirmedUser.email);
  await accountPage.messages.expectInfo('devices.remembered');
  await expect(page.getByTestId('device')).toHaveCount(1);
  await expect(page.locator('[data-message-id="devices.this_browser"]')).toBeVisible();

  // No code this time.
  await signOut(page);
  await signInPage.goto();
  await signInPage.signInAs(confirmedUser);
  await accountPage.expectShown(confirmedUser.email);
  expect(await outbox.count(confirmedUser.email, 'mfa')).toBe(before + 1);

  // Forgotten: the code is asked again.
  await page.getByRole('button', { name: msg('devices.forget'), exact: true }).click();
  await accountPage.messages.expectInfo('devices.forgotten');
  await signOut(page);
  await signInPage.goto();
  await signInPage.signInAs(confirmedUser);
  await challengePage.expectEmailCode();
});
