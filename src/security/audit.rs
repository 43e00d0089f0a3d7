//! The audit log: one structured event per security-relevant action, on
//! the tracing target `threshold::audit`, so operators can route it apart
//! from the rest of the log (`RUST_LOG=threshold::audit=info`, JSON lines
//! with `THRESHOLD_LOG_JSON=true`).
//!
//! Each event names what happened and whose account it concerns as a
//! keyed hash of the sign-in name (`SessionKeys::name_hash`): the same
//! person gives the same hash across events, but the log holds no address
//! and no secret. The request id and the client address come from the
//! request's span, which every event here is recorded in.

use crate::session::keys::SessionKeys;

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    SignInSucceeded,
    SignInFailed,
    /// A flow stopped taking codes, or a brute-force limit was reached.
    LockedOut,
    MfaChanged,
    PasswordChanged,
    PasswordReset,
    EmailChanged,
    SignedOutEverywhere,
    AccountDeleted,
}

impl Event {
    /// The event's name in the log.
    pub fn name(self) -> &'static str {
        match self {
            Event::SignInSucceeded => "sign_in_succeeded",
            Event::SignInFailed => "sign_in_failed",
            Event::LockedOut => "locked_out",
            Event::MfaChanged => "mfa_changed",
            Event::PasswordChanged => "password_changed",
            Event::PasswordReset => "password_reset",
            Event::EmailChanged => "email_changed",
            Event::SignedOutEverywhere => "signed_out_everywhere",
            Event::AccountDeleted => "account_deleted",
        }
    }
}

/// Records `event` for the account signed in (or tried) as `name`, with a
/// short `detail` (which rule, which method) that is never a secret.
pub fn record(keys: &SessionKeys, event: Event, name: &str, detail: &str) {
    tracing::info!(
        target: "threshold::audit",
        event = event.name(),
        user = %keys.name_hash(name),
        detail,
        "audit"
    );
}
