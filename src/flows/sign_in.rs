//! Sign-in: a password, then whatever challenges the pool asks for, then
//! tokens. The flow's state mirrors Cognito's challenge; the challenge
//! `Session` string stays here, server-side.
//!
//! ```mermaid
//! stateDiagram-v2
//!     [*] --> Form: GET /sign-in
//!     Form --> Form: wrong password / unknown user (one message)
//!     Form --> Confirming: right password, account not confirmed (new code sent)
//!     Form --> Challenge: InitiateAuth (+ PASSWORD_VERIFIER) answers a challenge
//!     Form --> SignedIn: tokens
//!     Challenge --> Form: challenge session expired (message)
//!     SignedIn --> [*]: 303 to return_to or /account
//! ```
//!
//! Challenges after the password (MFA, new password) are answered on
//! `/sign-in/challenge`; those Threshold does not handle yet end on a clear
//! page that starts over.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Failure, SIGN_IN_FLOW_SECS, now, report, with_return_to};
use crate::cognito::{CognitoError, SignInStep, Tokens};
use crate::config::SignInName as NameKind;
use crate::domain::{Email, Password, SignInName};
use crate::security::return_to::ReturnTo;
use crate::session::{Flash, Session, SignedInUser, StoredSecret};
use crate::state::AppState;

pub const CHALLENGE_PAGE: &str = "/sign-in/challenge";

/// A sign-in waiting for the visitor to answer a challenge.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SignInFlow {
    pub state: SignInState,
    pub return_to: Option<ReturnTo>,
    pub expires_at: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum SignInState {
    /// Cognito asked `name`; answers go back with `session`.
    Challenge {
        name: String,
        session: StoredSecret,
        /// The real username, for SECRET_HASH.
        username: String,
        parameters: BTreeMap<String, String>,
    },
}

pub struct SignInInput {
    pub username: String,
    pub password: String,
    pub return_to: String,
}

/// Handles the sign-in form; returns where to go next.
pub async fn submit(app: &AppState, session: &Session, input: SignInInput) -> String {
    let return_to = ReturnTo::parse(&input.return_to, &app.allowlist);
    let back = with_return_to("/sign-in", return_to.as_ref());
    let mut failure = Failure::new("sign_in").keep("username", &input.username);

    let name = match app.sign_in_name {
        NameKind::Email => {
            Email::parse(&input.username).and_then(|e| SignInName::parse(e.as_str()))
        }
        NameKind::Username => SignInName::parse(&input.username),
    };
    if let Err(id) = &name {
        failure = failure.field("username", id);
    }
    let password = Password::parse(input.password);
    if let Err(id) = &password {
        failure = failure.field("password", id);
    }
    let (Ok(name), Ok(password)) = (name, password) else {
        return failure.save(session, None, back);
    };

    match app.gateway.sign_in(&name, &password).await {
        Ok(SignInStep::SignedIn(tokens)) => complete(session, tokens, return_to),
        Ok(SignInStep::Challenge(challenge)) => {
            session.update(|d| {
                d.sign_in = Some(SignInFlow {
                    state: SignInState::Challenge {
                        name: challenge.name,
                        session: StoredSecret::new(challenge.session),
                        username: challenge.username,
                        parameters: challenge.parameters,
                    },
                    return_to,
                    expires_at: now() + SIGN_IN_FLOW_SECS,
                });
            });
            CHALLENGE_PAGE.to_owned()
        }
        Err(CognitoError::UserNotConfirmed) => {
            super::sign_up::resume_unconfirmed(app, session, name.as_str(), return_to).await
        }
        Err(CognitoError::PasswordResetRequired) => {
            super::recovery::start_required_reset(app, session, name.as_str(), return_to).await
        }
        Err(e) => {
            let flash = report(&e);
            failure.save(session, Some(flash), back)
        }
    }
}

/// Tokens in hand: the visitor is signed in. The session gets a new id
/// (no fixation) and the flow is over.
pub fn complete(session: &Session, tokens: Tokens, return_to: Option<ReturnTo>) -> String {
    session.renew();
    session.update(|d| {
        d.sign_in = None;
        d.sign_up = None;
        d.form = None;
        d.user = Some(SignedInUser {
            username: tokens.username,
            sub: tokens.sub,
            email: tokens.email,
            id_token: StoredSecret::new(tokens.id_token),
            access_token: StoredSecret::new(tokens.access_token),
            refresh_token: tokens.refresh_token.map(StoredSecret::new),
            access_expires_at: tokens.access_expires_at,
            signed_in_at_ms: super::now_ms(),
        });
    });
    return_to
        .map(|r| r.as_str().to_owned())
        .unwrap_or_else(|| "/account".to_owned())
}

/// The flow in progress, unless it expired; an expired one is removed
/// and the visitor told to start over.
pub fn current(session: &Session) -> Option<SignInFlow> {
    let flow = session.read(|d| d.sign_in.clone())?;
    if flow.expires_at <= now() {
        session.update(|d| d.sign_in = None);
        session.flash(Flash::info("sign_in.expired"));
        return None;
    }
    Some(flow)
}

/// Abandons the flow in progress ("start over").
pub fn cancel(session: &Session) -> String {
    let return_to = session.update(|d| d.sign_in.take().and_then(|f| f.return_to));
    with_return_to("/sign-in", return_to.as_ref())
}
