import { expect, type Locator, type Page } from '@playwright/test';
import { Messages } from './messages';
import { titleHeading } from './title';

/**
 * `/account/profile`: name, first and last name, language, and the custom
 * attribute the suite configures (`THRESHOLD_PROFILE_ATTRIBUTES=custom:company`).
 */
export class ProfilePage {
  readonly heading: Locator;
  readonly fullName: Locator;
  readonly firstName: Locator;
  readonly lastName: Locator;
  readonly language: Locator;
  readonly company: Locator;
  readonly save: Locator;
  readonly backToAccount: Locator;
  readonly messages: Messages;

  constructor(readonly page: Page) {
    this.heading = titleHeading(page, 'profile.title');
    this.fullName = page.getByLabel('Full name', { exact: true });
    this.firstName = page.getByLabel('First name', { exact: true });
    this.lastName = page.getByLabel('Last name', { exact: true });
    this.language = page.getByLabel('Language', { exact: true });
    this.company = page.getByLabel('company', { exact: true });
    this.save = page.getByRole('button', { name: 'Save profile', exact: true });
    this.backToAccount = page.getByRole('link', { name: 'Back to your account' });
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
