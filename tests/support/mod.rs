//! The test harness: the app on port 0 against the embedded local pool on
//! port 0, driven over HTTP like a browser with JavaScript off: forms,
//! `Accept: text/html`, redirects not followed, one cookie kept by hand
//! (the session cookie is `Secure`, which cookie jars refuse over http).

#![allow(dead_code)] // each test binary uses a different part of the harness

pub mod cli;
pub mod faulty_pool;
pub mod nginx;
pub mod redis;
pub mod totp;

use std::sync::{Arc, Mutex};

use reqwest::header::{ACCEPT, COOKIE, LOCATION, SET_COOKIE};
use reqwest::{Response, StatusCode, redirect};
use threshold::cognito::admin::{Admin, ClientAuthFlow, ClientSpec, PoolSpec};
use threshold::cognito::client::Endpoint;
use threshold::config::Config;
use threshold::flows::signed_in::SignedInUser;
use threshold::routes::Page;
use threshold::session::SessionValue as _;
use threshold::session::{Loaded, SessionId};
use threshold::startup::Application;
use threshold::state::AppState;

/// The form actions, named by their server functions (each declared once,
/// in its `#[server]` attribute).
pub mod action {
    use leptos::server_fn::ServerFn;
    use threshold::pages;

    pub const SIGN_UP: &str = pages::sign_up::SignUp::PATH;
    pub const CONFIRM_SIGN_UP: &str = pages::confirm::ConfirmSignUp::PATH;
    pub const RESEND_CODE: &str = pages::confirm::ResendCode::PATH;
    pub const SIGN_IN: &str = pages::sign_in::SignIn::PATH;
    pub const ANSWER_CHALLENGE: &str = pages::challenge::AnswerChallenge::PATH;
    pub const CANCEL_SIGN_IN: &str = pages::challenge::CancelSignIn::PATH;
    pub const OTHER_WAYS: &str = pages::challenge::OtherWays::PATH;
    pub const ANSWER_PASSKEY: &str = pages::challenge::AnswerPasskey::PATH;
    pub const START_PASSKEY: &str = pages::passkeys::StartPasskey::PATH;
    pub const COMPLETE_PASSKEY: &str = pages::passkeys::CompletePasskey::PATH;
    pub const DELETE_PASSKEY: &str = pages::passkeys::DeletePasskey::PATH;
    pub const CANCEL_PASSKEY: &str = pages::passkeys::CancelPasskey::PATH;
    pub const SIGN_OUT: &str = pages::account::SignOut::PATH;
    pub const CHANGE_MFA: &str = pages::account::ChangeMfa::PATH;
    pub const START_TOTP: &str = pages::account::StartTotp::PATH;
    pub const VERIFY_TOTP: &str = pages::totp_setup::VerifyTotp::PATH;
    pub const FORGOT_PASSWORD: &str = pages::forgot_password::ForgotPassword::PATH;
    pub const RESET_PASSWORD: &str = pages::reset_password::ResetPassword::PATH;
    pub const RESEND_RESET_CODE: &str = pages::reset_password::ResendResetCode::PATH;
    pub const UPDATE_PROFILE: &str = pages::profile::UpdateProfile::PATH;
    pub const CHANGE_CONTACT: &str = pages::contact::ChangeContact::PATH;
    pub const VERIFY_CONTACT: &str = pages::verify::VerifyContact::PATH;
    pub const SEND_CONTACT_CODE: &str = pages::verify::SendContactCode::PATH;
    pub const CHANGE_PASSWORD: &str = pages::change_password::ChangePassword::PATH;
    pub const DELETE_ACCOUNT: &str = pages::delete_account::DeleteAccount::PATH;
    pub const CONFIRM_IDENTITY: &str = pages::confirm_identity::ConfirmIdentity::PATH;
    pub const FORGET_DEVICE: &str = pages::account::ForgetDevice::PATH;
}

/// `page` with `return_to` in its query, as the app builds it.
pub fn with_return_to(page: Page, return_to: &str) -> String {
    let allowlist = threshold::security::return_to::Allowlist::default();
    let return_to = threshold::security::return_to::ReturnTo::parse(return_to, &allowlist);
    threshold::routes::Location::with_return_to(page, return_to.as_ref()).to_string()
}

/// The verify page for `attribute` (`email`, `phone_number`).
pub fn verify_page(attribute: &str) -> String {
    threshold::routes::Location::with_query(Page::VerifyContact, &[("attribute", attribute)])
        .to_string()
}

