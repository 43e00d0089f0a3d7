import { expect, type Locator, type Page } from '@playwright/test';
import { titleHeading } from './title';

/** `/_dev/outbox`: the messages the local pool would have sent (development only). */
export class OutboxPage {
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.heading = titleHeading(page, 'outbox.title');
  }

  async goto(): Promise<void> {
    await this.page.goto('/_dev/outbox');
    await this.expectShown();
  }

  async expectShown(): Promise<void> {
    await expect(this.page).toHaveURL((url) => url.pathname === '/_dev/outbox');
    await expect(this.heading).toBeVisible();
  }
}
