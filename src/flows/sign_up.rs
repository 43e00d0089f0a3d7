//! Sign-up: SignUp, then the confirmation code, then sign-in.
//!
//! ```mermaid
//! stateDiagram-v2
//!     [*] --> Form: GET /sign-up
//!     Form --> Form: invalid input (field errors)
//!     Form --> AwaitingCode: SignUp ok, or name already taken (hidden)
//!     AwaitingCode --> AwaitingCode: wrong / expired code (a new one is sent), "send a new code"
//!     AwaitingCode --> [*]: ConfirmSignUp ok → /sign-in
//! ```
//!
//! A taken email address is answered exactly like a new one (the visitor
//! is sent to the code page), so the form cannot be used to learn who has
//! an account.

use std::collections::BTreeMap;

use secrecy::SecretString;
use serde::{Deserialize, Serialize};

use super::{FlowError, WrongCodes, audit, fail, invalid, log_unexpected, now};
use crate::cognito::errors::CognitoError;
use crate::domain::{
    AttributeValue, Email, NewPassword, NewUsername, OtpCode, SignInName, SignInNameKind,
};
use crate::routes::{Location, Page};
use crate::security::audit::Event;
use crate::security::return_to::ReturnTo;
use crate::session::{Flash, FormState, Session, SessionValue, StoredSecret};
use crate::state::AppState;

// ---------------------------------------------------------------- state

/// How long a sign-up waits for its code: Cognito's codes last a day.
pub const SIGN_UP_FLOW_SECS: u64 = 24 * 60 * 60;

/// A sign-up waiting for its confirmation code.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SignUpFlow {
    /// The name SignUp was called with (the email in email pools).
    pub username: String,
    /// Where the code went, masked (`j***@e***`).
    pub destination: String,
    pub return_to: Option<ReturnTo>,
    pub expires_at: u64,
    /// Wrong codes since the last one was sent.
    #[serde(default)]
    pub wrong_codes: WrongCodes,
    /// SignUp's session: with it, ConfirmSignUp answers one that signs the
    /// new user in, so they never type their password twice.
    #[serde(default)]
    pub session: Option<StoredSecret>,
}

impl SessionValue for SignUpFlow {
    const KEY: &'static str = "sign_up";
}

/// The flow in progress, unless it expired.
pub fn current(session: &Session) -> Option<SignUpFlow> {
    session
        .get::<SignUpFlow>()
        .filter(|flow| flow.expires_at > now())
}

// ---------------------------------------------------------------- input

pub struct SignUpInput {
    pub email: String,
    /// Only in username pools.
    pub username: String,
    pub password: String,
    pub attributes: BTreeMap<String, String>,
    pub return_to: String,
    /// The terms checkbox, when the brand asks for consent.
    pub consent: bool,
}

// ---------------------------------------------------------------- steps

/// Handles the sign-up form.
pub async fn submit(app: &AppState, session: &Session, input: SignUpInput) -> Location {
    let return_to = ReturnTo::parse(&input.return_to, &app.allowlist);
    let back = Location::with_return_to(Page::SignUp, return_to.as_ref());
    let mut form = FormState::new(Page::SignUp).keep("email", &input.email);
    for (name, value) in &input.attributes {
        form = form.keep(name, value);
    }

    let email = Email::parse(&input.email);
    if let Err(id) = &email {
        form = form.error("email", id);
    }
    let username = match app.sign_in_name {
        SignInNameKind::Email => None,
        SignInNameKind::Username => {
            form = form.keep("username", &input.username);
            match NewUsername::parse(&input.username) {
                Ok(name) => Some(name),
                Err(id) => {
                    form = form.error("username", id);
                    None
                }
            }
        }
    };
    // With choice-based sign-in the password may be left out: the
    // account then signs in with a code (or a passkey added later), where
    // the pool allows that.
    let passwordless = app.choice_sign_in && input.password.is_empty();
    let password = if passwordless {
        Ok(None)
    } else {
        form = form.check_password(&app.password_policy, &input.password);
        NewPassword::parse(input.password, &app.password_policy).map(Some)
    };
    if let Err(id) = &password {
        form = form.error("password", id);
    }
    let mut attributes = BTreeMap::new();
    for name in &app.sign_up_attributes {
        let raw = input.attributes.get(name).map_or("", String::as_str);
        match AttributeValue::parse_required(raw) {
            Ok(value) => {
                attributes.insert(name.clone(), value.as_str().to_owned());
            }
            Err(id) => form = form.error(name, id),
        }
    }
    if app.brand.consent_terms.is_some() && !input.consent {
        form = form.error("consent", "sign_up.consent_missing");
    }
    // The page's order (pages/sign_up.rs), for the error summary and focus.
    let mut order = vec!["username", "email"];
    order.extend(app.sign_up_attributes.iter().map(String::as_str));
    order.extend(["password", "consent"]);
    form = form.in_page_order(&order);
    let (Ok(email), Ok(password), false) = (email, password, form.has_errors()) else {
        return invalid(session, form, back);
    };
    let username = match username {
        Some(name) => {
            attributes.insert("email".to_owned(), email.as_str().to_owned());
            name.as_str().to_owned()
        }
        None => email.as_str().to_owned(),
    };

    match app
        .gateway
        .sign_up(&username, password.as_ref(), &attributes)
        .await
    {
        // A taken name gets the same answer as a new one.
        outcome @ (Ok(_) | Err(CognitoError::AlreadyTaken)) => {
            let destination = email.masked();
            session.insert(&SignUpFlow {
                username,
                destination: destination.clone(),
                return_to,
                expires_at: now() + SIGN_UP_FLOW_SECS,
                wrong_codes: WrongCodes::default(),
                session: outcome
                    .ok()
                    .and_then(|up| up.session)
                    .map(StoredSecret::new),
            });
            // The confirmation page names the destination; no notice
            // above it repeating the same sentence.
            Location::page(Page::SignUpConfirm)
        }
        // A pool that signs in with nothing but a password wants one.
        Err(CognitoError::InvalidParameter(reason)) if passwordless => {
            tracing::info!(%reason, "the pool refused a sign-up without a password");
            fail(session, form, &SignUpError::PasswordNeeded, back)
        }
        Err(e) => fail(session, form, &SignUpError::from_sign_up(e), back),
    }
}

