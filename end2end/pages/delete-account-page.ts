import { expect, type Locator, type Page } from '@playwright/test';
import { Messages } from './messages';
import { titleHeading } from './title';

/** `/account/delete`: type the word, then DeleteUser. */
export class DeleteAccountPage {
  readonly heading: Locator;
  readonly confirmWord: Locator;
  readonly deleteAccount: Locator;
  readonly cancel: Locator;
  readonly messages: Messages;

  constructor(readonly page: Page) {
    this.heading = titleHeading(page, 'delete_account.title');
    // Tolerates the invisible bidi isolation marks Fluent puts around the
    // word (U+2068 … U+2069); delete-account.spec.ts checks there are none.
    this.confirmWord = page.getByLabel(/^Type\W*DELETE\W*to confirm$/);
    this.deleteAccount = page.getByRole('button', { name: 'Delete my account', exact: true });
    this.cancel = page.getByRole('link', { name: 'Cancel, keep me signed in' });
    this.messages = new Messages(page);
  }

  async expectShown(): Promise<void> {
    await expect(this.page).toHaveURL((url) => url.pathname === '/account/delete');
    await expect(this.heading).toBeVisible();
  }

  async confirmWith(word: string): Promise<void> {
    await this.confirmWord.fill(word);
    await this.deleteAccount.click();
  }
}
