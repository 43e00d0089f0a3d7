//! Server-side sessions. The browser holds one opaque, random id in an
//! HttpOnly cookie; everything else (tokens, the in-progress sign-in, flash
//! messages, the CSRF token) lives in the store, keyed by a hash of the id.

pub mod layer;
pub mod store;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

use aws_lc_rs::digest;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::flows::sign_in::SignInFlow;
use crate::flows::sign_up::SignUpFlow;

pub use store::{SessionStore, SqliteStore};

/// Idle lifetime of a session without a signed-in user.
pub const ANONYMOUS_TTL_SECS: u64 = 24 * 60 * 60;
/// Idle lifetime of a signed-in session; matches Cognito's default refresh
/// token validity, after which it could not be kept alive anyway.
pub const SIGNED_IN_TTL_SECS: u64 = 30 * 24 * 60 * 60;

/// A secret that is kept in the server-side store and nowhere else. It
/// serialises in clear text only for the store; `Debug` redacts it.
#[derive(Clone)]
pub struct StoredSecret(SecretString);

impl StoredSecret {
    pub fn new(secret: SecretString) -> Self {
        Self(secret)
    }
    pub fn secret(&self) -> &SecretString {
        &self.0
    }
}

impl std::fmt::Debug for StoredSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

impl Serialize for StoredSecret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0.expose_secret())
    }
}

impl<'de> Deserialize<'de> for StoredSecret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(|s| Self(SecretString::from(s)))
    }
}

/// The session id the browser holds. 256 random bits.
#[derive(Clone)]
pub struct SessionId(String);

