#!/usr/bin/env node
// Time to a usable form, and page weight, in headless Chromium: Threshold's
// pages beside Amplify's ready-made <Authenticator> and a static HTML form,
// in one run (issue 15, part 1). Cold (a browser just started) by default;
// --mode warm times a new tab in a browser that already has a page open and
// has gone quiet. See bench/README.md for how to run it.

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

/** Debian's Chromium, launched the way end2end/playwright.config.ts does (Playwright's own downloads are not used). */
const LAUNCH = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

/** How long one page may take to show its form before the run fails. */
const TIMEOUT_MS = 30_000;

/**
 * The warm mode's wait for Chromium to go quiet before the timed navigation:
 * it polls the CPU time of all of Chromium's processes every SETTLE_POLL_MS
 * and stops after SETTLE_QUIET_POLLS polls in a row in which the processes
 * stayed the same and used at most SETTLE_QUIET_CPU_S between them; or at
 * SETTLE_MAX_MS, quiet or not. Linux counts CPU time in 10 ms ticks, so one
 * tick per 100 ms (a tenth of a core) is as close to nothing as it can see.
 */
const SETTLE_POLL_MS = 100;
const SETTLE_QUIET_POLLS = 2;
const SETTLE_QUIET_CPU_S = 0.011;
const SETTLE_MAX_MS = 1_000;

/**
 * @typedef {object} Target
 * @property {string} name
 * @property {string} url
 * @property {string} selector the element whose appearance makes the page usable
 * @property {import('playwright-core').Cookie[]} [cookies] added to each fresh context (the signed-in session)
 */

const USAGE = `usage: node bench/browser.mjs (--threshold URL [--pool URL --data-dir DIR] | --bin BIN) [--launches N] [--mode cold|warm|both] [--warm-with page|blank] [--amplify-dir DIR] [--out DIR]
  --threshold URL    Threshold's base URL, on localhost (its __Host- cookie needs a secure context)
  --pool URL         its embedded pool's endpoint (http://127.0.0.1:PORT), and
  --data-dir DIR     its data directory (for dev-pool.json): with both, /account is measured signed in
  --bin BIN          instead: start this Threshold binary on free ports with a data directory of its own
  --launches N       launches per page, in each mode (default 10)
  --mode MODE        cold: time the first tab of a browser just started (default);
                     warm: time a new tab in a browser with another site's page open, once it is quiet;
                     both: each page cold then warm, in every round
  --warm-with WHAT   the tab open before in warm mode: page (bench/static/warm.html on another site, default) or blank (about:blank)
  --amplify-dir DIR  the built Amplify app (bench/amplify/build.sh); without it Amplify is skipped
  --out DIR          where browser.json goes (default target/bench/results)`;

