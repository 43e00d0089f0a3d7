//! Server-side sessions. The browser holds one opaque, random id in an
//! HttpOnly cookie; everything else lives in the store, keyed by a hash of
//! the id.
//!
//! The session knows no flow. It keeps what every page needs (the CSRF
//! token, one-time messages, the last failed form) and otherwise stores
//! typed values by key, in the manner of tower-sessions: each flow owns
//! its state type and names its key through [`SessionValue`].

pub mod keys;
pub mod layer;
pub mod redis_store;
pub mod store;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

use aws_lc_rs::digest;

use self::keys::SessionKeys;
use self::store::{Saved, SessionStore, Stored};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::routes::Page;

/// Idle lifetime of a session unless a value asks for longer
/// ([`Session::keep_for`]).
pub const ANONYMOUS_TTL_SECS: u64 = 24 * 60 * 60;

/// A session in use is touched (saved, moving its expiry) at most this
/// often, so browsing costs a store write a minute, not one a request.
pub const TOUCH_EVERY_SECS: u64 = 60;

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

/// 32 random bytes, URL-safe base64: session ids.
fn random_token() -> String {
    let mut bytes = [0u8; 32];
    keys::fill_random(&mut bytes);
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
    /// The fields in error, in the order the flow checked them (the
    /// form's order): the error summary lists them so, and focus goes to
    /// the first.
    #[serde(default)]
    pub error_order: Vec<String>,
    /// After a new password was checked against the policy: the rules it
    /// broke (`Rule::name`), so the checklist shows which are met. Only
    /// rule names are kept, never anything of the password.
    #[serde(default)]
    pub unmet_rules: Option<Vec<String>>,
    /// Values the form's messages take (`count`: the policy's minimum
    /// length, for "Use at least 8 characters.").
    #[serde(default)]
    pub message_args: BTreeMap<String, String>,
}

impl FormState {
    pub fn new(page: Page) -> Self {
        Self {
            page,
            values: BTreeMap::new(),
            errors: BTreeMap::new(),
            error_order: Vec::new(),
            unmet_rules: None,
            message_args: BTreeMap::new(),
        }
    }

    /// Keeps a non-secret value so the visitor does not type it again.
    /// What one form may keep is capped ([`Self::MAX_KEPT_BYTES`]): a
    /// value past the cap is not kept, and the visitor types it again,
    /// rather than one post filling the session store.
    pub fn keep(mut self, field: &str, value: &str) -> Self {
        let kept: usize = self.values.iter().map(|(k, v)| k.len() + v.len()).sum();
        if kept + field.len() + value.len() <= Self::MAX_KEPT_BYTES {
            self.values.insert(field.to_owned(), value.to_owned());
        }
        self
    }

    /// Room for a form's typed values: every field of the longest form
    /// (the profile) at a generous length.
    pub const MAX_KEPT_BYTES: usize = 2048;

    /// Marks `field` with the message `message_id`.
    pub fn error(mut self, field: &str, message_id: &str) -> Self {
        if self
            .errors
            .insert(field.to_owned(), message_id.to_owned())
            .is_none()
        {
            self.error_order.push(field.to_owned());
        }
        self
    }

    /// The fields in error with their messages, in the form's order.
    pub fn errors_in_order(&self) -> Vec<(String, String)> {
        let mut fields: Vec<&String> = self.error_order.iter().collect();
        // Errors recorded by an older version carry no order.
        fields.extend(self.errors.keys().filter(|k| !self.error_order.contains(k)));
        fields
            .into_iter()
            .filter_map(|f| self.errors.get(f).map(|m| (f.clone(), m.clone())))
            .collect()
    }

    /// Puts the errors in the page's order of `fields` (those not named
    /// keep their place after them), for a flow that checks its fields in
    /// another order than the page shows them.
    pub fn in_page_order(mut self, fields: &[&str]) -> Self {
        let rank = |f: &String| {
            fields
                .iter()
                .position(|name| name == f)
                .unwrap_or(fields.len())
        };
        self.error_order.sort_by_key(rank);
        self
    }

    /// The first field in error, where focus goes.
    pub fn first_error(&self) -> Option<String> {
        self.errors_in_order().into_iter().next().map(|(f, _)| f)
    }

    /// Records which of the policy's rules `password` breaks, for the
    /// checklist (an empty password is not checked: nothing to tick).
    pub fn check_password(
        mut self,
        policy: &crate::domain::PasswordPolicy,
        password: &str,
    ) -> Self {
        self.message_args
            .insert("count".to_owned(), policy.min_length.to_string());
        if !password.is_empty() {
            self.unmet_rules = Some(
                policy
                    .rules()
                    .into_iter()
                    .filter(|rule| !rule.holds(password))
                    .map(|rule| rule.name().to_owned())
                    .collect(),
            );
        }
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
    /// When a request last saved or touched the session (unix seconds):
    /// the idle clock.
    #[serde(default)]
    pub touched_at: u64,
}

impl SessionData {
    /// How long the store keeps this session after its last save.
    pub fn ttl_secs(&self) -> u64 {
        self.keep_for_secs.unwrap_or(ANONYMOUS_TTL_SECS)
    }

