// The server side of issue 15's measurements, against Threshold processes
// this script starts (the embedded local pool, brute-force limits off):
//
//   throughput  requests per second and latency percentiles at 64
//               connections (wrk), side by side: a static file, /sign-in for
//               a first visit and a returning one, /account signed in, and
//               forward auth (/auth/verify) signed in;
//   signins     whole sign-ins per second (name, password, account page,
//               sign-out) at 16 and 64 concurrent visitors, with Threshold
//               on one core and on two;
//   memory      resident memory idle and after N stored sessions, and bytes
//               per stored session, with SQLite and with Redis.
//
//   node bench/server.mjs --bin target/release/threshold [--seconds 10]
//        [--sessions 10000] [--only throughput,signins,memory] [--out DIR]
//
// Results go to OUT/server.json; bench/report.mjs turns them into
// docs/benchmarks.md. Nothing here asserts a timing.

import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PASSWORD, Visitor, freePort, residentBytes, startThreshold } from './lib/threshold.mjs';

const { values: options } = parseArgs({
  options: {
    bin: { type: 'string' },
    seconds: { type: 'string', default: '10' },
    sessions: { type: 'string', default: '10000' },
    only: { type: 'string', default: 'throughput,signins,memory' },
    out: { type: 'string', default: 'target/bench/results' },
  },
});
if (!options.bin) throw new Error('--bin names the threshold executable');
const seconds = Number(options.seconds);
const parts = new Set(options.only.split(','));
const results = { seconds };

// ------------------------------------------------------------ throughput

/** wrk's figure with its unit ("1.23ms", "850.00us", "1.02s") in milliseconds. */
function millis(figure) {
  const [, number, unit] = /^([\d.]+)(us|ms|s)$/.exec(figure) ?? [];
  return Number(number) * { us: 0.001, ms: 1, s: 1000 }[unit];
}

/** One wrk run: requests per second and latency percentiles (ms). */
function wrk(url, cookie) {
  const args = ['-t2', '-c64', `-d${seconds}s`, '--latency', ...(cookie ? ['-H', `Cookie: ${cookie}`] : []), url];
  const output = execFileSync('wrk', args, { encoding: 'utf8' });
  const percentile = (p) => millis(new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm').exec(output)?.[1] ?? 'NaNms');
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0);
  const errors = /Socket errors: (.*)/.exec(output)?.[1] ?? null;
  return {
    requestsPerSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1]),
    p50: percentile(50),
    p90: percentile(90),
    p99: percentile(99),
    non2xx,
    errors,
  };
}

async function throughput(bin) {
  const app = await startThreshold({ bin });
  try {
    const email = 'throughput@example.com';
    await app.pool.createUser(email, PASSWORD);
    const signedIn = new Visitor(app.base);
    await signedIn.signIn(email);
    // A returning visitor: a session in the store (a sign-in begun).
    const returning = new Visitor(app.base);
    await returning.enterName(email);
    const page = await new Visitor(app.base).get('/sign-in');
    const stylesheet = /<link rel="stylesheet" href="([^"]+)"/.exec(page.text)?.[1];
    if (!stylesheet) throw new Error('the sign-in page links no stylesheet');
    // 127.0.0.1 rather than localhost: wrk resolves names itself, and the
    // cookie is sent as a header whatever the host.
    const url = (address) => app.base.replace('localhost', '127.0.0.1') + address;
    const rows = {};
    // wrk counts a redirect as a success: a lost session (a 303 to sign-in)
    // would pass as a fast /account. Each row's address answers 200 before
    // and after its run, or the run fails.
    const answers200 = async (address, cookie) => {
      const response = await fetch(url(address), { headers: cookie ? { cookie } : {}, redirect: 'manual' });
      if (response.status !== 200) throw new Error(`${address} answered ${response.status}, not 200`);
    };
    for (const [name, address, cookie] of [
      ['static file (the stylesheet)', stylesheet, null],
      ['/sign-in, first visit', '/sign-in', null],
      ['/sign-in, returning visitor', '/sign-in', returning.cookieHeader()],
      ['/account, signed in', '/account', signedIn.cookieHeader()],
      ['/auth/verify, signed in (forward auth)', '/auth/verify', signedIn.cookieHeader()],
    ]) {
      await answers200(address, cookie);
      rows[name] = wrk(url(address), cookie);
      await answers200(address, cookie);
      const row = rows[name];
      console.log(
        `${name}: ${row.requestsPerSecond.toFixed(0)} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms` +
          (row.non2xx ? `, ${row.non2xx} not 2xx` : ''),
      );
    }
    results.throughput = { connections: 64, threads: 2, rows };
  } finally {
    await app.stop();
  }
}

// ------------------------------------------------------------ sign-ins

/**
 * `visitors` browsers, each signing in and out with an account of its own
 * until the time is up. A sign-in counts once it reaches the account page.
 */
