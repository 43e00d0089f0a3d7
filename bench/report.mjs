// Turns bench/run's results into docs/benchmarks.md and the README's budget
// table (between its `budgets` markers), so both always show one run.
//
//   node bench/report.mjs --results target/bench/results --write
//   node bench/report.mjs --results target/bench/smoke --check   (CI: every
//        part produced its figures; the page-weight budget holds; no file written)

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: options } = parseArgs({
  options: {
    results: { type: 'string', default: path.join(root, 'target', 'bench', 'results') },
    write: { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
  },
});

/** The page-weight budget, as tests/page_weight.rs asserts it. */
const BUDGET_GZIP = 15 * 1024;

const read = (name) => JSON.parse(readFileSync(path.join(options.results, name), 'utf8'));
const weights = read('weights.json');
const server = read('server.json');
const browser = read('browser.json');

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value) => (value < 10 ? value.toFixed(2) : value.toFixed(0));
const times = (value) => `${value.toFixed(2)}×`;
const table = (head, rows) =>
  [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join(
    '\n',
  );
const sum = (list, key) => list.reduce((total, item) => total + item[key], 0);

// ------------------------------------------------------------ the figures

const pageTotals = weights.map(({ page, responses }) => ({
  page,
  responses: responses.length,
  raw: sum(responses, 'raw'),
  gzip: sum(responses, 'gzip'),
  brotli: sum(responses, 'brotli'),
}));
const heaviest = pageTotals.reduce((a, b) => (b.gzip > a.gzip ? b : a));

const pages = browser.pages;
const median = (name) => pages[name]?.summary.median;
const thresholdPages = Object.keys(pages).filter((name) => name.startsWith('threshold-'));
const slowestThreshold = thresholdPages.reduce((a, b) => (median(b) > median(a) ? b : a));

const rows = server.throughput?.rows ?? {};
const rps = (name) => rows[name]?.requestsPerSecond;
const STATIC = 'static file (the stylesheet)';
const worstP99 = Math.max(...Object.values(rows).map((r) => r.p99));

/** Criterion's medians, from target/criterion/<group>/<bench>/new/. */
function criterionResults() {
  const base = path.join(root, 'target', 'criterion');
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (!entry.isDirectory()) continue;
      if (entry.name === 'new' && existsSync(path.join(full, 'benchmark.json'))) {
        const id = JSON.parse(readFileSync(path.join(full, 'benchmark.json'), 'utf8'));
        const estimates = JSON.parse(readFileSync(path.join(full, 'estimates.json'), 'utf8'));
        found.push({ group: id.group_id, name: id.function_id ?? id.value_str ?? '', ns: estimates.median.point_estimate });
      } else if (entry.name !== 'report') {
        walk(full);
      }
    }
  };
  if (existsSync(base)) walk(base);
  return found.sort((a, b) => a.group.localeCompare(b.group) || a.name.localeCompare(b.name));
}

const goals = [
  ['Any page with everything it loads, gzip', `under ${kb(BUDGET_GZIP)}`, `${kb(heaviest.gzip)} (heaviest: \`${heaviest.page}\`)`, heaviest.gzip < BUDGET_GZIP],
  [
    'Time to a usable form vs a static HTML form',
    'within 1.20×',
    `${times(median(slowestThreshold) / median('static'))} (slowest: ${slowestThreshold}); vs the same form with COOP ${times(median(slowestThreshold) / median('static-coop'))}`,
    median(slowestThreshold) / median('static') <= 1.2,
  ],
  ...(median('amplify')
    ? [
        [
          "Time to a usable form vs Amplify's Authenticator",
          'at least 6× faster',
          `${times(median('amplify') / median(slowestThreshold))} (against the slowest Threshold page; the static form itself: ${times(median('amplify') / median('static'))})`,
          median('amplify') / median(slowestThreshold) >= 6,
        ],
      ]
    : []),
  ...(rps(STATIC)
    ? [
        [
          '`GET /sign-in` vs a static file, same server',
          'at least 50 %',
          `first visit ${pct(rps('/sign-in, first visit') / rps(STATIC))}, returning ${pct(rps('/sign-in, returning visitor') / rps(STATIC))}`,
          Math.min(rps('/sign-in, first visit'), rps('/sign-in, returning visitor')) / rps(STATIC) >= 0.5,
        ],
        [
          '`GET /account` signed in vs a static file',
          'at least 33 %',
          pct(rps('/account, signed in') / rps(STATIC)),
          rps('/account, signed in') / rps(STATIC) >= 1 / 3,
        ],
        ['p99 latency at 64 connections', 'under 10 ms', `${ms(worstP99)} ms (worst row)`, worstP99 < 10],
      ]
    : []),
];