    /// Nothing worth a row in the store.
    pub fn is_empty(&self) -> bool {
        self.flash.is_empty() && self.form.is_none() && self.values.is_empty()
    }
}

/// The store and the key together: sessions go in sealed and come out
/// opened, and the rest of the app never sees the bytes.
#[derive(Clone)]
pub struct SessionVault {
    store: Arc<dyn SessionStore>,
    keys: Arc<SessionKeys>,
}

/// A session as loaded: its data and the version to save against.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub data: SessionData,
    pub version: u64,
}

impl SessionVault {
    pub fn new(store: Arc<dyn SessionStore>, keys: Arc<SessionKeys>) -> Self {
        Self { store, keys }
    }

    pub fn store(&self) -> &Arc<dyn SessionStore> {
        &self.store
    }

    pub fn keys(&self) -> &Arc<SessionKeys> {
        &self.keys
    }

    /// The session for `id`. A row that does not open (another key, an
    /// older format) loads as empty data at its version, so the next save
    /// replaces it.
    pub async fn load(&self, id: &SessionId) -> anyhow::Result<Option<Loaded>> {
        let key = id.key();
        let Some(Stored { data, version }) = self.store.load(&key).await? else {
            return Ok(None);
        };
        let data = self
            .keys
            .open(&key, &data)
            .and_then(|plain| serde_json::from_slice(&plain).ok())
            .unwrap_or_default();
        Ok(Some(Loaded { data, version }))
    }

    /// Seals and saves `data` for `id` if the row is still at `loaded`.
    pub async fn save(
        &self,
        id: &SessionId,
        data: &SessionData,
        loaded: Option<u64>,
    ) -> anyhow::Result<Saved> {
        let key = id.key();
        let plain = serde_json::to_vec(data)?;
        let sealed = self.keys.seal(&key, &plain);
        self.store
            .save(
                &key,
                &sealed,
                loaded,
                store::unix_now().saturating_add(data.ttl_secs()),
            )
            .await
    }

    /// Deletes `id`'s row only if it is still at `version`; whether it did.
    pub async fn delete_if(&self, id: &SessionId, version: u64) -> anyhow::Result<bool> {
        self.store.delete_if(&id.key(), version).await
    }

    pub async fn delete(&self, id: &SessionId) -> anyhow::Result<()> {
        self.store.delete(&id.key()).await
    }
}

struct Inner {
    /// The id this request's session is (or will be) stored under.
    id: SessionId,
    /// The browser sent `id` in its cookie, so it need not be set again.
    known: bool,
    /// The version of the row this request loaded; `None`: no row.
    version: Option<u64>,
    /// The id renewed away from: its row is deleted at save (only if
    /// still at the version given, when the data moves with it).
    replaced: Option<(SessionId, Option<u64>)>,
    data: SessionData,
    dirty: bool,
    /// A page handed out the CSRF token, so the browser needs the cookie.
    wants_cookie: bool,
    keys: Arc<SessionKeys>,
    /// What this request already took out of the session. A page may be
    /// rendered more than once while its async parts resolve; each pass
    /// must see the same one-time messages.
    taken_flash: Option<Vec<Flash>>,
    taken_forms: BTreeMap<String, FormState>,
    /// The id in the browser's device cookie (see [`Session::device_id`]),
    /// as sent or as set during this request.
    device_id: Option<SessionId>,
    /// A change of the device cookie for the layer to send: set (with its
    /// lifetime in seconds) or removed.
    device_change: Option<Option<(SessionId, u64)>>,
}

/// What the layer does with a session after the request.
pub(crate) struct Changes {
    pub id: SessionId,
    /// Delete this row (renewed away from); with a version, only if the
    /// row is still at it, and nothing is written if it is not.
    pub delete: Option<(SessionId, Option<u64>)>,
    pub write: Write,
    /// Send the cookie (a new id, or a long-lived session's new expiry).
    pub set_cookie: bool,
    /// How long the store keeps the session after this request.
    pub ttl_secs: u64,
    /// Whether the session asked to be kept longer than an anonymous one
    /// ([`Session::keep_for`]: a signed-in session).
    pub kept: bool,
}

pub(crate) enum Write {
    Nothing,
    /// Save against the version loaded (`None`: the row must not exist).
    Save(Box<SessionData>, Option<u64>),
    /// The session holds nothing any more: remove its row.
    Remove,
}

