import { expect, type Locator, type Page } from '@playwright/test';
import { Messages } from './messages';
import { titleHeading } from './title';
import { msg } from './i18n';

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
    this.code = page.getByLabel(msg('field.confirmation_code'), { exact: true });
    this.confirm = page.getByRole('button', { name: msg('confirm.submit'), exact: true });
    this.sendNewCode = page.getByRole('button', { name: msg('confirm.resend'), exact: true });
    this.outboxLink = page.getByRole('link', { name: msg('confirm.dev_outbox_link') });
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
