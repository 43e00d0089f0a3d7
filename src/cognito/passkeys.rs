//! Passkeys on the account page: StartWebAuthnRegistration,
//! CompleteWebAuthnRegistration, ListWebAuthnCredentials and
//! DeleteWebAuthnCredential. Signing in with one is a challenge like the
//! others (`sign_in.rs`, WEB_AUTHN).
//!
//! The SDK carries WebAuthn's JSON as `Document`s. The browser speaks
//! JSON, so they are converted here, by hand: the SDK only offers serde
//! for `Document` behind an unstable cfg flag.

use std::collections::HashMap;

use aws_smithy_types::{Document, Number};
use secrecy::{ExposeSecret, SecretString};

use super::errors::{CognitoError, Operation};
use super::gateway::{Gateway, Result};

/// One of the user's passkeys, as the account page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passkey {
    pub id: String,
    /// The name the authenticator gave it (often the password manager's).
    pub name: String,
    /// Unix seconds.
    pub created_at: i64,
}

impl Gateway {
    /// The options for `navigator.credentials.create`, as JSON.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_StartWebAuthnRegistration.html>
    pub async fn start_passkey_registration(&self, access_token: &SecretString) -> Result<String> {
        let output = self
            .client
            .start_web_authn_registration()
            .access_token(access_token.expose_secret())
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk(Operation::StartWebAuthnRegistration, e))?;
        Ok(to_json(output.credential_creation_options()).to_string())
    }

    /// Registers the passkey the browser made (`credential`: the
    /// WebAuthn JSON form of the PublicKeyCredential). The pool verifies
    /// it; a `credential` that is not JSON is refused here.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CompleteWebAuthnRegistration.html>
    pub async fn complete_passkey_registration(
        &self,
        access_token: &SecretString,
        credential: &str,
    ) -> Result<()> {
        let operation = Operation::CompleteWebAuthnRegistration;
        let json: serde_json::Value = serde_json::from_str(credential).map_err(|e| {
            CognitoError::InvalidParameter(format!("the credential is not JSON: {e}"))
        })?;
        self.client
            .complete_web_authn_registration()
            .access_token(access_token.expose_secret())
            .credential(to_document(&json))
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk(operation, e))?;
        Ok(())
    }

    /// Every passkey of the user, oldest first.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListWebAuthnCredentials.html>
    pub async fn list_passkeys(&self, access_token: &SecretString) -> Result<Vec<Passkey>> {
        let mut passkeys = Vec::new();
        let mut next: Option<String> = None;
        // Bounded: a pool that kept answering with a next page would
        // otherwise hold the request forever. Cognito allows 20 passkeys
        // per user, 20 to a page.
        for _ in 0..10 {
            let output = self
                .client
                .list_web_authn_credentials()
                .access_token(access_token.expose_secret())
                .set_next_token(next.take())
                .max_results(20)
                .send()
                .await
                .map_err(|e| CognitoError::from_sdk(Operation::ListWebAuthnCredentials, e))?;
            passkeys.extend(output.credentials().iter().map(|c| Passkey {
                id: c.credential_id().to_owned(),
                name: c.friendly_credential_name().to_owned(),
                created_at: c.created_at().secs(),
            }));
            match output.next_token() {
                Some(token) if !token.is_empty() => next = Some(token.to_owned()),
                _ => break,
            }
        }
        passkeys.sort_by_key(|p| p.created_at);
        Ok(passkeys)
    }

    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteWebAuthnCredential.html>
    pub async fn delete_passkey(&self, access_token: &SecretString, id: &str) -> Result<()> {
        self.client
            .delete_web_authn_credential()
            .access_token(access_token.expose_secret())
            .credential_id(id)
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk(Operation::DeleteWebAuthnCredential, e))?;
        Ok(())
    }
}

fn to_json(document: &Document) -> serde_json::Value {
    use serde_json::Value;
    match document {
        Document::Object(map) => Value::Object(
            map.iter()
                .map(|(key, value)| (key.clone(), to_json(value)))
                .collect(),
        ),
        Document::Array(items) => Value::Array(items.iter().map(to_json).collect()),
        Document::Number(Number::PosInt(n)) => Value::from(*n),
        Document::Number(Number::NegInt(n)) => Value::from(*n),
        Document::Number(Number::Float(n)) => Value::from(*n),
        Document::String(text) => Value::String(text.clone()),
        Document::Bool(flag) => Value::Bool(*flag),
        Document::Null => Value::Null,
    }
}

fn to_document(json: &serde_json::Value) -> Document {
    use serde_json::Value;
    match json {
        Value::Object(map) => Document::Object(
            map.iter()
                .map(|(key, value)| (key.clone(), to_document(value)))
                .collect::<HashMap<_, _>>(),
        ),
        Value::Array(items) => Document::Array(items.iter().map(to_document).collect()),
        Value::Number(n) => Document::Number(match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Number::PosInt(u),
            (None, Some(i)) => Number::NegInt(i),
            _ => Number::Float(n.as_f64().unwrap_or_default()),
        }),
        Value::String(text) => Document::String(text.clone()),
        Value::Bool(flag) => Document::Bool(*flag),
        Value::Null => Document::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_survives_the_round_trip_through_a_document() {
        let json = serde_json::json!({
            "id": "abc",
            "rawId": "abc",
            "response": { "transports": ["internal", "hybrid"], "n": -3, "f": 1.5 },
            "clientExtensionResults": {},
            "authenticatorAttachment": null,
            "ok": true,
            "count": 7
        });
        assert_eq!(to_json(&to_document(&json)), json);
    }
}
