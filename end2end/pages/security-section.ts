import { expect, type Locator, type Page } from '@playwright/test';
import { msg } from './i18n';

/** A second factor, as the account page and the sign-in challenge name it. */
export type Factor = 'totp' | 'sms' | 'email';

/** What the pool requires, as `data-state` of the requirement: `off`, `optional` or `on`. */
export type Requirement = 'off' | 'optional' | 'on';

/** A method's state, as `data-state` of its badge: `off`, `on` or `preferred`. */
export type FactorState = 'off' | 'on' | 'preferred';

/** The "Two-step verification" section of `/account`. */
export class SecuritySection {
  /** The region (a `<section>` named by its heading) that holds `#security-heading`. */
  readonly section: Locator;
  readonly heading: Locator;
  /** What the pool requires; its `data-state` is `off`, `optional` or `on`. */
  readonly requirement: Locator;
  readonly setUpApp: Locator;
  readonly turnOnSms: Locator;
  readonly turnOnEmail: Locator;
  readonly turnOffApp: Locator;
  readonly turnOffSms: Locator;
  readonly turnOffEmail: Locator;
  /** Shown in place of "Turn on text messages" while the user has no phone number (`mfa.sms_needs_phone`). */
  readonly smsNeedsPhone: Locator;

  constructor(readonly page: Page) {
    this.heading = page.locator('h2#security-heading');
    this.section = page.getByRole('region').filter({ has: this.heading });
    this.requirement = this.section.getByTestId('mfa-requirement');
    const button = (name: string) => this.section.getByRole('button', { name, exact: true });
    this.setUpApp = button(msg('mfa.set_up_app'));
    this.turnOnSms = button(msg('mfa.enable.sms'));
    this.turnOnEmail = button(msg('mfa.enable.email'));
    this.turnOffApp = button(msg('mfa.disable.totp'));
    this.turnOffSms = button(msg('mfa.disable.sms'));
    this.turnOffEmail = button(msg('mfa.disable.email'));
    this.smsNeedsPhone = this.section.locator('[data-message-id="mfa.sms_needs_phone"]');
  }

  /**
   * The badge of one method; the words are "off", "on" or "on, preferred",
   * its `data-state` is `off`, `on` or `preferred` (see `expectState`).
   */
  state(factor: Factor): Locator {
    return this.section.getByTestId(`mfa-state-${factor}`);
  }

  /** Expects the method's badge to say `state` (or one of `state`), by its `data-state`. */
  async expectState(factor: Factor, state: FactorState | readonly FactorState[]): Promise<void> {
    const states = typeof state === 'string' ? [state] : state;
    await expect(this.state(factor)).toHaveAttribute('data-state', new RegExp(`^(${states.join('|')})$`));
  }

  /** Expects the pool's requirement to be `requirement`, by its `data-state`. */
  async expectRequirement(requirement: Requirement): Promise<void> {
    await expect(this.requirement).toHaveAttribute('data-state', requirement);
  }

  /** The "Make preferred" button of one method (shown while it is on but not preferred). */
  makePreferred(factor: Factor): Locator {
    return this.section
      .getByRole('listitem')
      .filter({ has: this.page.getByTestId(`mfa-state-${factor}`) })
      .getByRole('button', { name: msg('mfa.make_preferred'), exact: true });
  }

  async expectShown(): Promise<void> {
    await expect(this.heading).toBeVisible();
    await expect(this.requirement).toBeVisible();
  }
}
