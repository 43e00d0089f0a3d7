import { expect, type Locator, type Page } from '@playwright/test';
import type { Credentials } from '../fixtures/credentials';
import { Messages } from './messages';
import { titleHeading } from './title';

/** `/sign-in`: email (or, in a username pool, username) and password. */
export class SignInPage {
  readonly heading: Locator;
  readonly email: Locator;
  /** In place of `email` when the app runs with `THRESHOLD_SIGN_IN_NAME=username`. */
  readonly username: Locator;
  readonly password: Locator;
  readonly signIn: Locator;
  readonly createAccountLink: Locator;
  readonly forgotPasswordLink: Locator;
  readonly messages: Messages;

  constructor(readonly page: Page) {
    this.heading = titleHeading(page, 'sign_in.title');
    this.email = page.getByLabel('Email', { exact: true });
    this.username = page.getByLabel('Username', { exact: true });
    this.password = page.getByLabel('Password', { exact: true });
    this.signIn = page.getByRole('button', { name: 'Sign in', exact: true });
    this.createAccountLink = page.getByRole('link', { name: 'Create an account' });
    this.forgotPasswordLink = page.getByRole('link', { name: 'Forgot your password?' });
    this.messages = new Messages(page);
  }

  /** Opens `/sign-in`, with `returnTo` as the raw (unencoded) `return_to` value if given. */
  async goto(returnTo?: string): Promise<void> {
    const query = returnTo === undefined ? '' : `?${new URLSearchParams({ return_to: returnTo })}`;
    await this.page.goto(`/sign-in${query}`);
    await this.expectShown();
  }

  async expectShown(): Promise<void> {
    await expect(this.page).toHaveURL((url) => url.pathname === '/sign-in');
    await expect(this.heading).toBeVisible();
  }

  /** In a username pool: the username instead of the email. */
  async signInWithUsername(username: string, password: string): Promise<void> {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.signIn.click();
  }

  async signInAs(user: Credentials): Promise<void> {
    await this.email.fill(user.email);
    await this.password.fill(user.password);
    await this.signIn.click();
  }
}
