//! Sign-up: SignUp, then the confirmation code, then sign-in.
//!
//! ```mermaid
//! stateDiagram-v2
//!     [*] --> Form: GET /sign-up
//!     Form --> Form: invalid input (field errors)
//!     Form --> AwaitingCode: SignUp ok, or name already taken (hidden)
//!     AwaitingCode --> AwaitingCode: wrong / expired code, new code sent
//!     AwaitingCode --> [*]: ConfirmSignUp ok → /sign-in
//! ```
//!
//! A taken email address is answered exactly like a new one (the visitor
//! is sent to the code page), so the form cannot be used to learn who has
//! an account.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Failure, SIGN_UP_FLOW_SECS, now, report, with_return_to};
use crate::cognito::CognitoError;
use crate::config::SignInName;
use crate::domain::{Email, OtpCode, Password};
use crate::security::return_to::ReturnTo;
use crate::session::{Flash, Session};
use crate::state::AppState;

/// A sign-up waiting for its confirmation code.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SignUpFlow {
    /// The name SignUp was called with (the email in email pools).
    pub username: String,
    /// Where the code went, masked (`j***@e***.com`).
    pub destination: String,
    pub return_to: Option<ReturnTo>,
    pub expires_at: u64,
}

pub struct SignUpInput {
    pub email: String,
    pub username: String,
    pub password: String,
    pub attributes: BTreeMap<String, String>,
    pub return_to: String,
}

pub const CONFIRM_PAGE: &str = "/sign-up/confirm";

/// Handles the sign-up form; returns where to go next.
pub async fn submit(app: &AppState, session: &Session, input: SignUpInput) -> String {
    let return_to = ReturnTo::parse(&input.return_to, &app.allowlist);
    let back = with_return_to("/sign-up", return_to.as_ref());
    let mut failure = Failure::new("sign_up").keep("email", &input.email);
    if app.sign_in_name == SignInName::Username {
        failure = failure.keep("username", &input.username);
    }
    for (name, value) in &input.attributes {
        failure = failure.keep(name, value);
    }

    let email = Email::parse(&input.email);
    if let Err(id) = &email {
        failure = failure.field("email", id);
    }
    let username = match app.sign_in_name {
        SignInName::Email => email
            .as_ref()
            .map(|e| e.as_str().to_owned())
            .unwrap_or_default(),
        SignInName::Username => {
            let name = input.username.trim().to_owned();
            if name.is_empty() {
                failure = failure.field("username", "username.missing");
            } else if name.contains('@')
                || name.chars().any(char::is_whitespace)
                || name.chars().count() > 128
            {
                failure = failure.field("username", "username.invalid");
            }
            name
        }
    };
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
    let mut attributes = BTreeMap::new();
    for name in &app.sign_up_attributes {
        let value = input
            .attributes
            .get(name)
            .map(|v| v.trim())
            .unwrap_or_default();
        if value.is_empty() {
            failure = failure.field(name, "attribute.missing");
        } else if value.chars().count() > 256 {
            failure = failure.field(name, "attribute.too_long");
        } else {
            attributes.insert(name.clone(), value.to_owned());
        }
    }
    let (Ok(email), Some(password), false) = (email, password, failure.has_errors()) else {
        return failure.save(session, None, back);
    };
    if app.sign_in_name == SignInName::Username {
        attributes.insert("email".to_owned(), email.as_str().to_owned());
    }

    match app.gateway.sign_up(&username, &password, &attributes).await {
        // A taken name gets the same answer as a new one.
        Ok(_) | Err(CognitoError::UsernameExists) => {
            let destination = email.masked();
            session.update(|d| {
                d.sign_up = Some(SignUpFlow {
                    username,
                    destination: destination.clone(),
                    return_to,
                    expires_at: now() + SIGN_UP_FLOW_SECS,
                });
            });
            session.flash(Flash::info("sign_up.code_sent").with("destination", destination));
            CONFIRM_PAGE.to_owned()
        }
        Err(CognitoError::InvalidPassword(reason)) => {
            tracing::info!(%reason, "the pool refused the password");
            failure
                .field("password", "password.rejected")
                .save(session, None, back)
        }
        Err(e) => {
            let flash = report(&e);
            failure.save(session, Some(flash), back)
        }
    }
}

