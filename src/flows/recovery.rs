//! Password recovery: ForgotPassword sends a code, ConfirmForgotPassword
//! sets a new password with it, then the visitor signs in.
//!
//! ```mermaid
//! stateDiagram-v2
//!     [*] --> Form: GET /forgot-password
//!     Form --> Form: invalid name (field error)
//!     Form --> AwaitingCode: ForgotPassword — or an unknown account (answered the same way)
//!     SignIn --> AwaitingCode: PasswordResetRequiredException (a code is sent)
//!     AwaitingCode --> AwaitingCode: wrong / expired code, weak password, "send a new code"
//!     AwaitingCode --> [*]: ConfirmForgotPassword ok → /sign-in, name prefilled
//! ```
//!
//! Nothing here tells whether an account exists: an unknown name gets the
//! same redirect, the same page and the same words (the destination is
//! masked from what was typed, not from Cognito's answer), and any code
//! entered for it is "not right".

use serde::{Deserialize, Serialize};

use super::{Failure, now, report, with_return_to};
use crate::cognito::CognitoError;
use crate::config::SignInName as NameKind;
use crate::domain::{Email, OtpCode, Password, SignInName};
use crate::security::return_to::ReturnTo;
use crate::session::{Flash, Session};
use crate::state::AppState;

pub const FORGOT_PAGE: &str = "/forgot-password";
pub const RESET_PAGE: &str = "/reset-password";
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
}

pub struct ForgotInput {
    pub username: String,
    pub return_to: String,
}

pub struct ResetInput {
    pub code: String,
    pub password: String,
}

/// The flow in progress, unless it expired.
pub fn current(session: &Session) -> Option<RecoveryFlow> {
    session
        .read(|d| d.recovery.clone())
        .filter(|flow| flow.expires_at > now())
}

/// Whether `error` from ForgotPassword is one that must look like success
/// (unknown, unconfirmed or disabled account; no verified address).
fn hidden(error: &CognitoError) -> bool {
    matches!(
        error,
        CognitoError::IncorrectCredentials
            | CognitoError::SessionEnded(_)
            | CognitoError::UserNotConfirmed
            | CognitoError::InvalidParameter(_)
            | CognitoError::PasswordResetRequired
    )
}

/// The flash that says where the code went.
fn code_sent(id_with: &str, id_without: &str, destination: Option<&String>) -> Flash {
    match destination {
        Some(d) => Flash::info(id_with).with("destination", d.clone()),
        None => Flash::info(id_without),
    }
}

/// Handles the forgot-password form.
pub async fn request(app: &AppState, session: &Session, input: ForgotInput) -> String {
    let return_to = ReturnTo::parse(&input.return_to, &app.allowlist);
    let back = with_return_to(FORGOT_PAGE, return_to.as_ref());
    let failure = Failure::new("forgot_password").keep("username", &input.username);
    let parsed = match app.sign_in_name {
        NameKind::Email => Email::parse(&input.username)
            .map(|e| (SignInName::parse(e.as_str()), Some(e.masked())))
            .and_then(|(name, masked)| name.map(|n| (n, masked))),
        NameKind::Username => SignInName::parse(&input.username).map(|n| (n, None)),
    };
    let (name, destination) = match parsed {
        Ok(parsed) => parsed,
        Err(id) => return failure.field("username", id).save(session, None, back),
    };
    match app.gateway.forgot_password(name.as_str()).await {
        Ok(_) => {}
        Err(e) if hidden(&e) => {
            tracing::info!(error = %e, "forgot-password answered as if a code was sent");
        }
        Err(e) => {
            let flash = report(&e);
            return failure.save(session, Some(flash), back);
        }
    }
    session.update(|d| {
        d.recovery = Some(RecoveryFlow {
            username: name.as_str().to_owned(),
            destination: destination.clone(),
            required: false,
            return_to,
            expires_at: now() + RECOVERY_FLOW_SECS,
        });
    });
    session.flash(code_sent(
        "forgot_password.code_sent",
        "forgot_password.code_sent_account",
        destination.as_ref(),
    ));
    RESET_PAGE.to_owned()
}

