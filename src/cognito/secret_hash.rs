//! SECRET_HASH: proves to Cognito that a request comes from the holder of
//! the app client secret.
//!
//! Base64(HMAC-SHA256(key = client secret, message = username ‖ client id)),
//! as described in
//! <https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html#cognito-user-pools-computing-secret-hash>.
//! The username must be the one in the same request: the typed alias for
//! InitiateAuth, the real username (`USER_ID_FOR_SRP`) once Cognito has
//! told us it.

use aws_lc_rs::hmac;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use secrecy::{ExposeSecret, SecretString};

pub fn secret_hash(client_secret: &SecretString, username: &str, client_id: &str) -> String {
    let key = hmac::Key::new(hmac::HMAC_SHA256, client_secret.expose_secret().as_bytes());
    let mut ctx = hmac::Context::with_key(&key);
    ctx.update(username.as_bytes());
    ctx.update(client_id.as_bytes());
    STANDARD.encode(ctx.sign().as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Vector computed independently with Python:
    /// `base64.b64encode(hmac.new(b"secret", b"alice" + b"client", hashlib.sha256).digest())`
    #[test]
    fn matches_an_independent_computation() {
        let hash = secret_hash(&SecretString::from("secret"), "alice", "client");
        assert_eq!(hash, "RTsve+FQ659UKyESgvLg9GYmZEL+QjzQsW/OjL77/b0=");
    }

    #[test]
    fn depends_on_the_username() {
        let secret = SecretString::from("secret");
        assert_ne!(
            secret_hash(&secret, "alice", "client"),
            secret_hash(&secret, "bob", "client")
        );
    }
}
