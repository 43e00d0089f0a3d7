import { expect, type Locator, type Page } from '@playwright/test';
import { Messages } from './messages';
import { titleHeading } from './title';
import { TotpEnrolment } from './totp-enrolment';
import { msg } from './i18n';

/** `/account/security/totp`: the QR code and secret to add to an authenticator app, and the first code. */
export class TotpSetupPage {
  /** The `<h1>` of `main[data-title-id="totp.title"]`. */
  readonly heading: Locator;
  readonly enrolment: TotpEnrolment;
  readonly qrCode: Locator;
  /** The base32 secret, grouped in fours for typing. */
  readonly secret: Locator;
  readonly openInApp: Locator;
  readonly code: Locator;
  readonly deviceName: Locator;
  readonly verify: Locator;
  readonly cancel: Locator;
  readonly messages: Messages;

  constructor(readonly page: Page) {
    this.heading = titleHeading(page, 'totp.title');
    this.enrolment = new TotpEnrolment(page);
    this.qrCode = this.enrolment.qrCode;
    this.secret = this.enrolment.secret;
    this.openInApp = this.enrolment.openInApp;
    this.code = this.enrolment.code;
    this.deviceName = this.enrolment.deviceName;
    this.verify = this.enrolment.verify;
    this.cancel = page.getByRole('link', { name: msg('totp.cancel') });
    this.messages = new Messages(page);
  }

  async expectShown(): Promise<void> {
    await expect(this.page).toHaveURL((url) => url.pathname === '/account/security/totp');
    await expect(this.heading).toBeVisible();
  }

  /** The secret as shown, without the grouping spaces. */
  async readSecret(): Promise<string> {
    return this.enrolment.readSecret();
  }

  async submitCode(code: string, deviceName?: string): Promise<void> {
    await this.enrolment.submitCode(code, deviceName);
  }
}