pub const PASSWORD: &str = "Correct-horse-7";

pub struct TestApp {
    pub base: String,
    pub state: AppState,
    pub clock: local_pool::Clock,
    client: reqwest::Client,
    cookie: Arc<Mutex<Option<String>>>,
    /// The browser's other cookies (the remembered-device cookie, say),
    /// by name; sent beside the session cookie.
    others: Arc<Mutex<std::collections::BTreeMap<String, String>>>,
    _dir: Option<tempfile::TempDir>,
    /// How it was started and how to stop it (the first browser only).
    config: Option<Config>,
    stop: Option<(
        tokio::sync::oneshot::Sender<()>,
        tokio::task::JoinHandle<anyhow::Result<()>>,
    )>,
}

/// A response read whole: status, redirect target, body.
pub struct Reply {
    pub status: StatusCode,
    pub location: Option<String>,
    pub set_cookie: Vec<String>,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn csrf(&self) -> String {
        self.try_csrf()
            .expect("the page has a form with a CSRF token")
    }

    /// The page's CSRF token, if it has a form.
    pub fn try_csrf(&self) -> Option<String> {
        attribute_after(&self.body, "name=\"csrf_token\"", "value")
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

    /// The message id of the error beside `field`, if it has one.
    pub fn field_error(&self, field: &str) -> Option<String> {
        attribute_after(
            &self.body,
            &format!("id=\"{field}-error\""),
            "data-message-id",
        )
    }

    /// The catalog id of the page's title (`data-title-id`), which names
    /// the page or step shown.
    pub fn title_id(&self) -> Option<String> {
        attribute_after(&self.body, "id=\"main\"", "data-title-id")
    }

    /// The `data-state` of the element with `data-testid="<id>"`.
    pub fn state_of(&self, test_id: &str) -> Option<String> {
        attribute_after(
            &self.body,
            &format!("data-testid=\"{test_id}\""),
            "data-state",
        )
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

/// A second pool on an app's embedded local pool, with a confidential
/// client allowed SRP and refresh, for another Threshold (or a command)
/// to use as a real pool.
pub struct OtherPool {
    pub pool_id: String,
    pub client_id: String,
    pub client_secret: String,
    /// The embedded pool's address.
    pub endpoint: String,
}

impl OtherPool {
    /// The settings of a Threshold on this pool, signing in by username.
    pub fn args(&self) -> Vec<String> {
        [
            "--user-pool-id",
            &self.pool_id,
            "--client-id",
            &self.client_id,
            "--client-secret",
            &self.client_secret,
            "--endpoint-url",
            &self.endpoint,
            "--sign-in-name",
            "username",
        ]
        .map(str::to_owned)
        .to_vec()
    }
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_in(tempfile::tempdir().expect("temp dir")).await
    }

    /// The app on a data directory that may hold a pool already (made by
    /// a `threshold users` command, say).
    pub async fn spawn_in(dir: tempfile::TempDir) -> Self {
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
        Self::start_with_routes(config, clock, dir, axum::Router::new()).await
    }

    /// `start`, serving the product's `routes` beside Threshold's pages.
    pub async fn start_with_routes(
        config: Config,
        clock: local_pool::Clock,
        dir: tempfile::TempDir,
        routes: axum::Router,
    ) -> Self {
        let config_copy = config.clone();
        let application = Application::build_with(config, clock.clone(), routes)
            .await
            .expect("the application starts");
        let base = format!("http://{}", application.local_addr());
        let state = application.state();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(application.run_until_stopped(async {
            let _ = stopped.await;
        }));
        Self {
            base,
            state,
            clock,
            client: reqwest::Client::builder()
                .redirect(redirect::Policy::none())
                .build()
                .expect("HTTP client"),
            cookie: Arc::new(Mutex::new(None)),
            others: Arc::default(),
            _dir: Some(dir),
            config: Some(config_copy),
            stop: Some((stop, server)),
        }
    }

    /// Stops the app (and its embedded pool) and starts it again on the
    /// same data directory, as an operator restarting `cargo run` would.
    /// This browser keeps its cookie.
    pub async fn restart(mut self) -> Self {
        let config = self.config.take().expect("the first browser of the app");
        let dir = self._dir.take().expect("the app's data directory");
        let cookie = self.cookie();
        let clock = self.clock.clone();
        if let Some((stop, server)) = self.stop.take() {
            let _ = stop.send(());
            let _ = server.await;
        }
        // The last handle on the state: dropping it stops the embedded pool.
        drop(self);
        let restarted = Self::start(config, clock, dir).await;
        *restarted.cookie_slot() = cookie;
        restarted
    }

    /// Like `spawn_with`, serving the product's `routes` beside
    /// Threshold's pages.
    pub async fn spawn_with_routes(extra: &[&str], routes: axum::Router) -> Self {
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
        Self::start_with_routes(config, local_pool::Clock::system(), dir, routes).await
    }

    /// This same browser (its cookie) at another address: a proxy in
    /// front of the app, say.
    pub fn same_browser_via(&self, base: &str) -> Self {
        Self {
            base: base.trim_end_matches('/').to_owned(),
            state: self.state.clone(),
            clock: self.clock.clone(),
            client: self.client.clone(),
            cookie: self.cookie.clone(),
            others: self.others.clone(),
            _dir: None,
            config: None,
            stop: None,
        }
    }

    /// GETs `path` with extra request headers (a proxy's, say).
    pub async fn get_with_headers(&self, path: &str, headers: &[(&str, &str)]) -> Reply {
        let mut request = self
            .client
            .get(format!("{}{path}", self.base))
            .header(ACCEPT, "text/html");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(cookie) = self.cookie_header() {
            request = request.header(COOKIE, cookie);
        }
        self.read(request.send().await.expect("GET")).await
    }

    /// Like `spawn`, with extra command-line settings.
    pub async fn spawn_with(extra: &[&str]) -> Self {
        Self::spawn_with_routes(extra, axum::Router::new()).await
    }

    /// Admin operations on the embedded pool (what an operator or another
    /// app would do: reset a password, sign a user out everywhere).
    pub fn admin(&self) -> Admin {
        Admin::for_local_pool(&self.pool_endpoint())
    }

    /// Makes a pool like `spec` on this app's embedded pool, and its client.
    pub async fn other_pool(&self, spec: &PoolSpec) -> OtherPool {
        let admin = self.admin();
        let pool_id = admin.create_pool(spec).await.expect("CreateUserPool");
        let client = admin
            .create_client(
                &pool_id,
                &ClientSpec {
                    name: "threshold".to_owned(),
                    auth_flows: vec![ClientAuthFlow::UserSrp, ClientAuthFlow::RefreshToken],
                    prevent_user_existence_errors: false,
                    write_attributes: None,
                },
            )
            .await
            .expect("CreateUserPoolClient");
        OtherPool {
            pool_id,
            client_id: client.client_id,
            client_secret: secrecy::ExposeSecret::expose_secret(&client.client_secret).to_owned(),
            endpoint: self.pool_url(),
        }
    }

    /// Where the embedded pool listens.
    pub fn pool_endpoint(&self) -> Endpoint {
        let pool = self.state.dev_pool.as_ref().expect("embedded pool");
        Endpoint {
            region: threshold::embedded_pool::REGION.to_owned(),
            url: Some(url::Url::parse(&pool.endpoint()).expect("the pool's URL")),
        }
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
            cookie: Arc::new(Mutex::new(None)),
            others: Arc::default(),
            _dir: None,
            config: None,
            stop: None,
        }
    }

    /// The settings another instance needs to use this app's embedded
    /// pool as a remote pool at `endpoint` (the pool itself, or a proxy
    /// in front of it).
    pub fn remote_pool_args(&self, endpoint: &str) -> Vec<String> {
        let saved: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(self.data_dir().join("dev-pool.json")).expect("dev-pool.json"),
        )
        .expect("json");
        let text = |k: &str| saved[k].as_str().expect(k).to_owned();
        vec![
            "--user-pool-id".into(),
            text("pool_id"),
            "--client-id".into(),
            text("client_id"),
            "--client-secret".into(),
            text("client_secret"),
            "--endpoint-url".into(),
            endpoint.trim_end_matches('/').to_owned(),
            // The pool names itself (its own address) in its tokens,
            // whatever address it was reached through.
            "--issuer".into(),
            format!(
                "{}/{}",
                self.pool_url().trim_end_matches('/'),
                text("pool_id")
            ),
        ]
    }