/// Sign-in met PasswordResetRequiredException: send a code and go
/// straight to the reset page.
pub async fn start_required_reset(
    app: &AppState,
    session: &Session,
    username: &str,
    return_to: Option<ReturnTo>,
) -> String {
    let destination = match app.gateway.forgot_password(username).await {
        Ok(cognito) => Email::parse(username).map(|e| e.masked()).ok().or(cognito),
        Err(e) if hidden(&e) => Email::parse(username).map(|e| e.masked()).ok(),
        Err(e) => {
            session.flash(report(&e));
            return with_return_to("/sign-in", return_to.as_ref());
        }
    };
    session.update(|d| {
        d.sign_in = None;
        d.recovery = Some(RecoveryFlow {
            username: username.to_owned(),
            destination: destination.clone(),
            required: true,
            return_to,
            expires_at: now() + RECOVERY_FLOW_SECS,
        });
    });
    session.flash(code_sent(
        "reset_password.required",
        "reset_password.required_account",
        destination.as_ref(),
    ));
    RESET_PAGE.to_owned()
}

/// Handles the reset form: the code and the new password.
pub async fn reset(app: &AppState, session: &Session, input: ResetInput) -> String {
    let Some(flow) = current(session) else {
        session.flash(Flash::info("reset_password.no_flow"));
        return FORGOT_PAGE.to_owned();
    };
    let back = RESET_PAGE.to_owned();
    let mut failure = Failure::new("reset_password");
    let code = OtpCode::parse(&input.code);
    if let Err(id) = &code {
        failure = failure.field("code", id);
    }
    let password = match Password::parse(input.password) {
        Ok(password) => {
            if !app.password_policy.broken_rules(&password).is_empty() {
                failure = failure.field("password", "password.policy_unmet");
            }
            Some(password)
        }
        Err(id) => {
            failure = failure.field("password", id);
            None
        }
    };
    let (Ok(code), Some(password), false) = (code, password, failure.has_errors()) else {
        return failure.save(session, None, back);
    };
    match app
        .gateway
        .confirm_forgot_password(&flow.username, &code, &password)
        .await
    {
        Ok(()) => {
            session.update(|d| d.recovery = None);
            session.flash(Flash::info("reset_password.done"));
            Failure::new("sign_in")
                .keep("username", &flow.username)
                .save(
                    session,
                    None,
                    with_return_to("/sign-in", flow.return_to.as_ref()),
                )
        }
        Err(CognitoError::ExpiredCode) => failure
            .field("code", "code.expired")
            .save(session, None, back),
        Err(CognitoError::TooManyFailedAttempts) => failure
            .field("code", "code.too_many_attempts")
            .save(session, None, back),
        Err(CognitoError::InvalidPassword(reason)) => {
            tracing::info!(%reason, "the pool refused the new password");
            failure
                .field("password", "password.rejected")
                .save(session, None, back)
        }
        Err(CognitoError::TooManyRequests) => {
            failure.save(session, Some(Flash::error("error.rate_limited")), back)
        }
        // A wrong code, and every answer that would tell an unknown
        // account apart: all read "wrong code".
        Err(e @ CognitoError::Unexpected { .. }) => {
            let flash = report(&e);
            failure.save(session, Some(flash), back)
        }
        Err(e) => {
            tracing::info!(error = %e, "reset code refused");
            failure
                .field("code", "code.mismatch")
                .save(session, None, back)
        }
    }
}

/// Handles "send a new code" on the reset page.
pub async fn resend(app: &AppState, session: &Session) -> String {
    let Some(flow) = current(session) else {
        session.flash(Flash::info("reset_password.no_flow"));
        return FORGOT_PAGE.to_owned();
    };
    match app.gateway.forgot_password(&flow.username).await {
        Ok(_) => {}
        Err(e) if hidden(&e) => {
            tracing::info!(error = %e, "new reset code answered as if sent");
        }
        Err(e) => {
            session.flash(report(&e));
            return RESET_PAGE.to_owned();
        }
    }
    session.update(|d| {
        if let Some(flow) = d.recovery.as_mut() {
            flow.expires_at = now() + RECOVERY_FLOW_SECS;
        }
    });
    session.flash(code_sent(
        "reset_password.code_resent",
        "reset_password.code_resent_account",
        flow.destination.as_ref(),
    ));
    RESET_PAGE.to_owned()
}
