//! Two-step verification from the account page: enrol an authenticator
//! app (by access token), turn methods on and off, choose the preferred one.
//!
//! ```mermaid
//! stateDiagram-v2
//!     [*] --> Account
//!     Account --> Enrolling: "Set up an authenticator app" (AssociateSoftwareToken)
//!     Enrolling --> Enrolling: wrong code
//!     Enrolling --> Account: VerifySoftwareToken ok → SetUserMFAPreference (on)
//!     Account --> Account: turn SMS / email / app on or off, make preferred
//! ```

use serde::{Deserialize, Serialize};

use super::signed_in;
use super::{FlowError, audit, fail, invalid, log_unexpected};
use crate::cognito::errors::CognitoError;
use crate::cognito::mfa::{Enrolment, Factor, Preference};
use crate::domain::{OtpCode, device_name};
use crate::routes::{Location, Page};
use crate::security::audit::Event;
use crate::session::{Flash, FormState, Session, SessionValue, StoredSecret};
use crate::state::AppState;

// ---------------------------------------------------------------- state

/// An authenticator-app secret being enrolled from the account page, kept
/// so a reload shows the same QR code.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TotpEnrolment {
    pub secret: StoredSecret,
}

impl SessionValue for TotpEnrolment {
    const KEY: &'static str = "totp_enrolment";
}

/// The enrolment in progress, if any.
pub fn enrolment(session: &Session) -> Option<TotpEnrolment> {
    session.get::<TotpEnrolment>()
}

// ---------------------------------------------------------------- input

/// What the buttons in the security section ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Enable,
    Disable,
    Prefer,
}

impl Change {
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "enable" => Some(Self::Enable),
            "disable" => Some(Self::Disable),
            "prefer" => Some(Self::Prefer),
            _ => None,
        }
    }

    /// The form value (and the name in the audit log).
    pub fn id(self) -> &'static str {
        match self {
            Self::Enable => "enable",
            Self::Disable => "disable",
            Self::Prefer => "prefer",
        }
    }
}

pub struct VerifyTotpInput {
    pub code: String,
    pub device_name: String,
}

// ---------------------------------------------------------------- steps

/// "Set up an authenticator app": a new secret, kept in the session so a
/// reload of the QR page shows the same one.
pub async fn start_totp(app: &AppState, session: &Session) -> Location {
    let account = Location::page(Page::Account);
    // A new app replaces the old one: as sensitive as turning it off.
    let user = match signed_in::require_recent_for(app, session, &account).await {
        Ok(user) => user,
        Err(location) => return location,
    };
    match app
        .gateway
        .associate_software_token(Enrolment::AccessToken(user.access_token.secret()))
        .await
    {
        Ok(associated) => {
            session.insert(&TotpEnrolment {
                secret: StoredSecret::new(associated.secret),
            });
            Location::page(Page::TotpSetup)
        }
        Err(e) => failed(app, session, MfaError::from_cognito(e), account),
    }
}

/// Checks the app's first code and turns app MFA on (preferred, since it
/// is the strongest method a user can have here).
pub async fn verify_totp(app: &AppState, session: &Session, input: VerifyTotpInput) -> Location {
    let here = Location::page(Page::TotpSetup);
    let user = match signed_in::require_recent_for(app, session, &here).await {
        Ok(user) => user,
        Err(location) => return location,
    };
    if enrolment(session).is_none() {
        return Location::page(Page::Account);
    }
    let form = FormState::new(Page::TotpSetup).keep("device_name", &input.device_name);
    let code = match OtpCode::parse(&input.code) {
        Ok(code) => code,
        Err(id) => return invalid(session, form.error("code", id), here),
    };
    let token = user.access_token.secret();
    if let Err(e) = app
        .gateway
        .verify_software_token(
            Enrolment::AccessToken(token),
            &code,
            device_name(&input.device_name).as_deref(),
        )
        .await
    {
        let error = MfaError::from_cognito(e);
        if error == MfaError::SessionEnded {
            return signed_in::ended_during(app, session, &here);
        }
        return fail(session, form, &error, here);
    }
    let change = Preference {
        factor: Factor::Totp,
        enabled: true,
        preferred: true,
    };
    if let Err(e) = app.gateway.set_mfa_preference(token, change).await {
        return failed(app, session, MfaError::from_cognito(e), here);
    }
    session.remove::<TotpEnrolment>();
    signed_in::privilege_changed(session);
    audit(app, Event::MfaChanged, user.account_name(), "totp_enable");
    session.flash(Flash::info("mfa.totp_on"));
    Location::page(Page::Account)
}

