//! Password recovery: ForgotPassword sends a code, ConfirmForgotPassword
//! sets a new password with it, then the visitor signs in.
//!
//! ```mermaid
//! stateDiagram-v2
//!     [*] --> Form: GET /forgot-password
//!     Form --> Form: invalid name (field error)
//!     Form --> AwaitingCode: ForgotPassword — or an unknown account (answered the same way)
//!     SignIn --> AwaitingCode: PasswordResetRequiredException (a code is sent)
//!     AwaitingCode --> AwaitingCode: wrong code (five lock it), weak password, "send a new code"
//!     AwaitingCode --> [*]: ConfirmForgotPassword ok → /sign-in, name prefilled
//! ```
//!
//! Nothing here tells whether an account exists: an unknown name gets the
//! same redirect, the same page and the same words (the destination is
//! masked from what was typed, not from Cognito's answer), and any code
//! entered for it is "not right".

use serde::{Deserialize, Serialize};

use super::{FlowError, WrongCodes, audit, fail, invalid, log_unexpected, now};
use crate::cognito::errors::CognitoError;
use crate::domain::{NewPassword, OtpCode, SignInName};
use crate::routes::{Location, Page};
use crate::security::audit::Event;
use crate::security::return_to::ReturnTo;
use crate::session::{Flash, FormState, Session, SessionValue};
use crate::state::AppState;

// ---------------------------------------------------------------- state

/// Cognito's reset codes last an hour.
pub const RECOVERY_FLOW_SECS: u64 = 60 * 60;

/// A reset waiting for its code and new password.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecoveryFlow {
    /// The name as typed (the email in email pools).
    pub username: String,
    /// Where the code went, masked from the typed email; `None` in
    /// username pools, where the page names no address.
    pub destination: Option<String>,
    /// Cognito demanded the reset at sign-in.
    pub required: bool,
    pub return_to: Option<ReturnTo>,
    pub expires_at: u64,
    /// Wrong codes since the last one was sent.
    #[serde(default)]
    pub wrong_codes: WrongCodes,
}

impl SessionValue for RecoveryFlow {
    const KEY: &'static str = "recovery";
}

/// The flow in progress, unless it expired.
pub fn current(session: &Session) -> Option<RecoveryFlow> {
    session
        .get::<RecoveryFlow>()
        .filter(|flow| flow.expires_at > now())
}

// ---------------------------------------------------------------- input

pub struct ForgotInput {
    pub username: String,
    pub return_to: String,
}

pub struct ResetInput {
    pub code: String,
    pub password: String,
}

// ---------------------------------------------------------------- steps

/// Handles the forgot-password form.
pub async fn request(app: &AppState, session: &Session, input: ForgotInput) -> Location {
    let return_to = ReturnTo::parse(&input.return_to, &app.allowlist);
    let back = Location::with_return_to(Page::ForgotPassword, return_to.as_ref());
    let form = FormState::new(Page::ForgotPassword).keep("username", &input.username);
    let name = match SignInName::parse(&input.username, app.sign_in_name) {
        Ok(name) => name,
        Err(id) => return invalid(session, form.error("username", id), back),
    };
    if let Err(error) = send_code(app, &name).await {
        return fail(session, form, &error, back);
    }
    let destination = name.masked_email();
    session.insert(&RecoveryFlow {
        username: name.as_str().to_owned(),
        destination: destination.clone(),
        required: false,
        return_to,
        expires_at: now() + RECOVERY_FLOW_SECS,
        wrong_codes: WrongCodes::default(),
    });
    // The reset page says where the code went; a notice would repeat it.
    Location::page(Page::ResetPassword)
}

/// Sign-in met PasswordResetRequiredException: send a code and go
/// straight to the reset page.
pub async fn start_required_reset(
    app: &AppState,
    session: &Session,
    name: &SignInName,
    return_to: Option<ReturnTo>,
) -> Location {
    // Each sign-in would otherwise send a code: the forgot form's budget.
    if !super::may_send_message(app, name.as_str()).await {
        session.flash(Flash::error(RecoveryError::RateLimited.message_id()));
        return Location::with_return_to(Page::SignIn, return_to.as_ref());
    }
    if let Err(error) = send_code(app, name).await {
        session.flash(Flash::error(error.message_id()));
        return Location::with_return_to(Page::SignIn, return_to.as_ref());
    }
    let destination = name.masked_email();
    session.insert(&RecoveryFlow {
        username: name.as_str().to_owned(),
        destination: destination.clone(),
        required: true,
        return_to,
        expires_at: now() + RECOVERY_FLOW_SECS,
        wrong_codes: WrongCodes::default(),
    });
    Location::page(Page::ResetPassword)
}

