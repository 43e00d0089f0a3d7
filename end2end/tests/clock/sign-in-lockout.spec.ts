import type { PoolClock } from '../../fixtures/pool-clock';
import { test } from '../../fixtures';
import type { User } from '../../kit';
import { newUser } from '../../kit';
import type { SignInPage } from '../../pages/sign-in-page';

// Cognito locks sign-in out from the fifth wrong password ("Password
// attempts exceeded"), refusing even the right one for a while: one second,
// doubling with every failure after a lockout ends. In tests/clock/: the
// pool's clock is moved past each lockout, so the eleventh failure starts
// one of 64 seconds, long enough for the next step on any machine.

async function lockOut(signInPage: SignInPage, poolClock: PoolClock, account: User): Promise<void> {
  const wrong = { email: account.email, password: `${account.password}-wrong` };
  for (let attempt = 0; attempt < 11; attempt++) {
    if (attempt >= 5) {
      await poolClock.advance(2 ** (attempt - 5));
    }
    await signInPage.goto();
    await signInPage.signInAs(wrong);
    await signInPage.messages.expectError('sign_in.incorrect_credentials');
  }
}

test('after wrong passwords sign-in pauses, even for the right one, alike for an unknown email', async ({
  signInPage,
  poolClock,
  confirmedUser,
}) => {
  for (const account of [confirmedUser, newUser()]) {
    await lockOut(signInPage, poolClock, account);
    await signInPage.goto();
    await signInPage.signInAs(account);
    await signInPage.expectPasswordAgain();
    await signInPage.messages.expectError('sign_in.locked_out');
    await signInPage.expectNameKept(account.email);
  }
});