/// Turns a method on or off, or makes it the preferred one.
pub async fn change(app: &AppState, session: &Session, factor: &str, change: &str) -> Location {
    let account = Location::page(Page::Account);
    // Every change of the second step (off, on, which one is preferred)
    // decides who can sign in: only right after signing in (or
    // confirming it is you), so a stolen cookie cannot redirect it.
    let user = match signed_in::require_recent_for(app, session, &account).await {
        Ok(user) => user,
        Err(location) => return location,
    };
    let (Some(factor), Some(change)) = (Factor::from_id(factor), Change::parse(change)) else {
        return failed(app, session, MfaError::UnknownChange, account);
    };
    if !app.mfa_factors.contains(&factor) && change != Change::Disable {
        return failed(app, session, MfaError::NotOffered, account);
    }
    // Enabling an app needs the enrolment page; only SMS and email can be
    // switched on directly.
    if factor == Factor::Totp && change == Change::Enable {
        return start_totp(app, session).await;
    }
    let preference = Preference {
        factor,
        enabled: change != Change::Disable,
        preferred: change == Change::Prefer,
    };
    match app
        .gateway
        .set_mfa_preference(user.access_token.secret(), preference)
        .await
    {
        Ok(()) => {
            signed_in::privilege_changed(session);
            audit(
                app,
                Event::MfaChanged,
                user.account_name(),
                &format!("{}_{}", factor.id(), change.id()),
            );
            let id = match (factor, change) {
                (_, Change::Prefer) => "mfa.preferred_set",
                (Factor::Totp, Change::Disable) => "mfa.totp_off",
                (Factor::Totp, Change::Enable) => "mfa.totp_on",
                (Factor::Sms, Change::Enable) => "mfa.sms_on",
                (Factor::Sms, Change::Disable) => "mfa.sms_off",
                (Factor::Email, Change::Enable) => "mfa.email_on",
                (Factor::Email, Change::Disable) => "mfa.email_off",
            };
            session.flash(Flash::info(id));
            account
        }
        Err(e) => failed(app, session, MfaError::from_preference(e), account),
    }
}

/// Where a refused call leads: sign-in when the session ended, else back
/// to `here` with the message.
fn failed(app: &AppState, session: &Session, error: MfaError, here: Location) -> Location {
    if error == MfaError::SessionEnded {
        return signed_in::ended_during(app, session, &here);
    }
    let page = Page::from_path(here.as_str()).unwrap_or(Page::Account);
    fail(session, FormState::new(page), &error, here)
}

// ---------------------------------------------------------------- errors

/// What can go wrong in the two-step verification settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MfaError {
    /// The token was refused: signed out.
    SessionEnded,
    /// A wrong first code from the app, beside the code field.
    CodeMismatch,
    /// The pool refused the change (a method not set up): "That change was
    /// not accepted. Check that the method is set up."
    Refused,
    /// A method this pool does not offer.
    NotOffered,
    /// A form value no button sends.
    UnknownChange,
    RateLimited,
    /// The pool cannot be reached right now: "try again in a moment".
    Unavailable,
    /// Anything else; logged.
    Unexpected,
}

impl MfaError {
    fn from_cognito(error: CognitoError) -> Self {
        match error {
            CognitoError::CodeMismatch => Self::CodeMismatch,
            CognitoError::SessionEnded(reason) => {
                // The pool's words say why (revoked, expired, signed by a
                // key or issuer it no longer has); the visitor only sees
                // that they must sign in again.
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

    fn from_preference(error: CognitoError) -> Self {
        match error {
            CognitoError::InvalidParameter(reason) => {
                tracing::info!(%reason, "MFA preference refused");
                Self::Refused
            }
            other => Self::from_cognito(other),
        }
    }
}

impl FlowError for MfaError {
    fn message_id(&self) -> &'static str {
        match self {
            Self::SessionEnded => "session.ended",
            Self::CodeMismatch => "code.mismatch",
            Self::Refused => "mfa.refused",
            Self::NotOffered => "mfa.not_allowed",
            Self::UnknownChange => "error.invalid_input",
            Self::RateLimited => "error.rate_limited",
            Self::Unavailable => "error.unavailable",
            Self::Unexpected => "error.unexpected",
        }
    }

    fn field(&self) -> Option<&'static str> {
        (*self == Self::CodeMismatch).then_some("code")
    }
}
