//! The session key: it encrypts what the store holds and derives the CSRF
//! token of each session id.
//!
//! One 256-bit key, from `THRESHOLD_SESSION_KEY` or, when that is unset,
//! from `session-key` in the data directory (created on first start,
//! readable by the owner only). Instances that share a store must share
//! the key. Two purpose keys are derived from it with HKDF-SHA256, so the
//! encryption key never signs anything and the reverse.

use std::path::Path;

use anyhow::Context as _;
use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use aws_lc_rs::{hkdf, hmac};
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use secrecy::{ExposeSecret, SecretString};

/// Bytes in the configured key.
pub const KEY_LEN: usize = 32;

/// The key's file in the data directory, when none is configured.
pub const KEY_FILE: &str = "session-key";

pub struct SessionKeys {
    seal: LessSafeKey,
    csrf: hmac::Key,
    names: hmac::Key,
}

impl std::fmt::Debug for SessionKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionKeys([redacted])")
    }
}

impl SessionKeys {
    /// Derives the purpose keys from the 32-byte master key.
    pub fn from_master(master: &[u8; KEY_LEN]) -> Self {
        let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, b"threshold sessions").extract(master);
        // `expand` only fails when asked for more than 255 hash lengths;
        // both keys are one.
        let seal = prk
            .expand(&[b"store encryption"], &AES_256_GCM)
            .map(UnboundKey::from)
            .map(LessSafeKey::new)
            .unwrap_or_else(|_| unreachable!("32 bytes is within HKDF's output limit"));
        let csrf = prk
            .expand(&[b"csrf tokens"], hmac::HMAC_SHA256)
            .map(hmac::Key::from)
            .unwrap_or_else(|_| unreachable!("32 bytes is within HKDF's output limit"));
        let names = prk
            .expand(&[b"name hashes"], hmac::HMAC_SHA256)
            .map(hmac::Key::from)
            .unwrap_or_else(|_| unreachable!("32 bytes is within HKDF's output limit"));
        Self { seal, csrf, names }
    }

    /// The configured key (base64 of 32 bytes), or the one in
    /// `data_dir/session-key`, created when missing.
    pub fn load(configured: Option<&SecretString>, data_dir: &Path) -> anyhow::Result<Self> {
        let master = match configured {
            Some(secret) => decode(secret.expose_secret()).context(
                "THRESHOLD_SESSION_KEY must be 32 bytes in base64 (`openssl rand -base64 32`)",
            )?,
            None => key_file(&data_dir.join(KEY_FILE))?,
        };
        Ok(Self::from_master(&master))
    }

    /// Encrypts `plain` for the store row `key`. The row key is bound in
    /// as associated data, so a sealed session copied to another row
    /// does not open there.
    pub fn seal(&self, key: &str, plain: &[u8]) -> Vec<u8> {
        let mut nonce = [0u8; NONCE_LEN];
        fill_random(&mut nonce);
        let mut out = plain.to_vec();
        // Sealing fails only for inputs over GCM's limit (64 GiB).
        if self
            .seal
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(key.as_bytes()),
                &mut out,
            )
            .is_err()
        {
            unreachable!("a session is far below AES-GCM's message limit");
        }
        let mut sealed = nonce.to_vec();
        sealed.extend_from_slice(&out);
        sealed
    }

    /// Decrypts what `seal` wrote for `key`; `None` for anything else (a
    /// row written under another key, or tampered with).
    pub fn open(&self, key: &str, sealed: &[u8]) -> Option<Vec<u8>> {
        if sealed.len() < NONCE_LEN {
            return None;
        }
        let (nonce, body) = sealed.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).ok()?;
        let mut body = body.to_vec();
        let plain = self
            .seal
            .open_in_place(nonce, Aad::from(key.as_bytes()), &mut body)
            .ok()?;
        Some(plain.to_vec())
    }

    /// The CSRF token for a session id: derived, not stored, so a visitor
    /// who only looks at a form costs no store write.
    pub fn csrf_token(&self, session_id: &str) -> String {
        URL_SAFE_NO_PAD.encode(hmac::sign(&self.csrf, session_id.as_bytes()).as_ref())
    }
}

impl SessionKeys {
    /// A keyed hash of a sign-in name (trimmed, lower-cased), for rate-limit
    /// counters and audit events: the same name always gives the same
    /// hash, but nobody without the key can test a list of addresses
    /// against it.
    pub fn name_hash(&self, name: &str) -> String {
        let name = name.trim().to_lowercase();
        let tag = hmac::sign(&self.names, name.as_bytes());
        URL_SAFE_NO_PAD.encode(&tag.as_ref()[..16])
    }
}

