//! RS256 JSON Web Tokens with Cognito's claims, and the key that signs them.
//!
//! Two RSA keys, one for ID tokens and one for access tokens, are
//! generated once and kept in the data directory (`signing-key.pk8` and
//! `signing-key-access.pk8`, PKCS#8 DER, mode 0600) so tokens issued before
//! a restart still verify after it. Refresh tokens are opaque random strings;
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
use crate::state::{AppClient, Group, User};

/// The key that signs ID tokens; the name predates the second key, so
/// tokens issued before an upgrade keep verifying.
const ID_KEY_FILE: &str = "signing-key.pk8";
/// The key that signs access tokens.
const ACCESS_KEY_FILE: &str = "signing-key-access.pk8";

/// One RSA key and its JWK members.
struct Key {
    pair: KeyPair,
    kid: String,
    n: String,
    e: String,
}

impl Key {
    /// Loads `dir/file`, or creates it; without a directory the key lives
    /// only as long as the process.
    fn load_or_create(dir: Option<&Path>, file: &str) -> anyhow::Result<Self> {
        let pair = match dir {
            None => KeyPair::generate(KeySize::Rsa2048)
                .map_err(|_| anyhow::anyhow!("generating an RSA key failed"))?,
            Some(dir) => {
                let path = dir.join(file);
                match std::fs::read(&path) {
                    Ok(der) => KeyPair::from_pkcs8(&der).map_err(|e| {
                        anyhow::anyhow!("{} is not a PKCS#8 RSA key: {e}", path.display())
                    })?,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                        let pair = KeyPair::generate(KeySize::Rsa2048)
                            .map_err(|_| anyhow::anyhow!("generating an RSA key failed"))?;
                        let der = pair
                            .as_der()
                            .map_err(|_| anyhow::anyhow!("encoding the RSA key failed"))?;
                        crate::state::write_atomically(dir, file, der.as_ref())?;
                        pair
                    }
                    Err(e) => {
                        return Err(e).with_context(|| format!("reading {}", path.display()));
                    }
                }
            }
        };
        let public = pair.public_key();
        let n_bytes = public.modulus().big_endian_without_leading_zero().to_vec();
        let e_bytes = public.exponent().big_endian_without_leading_zero().to_vec();
        let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, &n_bytes);
        let kid = B64URL.encode(&digest.as_ref()[..20]);
        Ok(Self {
            pair,
            kid,
            n: B64URL.encode(&n_bytes),
            e: B64URL.encode(&e_bytes),
        })
    }

    fn jwk(&self) -> Value {
        json!({
            "alg": "RS256",
            "e": self.e,
            "kid": self.kid,
            "kty": "RSA",
            "n": self.n,
            "use": "sig",
        })
    }

    fn sign(&self, claims: &Value) -> ApiResult<String> {
        let header = json!({ "kid": self.kid, "alg": "RS256" });
        let signing_input = format!(
            "{}.{}",
            B64URL.encode(header.to_string()),
            B64URL.encode(claims.to_string())
        );
        let mut sig = vec![0u8; self.pair.public_modulus_len()];
        let rng = aws_lc_rs::rand::SystemRandom::new();
        self.pair
            .sign(
                &signature::RSA_PKCS1_SHA256,
                &rng,
                signing_input.as_bytes(),
                &mut sig,
            )
            .map_err(|_| ApiError::internal("Signing a token failed."))?;
        Ok(format!("{signing_input}.{}", B64URL.encode(sig)))
    }
}

/// The two keys Cognito has per pool: "One private key signs access
/// tokens, and the other signs ID tokens", each with its own `kid` in the
/// JWKS. Here the pair serves every pool of one data directory.
/// <https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html>
pub struct Signer {
    id: Key,
    access: Key,
}

impl Signer {
    /// Loads both keys from `dir`, or creates them.
    pub fn load_or_create(dir: Option<&Path>) -> anyhow::Result<Self> {
        Ok(Self {
            id: Key::load_or_create(dir, ID_KEY_FILE)?,
            access: Key::load_or_create(dir, ACCESS_KEY_FILE)?,
        })
    }

    pub fn jwks(&self) -> Value {
        json!({ "keys": [self.id.jwk(), self.access.jwk()] })
    }

    /// The claims of an access token this signer issued, if the access
    /// key's signature holds (an ID token, signed by the other key, does
    /// not pass). Expiry and token_use are the caller's business.
    pub fn verify_access(&self, token: &str) -> Option<Map<String, Value>> {
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
            self.access.pair.public_key().as_ref(),
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
    /// The user's groups, in [`crate::state::Pool::groups_of`] order.
    pub groups: &'a [&'a Group],
    pub auth_time_s: u64,
    pub origin_jti: &'a str,
    pub now_ms: u64,
}

/// The role of the group with the lowest precedence among those with a
/// role (`groups` come ordered so). None when another group of that same
/// precedence names a different role: Cognito then sets no preferred role.
fn preferred_role<'g>(groups: &[&'g Group]) -> Option<&'g str> {
    let mut with_roles = groups
        .iter()
        .filter_map(|g| g.role_arn.as_deref().map(|role| (g.precedence, role)));
    let (precedence, role) = with_roles.next()?;
    let tied = with_roles.any(|(p, other)| p == precedence && other != role);
    (!tied).then_some(role)
}

/// Signs an access token and an ID token with the claims Cognito puts in them.
pub fn issue(signer: &Signer, p: &Issue<'_>) -> ApiResult<(String, String)> {
    let iat = p.now_ms / 1000;
    let event_id = uuid::Uuid::new_v4().to_string();
    let mut access = json!({
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
    // Only what the app client may read goes into the ID token.
    for (name, value) in p
        .user
        .attributes
        .iter()
        .filter(|(n, _)| p.client.may_read(n))
    {
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
    // Cognito leaves the group claims out for a user in no group; the
    // roles appear only for groups that have one, and the preferred role
    // is that of the group with the lowest precedence.
    if !p.groups.is_empty() {
        let names: Vec<&str> = p.groups.iter().map(|g| g.name.as_str()).collect();
        id.insert("cognito:groups".into(), json!(names));
        access["cognito:groups"] = json!(names);
        let roles: Vec<&str> = p
            .groups
            .iter()
            .filter_map(|g| g.role_arn.as_deref())
            .collect();
        if let Some(preferred) = preferred_role(p.groups) {
            id.insert("cognito:preferred_role".into(), json!(preferred));
        }
        if !roles.is_empty() {
            id.insert("cognito:roles".into(), json!(roles));
        }
    }
    Ok((
        signer.access.sign(&access)?,
        signer.id.sign(&Value::Object(id))?,
    ))
}
