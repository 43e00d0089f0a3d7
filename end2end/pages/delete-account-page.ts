import { expect, type Locator, type Page } from '@playwright/test';
import { Messages } from './messages';
import { titleHeading } from './title';
import { msg } from './i18n';

/** `/account/delete`: type the word, then DeleteUser. */
export class DeleteAccountPage {
  readonly heading: Locator;
  readonly confirmWord: Locator;
  /** The word to type, in the page's language (DELETE in English). */
  readonly word: string;
  readonly deleteAccount: Locator;
  readonly cancel: Locator;
  readonly messages: Messages;

  constructor(readonly page: Page) {
    this.heading = titleHeading(page, 'delete_account.title');
    this.word = msg('delete_account.word');
    this.confirmWord = page.getByLabel(msg('field.delete_confirm', { word: this.word }), {
      exact: true,
    });
    this.deleteAccount = page.getByRole('button', { name: msg('delete_account.submit'), exact: true });
    this.cancel = page.getByRole('link', { name: msg('account.cancel') });
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
