//! The signed-in user: their tokens kept in the session and fresh, the one
//! guard every page and action that needs a user goes through, and
//! signing out (here, or everywhere).
//!
//! ```mermaid
//! stateDiagram-v2
//!     [*] --> SignedIn: tokens from sign-in (new session id)
//!     SignedIn --> SignedIn: ID or access token near expiry → REFRESH_TOKEN_AUTH
//!     SignedIn --> Ended: refresh refused, token revoked, or a "signed out everywhere" marker newer than this sign-in
//!     SignedIn --> SignedOut: sign out (RevokeToken) / everywhere (GlobalSignOut + marker)
//!     Ended --> [*]: "session ended", /sign-in?return_to=<the page>
//!     SignedOut --> [*]: new session id, /sign-in with a message
//! ```

use serde::{Deserialize, Serialize};

use super::{FlowError, log_unexpected, now, now_ms};
use crate::cognito::errors::CognitoError;
use crate::cognito::sign_in::Tokens;
use crate::routes::{Location, Page};
use crate::security::audit::Event;
use crate::security::return_to::ReturnTo;
use crate::session::{Flash, Session, SessionValue, StoredSecret};
use crate::state::AppState;

// ---------------------------------------------------------------- state

/// Refresh this long before the access token expires, so a request never
/// reaches Cognito with a token that dies on the way.
const REFRESH_MARGIN_SECS: u64 = 120;

/// The signed-in user and their tokens.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SignedInUser {
    /// The real username (`cognito:username`), for SECRET_HASH on refresh.
    pub username: String,
    pub sub: String,
    pub email: Option<String>,
    /// `cognito:groups` from the verified ID token, as of the last sign-in
    /// or refresh. Sessions saved before groups were kept have none.
    #[serde(default)]
    pub groups: Vec<String>,
    pub id_token: StoredSecret,
    pub access_token: StoredSecret,
    pub refresh_token: Option<StoredSecret>,
    /// Unix seconds.
    pub access_expires_at: u64,
    /// Unix seconds; 0 in sessions saved before it was kept (the access
    /// token's expiry stands in for it).
    #[serde(default)]
    pub id_expires_at: u64,
    /// When this sign-in happened, in unix milliseconds; a "signed out
    /// everywhere" marker newer than this ends the session.
    pub signed_in_at_ms: u64,
    /// The device the tokens belong to, in a pool that tracks devices:
    /// refreshing them needs its key.
    #[serde(default)]
    pub device_key: Option<String>,
}

impl SessionValue for SignedInUser {
    const KEY: &'static str = "user";
}

impl SignedInUser {
    /// When the first of the ID and access tokens expires: both are
    /// refreshed before then, since the hand-over passes on the ID
    /// token's claims (and the identity pool takes the ID token).
    pub fn tokens_expire_at(&self) -> u64 {
        match self.id_expires_at {
            0 => self.access_expires_at,
            id => id.min(self.access_expires_at),
        }
    }

    /// The name to show for the account (authenticator apps label it so).
    pub fn account_name(&self) -> &str {
        self.email.as_deref().unwrap_or(&self.username)
    }
}

// ---------------------------------------------------------------- steps

/// Tokens in hand: the visitor is signed in. The session starts over
/// under a new id (no fixation, and nothing of an earlier visitor's stays),
/// and lives while it is used (`THRESHOLD_SESSION_IDLE_SECS`), up to its
/// absolute lifetime (`THRESHOLD_SESSION_MAX_SECS`, checked by [`require`]).
pub fn start(app: &AppState, session: &Session, tokens: Tokens) {
    session.renew();
    session.insert(&SignedInUser {
        username: tokens.username,
        sub: tokens.sub,
        email: tokens.email,
        groups: tokens.groups,
        id_token: StoredSecret::new(tokens.id_token),
        access_token: StoredSecret::new(tokens.access_token),
        refresh_token: tokens.refresh_token.map(StoredSecret::new),
        access_expires_at: tokens.access_expires_at,
        id_expires_at: tokens.id_expires_at,
        signed_in_at_ms: now_ms(),
        device_key: tokens.device_key,
    });
    session.keep_for(app.session_idle_secs);
}

