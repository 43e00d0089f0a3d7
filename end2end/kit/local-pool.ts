import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Clock } from './authenticator';

/** What `GET /_local/clock` and `POST /_local/clock/advance` answer. */
interface ClockState {
  readonly now_ms: number;
  readonly offset_ms: number;
}

/**
 * The local pool's own routes, on the POOL's port (never the app's): its
 * clock, which codes, challenge sessions and authenticator steps follow.
 * The clock routes exist only while the app runs with
 * `THRESHOLD_LOCAL_POOL_TEST_CLOCK=true`.
 */
export class LocalPool implements Clock {
  private constructor(readonly endpoint: string) {}

  /** The embedded pool of the app serving from `dataDir` (its `local-pool-addr` file). */
  static fromDataDir(dataDir: string): LocalPool {
    const addr = readFileSync(path.join(dataDir, 'local-pool-addr'), 'utf8').trim();
    return new LocalPool(`http://${addr}`);
  }

  /** The pool listening on `port` of this machine. */
  static at(port: string | number): LocalPool {
    return new LocalPool(`http://127.0.0.1:${port}`);
  }

  /** The pool's time, in milliseconds since the epoch. */
  async now(): Promise<number> {
    return (await this.send('/_local/clock', { method: 'GET' })).now_ms;
  }

  /** Moves the pool's clock `seconds` forward; returns its new time (ms). */
  async advance(seconds: number): Promise<number> {
    const state = await this.send('/_local/clock/advance', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ seconds }),
    });
    return state.now_ms;
  }

  private async send(route: string, init: RequestInit): Promise<ClockState> {
    const url = `${this.endpoint}${route}`;
    const response = await fetch(url, init);
    const text = await response.text();
    if (response.status === 404) {
      throw new Error(`${init.method} ${url} answered 404: run the app with THRESHOLD_LOCAL_POOL_TEST_CLOCK=true`);
    }
    if (response.status !== 200) {
      throw new Error(`${init.method} ${url} answered ${response.status}: ${text}`);
    }
    const state = JSON.parse(text) as ClockState;
    if (typeof state.now_ms !== 'number') {
      throw new Error(`${init.method} ${url} answered without now_ms: ${text}`);
    }
    return state;
  }
}

/**
 * Moves the local pool's clock `seconds` forward: codes and challenge
 * sessions expire, and authenticator apps show the next step's code,
 * without waiting. Every test using the same pool sees the jump, so run
 * such tests alone (one worker, after the others).
 */
export async function advanceClock(pool: LocalPool, seconds: number): Promise<number> {
  return pool.advance(seconds);
}
