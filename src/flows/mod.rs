//! The flows: small state machines kept in the session. Each POST moves
//! one step and answers with where the browser goes next (a 303); each page
//! renders from the state it finds. Server-only.
//!
//! Every flow file reads the same way, top to bottom:
//! 1. **State**: the type it keeps in the session (a [`SessionValue`] with
//!    its own key), with its expiry;
//! 2. **Input**: what its forms post, as raw strings, parsed into domain
//!    types at the top of each step;
//! 3. **Steps**: one `async fn` per form, each returning a [`Location`];
//! 4. **Errors**: one enum, each variant documenting what the visitor sees
//!    and mapped once to its message id ([`FlowError`]).
//!
//! - `sign_up`, `sign_in`, `recovery`: signing up, in, and a lost password;
//! - `signed_in`: the signed-in user: tokens kept fresh, the one guard for
//!   pages that need a user, signing out;
//! - `devices`: remembered browsers (device tracking) after MFA;
//! - `account`: the account's own settings (profile, email and phone,
//!   password, deletion); `mfa_settings`: two-step verification there;
//!   `passkeys`: passkeys there.
//!
//! [`SessionValue`]: crate::session::SessionValue

pub mod account;
pub mod devices;
pub mod mfa_settings;
pub mod passkeys;
pub mod recovery;
pub mod sign_in;
pub mod sign_up;
pub mod signed_in;

use crate::cognito::errors::CognitoError;
use crate::routes::Location;
use crate::security::audit::Event;
use crate::session::{Flash, FormState, Session};
use crate::state::AppState;

/// How a flow's error reaches the visitor: one message id per condition.
pub trait FlowError: std::fmt::Debug {
    /// The catalog id of the message the visitor sees.
    fn message_id(&self) -> &'static str;

    /// The form field the message belongs beside; `None` puts it above
    /// the form.
    fn field(&self) -> Option<&'static str> {
        None
    }

    /// An informational message rather than an error (an expired flow
    /// that starts over, say).
    fn is_notice(&self) -> bool {
        false
    }
}

/// The one error path of every flow (as in Ory Kratos): attach the message
/// to its field or above the form, keep what was typed, and send the
/// browser back to `to`.
pub fn fail(session: &Session, form: FormState, error: &impl FlowError, to: Location) -> Location {
    let id = error.message_id();
    match error.field() {
        Some(field) => session.set_form(form.error(field, id)),
        None => {
            session.set_form(form);
            session.flash(if error.is_notice() {
                Flash::info(id)
            } else {
                Flash::error(id)
            });
        }
    }
    to
}

/// Leaves `form` (with the field errors parsing found) for its page and
/// sends the browser back there.
pub fn invalid(session: &Session, form: FormState, to: Location) -> Location {
    session.set_form(form);
    to
}

/// Wrong codes a flow takes before it stops asking the pool: Cognito's
/// own limit is about five.
pub const MAX_WRONG_CODES: u32 = 5;

/// The wrong codes entered in one flow, kept in its session state.
///
/// Cognito counts wrong codes per user and then answers
/// `TooManyFailedAttemptsException` or `LimitExceededException`; a decoy
/// (an unknown account, another account's address) never meets either,
/// so those answers would tell the two apart. Each flow counts instead,
/// the same way for real and decoy, and stops at [`MAX_WRONG_CODES`];
/// the pool's own limits are answered as one more wrong code.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct WrongCodes(u32);

impl WrongCodes {
    /// No more codes are checked until a new one is sent.
    pub fn locked(self) -> bool {
        self.0 >= MAX_WRONG_CODES
    }

    /// Counts one more wrong code.
    pub fn add(self) -> Self {
        Self(self.0.saturating_add(1))
    }

    /// Whether the pool's answer to a code counts as a wrong code.
    pub fn counts(error: &CognitoError) -> bool {
        matches!(
            error,
            CognitoError::CodeMismatch
                | CognitoError::TooManyFailedAttempts
                | CognitoError::LimitExceeded
        )
    }
}

/// Whether a flow may send `name` another message on its own (not asked
/// for through a form, which the action guard counted): the same per-name
/// budget as the forms that send codes.
pub async fn may_send_message(app: &AppState, name: &str) -> bool {
    let verdict = app
        .limiter
        .check_name(&crate::security::limits::MESSAGES, name)
        .await;
    if verdict != crate::security::limits::Verdict::Allowed {
        audit(app, Event::LockedOut, name, "message");
        return false;
    }
    true
}

/// Records a security event in the audit log for the account `name`.
pub fn audit(app: &AppState, event: Event, name: &str, detail: &str) {
    crate::security::audit::record(app.sessions.keys(), event, name, detail);
}

/// Logs an answer from the pool that no visitor should have caused: the
/// visitor is told only that something went wrong.
pub fn log_unexpected(error: &CognitoError) {
    tracing::error!(error = %error, "the user pool refused or failed a request");
}

/// Unix seconds, for flow expiry.
pub fn now() -> u64 {
    crate::session::store::unix_now()
}

/// Unix milliseconds, for markers that must order events within a second.
pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pools_attempt_limits_count_as_wrong_codes_and_five_lock() {
        // A decoy never meets these, so they must read as a wrong code.
        for error in [
            CognitoError::CodeMismatch,
            CognitoError::TooManyFailedAttempts,
            CognitoError::LimitExceeded,
        ] {
            assert!(WrongCodes::counts(&error), "{error}");
        }
        assert!(!WrongCodes::counts(&CognitoError::ExpiredCode));
        let mut count = WrongCodes::default();
        for _ in 0..4 {
            count = count.add();
            assert!(!count.locked());
        }
        assert!(count.add().locked());
    }
}
