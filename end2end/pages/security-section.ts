import { expect, type Locator, type Page } from '@playwright/test';

/** A second factor, as the account page and the sign-in challenge name it. */
export type Factor = 'totp' | 'sms' | 'email';

/** The "Two-step verification" section of `/account`. */
export class SecuritySection {
  readonly section: Locator;
  readonly heading: Locator;
  /** What the pool requires: off, optional or on. */
  readonly requirement: Locator;
  readonly setUpApp: Locator;
  readonly turnOnSms: Locator;
  readonly turnOnEmail: Locator;
  readonly turnOffApp: Locator;
  readonly turnOffSms: Locator;
  readonly turnOffEmail: Locator;
  /** Shown in place of "Turn on text messages" while the user has no phone number. */
  readonly smsNeedsPhone: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByRole('region', { name: 'Two-step verification' });
    this.heading = this.section.getByRole('heading', { level: 2, name: 'Two-step verification' });
    this.requirement = this.section.getByTestId('mfa-requirement');
    const button = (name: string) => this.section.getByRole('button', { name, exact: true });
    this.setUpApp = button('Set up an authenticator app');
    this.turnOnSms = button('Turn on text messages');
    this.turnOnEmail = button('Turn on email codes');
    this.turnOffApp = button('Turn off the authenticator app');
    this.turnOffSms = button('Turn off text messages');
    this.turnOffEmail = button('Turn off email codes');
    this.smsNeedsPhone = this.section.getByText('Add a phone number to your profile to use text messages.');
  }

  /** The badge of one method: "off", "on" or "on, preferred". */
  state(factor: Factor): Locator {
    return this.section.getByTestId(`mfa-state-${factor}`);
  }

  /** The "Make preferred" button of one method (shown while it is on but not preferred). */
  makePreferred(factor: Factor): Locator {
    return this.section
      .getByRole('listitem')
      .filter({ has: this.page.getByTestId(`mfa-state-${factor}`) })
      .getByRole('button', { name: 'Make preferred', exact: true });
  }

  async expectShown(): Promise<void> {
    await expect(this.heading).toBeVisible();
    await expect(this.requirement).toBeVisible();
  }
}
