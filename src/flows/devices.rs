//! Remembered browsers ("Remember this browser" after MFA): Cognito's
//! device tracking, with the device's secrets kept on the server.
//!
//! - After an MFA code with the box ticked, the device the sign-in made is
//!   confirmed and remembered (ConfirmDevice, UpdateDeviceStatus), and its
//!   key, group and password are sealed with the session key and stored in
//!   the session store under `device:` + a hash of a random id. The browser
//!   gets only that id, in its own long-lived HttpOnly cookie
//!   ([`Session::device_id`]); the device password never reaches it.
//! - At the next sign-in with a name the record answers to, `DEVICE_KEY`
//!   goes with the password; the pool asks DEVICE_SRP_AUTH instead of MFA,
//!   and it is answered here. A refused device (forgotten on the pool) is
//!   dropped, and the sign-in starts again without it: the visitor gets
//!   MFA, never an error.
//! - `/account` lists the user's remembered devices, this browser marked,
//!   each with a Forget button (ForgetDevice).
//!
//! A record lasts [`REMEMBERED_SECS`] from when the box was ticked; the
//! device then stays listed on `/account` (the pool keeps it) until it is
//! forgotten there. Failing to remember never fails the sign-in.
//! <https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html>

use serde::{Deserialize, Serialize};

use super::{FlowError, fail, log_unexpected, now, signed_in};
use crate::cognito::challenge::Challenge;
use crate::cognito::devices::DeviceSecrets;
use crate::cognito::errors::CognitoError;
use crate::cognito::sign_in::{SignInStep, Tokens};
use crate::domain::{Password, SignInName};
use crate::routes::{Location, Page};
use crate::session::{Flash, FormState, Session, SessionId, StoredSecret};
use crate::state::AppState;

// ---------------------------------------------------------------- state

/// How long a browser stays remembered here: 90 days from when the box
/// was ticked, the period sites commonly offer for "remember this device"
/// (Cognito itself keeps a remembered device until it is forgotten).
pub const REMEMBERED_SECS: u64 = 90 * 24 * 60 * 60;

/// What the store keeps for one remembered browser, sealed with the
/// session key under its own row.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct RememberedDevice {
    /// Whose device it is (`sub`), and the names it answers to at sign-in:
    /// the name typed, the email and the real username.
    sub: String,
    names: Vec<String>,
    device_key: String,
    group_key: String,
    password: StoredSecret,
    expires_at: u64,
}

impl RememberedDevice {
    /// Whether a sign-in as `typed` is this device's user: email addresses
    /// in any capitalisation (as the app and the pool take them), other
    /// names exactly (a username pool may be case-sensitive).
    fn answers_to(&self, typed: &str) -> bool {
        let typed = typed.trim();
        !typed.is_empty()
            && self.names.iter().any(|name| {
                if name.contains('@') {
                    name.to_lowercase() == typed.to_lowercase()
                } else {
                    name == typed
                }
            })
    }

    fn secrets(&self) -> DeviceSecrets {
        DeviceSecrets {
            device_key: self.device_key.clone(),
            group_key: self.group_key.clone(),
            password: self.password.secret().clone(),
        }
    }
}

/// The store row of a device cookie's id: hashed, so a copy of the store
/// holds no usable cookie; prefixed, so it never meets a session's row.
fn row(id: &SessionId) -> String {
    format!("device:{}", id.key())
}

/// This browser's record, if its cookie names one that is stored, opens
/// under the session key and has not expired.
async fn load(app: &AppState, session: &Session) -> Option<(SessionId, RememberedDevice)> {
    let id = session.device_id()?;
    let key = row(&id);
    let stored = match app.sessions.store().load(&key).await {
        Ok(stored) => stored?,
        Err(e) => {
            tracing::warn!(error = ?e, "could not read a remembered device; signing in without it");
            return None;
        }
    };
    let record: RememberedDevice = app
        .sessions
        .keys()
        .open(&key, &stored.data)
        .and_then(|plain| serde_json::from_slice(&plain).ok())?;
    (record.expires_at > now()).then_some((id, record))
}

/// Stores `record` under a new id and points the cookie at it, replacing
/// the browser's earlier record (one remembered device per browser).
async fn save(app: &AppState, session: &Session, record: &RememberedDevice) -> anyhow::Result<()> {
    if let Some(old) = session.device_id() {
        app.sessions.store().delete(&row(&old)).await?;
    }
    let id = SessionId::generate();
    let key = row(&id);
    let sealed = app.sessions.keys().seal(&key, &serde_json::to_vec(record)?);
    app.sessions
        .store()
        .save(&key, &sealed, None, record.expires_at)
        .await?;
    session.set_device_id(id, REMEMBERED_SECS);
    Ok(())
}