    /// The embedded pool's address.
    pub fn pool_url(&self) -> String {
        self.pool_endpoint()
            .url
            .expect("the pool's URL")
            .to_string()
    }

    /// This same browser (its cookie) talking to another instance.
    pub fn same_browser_at(&self, other: &TestApp) -> Self {
        Self {
            state: other.state.clone(),
            clock: other.clock.clone(),
            ..self.same_browser_via(&other.base)
        }
    }

    /// This browser's session id.
    fn session_id(&self) -> SessionId {
        let cookie = self.cookie().expect("a session cookie");
        let value = cookie.split_once('=').map(|(_, v)| v).expect("name=value");
        SessionId::parse(value).expect("a session id")
    }

    /// The session stored for this browser, as a request loads it.
    async fn stored_user(&self) -> (SessionId, Loaded) {
        let id = self.session_id();
        let loaded = self
            .state
            .sessions
            .load(&id)
            .await
            .expect("load")
            .expect("a stored session");
        (id, loaded)
    }

    /// Changes this browser's stored session with `edit`, as a request
    /// would (against the version loaded).
    pub async fn edit_session(&self, edit: impl FnOnce(&mut threshold::session::SessionData)) {
        let (id, mut loaded) = self.stored_user().await;
        edit(&mut loaded.data);
        self.state
            .sessions
            .save(&id, &loaded.data, Some(loaded.version))
            .await
            .expect("save");
    }

