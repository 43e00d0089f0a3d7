import { expect, type Locator, type Page } from '@playwright/test';
import type { Credentials } from '../fixtures/credentials';
import { Messages } from './messages';
import { titleHeading } from './title';

/** `/sign-up`: create an account. */
export class SignUpPage {
  readonly heading: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly passwordRequirements: Locator;
  readonly createAccount: Locator;
  readonly signInLink: Locator;
  readonly messages: Messages;

  constructor(readonly page: Page) {
    this.heading = titleHeading(page, 'sign_up.title');
    this.email = page.getByLabel('Email', { exact: true });
    this.password = page.getByLabel('Password', { exact: true });
    this.passwordRequirements = page.getByRole('list', { name: 'Password requirements' });
    this.createAccount = page.getByRole('button', { name: 'Create account', exact: true });
    this.signInLink = page.getByRole('link', { name: 'Sign in', exact: true });
    this.messages = new Messages(page);
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/sign-up${query}`);
    await this.expectShown();
  }

  async expectShown(): Promise<void> {
    await expect(this.page).toHaveURL((url) => url.pathname === '/sign-up');
    await expect(this.heading).toBeVisible();
  }

  async signUp(user: Credentials): Promise<void> {
    await this.email.fill(user.email);
    await this.password.fill(user.password);
    await this.createAccount.click();
  }
}
