import { expect, type Locator, type Page } from '@playwright/test';
import { Messages } from './messages';
import { titleHeading } from './title';
import { msg } from './i18n';

/** `/account/phone`: a new phone number, which gets a verification code by text message. */
export class ChangePhonePage {
  /** The `<h1>` of `main[data-title-id="contact.phone_title"]`. */
  readonly heading: Locator;
  readonly newPhone: Locator;
  readonly sendCode: Locator;
  readonly backToAccount: Locator;
  readonly messages: Messages;

  constructor(readonly page: Page) {
    this.heading = titleHeading(page, 'contact.phone_title');
    this.newPhone = page.getByLabel(msg('field.new_phone'), { exact: true });
    this.sendCode = page.getByRole('button', { name: msg('contact.submit'), exact: true });
    this.backToAccount = page.getByRole('link', { name: msg('account.back') });
    this.messages = new Messages(page);
  }

  async expectShown(): Promise<void> {
    await expect(this.page).toHaveURL((url) => url.pathname === '/account/phone');
    await expect(this.heading).toBeVisible();
  }

  async changeTo(phoneNumber: string): Promise<void> {
    await this.newPhone.fill(phoneNumber);
    await this.sendCode.click();
  }
}
