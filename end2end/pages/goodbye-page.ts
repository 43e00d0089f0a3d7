import { expect, type Locator, type Page } from '@playwright/test';
import { Messages } from './messages';
import { titleHeading } from './title';
import { msg } from './i18n';

/** `/goodbye`: where a deleted account ends up, signed out. */
export class GoodbyePage {
  readonly heading: Locator;
  readonly createAccountLink: Locator;
  readonly messages: Messages;

  constructor(readonly page: Page) {
    this.heading = titleHeading(page, 'goodbye.title');
    this.createAccountLink = page.getByRole('link', { name: msg('goodbye.sign_up') });
    this.messages = new Messages(page);
  }

  async expectShown(): Promise<void> {
    await expect(this.page).toHaveURL((url) => url.pathname === '/goodbye');
    await expect(this.heading).toBeVisible();
  }
}
