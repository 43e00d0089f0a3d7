import { expect, type Locator, type Page } from '@playwright/test';
import { Messages } from './messages';

/** `/account/verify?attribute=email|phone_number`: the code sent to a new or unverified address. */
export class VerifyContactPage {
  readonly emailHeading: Locator;
  readonly phoneHeading: Locator;
  readonly code: Locator;
  readonly verify: Locator;
  readonly sendNewCode: Locator;
  readonly backToAccount: Locator;
  readonly messages: Messages;

  constructor(readonly page: Page) {
    this.emailHeading = page.getByRole('heading', { level: 1, name: 'Verify your email address' });
    this.phoneHeading = page.getByRole('heading', { level: 1, name: 'Verify your phone number' });
    this.code = page.getByLabel('Verification code', { exact: true });
    this.verify = page.getByRole('button', { name: 'Verify', exact: true });
    this.sendNewCode = page.getByRole('button', { name: 'Send a new code', exact: true });
    this.backToAccount = page.getByRole('link', { name: 'Back to your account' });
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
