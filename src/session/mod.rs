//! Server-side sessions. The browser holds one opaque, random id in an
//! HttpOnly cookie; everything else lives in the store, keyed by a hash of
//! the id.
//!
//! The session knows no flow. It keeps what every page needs (the CSRF
//! token, one-time messages, the last failed form) and otherwise stores
//! typed values by key, in the manner of tower-sessions: each flow owns
//! its state type and names its key through [`SessionValue`].

pub mod layer;
pub mod store;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

use aws_lc_rs::digest;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::routes::Page;

/// Idle lifetime of a session unless a value asks for longer
/// ([`Session::keep_for`]).
pub const ANONYMOUS_TTL_SECS: u64 = 24 * 60 * 60;

/// A value a flow keeps in the session, under its own key.
pub trait SessionValue: Serialize + DeserializeOwned {
    /// The key it is stored under; unique across the app.
    const KEY: &'static str;
}

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

/// 32 random bytes, URL-safe base64: session ids and CSRF tokens.
fn random_token() -> String {
    let mut bytes = [0u8; 32];
    // aws-lc-rs reads the operating system's CSPRNG; failure there
    // means the machine cannot do cryptography at all.
    if aws_lc_rs::rand::fill(&mut bytes).is_err() {
        panic!("the system random number generator failed");
    }
    URL_SAFE_NO_PAD.encode(bytes)
}

impl SessionId {
    pub fn generate() -> Self {
        Self(random_token())
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

/// What a form post leaves for its page to show once: the non-secret
/// values typed (so nobody types them again) and an error per field
/// (catalog ids). Also used to prefill a form on another page, such as the
/// sign-in name after a confirmed sign-up.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FormState {
    /// The page whose form this is.
    pub page: Page,
    pub values: BTreeMap<String, String>,
    pub errors: BTreeMap<String, String>,
}

impl FormState {
    pub fn new(page: Page) -> Self {
        Self {
            page,
            values: BTreeMap::new(),
            errors: BTreeMap::new(),
        }
    }

    /// Keeps a non-secret value so the visitor does not type it again.
    pub fn keep(mut self, field: &str, value: &str) -> Self {
        self.values.insert(field.to_owned(), value.to_owned());
        self
    }

    /// Marks `field` with the message `message_id`.
    pub fn error(mut self, field: &str, message_id: &str) -> Self {
        self.errors.insert(field.to_owned(), message_id.to_owned());
        self
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// An error for this field, if any (for pages rendering it).
    pub fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.get(field).map(String::as_str)
    }
}

/// Everything a session holds. Serialised whole into the store.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SessionData {
    #[serde(default)]
    pub csrf_token: String,
    #[serde(default)]
    pub flash: Vec<Flash>,
    #[serde(default)]
    pub form: Option<FormState>,
    /// Idle lifetime in seconds, when a value asked for more than
    /// [`ANONYMOUS_TTL_SECS`].
    #[serde(default)]
    pub keep_for_secs: Option<u64>,
    /// The flows' values, by [`SessionValue::KEY`].
    #[serde(default)]
    pub values: BTreeMap<String, serde_json::Value>,
}

impl SessionData {
    /// How long the store keeps this session after its last save.
    pub fn ttl_secs(&self) -> u64 {
        self.keep_for_secs.unwrap_or(ANONYMOUS_TTL_SECS)
    }
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

    /// The value stored for `T`, if any. A value that no longer reads as
    /// `T` (written by an older version) counts as absent.
    pub fn get<T: SessionValue>(&self) -> Option<T> {
        let inner = self.lock();
        let raw = inner.data.values.get(T::KEY)?;
        serde_json::from_value(raw.clone()).ok()
    }

    /// Stores `value` under `T::KEY`, replacing what was there.
    pub fn insert<T: SessionValue>(&self, value: &T) {
        match serde_json::to_value(value) {
            Ok(raw) => {
                let mut inner = self.lock();
                inner.data.values.insert(T::KEY.to_owned(), raw);
                inner.dirty = true;
            }
            // Session values are plain structs of strings and numbers;
            // this only fails if one gains a map with non-string keys.
            Err(e) => tracing::error!(key = T::KEY, error = %e, "could not store a session value"),
        }
    }

    /// Forgets the value stored for `T`.
    pub fn remove<T: SessionValue>(&self) {
        let mut inner = self.lock();
        if inner.data.values.remove(T::KEY).is_some() {
            inner.dirty = true;
        }
    }

    /// Takes the value stored for `T` out of the session.
    pub fn take<T: SessionValue>(&self) -> Option<T> {
        let value = self.get::<T>();
        self.remove::<T>();
        value
    }

    /// Keep the session for `secs` of idleness instead of the anonymous
    /// default (a signed-in session lives as long as its refresh token).
    pub fn keep_for(&self, secs: u64) {
        let mut inner = self.lock();
        inner.data.keep_for_secs = Some(secs);
        inner.dirty = true;
    }

    /// The token forms must carry; created (and the session saved) on first use.
    pub fn csrf_token(&self) -> String {
        let mut inner = self.lock();
        if inner.data.csrf_token.is_empty() {
            inner.data.csrf_token = random_token();
            inner.dirty = true;
        }
        inner.data.csrf_token.clone()
    }

