//! The signed-in side: keeping tokens fresh, reading the profile, signing out.

use std::collections::BTreeMap;

use super::{now, report, with_return_to};
use crate::cognito::CognitoError;
use crate::security::return_to::ReturnTo;
use crate::session::{Flash, Session, SignedInUser, StoredSecret};
use crate::state::AppState;

/// Refresh this long before the access token expires, so a request never
/// reaches Cognito with a token that dies on the way.
const REFRESH_MARGIN_SECS: u64 = 120;

/// Why there is no usable signed-in user.
pub enum NotSignedIn {
    /// Nobody signed in.
    Anonymous,
    /// There was a user, but Cognito no longer accepts their tokens
    /// (revoked, expired, signed out elsewhere). They are signed out here too.
    Ended,
    /// The pool could not be reached; try again later.
    Unavailable,
}

/// The signed-in user with an access token that is good for a while,
/// refreshing it with REFRESH_TOKEN_AUTH when needed.
pub async fn fresh_user(app: &AppState, session: &Session) -> Result<SignedInUser, NotSignedIn> {
    let user = session.user().ok_or(NotSignedIn::Anonymous)?;
    // "Sign out everywhere" (or a deleted account) ends this session here,
    // even while its access token would still pass.
    match app.sessions.sessions_ended_before(&user.sub).await {
        Ok(Some(before)) if user.signed_in_at_ms < before => {
            end(session);
            return Err(NotSignedIn::Ended);
        }
        Ok(_) => {}
        Err(e) => {
            tracing::error!(error = ?e, "could not read the sign-out markers");
            return Err(NotSignedIn::Unavailable);
        }
    }
    if user.access_expires_at > now() + REFRESH_MARGIN_SECS {
        return Ok(user);
    }
    let Some(refresh_token) = user.refresh_token.clone() else {
        end(session);
        return Err(NotSignedIn::Ended);
    };
    match app
        .gateway
        .refresh(&user.username, refresh_token.secret())
        .await
    {
        Ok(tokens) => {
            let user = SignedInUser {
                id_token: StoredSecret::new(tokens.id_token),
                access_token: StoredSecret::new(tokens.access_token),
                refresh_token: tokens
                    .refresh_token
                    .map(StoredSecret::new)
                    .or(Some(refresh_token)),
                access_expires_at: tokens.access_expires_at,
                email: tokens.email.or(user.email),
                ..user
            };
            session.update(|d| d.user = Some(user.clone()));
            Ok(user)
        }
        Err(CognitoError::SessionEnded(_) | CognitoError::IncorrectCredentials) => {
            end(session);
            Err(NotSignedIn::Ended)
        }
        Err(e) => {
            report(&e);
            Err(NotSignedIn::Unavailable)
        }
    }
}

/// Forgets the user here, with a message for the sign-in page.
pub fn end(session: &Session) {
    session.renew();
    session.update(|d| d.user = None);
    session.flash(Flash::info("session.ended"));
}

/// Where to send a visitor who needs to sign in to see `path` (the page
/// they were on, path and query), so sign-in brings them back to it.
pub fn sign_in_to_see(app: &AppState, path: &str) -> String {
    with_return_to("/sign-in", ReturnTo::parse(path, &app.allowlist).as_ref())
}

/// What the account page shows.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Profile {
    pub attributes: BTreeMap<String, String>,
    pub mfa_enabled: Vec<crate::cognito::mfa::Factor>,
    pub mfa_preferred: Option<crate::cognito::mfa::Factor>,
}

pub enum ProfileError {
    NotSignedIn(NotSignedIn),
    Unavailable,
}

/// Reads the profile with GetUser. A token Cognito refuses (revoked by a
/// sign-out elsewhere) signs the visitor out here too.
pub async fn profile(app: &AppState, session: &Session) -> Result<Profile, ProfileError> {
    let user = fresh_user(app, session)
        .await
        .map_err(ProfileError::NotSignedIn)?;
    match app.gateway.get_user(user.access_token.secret()).await {
        Ok(profile) => Ok(Profile {
            attributes: profile.attributes,
            mfa_enabled: profile.mfa_enabled,
            mfa_preferred: profile.mfa_preferred,
        }),
        Err(CognitoError::SessionEnded(_)) => {
            end(session);
            Err(ProfileError::NotSignedIn(NotSignedIn::Ended))
        }
        Err(e) => {
            report(&e);
            Err(ProfileError::Unavailable)
        }
    }
}

/// Signs out here (RevokeToken), or everywhere (GlobalSignOut).
pub async fn sign_out(app: &AppState, session: &Session, everywhere: bool) -> String {
    let Some(user) = session.user() else {
        session.flash(Flash::info("sign_out.done"));
        return "/sign-in".to_owned();
    };
    if everywhere {
        // GlobalSignOut needs a live access token.
        match fresh_user(app, session).await {
            Ok(user) => {
                if let Err(e) = app
                    .gateway
                    .global_sign_out(user.access_token.secret())
                    .await
                {
                    session.flash(report(&e));
                    return "/account".to_owned();
                }
                // Every other Threshold session of this user ends at its
                // next request (Cognito only stops them at its next call).
                if let Err(e) = app
                    .sessions
                    .end_sessions_before(&user.sub, super::now_ms())
                    .await
                {
                    tracing::error!(error = ?e, "could not record the sign-out marker");
                }
            }
            Err(NotSignedIn::Unavailable) => {
                session.flash(Flash::error("error.unexpected"));
                return "/account".to_owned();
            }
            // Already signed out by Cognito: nothing left to revoke.
            Err(_) => {}
        }
    } else if let Some(refresh) = &user.refresh_token {
        // Revocation failing must not keep the visitor signed in here; the
        // tokens are forgotten either way and expire on their own.
        if let Err(e) = app.gateway.revoke(refresh.secret()).await {
            report(&e);
        }
    }
    session.renew();
    session.update(|d| {
        d.user = None;
        d.sign_in = None;
        d.flash.clear();
    });
    session.flash(Flash::info(if everywhere {
        "sign_out.everywhere_done"
    } else {
        "sign_out.done"
    }));
    "/sign-in".to_owned()
}
