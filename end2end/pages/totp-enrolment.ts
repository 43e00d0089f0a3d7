import { expect, type Locator, type Page } from '@playwright/test';
import { msg } from './i18n';

/**
 * The enrolment block the account's `/account/security/totp` page and the
 * sign-in's set-up step (`challenge.setup_title`, after choosing the app)
 * share: the QR code and secret to add to an authenticator app, and its
 * first code.
 */
export class TotpEnrolment {
  readonly qrCode: Locator;
  /** The base32 secret, grouped in fours for typing. */
  readonly secret: Locator;
  readonly openInApp: Locator;
  readonly code: Locator;
  readonly deviceName: Locator;
  readonly verify: Locator;

  constructor(readonly page: Page) {
    this.qrCode = page.getByRole('img', { name: msg('totp.qr_alt') });
    this.secret = page.getByTestId('totp-secret');
    this.openInApp = page.getByRole('link', { name: msg('totp.open_in_app') });
    this.code = page.getByLabel(msg('field.mfa_code'), { exact: true });
    this.deviceName = page.getByLabel(msg('field.device_name'), { exact: true });
    this.verify = page.getByRole('button', { name: msg('totp.verify'), exact: true });
  }

  /** The secret as shown, without the grouping spaces. */
  async readSecret(): Promise<string> {
    const shown = (await this.secret.textContent()) ?? '';
    expect(shown, 'the secret is base32 grouped in fours').toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
    return shown.replace(/\s+/g, '');
  }

  async submitCode(code: string, deviceName?: string): Promise<void> {
    await this.code.fill(code);
    if (deviceName !== undefined) {
      await this.deviceName.fill(deviceName);
    }
    await this.verify.click();
  }
}
