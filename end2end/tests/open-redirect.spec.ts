import { expect, test } from '../fixtures';

// Values a visitor could be lured into with a crafted sign-in link. None may
// take them off this site: each is ignored, and sign-in ends on /account.
const offSite = [
  'https://evil.example/',
  '//evil.example/',
  '/\\evil.example/',
  'https:evil.example',
  'javascript:alert(1)',
];

for (const returnTo of offSite) {
  test(`return_to=${returnTo} is ignored: sign-in lands on /account`, async ({
    page,
    baseURL,
    signInPage,
    accountPage,
    confirmedUser,
  }) => {
    await signInPage.goto(returnTo);
    await signInPage.signInAs(confirmedUser);

    await accountPage.expectShown(confirmedUser.email);
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  });
}
