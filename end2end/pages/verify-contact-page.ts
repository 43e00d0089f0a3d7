import { expect, type Locator, type Page } from '@playwright/test';
import { Messages } from './messages';
import { titleHeading } from './title';
import { msg } from './i18n';

/** `/account/verify?attribute=email|phone_number`: the code sent to a new or unverified address. */
export class VerifyContactPage {
  /** The `<h1>` of `main[data-title-id="verify.email_title"]`. */
  readonly emailHeading: Locator;
  /** The `<h1>` of `main[data-title-id="verify.phone_title"]`. */
  readonly phoneHeading: Locator;
  readonly code: Locator;
  readonly verify: Locator;
  readonly sendNewCode: Locator;
  readonly backToAccount: Locator;
  readonly messages: Messages;

  constructor(readonly page: Page) {
    this.emailHeading = titleHeading(page, 'verify.email_title');
    this.phoneHeading = titleHeading(page, 'verify.phone_title');
    this.code = page.getByLabel(msg('field.verification_code'), { exact: true });
    this.verify = page.getByRole('button', { name: msg('verify.submit'), exact: true });
    this.sendNewCode = page.getByRole('button', { name: msg('confirm.resend'), exact: true });
    this.backToAccount = page.getByRole('link', { name: msg('account.back') });
    this.messages = new Messages(page);
  }

  private async expectFor(attribute: string, heading: Locator): Promise<void> {
    await expect(this.page).toHaveURL(
      (url) => url.pathname === '/account/verify' && url.searchParams.get('attribute') === attribute,
    );
    await expect(heading).toBeVisible();
  }

  async expectEmail(): Promise<void> {
    await this.expectFor('email', this.emailHeading);
  }

  async expectPhone(): Promise<void> {
    await this.expectFor('phone_number', this.phoneHeading);
  }

  async submitCode(code: string): Promise<void> {
    await this.code.fill(code);
    await this.verify.click();
  }
}
