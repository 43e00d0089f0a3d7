//! Passkeys from the account page: register one (StartWebAuthnRegistration,
//! the browser's `navigator.credentials.create`, CompleteWebAuthnRegistration),
//! list them, delete one. Signing in with a passkey is part of `sign_in`.
//!
//! ```mermaid
//! stateDiagram-v2
//!     [*] --> Passkeys
//!     Passkeys --> Creating: "Add a passkey" (StartWebAuthnRegistration)
//!     Creating --> Passkeys: the browser's passkey → CompleteWebAuthnRegistration
//!     Creating --> Passkeys: cancel
//!     Passkeys --> Passkeys: delete one (DeleteWebAuthnCredential)
//! ```
//!
//! Adding or removing a way in is as sensitive as changing the password:
//! both need a recent sign-in.

use serde::{Deserialize, Serialize};

use super::signed_in::{self, SignedInUser};
use super::{FlowError, audit, fail, log_unexpected, now};
use crate::cognito::errors::{CognitoError, PasskeyProblem};
use crate::cognito::passkeys::Passkey;
use crate::routes::{Location, Page};
use crate::security::audit::Event;
use crate::session::{Flash, FormState, Session, SessionValue};
use crate::state::AppState;

// ---------------------------------------------------------------- state

/// Cognito's registration challenge lasts a few minutes; the options are
/// kept a little longer so an expired one gets the pool's own answer.
const REGISTRATION_SECS: u64 = 10 * 60;

/// A registration waiting for the browser: the options for
/// `navigator.credentials.create` (a challenge and public data only).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PasskeyRegistration {
    pub options: String,
    pub expires_at: u64,
}

impl SessionValue for PasskeyRegistration {
    const KEY: &'static str = "passkey_registration";
}

/// The registration in progress, unless it expired.
pub fn registration(session: &Session) -> Option<PasskeyRegistration> {
    session
        .get::<PasskeyRegistration>()
        .filter(|r| r.expires_at > now())
}

/// The largest credential accepted from a form: real ones are a few KB.
const MAX_CREDENTIAL_BYTES: usize = 64 * 1024;

// ---------------------------------------------------------------- steps

/// The user's passkeys, for the page. `Err` only for a pool that does
/// not do passkeys (the page then says so) or a refused token.
pub async fn list(app: &AppState, user: &SignedInUser) -> Result<Vec<Passkey>, PasskeyError> {
    app.gateway
        .list_passkeys(user.access_token.secret())
        .await
        .map_err(PasskeyError::from_cognito)
}

/// "Add a passkey": the options the browser needs, kept for the page.
pub async fn start(app: &AppState, session: &Session) -> Location {
    let here = Location::page(Page::Passkeys);
    let user = match signed_in::require_recent_for(app, session, &here).await {
        Ok(user) => user,
        Err(location) => return location,
    };
    match app
        .gateway
        .start_passkey_registration(user.access_token.secret())
        .await
    {
        Ok(options) => {
            session.insert(&PasskeyRegistration {
                options,
                expires_at: now() + REGISTRATION_SECS,
            });
            here
        }
        Err(e) => failed(app, session, PasskeyError::from_cognito(e)),
    }
}

/// The browser made a passkey: the pool checks and keeps it.
pub async fn complete(app: &AppState, session: &Session, credential: &str) -> Location {
    let here = Location::page(Page::Passkeys);
    let user = match signed_in::require_recent_for(app, session, &here).await {
        Ok(user) => user,
        Err(location) => return location,
    };
    if registration(session).is_none() {
        return failed(app, session, PasskeyError::Expired);
    }
    let credential = credential.trim();
    if credential.is_empty() || credential.len() > MAX_CREDENTIAL_BYTES {
        return failed(app, session, PasskeyError::NoPasskey);
    }
    match app
        .gateway
        .complete_passkey_registration(user.access_token.secret(), credential)
        .await
    {
        Ok(()) => {
            session.remove::<PasskeyRegistration>();
            signed_in::privilege_changed(session);
            audit(app, Event::MfaChanged, user.account_name(), "passkey_add");
            session.flash(Flash::info("passkey.added"));
            here
        }
        Err(e) => {
            // The pool's challenge is single use: a refused passkey
            // needs a new registration.
            session.remove::<PasskeyRegistration>();
            failed(app, session, PasskeyError::from_cognito(e))
        }
    }
}

