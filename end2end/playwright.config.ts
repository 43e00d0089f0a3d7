import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import type { AppUnderTest } from './fixtures';

// Playwright evaluates this file in the runner and again in every worker.
// The port and the data directory are chosen once, in the runner, and handed
// to the workers through the environment they inherit, so every process
// agrees on where the app is.

/** Asks the kernel for a free loopback port (synchronously: the config cannot await). */
function freePort(): string {
  const script =
    "const s=require('node:net').createServer();" +
    "s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close();});";
  return execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim();
}

/** `THRESHOLD_E2E_BASE_URL` points the suite at an app that is already running. */
const externalBaseURL = process.env.THRESHOLD_E2E_BASE_URL;

process.env.THRESHOLD_E2E_PORT ??= freePort();
// The embedded local pool listens here too, so tests can call its admin
// operations (fixtures/pool-admin.ts) for what no page offers.
if (!process.env.THRESHOLD_E2E_POOL_PORT) {
  let poolPort = freePort();
  while (poolPort === process.env.THRESHOLD_E2E_PORT) {
    poolPort = freePort();
  }
  process.env.THRESHOLD_E2E_POOL_PORT = poolPort;
}
if (!process.env.THRESHOLD_E2E_DATA_DIR) {
  // A fresh pool and session store per run; removed when the runner exits
  // (after the web server is stopped), unless the caller chose the directory.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'threshold-e2e-'));
  process.env.THRESHOLD_E2E_DATA_DIR = dataDir;
  process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
}
// A second Threshold with the test brand (fixtures/brand/), its own pool
// and data: the `brand` projects run against it.
{
  const taken = new Set([process.env.THRESHOLD_E2E_PORT, process.env.THRESHOLD_E2E_POOL_PORT]);
  for (const name of ['THRESHOLD_E2E_BRAND_PORT', 'THRESHOLD_E2E_BRAND_POOL_PORT']) {
    if (!process.env[name]) {
      let port = freePort();
      while (taken.has(port)) port = freePort();
      process.env[name] = port;
    }
    taken.add(process.env[name]);
  }
  if (!process.env.THRESHOLD_E2E_BRAND_DATA_DIR) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'threshold-e2e-brand-'));
    process.env.THRESHOLD_E2E_BRAND_DATA_DIR = dataDir;
    process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  }
}

const port = process.env.THRESHOLD_E2E_PORT;
const brandPort = process.env.THRESHOLD_E2E_BRAND_PORT;
// `localhost`, not 127.0.0.1: the session cookie is `__Host-` prefixed and
// Secure, which Chromium accepts over plain HTTP only on localhost.
const baseURL = externalBaseURL ?? `http://localhost:${port}`;

// `scripts/test-all` builds the binary once and passes it in THRESHOLD_BIN;
// on its own the suite falls back to `cargo run`, which builds if needed.
const serverCommand = process.env.THRESHOLD_BIN
  ? JSON.stringify(process.env.THRESHOLD_BIN)
  : 'cargo run --quiet --bin threshold';

const CI = Boolean(process.env.CI);

/** The specs that move the pool's clock; only the clock projects run them. */
const CLOCK_SPECS = '**/tests/clock/**';
/** What only the branded server shows. */
const BRAND_SPECS = '**/tests/brand.spec.ts';
/** Scanned again in Arabic and with the test brand. */
const ACCESSIBILITY_SPEC = '**/tests/accessibility.spec.ts';
const branded = {
  baseURL: `http://localhost:${brandPort}`,
  appUnderTest: {
    poolPort: process.env.THRESHOLD_E2E_BRAND_POOL_PORT ?? '',
    dataDir: process.env.THRESHOLD_E2E_BRAND_DATA_DIR ?? '',
  },
};

/** The environment both servers share. */
function serverEnv(port: string, poolPort: string, dataDir: string): Record<string, string> {
  return {
    THRESHOLD_ADDR: `127.0.0.1:${port}`,
    THRESHOLD_DATA_DIR: dataDir,
    THRESHOLD_LOCAL_POOL_ADDR: `127.0.0.1:${poolPort}`,
    // The profile page edits this custom attribute of the development pool too.
    THRESHOLD_PROFILE_ATTRIBUTES: 'custom:company',
    // GET /_local/clock and POST /_local/clock/advance on the pool's
    // port: authenticator codes follow the pool's time, and the specs
    // in tests/clock/ move it (fixtures/pool-clock.ts).
    THRESHOLD_LOCAL_POOL_TEST_CLOCK: 'true',
    // Every test's browser comes from 127.0.0.1: the per-client
    // brute-force budgets are raised so a whole suite fits in them
    // (tests/hardening.rs checks the limits themselves).
    THRESHOLD_RATE_LIMIT_FACTOR: '50',
    RUST_LOG: process.env.RUST_LOG ?? 'warn',
  };
}

