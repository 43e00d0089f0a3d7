//! Passkeys (WebAuthn): the relying party a pool's WebAuthnConfiguration
//! describes, the origins it accepts, the JSON documents the Cognito API
//! carries, and Cognito's names for what goes wrong. The ceremonies
//! themselves (attestation and assertion checks, signatures, counters)
//! are webauthn-rs-core's; this module only decides what it is given.
//! <https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html#amazon-cognito-user-pools-authentication-flow-methods-passkey>

use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64URL;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use url::Url;
use webauthn_rs_core::WebauthnCore;
use webauthn_rs_core::error::WebauthnError;
use webauthn_rs_core::proto::UserVerificationPolicy;

use crate::error::{ApiError, ApiResult};

/// How long a browser may take over a ceremony, and how long the pool
/// keeps a registration challenge: Cognito's options say five minutes.
pub const TIMEOUT_MS: u64 = 300_000;

/// `WebAuthnConfiguration` as SetUserPoolMfaConfig stores it.
/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_WebAuthnConfigurationType.html>
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct WebAuthnConfig {
    /// `None` until set: Cognito would then use the pool's domain, which
    /// this pool has not got, so the passkey operations answer
    /// WebAuthnConfigurationMissingException.
    pub relying_party_id: Option<String>,
    /// `required` or `preferred`.
    pub user_verification: String,
    /// `SINGLE_FACTOR_ONLY` or `MULTI_FACTOR_WITH_USER_VERIFICATION`, kept
    /// and echoed: a passkey sign-in is always complete here.
    pub factor_configuration: String,
}

impl WebAuthnConfig {
    /// Reads the request member, refusing what Cognito would refuse.
    pub fn parse(member: &serde_json::Map<String, Value>) -> ApiResult<Self> {
        let text = |name: &str| -> ApiResult<Option<String>> {
            match member.get(name) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(ApiError::invalid_parameter(format!(
                    "WebAuthnConfiguration.{name} must be a string."
                ))),
            }
        };
        let relying_party_id = text("RelyingPartyId")?;
        if let Some(id) = &relying_party_id
            && !valid_relying_party_id(id)
        {
            return Err(ApiError::invalid_parameter(format!(
                "WebAuthnConfiguration.RelyingPartyId '{id}' is not a host name (lower-case letters, digits, hyphens and dots; no scheme, port or IP address)."
            )));
        }
        let user_verification = text("UserVerification")?.unwrap_or_else(|| "preferred".into());
        if !["required", "preferred"].contains(&user_verification.as_str()) {
            return Err(ApiError::invalid_parameter(format!(
                "1 validation error detected: Value '{user_verification}' at 'webAuthnConfiguration.userVerification' failed to satisfy constraint: Member must satisfy enum value set: [required, preferred]"
            )));
        }
        let factor_configuration =
            text("FactorConfiguration")?.unwrap_or_else(|| "SINGLE_FACTOR_ONLY".into());
        if !["SINGLE_FACTOR_ONLY", "MULTI_FACTOR_WITH_USER_VERIFICATION"]
            .contains(&factor_configuration.as_str())
        {
            return Err(ApiError::invalid_parameter(format!(
                "1 validation error detected: Value '{factor_configuration}' at 'webAuthnConfiguration.factorConfiguration' failed to satisfy constraint: Member must satisfy enum value set: [SINGLE_FACTOR_ONLY, MULTI_FACTOR_WITH_USER_VERIFICATION]"
            )));
        }
        Ok(Self {
            relying_party_id,
            user_verification,
            factor_configuration,
        })
    }

    /// The member as GetUserPoolMfaConfig answers it.
    pub fn to_json(&self) -> Value {
        let mut out = json!({
            "UserVerification": self.user_verification,
            "FactorConfiguration": self.factor_configuration,
        });
        if let Some(id) = &self.relying_party_id {
            out["RelyingPartyId"] = json!(id);
        }
        out
    }
}

/// A WebAuthn RP ID is a registrable domain (or `localhost`), never an
/// origin or an IP address.
fn valid_relying_party_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 253
        && id.parse::<std::net::IpAddr>().is_err()
        && id.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}

