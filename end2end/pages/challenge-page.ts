import { expect, type Locator, type Page } from '@playwright/test';
import { Messages } from './messages';

/**
 * `/sign-in/challenge`: the step Cognito asks for after the password, one
 * heading per step (authenticator app, SMS or email code, a choice of
 * method, a new password for an invited user).
 */
export class ChallengePage {
  readonly appCodeHeading: Locator;
  readonly smsCodeHeading: Locator;
  readonly emailCodeHeading: Locator;
  readonly chooseHeading: Locator;
  readonly newPasswordHeading: Locator;

  /** Code steps. */
  readonly code: Locator;
  readonly verify: Locator;
  /** The way back to `/sign-in` on the authenticator-app step. */
  readonly startOver: Locator;
  /** The way back to `/sign-in` on the SMS and email steps: a new sign-in sends a new code. */
  readonly sendNewCode: Locator;

  /** The choice of method. */
  readonly authenticatorApp: Locator;
  readonly textMessage: Locator;
  readonly email: Locator;
  readonly continue: Locator;

  /** The invited user's first password. */
  readonly newPassword: Locator;
  readonly passwordRequirements: Locator;
  readonly setPassword: Locator;

  readonly messages: Messages;

  constructor(readonly page: Page) {
    const heading = (name: string) => page.getByRole('heading', { level: 1, name });
    this.appCodeHeading = heading('Enter your verification code');
    this.smsCodeHeading = heading('Check your phone');
    this.emailCodeHeading = heading('Check your email');
    this.chooseHeading = heading('How do you want to verify?');
    this.newPasswordHeading = heading('Choose your password');

    this.code = page.getByLabel('Verification code', { exact: true });
    this.verify = page.getByRole('button', { name: 'Verify', exact: true });
    this.startOver = page.getByRole('button', { name: 'Start over', exact: true });
    this.sendNewCode = page.getByRole('button', { name: 'Send a new code (sign in again)', exact: true });

    this.authenticatorApp = page.getByRole('radio', { name: 'Authenticator app', exact: true });
    this.textMessage = page.getByRole('radio', { name: 'Text message (SMS)', exact: true });
    this.email = page.getByRole('radio', { name: 'Email', exact: true });
    this.continue = page.getByRole('button', { name: 'Continue', exact: true });

    this.newPassword = page.getByLabel('New password', { exact: true });
    this.passwordRequirements = page.getByRole('list', { name: 'Password requirements' });
    this.setPassword = page.getByRole('button', { name: 'Set password and continue', exact: true });

    this.messages = new Messages(page);
  }

  private async expectStep(heading: Locator): Promise<void> {
    await expect(this.page).toHaveURL((url) => url.pathname === '/sign-in/challenge');
    await expect(heading).toBeVisible();
  }

  async expectAppCode(): Promise<void> {
    await this.expectStep(this.appCodeHeading);
  }

  async expectSmsCode(): Promise<void> {
    await this.expectStep(this.smsCodeHeading);
  }

  async expectEmailCode(): Promise<void> {
    await this.expectStep(this.emailCodeHeading);
  }

  async expectChoice(): Promise<void> {
    await this.expectStep(this.chooseHeading);
  }

  async expectNewPassword(): Promise<void> {
    await this.expectStep(this.newPasswordHeading);
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