/// Abandons a registration (the page's "Cancel").
pub fn cancel(session: &Session) -> Location {
    session.remove::<PasskeyRegistration>();
    Location::page(Page::Passkeys)
}

/// Deletes one passkey: it no longer signs anyone in.
pub async fn delete(app: &AppState, session: &Session, id: &str) -> Location {
    let here = Location::page(Page::Passkeys);
    let user = match signed_in::require_recent_for(app, session, &here).await {
        Ok(user) => user,
        Err(location) => return location,
    };
    // Credential ids are base64url, well under a kilobyte.
    if id.is_empty() || id.len() > 1024 {
        return failed(app, session, PasskeyError::NoPasskey);
    }
    match app
        .gateway
        .delete_passkey(user.access_token.secret(), id)
        .await
    {
        Ok(()) => {
            signed_in::privilege_changed(session);
            audit(
                app,
                Event::MfaChanged,
                user.account_name(),
                "passkey_delete",
            );
            session.flash(Flash::info("passkey.deleted"));
            here
        }
        Err(e) => failed(app, session, PasskeyError::from_cognito(e)),
    }
}

fn failed(app: &AppState, session: &Session, error: PasskeyError) -> Location {
    let here = Location::page(Page::Passkeys);
    if error == PasskeyError::SessionEnded {
        return signed_in::ended_during(app, session, &here);
    }
    fail(session, FormState::new(Page::Passkeys), &error, here)
}

// ---------------------------------------------------------------- errors

/// What can go wrong with passkeys on the account page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasskeyError {
    /// The pool does not do passkeys for this site (its configuration,
    /// logged): "Passkeys are not available here."
    NotAvailable,
    /// The registration took too long: "start again".
    Expired,
    /// The authenticator's passkey is of a kind the pool refuses.
    NotSupported,
    /// No passkey came from the browser (the dialog was cancelled, or a
    /// form without the script).
    NoPasskey,
    /// The token was refused: signed out.
    SessionEnded,
    RateLimited,
    Unavailable,
    Unexpected,
}

impl PasskeyError {
    fn from_cognito(error: CognitoError) -> Self {
        match error {
            CognitoError::Passkey(PasskeyProblem::NotAvailable) => Self::NotAvailable,
            CognitoError::Passkey(PasskeyProblem::Expired) => Self::Expired,
            CognitoError::Passkey(PasskeyProblem::NotSupported) => Self::NotSupported,
            // A credential the pool could not read or verify.
            CognitoError::InvalidParameter(reason) => {
                tracing::info!(%reason, "the pool refused a passkey");
                Self::NotSupported
            }
            CognitoError::SessionEnded(reason) => {
                tracing::info!(%reason, "the pool refused the access token");
                Self::SessionEnded
            }
            CognitoError::TooManyRequests | CognitoError::LimitExceeded => Self::RateLimited,
            e @ CognitoError::Unavailable { .. } => {
                log_unexpected(&e);
                Self::Unavailable
            }
            other => {
                log_unexpected(&other);
                Self::Unexpected
            }
        }
    }
}

impl FlowError for PasskeyError {
    fn message_id(&self) -> &'static str {
        match self {
            Self::NotAvailable => "passkey.not_available",
            Self::Expired => "passkey.expired",
            Self::NotSupported => "passkey.not_supported",
            Self::NoPasskey => "passkey.failed",
            Self::SessionEnded => "session.ended",
            Self::RateLimited => "error.rate_limited",
            Self::Unavailable => "error.unavailable",
            Self::Unexpected => "error.unexpected",
        }
    }
}