    /// Changes a field of the stored signed-in user.
    async fn edit_user(&self, field: &str, value: impl FnOnce(u64) -> u64) {
        self.edit_session(|data| {
            let user = data
                .values
                .get_mut(SignedInUser::KEY)
                .expect("a signed-in user");
            let old = user[field].as_u64().expect("a number");
            user[field] = serde_json::json!(value(old));
        })
        .await;
    }

    /// Makes the signed-in user's access token look expired in the store,
    /// so the next request must refresh it.
    pub async fn expire_access_token(&self) {
        self.edit_user("access_expires_at", |_| 0).await;
    }

    /// Makes this browser's sign-in look `secs` old, as if the visitor had
    /// signed in and stayed (or walked away).
    pub async fn sign_in_ago(&self, secs: u64) {
        self.edit_user("signed_in_at_ms", |at| at - secs * 1000)
            .await;
    }

    /// Makes this browser's sign-in look an hour old.
    pub async fn sign_in_long_ago(&self) {
        self.sign_in_ago(3600).await;
    }

    /// Makes this browser's last request look `secs` ago.
    pub async fn last_seen_ago(&self, secs: u64) {
        self.edit_session(|data| data.touched_at -= secs).await;
    }

    /// When this browser's session was last used (unix seconds).
    pub async fn last_seen(&self) -> u64 {
        self.stored_user().await.1.data.touched_at
    }

    /// The keys of the values stored in this browser's session.
    pub async fn stored_value_keys(&self) -> Vec<String> {
        let (_, loaded) = self.stored_user().await;
        loaded.data.values.keys().cloned().collect()
    }

    /// The signed-in user stored for this browser (tokens included).
    pub async fn stored_signed_in_user(&self) -> SignedInUser {
        let (_, loaded) = self.stored_user().await;
        serde_json::from_value(
            loaded
                .data
                .values
                .get(SignedInUser::KEY)
                .expect("a signed-in user")
                .clone(),
        )
        .expect("a stored user")
    }

    /// When the stored access token expires (unix seconds).
    pub async fn access_expires_at(&self) -> u64 {
        let (_, loaded) = self.stored_user().await;
        let user: SignedInUser = serde_json::from_value(
            loaded
                .data
                .values
                .get(SignedInUser::KEY)
                .expect("a signed-in user")
                .clone(),
        )
        .expect("a stored user");
        user.access_expires_at
    }

    /// The app's data directory.
    pub fn data_dir(&self) -> &std::path::Path {
        self._dir.as_ref().expect("the app's data directory").path()
    }

