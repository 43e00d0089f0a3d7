import { expect, type Locator, type Page } from '@playwright/test';
import { Messages } from './messages';
import { titleHeading } from './title';
import { msg } from './i18n';

/** `/account/sign-out-everywhere`: the confirmation before GlobalSignOut. */
export class SignOutEverywherePage {
  readonly heading: Locator;
  readonly signOutEverywhere: Locator;
  readonly cancel: Locator;
  readonly messages: Messages;

  constructor(readonly page: Page) {
    this.heading = titleHeading(page, 'sign_out_everywhere.title');
    this.signOutEverywhere = page.getByRole('button', { name: msg('sign_out_everywhere.submit'), exact: true });
    this.cancel = page.getByRole('link', { name: msg('account.cancel') });
    this.messages = new Messages(page);
  }

  async expectShown(): Promise<void> {
    await expect(this.page).toHaveURL((url) => url.pathname === '/account/sign-out-everywhere');
    await expect(this.heading).toBeVisible();
  }
}
