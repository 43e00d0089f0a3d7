import type { Browser, BrowserContextOptions, Locator, Page } from '@playwright/test';
import { Authenticator, type Clock } from './authenticator';
import { Outbox, type Codes } from './codes';
import type { User } from './users';

// The flows find Threshold's forms by their action and fields by their
// name, and know where they are by `<main data-title-id>`: the same in
// every language and brand (docs/testing.md lists them). Specs asserting
// what a person sees should use labels and roles instead.

/** The message id of the page's title (`sign_in.title`, `challenge.app_code_title`, …). */
export async function titleId(page: Page): Promise<string> {
  // Not a locator's getAttribute, which would wait for a `main#main` that
  // a product's own page may not have.
  const main = page.locator('main#main');
  if ((await main.count()) === 0) return '';
  return (await main.first().getAttribute('data-title-id')) ?? '';
}

/** Pages where a sign-in stops without signing in: the pool or a limit said no. */
const REFUSALS = new Set([
  'rate_limited.title',
  'unavailable.title',
  'csrf.title',
  'bad_request.title',
  'too_large.title',
  'reset_password.title',
  'forgot_password.title',
]);

/** The message ids of the page's notices and field errors, for error reports. */
async function messageIds(page: Page): Promise<string[]> {
  return page.locator('[data-message-id]').evaluateAll((all) => all.map((e) => e.getAttribute('data-message-id') ?? ''));
}

function form(page: Page, action: string): Locator {
  return page.locator(`form[action="${action}"]`);
}

/**
 * Submits `form` with `button` (default: its first submit button) and
 * waits for the page the answer leads to.
 */
async function submit(page: Page, target: Locator, button?: Locator): Promise<void> {
  const action = (await target.getAttribute('action')) ?? 'a form';
  await Promise.all([
    page
      .waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame(), timeout: 15_000 })
      .catch(() => {
        throw new Error(`submitting ${action} led nowhere within 15 seconds (a script in the way?)`);
      }),
    (button ?? target.locator('button[type="submit"], button:not([type])').first()).click(),
  ]);
  await page.waitForLoadState('domcontentloaded');
}

async function expectTitle(page: Page, expected: string, doing: string): Promise<void> {
  const actual = await titleId(page);
  if (actual !== expected) {
    throw new Error(
      `${doing}: expected the page ${expected}, got ${actual || page.url()} (messages: ${(await messageIds(page)).join(', ') || 'none'})`,
    );
  }
}

export interface FlowOptions {
  /** Where codes come from. Default: the app's development outbox. */
  codes?: Codes;
  /** The pool's clock, for authenticator codes. Default: this machine's. */
  clock?: Clock;
}

/**
 * Signs `user` up at `/sign-up` and confirms the account with the emailed
 * code. Accepts the terms where the brand asks for them. Where the pool
 * lets that code sign the new user in, ends signed in (on `/account`) and
 * returns true; otherwise ends on `/sign-in` and returns false.
 */
export async function signUp(page: Page, user: User, options: FlowOptions = {}): Promise<boolean> {
  const codes = options.codes ?? new Outbox(page.request);
  await page.goto('/sign-up');
  const signUpForm = form(page, '/api/sign-up');
  await signUpForm.locator('input[name="email"]').fill(user.email);
  await signUpForm.locator('input[name="password"]').fill(user.password);
  const consent = signUpForm.locator('input[name="consent"]');
  if ((await consent.count()) > 0) await consent.check();
  const before = await codes.before(user.email, 'sign_up');
  await submit(page, signUpForm);
  await expectTitle(page, 'confirm.title', `signing up ${user.email}`);
  const confirmForm = form(page, '/api/confirm-sign-up');
  await confirmForm.locator('input[name="code"]').fill(await codes.code(user.email, 'sign_up', before));
  await submit(page, confirmForm);
  if ((await titleId(page)) === 'account.title') return true;
  await expectTitle(page, 'sign_in.title', `confirming ${user.email}`);
  return false;
}

export interface SignInOptions extends FlowOptions {
  /** Start at `/sign-in?return_to=…`; the sign-in ends there. */
  returnTo?: string;
}

/**
 * Signs `user` in and answers what the pool asks next: the authenticator
 * app's code (from `user.totpSecret`), a code by email or text message
 * (from `options.codes`). Starts from the sign-in page the browser is on
 * (after a protected page sent it there), or opens `/sign-in`. Ends on the
 * page the sign-in leads to; throws, naming the page and its messages,
 * when it stays on sign-in, meets a step it cannot answer, or lands on a
 * refusal (too many attempts, unavailable, a password reset required).
 */
