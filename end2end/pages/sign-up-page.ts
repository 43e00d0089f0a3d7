import { expect, type Locator, type Page } from '@playwright/test';
import type { User } from '../kit';
import { Messages } from './messages';
import { titleHeading } from './title';
import { msg } from './i18n';

/** `/sign-up`: create an account. */
export class SignUpPage {
  readonly heading: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly passwordRequirements: Locator;
  readonly createAccount: Locator;
  /** The terms checkbox, on a brand that asks for consent (`sign_up.require_consent`). */
  readonly consent: Locator;
  readonly signInLink: Locator;
  readonly messages: Messages;

  constructor(readonly page: Page) {
    this.heading = titleHeading(page, 'sign_up.title');
    this.email = page.getByLabel(msg('field.email'), { exact: true });
    this.password = page.getByLabel(msg('field.password'), { exact: true });
    this.passwordRequirements = page.getByRole('list', { name: msg('password.rules_title') });
    this.createAccount = page.getByRole('button', { name: msg('sign_up.submit'), exact: true });
    this.consent = page.getByRole('checkbox', { name: msg('sign_up.consent'), exact: true });
    this.signInLink = page.getByRole('link', { name: msg('sign_up.sign_in'), exact: true });
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

  /** Fills the form and creates the account, accepting the terms where the brand asks for that. */
  async signUp(user: User): Promise<void> {
    await this.email.fill(user.email);
    await this.password.fill(user.password);
    if ((await this.consent.count()) > 0) {
      await this.consent.check();
    }
    await this.createAccount.click();
  }
}