impl SessionId {
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        // aws-lc-rs reads the operating system's CSPRNG; failure there
        // means the machine cannot do cryptography at all.
        if aws_lc_rs::rand::fill(&mut bytes).is_err() {
            panic!("the system random number generator failed");
        }
        Self(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// Accepts only values of the shape `generate` produces.
    pub fn parse(raw: &str) -> Option<Self> {
        (raw.len() == 43
            && raw
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
        .then(|| Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The store key: a hash, so a copy of the database holds no usable cookies.
    pub fn key(&self) -> String {
        let hash = digest::digest(&digest::SHA256, self.0.as_bytes());
        URL_SAFE_NO_PAD.encode(hash.as_ref())
    }
}

/// A message shown once on the next page.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Flash {
    pub level: FlashLevel,
    /// Catalog id, also rendered as `data-message-id`.
    pub id: String,
    #[serde(default)]
    pub args: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub enum FlashLevel {
    Info,
    Error,
}

impl Flash {
    pub fn info(id: &str) -> Self {
        Self {
            level: FlashLevel::Info,
            id: id.to_owned(),
            args: BTreeMap::new(),
        }
    }
    pub fn error(id: &str) -> Self {
        Self {
            level: FlashLevel::Error,
            id: id.to_owned(),
            args: BTreeMap::new(),
        }
    }
    pub fn with(mut self, name: &str, value: impl Into<String>) -> Self {
        self.args.insert(name.to_owned(), value.into());
        self
    }
}

/// What a failed form submission leaves for the page to show once: the
/// non-secret values typed, and an error per field (catalog ids).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FormState {
    pub form: String,
    pub values: BTreeMap<String, String>,
    pub errors: BTreeMap<String, String>,
}

/// The signed-in user and their tokens.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SignedInUser {
    /// The real username (`cognito:username`), for SECRET_HASH on refresh.
    pub username: String,
    pub sub: String,
    pub email: Option<String>,
    pub id_token: StoredSecret,
    pub access_token: StoredSecret,
    pub refresh_token: Option<StoredSecret>,
    /// Unix seconds.
    pub access_expires_at: u64,
    /// When this sign-in happened, in unix milliseconds; a "signed out
    /// everywhere" marker newer than this ends the session. Sessions saved
    /// before the field existed read 0, so any marker ends them.
    #[serde(default)]
    pub signed_in_at_ms: u64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SessionData {
    #[serde(default)]
    pub csrf_token: String,
    #[serde(default)]
    pub flash: Vec<Flash>,
    #[serde(default)]
    pub form: Option<FormState>,
    #[serde(default)]
    pub sign_in: Option<SignInFlow>,
    #[serde(default)]
    pub sign_up: Option<SignUpFlow>,
    #[serde(default)]
    pub user: Option<SignedInUser>,
    /// A password reset waiting for its code.
    #[serde(default)]
    pub recovery: Option<crate::flows::recovery::RecoveryFlow>,
    /// New email or phone values waiting for their code, by attribute.
    #[serde(default)]
    pub pending_contacts: BTreeMap<String, crate::flows::profile::PendingContact>,
    /// An authenticator-app secret being enrolled from the account page,
    /// kept so a reload shows the same QR code.
    #[serde(default)]
    pub totp_enrolment: Option<StoredSecret>,
}

struct Inner {
    id: Option<SessionId>,
    data: SessionData,
    dirty: bool,
    renew: bool,
    /// What this request already took out of the session. A page may be
    /// rendered more than once while its async parts resolve; each pass
    /// must see the same one-time messages.
    taken_flash: Option<Vec<Flash>>,
    taken_forms: BTreeMap<String, FormState>,
}

/// The current request's session. Cheap to clone; the layer saves it after
/// the handler ran if anything changed.
#[derive(Clone)]
pub struct Session(Arc<Mutex<Inner>>);

impl Session {
    pub(crate) fn new(id: Option<SessionId>, data: SessionData) -> Self {
        Self(Arc::new(Mutex::new(Inner {
            id,
            data,
            dirty: false,
            renew: false,
            taken_flash: None,
            taken_forms: BTreeMap::new(),
        })))
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock cannot leave the data half
        // written in a way that matters more than losing the request.
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn read<R>(&self, f: impl FnOnce(&SessionData) -> R) -> R {
        f(&self.lock().data)
    }

    pub fn update<R>(&self, f: impl FnOnce(&mut SessionData) -> R) -> R {
        let mut inner = self.lock();
        inner.dirty = true;
        f(&mut inner.data)
    }

    /// The token forms must carry; created (and the session saved) on first use.
    pub fn csrf_token(&self) -> String {
        let mut inner = self.lock();
        if inner.data.csrf_token.is_empty() {
            inner.data.csrf_token = SessionId::generate().0;
            inner.dirty = true;
        }
        inner.data.csrf_token.clone()
    }

    pub fn flash(&self, flash: Flash) {
        self.update(|d| d.flash.push(flash));
    }

    /// Messages for this page view; they are gone afterwards.
    pub fn take_flash(&self) -> Vec<Flash> {
        let mut inner = self.lock();
        if let Some(taken) = &inner.taken_flash {
            return taken.clone();
        }
        if !inner.data.flash.is_empty() {
            inner.dirty = true;
        }
        let taken = std::mem::take(&mut inner.data.flash);
        inner.taken_flash = Some(taken.clone());
        taken
    }

    /// The failed submission of `form`, if that is what the last POST left.
    pub fn take_form(&self, form: &str) -> FormState {
        let mut inner = self.lock();
        if let Some(taken) = inner.taken_forms.get(form) {
            return taken.clone();
        }
        let state = match &inner.data.form {
            Some(state) if state.form == form => {
                inner.dirty = true;
                inner.data.form.take().unwrap_or_default()
            }
            _ => FormState::default(),
        };
        inner.taken_forms.insert(form.to_owned(), state.clone());
        state
    }

    pub fn set_form(&self, state: FormState) {
        self.update(|d| d.form = Some(state));
    }

    /// Give the session a new id at the next save (at sign-in and
    /// sign-out), so an id planted before sign-in is worthless after it.
    pub fn renew(&self) {
        let mut inner = self.lock();
        inner.renew = true;
        inner.dirty = true;
        inner.data.csrf_token = SessionId::generate().0;
    }

    pub fn user(&self) -> Option<SignedInUser> {
        self.read(|d| d.user.clone())
    }

    pub(crate) fn id(&self) -> Option<SessionId> {
        self.lock().id.clone()
    }

    /// What the layer needs to save: `(old id to delete, id to save under, data)`,
    /// or `None` when nothing changed.
    pub(crate) fn take_changes(&self) -> Option<(Option<SessionId>, SessionId, SessionData)> {
        let mut inner = self.lock();
        if !inner.dirty {
            return None;
        }
        inner.dirty = false;
        let (old, new) = match (&inner.id, inner.renew) {
            (Some(id), false) => (None, id.clone()),
            (old, _) => (old.clone(), SessionId::generate()),
        };
        inner.renew = false;
        inner.id = Some(new.clone());
        Some((old, new, inner.data.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_ids_are_unique_and_parse_back() {
        let a = SessionId::generate();
        let b = SessionId::generate();
        assert_ne!(a.as_str(), b.as_str());
        assert!(SessionId::parse(a.as_str()).is_some());
        assert!(SessionId::parse("short").is_none());
        assert!(SessionId::parse(&"=".repeat(43)).is_none());
    }

    #[test]
    fn the_store_key_is_not_the_cookie_value() {
        let id = SessionId::generate();
        assert_ne!(id.key(), id.as_str());
    }

    #[test]
    fn flash_messages_show_once() {
        let session = Session::new(None, SessionData::default());
        session.flash(Flash::info("sign_out.done"));
        assert_eq!(session.take_flash().len(), 1);
        // The next request loads what this one saved.
        let next = Session::new(None, session.read(Clone::clone));
        assert!(next.take_flash().is_empty());
    }

    #[test]
    fn a_page_rendered_twice_in_one_request_sees_its_messages_both_times() {
        let session = Session::new(None, SessionData::default());
        session.flash(Flash::info("sign_out.done"));
        session.set_form(FormState {
            form: "totp".into(),
            ..FormState::default()
        });
        let first = (session.take_flash(), session.take_form("totp").form);
        let second = (session.take_flash(), session.take_form("totp").form);
        assert_eq!(first, second);
        assert_eq!(first.0.len(), 1);
        assert!(
            session.read(|d| d.flash.is_empty() && d.form.is_none()),
            "gone for the next request"
        );
    }

    #[test]
    fn renewing_changes_the_id_and_the_csrf_token() {
        let old = SessionId::generate();
        let session = Session::new(Some(old.clone()), SessionData::default());
        let token = session.csrf_token();
        session.renew();
        assert_ne!(session.csrf_token(), token);
        let (deleted, saved, _) = session
            .take_changes()
            .expect("renew marks the session changed");
        assert_eq!(deleted.map(|d| d.key()), Some(old.key()));
        assert_ne!(saved.key(), old.key());
    }

    #[test]
    fn secrets_are_redacted_in_debug_output() {
        let secret = StoredSecret::new(SecretString::from("token-value"));
        assert!(!format!("{secret:?}").contains("token-value"));
    }
}
