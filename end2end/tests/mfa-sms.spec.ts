import { expect, signIn, signInToChallenge, signOut, test } from '../fixtures';

test('text message codes are turned on for a phone number and asked for at sign-in', async ({
  page,
  accountPage,
  challengePage,
  outbox,
  poolAdmin,
  phoneNumber,
  confirmedUser,
}) => {
  await signIn(page, confirmedUser);
  const security = accountPage.security;
  // Without a phone number, the account page says what is missing.
  await expect(security.smsNeedsPhone).toBeVisible();
  await expect(security.turnOnSms).toHaveCount(0);

  await poolAdmin.setPhoneNumber(confirmedUser.email, phoneNumber);
  // Changed elsewhere: a reload asks the pool again (coming back to the
  // page within a minute would show what it learnt before).
  await page.reload();
  await security.expectState('sms', 'off');
  await security.turnOnSms.click();
  await accountPage.expectShown();
  await accountPage.messages.expectInfo('mfa.sms_on');
  await security.expectState('sms', 'on');

  await signOut(page);
  const sent = await outbox.count(phoneNumber, 'mfa');
  await signInToChallenge(page, confirmedUser);
  await challengePage.expectSmsCode();
  // The number is masked: only its last four digits are shown.
  await expect(page.getByRole('main')).toContainText(phoneNumber.slice(-4));
  await expect(page.getByRole('main')).not.toContainText(phoneNumber);
  await expect(challengePage.sendNewCode).toBeVisible();

  const code = await outbox.latestCode(phoneNumber, { purpose: 'mfa', after: sent });
  await challengePage.submitCode(code);
  await accountPage.expectShown(confirmedUser.email);
});