/// The relying party of one pool: its id and whether the user must be
/// verified (PIN, biometrics) or only present.
#[derive(Debug, Clone)]
pub struct RelyingParty {
    pub id: String,
    pub name: String,
    pub user_verification: String,
}

impl RelyingParty {
    pub fn new(config: &WebAuthnConfig, id: &str, pool_name: &str) -> Self {
        Self {
            id: id.to_owned(),
            name: pool_name.to_owned(),
            user_verification: config.user_verification.clone(),
        }
    }

    pub fn policy(&self) -> UserVerificationPolicy {
        if self.user_verification == "required" {
            UserVerificationPolicy::Required
        } else {
            UserVerificationPolicy::Preferred
        }
    }

    /// Whether a page at `origin` may use this relying party's passkeys:
    /// `https://<rp id>` or `https://<sub>.<rp id>` on any port, and for the
    /// rp id `localhost` also `http://localhost` on any port (browsers treat
    /// it as a secure context, and browser tests run there).
    pub fn allows_origin(&self, origin: &str) -> bool {
        let Ok(url) = Url::parse(origin) else {
            return false;
        };
        let Some(url::Host::Domain(host)) = url.host() else {
            return false;
        };
        let under_rp = host == self.id
            || host
                .strip_suffix(self.id.as_str())
                .is_some_and(|prefix| prefix.ends_with('.'));
        match url.scheme() {
            "https" => under_rp,
            "http" => self.id == "localhost" && host == "localhost",
            _ => false,
        }
    }

    /// webauthn-rs-core for this relying party, allowing the same origins
    /// as [`RelyingParty::allows_origin`] (checked again inside the
    /// ceremony).
    pub fn core(&self) -> ApiResult<WebauthnCore> {
        let mut origins = Vec::new();
        let https = Url::parse(&format!("https://{}", self.id))
            .map_err(|_| ApiError::internal("The relying party id is not a host name."))?;
        origins.push(https);
        if self.id == "localhost" {
            let http = Url::parse("http://localhost")
                .map_err(|_| ApiError::internal("http://localhost did not parse."))?;
            origins.push(http);
        }
        Ok(WebauthnCore::new_unsafe_experts_only(
            &self.name,
            &self.id,
            origins,
            Duration::from_millis(TIMEOUT_MS),
            Some(true),
            Some(true),
        ))
    }
}

/// The `origin` a browser wrote into a credential's clientDataJSON, if the
/// credential has one that parses.
pub fn client_origin(credential: &Value) -> Option<String> {
    let encoded = credential
        .get("response")?
        .get("clientDataJSON")?
        .as_str()?;
    let bytes = B64URL.decode(encoded.trim_end_matches('=')).ok()?;
    let data: Value = serde_json::from_slice(&bytes).ok()?;
    data.get("origin")?.as_str().map(str::to_owned)
}

pub fn b64url(bytes: &[u8]) -> String {
    B64URL.encode(bytes)
}

/// A PublicKeyCredentialDescriptorJSON (allowCredentials,
/// excludeCredentials). `transports` is always present, empty when the
/// browser did not say, so every descriptor has the same members.
pub fn descriptor(id: &str, transports: &[String]) -> Value {
    json!({ "type": "public-key", "id": id, "transports": transports })
}

/// `CREDENTIAL_REQUEST_OPTIONS` of a WEB_AUTHN challenge: a
/// PublicKeyCredentialRequestOptionsJSON, as a string. Real challenges
/// and decoys are both made here, so their shape cannot differ.
pub fn request_options(rp: &RelyingParty, challenge: &str, allow: Vec<Value>) -> String {
    json!({
        "challenge": challenge,
        "timeout": TIMEOUT_MS,
        "rpId": rp.id,
        "allowCredentials": allow,
        "userVerification": rp.user_verification,
    })
    .to_string()
}

