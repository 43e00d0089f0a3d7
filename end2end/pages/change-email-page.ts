import { expect, type Locator, type Page } from '@playwright/test';
import { Messages } from './messages';
import { titleHeading } from './title';
import { msg } from './i18n';

/** `/account/email`: a new address, which gets a verification code. */
export class ChangeEmailPage {
  readonly heading: Locator;
  readonly newEmail: Locator;
  readonly sendCode: Locator;
  readonly backToAccount: Locator;
  readonly messages: Messages;

  constructor(readonly page: Page) {
    this.heading = titleHeading(page, 'contact.email_title');
    this.newEmail = page.getByLabel(msg('field.new_email'), { exact: true });
    this.sendCode = page.getByRole('button', { name: msg('contact.submit'), exact: true });
    this.backToAccount = page.getByRole('link', { name: msg('account.back') });
    this.messages = new Messages(page);
  }

  async expectShown(): Promise<void> {
    await expect(this.page).toHaveURL((url) => url.pathname === '/account/email');
    await expect(this.heading).toBeVisible();
  }

  async changeTo(email: string): Promise<void> {
    await this.newEmail.fill(email);
    await this.sendCode.click();
  }
}
