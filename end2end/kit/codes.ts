import { expect, type APIRequestContext } from '@playwright/test';

/** Why the pool sent a message (the outbox's `purpose`). */
export type CodePurpose = 'sign_up' | 'forgot_password' | 'mfa' | 'verify_attribute' | 'invitation';

/** What `Outbox.before` says when the app has no outbox. */
const NO_OUTBOX = Symbol('no outbox');

/** One message from `GET /_dev/outbox.json`. */
export interface OutboxMessage {
  readonly pool_id: string;
  readonly username: string;
  readonly channel: string;
  readonly destination: string;
  readonly purpose: CodePurpose;
  readonly code: string | null;
  readonly message: string;
  readonly sent_at: string;
}

/**
 * Where the flows get the codes the pool sends. `before` is called just
 * before the action that sends one, `code` after it, with what `before`
 * returned, so a code already there is never taken for the new one.
 */
export interface Codes {
  before(destination: string, purpose: CodePurpose): Promise<unknown>;
  code(destination: string, purpose: CodePurpose, before: unknown): Promise<string>;
}

/**
 * The development outbox of an app on the embedded local pool
 * (`/_dev/outbox.json` on the app's own address, newest last).
 */
export class Outbox implements Codes {
  constructor(private readonly request: APIRequestContext) {}

  /** Every message sent to `destination`, whatever its purpose, oldest first. */
  async allMessages(destination: string): Promise<OutboxMessage[]> {
    const response = await this.request.get('/_dev/outbox.json', { params: { destination } });
    expect(response.status(), 'GET /_dev/outbox.json (only an app on the embedded pool has one)').toBe(200);
    const body = (await response.json()) as { messages: OutboxMessage[] };
    return body.messages.filter((m) => m.destination === destination);
  }

  /** Every message sent to `destination` for `purpose`, oldest first. */
  async messages(destination: string, purpose: CodePurpose = 'sign_up'): Promise<OutboxMessage[]> {
    return (await this.allMessages(destination)).filter((m) => m.purpose === purpose);
  }

  async count(destination: string, purpose: CodePurpose = 'sign_up'): Promise<number> {
    return (await this.messages(destination, purpose)).length;
  }

  /** The newest message to `destination` for `purpose`, waiting until more than `after` exist. */
  async latestMessage(
    destination: string,
    { purpose = 'sign_up', after = 0 }: { purpose?: CodePurpose; after?: number } = {},
  ): Promise<OutboxMessage> {
    await expect
      .poll(() => this.count(destination, purpose), {
        message: `a ${purpose} message for ${destination} in the outbox`,
      })
      .toBeGreaterThan(after);
    const messages = await this.messages(destination, purpose);
    return messages[messages.length - 1];
  }

  /**
   * The newest code sent to `destination`, waiting until more than `after`
   * messages exist (pass the count seen before an action that sends a code).
   */
  async latestCode(
    destination: string,
    { purpose = 'sign_up', after = 0 }: { purpose?: CodePurpose; after?: number } = {},
  ): Promise<string> {
    const code = (await this.latestMessage(destination, { purpose, after })).code ?? '';
    expect(code, 'the outbox message carries a code').toMatch(/^\d+$/);
    return code;
  }

  /** The temporary password of the newest invitation (AdminCreateUser) sent to `destination`. */
  async temporaryPassword(destination: string): Promise<string> {
    const password = (await this.latestMessage(destination, { purpose: 'invitation' })).code ?? '';
    expect(password, 'the invitation carries a temporary password').not.toBe('');
    return password;
  }

  /**
   * The count before an action. An app on a real pool has no outbox
   * (404): that is only a problem if a code is then needed, so `code`
   * says it.
   */
  async before(destination: string, purpose: CodePurpose): Promise<unknown> {
    const response = await this.request.get('/_dev/outbox.json', { params: { destination } });
    if (response.status() === 404) return NO_OUTBOX;
    return this.count(destination, purpose);
  }

  async code(destination: string, purpose: CodePurpose, before: unknown): Promise<string> {
    if (before === NO_OUTBOX) {
      throw new Error(
        `a ${purpose} code for ${destination} is needed, and this app has no outbox (a real pool): pass codes: codesFrom(…)`,
      );
    }
    return this.latestCode(destination, { purpose, after: Number(before) });
  }
}

/**
 * Codes from anywhere else (a real pool's emails, read from a test
 * mailbox service; texts from an SMS API): `fetchCode` is given the
 * destination, the purpose and the moment the action started, and returns
 * the code of the first matching message sent after it.
 */
export function codesFrom(
  fetchCode: (destination: string, purpose: CodePurpose, sentAfter: Date) => Promise<string>,
): Codes {
  return {
    before: async () => new Date(),
    code: async (destination, purpose, before) => fetchCode(destination, purpose, before as Date),
  };
}

/**
 * The newest code the app's local pool sent to `destination` for
 * `purpose`, from the development outbox: at once if one is there,
 * otherwise when the first arrives. After an action that sends another,
 * use `Outbox.latestCode` with the count from before (`after`).
 */
export async function readCode(
  request: APIRequestContext,
  destination: string,
  purpose: CodePurpose = 'sign_up',
): Promise<string> {
  return new Outbox(request).latestCode(destination, { purpose });
}