function pct(fraction) {
  return `${Math.round(fraction * 100)} %`;
}

// ------------------------------------------------------------ the check

if (options.check) {
  const problems = [];
  if (!(heaviest.gzip < BUDGET_GZIP)) problems.push(`page weight ${heaviest.gzip} B over the budget`);
  if (thresholdPages.length < 3) problems.push(`only ${thresholdPages.join(', ')} timed in the browser`);
  for (const [name, row] of Object.entries(rows)) {
    if (!(row.requestsPerSecond > 0) || row.non2xx) problems.push(`throughput of ${name}: ${JSON.stringify(row)}`);
  }
  for (const row of server.signIns ?? []) if (!(row.signIns > 0) || row.failed) problems.push(`sign-ins: ${JSON.stringify(row)}`);
  for (const row of server.memory ?? []) if (!(row.storeBytesPerSession > 0)) problems.push(`memory: ${JSON.stringify(row)}`);
  if (problems.length) {
    console.error(`bench smoke run incomplete:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log('every part of the bench produced its figures');
  process.exit(0);
}

// ------------------------------------------------------------ the document

function machine() {
  const version = (command, args) => {
    try {
      return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
        .trim()
        .split('\n')[0];
    } catch (error) {
      // `wrk -v` prints its version and exits with 1.
      return String(error.stdout ?? '').trim().split('\n')[0] || 'unknown';
    }
  };
  return [
    `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Linux ${os.release()}`,
    `${version('rustc', ['--version'])}; ${browser.browser}; Node ${process.version}; ${version('wrk', ['-v'])}; ${version('redis-server', ['--version'])}`,
  ];
}

const criterion = criterionResults();
const date = new Date().toISOString().slice(0, 10);
const [hardware, software] = machine();
const doc = [
  '# Benchmarks',
  '',
  `Written by \`bench/run\` on ${date} (do not edit by hand: run it again). The`,
  'command installs what it needs, builds Threshold in release mode, and runs',
  "every measurement below in one go; `bench/run --smoke` is CI's short form,",
  'and `tests/page_weight.rs` is the page-weight budget as a test. Goals are',
  "issue 15's; notes on reading the figures are at the end.",
  '',
  `- Machine: ${hardware}`,
  `- Software: ${software}`,
  '- Threshold: release build, embedded local pool in the same process, SQLite sessions unless a row says Redis, brute-force limits off (every visitor is 127.0.0.1)',
  '',
  '## Goals',
  '',
  table(
    ['Goal', 'Target', 'Measured', 'Met'],
    goals.map(([goal, target, measured, met]) => [goal, target, measured, met ? 'yes' : '**no**']),
  ),
  '',
  '## 1. Time to a usable form',
  '',
  `Headless Debian Chromium driven by playwright-core, ${browser.launches} cold launches per page (a new browser process`,
  'each time), the page order rotated every round. Time from navigation start to the first animation frame in',
  "which the form's first field (on `/account`, the heading) is visible, on the page's own clock. Amplify: a Vite",
  'build of a page rendering only `<Authenticator>` (bench/amplify/), served gzip-compressed by a small Node server;',
  "the static form is served by the same server, once more with `Cross-Origin-Opener-Policy: same-origin`, the",
  'header Threshold sends.',
  '',
  table(
    ['Page', 'Median ms', 'p25', 'p75', 'Min', 'Max'],
    Object.entries(pages).map(([name, p]) => [name, ...['median', 'p25', 'p75', 'min', 'max'].map((k) => ms(p.summary[k]))]),
  ),
  '',
  table(
    ['Ratio of medians', ''],
    Object.entries(browser.ratios).map(([name, value]) => [name, times(value)]),
  ),
  '',
  ...(browser.warm?.pages
    ? [
        'The same pages opened in a new tab of a browser that is already running (`--mode warm`: another site open',
        'in the first tab, the new tab timed once Chromium is idle):',
        '',
        table(
          ['Page', 'Median ms', 'p25', 'p75', 'Min', 'Max'],
          Object.entries(browser.warm.pages).map(([name, p]) => [
            name,
            ...['median', 'p25', 'p75', 'min', 'max'].map((k) => ms(p.summary[k])),
          ]),
        ),
        '',
        table(
          ['Ratio of medians, warm', ''],
          Object.entries(browser.warm.ratios ?? {}).map(([name, value]) => [name, times(value)]),
        ),
        '',
      ]
    : []),
  'What each page loads in the browser (every response until the network is idle):',
  '',
  table(
    ['Page', 'Requests', 'Raw', 'gzip', 'brotli'],
    Object.entries(browser.weight).map(([name, w]) => [name, w.requests, kb(w.raw), kb(w.gzip), kb(w.brotli)]),
  ),
  '',
  '## 2. Page weight of every page',
  '',
  'Each page of Threshold (signed out, in the middle of a flow, signed in) with every file it links, compressed',
  'with gzip -9 and brotli 11, from `tests/page_weight.rs`. Static files are sent compressed when the browser',
  "asks; pages are not (BREACH, docs/security.md), so a page's HTML travels raw. A returning visitor loads only",
  'the HTML: every file is linked by its fingerprint and cached for a year.',
  '',
  table(
    ['Page', 'Responses', 'Raw', 'gzip', 'brotli'],
    pageTotals.map((p) => [`\`${p.page}\``, p.responses, kb(p.raw), kb(p.gzip), kb(p.brotli)]),
  ),
  '',
  '## 3. Server throughput and latency',
  '',
  `wrk, ${server.throughput?.threads ?? 2} threads, ${server.throughput?.connections ?? 64} connections, ${server.seconds} s per row, one after another in one run, on`,
  'loopback; wrk shares the two cores with Threshold. Requests without `Accept-Encoding`.',
  '',
  table(
    ['Request', 'req/s', 'vs static', 'p50 ms', 'p90 ms', 'p99 ms'],
    Object.entries(rows).map(([name, r]) => [
      name,
      r.requestsPerSecond.toFixed(0),
      pct(r.requestsPerSecond / rps(STATIC)),
      ms(r.p50),
      ms(r.p90),
      ms(r.p99),
    ]),
  ),
  '',
  '## 4. One sign-in’s CPU cost',
  '',
  'Criterion medians (`cargo bench --bench sign_in`, `cargo bench -p local-pool --bench srp`).',
  '',
  table(
    ['Group', 'Benchmark', 'Median'],
    criterion.map((c) => [c.group, c.name, c.ns >= 1e6 ? `${(c.ns / 1e6).toFixed(2)} ms` : `${(c.ns / 1e3).toFixed(1)} µs`]),
  ),
  '',
  '## 5. Sign-ins per second, end to end',
  '',
  `Each visitor signs in with a password on the name-first pages (name, password, account page), then signs`,
  `out, again and again for ${server.seconds} s, with an account of its own. Threshold (and the local pool inside it) pinned`,
  'with taskset; the load generator (Node) is not pinned and takes its share of the cores.',
  '',
  table(
    ['Cores', 'Visitors', 'Sign-ins', 'Per second', 'p50 ms', 'p99 ms', 'Failed'],
    (server.signIns ?? []).map((r) => [
      r.cores === '0' ? 'one' : 'two',
      r.visitors,
      r.signIns,
      r.perSecond.toFixed(1),
      r.p50.toFixed(0),
      r.p99.toFixed(0),
      r.failed,
    ]),
  ),
  '',
  '## 6. Memory',
  '',
  'Resident memory of the Threshold process after one sign-in (idle) and after the stored sessions were made',
  '(each a sign-in begun: the name entered, the state Cognito returned kept), and what one session adds to the',
  "store: the SQLite file and its WAL, or Redis's `used_memory`.",
  '',
  table(
    ['Store', 'Sessions', 'Idle', 'After', 'Store bytes per session'],
    (server.memory ?? []).map((r) => [
      r.store,
      r.sessions,
      `${(r.idleBytes / 2 ** 20).toFixed(1)} MiB`,
      `${(r.afterBytes / 2 ** 20).toFixed(1)} MiB`,
      r.storeBytesPerSession.toFixed(0),
    ]),
  ),
  '',
  readFileSync(path.join(root, 'bench', 'NOTES.md'), 'utf8').trim(),
  '',
].join('\n');

// ------------------------------------------------------------ the README

const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const begin = '<!-- budgets:begin (written by bench/run) -->';
const end = '<!-- budgets:end -->';
const budgets = [
  begin,
  `Measured by \`bench/run\` on ${date} (release build, this project's 2-core machine); details and`,
  'method in [docs/benchmarks.md](docs/benchmarks.md).',
  '',
  table(
    ['Budget', 'Goal', 'Measured', 'Met'],
    goals.map(([goal, target, measured, met]) => [goal, target, measured, met ? 'yes' : '**no**']),
  ),
  end,
].join('\n');
const at = readme.indexOf(begin);
const until = readme.indexOf(end);
if (at < 0 || until < at) throw new Error(`README.md lacks the ${begin} … ${end} markers`);

if (options.write) {
  writeFileSync(path.join(root, 'docs', 'benchmarks.md'), doc);
  writeFileSync(path.join(root, 'README.md'), readme.slice(0, at) + budgets + readme.slice(until + end.length));
  console.log('wrote docs/benchmarks.md and the README budget table');
} else {
  console.log(doc);
}