    pub(crate) fn expected_csrf_token(&self) -> String {
        self.lock().data.csrf_token.clone()
    }

    pub fn flash(&self, flash: Flash) {
        let mut inner = self.lock();
        inner.data.flash.push(flash);
        inner.dirty = true;
    }

    /// Drops messages waiting for the next page.
    pub fn clear_flash(&self) {
        let mut inner = self.lock();
        if !inner.data.flash.is_empty() {
            inner.data.flash.clear();
            inner.dirty = true;
        }
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

    /// The form state the last post left for `page`, or an empty one.
    pub fn take_form(&self, page: Page) -> FormState {
        let mut inner = self.lock();
        let key = page.path().to_owned();
        if let Some(taken) = inner.taken_forms.get(&key) {
            return taken.clone();
        }
        let state = match &inner.data.form {
            Some(state) if state.page == page => {
                inner.dirty = true;
                inner
                    .data
                    .form
                    .take()
                    .unwrap_or_else(|| FormState::new(page))
            }
            _ => FormState::new(page),
        };
        inner.taken_forms.insert(key, state.clone());
        state
    }

    /// Leaves `form` for its page's next view.
    pub fn set_form(&self, form: FormState) {
        let mut inner = self.lock();
        inner.data.form = Some(form);
        inner.dirty = true;
    }

    /// Starts over under a new id (at sign-in, sign-out and every other
    /// change of who is signed in), so an id planted or seen before is
    /// worthless after. Nothing crosses over but a new CSRF token and the
    /// messages for the next page: no flow, no form, no value of the
    /// previous visitor.
    pub fn renew(&self) {
        let mut inner = self.lock();
        let flash = std::mem::take(&mut inner.data.flash);
        inner.data = SessionData {
            csrf_token: random_token(),
            flash,
            ..SessionData::default()
        };
        inner.taken_forms.clear();
        inner.renew = true;
        inner.dirty = true;
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

    /// A copy of what would be saved, for tests.
    #[cfg(test)]
    fn data(&self) -> SessionData {
        self.lock().data.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Draft {
        text: String,
    }

    impl SessionValue for Draft {
        const KEY: &'static str = "test.draft";
    }

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
    fn typed_values_are_stored_by_key_and_taken_out() {
        let session = Session::new(None, SessionData::default());
        assert_eq!(session.get::<Draft>(), None);
        session.insert(&Draft {
            text: "hello".into(),
        });
        // The next request loads what this one saved.
        let next = Session::new(None, session.data());
        assert_eq!(
            next.take::<Draft>(),
            Some(Draft {
                text: "hello".into()
            })
        );
        assert_eq!(next.get::<Draft>(), None);
    }

    #[test]
    fn flash_messages_show_once() {
        let session = Session::new(None, SessionData::default());
        session.flash(Flash::info("sign_out.done"));
        assert_eq!(session.take_flash().len(), 1);
        let next = Session::new(None, session.data());
        assert!(next.take_flash().is_empty());
    }

    #[test]
    fn a_page_rendered_twice_in_one_request_sees_its_messages_both_times() {
        let session = Session::new(None, SessionData::default());
        session.flash(Flash::info("sign_out.done"));
        session.set_form(FormState::new(Page::TotpSetup).error("code", "code.mismatch"));
        let first = (
            session.take_flash(),
            session.take_form(Page::TotpSetup).errors,
        );
        let second = (
            session.take_flash(),
            session.take_form(Page::TotpSetup).errors,
        );
        assert_eq!(first, second);
        assert_eq!(first.0.len(), 1);
        let saved = session.data();
        assert!(
            saved.flash.is_empty() && saved.form.is_none(),
            "gone for the next request"
        );
    }

    #[test]
    fn a_form_left_for_one_page_is_not_shown_on_another() {
        let session = Session::new(None, SessionData::default());
        session.set_form(FormState::new(Page::SignIn).keep("username", "ada@example.com"));
        assert!(session.take_form(Page::SignUp).values.is_empty());
        assert_eq!(
            session.take_form(Page::SignIn).values.get("username"),
            Some(&"ada@example.com".to_owned())
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
    fn renewing_keeps_nothing_but_the_messages_and_a_new_csrf_token() {
        let session = Session::new(Some(SessionId::generate()), SessionData::default());
        session.insert(&Draft {
            text: "the previous visitor's".into(),
        });
        session.set_form(FormState::new(Page::Profile).keep("name", "Ada"));
        session.keep_for(99);
        session.flash(Flash::info("sign_out.done"));
        session.renew();
        let data = session.data();
        assert!(data.values.is_empty(), "no value survives: {data:?}");
        assert!(data.form.is_none());
        assert_eq!(data.keep_for_secs, None);
        assert_eq!(data.flash, vec![Flash::info("sign_out.done")]);
        assert!(!data.csrf_token.is_empty());
    }

    #[test]
    fn secrets_are_redacted_in_debug_output() {
        let secret = StoredSecret::new(SecretString::from("token-value"));
        assert!(!format!("{secret:?}").contains("token-value"));
    }
}
