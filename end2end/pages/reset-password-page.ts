import { expect, type Locator, type Page } from '@playwright/test';
import { Messages } from './messages';
import { titleHeading } from './title';
import { msg } from './i18n';

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
    this.code = page.getByLabel(msg('field.reset_code'), { exact: true });
    this.newPassword = page.getByLabel(msg('field.new_password'), { exact: true });
    this.passwordRequirements = page.getByRole('list', { name: msg('password.rules_title') });
    this.setNewPassword = page.getByRole('button', { name: msg('reset_password.submit'), exact: true });
    this.sendNewCode = page.getByRole('button', { name: msg('confirm.resend'), exact: true });
    this.differentEmail = page.getByRole('link', { name: msg('reset_password.start_over') });
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
