import { expect, type Locator, type Page } from '@playwright/test';
import { Messages } from './messages';
import { titleHeading } from './title';
import { TotpEnrolment } from './totp-enrolment';
import { msg } from './i18n';

/**
 * `/sign-in/challenge`: the step Cognito asks for after the password, one
 * title per step, known by its message id (authenticator app, SMS or email
 * code, a choice of method, setting up a method, a new password for an
 * invited user).
 */
export class ChallengePage {
  /** Code steps. */
  readonly code: Locator;
  readonly verify: Locator;
  /** The way back to `/sign-in` on the authenticator-app step. */
  readonly startOver: Locator;
  /** The way back to `/sign-in` on the SMS and email steps: a new sign-in sends a new code. */
  readonly sendNewCode: Locator;

  /** The choice of method (to use, or to set up). */
  readonly authenticatorApp: Locator;
  readonly textMessage: Locator;
  readonly email: Locator;
  readonly continue: Locator;

  /** Setting up an authenticator app during sign-in, once it is chosen. */
  readonly enrolment: TotpEnrolment;

  /** The invited user's first password. */
  readonly newPassword: Locator;
  readonly passwordRequirements: Locator;
  readonly setPassword: Locator;

  readonly messages: Messages;

  constructor(readonly page: Page) {
    this.code = page.getByLabel(msg('field.mfa_code'), { exact: true });
    this.verify = page.getByRole('button', { name: msg('challenge.verify'), exact: true });
    this.startOver = page.getByRole('button', { name: msg('challenge.start_over'), exact: true });
    this.sendNewCode = page.getByRole('button', { name: msg('challenge.new_code'), exact: true });

    this.authenticatorApp = page.getByRole('radio', { name: msg('mfa.factor.totp'), exact: true });
    this.textMessage = page.getByRole('radio', { name: msg('mfa.factor.sms'), exact: true });
    this.email = page.getByRole('radio', { name: msg('mfa.factor.email'), exact: true });
    this.continue = page.getByRole('button', { name: msg('challenge.continue'), exact: true });

    this.enrolment = new TotpEnrolment(page);

    this.newPassword = page.getByLabel(msg('field.new_password'), { exact: true });
    this.passwordRequirements = page.getByRole('list', { name: msg('password.rules_title') });
    this.setPassword = page.getByRole('button', { name: msg('challenge.set_password'), exact: true });

    this.messages = new Messages(page);
  }

  /** The `<h1>` of the step whose title has this message id, e.g. `challenge.sms_title`. */
  heading(titleId: string): Locator {
    return titleHeading(this.page, titleId);
  }

  private async expectStep(titleId: string): Promise<void> {
    await expect(this.page).toHaveURL((url) => url.pathname === '/sign-in/challenge');
    await expect(this.heading(titleId)).toBeVisible();
  }

  async expectAppCode(): Promise<void> {
    await this.expectStep('challenge.app_code_title');
  }

  async expectSmsCode(): Promise<void> {
    await this.expectStep('challenge.sms_title');
  }

  async expectEmailCode(): Promise<void> {
    await this.expectStep('challenge.email_title');
  }

  async expectChoice(): Promise<void> {
    await this.expectStep('challenge.select_title');
  }

  /** A method must be set up (the pool requires MFA): the choice, then the app's enrolment. */
  async expectSetup(): Promise<void> {
    await this.expectStep('challenge.setup_title');
  }

  async expectNewPassword(): Promise<void> {
    await this.expectStep('challenge.new_password_title');
  }

  async submitCode(code: string): Promise<void> {
    await this.code.fill(code);
    await this.verify.click();
  }

  async choose(method: Locator): Promise<void> {
    await method.check();
    await this.continue.click();
  }

  async submitNewPassword(password: string): Promise<void> {
    await this.newPassword.fill(password);
    await this.setPassword.click();
  }
}
