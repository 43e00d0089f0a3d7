//! AWS credentials for a signed-in user from a Cognito identity pool: the
//! ID token is exchanged on the server (GetId, then
//! GetCredentialsForIdentity), so the credentials, like the tokens, never
//! reach the browser. Both calls are unsigned, as the identity pool API
//! expects them from an app.
//! See <https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow.html>
//! (the enhanced flow).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_config::BehaviorVersion;
use aws_config::timeout::TimeoutConfig;
use aws_sdk_cognitoidentity::Client;
use aws_sdk_cognitoidentity::config::Region;
use aws_sdk_cognitoidentity::error::{ProvideErrorMetadata, SdkError};
use secrecy::{ExposeSecret, SecretString};
use url::Url;

/// Temporary AWS credentials of the signed-in user's identity.
#[derive(Debug, Clone)]
pub struct AwsCredentials {
    /// The identity in the identity pool (`<region>:<uuid>`), stable for
    /// a user.
    pub identity_id: String,
    pub access_key_id: String,
    pub secret_access_key: SecretString,
    pub session_token: SecretString,
    /// Unix seconds.
    pub expires_at: u64,
}

impl AwsCredentials {
    /// The credentials in the shape every AWS SDK client takes
    /// (`aws_config::ConfigLoader::credentials_provider`).
    pub fn to_sdk(&self) -> aws_sdk_cognitoidentity::config::Credentials {
        aws_sdk_cognitoidentity::config::Credentials::new(
            self.access_key_id.clone(),
            self.secret_access_key.expose_secret().to_owned(),
            Some(self.session_token.expose_secret().to_owned()),
            Some(UNIX_EPOCH + Duration::from_secs(self.expires_at)),
            "threshold-identity-pool",
        )
    }
}

#[derive(Debug, thiserror::Error)]
pub enum IdentityError {
    /// The identity pool refused the token or the identity (a pool that
    /// does not trust this user pool, say): asking again will not help.
    #[error("the identity pool refused: {0}")]
    Refused(String),
    /// The identity pool could not be reached, or answered oddly.
    #[error("the identity pool is unavailable: {0}")]
    Unavailable(String),
}

/// One identity pool, trusting one user pool.
#[derive(Debug)]
pub struct IdentityPool {
    client: Client,
    pool_id: String,
    /// The user pool as a login provider:
    /// `cognito-idp.<region>.amazonaws.com/<user pool id>`.
    provider: String,
}

impl IdentityPool {
    /// `pool_id` is `<region>:<uuid>`; the region comes from it. `issuer`
    /// is the user pool's token issuer, whose host and path name it as a
    /// login provider. `endpoint` replaces AWS (moto, in tests).
    pub async fn connect(
        pool_id: &str,
        issuer: &str,
        endpoint: Option<&Url>,
        timeout: Duration,
    ) -> anyhow::Result<Self> {
        let Some((region, _)) = pool_id.split_once(':') else {
            anyhow::bail!(
                "COGNITO_IDENTITY_POOL_ID must look like `eu-west-1:<uuid>`, not `{pool_id}`"
            );
        };
        let provider = issuer
            .split_once("://")
            .map_or(issuer, |(_, rest)| rest)
            .trim_end_matches('/')
            .to_owned();
        let mut loader = aws_config::defaults(BehaviorVersion::latest())
            .region(Region::new(region.to_owned()))
            .no_credentials()
            .timeout_config(
                TimeoutConfig::builder()
                    .connect_timeout(timeout.min(Duration::from_secs(3)))
                    .operation_timeout(timeout)
                    .build(),
            );
        if let Some(url) = endpoint {
            loader = loader.endpoint_url(url.as_str().trim_end_matches('/'));
        }
        Ok(Self {
            client: Client::new(&loader.load().await),
            pool_id: pool_id.to_owned(),
            provider,
        })
    }

    /// The identity of the user the ID token names.
    /// <https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetId.html>
    pub async fn identity_id(&self, id_token: &SecretString) -> Result<String, IdentityError> {
        let out = self
            .client
            .get_id()
            .identity_pool_id(&self.pool_id)
            .logins(&self.provider, id_token.expose_secret())
            .send()
            .await
            .map_err(classify)?;
        out.identity_id
            .ok_or_else(|| IdentityError::Unavailable("GetId returned no IdentityId".into()))
    }

    /// Fresh credentials for `identity_id`.
    /// <https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetCredentialsForIdentity.html>
    pub async fn credentials(
        &self,
        identity_id: &str,
        id_token: &SecretString,
    ) -> Result<AwsCredentials, IdentityError> {
        let out = self
            .client
            .get_credentials_for_identity()
            .identity_id(identity_id)
            .logins(&self.provider, id_token.expose_secret())
            .send()
            .await
            .map_err(classify)?;
        let missing = |what: &str| {
            IdentityError::Unavailable(format!("GetCredentialsForIdentity returned no {what}"))
        };
        let credentials = out.credentials.ok_or_else(|| missing("Credentials"))?;
        let expires_at = credentials
            .expiration
            .and_then(|at| SystemTime::try_from(at).ok())
            .and_then(|at| at.duration_since(UNIX_EPOCH).ok())
            .map(|d| d.as_secs())
            .ok_or_else(|| missing("Expiration"))?;
        Ok(AwsCredentials {
            identity_id: out.identity_id.unwrap_or_else(|| identity_id.to_owned()),
            access_key_id: credentials
                .access_key_id
                .ok_or_else(|| missing("AccessKeyId"))?,
            secret_access_key: credentials
                .secret_key
                .map(SecretString::from)
                .ok_or_else(|| missing("SecretKey"))?,
            session_token: credentials
                .session_token
                .map(SecretString::from)
                .ok_or_else(|| missing("SessionToken"))?,
            expires_at,
        })
    }
}

/// Refusals (4xx answers the pool gave on purpose) apart from everything
/// else (no answer, throttling, 5xx).
fn classify<E: ProvideErrorMetadata + std::fmt::Debug>(
    error: SdkError<E, aws_sdk_cognitoidentity::config::http::HttpResponse>,
) -> IdentityError {
    let refused = matches!(
        error.code(),
        Some(
            "NotAuthorizedException"
                | "ResourceNotFoundException"
                | "InvalidParameterException"
                | "InvalidIdentityPoolConfigurationException"
                | "ExternalServiceException"
                | "ResourceConflictException"
        )
    );
    // Named by kind only: an unparsed answer could hold credentials.
    let detail = match (error.code(), &error) {
        (Some(code), _) => format!("{code}: {}", error.message().unwrap_or_default()),
        (None, SdkError::TimeoutError(_)) => "the call timed out".to_owned(),
        (None, SdkError::DispatchFailure(_)) => "the endpoint could not be reached".to_owned(),
        (None, SdkError::ConstructionFailure(_)) => "the request could not be built".to_owned(),
        (None, _) => "the answer could not be read".to_owned(),
    };
    if refused {
        IdentityError::Refused(detail)
    } else {
        IdentityError::Unavailable(detail)
    }
}
