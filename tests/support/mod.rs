//! The test harness: the app on port 0 against the embedded local pool on
//! port 0, driven over HTTP like a browser with JavaScript off: forms,
//! `Accept: text/html`, redirects not followed, one cookie kept by hand
//! (the session cookie is `Secure`, which cookie jars refuse over http).

#![allow(dead_code)] // each test binary uses a different part of the harness

pub mod totp;

use std::sync::Mutex;

use reqwest::header::{ACCEPT, COOKIE, LOCATION, SET_COOKIE};
use reqwest::{Response, StatusCode, redirect};
use threshold::config::Config;
use threshold::startup::Application;
use threshold::state::AppState;

pub const PASSWORD: &str = "Correct-horse-7";

pub struct TestApp {
    pub base: String,
    pub state: AppState,
    pub clock: local_pool::Clock,
    client: reqwest::Client,
    cookie: Mutex<Option<String>>,
    _dir: Option<tempfile::TempDir>,
}

/// A response read whole: status, redirect target, body.
pub struct Page {
    pub status: StatusCode,
    pub location: Option<String>,
    pub set_cookie: Vec<String>,
    pub body: String,
}

impl Page {
    pub fn csrf(&self) -> String {
        attribute_after(&self.body, "name=\"csrf_token\"", "value")
            .expect("the page has a form with a CSRF token")
    }

    /// The ids of the flash messages on the page.
    pub fn message_ids(&self) -> Vec<String> {
        let mut ids = Vec::new();
        let mut rest = self.body.as_str();
        while let Some(i) = rest.find("data-message-id=\"") {
            rest = &rest[i + 17..];
            if let Some(end) = rest.find('"') {
                ids.push(rest[..end].to_owned());
            }
        }
        ids
    }

    pub fn field_error(&self, field: &str) -> Option<String> {
        let marker = format!("id=\"{field}-error\"");
        let start = self.body.find(&marker)?;
        let text = &self.body[start..];
        let open = text.find('>')? + 1;
        let close = text.find("</p>")?;
        Some(text[open..close].to_owned())
    }

    pub fn input_value(&self, name: &str) -> Option<String> {
        attribute_after(&self.body, &format!("name=\"{name}\""), "value")
    }

    /// The body with every CSRF token value blanked, to compare two pages
    /// byte for byte.
    pub fn body_without_csrf(&self) -> String {
        let mut out = self.body.clone();
        while let Some(token) =
            attribute_after(&out, "name=\"csrf_token\"", "value").filter(|t| !t.is_empty())
        {
            out = out.replace(&token, "");
        }
        out
    }
}

/// The value of `attr` in the same tag as `marker`.
fn attribute_after(html: &str, marker: &str, attr: &str) -> Option<String> {
    let at = html.find(marker)?;
    let tag_start = html[..at].rfind('<')?;
    let tag_end = at + html[at..].find('>')?;
    let tag = &html[tag_start..tag_end];
    let key = format!(" {attr}=\"");
    let v = tag.find(&key)? + key.len();
    let end = tag[v..].find('"')?;
    Some(tag[v..v + end].replace("&amp;", "&"))
}

