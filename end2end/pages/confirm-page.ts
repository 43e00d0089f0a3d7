import { expect, type Locator, type Page } from '@playwright/test';
import { Messages } from './messages';
import { titleHeading } from './title';

/** `/sign-up/confirm`: enter the code that was emailed (here: put in the outbox). */
export class ConfirmPage {
  readonly heading: Locator;
  readonly code: Locator;
  readonly confirm: Locator;
  readonly sendNewCode: Locator;
  readonly outboxLink: Locator;
  readonly messages: Messages;

  constructor(readonly page: Page) {
    this.heading = titleHeading(page, 'confirm.title');
    this.code = page.getByLabel('Confirmation code', { exact: true });
    this.confirm = page.getByRole('button', { name: 'Confirm', exact: true });
    this.sendNewCode = page.getByRole('button', { name: 'Send a new code', exact: true });
    this.outboxLink = page.getByRole('link', { name: 'development outbox' });
    this.messages = new Messages(page);
  }

  async expectShown(): Promise<void> {
    await expect(this.page).toHaveURL((url) => url.pathname === '/sign-up/confirm');
    await expect(this.heading).toBeVisible();
  }

  async submitCode(code: string): Promise<void> {
    await this.code.fill(code);
    await this.confirm.click();
  }
}
