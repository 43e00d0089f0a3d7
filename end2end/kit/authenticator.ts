import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as Cognito uses it: HMAC-SHA1, 6 digits, 30-second steps. */
const PERIOD = 30;
const DIGITS = 6;

/**
 * The pool's time, which authenticator codes must follow. `advance`, when
 * present, moves it (the local pool's test clock); without it a code that
 * needs the next step waits for it.
 */
export interface Clock {
  now(): Promise<number>;
  advance?(seconds: number): Promise<number>;
}

/** This machine's clock: right for Cognito, moto, and a local pool nobody moves. */
export const systemClock: Clock = { now: async () => Date.now() };

/**
 * Steps handed out per secret, shared by every `Authenticator` in this
 * worker process: a user who signs in twice in one test file must not get
 * the same step twice. (Workers do not share it: give each worker its own
 * users.)
 */
const lastSteps = new Map<string, number>();

/**
 * An authenticator app in the test: computes the codes for a secret at the
 * POOL's time. Pools accept the step either side of their clock's but
 * refuse a step at or before the last one they accepted (the replay
 * rule), so the app remembers the steps it handed out and moves to the
 * next one (advancing the clock when it can, waiting for it otherwise).
 */
export class Authenticator {
  /** The secret, base32 without spaces: what a user's `totpSecret` holds. */
  readonly secret: string;
  private readonly otp: Secret;

  /** `secret`: base32, as shown on the page (grouped with spaces or not). */
  constructor(
    secret: string,
    private readonly clock: Clock = systemClock,
  ) {
    this.secret = secret.replace(/\s+/g, '').toUpperCase();
    this.otp = Secret.fromBase32(this.secret);
  }

  codeAt(timestamp: number): string {
    return TOTP.generate({ secret: this.otp, period: PERIOD, digits: DIGITS, timestamp });
  }

  /**
   * The code for the pool's current step, or for the step after the last
   * one handed out. A last step more than one step ahead of this clock
   * came from another clock (a moved pool clock, say): it is not waited
   * for.
   */
  async nextCode(): Promise<string> {
    let now = await this.clock.now();
    const last = lastSteps.get(this.secret) ?? -1;
    const counter = (at: number): number => TOTP.counter({ period: PERIOD, timestamp: at });
    if (counter(now) <= last && last - counter(now) <= 1) {
      if (this.clock.advance) {
        while (counter(now) <= last) now = await this.clock.advance(PERIOD);
      } else {
        const next = (last + 1) * PERIOD * 1000;
        // Waiting for a clock edge, not timing anything.
        await new Promise((resolve) => setTimeout(resolve, next - now + 50));
        now = await this.clock.now();
      }
    }
    lastSteps.set(this.secret, counter(now));
    return this.codeAt(now);
  }

  /** Marks the pool's current step as used (it refused a code as a replay). */
  async spendCurrentStep(): Promise<void> {
    const step = TOTP.counter({ period: PERIOD, timestamp: await this.clock.now() });
    lastSteps.set(this.secret, Math.max(step, lastSteps.get(this.secret) ?? -1));
  }

  /** A well-formed code that matches none of the steps the pool accepts at its current time. */
  async wrongCode(): Promise<string> {
    const now = await this.clock.now();
    const accepted = [-2, -1, 0, 1, 2].map((k) => this.codeAt(now + k * PERIOD * 1000));
    let code = Number(accepted[2]);
    do {
      code = (code + 111_111) % 10 ** DIGITS;
    } while (accepted.includes(String(code).padStart(DIGITS, '0')));
    return String(code).padStart(DIGITS, '0');
  }
}
