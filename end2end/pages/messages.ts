import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The flash region: one message shown after a post/redirect/get, carrying a
 * stable `data-message-id` so tests never depend on English wording.
 * Information uses `role="status"`, errors `role="alert"`.
 */
export class Messages {
  /**
   * Every message currently on the page that a post left behind: notices,
   * field errors and the error summary's links (not the page's own intro
   * text, which carries a `data-message-id` too).
   */
  readonly all: Locator;

  constructor(readonly page: Page) {
    this.all = page.locator(
      '[role="status"][data-message-id], [role="alert"][data-message-id], .field-error[data-message-id], .error-summary [data-message-id]',
    );
  }

  /** The message with this id, whatever its role. */
  byId(id: string): Locator {
    return this.page.locator(`[data-message-id="${id}"]`);
  }

  /** Expects an informational message (`role="status"`) with this id. */
  async expectInfo(id: string): Promise<void> {
    await expect(this.page.locator(`[role="status"][data-message-id="${id}"]`)).toBeVisible();
  }

  /** Expects an error message (`role="alert"`) with this id. */
  async expectError(id: string): Promise<void> {
    await expect(this.page.locator(`[role="alert"][data-message-id="${id}"]`)).toBeVisible();
  }

  /**
   * Expects the page's own text with this id (an intro saying where a code
   * went), with no notice above repeating it.
   */
  async expectIntroOnly(id: string): Promise<void> {
    await expect(this.byId(id)).toBeVisible();
    await expect(this.page.locator('[role="status"][data-message-id], [role="alert"][data-message-id]')).toHaveCount(0);
  }

  /** Expects no notice (`role="status"` or `role="alert"`) on the page. */
  async expectNoNotice(): Promise<void> {
    await expect(this.page.locator('[role="status"][data-message-id], [role="alert"][data-message-id]')).toHaveCount(0);
  }

  /** Expects some informational message; for flows whose id the contract leaves open. */
  async expectSomeInfo(): Promise<void> {
    await expect(this.page.locator('[role="status"][data-message-id]').first()).toBeVisible();
  }

  /** Expects no flash message at all (after a reload, for instance). */
  async expectNone(): Promise<void> {
    await expect(this.all).toHaveCount(0);
  }
}