/// The signed-in user, if the session has one, without asking anyone.
pub fn peek(session: &Session) -> Option<SignedInUser> {
    session.get::<SignedInUser>()
}

/// The one guard: the signed-in user, with an access token that is good
/// for a while (refreshed with REFRESH_TOKEN_AUTH when needed), or why
/// there is none. Every page and action that needs a user calls this.
pub async fn require(app: &AppState, session: &Session) -> Result<SignedInUser, NotSignedIn> {
    let user = peek(session).ok_or(NotSignedIn::Anonymous)?;
    // However busy, a sign-in lasts no longer than the absolute lifetime.
    if now_ms().saturating_sub(user.signed_in_at_ms) > app.session_max_secs.saturating_mul(1000) {
        tracing::info!("session ended: it reached its absolute lifetime");
        end(session);
        return Err(NotSignedIn::Ended);
    }
    // "Sign out everywhere" (or a deleted account) ends this session here,
    // even while its access token would still pass.
    match app.sessions.store().sessions_ended_before(&user.sub).await {
        Ok(Some(before)) if user.signed_in_at_ms < before => {
            tracing::info!("session ended: the user signed out everywhere");
            end(session);
            return Err(NotSignedIn::Ended);
        }
        Ok(_) => {}
        Err(e) => {
            tracing::error!(error = ?e, "could not read the sign-out markers");
            return Err(NotSignedIn::Unavailable);
        }
    }
    if user.tokens_expire_at() > now() + REFRESH_MARGIN_SECS {
        return Ok(user);
    }
    let Some(refresh_token) = user.refresh_token.clone() else {
        tracing::info!("session ended: the access token expired and there is no refresh token");
        end(session);
        return Err(NotSignedIn::Ended);
    };
    match app
        .gateway
        .refresh(
            &user.username,
            refresh_token.secret(),
            user.device_key.as_deref(),
        )
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
                id_expires_at: tokens.id_expires_at,
                email: tokens.email.or(user.email),
                groups: tokens.groups,
                ..user
            };
            session.insert(&user);
            Ok(user)
        }
        Err(e @ (CognitoError::SessionEnded(_) | CognitoError::IncorrectCredentials)) => {
            tracing::info!(reason = %e, "session ended: the pool refused the refresh token");
            end(session);
            Err(NotSignedIn::Ended)
        }
        Err(e) => {
            log_unexpected(&e);
            Err(NotSignedIn::Unavailable)
        }
    }
}

/// The guard for an action posted from `here`: the signed-in user, or
/// where the browser goes instead (see [`NotSignedIn::location`]).
pub async fn require_for(
    app: &AppState,
    session: &Session,
    here: &Location,
) -> Result<SignedInUser, Location> {
    require(app, session)
        .await
        .map_err(|why| why.location(app, session, here))
}

/// Whether the user signed in (or confirmed their identity) recently
/// enough for a sensitive change: a stolen session cookie alone must not
/// be enough to change the email address and then reset the password.
pub fn is_recent(app: &AppState, user: &SignedInUser) -> bool {
    now_ms().saturating_sub(user.signed_in_at_ms) <= app.reauth_after_secs.saturating_mul(1000)
}

/// Where a visitor goes to confirm who they are before the sensitive
/// change on `here`, coming back to it afterwards.
pub fn confirm_identity_first(app: &AppState, session: &Session, here: &str) -> Location {
    session.flash(Flash::info("confirm_identity.required"));
    Location::with_return_to(
        Page::ConfirmIdentity,
        ReturnTo::parse(here, &app.allowlist).as_ref(),
    )
}

/// The guard for a sensitive action posted from `here`: the signed-in
/// user if their sign-in is recent; otherwise where the browser goes
/// instead (sign-in, or confirming their identity).
pub async fn require_recent_for(
    app: &AppState,
    session: &Session,
    here: &Location,
) -> Result<SignedInUser, Location> {
    let user = require_for(app, session, here).await?;
    if !is_recent(app, &user) {
        return Err(confirm_identity_first(app, session, here.as_str()));
    }
    Ok(user)
}

/// A privilege changed (the password, a second step): the session moves
/// to a new id, so an id seen before the change is worthless after it.
pub fn privilege_changed(session: &Session) {
    session.rotate_id();
}