/// Forgets this browser's record here (the row and the cookie); the pool
/// is not asked.
async fn drop_here(app: &AppState, session: &Session, id: &SessionId) {
    if let Err(e) = app.sessions.store().delete(&row(id)).await {
        tracing::warn!(error = ?e, "could not delete a remembered device's record");
    }
    session.clear_device_id();
}

// ---------------------------------------------------------------- steps

/// This browser's remembered device for a sign-in as `name`, if it has
/// one and remembering is on.
pub struct Remembered {
    id: SessionId,
    record: RememberedDevice,
}

impl Remembered {
    /// For the pool's `DEVICE_KEY`, sent with the password.
    pub fn device_key(&self) -> &str {
        &self.record.device_key
    }
}

pub async fn remembered_for(app: &AppState, session: &Session, name: &str) -> Option<Remembered> {
    if !app.remember_devices {
        return None;
    }
    load(app, session)
        .await
        .filter(|(_, record)| record.answers_to(name))
        .map(|(id, record)| Remembered { id, record })
}

/// The pool's answer to a password sent with `remembered`'s key: its
/// DEVICE_SRP_AUTH is answered here (MFA skipped). `Ok(None)` when the
/// pool refused the device: it is dropped here, and the caller signs in
/// again without it.
pub async fn answer(
    app: &AppState,
    session: &Session,
    remembered: Remembered,
    step: Result<SignInStep, CognitoError>,
) -> Result<Option<SignInStep>, CognitoError> {
    let pending = match step {
        Ok(SignInStep::Challenge(pending)) if pending.challenge == Challenge::DeviceSrp => pending,
        Ok(other) => return Ok(Some(other)),
        // Cognito refuses a forgotten device's key with the password
        // already ("Device does not exist").
        Err(CognitoError::NotFound(reason)) => {
            tracing::info!(%reason, "the pool no longer knows a remembered device; signing in without it");
            drop_here(app, session, &remembered.id).await;
            return Ok(None);
        }
        Err(e) => return Err(e),
    };
    match app
        .gateway
        .answer_device_challenge(
            &pending.session,
            &pending.username,
            &remembered.record.secrets(),
        )
        .await
    {
        // The tokens belong to this device: refreshing them names it.
        Ok(SignInStep::SignedIn(mut tokens)) => {
            tokens.device_key = Some(remembered.record.device_key.clone());
            Ok(Some(SignInStep::SignedIn(tokens)))
        }
        Ok(step) => Ok(Some(step)),
        // The pool is not answering: the device may well be fine.
        Err(e @ (CognitoError::Unavailable { .. } | CognitoError::TooManyRequests)) => Err(e),
        Err(e) => {
            tracing::info!(error = %e, "the pool refused a remembered device; signing in without it");
            drop_here(app, session, &remembered.id).await;
            Ok(None)
        }
    }
}

/// Signs in with the password, as [`crate::cognito::gateway::Gateway::sign_in`],
/// from this browser's remembered device when it has one for `name`: the
/// pool's DEVICE_SRP_AUTH is answered here, and MFA is skipped. A device
/// the pool refuses is dropped and the sign-in starts again without it.
pub async fn sign_in(
    app: &AppState,
    session: &Session,
    name: &SignInName,
    password: &Password,
) -> Result<SignInStep, CognitoError> {
    let Some(remembered) = remembered_for(app, session, name.as_str()).await else {
        return app.gateway.sign_in(name, password).await;
    };
    let step = app
        .gateway
        .sign_in_on(name, password, Some(remembered.device_key()))
        .await;
    match answer(app, session, remembered, step).await? {
        Some(step) => Ok(step),
        None => app.gateway.sign_in(name, password).await,
    }
}

/// What a completed sign-in says about the browser: whether "Remember
/// this browser" was ticked, and its User-Agent, to name the device.
#[derive(Debug, Clone, Copy, Default)]
pub struct Remember<'a> {
    pub asked: bool,
    pub user_agent: &'a str,
}

