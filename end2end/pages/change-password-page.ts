import { expect, type Locator, type Page } from '@playwright/test';
import { Messages } from './messages';
import { titleHeading } from './title';
import { msg } from './i18n';

/** `/account/password`: the current password and a new one. */
export class ChangePasswordPage {
  readonly heading: Locator;
  readonly currentPassword: Locator;
  readonly newPassword: Locator;
  readonly passwordRequirements: Locator;
  readonly changePassword: Locator;
  readonly backToAccount: Locator;
  readonly messages: Messages;

  constructor(readonly page: Page) {
    this.heading = titleHeading(page, 'change_password.title');
    this.currentPassword = page.getByLabel(msg('field.current_password'), { exact: true });
    this.newPassword = page.getByLabel(msg('field.new_password'), { exact: true });
    this.passwordRequirements = page.getByRole('list', { name: msg('password.rules_title') });
    this.changePassword = page.getByRole('button', { name: msg('change_password.submit'), exact: true });
    this.backToAccount = page.getByRole('link', { name: msg('account.back') });
    this.messages = new Messages(page);
  }

  async expectShown(): Promise<void> {
    await expect(this.page).toHaveURL((url) => url.pathname === '/account/password');
    await expect(this.heading).toBeVisible();
  }

  async change(current: string, next: string): Promise<void> {
    await this.currentPassword.fill(current);
    await this.newPassword.fill(next);
    await this.changePassword.click();
  }
}