pub(crate) fn fill_random(bytes: &mut [u8]) {
    // aws-lc-rs reads the operating system's CSPRNG; failure there means
    // the machine cannot do cryptography at all.
    if aws_lc_rs::rand::fill(bytes).is_err() {
        panic!("the system random number generator failed");
    }
}

fn decode(text: &str) -> anyhow::Result<[u8; KEY_LEN]> {
    let text = text.trim();
    let bytes = STANDARD
        .decode(text)
        .or_else(|_| URL_SAFE_NO_PAD.decode(text.trim_end_matches('=')))
        .context("not base64")?;
    <[u8; KEY_LEN]>::try_from(bytes.as_slice())
        .map_err(|_| anyhow::anyhow!("{} bytes, not {KEY_LEN}", bytes.len()))
}

/// Reads the key file, or creates it (owner-only) with a new random key.
fn key_file(path: &Path) -> anyhow::Result<[u8; KEY_LEN]> {
    match std::fs::read_to_string(path) {
        Ok(text) => decode(&text).with_context(|| format!("reading {}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut key = [0u8; KEY_LEN];
            fill_random(&mut key);
            super::store::write_private(path, STANDARD.encode(key).as_bytes())?;
            tracing::info!(path = %path.display(), "created a new session key");
            Ok(key)
        }
        Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(byte: u8) -> SessionKeys {
        SessionKeys::from_master(&[byte; KEY_LEN])
    }

    #[test]
    fn sealed_sessions_open_only_under_their_row_and_key() {
        let sealed = keys(1).seal("row-a", b"{\"refresh\":\"eyJ...\"}");
        assert!(!sealed.windows(3).any(|w| w == b"eyJ"));
        assert_eq!(
            keys(1).open("row-a", &sealed).as_deref(),
            Some(&b"{\"refresh\":\"eyJ...\"}"[..])
        );
        assert_eq!(keys(1).open("row-b", &sealed), None, "moved to another row");
        assert_eq!(keys(2).open("row-a", &sealed), None, "another key");
        let mut tampered = sealed.clone();
        let last = tampered.len() - 1;
        tampered[last] ^= 1;
        assert_eq!(keys(1).open("row-a", &tampered), None);
    }

    #[test]
    fn csrf_tokens_belong_to_one_session_id_and_one_key() {
        let (a, b) = ("session-a", "session-b");
        assert_eq!(keys(1).csrf_token(a), keys(1).csrf_token(a));
        assert_ne!(keys(1).csrf_token(a), keys(1).csrf_token(b));
        assert_ne!(keys(1).csrf_token(a), keys(2).csrf_token(a));
    }

    #[test]
    fn name_hashes_ignore_case_and_need_the_key() {
        assert_eq!(
            keys(1).name_hash("Ada@Example.com "),
            keys(1).name_hash("ada@example.com")
        );
        assert_ne!(
            keys(1).name_hash("ada@example.com"),
            keys(1).name_hash("bob@example.com")
        );
        assert_ne!(
            keys(1).name_hash("ada@example.com"),
            keys(2).name_hash("ada@example.com")
        );
        assert!(!keys(1).name_hash("ada@example.com").contains("ada"));
    }

    #[test]
    fn the_key_file_is_created_once_and_private() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().expect("temp dir");
        let id = "session-a";
        let first = SessionKeys::load(None, dir.path()).expect("created");
        let again = SessionKeys::load(None, dir.path()).expect("read back");
        assert_eq!(first.csrf_token(id), again.csrf_token(id));
        let mode = std::fs::metadata(dir.path().join(KEY_FILE))
            .expect("key file")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn a_configured_key_must_be_32_bytes_of_base64() {
        let dir = tempfile::tempdir().expect("temp dir");
        let short = SecretString::from(STANDARD.encode([7u8; 16]));
        let err = SessionKeys::load(Some(&short), dir.path()).expect_err("16 bytes");
        assert!(format!("{err:#}").contains("THRESHOLD_SESSION_KEY"));
        let good = SecretString::from(STANDARD.encode([7u8; 32]));
        assert!(SessionKeys::load(Some(&good), dir.path()).is_ok());
        assert!(!dir.path().join(KEY_FILE).exists(), "nothing written");
    }
}