async function main() {
  const { values } = parseArgs({
    options: {
      threshold: { type: 'string' },
      bin: { type: 'string' },
      pool: { type: 'string' },
      'data-dir': { type: 'string' },
      launches: { type: 'string', default: '10' },
      mode: { type: 'string', default: 'cold' },
      'warm-with': { type: 'string', default: 'page' },
      'amplify-dir': { type: 'string' },
      out: { type: 'string', default: path.join(root, 'target', 'bench', 'results') },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const launches = Number(values.launches);
  const modes = new Map([
    ['cold', ['cold']],
    ['warm', ['warm']],
    ['both', ['cold', 'warm']],
  ]).get(values.mode);
  if (
    !values.threshold === !values.bin ||
    !Number.isInteger(launches) ||
    launches < 1 ||
    !modes ||
    !['page', 'blank'].includes(values['warm-with'])
  ) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  if (values.threshold && new URL(values.threshold).hostname !== 'localhost') {
    // Chromium keeps a Secure cookie over plain HTTP only on localhost, and
    // the timings should not differ by how the host name resolves.
    console.error(`--threshold must be on localhost, not ${new URL(values.threshold).hostname}`);
    process.exitCode = 2;
    return;
  }

  const servers = [];
  let user;
  let app;
  try {
    if (values.bin) {
      // Loaded only here: bench/run's helpers, for when this script starts Threshold itself.
      const { startThreshold } = await import('./lib/threshold.mjs');
      app = await startThreshold({ bin: path.resolve(values.bin) });
      Object.assign(values, { threshold: app.base, pool: app.pool.endpoint, 'data-dir': app.dataDir });
    }
    const threshold = new URL(values.threshold);
    /** @type {Target[]} */
    const targets = [
      // The name field, found the way the Playwright kit finds it: by the
      // form's action and the field's name, the same in every language and
      // brand (docs/testing.md).
      { name: 'threshold-sign-in', url: new URL('/sign-in', threshold).href, selector: 'form[action="/api/sign-in"] input[name="username"]' },
      // The first field the pool asks for: email in the embedded pool,
      // username in a pool that signs in with one. The CSRF token is hidden.
      {
        name: 'threshold-sign-up',
        url: new URL('/sign-up', threshold).href,
        selector: 'form[action="/api/sign-up"] input:not([type="hidden"])',
      },
    ];

    if (values.pool && values['data-dir']) {
      user = await createUser(values.pool, values['data-dir']);
      const cookies = await signIn(threshold, user);
      // The account page has no field: its heading, on the account page
      // itself (a lost session would land on sign-in, which has an h1 too).
      targets.push({ name: 'threshold-account', url: new URL('/account', threshold).href, selector: 'main[data-title-id="account.title"] h1', cookies });
    } else {
      console.log('note: no --pool and --data-dir, so /account (signed in) is not measured');
    }

    const amplifyDir = values['amplify-dir'] && path.resolve(values['amplify-dir']);
    if (amplifyDir && existsSync(path.join(amplifyDir, 'index.html'))) {
      const amplify = await serveFolder(amplifyDir);
      servers.push(amplify);
      targets.push({ name: 'amplify', url: `${amplify.origin}/`, selector: 'input[name="username"]' });
    } else {
      const why = amplifyDir ? `no index.html in ${amplifyDir}` : 'no --amplify-dir';
      console.log(`note: ${why}, so Amplify is not measured (build it with bench/amplify/build.sh)`);
    }

    const staticForm = await serveFolder(path.join(here, 'static'));
    // Threshold sends Cross-Origin-Opener-Policy: same-origin on its pages;
    // the same form with that header alone tells what the header costs.
    const staticCoop = await serveFolder(path.join(here, 'static'), { 'Cross-Origin-Opener-Policy': 'same-origin' });
    servers.push(staticForm, staticCoop);
    targets.push(
      { name: 'static', url: `${staticForm.origin}/form.html`, selector: 'input[name="username"]' },
      { name: 'static-coop', url: `${staticCoop.origin}/form.html`, selector: 'input[name="username"]' },
    );

    // The warm mode's first tab: a server of its own, reached as 127.0.0.1
    // while every timed page is on localhost, so it is another site, as the
    // tab a visitor had open before would be (a port alone does not make a
    // site), and nothing it leaves behind (a renderer locked to its site, a
    // cached response, a connection) serves the timed page.
    let warmWith;
    if (modes.includes('warm')) {
      if (values['warm-with'] === 'blank') {
        warmWith = 'about:blank';
      } else {
        const elsewhere = await serveFolder(path.join(here, 'static'));
        servers.push(elsewhere);
        warmWith = `http://127.0.0.1:${new URL(elsewhere.origin).port}/warm.html`;
      }
    }

    const started = new Date();
    const loadBefore = os.loadavg();

    // Weighed first: these untimed loads also bring Chromium's files into the
    // page cache, so the first timed launch does not pay for reading them.
    /** @type {Record<string, Weight>} */
    const weight = {};
    for (const target of targets) weight[target.name] = await weigh(target);

    /** @type {Record<string, Record<string, Sample[]>>} samples by mode, then page */
    const samples = Object.fromEntries(modes.map((mode) => [mode, Object.fromEntries(targets.map((t) => [t.name, []]))]));
    let browserVersion = '';
    for (let round = 0; round < launches; round++) {
      // Each round starts one page further on, so no page always goes first.
      const order = targets.map((_, i) => targets[(round + i) % targets.length]);
      for (const target of order) {
        // With both modes, a page's cold and warm launches follow each other,
        // so the two see the same load on the machine and differ only by
        // the mode, not by when in the run they happened to fall.
        for (const mode of modes) {
          const { browserVersion: version, ...sample } = await timeOnce(target, mode === 'warm' ? warmWith : undefined);
          browserVersion = version;
          samples[mode][target.name].push({ round, ...sample });
        }
      }
      process.stderr.write(`round ${round + 1}/${launches} done\n`);
    }

    /** @type {Record<string, { summary: Record<string, Summary>, ratios: Record<string, number> }>} */
    const results = {};
    for (const mode of modes) {
      const summary = Object.fromEntries(targets.map((t) => [t.name, summarise(samples[mode][t.name].map((s) => s.ms))]));
      results[mode] = { summary, ratios: ratiosOf(summary) };
      printTimes(results[mode].summary, results[mode].ratios, `${launches} ${mode} launches per page`);
    }
    if (results.cold && results.warm) printColdWarm(results.cold.summary, results.warm.summary);
    printWeight(weight);

    const pagesOf = (mode) =>
      Object.fromEntries(
        targets.map((t) => [t.name, { url: t.url, selector: t.selector, summary: results[mode].summary[t.name], samples: samples[mode][t.name] }]),
      );

    const report = {
      date: started.toISOString(),
      command: process.argv.slice(1).join(' '),
      machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? '', memoryBytes: os.totalmem(), loadBefore, loadAfter: os.loadavg() },
      browser: `Chromium ${browserVersion}`,
      playwrightCore: await packageVersion('playwright-core'),
      launches,
      mode: values.mode,
      clock: 'ms: performance.now() in the page (from navigation start) at the first animation frame where the element is visible; nodeMs: Node around goto + wait',
      // Cold results where they always were, for bench/report.mjs; a warm-only
      // run has none.
      ...(results.cold ? { pages: pagesOf('cold'), ratios: results.cold.ratios } : {}),
      ...(results.warm
        ? {
            warm: {
              how: `a new tab, in the same context, in a browser with ${warmWith} open in another tab, once Chromium was quiet (settleMs after the new tab opened; settled: false if it was not within ${SETTLE_MAX_MS} ms; renderers: renderer processes when the navigation started)`,
              firstTab: warmWith,
              pages: pagesOf('warm'),
              ratios: results.warm.ratios,
            },
          }
        : {}),
      weight,
    };
    await mkdir(values.out, { recursive: true });
    const file = path.join(values.out, 'browser.json');
    await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nwrote ${file}`);
  } finally {
    for (const server of servers) server.close();
    if (user) await user.remove().catch((e) => console.error(`could not delete the bench user: ${e.message}`));
    await app?.stop();
  }
}

// ---- Time to a usable form ----

/**
 * @typedef {{ round: number, ms: number, nodeMs: number, settleMs?: number, settled?: boolean, renderers?: number }} Sample
 * @typedef {{ median: number, p25: number, p75: number, min: number, max: number }} Summary
 */

/**
 * Runs in every new document, before the page's own scripts: on each
 * animation frame, looks for the element and records when it is first
 * there and visible.
 *
 * Why Chromium's clock and animation frames: `performance.now()` counts from
 * the navigation's start in the browser, so the time Playwright's messages
 * take to reach Chromium and come back is not counted, for any page. And
 * frames run only when the page may render: while a stylesheet in the head
 * is still loading there are none, so a field that exists but cannot yet be
 * painted is not counted as shown. The first frame that finds it visible is
 * the frame that paints it. A script watching from outside (Playwright's
 * waitForSelector) would start only after the commit reached Node and could
 * miss the first frame of a fast page.
 *
 * @param {string} selector
 */
function watchFor(selector) {
  if (window !== window.top) return;
  const look = () => {
    const element = document.querySelector(selector);
    // Visible as Playwright means it: a box with a size, not hidden by CSS.
    const box = element?.getBoundingClientRect();
    if (element && box.width > 0 && box.height > 0 && element.checkVisibility({ visibilityProperty: true })) {
      window.__benchVisibleAt = performance.now();
    } else {
      requestAnimationFrame(look);
    }
  };
  requestAnimationFrame(look);
}

/**
 * One measurement in a new Chromium process. Cold (no warmWith): a context
 * and a page, then at once the navigation and the wait for the element.
 *
 * Warm: first, untimed, a tab on warmWith (another site's page, or
 * about:blank), left open; then a new tab in the same context, as a visitor
 * opening a tab in the browser they have open gets one (a new context is
 * another profile, sharing none of the first one's state, and Chromium keeps
 * its spare renderer for one profile only); then a wait until Chromium is quiet (waitForQuiet), and only then the same
 * navigation and wait as cold.
 *
 * The wait comes after the new tab opens, not before: opening it takes
 * Chromium's spare renderer and starts a replacement, and a person opening
 * a tab takes far longer than that to type or click where it goes, so at a
 * real navigation's start that work is over. Timed at once, that process
 * start would share the two cores with the timed page, which a warm browser
 * does not do. A settle delay has no place in a test, but here it is the
 * condition being measured: an idle browser, with whatever it keeps ready.
 *
 * @param {Target} target
 * @param {string} [warmWith]
 */
async function timeOnce(target, warmWith) {
  const browser = await chromium.launch(LAUNCH);
  let page;
  try {
    const context = await browser.newContext();
    if (target.cookies) await context.addCookies(target.cookies);
    let quiet = {};
    if (warmWith) {
      const before = await context.newPage();
      if (warmWith !== 'about:blank') await before.goto(warmWith, { waitUntil: 'load', timeout: TIMEOUT_MS });
    }
    // Added after the first tab loaded, so it runs only in the timed tab.
    await context.addInitScript(watchFor, target.selector);
    page = await context.newPage();
    if (warmWith) quiet = await waitForQuiet(browser);
    const t0 = performance.now();
    await page.goto(target.url, { waitUntil: 'commit', timeout: TIMEOUT_MS });
    const visibleAt = await page.waitForFunction(() => window.__benchVisibleAt, null, { timeout: TIMEOUT_MS });
    const t1 = performance.now();
    expectLanded(page, target);
    return { ms: round1(await visibleAt.jsonValue()), nodeMs: round1(t1 - t0), ...quiet, browserVersion: browser.version() };
  } catch (e) {
    // Where it was is the usual answer: a lost session shows sign-in instead.
    const at = page && page.url() !== target.url ? `, on ${page.url()}` : '';
    throw new Error(`${target.name} (${target.url}${at}): ${e.message}`);
  } finally {
    await browser.close();
  }
}

/**
 * Waits until Chromium's processes have stopped working (the SETTLE_*
 * constants above), measured from Chromium's own account of their CPU time
 * rather than guessed with a fixed delay: how long it takes differs from
 * launch to launch and with the machine's load. Returns how long it waited,
 * whether it saw quiet, and how many renderer processes there were then (one
 * more than the tabs need is Chromium's spare).
 *
 * @param {import('playwright-core').Browser} browser
 */
async function waitForQuiet(browser) {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const start = performance.now();
    let last;
    let quietPolls = 0;
    for (;;) {
      const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
      const now = {
        ids: processInfo.map((p) => p.id).sort((a, b) => a - b).join(','),
        cpu: processInfo.reduce((sum, p) => sum + p.cpuTime, 0),
        renderers: processInfo.filter((p) => p.type === 'renderer').length,
      };
      quietPolls = last && now.ids === last.ids && now.cpu - last.cpu <= SETTLE_QUIET_CPU_S ? quietPolls + 1 : 0;
      last = now;
      const waited = performance.now() - start;
      const settled = quietPolls >= SETTLE_QUIET_POLLS;
      if (settled || waited >= SETTLE_MAX_MS) return { settleMs: Math.round(waited), settled, renderers: now.renderers };
      await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
    }
  } finally {
    // Detached before the timed navigation, so no extra DevTools client is attached during it.
    await cdp.detach();
  }
}

/** Fails when a page redirected elsewhere (a lost session, say): that page's time would be measured instead. */
function expectLanded(page, target) {
  const landed = new URL(page.url());
  if (landed.origin + landed.pathname !== new URL(target.url).origin + new URL(target.url).pathname) {
    throw new Error(`landed on ${page.url()} instead`);
  }
}

/** @param {number[]} values */
function summarise(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: round1(quantile(sorted, 0.5)),
    p25: round1(quantile(sorted, 0.25)),
    p75: round1(quantile(sorted, 0.75)),
    min: sorted[0],
    max: sorted[sorted.length - 1],
  };
}

/** Linear interpolation between the closest ranks of a sorted list. */
function quantile(sorted, q) {
  const at = (sorted.length - 1) * q;
  const below = Math.floor(at);
  const above = Math.ceil(at);
  return sorted[below] + (sorted[above] - sorted[below]) * (at - below);
}

/** Ratios of medians: each Threshold page to the static form, Amplify to each Threshold page, the COOP header's cost. */
function ratiosOf(summary) {
  const ratios = {};
  const ratio = (a, b) => {
    if (summary[a] && summary[b]) ratios[`${a} / ${b}`] = Math.round((summary[a].median / summary[b].median) * 100) / 100;
  };
  const thresholdPages = Object.keys(summary).filter((name) => name.startsWith('threshold-'));
  for (const page of thresholdPages) ratio(page, 'static');
  for (const page of thresholdPages) ratio('amplify', page);
  ratio('static-coop', 'static');
  return ratios;
}

function printTimes(summary, ratios, what) {
  console.log(`\nTime to a usable form, ms from navigation start (${what})`);
  const rows = Object.entries(summary).map(([name, s]) => [name, s.median, s.p25, s.p75, s.min, s.max].map(String));
  printTable(['page', 'median', 'p25', 'p75', 'min', 'max'], rows);
  console.log('\nRatios of medians');
  printTable(
    ['ratio', ''],
    Object.entries(ratios).map(([name, value]) => [name, `${value.toFixed(2)}x`]),
  );
}

/** Each page's cold and warm medians side by side, and what the warm browser saves. */
function printColdWarm(cold, warm) {
  console.log('\nCold against warm, medians in ms');
  printTable(
    ['page', 'cold', 'warm', 'warm - cold'],
    Object.keys(cold).map((name) => [name, String(cold[name].median), String(warm[name].median), round1(warm[name].median - cold[name].median).toFixed(1)]),
  );
}

// ---- Page weight ----

/**
 * @typedef {object} Weight
 * @property {number} requests responses the page received
 * @property {number} raw decoded bytes of every response body
 * @property {number} gzip the same bodies, each gzip -9
 * @property {number} brotli the same bodies, each brotli at quality 11
 * @property {number} transferred body bytes as they came over the wire (compressed where the server compressed)
 * @property {object[]} responses one line per response
 * @property {{ url: string, failure: string }[]} failed requests that got no response
 */

/**
 * Loads the page once more, untimed, and weighs every response it gets until
 * the network is quiet: the HTML and all it loads.
 *
 * @param {Target} target
 * @returns {Promise<Weight>}
 */
async function weigh(target) {
  const browser = await chromium.launch(LAUNCH);
  try {
    const context = await browser.newContext();
    if (target.cookies) await context.addCookies(target.cookies);
    const page = await context.newPage();
    /** @type {import('playwright-core').Response[]} */
    const seen = [];
    const failed = [];
    page.on('response', (response) => seen.push(response));
    page.on('requestfailed', (request) => failed.push({ url: request.url(), failure: request.failure()?.errorText ?? '' }));
    await page.goto(target.url, { waitUntil: 'networkidle', timeout: TIMEOUT_MS });
    expectLanded(page, target);
    await page.locator(target.selector).first().waitFor({ state: 'visible', timeout: TIMEOUT_MS });

    const responses = [];
    for (const response of seen) {
      // A redirect has no body to read.
      const body = await response.body().catch(() => Buffer.alloc(0));
      const sizes = await response.request().sizes();
      responses.push({
        url: response.url(),
        status: response.status(),
        type: response.headers()['content-type'] ?? '',
        encoding: response.headers()['content-encoding'] ?? '',
        raw: body.length,
        gzip: body.length ? zlib.gzipSync(body, { level: 9 }).length : 0,
        brotli: body.length
          ? zlib.brotliCompressSync(body, {
              params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
            }).length
          : 0,
        transferred: sizes.responseBodySize,
      });
    }
    const total = (key) => responses.reduce((sum, r) => sum + r[key], 0);
    return { requests: responses.length, raw: total('raw'), gzip: total('gzip'), brotli: total('brotli'), transferred: total('transferred'), responses, failed };
  } catch (e) {
    throw new Error(`weighing ${target.name} (${target.url}): ${e.message}`);
  } finally {
    await browser.close();
  }
}

/** @param {Record<string, Weight>} weight */
function printWeight(weight) {
  const kb = (bytes) => (bytes / 1024).toFixed(1);
  console.log('\nPage weight, KB (1 KB = 1024 bytes): the HTML and everything it loads');
  printTable(
    ['page', 'requests', 'raw', 'gzip -9', 'brotli 11', 'transferred'],
    Object.entries(weight).map(([name, w]) => [name, String(w.requests), kb(w.raw), kb(w.gzip), kb(w.brotli), kb(w.transferred)]),
  );
  for (const [name, w] of Object.entries(weight)) {
    console.log(`\n${name}`);
    for (const r of w.responses) {
      const how = r.encoding ? `, sent ${r.encoding}` : '';
      console.log(`  ${r.status} ${new URL(r.url).pathname} (${r.type || 'no type'}${how}): raw ${kb(r.raw)}, gzip ${kb(r.gzip)}, brotli ${kb(r.brotli)}`);
    }
    for (const f of w.failed) console.log(`  failed ${f.url}: ${f.failure}`);
  }
}

// ---- The signed-in session for /account ----

/**
 * A confirmed user with a password of their own in Threshold's embedded
 * pool, made as end2end/fixtures/pool-admin.ts makes one: AdminCreateUser
 * without an invitation, then a permanent AdminSetUserPassword.
 *
 * @param {string} poolUrl the pool's endpoint, http://127.0.0.1:PORT
 * @param {string} dataDir Threshold's data directory, whose dev-pool.json names the pool
 */
async function createUser(poolUrl, dataDir) {
  const { pool_id: poolId } = JSON.parse(await readFile(path.join(dataDir, 'dev-pool.json'), 'utf8'));
  const call = async (operation, input) => {
    const response = await fetch(poolUrl, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}`,
        // The local pool wants a SigV4 header naming a region, and accepts
        // any signature for admin operations.
        Authorization: 'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=0',
      },
      body: JSON.stringify({ UserPoolId: poolId, ...input }),
    });
    if (response.status !== 200) throw new Error(`${operation} on the local pool: ${response.status} ${await response.text()}`);
  };
  const id = randomBytes(6).toString('hex');
  const email = `bench-${id}@example.com`;
  // Upper and lower case, a digit and a symbol: Cognito's default policy.
  const password = `Bench-${id}-Pw9`;
  await call('AdminCreateUser', {
    Username: email,
    UserAttributes: [
      { Name: 'email', Value: email },
      { Name: 'email_verified', Value: 'true' },
    ],
    MessageAction: 'SUPPRESS',
  });
  await call('AdminSetUserPassword', { Username: email, Password: password, Permanent: true });
  return { email, password, remove: () => call('AdminDeleteUser', { Username: email }) };
}

