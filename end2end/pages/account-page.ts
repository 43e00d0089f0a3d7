import { expect, type Locator, type Page } from '@playwright/test';
import { Messages } from './messages';
import { SecuritySection } from './security-section';

/** `/account`: who is signed in, and the ways out. */
export class AccountPage {
  readonly heading: Locator;
  readonly signOut: Locator;
  readonly signOutEverywhere: Locator;
  readonly messages: Messages;
  /** "Two-step verification". */
  readonly security: SecuritySection;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Your account' });
    this.signOut = page.getByRole('button', { name: 'Sign out', exact: true });
    this.signOutEverywhere = page.getByRole('button', { name: 'Sign out everywhere', exact: true });
    this.messages = new Messages(page);
    this.security = new SecuritySection(page);
  }

  async goto(): Promise<void> {
    await this.page.goto('/account');
  }

  async expectShown(email?: string): Promise<void> {
    await expect(this.page).toHaveURL((url) => url.pathname === '/account');
    await expect(this.heading).toBeVisible();
    if (email !== undefined) {
      // The address may sit beside a badge ("verified"), so match it as part of the text.
      await expect(this.page.getByRole('main').getByText(email).first()).toBeVisible();
    }
  }
}