/// A sign-in's tokens in hand: in a pool that tracks devices, the device
/// it made is confirmed (a pool that tracks devices refreshes tokens only
/// for a confirmed device, with its key, which the tokens now carry), and
/// remembered when the visitor asked. A failure is logged and the sign-in
/// goes on: without remembering, and (if the confirmation failed) with
/// tokens the pool will not refresh, so the session ends when they expire.
pub async fn track(
    app: &AppState,
    session: &Session,
    remember: Remember<'_>,
    typed_name: &str,
    tokens: &mut Tokens,
) {
    let Some(device) = tokens.new_device.clone() else {
        if remember.asked {
            tracing::info!("the pool made no device to remember (is device tracking on?)");
        }
        return;
    };
    let name = browser_name(remember.user_agent);
    let secrets = match app
        .gateway
        .confirm_device(&tokens.access_token, &device, &name)
        .await
    {
        Ok(secrets) => secrets,
        Err(e) => {
            tracing::warn!(error = %e, "could not confirm the sign-in's device; its tokens will not refresh");
            return;
        }
    };
    tokens.device_key = Some(secrets.device_key.clone());
    if !remember.asked || !app.remember_devices {
        return;
    }
    if let Err(e) = app
        .gateway
        .remember_device(&tokens.access_token, &secrets.device_key)
        .await
    {
        tracing::warn!(error = %e, "could not remember this browser; signed in without it");
        return;
    }
    let record = RememberedDevice {
        sub: tokens.sub.clone(),
        names: names_of(tokens, typed_name),
        device_key: secrets.device_key,
        group_key: secrets.group_key,
        password: StoredSecret::new(secrets.password),
        expires_at: now().saturating_add(REMEMBERED_SECS),
    };
    match save(app, session, &record).await {
        Ok(()) => session.flash(Flash::info("devices.remembered")),
        Err(e) => {
            tracing::warn!(error = ?e, "could not store a remembered device; forgetting it");
            // Remembered on the pool with secrets nobody has: take it back.
            if let Err(e) = app
                .gateway
                .forget_device(&tokens.access_token, &record.device_key)
                .await
            {
                tracing::warn!(error = %e, "could not forget the device either");
            }
            // Forgotten, its tokens would not refresh either.
            tokens.device_key = None;
        }
    }
}

/// The names a record answers to: as typed, the email, the username.
fn names_of(tokens: &Tokens, typed_name: &str) -> Vec<String> {
    let mut names = vec![typed_name.trim().to_owned(), tokens.username.clone()];
    names.extend(tokens.email.clone());
    names.retain(|n| !n.is_empty());
    names.dedup();
    names
}

/// A remembered device of the signed-in user, for `/account`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RememberedBrowser {
    pub device_key: String,
    pub name: Option<String>,
    /// Unix seconds.
    pub last_used: Option<i64>,
    /// The one this browser holds the secrets of.
    pub this_browser: bool,
}

/// The user's remembered devices (ListDevices), or `None` when the app
/// does not offer remembering; `Err` when the pool could not list them.
pub async fn remembered(
    app: &AppState,
    session: &Session,
    user: &signed_in::SignedInUser,
) -> Option<Result<Vec<RememberedBrowser>, DeviceError>> {
    if !app.remember_devices {
        return None;
    }
    let here = load(app, session)
        .await
        .filter(|(_, record)| record.sub == user.sub)
        .map(|(_, record)| record.device_key);
    let listed = match app.gateway.list_devices(user.access_token.secret()).await {
        Ok(listed) => listed,
        Err(e) => return Some(Err(DeviceError::from_cognito(e))),
    };
    Some(Ok(listed
        .into_iter()
        .filter(|d| d.remembered)
        .map(|d| RememberedBrowser {
            this_browser: here.as_deref() == Some(d.device_key.as_str()),
            device_key: d.device_key,
            name: d.name,
            last_used: d.last_used,
        })
        .collect()))
}

/// Handles a Forget button on `/account` (ForgetDevice). Forgetting this
/// browser's device also drops its record and cookie.
pub async fn forget(app: &AppState, session: &Session, device_key: &str) -> Location {
    let back = Location::page(Page::Account);
    let user = match signed_in::require_for(app, session, &back).await {
        Ok(user) => user,
        Err(location) => return location,
    };
    let form = FormState::new(Page::Account);
    let key = device_key.trim();
    if !is_device_key(key) {
        return fail(session, form, &DeviceError::NotFound, back);
    }
    match app
        .gateway
        .forget_device(user.access_token.secret(), key)
        .await
    {
        // Forgotten already (in another tab, say): the outcome stands.
        Ok(()) | Err(CognitoError::NotFound(_)) => {}
        Err(CognitoError::SessionEnded(_)) => {
            return signed_in::ended_during(app, session, &back);
        }
        Err(e) => return fail(session, form, &DeviceError::from_cognito(e), back),
    }
    if let Some((id, record)) = load(app, session).await
        && record.device_key == key
    {
        drop_here(app, session, &id).await;
    }
    session.flash(Flash::info("devices.forgotten"));
    back
}

