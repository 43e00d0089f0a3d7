/**
 * Threshold's Playwright kit: sign-up, sign-in (with the second step),
 * codes, authenticator apps, the local pool's clock and seeded users, for
 * the end-to-end tests of an app behind Threshold. Plain TypeScript with
 * no build step: copy this folder, or import it from a checkout. Needs
 * `@playwright/test` and `otpauth`. See docs/testing.md.
 */
export { Authenticator, systemClock, type Clock } from './authenticator';
export { Outbox, codesFrom, readCode, type Codes, type CodePurpose, type OutboxMessage } from './codes';
export {
  enrolTotp,
  saveSignedInState,
  signIn,
  signOut,
  signUp,
  titleId,
  type FlowOptions,
  type SignInOptions,
} from './flows';
export { LocalPool, advanceClock } from './local-pool';
export { newUser, seedUser, strongPassword, uniqueEmail, type SeedOptions, type User } from './users';