/// Forgets the user here, with a message for the sign-in page. For a
/// session Cognito (or a marker) no longer honours.
pub fn end(session: &Session) {
    session.renew();
    session.flash(Flash::info(NotSignedIn::Ended.message_id()));
}

/// Where a visitor who must sign in to see `here` goes: sign-in, coming
/// back to `here` afterwards.
pub fn sign_in_to_see(app: &AppState, here: &str) -> Location {
    Location::with_return_to(Page::SignIn, ReturnTo::parse(here, &app.allowlist).as_ref())
}

/// A call made with the user's token was refused because the session is
/// over: forget it and send the visitor to sign in, back to `here` after.
pub fn ended_during(app: &AppState, session: &Session, here: &Location) -> Location {
    tracing::info!("session ended: the pool refused the access token");
    end(session);
    sign_in_to_see(app, here.as_str())
}

/// Signs out here (RevokeToken), or everywhere (GlobalSignOut, and a
/// marker that ends this user's other Threshold sessions at their next
/// request).
pub async fn sign_out(app: &AppState, session: &Session, everywhere: bool) -> Location {
    let Some(user) = peek(session) else {
        session.flash(Flash::info("sign_out.done"));
        return Location::page(Page::SignIn);
    };
    if everywhere {
        // GlobalSignOut needs a live access token.
        match require(app, session).await {
            Ok(user) => {
                if let Err(e) = app
                    .gateway
                    .global_sign_out(user.access_token.secret())
                    .await
                {
                    log_unexpected(&e);
                    session.flash(Flash::error(NotSignedIn::Unavailable.message_id()));
                    return Location::page(Page::Account);
                }
                end_other_sessions(app, &user.sub).await;
                super::audit(app, Event::SignedOutEverywhere, user.account_name(), "");
            }
            Err(NotSignedIn::Unavailable) => {
                session.flash(Flash::error(NotSignedIn::Unavailable.message_id()));
                return Location::page(Page::Account);
            }
            // Already signed out by Cognito: nothing left to revoke.
            Err(_) => {}
        }
    } else if let Some(refresh) = &user.refresh_token {
        // Revocation failing must not keep the visitor signed in here; the
        // tokens are forgotten either way and expire on their own.
        if let Err(e) = app.gateway.revoke(refresh.secret()).await {
            log_unexpected(&e);
        }
    }
    session.clear_flash();
    session.renew();
    session.flash(Flash::info(if everywhere {
        "sign_out.everywhere_done"
    } else {
        "sign_out.done"
    }));
    Location::page(Page::SignIn)
}

/// Every other Threshold session of `sub` ends at its next request
/// (Cognito only stops them at their next call to it).
pub async fn end_other_sessions(app: &AppState, sub: &str) {
    if let Err(e) = app
        .sessions
        .store()
        .end_sessions_before(sub, now_ms())
        .await
    {
        tracing::error!(error = ?e, "could not record the sign-out marker");
    }
}

// ---------------------------------------------------------------- errors

/// Why there is no usable signed-in user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotSignedIn {
    /// Nobody signed in: they go to sign-in, with no message.
    Anonymous,
    /// There was a user, but their session is over (tokens revoked or
    /// expired, signed out elsewhere). Shown on sign-in: "Your session has
    /// ended."
    Ended,
    /// The pool or the session store could not be reached. Shown: "The
    /// sign-in service is unavailable right now."
    Unavailable,
}

impl FlowError for NotSignedIn {
    fn message_id(&self) -> &'static str {
        match self {
            NotSignedIn::Anonymous | NotSignedIn::Ended => "session.ended",
            NotSignedIn::Unavailable => "error.unavailable",
        }
    }

    fn is_notice(&self) -> bool {
        *self != NotSignedIn::Unavailable
    }
}

impl NotSignedIn {
    /// Where an action posted from `here` goes instead: sign-in (coming
    /// back to `here`), or back to `here` with a message when the pool is
    /// unreachable.
    pub fn location(self, app: &AppState, session: &Session, here: &Location) -> Location {
        match self {
            NotSignedIn::Anonymous | NotSignedIn::Ended => sign_in_to_see(app, here.as_str()),
            NotSignedIn::Unavailable => {
                session.flash(Flash::error(self.message_id()));
                here.clone()
            }
        }
    }
}