/**
 * Signs the user in through the pages, as the Playwright kit's signIn does
 * (forms by action, fields by name, where it is by `<main data-title-id>`),
 * and returns the session's cookies. JavaScript is off: the pages work
 * without it, and the passkey script stays out of the way.
 *
 * @param {URL} threshold
 * @param {{ email: string, password: string }} user
 */
async function signIn(threshold, user) {
  const browser = await chromium.launch(LAUNCH);
  try {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const titleId = () => page.locator('main[data-title-id]').first().getAttribute('data-title-id');
    const submit = async (button) => {
      await Promise.all([page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() }), button.click()]);
      await page.waitForLoadState('domcontentloaded');
    };

    await page.goto(new URL('/sign-in', threshold).href);
    const name = page.locator('form[action="/api/sign-in"]');
    await name.locator('input[name="username"]').fill(user.email);
    // Without choice-based sign-in the password is on this page.
    const passwordHere = name.locator('input[name="password"]');
    if ((await passwordHere.count()) > 0) await passwordHere.fill(user.password);
    await submit(name.locator('button[type="submit"], button:not([type])').first());

    if ((await titleId()) === 'challenge.first_factor_title') {
      // Choice-based sign-in (the embedded pool): the ways in; the password.
      const ways = page.locator('form[action="/api/sign-in-challenge"]');
      await ways.locator('input[name="password"]').fill(user.password);
      await submit(ways.locator('button[name="choice"][value="password"]'));
    }
    await page.goto(new URL('/account', threshold).href);
    const title = await titleId();
    if (title !== 'account.title') throw new Error(`signing in ${user.email} ended on ${title ?? page.url()}`);
    return await context.cookies();
  } finally {
    await browser.close();
  }
}

