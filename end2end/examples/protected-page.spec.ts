import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { saveSignedInState, seedUser, signIn, type SeedOptions, type User } from '../kit';

// A worked example of testing a product's page behind Threshold with the
// kit (docs/testing.md walks through it). The protected page here is
// Threshold's own `/account` and `/api/session`; in your project it is
// yours. Users are seeded with `threshold users create`, which reaches the
// embedded pool of the app under test through its data directory; on a
// real Cognito test pool the same call takes COGNITO_* settings and AWS
// credentials in `env` instead.

const seed: SeedOptions = {
  env: { THRESHOLD_DATA_DIR: process.env.THRESHOLD_E2E_DATA_DIR ?? '' },
  // The binary the suite runs; from a checkout without it, cargo builds it.
  command: process.env.THRESHOLD_BIN ? undefined : ['cargo', 'run', '--quiet', '--bin', 'threshold', '--'],
};

test('a visitor who is not signed in signs in with their authenticator app and comes back', async ({ page }) => {
  const visitor = await seedUser({ ...seed, totp: true });

  await page.goto('/account');
  await expect(page).toHaveURL((url) => url.pathname === '/sign-in' && url.searchParams.get('return_to') === '/account');
  await signIn(page, visitor);

  await expect(page).toHaveURL((url) => url.pathname === '/account');
  await expect(page.getByText(visitor.email, { exact: true })).toBeVisible();
});

test.describe('with a session saved once', () => {
  // One file per worker: every worker seeds its admin and signs in once.
  const statePath = path.join(tmpdir(), 'threshold-kit-example', `admin-${process.pid}.json`);
  let admin: User;

  test.beforeAll(async ({ browser, baseURL }) => {
    mkdirSync(path.dirname(statePath), { recursive: true });
    admin = await seedUser({ ...seed, totp: true, groups: ['admins'] });
    await saveSignedInState(browser, admin, statePath, { baseURL });
  });

  test.use({ storageState: statePath });

  test('the protected page opens without signing in again', async ({ page }) => {
    await page.goto('/account');
    await expect(page).toHaveURL((url) => url.pathname === '/account');
    await expect(page.getByText(admin.email, { exact: true })).toBeVisible();
    await expect(page.getByTestId('groups')).toContainText('admins');
  });

  test("the product reads the user and their groups from the session", async ({ page }) => {
    const response = await page.request.get('/api/session');
    expect(response.status()).toBe(200);
    const session = (await response.json()) as { claims: { sub: string; email: string }; groups: string[] };
    expect(session.claims.sub).toBe(admin.sub);
    expect(session.claims.email).toBe(admin.email);
    expect(session.groups).toEqual(['admins']);
  });
});
