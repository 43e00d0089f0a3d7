import { expect, test } from '../fixtures';

test('the browser holds one opaque __Host- session cookie, renewed at sign-in', async ({
  context,
  signInPage,
  accountPage,
  confirmedUser,
}) => {
  // Opening /sign-in starts a session: the form's CSRF token is bound to it.
  await signInPage.goto();
  const before = await context.cookies();
  expect(before, 'a session cookie before sign-in').toHaveLength(1);
  const [earlier] = before;
  expect(earlier.name).toMatch(/^__Host-/);

  await signInPage.signInAs(confirmedUser);
  await accountPage.expectShown(confirmedUser.email);

  const cookies = await context.cookies();
  // Besides the session's, at most the way in used (choice-based sign-in),
  // by name only.
  const others = cookies.filter((c) => c.name !== earlier.name);
  for (const other of others) {
    expect(other.name).toBe('threshold-sign-in-method');
    expect(other.value).toBe('password');
    expect(other.httpOnly).toBe(true);
  }
  const session = cookies.find((c) => c.name === earlier.name)!;
  expect(session.name).toBe(earlier.name);
  expect(session.httpOnly).toBe(true);
  expect(session.secure).toBe(true);
  expect(session.sameSite).toBe('Lax');
  expect(session.path).toBe('/');
  // Opaque: no token (a JWT has two dots) in the cookie.
  expect(session.value).not.toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

  // The session that existed before sign-in gets a new id at sign-in.
  expect(session.value, 'session id renewed at sign-in').not.toBe(earlier.value);
});