export default defineConfig<{ appUnderTest: AppUnderTest }>({
  testDir: './tests',
  // Each test makes its own user, so tests are independent; two cores leave
  // room for two browsers beside the app, in CI as on a developer's machine.
  fullyParallel: true,
  workers: 2,
  forbidOnly: CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  use: {
    baseURL,
    ...devices['Desktop Chrome'],
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's chromium; Playwright's own browser downloads are not used.
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // Hosts under threshold.test are loopback: forward-auth.spec.ts puts
        // Threshold and the product it guards on two subdomains of one domain.
        '--host-resolver-rules=MAP *.threshold.test 127.0.0.1',
      ],
    },
  },
  projects: [
    { name: 'js', use: { javaScriptEnabled: true }, testIgnore: [CLOCK_SPECS, BRAND_SPECS] },
    { name: 'no-js', use: { javaScriptEnabled: false }, testIgnore: [CLOCK_SPECS, BRAND_SPECS] },
    // Accessibility again in Arabic (right to left), then the test brand in
    // English and Arabic: the browser's locale is its Accept-Language.
    { name: 'a11y-ar', use: { javaScriptEnabled: true, locale: 'ar' }, testMatch: ACCESSIBILITY_SPEC },
    { name: 'brand', use: { javaScriptEnabled: true, ...branded }, testMatch: [ACCESSIBILITY_SPEC, BRAND_SPECS] },
    { name: 'brand-no-js', use: { javaScriptEnabled: false, ...branded }, testMatch: BRAND_SPECS },
    {
      name: 'brand-ar',
      use: { javaScriptEnabled: true, locale: 'ar', ...branded },
      testMatch: ACCESSIBILITY_SPEC,
    },
    // The worked example of docs/testing.md: a product's page tested with
    // the kit and users seeded by `threshold users create` on the app's
    // embedded pool (which an app under THRESHOLD_E2E_BASE_URL may not have).
    ...(externalBaseURL ? [] : [{ name: 'examples', use: { javaScriptEnabled: true }, testDir: './examples' }]),
    // Specs that move the pool's clock (tests/clock/) would expire the codes
    // and sessions of tests running beside them, so they run after every
    // other project, one test at a time: js-clock after js and no-js,
    // no-js-clock after js-clock. PoolClock.advance refuses in any other project.
    {
      name: 'js-clock',
      use: { javaScriptEnabled: true },
      testDir: './tests/clock',
      workers: 1,
      // a11y-ar and the examples use the same pool, whose clock these move.
      dependencies: ['js', 'no-js', 'a11y-ar', ...(externalBaseURL ? [] : ['examples'])],
    },
    {
      name: 'no-js-clock',
      use: { javaScriptEnabled: false },
      testDir: './tests/clock',
      workers: 1,
      dependencies: ['js-clock'],
    },
  ],
  webServer: externalBaseURL
    ? undefined
    : [
        {
          command: serverCommand,
          cwd: path.resolve(__dirname, '..'),
          url: `http://127.0.0.1:${port}/healthz`,
          env: serverEnv(port!, process.env.THRESHOLD_E2E_POOL_PORT!, process.env.THRESHOLD_E2E_DATA_DIR!),
          // The first `cargo run` may have to build the whole app.
          timeout: 30 * 60_000,
          reuseExistingServer: false,
          stdout: 'ignore',
          stderr: 'pipe',
        },
        {
          command: serverCommand,
          cwd: path.resolve(__dirname, '..'),
          url: `http://127.0.0.1:${brandPort}/healthz`,
          env: {
            ...serverEnv(
              brandPort!,
              process.env.THRESHOLD_E2E_BRAND_POOL_PORT!,
              process.env.THRESHOLD_E2E_BRAND_DATA_DIR!,
            ),
            THRESHOLD_BRAND_DIR: path.resolve(__dirname, 'fixtures', 'brand'),
          },
          timeout: 30 * 60_000,
          reuseExistingServer: false,
          stdout: 'ignore',
          stderr: 'pipe',
        },
      ],
});
