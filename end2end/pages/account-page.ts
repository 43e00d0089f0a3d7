import { expect, type Locator, type Page } from '@playwright/test';
import { Messages } from './messages';
import { SecuritySection } from './security-section';
import { titleHeading } from './title';
import { msg } from './i18n';

/** `/account`: who is signed in, the pages that change the account, and the ways out. */
export class AccountPage {
  /** The `<h1>` of `main[data-title-id="account.title"]`. */
  readonly heading: Locator;
  readonly signOut: Locator;
  /** A link to the confirmation page, `/account/sign-out-everywhere`. */
  readonly signOutEverywhere: Locator;
  readonly editProfile: Locator;
  readonly changeEmail: Locator;
  readonly changePhone: Locator;
  readonly changePassword: Locator;
  /** The "Delete account" section's `<h2>` (by its id). */
  readonly deleteHeading: Locator;
  /** A link to the confirmation page, `/account/delete`. */
  readonly deleteAccount: Locator;
  /** The notes on a pending or unverified email or phone (`div.banner`, `role="status"`). */
  readonly banners: Locator;
  readonly messages: Messages;
  /** The list of the user's groups (`data-testid="groups"`), shown only to members of some group. */
  readonly groups: Locator;
  /** "Two-step verification". */
  readonly security: SecuritySection;

  constructor(readonly page: Page) {
    this.heading = titleHeading(page, 'account.title');
    this.signOut = page.getByRole('button', { name: msg('account.sign_out'), exact: true });
    this.signOutEverywhere = page.getByRole('link', { name: msg('account.sign_out_everywhere'), exact: true });
    this.editProfile = page.getByRole('link', { name: msg('account.edit_profile'), exact: true });
    this.changeEmail = page.getByRole('link', { name: msg('account.change_email'), exact: true });
    this.changePhone = page.getByRole('link', { name: msg('account.change_phone'), exact: true });
    this.changePassword = page.getByRole('link', { name: msg('account.change_password'), exact: true });
    this.deleteHeading = page.locator('h2#delete-heading');
    this.deleteAccount = page.getByRole('link', { name: msg('account.delete'), exact: true });
    this.banners = page.locator('div.banner[role="status"]');
    this.messages = new Messages(page);
    this.groups = page.getByTestId('groups');
    this.security = new SecuritySection(page);
  }

  /** The banner with this message id, e.g. `account.pending_email_kept`. */
  banner(id: string): Locator {
    return this.page.locator(`div.banner[role="status"][data-message-id="${id}"]`);
  }

  /** A banner's link to the verify page. */
  enterCode(banner: Locator): Locator {
    return banner.getByRole('link', { name: msg('account.enter_code'), exact: true });
  }

  /** An unverified address's banner button, which sends a code. */
  sendVerificationCode(banner: Locator): Locator {
    return banner.getByRole('button', { name: msg('account.verify_now'), exact: true });
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