pub fn origin_not_allowed(origin: Option<&str>, rp: &RelyingParty) -> ApiError {
    ApiError::new(
        "WebAuthnOriginNotAllowedException",
        format!(
            "The passkey's origin {} is not allowed for the relying party {}.",
            origin.unwrap_or("(none)"),
            rp.id
        ),
    )
}

/// Cognito's exception for a registration webauthn-rs-core refused.
/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CompleteWebAuthnRegistration.html>
pub fn registration_error(error: &WebauthnError, rp: &RelyingParty) -> ApiError {
    use WebauthnError as E;
    match error {
        E::InvalidRPOrigin | E::CredentialCrossOrigin => origin_not_allowed(None, rp),
        E::InvalidRPIDHash => ApiError::new(
            "WebAuthnRelyingPartyMismatchException",
            format!(
                "The passkey was made for another relying party than {}.",
                rp.id
            ),
        ),
        E::MismatchedChallenge | E::ChallengeNotFound => ApiError::new(
            "WebAuthnChallengeNotFoundException",
            "The passkey does not answer the registration challenge.",
        ),
        E::COSEKeyInvalidCBORValue
        | E::COSEKeyInvalidType
        | E::COSEKeyEDUnsupported
        | E::COSEKeyECDSAXYInvalid
        | E::COSEKeyRSANEInvalid
        | E::COSEKeyECDSAInvalidCurve
        | E::COSEKeyEDDSAXInvalid
        | E::COSEKeyEDDSAInvalidCurve
        | E::COSEKeyInvalidAlgorithm
        | E::CredentialAlteredAlgFromRequest
        | E::CredentialInsecureCryptography
        | E::AttestationNotSupported
        | E::AttestationStatementVerUnsupported => ApiError::new(
            "WebAuthnCredentialNotSupportedException",
            format!("The passkey is not supported: {error}."),
        ),
        E::UserNotPresent | E::UserNotVerified => ApiError::not_authorized(format!(
            "The passkey did not {} the user.",
            if matches!(error, E::UserNotPresent) {
                "see"
            } else {
                "verify"
            }
        )),
        other => {
            ApiError::invalid_parameter(format!("The passkey could not be verified: {other}."))
        }
    }
}

/// The one answer for a passkey sign-in that fails, whatever the reason
/// (wrong key, bad signature, deleted passkey, a name with no account or
/// no passkey), so the answer reveals nothing.
pub fn sign_in_refused() -> ApiError {
    ApiError::not_authorized("Incorrect username or passkey.")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rp(id: &str) -> RelyingParty {
        RelyingParty {
            id: id.into(),
            name: "pool".into(),
            user_verification: "preferred".into(),
        }
    }

    #[test]
    fn origins_are_the_rp_id_and_its_subdomains_over_https_and_localhost_over_http() {
        let example = rp("example.com");
        for ok in [
            "https://example.com",
            "https://example.com:8443",
            "https://login.example.com",
            "https://a.b.example.com:1",
        ] {
            assert!(example.allows_origin(ok), "{ok}");
        }
        for bad in [
            "http://example.com",
            "https://badexample.com",
            "https://example.com.evil.net",
            "https://example.org",
            "http://localhost:3000",
            "not a url",
            "https://127.0.0.1",
        ] {
            assert!(!example.allows_origin(bad), "{bad}");
        }
        let local = rp("localhost");
        for ok in [
            "http://localhost:3000",
            "http://localhost",
            "https://localhost:8443",
        ] {
            assert!(local.allows_origin(ok), "{ok}");
        }
        for bad in [
            "http://127.0.0.1:3000",
            "http://app.localhost:3000",
            "ftp://localhost",
        ] {
            assert!(!local.allows_origin(bad), "{bad}");
        }
    }

    #[test]
    fn relying_party_ids_are_host_names() {
        for ok in ["localhost", "example.com", "login.example-1.co.uk"] {
            assert!(valid_relying_party_id(ok), "{ok}");
        }
        for bad in [
            "",
            "https://example.com",
            "example.com:443",
            "Example.com",
            "127.0.0.1",
            "-a.com",
            "a..com",
        ] {
            assert!(!valid_relying_party_id(bad), "{bad}");
        }
    }
}