    fn session_db(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.data_dir().join("sessions.sqlite3"))
            .expect("the session database")
    }

    /// How many sessions the store holds.
    pub fn session_rows(&self) -> i64 {
        self.session_db()
            .query_row("SELECT count(*) FROM sessions", [], |row| row.get(0))
            .expect("count sessions")
    }

    /// The size of the largest stored session, in bytes.
    pub fn largest_session_row(&self) -> i64 {
        self.session_db()
            .query_row(
                "SELECT coalesce(max(length(data)), 0) FROM sessions",
                [],
                |row| row.get(0),
            )
            .expect("measure sessions")
    }

    /// Whether the store holds a session for the cookie `name=value`.
    pub async fn session_exists(&self, cookie: &str) -> bool {
        let value = cookie.split_once('=').map(|(_, v)| v).expect("name=value");
        let id = SessionId::parse(value).expect("a session id");
        self.state.sessions.load(&id).await.expect("load").is_some()
    }

    /// This browser's session as a request would load it.
    pub async fn load_session(&self) -> InFlight {
        let (id, loaded) = self.stored_user().await;
        InFlight { id, loaded }
    }

    /// Saves what `load_session` read, as that request would at its end.
    pub async fn save_session(&self, in_flight: InFlight) {
        let _ = self
            .state
            .sessions
            .save(
                &in_flight.id,
                &in_flight.loaded.data,
                Some(in_flight.loaded.version),
            )
            .await;
    }

    /// The cookie slot itself, to plant an old or forged cookie.
    pub fn cookie_slot(&self) -> std::sync::MutexGuard<'_, Option<String>> {
        self.cookie.lock().expect("cookie lock")
    }

    /// The value of this browser's cookie `name` other than the session's.
    pub fn other_cookie(&self, name: &str) -> Option<String> {
        self.others.lock().expect("cookie lock").get(name).cloned()
    }

    /// Plants cookie `name` (other than the session's) in this browser.
    pub fn set_other_cookie(&self, name: &str, value: &str) {
        self.others
            .lock()
            .expect("cookie lock")
            .insert(name.to_owned(), value.to_owned());
    }

    /// The `Cookie` header: the session cookie, then the others.
    fn cookie_header(&self) -> Option<String> {
        let mut pairs: Vec<String> = self.cookie().into_iter().collect();
        pairs.extend(
            self.others
                .lock()
                .expect("cookie lock")
                .iter()
                .map(|(name, value)| format!("{name}={value}")),
        );
        (!pairs.is_empty()).then(|| pairs.join("; "))
    }

    pub fn cookie(&self) -> Option<String> {
        self.cookie.lock().expect("cookie lock").clone()
    }

    async fn read(&self, response: Response) -> Reply {
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
            let Some(pair) = header.split(';').next() else {
                continue;
            };
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            if matches!(
                name,
                "threshold" | "__Host-threshold" | "__Secure-threshold"
            ) {
                *self.cookie.lock().expect("cookie lock") = Some(pair.to_owned());
            } else {
                let mut others = self.others.lock().expect("cookie lock");
                let removed = value.is_empty() || header.contains("Max-Age=0");
                if removed {
                    others.remove(name);
                } else {
                    others.insert(name.to_owned(), value.to_owned());
                }
            }
        }
        let headers = response.headers().clone();
        let body = response.text().await.expect("response body");
        Reply {
            status,
            location,
            set_cookie,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.get_with_headers(path, &[]).await
    }

    /// Posts a form as a browser does, without adding a CSRF token.
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let mut request = self
            .client
            .post(format!("{}{path}", self.base))
            .header(ACCEPT, "text/html")
            .form(fields);
        if let Some(cookie) = self.cookie_header() {
            request = request.header(COOKIE, cookie);
        }
        self.read(request.send().await.expect("POST")).await
    }

    /// Posts a form with one extra request header (a proxy's, say).
    pub async fn post_with_header(
        &self,
        path: &str,
        header: (&str, &str),
        fields: &[(&str, &str)],
    ) -> Reply {
        let mut request = self
            .client
            .post(format!("{}{path}", self.base))
            .header(ACCEPT, "text/html")
            .header(header.0, header.1)
            .form(fields);
        if let Some(cookie) = self.cookie_header() {
            request = request.header(COOKIE, cookie);
        }
        self.read(request.send().await.expect("POST")).await
    }

    /// Posts `body` as it is, with `content_type`, to see how the app
    /// takes what no browser would send.
    pub async fn post_bytes(&self, path: &str, content_type: &str, body: Vec<u8>) -> Reply {
        let mut request = self
            .client
            .post(format!("{}{path}", self.base))
            .header(ACCEPT, "text/html")
            .header(reqwest::header::CONTENT_TYPE, content_type)
            .header(reqwest::header::REFERER, "https://evil.example/")
            .body(body);
        if let Some(cookie) = self.cookie_header() {
            request = request.header(COOKIE, cookie);
        }
        self.read(request.send().await.expect("POST")).await
    }

    /// Opens `page`, then submits its form to `action` with `fields` and
    /// the page's CSRF token.
    pub async fn submit(&self, page: &str, action: &str, fields: &[(&str, &str)]) -> Reply {
        let token = self.get(page).await.csrf();
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("csrf_token", &token));
        self.post_raw(action, &all).await
    }

    /// The newest code the local pool sent to `destination`.
    pub fn last_code(&self, destination: &str) -> String {
        self.try_last_code(destination).expect("a code was sent")
    }

    /// The newest code sent to `destination`, if any.
    pub fn try_last_code(&self, destination: &str) -> Option<String> {
        let pool = self.state.dev_pool.as_ref().expect("embedded pool");
        pool.outbox(Some(destination))
            .into_iter()
            .rev()
            .find_map(|m| m.code)
    }

    pub fn codes_sent(&self, destination: &str) -> usize {
        let pool = self.state.dev_pool.as_ref().expect("embedded pool");
        pool.outbox(Some(destination))
            .iter()
            .filter(|m| m.code.is_some())
            .count()
    }

    pub async fn sign_up(&self, email: &str, password: &str) -> Reply {
        self.submit(
            Page::SignUp.path(),
            action::SIGN_UP,
            &[("email", email), ("password", password)],
        )
        .await
    }

    pub async fn confirm(&self, code: &str) -> Reply {
        self.submit(
            Page::SignUpConfirm.path(),
            action::CONFIRM_SIGN_UP,
            &[("code", code)],
        )
        .await
    }

    /// Signs in with a password from the sign-in page. With choice-based
    /// sign-in (the embedded pool's default) that takes two forms, the
    /// name and then the password where the ways in are offered: both are
    /// sent here, so a test reads the answer to the password either way.
    pub async fn sign_in(&self, email: &str, password: &str) -> Reply {
        self.sign_in_from(Page::SignIn.path(), email, password, &[])
            .await
    }

    /// [`Self::sign_in`] from `page` (the sign-in page with its query),
    /// posting `extra` fields (`return_to`) with the name.
    pub async fn sign_in_from(
        &self,
        page: &str,
        email: &str,
        password: &str,
        extra: &[(&str, &str)],
    ) -> Reply {
        let mut fields = vec![("username", email), ("password", password)];
        fields.extend_from_slice(extra);
        let first = self.submit(page, action::SIGN_IN, &fields).await;
        if first.location.as_deref() != Some(Page::SignInChallenge.path()) {
            return first;
        }
        let choice = self.get(Page::SignInChallenge.path()).await;
        if !choice.body.contains(r#"name="choice" value="password""#) {
            return first;
        }
        let token = choice.csrf();
        self.post_raw(
            action::ANSWER_CHALLENGE,
            &[
                ("choice", "password"),
                ("password", password),
                ("csrf_token", &token),
            ],
        )
        .await
    }

    /// Where a refused password shows its message: the page that offers
    /// the ways in (choice-based sign-in), or the sign-in page.
    pub fn password_retry_page(&self) -> &'static str {
        if self.state.choice_sign_in {
            Page::SignInChallenge.path()
        } else {
            Page::SignIn.path()
        }
    }

    /// Asks for a password reset code for `name` from the forgot-password page.
    pub async fn forgot_password(&self, name: &str) -> Reply {
        self.submit(
            Page::ForgotPassword.path(),
            action::FORGOT_PASSWORD,
            &[("username", name)],
        )
        .await
    }

    /// Answers the sign-in challenge page with `fields`.
    pub async fn answer(&self, fields: &[(&str, &str)]) -> Reply {
        self.submit(
            Page::SignInChallenge.path(),
            action::ANSWER_CHALLENGE,
            fields,
        )
        .await
    }

    /// Signs out from the account page.
    pub async fn sign_out(&self) -> Reply {
        self.submit(Page::Account.path(), action::SIGN_OUT, &[])
            .await
    }

    /// Signs up, confirms and signs in a new user; returns their email.
    /// The confirmation signs them in where the pool lets its code do so
    /// (the embedded pool does); elsewhere they sign in with the password.
    pub async fn signed_in_user(&self) -> String {
        let email = unique_email();
        self.sign_up(&email, PASSWORD).await;
        let code = self.last_code(&email);
        let mut page = self.confirm(&code).await;
        if page.location.as_deref() == Some(Page::SignIn.path()) {
            page = self.sign_in(&email, PASSWORD).await;
        }
        assert_eq!(
            page.location.as_deref(),
            Some(Page::Account.path()),
            "signed in"
        );
        email
    }
}

/// A session loaded by a request that has not finished yet.
pub struct InFlight {
    id: SessionId,
    loaded: Loaded,
}

pub fn unique_email() -> String {
    format!("user-{}@example.com", uuid_like())
}

fn uuid_like() -> String {
    let mut bytes = [0u8; 8];
    aws_lc_rs::rand::fill(&mut bytes).expect("random bytes");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