// ---- A static file server for Amplify and the static form ----

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves a folder's files as they are on disk, from memory, on a free
 * loopback port. Any production host (a CDN, nginx, S3 behind CloudFront)
 * compresses text, so a browser asking for gzip gets gzip: Amplify's bundle
 * would be unfairly heavy otherwise. Chromium asks for brotli only over
 * HTTPS, so gzip is what it takes here. Files are read and compressed once,
 * before any timing, as a host that caches or precompresses would.
 *
 * @param {string} dir
 * @param {Record<string, string>} [headers] added to every answer
 * @returns {Promise<{ origin: string, close: () => void }>}
 */
async function serveFolder(dir, headers = {}) {
  const files = new Map();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const body = await readFile(file);
    const urlPath = `/${path.relative(dir, file).split(path.sep).join('/')}`;
    files.set(urlPath, { body, gzip: zlib.gzipSync(body), type: TYPES[path.extname(file)] ?? 'application/octet-stream' });
  }
  const server = http.createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://x').pathname;
    // Only the files read above can be served, so no path leaves the folder.
    const file = files.get(pathname === '/' ? '/index.html' : pathname);
    if (!file || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }).end('not found\n');
      return;
    }
    const gzip = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
    const body = gzip ? file.gzip : file.body;
    response.writeHead(200, {
      'Content-Type': file.type,
      'Content-Length': body.length,
      Vary: 'Accept-Encoding',
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
      ...headers,
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  // localhost, as for Threshold, so every page's host name resolves alike.
  return { origin: `http://localhost:${server.address().port}`, close: () => server.close() };
}

// ---- Small helpers ----

function round1(value) {
  return Math.round(value * 10) / 10;
}

async function packageVersion(name) {
  const manifest = JSON.parse(await readFile(path.join(here, 'node_modules', name, 'package.json'), 'utf8'));
  return manifest.version;
}

/** @param {string[]} header @param {string[][]} rows */
function printTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

main().catch((e) => {
  console.error(e.message ?? e);
  process.exitCode = 1;
});