/// The current request's session. Cheap to clone; the layer saves it after
/// the handler ran if anything changed.
#[derive(Clone)]
pub struct Session(Arc<Mutex<Inner>>);

impl Session {
    /// The session of a browser that sent `id` (with its row, if one was
    /// loaded), or a new one when it sent none.
    pub(crate) fn new(
        id: Option<SessionId>,
        loaded: Option<Loaded>,
        keys: Arc<SessionKeys>,
    ) -> Self {
        let known = id.is_some();
        let now = store::unix_now();
        let (data, version) = match loaded {
            Some(Loaded { data, version }) => (data, Some(version)),
            None => (SessionData::default(), None),
        };
        // The store expires rows by the same clock; this is the check that
        // does not depend on the store (and on its expiry being exact).
        let idle = now.saturating_sub(data.touched_at);
        let expired = data.touched_at != 0 && idle >= data.ttl_secs();
        if expired {
            tracing::info!("session ended: idle for longer than its lifetime");
        }
        let data = if expired {
            SessionData::default()
        } else {
            data
        };
        // Expired: the row goes. In use: the idle clock restarts.
        let dirty = expired || (version.is_some() && idle >= TOUCH_EVERY_SECS);
        Self(Arc::new(Mutex::new(Inner {
            id: id.unwrap_or_else(SessionId::generate),
            known,
            version,
            replaced: None,
            data,
            dirty,
            wants_cookie: false,
            keys,
            taken_flash: None,
            taken_forms: BTreeMap::new(),
            device_id: None,
            device_change: None,
        })))
    }

    /// The id in the browser's long-lived device cookie, if it sent one (or
    /// this request set one). A second cookie, apart from the session's:
    /// it outlives sign-out, renewal and the session itself, and holds
    /// only a random id under which a flow keeps what it remembers about
    /// this browser (a remembered device's secrets, sealed, in the store).
    pub fn device_id(&self) -> Option<SessionId> {
        self.lock().device_id.clone()
    }

    /// Sets the device cookie to `id` for `max_age_secs`.
    pub fn set_device_id(&self, id: SessionId, max_age_secs: u64) {
        let mut inner = self.lock();
        inner.device_id = Some(id.clone());
        inner.device_change = Some(Some((id, max_age_secs)));
    }

    /// Removes the device cookie from the browser.
    pub fn clear_device_id(&self) {
        let mut inner = self.lock();
        inner.device_id = None;
        inner.device_change = Some(None);
    }

    /// The device cookie the browser sent (the layer, at load).
    pub(crate) fn set_sent_device_id(&self, id: Option<SessionId>) {
        self.lock().device_id = id;
    }

