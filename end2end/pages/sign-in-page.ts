import { expect, type Locator, type Page } from '@playwright/test';
import type { User } from '../kit';
import { Messages } from './messages';
import { titledMain, titleHeading } from './title';
import { msg } from './i18n';

/**
 * `/sign-in`: email (or, in a username pool, username) and password. With
 * choice-based sign-in (the embedded default) the page asks for the name
 * only, and the password follows on the page that offers the ways in
 * (`/sign-in/challenge`); `password` and `signIn` find the field and the
 * button on whichever of the two pages is showing.
 */
export class SignInPage {
  readonly heading: Locator;
  readonly email: Locator;
  /** In place of `email` when the app runs with `THRESHOLD_SIGN_IN_NAME=username`. */
  readonly username: Locator;
  readonly password: Locator;
  readonly signIn: Locator;
  /** Choice-based sign-in: the button after the name. */
  readonly continue: Locator;
  /** Choice-based sign-in: the page that offers the ways in. */
  readonly waysIn: Locator;
  /** The first page's primary button: "Sign in", or "Continue" after the name alone. */
  readonly primary: Locator;
  readonly createAccountLink: Locator;
  readonly forgotPasswordLink: Locator;
  readonly messages: Messages;

  constructor(readonly page: Page) {
    this.heading = titleHeading(page, 'sign_in.title');
    this.email = page.getByLabel(msg('field.email'), { exact: true });
    this.username = page.getByLabel(msg('field.username'), { exact: true });
    this.password = page.getByLabel(msg('field.password'), { exact: true });
    this.signIn = page.getByRole('button', { name: msg('sign_in.submit'), exact: true });
    this.continue = page.getByRole('button', { name: msg('sign_in.continue'), exact: true });
    this.waysIn = titleHeading(page, 'challenge.first_factor_title');
    this.primary = this.signIn.or(this.continue);
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

  /**
   * Where a refused password is said and typed again: this page, or with
   * choice-based sign-in the page that offers the ways in.
   */
  async expectPasswordAgain(): Promise<void> {
    await expect(this.heading.or(this.waysIn)).toBeVisible();
    await expect(this.password).toBeVisible();
  }

  /** The name typed is kept: in its field, or named on the page of the ways in. */
  async expectNameKept(name: string): Promise<void> {
    if ((await this.waysIn.count()) > 0) {
      await expect(titledMain(this.page, 'challenge.first_factor_title')).toContainText(name);
    } else {
      await expect(this.email).toHaveValue(name);
    }
  }

  /** In a username pool: the username instead of the email. */
  async signInWithUsername(username: string, password: string): Promise<void> {
    await this.username.fill(username);
    await this.submitPassword(password);
  }

  async signInAs(user: User): Promise<void> {
    await this.email.fill(user.email);
    await this.submitPassword(user.password);
  }

  /**
   * The password where it is asked, the name being filled in: on this page,
   * or (choice-based sign-in) on the page of the ways in, after "Continue".
   * Also the retry after a refused password, on either page.
   */
  async submitPassword(password: string): Promise<void> {
    if ((await this.password.count()) === 0) {
      await this.continue.click();
      await expect(this.waysIn).toBeVisible();
    }
    await this.password.fill(password);
    await this.signIn.click();
  }
}
