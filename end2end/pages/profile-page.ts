import { expect, type Locator, type Page } from '@playwright/test';
import { Messages } from './messages';
import { titleHeading } from './title';
import { msg } from './i18n';

/**
 * `/account/profile`: name, language (a choice), and the custom
 * attribute the suite configures (`THRESHOLD_PROFILE_ATTRIBUTES=custom:company`).
 */
export class ProfilePage {
  readonly heading: Locator;
  readonly fullName: Locator;
  readonly language: Locator;
  readonly company: Locator;
  readonly save: Locator;
  readonly backToAccount: Locator;
  readonly messages: Messages;

  constructor(readonly page: Page) {
    this.heading = titleHeading(page, 'profile.title');
    this.fullName = page.getByLabel(msg('attribute.name'), { exact: true });
    // In the form: the footer's language picker (for these pages) has the same label.
    this.language = page.getByRole('main').getByLabel(msg('attribute.locale'), { exact: true });
    this.company = page.getByLabel('company', { exact: true });
    this.save = page.getByRole('button', { name: msg('profile.submit'), exact: true });
    this.backToAccount = page.getByRole('link', { name: msg('account.back') });
    this.messages = new Messages(page);
  }

  async goto(): Promise<void> {
    await this.page.goto('/account/profile');
    await this.expectShown();
  }

  async expectShown(): Promise<void> {
    await expect(this.page).toHaveURL((url) => url.pathname === '/account/profile');
    await expect(this.heading).toBeVisible();
  }
}