    /// The change of the device cookie to send, if any.
    pub(crate) fn take_device_change(&self) -> Option<Option<(SessionId, u64)>> {
        self.lock().device_change.take()
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

    /// The token forms must carry. Derived from the session id (see
    /// [`keys::SessionKeys::csrf_token`]), so handing it out writes
    /// nothing; the browser only needs the cookie.
    pub fn csrf_token(&self) -> String {
        let mut inner = self.lock();
        inner.wants_cookie = true;
        inner.keys.csrf_token(inner.id.as_str())
    }

    /// The token a state-changing request must present; none when the
    /// browser sent no session cookie.
    pub(crate) fn expected_csrf_token(&self) -> Option<String> {
        let inner = self.lock();
        inner
            .known
            .then(|| inner.keys.csrf_token(inner.id.as_str()))
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
    /// worthless after, and so is its CSRF token. Nothing crosses over but
    /// the messages for the next page: no flow, no form, no value of the
    /// previous visitor.
    pub fn renew(&self) {
        let mut inner = self.lock();
        let flash = std::mem::take(&mut inner.data.flash);
        inner.data = SessionData {
            flash,
            ..SessionData::default()
        };
        inner.taken_forms.clear();
        drop(inner);
        self.move_to_new_id(false);
    }

    /// Moves the session, with everything in it, to a new id (at a change
    /// of privilege), so an id seen before is worthless after.
    pub fn rotate_id(&self) {
        self.move_to_new_id(true);
    }

    /// A new id; the old row is deleted at save. With `keeps_data`, the
    /// data moves only if the old row is still as this request loaded it:
    /// a session signed out meanwhile (another tab) is not brought back
    /// under the new id.
    fn move_to_new_id(&self, keeps_data: bool) {
        let mut inner = self.lock();
        let old = std::mem::replace(&mut inner.id, SessionId::generate());
        let guard = if keeps_data { inner.version } else { None };
        if inner.known || inner.version.is_some() {
            inner.replaced.get_or_insert((old, guard));
        }
        inner.known = false;
        inner.version = None;
        inner.dirty = true;
    }

    /// What the layer must do now; the session is clean afterwards.
    pub(crate) fn take_changes(&self) -> Changes {
        let mut inner = self.lock();
        let write = if !inner.dirty {
            Write::Nothing
        } else if inner.data.is_empty() {
            if inner.version.is_some() {
                Write::Remove
            } else {
                Write::Nothing
            }
        } else {
            inner.data.touched_at = store::unix_now();
            Write::Save(Box::new(inner.data.clone()), inner.version)
        };
        inner.dirty = false;
        let saving = matches!(write, Write::Save(..));
        let set_cookie = (!inner.known && (inner.wants_cookie || saving))
            || (saving && inner.data.keep_for_secs.is_some());
        Changes {
            id: inner.id.clone(),
            delete: inner.replaced.take(),
            write,
            set_cookie,
            ttl_secs: inner.data.ttl_secs(),
            kept: inner.data.keep_for_secs.is_some(),
        }
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

    fn keys() -> Arc<SessionKeys> {
        Arc::new(SessionKeys::from_master(&[9; keys::KEY_LEN]))
    }

    fn fresh() -> Session {
        Session::new(None, None, keys())
    }

    /// The next request of the same browser, seeing what `session` saved.
    fn next(session: &Session) -> Session {
        Session::new(
            None,
            Some(Loaded {
                data: session.data(),
                version: 1,
            }),
            keys(),
        )
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
        let session = fresh();
        assert_eq!(session.get::<Draft>(), None);
        session.insert(&Draft {
            text: "hello".into(),
        });
        // The next request loads what this one saved.
        let next = next(&session);
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
        let session = fresh();
        session.flash(Flash::info("sign_out.done"));
        assert_eq!(session.take_flash().len(), 1);
        let next = next(&session);
        assert!(next.take_flash().is_empty());
    }

    #[test]
    fn a_page_rendered_twice_in_one_request_sees_its_messages_both_times() {
        let session = fresh();
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
        let session = fresh();
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
        let session = Session::new(Some(old.clone()), None, keys());
        let token = session.csrf_token();
        assert_eq!(session.expected_csrf_token(), Some(token.clone()));
        session.renew();
        assert_ne!(session.csrf_token(), token);
        let changes = session.take_changes();
        assert_eq!(changes.delete.map(|(d, _)| d.key()), Some(old.key()));
        assert_ne!(changes.id.key(), old.key());
        assert!(changes.set_cookie);
    }

    #[test]
    fn a_browser_without_a_cookie_expects_no_token_and_only_looking_writes_nothing() {
        let session = fresh();
        assert_eq!(session.expected_csrf_token(), None);
        let _ = session.csrf_token();
        let _ = session.take_flash();
        let changes = session.take_changes();
        assert!(matches!(changes.write, Write::Nothing));
        assert!(changes.set_cookie, "the form's token needs its cookie");
    }

    #[test]
    fn a_session_emptied_by_its_page_view_is_removed() {
        let session = fresh();
        session.flash(Flash::info("sign_out.done"));
        let next = next(&session);
        assert_eq!(next.take_flash().len(), 1);
        assert!(matches!(next.take_changes().write, Write::Remove));
    }

    #[test]
    fn kept_form_values_are_capped() {
        let long = "x".repeat(FormState::MAX_KEPT_BYTES);
        let form = FormState::new(Page::SignUp)
            .keep("email", "ada@example.com")
            .keep("name", &long);
        assert_eq!(
            form.values.get("email").map(String::as_str),
            Some("ada@example.com")
        );
        assert_eq!(form.values.get("name"), None, "past the cap: typed again");
    }

    #[test]
    fn the_device_cookie_outlives_renewal_and_is_sent_only_when_changed() {
        let session = fresh();
        let sent = SessionId::generate();
        session.set_sent_device_id(Some(sent.clone()));
        session.renew();
        assert_eq!(
            session.device_id().map(|id| id.as_str().to_owned()),
            Some(sent.as_str().to_owned())
        );
        assert!(session.take_device_change().is_none(), "nothing to send");
        let new = SessionId::generate();
        session.set_device_id(new.clone(), 60);
        let change = session.take_device_change().expect("a change");
        assert_eq!(
            change.map(|(id, secs)| (id.as_str().to_owned(), secs)),
            Some((new.as_str().to_owned(), 60))
        );
        session.clear_device_id();
        assert!(session.device_id().is_none());
        assert!(matches!(session.take_device_change(), Some(None)));
    }

    #[test]
    fn renewing_keeps_nothing_but_the_messages_and_a_new_csrf_token() {
        let session = Session::new(Some(SessionId::generate()), None, keys());
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
    }

    #[test]
    fn secrets_are_redacted_in_debug_output() {
        let secret = StoredSecret::new(SecretString::from("token-value"));
        assert!(!format!("{secret:?}").contains("token-value"));
    }
}
