//! RS256 JSON Web Tokens with Cognito's claims, and the key that signs them.
//!
//! The RSA key is generated once and kept in the data directory
//! (`signing-key.pk8`, PKCS#8 DER, mode 0600) so tokens issued before a
//! restart still verify after it. Refresh tokens are opaque random strings;
//! only their SHA-256 is stored.
//! <https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-with-identity-providers.html>

use std::path::Path;

use anyhow::Context as _;
use aws_lc_rs::encoding::AsDer as _;
use aws_lc_rs::rsa::{KeyPair, KeySize};
use aws_lc_rs::signature::{self, KeyPair as _, UnparsedPublicKey};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64URL;
use serde_json::{Map, Value, json};

use crate::codes::random_bytes;
use crate::error::{ApiError, ApiResult};
use crate::srp::to_hex;
use crate::state::{AppClient, User};

const KEY_FILE: &str = "signing-key.pk8";

pub struct Signer {
    key: KeyPair,
    kid: String,
    n: String,
    e: String,
}

impl Signer {
    /// Loads `dir/signing-key.pk8`, or creates it; without a directory the
    /// key lives only as long as the process.
    pub fn load_or_create(dir: Option<&Path>) -> anyhow::Result<Self> {
        let key = match dir {
            None => KeyPair::generate(KeySize::Rsa2048)
                .map_err(|_| anyhow::anyhow!("generating an RSA key failed"))?,
            Some(dir) => {
                let path = dir.join(KEY_FILE);
                match std::fs::read(&path) {
                    Ok(der) => KeyPair::from_pkcs8(&der).map_err(|e| {
                        anyhow::anyhow!("{} is not a PKCS#8 RSA key: {e}", path.display())
                    })?,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                        let key = KeyPair::generate(KeySize::Rsa2048)
                            .map_err(|_| anyhow::anyhow!("generating an RSA key failed"))?;
                        let der = key
                            .as_der()
                            .map_err(|_| anyhow::anyhow!("encoding the RSA key failed"))?;
                        crate::state::write_atomically(dir, KEY_FILE, der.as_ref())?;
                        key
                    }
                    Err(e) => {
                        return Err(e).with_context(|| format!("reading {}", path.display()));
                    }
                }
            }
        };
        let public = key.public_key();
        let n_bytes = public.modulus().big_endian_without_leading_zero().to_vec();
        let e_bytes = public.exponent().big_endian_without_leading_zero().to_vec();
        let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, &n_bytes);
        let kid = B64URL.encode(&digest.as_ref()[..20]);
        Ok(Self {
            key,
            kid,
            n: B64URL.encode(&n_bytes),
            e: B64URL.encode(&e_bytes),
        })
    }

    pub fn jwks(&self) -> Value {
        json!({
            "keys": [{
                "alg": "RS256",
                "e": self.e,
                "kid": self.kid,
                "kty": "RSA",
                "n": self.n,
                "use": "sig",
            }]
        })
    }

    pub fn sign(&self, claims: &Value) -> ApiResult<String> {
        let header = json!({ "kid": self.kid, "alg": "RS256" });
        let signing_input = format!(
            "{}.{}",
            B64URL.encode(header.to_string()),
            B64URL.encode(claims.to_string())
        );
        let mut sig = vec![0u8; self.key.public_modulus_len()];
        let rng = aws_lc_rs::rand::SystemRandom::new();
        self.key
            .sign(
                &signature::RSA_PKCS1_SHA256,
                &rng,
                signing_input.as_bytes(),
                &mut sig,
            )
            .map_err(|_| ApiError::internal("Signing a token failed."))?;
        Ok(format!("{signing_input}.{}", B64URL.encode(sig)))
    }

    /// The claims of a token this signer issued, if the signature holds.
    /// Expiry and token_use are the caller's business.
    pub fn verify(&self, token: &str) -> Option<Map<String, Value>> {
        let mut parts = token.split('.');
        let (Some(h), Some(c), Some(s), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        let header: Value = serde_json::from_slice(&B64URL.decode(h).ok()?).ok()?;
        if header.get("alg").and_then(Value::as_str) != Some("RS256") {
            return None;
        }
        let sig = B64URL.decode(s).ok()?;
        let public = UnparsedPublicKey::new(
            &signature::RSA_PKCS1_2048_8192_SHA256,
            self.key.public_key().as_ref(),
        );
        public.verify(format!("{h}.{c}").as_bytes(), &sig).ok()?;
        match serde_json::from_slice(&B64URL.decode(c).ok()?).ok()? {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }
}

/// A new opaque refresh token and the hash under which it is stored.
pub fn new_refresh_token() -> (String, String) {
    let token = format!(
        "{}.{}",
        B64URL.encode(random_bytes::<32>()),
        B64URL.encode(random_bytes::<64>())
    );
    let hash = hash_token(&token);
    (token, hash)
}

pub fn hash_token(token: &str) -> String {
    to_hex(aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, token.as_bytes()).as_ref())
}

/// What goes into one pair of ID and access tokens.
pub struct Issue<'a> {
    pub issuer: &'a str,
    pub client: &'a AppClient,
    pub user: &'a User,
    pub auth_time_s: u64,
    pub origin_jti: &'a str,
    pub now_ms: u64,
}

/// Signs an access token and an ID token with the claims Cognito puts in them.
pub fn issue(signer: &Signer, p: &Issue<'_>) -> ApiResult<(String, String)> {
    let iat = p.now_ms / 1000;
    let event_id = uuid::Uuid::new_v4().to_string();
    let access = json!({
        "sub": p.user.sub(),
        "iss": p.issuer,
        "client_id": p.client.id,
        "origin_jti": p.origin_jti,
        "event_id": event_id,
        "token_use": "access",
        "scope": "aws.cognito.signin.user.admin",
        "auth_time": p.auth_time_s,
        "exp": iat + p.client.access_token_ms() / 1000,
        "iat": iat,
        "jti": uuid::Uuid::new_v4().to_string(),
        "username": p.user.username,
    });
    let mut id = Map::new();
    for (name, value) in &p.user.attributes {
        // Cognito puts the *_verified flags in ID tokens as booleans.
        let v = if name.ends_with("_verified") {
            Value::Bool(value == "true")
        } else {
            Value::String(value.clone())
        };
        id.insert(name.clone(), v);
    }
    let fixed = json!({
        "sub": p.user.sub(),
        "iss": p.issuer,
        "cognito:username": p.user.username,
        "origin_jti": p.origin_jti,
        "aud": p.client.id,
        "event_id": event_id,
        "token_use": "id",
        "auth_time": p.auth_time_s,
        "exp": iat + p.client.id_token_ms() / 1000,
        "iat": iat,
        "jti": uuid::Uuid::new_v4().to_string(),
    });
    if let Value::Object(fixed) = fixed {
        id.extend(fixed);
    }
    Ok((signer.sign(&access)?, signer.sign(&Value::Object(id))?))
}
