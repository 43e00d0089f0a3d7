import { expect, signIn, signInToChallenge, signOut, test } from '../fixtures';

test('with text messages and email codes both on, the visitor chooses, then gets an email code', async ({
  page,
  accountPage,
  challengePage,
  outbox,
  poolAdmin,
  phoneNumber,
  confirmedUser,
}) => {
  await poolAdmin.setPhoneNumber(confirmedUser.email, phoneNumber);
  await signIn(page, confirmedUser);
  const security = accountPage.security;
  await security.turnOnSms.click();
  await accountPage.messages.expectInfo('mfa.sms_on');
  await security.turnOnEmail.click();
  await accountPage.messages.expectInfo('mfa.email_on');
  await security.expectState('sms', ['on', 'preferred']);
  await security.expectState('email', ['on', 'preferred']);
  await signOut(page);

  const before = await outbox.count(confirmedUser.email, 'mfa');
  await signInToChallenge(page, confirmedUser);
  await challengePage.expectChoice();
  await expect(challengePage.textMessage).toBeVisible();
  await expect(challengePage.email).toBeVisible();
  await expect(challengePage.authenticatorApp).toHaveCount(0);

  await challengePage.choose(challengePage.email);
  await challengePage.expectEmailCode();
  const code = await outbox.latestCode(confirmedUser.email, { purpose: 'mfa', after: before });
  expect(await outbox.count(phoneNumber, 'mfa'), 'no text message was sent').toBe(0);
  await challengePage.submitCode(code);
  await accountPage.expectShown(confirmedUser.email);
});