/// Handles the reset form: the code and the new password.
pub async fn reset(app: &AppState, session: &Session, input: ResetInput) -> Location {
    let Some(flow) = current(session) else {
        return no_flow(session);
    };
    let back = Location::page(Page::ResetPassword);
    let mut form = FormState::new(Page::ResetPassword);
    let code = OtpCode::parse(&input.code);
    if let Err(id) = &code {
        form = form.error("code", id);
    }
    form = form.check_password(&app.password_policy, &input.password);
    let password = NewPassword::parse(input.password, &app.password_policy);
    if let Err(id) = &password {
        form = form.error("password", id);
    }
    let (Ok(code), Ok(password)) = (code, password) else {
        return invalid(session, form, back);
    };
    if flow.wrong_codes.locked() {
        return fail(session, form, &RecoveryError::TooManyAttempts, back);
    }
    match app
        .gateway
        .confirm_forgot_password(&flow.username, &code, &password)
        .await
    {
        Ok(()) => {
            session.remove::<RecoveryFlow>();
            audit(app, Event::PasswordReset, &flow.username, "");
            session.flash(Flash::info("reset_password.done"));
            invalid(
                session,
                FormState::new(Page::SignIn).keep("username", &flow.username),
                Location::with_return_to(Page::SignIn, flow.return_to.as_ref()),
            )
        }
        // A reset code lasts as long as this flow (an hour), so "expired"
        // within it is what the pool answers for an address with no
        // account: it must read as a wrong code, as a real one would.
        Err(e) if WrongCodes::counts(&e) || matches!(e, CognitoError::ExpiredCode) => {
            tracing::info!(error = %e, "reset code refused");
            let wrong_codes = flow.wrong_codes.add();
            if wrong_codes.locked() {
                audit(app, Event::LockedOut, &flow.username, "reset_code");
            }
            session.insert(&RecoveryFlow {
                wrong_codes,
                ..flow
            });
            let error = if wrong_codes.locked() {
                RecoveryError::TooManyAttempts
            } else {
                RecoveryError::CodeMismatch
            };
            fail(session, form, &error, back)
        }
        Err(e) => fail(session, form, &RecoveryError::from_reset(e), back),
    }
}

/// Handles "send a new code" on the reset page.
pub async fn resend(app: &AppState, session: &Session) -> Location {
    let Some(flow) = current(session) else {
        return no_flow(session);
    };
    let name = SignInName::parse(&flow.username, app.sign_in_name);
    let sent = match &name {
        Ok(name) => send_code(app, name).await,
        // A name stored by this flow always parses again; an older
        // version's state is answered like any other.
        Err(_) => Ok(()),
    };
    if let Err(error) = sent {
        session.flash(Flash::error(error.message_id()));
        return Location::page(Page::ResetPassword);
    }
    session.insert(&RecoveryFlow {
        expires_at: now() + RECOVERY_FLOW_SECS,
        wrong_codes: WrongCodes::default(),
        ..flow.clone()
    });
    // Hedged alike for every account, without the destination the page
    // already names.
    session.flash(Flash::info("reset_password.code_resent"));
    Location::page(Page::ResetPassword)
}

/// ForgotPassword, with every answer that would reveal whether the account
/// exists (unknown, unconfirmed or disabled; no verified address) treated
/// as a code sent.
async fn send_code(app: &AppState, name: &SignInName) -> Result<(), RecoveryError> {
    match app.gateway.forgot_password(name.as_str()).await {
        Ok(_) => Ok(()),
        Err(
            e @ (CognitoError::IncorrectCredentials
            | CognitoError::SessionEnded(_)
            | CognitoError::UserNotConfirmed
            | CognitoError::InvalidParameter(_)
            | CognitoError::PasswordResetRequired),
        ) => {
            tracing::info!(error = %e, "forgot-password answered as if a code was sent");
            Ok(())
        }
        Err(e) => Err(RecoveryError::common(e)),
    }
}

fn no_flow(session: &Session) -> Location {
    session.flash(Flash::info(RecoveryError::NoFlow.message_id()));
    Location::page(Page::ForgotPassword)
}

// ---------------------------------------------------------------- errors

/// What can go wrong resetting a password.
#[derive(Debug, PartialEq, Eq)]
pub enum RecoveryError {
    /// A wrong code, and every answer that would tell an unknown account
    /// apart: "That code is not right."
    CodeMismatch,
    /// Five wrong codes in this flow (see [`WrongCodes`]): "ask for a new code".
    TooManyAttempts,
    /// The pool refused the new password, beside the field.
    PasswordRejected,
    /// No reset waiting for a code: "Start by asking for a reset code."
    NoFlow,
    /// Throttled.
    RateLimited,
    /// The pool cannot be reached right now: "try again in a moment".
    Unavailable,
    /// Anything else; logged.
    Unexpected,
}

impl RecoveryError {
    fn from_reset(error: CognitoError) -> Self {
        match error {
            CognitoError::InvalidPassword(reason) => {
                tracing::info!(%reason, "the pool refused the new password");
                Self::PasswordRejected
            }
            CognitoError::TooManyRequests => Self::RateLimited,
            e @ (CognitoError::Unexpected { .. } | CognitoError::Unavailable { .. }) => {
                Self::common(e)
            }
            // Everything else, Cognito's attempt limits included
            // (LimitExceededException, TooManyFailedAttemptsException), is
            // answered as a wrong code: a decoy for an address with no
            // account cannot meet those limits, so it could not answer them.
            other => {
                tracing::info!(error = %other, "reset code refused");
                Self::CodeMismatch
            }
        }
    }

    fn common(error: CognitoError) -> Self {
        match error {
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

impl FlowError for RecoveryError {
    fn message_id(&self) -> &'static str {
        match self {
            Self::CodeMismatch => "code.mismatch",
            Self::TooManyAttempts => "code.too_many_attempts",
            Self::PasswordRejected => "password.rejected",
            Self::NoFlow => "reset_password.no_flow",
            Self::RateLimited => "error.rate_limited",
            Self::Unavailable => "error.unavailable",
            Self::Unexpected => "error.unexpected",
        }
    }

    fn field(&self) -> Option<&'static str> {
        match self {
            Self::CodeMismatch | Self::TooManyAttempts => Some("code"),
            Self::PasswordRejected => Some("password"),
            _ => None,
        }
    }

    fn is_notice(&self) -> bool {
        *self == Self::NoFlow
    }
}
