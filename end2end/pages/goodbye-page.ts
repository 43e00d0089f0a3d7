import { expect, type Locator, type Page } from '@playwright/test';
import { Messages } from './messages';

/** `/goodbye`: where a deleted account ends up, signed out. */
export class GoodbyePage {
  readonly heading: Locator;
  readonly createAccountLink: Locator;
  readonly messages: Messages;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Goodbye' });
    this.createAccountLink = page.getByRole('link', { name: 'Create a new account' });
    this.messages = new Messages(page);
  }

  async expectShown(): Promise<void> {
    await expect(this.page).toHaveURL((url) => url.pathname === '/goodbye');
    await expect(this.heading).toBeVisible();
  }
}
