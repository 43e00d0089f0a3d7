import { expect, test } from '../fixtures';

test('a signed-out visit to /account goes through sign-in and comes back to /account', async ({
  page,
  accountPage,
  signInPage,
  confirmedUser,
}) => {
  await accountPage.goto();

  await signInPage.expectShown();
  await expect(page).toHaveURL((url) => url.searchParams.get('return_to') === '/account');

  await signInPage.signInAs(confirmedUser);
  await accountPage.expectShown(confirmedUser.email);
});

test('return_to with a same-site path is honoured after sign-in', async ({
  page,
  signInPage,
  outboxPage,
  confirmedUser,
}) => {
  await signInPage.goto('/_dev/outbox');
  await signInPage.signInAs(confirmedUser);

  await outboxPage.expectShown();
  await expect(page).toHaveURL((url) => url.search === '');
});