fn current(session: &Session) -> Option<SignUpFlow> {
    session
        .read(|d| d.sign_up.clone())
        .filter(|flow| flow.expires_at > now())
}

/// Handles the confirmation code form.
pub async fn confirm(app: &AppState, session: &Session, code: &str) -> String {
    let Some(flow) = current(session) else {
        session.flash(Flash::info("confirm.no_flow"));
        return "/sign-up".to_owned();
    };
    let failure = Failure::new("confirm");
    let code = match OtpCode::parse(code) {
        Ok(code) => code,
        Err(id) => {
            return failure
                .field("code", id)
                .save(session, None, CONFIRM_PAGE.into());
        }
    };
    match app.gateway.confirm_sign_up(&flow.username, &code).await {
        Ok(()) => {
            session.update(|d| d.sign_up = None);
            session.flash(Flash::info("confirm.confirmed"));
            // Prefill the sign-in form with the name just confirmed.
            Failure::new("sign_in")
                .keep("username", &flow.username)
                .save(
                    session,
                    None,
                    with_return_to("/sign-in", flow.return_to.as_ref()),
                )
        }
        Err(CognitoError::ExpiredCode) => {
            // Send a fresh code right away instead of making the visitor ask.
            let _ = resend_quietly(app, &flow).await;
            failure
                .field("code", "code.expired_resent")
                .save(session, None, CONFIRM_PAGE.into())
        }
        Err(CognitoError::TooManyFailedAttempts | CognitoError::TooManyRequests) => failure
            .field("code", "code.too_many_attempts")
            .save(session, None, CONFIRM_PAGE.into()),
        // A wrong code, and also every answer that would reveal the account
        // was not new (already confirmed, unknown user): all read "wrong code".
        Err(
            CognitoError::CodeMismatch
            | CognitoError::SessionEnded(_)
            | CognitoError::IncorrectCredentials
            | CognitoError::UserNotConfirmed
            | CognitoError::UsernameExists,
        ) => failure
            .field("code", "code.mismatch")
            .save(session, None, CONFIRM_PAGE.into()),
        Err(e) => {
            let flash = report(&e);
            failure.save(session, Some(flash), CONFIRM_PAGE.into())
        }
    }
}

async fn resend_quietly(app: &AppState, flow: &SignUpFlow) -> Result<(), CognitoError> {
    match app.gateway.resend_confirmation_code(&flow.username).await {
        Ok(_) => Ok(()),
        // Already confirmed or unknown: say nothing different.
        Err(
            CognitoError::InvalidParameter(_)
            | CognitoError::IncorrectCredentials
            | CognitoError::SessionEnded(_),
        ) => Ok(()),
        Err(e) => Err(e),
    }
}

/// Handles "send a new code".
pub async fn resend(app: &AppState, session: &Session) -> String {
    let Some(flow) = current(session) else {
        session.flash(Flash::info("confirm.no_flow"));
        return "/sign-up".to_owned();
    };
    match resend_quietly(app, &flow).await {
        Ok(()) => {
            session.flash(Flash::info("confirm.code_resent").with("destination", flow.destination));
        }
        Err(CognitoError::TooManyRequests) => session.flash(Flash::error("error.rate_limited")),
        Err(e) => session.flash(report(&e)),
    }
    CONFIRM_PAGE.to_owned()
}

/// Starts the confirmation step for an account that signed in with the
/// right password but never confirmed: a fresh code is sent.
pub async fn resume_unconfirmed(
    app: &AppState,
    session: &Session,
    username: &str,
    return_to: Option<ReturnTo>,
) -> String {
    let destination = match app.gateway.resend_confirmation_code(username).await {
        Ok(Some(destination)) => destination,
        Ok(None) => Email::parse(username)
            .map(|e| e.masked())
            .unwrap_or_default(),
        Err(e) => {
            session.flash(report(&e));
            return with_return_to("/sign-in", return_to.as_ref());
        }
    };
    session.update(|d| {
        d.sign_up = Some(SignUpFlow {
            username: username.to_owned(),
            destination: destination.clone(),
            return_to,
            expires_at: now() + SIGN_UP_FLOW_SECS,
        });
    });
    session.flash(Flash::info("confirm.not_confirmed").with("destination", destination));
    CONFIRM_PAGE.to_owned()
}