/// Cognito's device keys: a region, `_`, a UUID (at most 55 characters).
fn is_device_key(key: &str) -> bool {
    (1..=55).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// A name for the device from the browser's User-Agent ("Firefox on
/// Linux"), shown on `/account`; "Browser" when it says nothing known.
pub fn browser_name(user_agent: &str) -> String {
    // Order matters: Edge and Opera say "Chrome", Chrome says "Safari".
    const BROWSERS: &[(&str, &str)] = &[
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Chromium/", "Chromium"),
        ("Safari/", "Safari"),
    ];
    const SYSTEMS: &[(&str, &str)] = &[
        ("Android", "Android"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ];
    let find = |table: &[(&str, &'static str)]| {
        table
            .iter()
            .find(|(marker, _)| user_agent.contains(marker))
            .map(|(_, name)| *name)
    };
    match (find(BROWSERS), find(SYSTEMS)) {
        (Some(browser), Some(system)) => format!("{browser} on {system}"),
        (Some(name), None) | (None, Some(name)) => name.to_owned(),
        (None, None) => "Browser".to_owned(),
    }
}

// ---------------------------------------------------------------- errors

/// What can go wrong with remembered devices on `/account`.
#[derive(Debug)]
pub enum DeviceError {
    /// No such device (a key that is not one): "That device is not
    /// remembered any more."
    NotFound,
    /// Throttled by the pool.
    RateLimited,
    /// The pool cannot be reached: "try again in a moment".
    Unavailable,
    /// Anything else; logged.
    Unexpected,
}

impl DeviceError {
    fn from_cognito(error: CognitoError) -> Self {
        match error {
            CognitoError::NotFound(_) => Self::NotFound,
            CognitoError::TooManyRequests | CognitoError::LimitExceeded => Self::RateLimited,
            e @ CognitoError::Unavailable { .. } => {
                log_unexpected(&e);
                Self::Unavailable
            }
            other => {
                log_unexpected(&other);
                Self::Unexpected
            }
        }
    }
}

impl FlowError for DeviceError {
    fn message_id(&self) -> &'static str {
        match self {
            Self::NotFound => "devices.not_found",
            Self::RateLimited => "error.rate_limited",
            Self::Unavailable => "error.unavailable",
            Self::Unexpected => "error.unexpected",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(names: &[&str]) -> RememberedDevice {
        RememberedDevice {
            sub: "sub".into(),
            names: names.iter().map(|n| (*n).to_owned()).collect(),
            device_key: "eu-west-1_k".into(),
            group_key: "-g".into(),
            password: StoredSecret::new(secrecy::SecretString::from("p".to_owned())),
            expires_at: u64::MAX,
        }
    }

    #[test]
    fn a_record_answers_to_its_users_names_only() {
        let ada = record(&["Ada@Example.com", "5f0c-uuid"]);
        assert!(ada.answers_to("ada@example.com"));
        assert!(ada.answers_to(" ADA@EXAMPLE.COM "));
        assert!(ada.answers_to("5f0c-uuid"));
        assert!(!ada.answers_to("bob@example.com"));
        assert!(!ada.answers_to("5F0C-UUID"), "usernames compare exactly");
        assert!(!ada.answers_to(""));
    }

    #[test]
    fn device_keys_are_checked_before_the_pool_sees_them() {
        assert!(is_device_key(
            "eu-west-1_0f8a7c1e-1234-4bcd-9def-0123456789ab"
        ));
        assert!(!is_device_key(""));
        assert!(!is_device_key("a/b"));
        assert!(!is_device_key(&"k".repeat(56)));
    }

    #[test]
    fn browsers_are_named_from_their_user_agent() {
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
        assert_eq!(browser_name(firefox), "Firefox on Linux");
        let edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0";
        assert_eq!(browser_name(edge), "Edge on Windows");
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
        assert_eq!(browser_name(iphone), "Safari on iOS");
        assert_eq!(browser_name(""), "Browser");
    }

    #[test]
    fn the_stored_record_never_debug_prints_the_device_password() {
        let shown = format!("{:?}", record(&["a@b.c"]));
        assert!(!shown.contains("\"p\""), "{shown}");
        assert!(shown.contains("[redacted]"));
    }
}