async function signIns(bin, cores, visitors) {
  const app = await startThreshold({ bin, cores });
  try {
    const emails = Array.from({ length: visitors }, (_, i) => `visitor-${i}@example.com`);
    for (const email of emails) await app.pool.createUser(email, PASSWORD);
    let done = 0;
    let failed = 0;
    const latencies = [];
    const start = performance.now();
    const end = start + seconds * 1000;
    await Promise.all(
      emails.map(async (email) => {
        while (performance.now() < end) {
          const visitor = new Visitor(app.base);
          const began = performance.now();
          try {
            await visitor.signIn(email);
            await visitor.get('/account');
            latencies.push(performance.now() - began);
            done += 1;
            await visitor.signOut();
          } catch (error) {
            failed += 1;
            if (failed === 1) console.error(`a sign-in failed: ${error.message}`);
          }
        }
      }),
    );
    const elapsed = (performance.now() - start) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
    const row = { cores, visitors, signIns: done, failed, perSecond: done / elapsed, p50: at(0.5), p99: at(0.99) };
    console.log(
      `sign-ins, ${visitors} visitors, cores ${cores}: ${row.perSecond.toFixed(1)}/s ` +
        `(p50 ${row.p50.toFixed(0)} ms, p99 ${row.p99.toFixed(0)} ms, ${failed} failed)`,
    );
    return row;
  } finally {
    await app.stop();
  }
}

// ------------------------------------------------------------ memory

/** Runs `task` for each of `count` items, `width` at a time. */
async function inParallel(count, width, task) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

/** A redis-server on a free port, without persistence; stopped by `stop`. */
async function startRedis() {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const cli = (...args) =>
    execFileSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  for (let i = 0; ; i += 1) {
    try {
      if (cli('ping').trim() === 'PONG') break;
    } catch {
      if (i > 100) throw new Error('redis-server did not start');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    usedMemory: () => Number(/used_memory:(\d+)/.exec(cli('info', 'memory'))?.[1]),
    keys: () => Number(cli('dbsize').trim()),
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * The bytes of the SQLite session store on disk: the database, and its WAL
 * while Threshold runs (pages in both are counted twice, so this is used
 * only for the baseline; the final size is read after Threshold exits, when
 * SQLite has folded the WAL back in).
 */
function sqliteBytes(dataDir) {
  let total = 0;
  for (const suffix of ['', '-wal']) {
    try {
      total += statSync(path.join(dataDir, `sessions.sqlite3${suffix}`)).size;
    } catch {
      // No WAL file.
    }
  }
  return total;
}

/**
 * Threshold's resident memory idle and after `count` stored sessions, each
 * a sign-in begun (the name entered: what a crowd of visitors, or a bot,
 * leaves behind), and what one stored session costs in the store.
 */
async function memory(bin, store) {
  const count = Number(options.sessions);
  const redis = store === 'redis' ? await startRedis() : null;
  let app;
  let sqliteAfter = NaN;
  try {
    app = await startThreshold({ bin, env: redis ? { THRESHOLD_SESSION_STORE: redis.url } : {} });
    const email = 'memory@example.com';
    await app.pool.createUser(email, PASSWORD);
    // Warm: every page and code path touched once, so "idle" is the
    // process ready to serve, not the process before its first request.
    const warm = new Visitor(app.base);
    await warm.signIn(email);
    await warm.signOut();
    const idle = residentBytes(app.pid);
    const storeBefore = redis ? redis.usedMemory() : sqliteBytes(app.dataDir);
    await inParallel(count, 16, async () => {
      await new Visitor(app.base).enterName(email);
    });
    const after = residentBytes(app.pid);
    const redisAfter = redis ? { used: redis.usedMemory(), keys: redis.keys() } : null;
    await app.stop((dataDir) => {
      sqliteAfter = sqliteBytes(dataDir);
    });
    app = null;
    const storeAfter = redisAfter ? redisAfter.used : sqliteAfter;
    const row = {
      store,
      sessions: count,
      idleBytes: idle,
      afterBytes: after,
      storeBytesPerSession: (storeAfter - storeBefore) / count,
      ...(redisAfter ? { redisKeys: redisAfter.keys } : {}),
    };
    console.log(
      `memory, ${store}: ${(idle / 2 ** 20).toFixed(1)} MiB idle, ${(after / 2 ** 20).toFixed(1)} MiB after ` +
        `${count} sessions; ${row.storeBytesPerSession.toFixed(0)} B per session in the store`,
    );
    return row;
  } finally {
    await app?.stop();
    await redis?.stop();
  }
}

// ------------------------------------------------------------ main

if (parts.has('throughput')) await throughput(options.bin);
if (parts.has('signins')) {
  results.signIns = [];
  for (const cores of ['0', '0,1']) {
    for (const visitors of [16, 64]) results.signIns.push(await signIns(options.bin, cores, visitors));
  }
}
if (parts.has('memory')) {
  results.memory = [await memory(options.bin, 'sqlite'), await memory(options.bin, 'redis')];
}
mkdirSync(options.out, { recursive: true });
writeFileSync(path.join(options.out, 'server.json'), `${JSON.stringify(results, null, 2)}\n`);
