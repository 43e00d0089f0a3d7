import { expect, type Locator, type Page } from '@playwright/test';
import { Messages } from './messages';

/** `/account/email`: a new address, which gets a verification code. */
export class ChangeEmailPage {
  readonly heading: Locator;
  readonly newEmail: Locator;
  readonly sendCode: Locator;
  readonly backToAccount: Locator;
  readonly messages: Messages;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Change your email address' });
    this.newEmail = page.getByLabel('New email address', { exact: true });
    this.sendCode = page.getByRole('button', { name: 'Send code', exact: true });
    this.backToAccount = page.getByRole('link', { name: 'Back to your account' });
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