export async function signIn(page: Page, user: User, options: SignInOptions = {}): Promise<void> {
  const codes = options.codes ?? new Outbox(page.request);
  const onSignIn = new URL(page.url(), 'http://x').pathname === '/sign-in' && options.returnTo === undefined;
  if (!onSignIn) {
    const query = options.returnTo === undefined ? '' : `?${new URLSearchParams({ return_to: options.returnTo })}`;
    await page.goto(`/sign-in${query}`);
  }
  const signInForm = form(page, '/api/sign-in');
  await signInForm.locator('input[name="username"]').fill(user.signInName ?? user.email);
  // With choice-based sign-in the first page asks for the name only.
  const passwordHere = signInForm.locator('input[name="password"]');
  if ((await passwordHere.count()) > 0) await passwordHere.fill(user.password);
  // Taken before the sign-in, in case it sends a code.
  const emailBefore = await codes.before(user.email, 'mfa');
  const phoneBefore = user.phone ? await codes.before(user.phone, 'mfa') : undefined;
  await submit(page, signInForm);

  const app = user.totpSecret ? new Authenticator(user.totpSecret, options.clock) : undefined;
  let replayed = false;
  let passwordSent = false;
  for (let step = 0; step < 6; step++) {
    const title = await titleId(page);
    if (REFUSALS.has(title)) {
      throw new Error(
        `signing in ${user.email}: stopped on ${title} (messages: ${(await messageIds(page)).join(', ') || 'none'})`,
      );
    }
    if (!title.startsWith('challenge.') && title !== 'sign_in.title') return;
    const answer = form(page, '/api/sign-in-challenge');
    const code = answer.locator('input[name="code"]');
    switch (title) {
      case 'challenge.first_factor_title': {
        // Choice-based sign-in: the password, where the ways in are offered.
        // Back here after sending it means it was refused.
        if (passwordSent) {
          throw new Error(
            `signing in ${user.email}: the password was refused (messages: ${(await messageIds(page)).join(', ') || 'none'})`,
          );
        }
        passwordSent = true;
        await answer.locator('input[name="password"]').fill(user.password);
        await submit(page, answer, answer.locator('button[name="choice"][value="password"]'));
        break;
      }
      case 'challenge.passkey_title':
        // The browser signed in with a passkey last time: the password instead.
        await submit(page, form(page, '/api/sign-in-other-ways'));
        break;
      case 'challenge.app_code_title': {
        if (!app) throw new Error(`signing in ${user.email}: the pool asks for an authenticator code, and the user has no totpSecret`);
        await code.fill(await app.nextCode());
        await submit(page, answer);
        if ((await titleId(page)) === title && (await messageIds(page)).includes('code.mismatch')) {
          // Refused once as a replay: a code of this step was used outside
          // this kit (at enrolment, say). The next step's code is accepted;
          // a second refusal is a wrong secret.
          if (replayed) throw new Error(`signing in ${user.email}: the pool refused two codes of its totpSecret`);
          replayed = true;
          await app.spendCurrentStep();
        }
        break;
      }
      case 'challenge.email_title':
        await code.fill(await codes.code(user.email, 'mfa', emailBefore));
        await submit(page, answer);
        break;
      case 'challenge.sms_title':
        if (!user.phone) throw new Error(`signing in ${user.email}: the pool texts a code, and the user has no phone`);
        await code.fill(await codes.code(user.phone, 'mfa', phoneBefore));
        await submit(page, answer);
        break;
      default:
        throw new Error(
          `signing in ${user.email}: stopped on ${title} (messages: ${(await messageIds(page)).join(', ') || 'none'})`,
        );
    }
  }
  throw new Error(`signing in ${user.email}: still on ${await titleId(page)} after six answers`);
}

/**
 * From a signed-in page: sets up an authenticator app on `/account` with
 * the secret the page shows; returns the app (its `secret` is what a
 * `User`'s `totpSecret` takes). Ends on `/account`.
 */
export async function enrolTotp(page: Page, options: FlowOptions = {}): Promise<Authenticator> {
  if ((await titleId(page)) !== 'account.title') await page.goto('/account');
  await submit(page, form(page, '/api/mfa-totp-start'));
  await expectTitle(page, 'totp.title', 'starting to set up an authenticator app');
  const shown = (await page.getByTestId('totp-secret').textContent()) ?? '';
  const app = new Authenticator(shown, options.clock);
  const verify = form(page, '/api/mfa-totp-verify');
  await verify.locator('input[name="code"]').fill(await app.nextCode());
  await submit(page, verify);
  await expectTitle(page, 'account.title', 'verifying the authenticator app');
  return app;
}

/** Signs out from `/account`; ends on `/sign-in`. */
export async function signOut(page: Page): Promise<void> {
  if ((await titleId(page)) !== 'account.title') await page.goto('/account');
  await submit(page, form(page, '/api/sign-out'));
  await expectTitle(page, 'sign_in.title', 'signing out');
}

/**
 * Signs `user` in once in a new context and saves its cookies to `path`,
 * for `test.use({ storageState: path })`: a suite signs in once and every
 * test starts signed in. `contextOptions` must carry the `baseURL`.
 */
export async function saveSignedInState(
  browser: Browser,
  user: User,
  path: string,
  contextOptions: BrowserContextOptions,
  options: SignInOptions = {},
): Promise<void> {
  // Inside a test, newContext takes the project's options, and the
  // `storageState` being written here may be one: start empty instead.
  const context = await browser.newContext({ ...contextOptions, storageState: { cookies: [], origins: [] } });
  try {
    const page = await context.newPage();
    await signIn(page, user, options);
    await context.storageState({ path });
  } finally {
    await context.close();
  }
}
