// Starting Threshold for a measurement and talking to it like a browser
// without JavaScript: plain HTTP forms, a cookie jar, redirects not followed.
// Shared by server.mjs (throughput, sign-ins, memory) and browser.mjs.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/** A free loopback port, from the kernel. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** Waits until `url` answers 200, or fails after `seconds`. */
export async function waitFor(url, seconds = 60) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${seconds} s`);
    await delay(100);
  }
}

/**
 * A Threshold process on the embedded local pool, on free ports, with a
 * data directory of its own (removed by `stop`). `cores` pins it with
 * taskset (`'0'` or `'0,1'`); `env` adds settings (a Redis session store).
 * The brute-force limits are off: every visitor here comes from 127.0.0.1.
 */
export async function startThreshold({ bin, cores, env = {} }) {
  const [port, poolPort] = [await freePort(), await freePort()];
  const dataDir = mkdtempSync(path.join(tmpdir(), 'threshold-bench-'));
  const settings = {
    ...process.env,
    THRESHOLD_ADDR: `127.0.0.1:${port}`,
    THRESHOLD_DATA_DIR: dataDir,
    THRESHOLD_LOCAL_POOL_ADDR: `127.0.0.1:${poolPort}`,
    THRESHOLD_RATE_LIMIT_FACTOR: '0',
    // Under more load than two cores serve at once, calls to the pool
    // queue; the run measures how long, instead of failing them at 5 s.
    THRESHOLD_POOL_TIMEOUT_MS: '60000',
    RUST_LOG: 'warn',
    ...env,
  };
  const [command, args] = cores ? ['taskset', ['-c', cores, bin]] : [bin, []];
  const child = spawn(command, args, { env: settings, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // `localhost`, not 127.0.0.1: the session cookie is `__Host-` and Secure,
  // which browsers accept over plain HTTP on localhost only.
  const base = `http://localhost:${port}`;
  let saved;
  try {
    await Promise.race([
      waitFor(`http://127.0.0.1:${port}/healthz`),
      exited.then((code) => {
        throw new Error(`threshold exited (${code}) before answering`);
      }),
    ]);
    saved = JSON.parse(readFileSync(path.join(dataDir, 'dev-pool.json'), 'utf8'));
  } catch (error) {
    // A process left running would keep Node (and the run) alive.
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    base,
    dataDir,
    pid: /** @type {number} */ (child.pid),
    pool: new PoolAdmin(`http://127.0.0.1:${poolPort}/`, saved.pool_id),
    /** Stops Threshold; `beforeRemoving` runs on its data once it has exited. */
    async stop(beforeRemoving) {
      child.kill('SIGTERM');
      await exited;
      try {
        beforeRemoving?.(dataDir);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** The resident memory of process `pid`, in bytes (Linux `/proc`). */
export function residentBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return kib * 1024;
}

/** The administrator API of the embedded pool (AWS JSON 1.1; any signature). */
export class PoolAdmin {
  constructor(endpoint, poolId) {
    this.endpoint = endpoint;
    this.poolId = poolId;
  }

  async call(operation, input) {
    const response = await fetch(this.endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}`,
        Authorization:
          'AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=0',
      },
      body: JSON.stringify({ UserPoolId: this.poolId, ...input }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${operation}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : {};
  }

  /** A confirmed user with a verified email and a permanent password. */
  async createUser(email, password) {
    await this.call('AdminCreateUser', {
      Username: email,
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'email_verified', Value: 'true' },
      ],
      MessageAction: 'SUPPRESS',
    });
    await this.call('AdminSetUserPassword', { Username: email, Password: password, Permanent: true });
  }
}

export const PASSWORD = 'Correct-horse-7';

/**
 * One browser without JavaScript: a cookie jar, forms posted with the
 * page's CSRF token, redirects returned rather than followed.
 */
export class Visitor {
  constructor(base) {
    this.base = base;
    /** @type {Map<string, string>} */
    this.cookies = new Map();
  }

  /** The `Cookie` header this browser sends. */
  cookieHeader() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async request(method, address, body) {
    const headers = { accept: 'text/html' };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(this.base + address, {
      method,
      headers,
      body: body && new URLSearchParams(body).toString(),
      redirect: 'manual',
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
      if (!value || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    return { status: response.status, location: response.headers.get('location'), text };
  }

  get(address) {
    return this.request('GET', address);
  }

  /** Posts `fields` to `action` with the CSRF token of the page at `from`. */
  async submit(from, action, fields) {
    const page = await this.get(from);
    const token = /name="csrf_token" value="([^"]+)"/.exec(page.text)?.[1];
    if (!token) throw new Error(`${from} (${page.status}) has no form`);
    return this.request('POST', action, { ...fields, csrf_token: token });
  }

  /**
   * Signs in with a password on the name-first pages (choice-based sign-in,
   * the embedded default): the name, then the password among the ways in.
   * Fails unless it ends on the account page.
   */
  async signIn(email, password = PASSWORD) {
    let reply = await this.submit('/sign-in', '/api/sign-in', { username: email, password });
    if (reply.location === '/sign-in/challenge') {
      reply = await this.submit('/sign-in/challenge', '/api/sign-in-challenge', { choice: 'password', password });
    }
    if (reply.location !== '/account') {
      throw new Error(`sign-in ended at ${reply.location ?? reply.status}`);
    }
    return reply;
  }

  /** Starts a sign-in (the name only): a stored session, mid-flow. */
  async enterName(email) {
    const reply = await this.submit('/sign-in', '/api/sign-in', { username: email });
    if (reply.location !== '/sign-in/challenge') {
      throw new Error(`the name step ended at ${reply.location ?? reply.status}`);
    }
    return reply;
  }

  async signOut() {
    const reply = await this.submit('/account', '/api/sign-out', {});
    if (reply.status !== 303) throw new Error(`sign-out answered ${reply.status}`);
    return reply;
  }
}