/// What a right confirmation code leads to: a page, or signing the new
/// user in with ConfirmSignUp's session (`sign_in::after_sign_up`, which
/// the page calls: sign-in already leads here, for unconfirmed users).
pub enum Confirmed {
    Page(Location),
    SignIn(SignInAfterSignUp),
}

/// A confirmed user to sign in with the code they confirmed with.
pub struct SignInAfterSignUp {
    pub username: String,
    pub return_to: Option<ReturnTo>,
    pub session: SecretString,
}

impl From<Location> for Confirmed {
    fn from(location: Location) -> Self {
        Confirmed::Page(location)
    }
}

/// The sign-in page after a confirmation, the name prefilled: where a
/// confirmed user goes when the pool does not sign them in.
pub fn confirmed_page(session: &Session, username: &str, return_to: Option<&ReturnTo>) -> Location {
    session.flash(Flash::info("confirm.confirmed"));
    invalid(
        session,
        FormState::new(Page::SignIn).keep("username", username),
        Location::with_return_to(Page::SignIn, return_to),
    )
}

/// Handles the confirmation code form.
pub async fn confirm(app: &AppState, session: &Session, code: &str) -> Confirmed {
    let Some(flow) = current(session) else {
        return no_flow(session).into();
    };
    let back = Location::page(Page::SignUpConfirm);
    let form = FormState::new(Page::SignUpConfirm);
    let code = match OtpCode::parse(code) {
        Ok(code) => code,
        Err(id) => return invalid(session, form.error("code", id), back).into(),
    };
    if flow.wrong_codes.locked() {
        return fail(session, form, &SignUpError::TooManyAttempts, back).into();
    }
    let sign_up_session = flow.session.as_ref().map(StoredSecret::secret);
    match app
        .gateway
        .confirm_sign_up(&flow.username, &code, sign_up_session)
        .await
    {
        Ok(confirmed) => {
            session.remove::<SignUpFlow>();
            // Signed in with the code just entered where the pool allows
            // it; otherwise the sign-in page, the name prefilled.
            match confirmed {
                Some(confirmed) => Confirmed::SignIn(SignInAfterSignUp {
                    username: flow.username,
                    return_to: flow.return_to,
                    session: confirmed,
                }),
                None => confirmed_page(session, &flow.username, flow.return_to.as_ref()).into(),
            }
        }
        Err(e) => {
            // A taken address is confirmed already, so the pool refuses
            // every code for it: those answers count as wrong codes too.
            let error = SignUpError::from_confirm(e);
            if error == SignUpError::CodeMismatch {
                let wrong_codes = flow.wrong_codes.add();
                if wrong_codes.locked() {
                    audit(app, Event::LockedOut, &flow.username, "sign_up_code");
                }
                session.insert(&SignUpFlow {
                    wrong_codes,
                    ..flow
                });
                let error = if wrong_codes.locked() {
                    SignUpError::TooManyAttempts
                } else {
                    SignUpError::CodeMismatch
                };
                return fail(session, form, &error, back).into();
            }
            if error == SignUpError::CodeExpired {
                // Send a fresh code right away instead of making the visitor ask.
                // The page names the destination; the notice says only
                // that a new code left.
                if resend_quietly(app, &flow).await.is_ok() {
                    session.flash(Flash::info("confirm.code_resent"));
                }
            }
            fail(session, form, &error, back).into()
        }
    }
}

/// Asks for a new code; an account that is already confirmed or unknown
/// gets the same silence as a sent code.
async fn resend_quietly(app: &AppState, flow: &SignUpFlow) -> Result<(), CognitoError> {
    if !super::may_send_message(app, &flow.username).await {
        return Err(CognitoError::TooManyRequests);
    }
    match app.gateway.resend_confirmation_code(&flow.username).await {
        Ok(_)
        | Err(
            CognitoError::InvalidParameter(_)
            | CognitoError::IncorrectCredentials
            | CognitoError::SessionEnded(_),
        ) => Ok(()),
        Err(e) => Err(e),
    }
}

