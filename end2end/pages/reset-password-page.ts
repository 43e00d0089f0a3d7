import { expect, type Locator, type Page } from '@playwright/test';
import { Messages } from './messages';
import { titleHeading } from './title';

/** `/reset-password`: the emailed reset code and a new password. */
export class ResetPasswordPage {
  readonly heading: Locator;
  readonly code: Locator;
  readonly newPassword: Locator;
  readonly passwordRequirements: Locator;
  readonly setNewPassword: Locator;
  readonly sendNewCode: Locator;
  readonly differentEmail: Locator;
  readonly messages: Messages;

  constructor(readonly page: Page) {
    this.heading = titleHeading(page, 'reset_password.title');
    this.code = page.getByLabel('Reset code', { exact: true });
    this.newPassword = page.getByLabel('New password', { exact: true });
    this.passwordRequirements = page.getByRole('list', { name: 'Password requirements' });
    this.setNewPassword = page.getByRole('button', { name: 'Set new password', exact: true });
    this.sendNewCode = page.getByRole('button', { name: 'Send a new code', exact: true });
    this.differentEmail = page.getByRole('link', { name: 'Use a different email address' });
    this.messages = new Messages(page);
  }

  async expectShown(): Promise<void> {
    await expect(this.page).toHaveURL((url) => url.pathname === '/reset-password');
    await expect(this.heading).toBeVisible();
  }

  async reset(code: string, password: string): Promise<void> {
    await this.code.fill(code);
    await this.newPassword.fill(password);
    await this.setNewPassword.click();
  }
}
