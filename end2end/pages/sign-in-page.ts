import { expect, type Locator, type Page } from '@playwright/test';
import type { User } from '../kit';
import { Messages } from './messages';
import { titleHeading } from './title';
import { msg } from './i18n';

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
    this.email = page.getByLabel(msg('field.email'), { exact: true });
    this.username = page.getByLabel(msg('field.username'), { exact: true });
    this.password = page.getByLabel(msg('field.password'), { exact: true });
    this.signIn = page.getByRole('button', { name: msg('sign_in.submit'), exact: true });
    this.createAccountLink = page.getByRole('link', { name: msg('sign_in.create_account') });
    this.forgotPasswordLink = page.getByRole('link', { name: msg('sign_in.forgot_password') });
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

  async signInAs(user: User): Promise<void> {
    await this.email.fill(user.email);
    await this.password.fill(user.password);
    await this.signIn.click();
  }
}
