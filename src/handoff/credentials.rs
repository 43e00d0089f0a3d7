//! AWS credentials for the signed-in user, from the identity pool
//! (`COGNITO_IDENTITY_POOL_ID`), kept in the user's session (sealed, like
//! the tokens) until shortly before they expire, so a handler that needs
//! them on every request costs one exchange an hour, not one a request.
//! A new sign-in starts a new session, and so new credentials.

use secrecy::SecretString;
use serde::{Deserialize, Serialize};

use crate::cognito::identity::{AwsCredentials, IdentityError};
use crate::flows::signed_in::SignedInUser;
use crate::session::{Session, SessionValue, StoredSecret};
use crate::state::AppState;

/// Credentials this close to their expiry are replaced, so a caller
/// never starts a call with credentials that die on the way.
const RENEW_MARGIN_SECS: u64 = 60;

#[derive(Debug, thiserror::Error)]
pub enum CredentialsError {
    /// `COGNITO_IDENTITY_POOL_ID` is not set.
    #[error("no identity pool is configured (COGNITO_IDENTITY_POOL_ID)")]
    NotConfigured,
    #[error(transparent)]
    Identity(#[from] IdentityError),
}

/// The identity and its latest credentials, for one signed-in user.
#[derive(Debug, Serialize, Deserialize)]
struct Cached {
    /// Whose they are: a session holds one user, but a stale entry must
    /// never serve another.
    sub: String,
    identity_id: String,
    access_key_id: String,
    secret_access_key: StoredSecret,
    session_token: StoredSecret,
    expires_at: u64,
}

impl SessionValue for Cached {
    const KEY: &'static str = "aws_credentials";
}

impl Cached {
    fn credentials(&self) -> AwsCredentials {
        AwsCredentials {
            identity_id: self.identity_id.clone(),
            access_key_id: self.access_key_id.clone(),
            secret_access_key: self.secret_access_key.secret().clone(),
            session_token: self.session_token.secret().clone(),
            expires_at: self.expires_at,
        }
    }
}

/// The user's credentials: from the session while they last, else
/// exchanged for the ID token (GetId once per session, then
/// GetCredentialsForIdentity).
pub async fn for_user(
    app: &AppState,
    session: &Session,
    user: &SignedInUser,
) -> Result<AwsCredentials, CredentialsError> {
    let identity = app
        .identity_pool
        .as_ref()
        .ok_or(CredentialsError::NotConfigured)?;
    let cached = session.get::<Cached>().filter(|c| c.sub == user.sub);
    if let Some(cached) = &cached
        && cached.expires_at > crate::flows::now() + RENEW_MARGIN_SECS
    {
        return Ok(cached.credentials());
    }
    let id_token: &SecretString = user.id_token.secret();
    let identity_id = match cached {
        Some(cached) => cached.identity_id,
        None => identity.identity_id(id_token).await?,
    };
    let fresh = identity.credentials(&identity_id, id_token).await?;
    session.insert(&Cached {
        sub: user.sub.clone(),
        identity_id: fresh.identity_id.clone(),
        access_key_id: fresh.access_key_id.clone(),
        secret_access_key: StoredSecret::new(fresh.secret_access_key.clone()),
        session_token: StoredSecret::new(fresh.session_token.clone()),
        expires_at: fresh.expires_at,
    });
    Ok(fresh)
}
