import { expect, test } from '@playwright/test';
import { enrolTotp, LocalPool, newUser, signIn, signOut, signUp, type Clock } from '../kit';

// The kit's page flows from the start, as a suite whose subject is the
// first visit would use them: sign up with the emailed code, sign in, turn
// on an authenticator app, sign out.

// Codes follow the pool's clock; reading it is harmless, moving it would
// disturb the tests running beside this one, so this clock only reads.
const poolTime: Clock = {
  now: () => LocalPool.fromDataDir(process.env.THRESHOLD_E2E_DATA_DIR ?? '').now(),
};

test('a new user signs up, is signed in, and turns on an authenticator app', async ({ page }) => {
  const user = newUser();
  // The embedded pool signs a confirmed user in with the code; a pool that
  // does not leaves them on the sign-in page.
  if (!(await signUp(page, user))) await signIn(page, user);
  await expect(page).toHaveURL((url) => url.pathname === '/account');

  const app = await enrolTotp(page, { clock: poolTime });
  expect(app.secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(page.getByTestId('mfa-state-totp')).toHaveAttribute('data-state', 'preferred');

  await signOut(page);
  await page.goto('/account');
  await expect(page).toHaveURL((url) => url.pathname === '/sign-in');
});
