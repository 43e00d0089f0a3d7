import { expect, test } from '../fixtures';

test('the browser holds one opaque __Host- session cookie, renewed at sign-in', async ({
  context,
  signInPage,
  accountPage,
  confirmedUser,
}) => {
  await signInPage.goto();
  const before = await context.cookies();

  await signInPage.signInAs(confirmedUser);
  await accountPage.expectShown(confirmedUser.email);

  const cookies = await context.cookies();
  expect(cookies, 'exactly one cookie, the session').toHaveLength(1);
  const [session] = cookies;
  expect(session.name).toMatch(/^__Host-/);
  expect(session.httpOnly).toBe(true);
  expect(session.secure).toBe(true);
  expect(session.sameSite).toBe('Lax');
  expect(session.path).toBe('/');
  // Opaque: no token (a JWT has two dots) in the cookie.
  expect(session.value).not.toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

  // A session that existed before sign-in gets a new id at sign-in.
  const earlier = before.find((c) => c.name === session.name);
  if (earlier) {
    expect(session.value, 'session id renewed at sign-in').not.toBe(earlier.value);
  }
});
