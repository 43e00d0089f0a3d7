import { test } from '../fixtures';

test('"Send a new code" sends another code, and the new code confirms the account', async ({
  signUpPage,
  confirmPage,
  accountPage,
  outbox,
  user,
}) => {
  await signUpPage.goto();
  await signUpPage.signUp(user);
  await confirmPage.expectShown();
  await outbox.latestCode(user.email);
  const sentBefore = await outbox.count(user.email);

  await confirmPage.sendNewCode.click();

  await confirmPage.expectShown();
  await confirmPage.messages.expectSomeInfo();
  const newCode = await outbox.latestCode(user.email, { after: sentBefore });

  await confirmPage.submitCode(newCode);
  // The code signs the new user in.
  await accountPage.expectShown(user.email);
  await accountPage.messages.expectInfo('confirm.signed_in');
});
