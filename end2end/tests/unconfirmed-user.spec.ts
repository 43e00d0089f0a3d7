import { test } from '../fixtures';

test('a user who never confirmed is sent to confirm with a fresh code, then can sign in', async ({
  context,
  signUpPage,
  confirmPage,
  signInPage,
  accountPage,
  outbox,
  user,
}) => {
  await signUpPage.goto();
  await signUpPage.signUp(user);
  await confirmPage.expectShown();
  await outbox.latestCode(user.email);
  const sentBefore = await outbox.count(user.email);

  // They leave without confirming and come back later, on a fresh session.
  await context.clearCookies();
  await signInPage.goto();
  await signInPage.signInAs(user);

  await confirmPage.expectShown();
  const freshCode = await outbox.latestCode(user.email, { after: sentBefore });
  await confirmPage.submitCode(freshCode);

  await signInPage.expectShown();
  await signInPage.messages.expectInfo('confirm.confirmed');
  await signInPage.signInAs(user);
  await accountPage.expectShown(user.email);
});