/// Handles "send a new code".
pub async fn resend(app: &AppState, session: &Session) -> Location {
    let Some(flow) = current(session) else {
        return no_flow(session);
    };
    match resend_quietly(app, &flow).await {
        Ok(()) => {
            session.flash(Flash::info("confirm.code_resent"));
            session.insert(&SignUpFlow {
                wrong_codes: WrongCodes::default(),
                ..flow
            });
        }
        Err(e) => {
            let error = SignUpError::from_resend(e);
            session.flash(Flash::error(error.message_id()));
        }
    }
    Location::page(Page::SignUpConfirm)
}

/// Starts the confirmation step for an account that signed in with the
/// right password but never confirmed: a fresh code is sent.
pub async fn resume_unconfirmed(
    app: &AppState,
    session: &Session,
    name: &SignInName,
    return_to: Option<ReturnTo>,
) -> Location {
    // Each sign-in of an unconfirmed account would otherwise send a code:
    // the same per-name budget as "send a new code".
    let sent = if super::may_send_message(app, name.as_str()).await {
        app.gateway.resend_confirmation_code(name.as_str()).await
    } else {
        Ok(None)
    };
    let destination = match sent {
        Ok(Some(destination)) => destination,
        Ok(None) => name.masked_email().unwrap_or_default(),
        Err(e) => {
            let error = SignUpError::from_resend(e);
            session.flash(Flash::error(error.message_id()));
            return Location::with_return_to(Page::SignIn, return_to.as_ref());
        }
    };
    session.insert(&SignUpFlow {
        username: name.as_str().to_owned(),
        destination: destination.clone(),
        return_to,
        expires_at: now() + SIGN_UP_FLOW_SECS,
        wrong_codes: WrongCodes::default(),
        // No SignUp here, so no session: once confirmed they sign in.
        session: None,
    });
    session.flash(Flash::info("confirm.not_confirmed"));
    Location::page(Page::SignUpConfirm)
}

/// No sign-up waiting for a code (expired, or the page opened directly).
fn no_flow(session: &Session) -> Location {
    session.flash(Flash::info(SignUpError::NoFlow.message_id()));
    Location::page(Page::SignUp)
}

// ---------------------------------------------------------------- errors

/// What can go wrong signing up.
#[derive(Debug, PartialEq, Eq)]
pub enum SignUpError {
    /// The pool refused the password (beyond the checklist), beside the field.
    PasswordRejected,
    /// No password, where the pool signs in with nothing else: beside
    /// the field.
    PasswordNeeded,
    /// A wrong code, and every answer that would reveal the account was
    /// not new (already confirmed, unknown): "That code is not right."
    CodeMismatch,
    /// The code expired; a new one is sent at once.
    CodeExpired,
    /// Five wrong codes in this flow (see [`WrongCodes`]): "Wait a few
    /// minutes, then ask for a new code."
    TooManyAttempts,
    /// No sign-up waiting for a code: "Start by creating an account."
    NoFlow,
    /// Throttled: "Too many attempts. Wait a few minutes…".
    RateLimited,
    /// The pool cannot be reached right now: "try again in a moment".
    Unavailable,
    /// Anything else; logged: "Something went wrong on our side."
    Unexpected,
}

impl SignUpError {
    fn from_sign_up(error: CognitoError) -> Self {
        match error {
            CognitoError::InvalidPassword(reason) => {
                tracing::info!(%reason, "the pool refused the password");
                Self::PasswordRejected
            }
            other => Self::common(other),
        }
    }

    fn from_confirm(error: CognitoError) -> Self {
        match error {
            CognitoError::ExpiredCode => Self::CodeExpired,
            CognitoError::TooManyFailedAttempts
            | CognitoError::LimitExceeded
            | CognitoError::CodeMismatch
            | CognitoError::SessionEnded(_)
            | CognitoError::IncorrectCredentials
            | CognitoError::UserNotConfirmed
            | CognitoError::AlreadyTaken => Self::CodeMismatch,
            other => Self::common(other),
        }
    }

    fn from_resend(error: CognitoError) -> Self {
        Self::common(error)
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

impl FlowError for SignUpError {
    fn message_id(&self) -> &'static str {
        match self {
            Self::PasswordRejected => "password.rejected",
            Self::PasswordNeeded => "sign_up.password_needed",
            Self::CodeMismatch => "code.mismatch",
            Self::CodeExpired => "code.expired",
            Self::TooManyAttempts => "code.too_many_attempts",
            Self::NoFlow => "confirm.no_flow",
            Self::RateLimited => "error.rate_limited",
            Self::Unavailable => "error.unavailable",
            Self::Unexpected => "error.unexpected",
        }
    }

    fn field(&self) -> Option<&'static str> {
        match self {
            Self::PasswordRejected | Self::PasswordNeeded => Some("password"),
            Self::CodeMismatch | Self::CodeExpired | Self::TooManyAttempts => Some("code"),
            _ => None,
        }
    }

    fn is_notice(&self) -> bool {
        *self == Self::NoFlow
    }
}
