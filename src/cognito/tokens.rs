//! Verifies the ID and access tokens Cognito returns, against the pool's
//! published keys (JWKS), before Threshold trusts a single claim.
//!
//! Keys are fetched once and cached; a token signed with a key id we have
//! not seen triggers one refetch (Cognito rotates keys), at most once a
//! minute so a stream of forged tokens cannot make us hammer the endpoint.
//! See <https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html>.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode, decode_header};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use tokio::sync::RwLock;
use url::Url;

/// Shortest time between two JWKS fetches caused by unknown key ids.
const REFETCH_INTERVAL: Duration = Duration::from_secs(60);

#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("the token is malformed or its signature, issuer, audience or use is wrong: {0}")]
    Invalid(String),
    #[error("the pool's keys could not be fetched from {url}: {detail}")]
    Jwks { url: String, detail: String },
}

/// The ID token claims Threshold uses.
#[derive(Debug, Clone, Deserialize)]
pub struct IdClaims {
    pub sub: String,
    #[serde(rename = "cognito:username")]
    pub username: String,
    pub email: Option<String>,
    /// The user's groups, as the pool lists them; Cognito leaves the
    /// claim out for a user in no group.
    #[serde(rename = "cognito:groups", default)]
    pub groups: Vec<String>,
    pub token_use: String,
    pub exp: u64,
}

/// The access token claims Threshold uses.
#[derive(Debug, Clone, Deserialize)]
pub struct AccessClaims {
    pub sub: String,
    pub client_id: String,
    pub token_use: String,
    pub username: Option<String>,
    pub exp: u64,
}

struct KeyCache {
    keys: HashMap<String, DecodingKey>,
    fetched_at: Option<Instant>,
}

pub struct TokenVerifier {
    http: reqwest::Client,
    jwks_url: Url,
    issuer: String,
    client_id: String,
    cache: RwLock<KeyCache>,
}

impl TokenVerifier {
    pub fn new(jwks_url: Url, issuer: String, client_id: String) -> Self {
        Self {
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(10))
                .build()
                .unwrap_or_default(),
            jwks_url,
            issuer,
            client_id,
            cache: RwLock::new(KeyCache {
                keys: HashMap::new(),
                fetched_at: None,
            }),
        }
    }

    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    pub async fn verify_id_token(&self, token: &SecretString) -> Result<IdClaims, TokenError> {
        let mut validation = self.validation();
        validation.set_audience(&[&self.client_id]);
        let claims: IdClaims = self.verify(token, validation).await?;
        if claims.token_use != "id" {
            return Err(TokenError::Invalid(format!(
                "token_use is {}",
                claims.token_use
            )));
        }
        Ok(claims)
    }

    /// Every claim of a verified ID token, for handing on (`/api/session`).
    pub async fn id_token_claims(
        &self,
        token: &SecretString,
    ) -> Result<serde_json::Map<String, serde_json::Value>, TokenError> {
        let mut validation = self.validation();
        validation.set_audience(&[&self.client_id]);
        let claims: serde_json::Map<String, serde_json::Value> =
            self.verify(token, validation).await?;
        if claims.get("token_use").and_then(|u| u.as_str()) != Some("id") {
            return Err(TokenError::Invalid("token_use is not id".into()));
        }
        Ok(claims)
    }

    pub async fn verify_access_token(
        &self,
        token: &SecretString,
    ) -> Result<AccessClaims, TokenError> {
        // Access tokens carry `client_id` instead of `aud`.
        let mut validation = self.validation();
        validation.validate_aud = false;
        let claims: AccessClaims = self.verify(token, validation).await?;
        if claims.token_use != "access" {
            return Err(TokenError::Invalid(format!(
                "token_use is {}",
                claims.token_use
            )));
        }
        if claims.client_id != self.client_id {
            return Err(TokenError::Invalid(
                "client_id is another app client's".into(),
            ));
        }
        Ok(claims)
    }

    fn validation(&self) -> Validation {
        let mut validation = Validation::new(Algorithm::RS256);
        validation.set_issuer(&[&self.issuer]);
        validation.set_required_spec_claims(&["exp", "iss", "sub"]);
        validation.leeway = 30;
        validation
    }

    async fn verify<T: serde::de::DeserializeOwned>(
        &self,
        token: &SecretString,
        validation: Validation,
    ) -> Result<T, TokenError> {
        let token = token.expose_secret();
        let header = decode_header(token).map_err(|e| TokenError::Invalid(e.to_string()))?;
        let kid = header
            .kid
            .ok_or_else(|| TokenError::Invalid("no key id in the token header".into()))?;
        let key = self.key(&kid).await?;
        decode::<T>(token, &key, &validation)
            .map(|data| data.claims)
            .map_err(|e| TokenError::Invalid(e.to_string()))
    }

    async fn key(&self, kid: &str) -> Result<DecodingKey, TokenError> {
        {
            let cache = self.cache.read().await;
            if let Some(key) = cache.keys.get(kid) {
                return Ok(key.clone());
            }
            if cache
                .fetched_at
                .is_some_and(|at| at.elapsed() < REFETCH_INTERVAL)
            {
                return Err(TokenError::Invalid(format!("unknown key id {kid}")));
            }
        }
        let mut cache = self.cache.write().await;
        // Another request may have refreshed the keys while we waited.
        if let Some(key) = cache.keys.get(kid) {
            return Ok(key.clone());
        }
        if cache
            .fetched_at
            .is_some_and(|at| at.elapsed() < REFETCH_INTERVAL)
        {
            return Err(TokenError::Invalid(format!("unknown key id {kid}")));
        }
        cache.keys = self.fetch().await?;
        cache.fetched_at = Some(Instant::now());
        cache
            .keys
            .get(kid)
            .cloned()
            .ok_or_else(|| TokenError::Invalid(format!("unknown key id {kid}")))
    }

    async fn fetch(&self) -> Result<HashMap<String, DecodingKey>, TokenError> {
        let jwks_error = |detail: String| TokenError::Jwks {
            url: self.jwks_url.to_string(),
            detail,
        };
        let set: JwkSet = self
            .http
            .get(self.jwks_url.clone())
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .map_err(|e| jwks_error(e.to_string()))?
            .json()
            .await
            .map_err(|e| jwks_error(e.to_string()))?;
        let mut keys = HashMap::new();
        for jwk in &set.keys {
            let Some(kid) = jwk.common.key_id.clone() else {
                continue;
            };
            match DecodingKey::from_jwk(jwk) {
                Ok(key) => {
                    keys.insert(kid, key);
                }
                Err(e) => tracing::warn!(%kid, error = %e, "skipping a JWKS key we cannot use"),
            }
        }
        Ok(keys)
    }
}
