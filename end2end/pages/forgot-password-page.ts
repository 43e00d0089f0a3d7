import { expect, type Locator, type Page } from '@playwright/test';
import { Messages } from './messages';
import { titleHeading } from './title';
import { msg } from './i18n';

/** `/forgot-password`: the email address a reset code is sent to. */
export class ForgotPasswordPage {
  readonly heading: Locator;
  readonly email: Locator;
  readonly sendCode: Locator;
  readonly backToSignIn: Locator;
  readonly messages: Messages;

  constructor(readonly page: Page) {
    this.heading = titleHeading(page, 'forgot_password.title');
    this.email = page.getByLabel(msg('field.email'), { exact: true });
    this.sendCode = page.getByRole('button', { name: msg('forgot_password.submit'), exact: true });
    this.backToSignIn = page.getByRole('link', { name: msg('forgot_password.back_to_sign_in') });
    this.messages = new Messages(page);
  }

  async goto(): Promise<void> {
    await this.page.goto('/forgot-password');
    await this.expectShown();
  }

  async expectShown(): Promise<void> {
    await expect(this.page).toHaveURL((url) => url.pathname === '/forgot-password');
    await expect(this.heading).toBeVisible();
  }

  async requestCode(email: string): Promise<void> {
    await this.email.fill(email);
    await this.sendCode.click();
  }
}