impl TestApp {
    pub async fn spawn() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = Config::from_args([
            "threshold",
            "--addr",
            "127.0.0.1:0",
            "--data-dir",
            dir.path().to_str().expect("utf-8 temp path"),
        ])
        .expect("test configuration parses");
        Self::start(config, local_pool::Clock::system(), dir).await
    }

    /// Starts the app with `config`; `dir` (its data directory) lives as
    /// long as the app.
    pub async fn start(config: Config, clock: local_pool::Clock, dir: tempfile::TempDir) -> Self {
        let application = Application::build_with_clock(config, clock.clone())
            .await
            .expect("the application starts");
        let base = format!("http://{}", application.local_addr());
        let state = application.state();
        tokio::spawn(application.run_until_stopped(std::future::pending()));
        Self {
            base,
            state,
            clock,
            client: reqwest::Client::builder()
                .redirect(redirect::Policy::none())
                .build()
                .expect("HTTP client"),
            cookie: Mutex::new(None),
            _dir: Some(dir),
        }
    }

    /// Like `spawn`, with extra command-line settings.
    pub async fn spawn_with(extra: &[&str]) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut args = vec![
            "threshold",
            "--addr",
            "127.0.0.1:0",
            "--data-dir",
            dir.path().to_str().expect("utf-8 temp path"),
        ];
        args.extend_from_slice(extra);
        let config = Config::from_args(args).expect("test configuration parses");
        Self::start(config, local_pool::Clock::system(), dir).await
    }

    /// A signed admin client for the embedded pool (AdminResetUserPassword,
    /// AdminUserGlobalSignOut: what an operator or another app would do).
    pub fn admin(&self) -> aws_sdk_cognitoidentityprovider::Client {
        let pool = self.state.dev_pool.as_ref().expect("embedded pool");
        threshold::dev_pool::admin_client(&pool.endpoint())
    }

    pub fn pool_id(&self) -> String {
        self.state.gateway.pool_id().to_owned()
    }

    /// A second browser on the same app (its own cookie).
    pub fn another_browser(&self) -> Self {
        Self {
            base: self.base.clone(),
            state: self.state.clone(),
            clock: self.clock.clone(),
            client: self.client.clone(),
            cookie: Mutex::new(None),
            _dir: None,
        }
    }

    /// Makes the signed-in user's access token look expired in the store,
    /// so the next request must refresh it.
    pub async fn expire_access_token(&self) {
        use threshold::session::{SessionId, SessionStore as _, SqliteStore};
        let dir = self._dir.as_ref().expect("the app's data directory").path();
        let store = SqliteStore::open(&dir.join("sessions.sqlite3")).expect("session store");
        let cookie = self.cookie().expect("a session cookie");
        let value = cookie.split_once('=').map(|(_, v)| v).expect("name=value");
        let key = SessionId::parse(value).expect("a session id").key();
        let mut data = store
            .load(&key)
            .await
            .expect("load")
            .expect("a stored session");
        data.user
            .as_mut()
            .expect("a signed-in user")
            .access_expires_at = 0;
        store.save(&key, &data, u64::MAX / 2).await.expect("save");
    }

    /// When the stored access token expires (unix seconds).
    pub async fn access_expires_at(&self) -> u64 {
        use threshold::session::{SessionId, SessionStore as _, SqliteStore};
        let dir = self._dir.as_ref().expect("the app's data directory").path();
        let store = SqliteStore::open(&dir.join("sessions.sqlite3")).expect("session store");
        let cookie = self.cookie().expect("a session cookie");
        let value = cookie.split_once('=').map(|(_, v)| v).expect("name=value");
        let key = SessionId::parse(value).expect("a session id").key();
        let data = store
            .load(&key)
            .await
            .expect("load")
            .expect("a stored session");
        data.user.expect("a signed-in user").access_expires_at
    }

    /// The cookie slot itself, to plant an old or forged cookie.
    pub fn cookie_slot(&self) -> std::sync::MutexGuard<'_, Option<String>> {
        self.cookie.lock().expect("cookie lock")
    }

    pub fn cookie(&self) -> Option<String> {
        self.cookie.lock().expect("cookie lock").clone()
    }

    async fn read(&self, response: Response) -> Page {
        let status = response.status();
        let location = response
            .headers()
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let set_cookie: Vec<String> = response
            .headers()
            .get_all(SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok().map(str::to_owned))
            .collect();
        for header in &set_cookie {
            if let Some(pair) = header.split(';').next() {
                *self.cookie.lock().expect("cookie lock") = Some(pair.to_owned());
            }
        }
        let body = response.text().await.expect("response body");
        Page {
            status,
            location,
            set_cookie,
            body,
        }
    }

    pub async fn get(&self, path: &str) -> Page {
        let mut request = self
            .client
            .get(format!("{}{path}", self.base))
            .header(ACCEPT, "text/html");
        if let Some(cookie) = self.cookie() {
            request = request.header(COOKIE, cookie);
        }
        self.read(request.send().await.expect("GET")).await
    }

    /// Posts a form as a browser does, without adding a CSRF token.
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let mut request = self
            .client
            .post(format!("{}{path}", self.base))
            .header(ACCEPT, "text/html")
            .form(fields);
        if let Some(cookie) = self.cookie() {
            request = request.header(COOKIE, cookie);
        }
        self.read(request.send().await.expect("POST")).await
    }

    /// Opens `page`, then submits its form to `action` with `fields` and
    /// the page's CSRF token.
    pub async fn submit(&self, page: &str, action: &str, fields: &[(&str, &str)]) -> Page {
        let token = self.get(page).await.csrf();
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("csrf_token", &token));
        self.post_raw(action, &all).await
    }

    /// The newest code the local pool sent to `destination`.
    pub fn last_code(&self, destination: &str) -> String {
        let pool = self.state.dev_pool.as_ref().expect("embedded pool");
        pool.outbox(Some(destination))
            .into_iter()
            .rev()
            .find_map(|m| m.code)
            .expect("a code was sent")
    }

    pub fn codes_sent(&self, destination: &str) -> usize {
        let pool = self.state.dev_pool.as_ref().expect("embedded pool");
        pool.outbox(Some(destination))
            .iter()
            .filter(|m| m.code.is_some())
            .count()
    }

    pub async fn sign_up(&self, email: &str, password: &str) -> Page {
        self.submit(
            "/sign-up",
            "/api/sign-up",
            &[("email", email), ("password", password)],
        )
        .await
    }

    pub async fn confirm(&self, code: &str) -> Page {
        self.submit(
            "/sign-up/confirm",
            "/api/confirm-sign-up",
            &[("code", code)],
        )
        .await
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> Page {
        self.submit(
            "/sign-in",
            "/api/sign-in",
            &[("username", email), ("password", password)],
        )
        .await
    }

    /// Signs up, confirms and signs in a new user; returns their email.
    pub async fn signed_in_user(&self) -> String {
        let email = unique_email();
        self.sign_up(&email, PASSWORD).await;
        let code = self.last_code(&email);
        self.confirm(&code).await;
        let page = self.sign_in(&email, PASSWORD).await;
        assert_eq!(
            page.location.as_deref(),
            Some("/account"),
            "sign-in succeeds"
        );
        email
    }
}

pub fn unique_email() -> String {
    format!("user-{}@example.com", uuid_like())
}

fn uuid_like() -> String {
    let mut bytes = [0u8; 8];
    aws_lc_rs::rand::fill(&mut bytes).expect("random bytes");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
