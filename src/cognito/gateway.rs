//! The gateway to one user pool as one confidential app client. Its
//! operations are spread over the files named for what they serve
//! (`sign_in.rs`, `self_service.rs`, `mfa.rs`); this file holds what they
//! share: the SDK client, the client's identity and SECRET_HASH.

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::types::{AttributeType, CodeDeliveryDetailsType};
use secrecy::SecretString;

use super::client::Endpoint;
use super::errors::{CognitoError, Operation};
use super::secret_hash::secret_hash;
use super::tokens::TokenVerifier;

pub type Result<T, E = CognitoError> = std::result::Result<T, E>;

/// How the password is proven to Cognito at sign-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthFlow {
    /// Secure Remote Password: the password never leaves this server.
    UserSrpAuth,
    /// The password is sent to Cognito over TLS (needed for moto, and for
    /// pools that migrate users with a Lambda trigger).
    UserPasswordAuth,
}

impl AuthFlow {
    /// The `ExplicitAuthFlows` entry an app client needs for this flow.
    pub fn client_flow(self) -> &'static str {
        match self {
            Self::UserSrpAuth => "ALLOW_USER_SRP_AUTH",
            Self::UserPasswordAuth => "ALLOW_USER_PASSWORD_AUTH",
        }
    }
}

impl std::str::FromStr for AuthFlow {
    type Err = String;

    fn from_str(raw: &str) -> std::result::Result<Self, Self::Err> {
        match raw.trim() {
            "USER_SRP_AUTH" => Ok(Self::UserSrpAuth),
            "USER_PASSWORD_AUTH" => Ok(Self::UserPasswordAuth),
            other => Err(format!(
                "`{other}` is neither USER_SRP_AUTH nor USER_PASSWORD_AUTH"
            )),
        }
    }
}

/// Who Threshold is to the pool, and how it proves passwords.
pub struct AppClient {
    pub pool_id: String,
    pub client_id: String,
    /// The confidential client's secret; `None` only for public clients.
    pub client_secret: Option<SecretString>,
    pub auth_flow: AuthFlow,
    /// The longest one call to the pool may take, retries included.
    pub call_timeout: std::time::Duration,
}

pub struct Gateway {
    pub(crate) client: Client,
    pub(crate) app: AppClient,
    pub(crate) verifier: TokenVerifier,
}

impl Gateway {
    /// A gateway for `app` at `endpoint`, verifying tokens with `verifier`.
    pub async fn connect(endpoint: &Endpoint, app: AppClient, verifier: TokenVerifier) -> Self {
        Self {
            client: endpoint.user_client(app.call_timeout).await,
            app,
            verifier,
        }
    }

    pub fn pool_id(&self) -> &str {
        &self.app.pool_id
    }

    /// The pool's token issuer (`iss`), which also names the user pool as
    /// a login provider to identity pools.
    pub fn issuer(&self) -> &str {
        self.verifier.issuer()
    }

    /// Every claim of an ID token this pool issued to this client, after
    /// checking it as at sign-in (signature, issuer, audience, use, expiry).
    pub async fn id_token_claims(
        &self,
        token: &secrecy::SecretString,
    ) -> std::result::Result<serde_json::Map<String, serde_json::Value>, super::tokens::TokenError>
    {
        self.verifier.id_token_claims(token).await
    }

    /// SECRET_HASH for `username` (the name as sent in this request).
    pub(crate) fn secret_hash(&self, username: &str) -> Option<String> {
        self.app
            .client_secret
            .as_ref()
            .map(|secret| secret_hash(secret, username, &self.app.client_id))
    }
}

/// One `{Name, Value}` attribute for a request.
pub(crate) fn attribute(operation: Operation, name: &str, value: &str) -> Result<AttributeType> {
    AttributeType::builder()
        .name(name)
        .value(value)
        .build()
        .map_err(|e| CognitoError::unexpected(operation, e.to_string()))
}

/// Where Cognito says a code went (masked), if it says.
pub(crate) fn destination(details: Option<&CodeDeliveryDetailsType>) -> Option<String> {
    details.and_then(|d| d.destination()).map(str::to_owned)
}
