//! Builds the whole application from a validated `Config`: the pool (real
//! or embedded), the gateway, the session store and the router. Tests call
//! `Application::build` with port 0 and read the port back.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use axum::http::{HeaderValue, header};
use axum::routing::{get, post};
use axum::{Extension, Router};
use leptos_axum::handle_server_fns;
use tokio::net::TcpListener;
use tower_cookies::CookieManagerLayer;
use tower_http::ServiceBuilderExt as _;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::MakeRequestUuid;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use url::Url;

use crate::app::shell;
use crate::cognito::admin::{Admin, MfaRequirement, PoolDescription};
use crate::cognito::client::Endpoint;
use crate::cognito::gateway::{AppClient, Gateway};
use crate::cognito::identity::IdentityPool;
use crate::cognito::mfa::Factor;
use crate::cognito::tokens::TokenVerifier;
use crate::config::{Config, PoolSetting, StoreSetting};
use crate::domain::{PasswordPolicy, SignInNameKind};
use crate::handoff::forward_auth::{self, ForwardAuth};
use crate::handoff::session_json;
use crate::pages::dev_outbox::outbox_json;
use crate::pages::errors::refusals;
use crate::routes::{self, Page};
use crate::security::limits::Limiter;
use crate::security::pace::Pace;
use crate::session::SessionVault;
use crate::session::keys::SessionKeys;
use crate::session::layer::{SessionConfig, session_layer};
use crate::session::redis_store::RedisStore;
use crate::session::store::{SessionStore, SqliteStore, private_dir};
use crate::state::{AppState, Inner};

pub struct Application {
    listener: TcpListener,
    router: Router,
    state: AppState,
}

/// Where the pool's keys and issuer are, unless configured explicitly:
/// on AWS `https://cognito-idp.<region>.amazonaws.com/<pool>`, behind an
/// endpoint override `<endpoint>/<pool>`.
pub(crate) fn token_verifier(
    config: &Config,
    endpoint: &Endpoint,
    pool_id: &str,
    client_id: &str,
) -> anyhow::Result<TokenVerifier> {
    let base = endpoint.pool_base(pool_id);
    let jwks = match &config.jwks_url {
        Some(url) => url.clone(),
        None => Url::parse(&format!("{base}/.well-known/jwks.json"))
            .context("building the JWKS address")?,
    };
    let issuer = config.issuer.clone().unwrap_or(base);
    Ok(TokenVerifier::new(jwks, issuer, client_id.to_owned()))
}

/// The settings `build` refuses before starting anything, checked
/// without starting anything (for `threshold check-config`): the pool
/// settings, the page settings that stand in for DescribeUserPool, the
/// session key when one is configured, the forward-auth rules and the
/// brand folder (whose warnings come back).
pub(crate) fn check_settings(config: &Config) -> anyhow::Result<Vec<String>> {
    config.pool()?;
    PoolSettings::from_config(config)?;
    if let Some(key) = &config.session_key {
        SessionKeys::load(Some(key), &config.data_dir)?;
    }
    config.forward_access_token_secret()?;
    ForwardAuth::parse_rules(&config.forward_auth_groups).map_err(anyhow::Error::msg)?;
    match &config.brand_dir {
        Some(dir) => Ok(crate::brand::Brand::load(dir)?.1),
        None => Ok(Vec::new()),
    }
}

/// What the pages need to know about the pool: from the settings, and
/// replaced by what DescribeUserPool says when it can be asked.
struct PoolSettings {
    password_policy: PasswordPolicy,
    sign_up_attributes: Vec<String>,
    sign_in_name: SignInNameKind,
    mfa: MfaRequirement,
    mfa_factors: Vec<Factor>,
    /// The app client's `WriteAttributes`, when it lists them and
    /// DescribeUserPoolClient could be called.
    writable_attributes: Option<Vec<String>>,
    /// Whether DescribeUserPool said sign-in names are case-sensitive.
    case_sensitive_names: bool,
    /// Whether DescribeUserPoolClient said the client allows USER_AUTH.
    client_allows_user_auth: Option<bool>,
}

impl PoolSettings {
    fn from_config(config: &Config) -> anyhow::Result<Self> {
        Ok(Self {
            password_policy: match &config.password_policy {
                Some(spec) => PasswordPolicy::parse(spec)
                    .map_err(|e| anyhow::anyhow!("THRESHOLD_PASSWORD_POLICY: {e}"))?,
                None => PasswordPolicy::default(),
            },
            sign_up_attributes: config
                .sign_up_attributes
                .iter()
                .map(|a| a.trim().to_owned())
                .filter(|a| !a.is_empty())
                .collect(),
            sign_in_name: config.sign_in_name,
            mfa: MfaRequirement::parse(&config.mfa).ok_or_else(|| {
                anyhow::anyhow!(
                    "THRESHOLD_MFA must be off, optional or on, not `{}`",
                    config.mfa
                )
            })?,
            mfa_factors: config
                .mfa_factors
                .iter()
                .map(|f| {
                    Factor::from_id(f).ok_or_else(|| {
                        anyhow::anyhow!(
                            "THRESHOLD_MFA_FACTORS: unknown method `{f}` (use totp, sms, email)"
                        )
                    })
                })
                .collect::<anyhow::Result<Vec<_>>>()?,
            writable_attributes: None,
            case_sensitive_names: false,
            client_allows_user_auth: None,
        })
    }

    /// Reads the pool's and the client's settings with `admin`; what
    /// cannot be read keeps the configured value, with a warning.
    async fn describe(&mut self, admin: &Admin, pool_id: &str, client_id: &str) {
        match admin.describe_pool(pool_id).await {
            Ok(described) => self.apply(described),
            Err(e) => tracing::warn!(
                error = %e,
                "DescribeUserPool failed; using the configured pool settings"
            ),
        }
        match admin.describe_client(pool_id, client_id).await {
            Ok(client) => {
                self.client_allows_user_auth = Some(
                    client
                        .auth_flows
                        .iter()
                        .any(|flow| flow == "ALLOW_USER_AUTH"),
                );
                self.writable_attributes = client.write_attributes;
            }
            Err(e) => tracing::warn!(
                error = %e,
                "DescribeUserPoolClient failed; the profile page offers every configured attribute"
            ),
        }
    }

    fn apply(&mut self, described: PoolDescription) {
        self.mfa = described.mfa;
        self.mfa_factors = described.mfa_factors;
        self.password_policy = described.password_policy;
        self.sign_up_attributes = described.required_attributes;
        self.case_sensitive_names = described.case_sensitive_names;
        if described.email_is_username {
            self.sign_in_name = SignInNameKind::Email;
        }
    }
}

impl Application {
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        Self::build_with_clock(config, local_pool::Clock::system()).await
    }

    /// Like `build`; `clock` drives the embedded local pool, so tests can
    /// expire its codes and sessions.
    pub async fn build_with_clock(
        config: Config,
        clock: local_pool::Clock,
    ) -> anyhow::Result<Self> {
        Self::build_with(config, clock, Router::new()).await
    }

    /// Like `build`, serving the product's own `routes` beside Threshold's
    /// pages, behind the same session layer, so their handlers can take
    /// the `handoff` extractors (`AuthUser`, `MaybeAuthUser`, `InGroup`).
    /// A route on a path Threshold already serves panics at start.
    pub async fn build_with_routes(config: Config, routes: Router) -> anyhow::Result<Self> {
        Self::build_with(config, local_pool::Clock::system(), routes).await
    }

    /// `build_with_routes`, with the embedded pool on `clock`.
    pub async fn build_with(
        config: Config,
        clock: local_pool::Clock,
        routes: Router,
    ) -> anyhow::Result<Self> {
        let pool = config.pool().map_err(anyhow::Error::from)?;
        // It holds the session key and database, and the embedded pool's
        // users and client secret: the owner's alone.
        private_dir(&config.data_dir)?;
        let keys = Arc::new(SessionKeys::load(
            config.session_key.as_ref(),
            &config.data_dir,
        )?);
        let mut settings = PoolSettings::from_config(&config)?;
        let brand = match &config.brand_dir {
            Some(dir) => {
                let (brand, warnings) = crate::brand::Brand::load(dir)?;
                for warning in warnings {
                    tracing::warn!("{warning}");
                }
                brand
            }
            None => crate::brand::Brand::default(),
        };
        let brand = Arc::new(brand);
        // Checked with the other settings, before the embedded pool starts.
        let forward_auth = ForwardAuth {
            rules: ForwardAuth::parse_rules(&config.forward_auth_groups)
                .map_err(anyhow::Error::msg)?,
            access_token_secret: config.forward_access_token_secret()?,
            public_url: config.public_url.clone(),
        };

        let (gateway, dev_pool, dev_pool_lock) = match pool {
            PoolSetting::Embedded => {
                let embedded = crate::embedded_pool::start(&config, clock).await?;
                settings
                    .describe(
                        &Admin::for_local_pool(&embedded.endpoint),
                        &embedded.pool_id,
                        &embedded.client_id,
                    )
                    .await;
                if settings.case_sensitive_names {
                    // Threshold provisions its pool case-insensitive; one
                    // that is not was made by an older version, and Cognito
                    // cannot change that on an existing pool.
                    tracing::warn!(
                        data_dir = %config.data_dir.display(),
                        "the development pool was made by an older Threshold: sign-in names are \
                         case-sensitive there; remove dev-pool.json and local-pool/ from the data \
                         directory to provision a new one"
                    );
                }
                let verifier = token_verifier(
                    &config,
                    &embedded.endpoint,
                    &embedded.pool_id,
                    &embedded.client_id,
                )?;
                let app = AppClient {
                    pool_id: embedded.pool_id,
                    client_id: embedded.client_id,
                    client_secret: Some(embedded.client_secret),
                    auth_flow: config.auth_flow,
                    call_timeout: Duration::from_millis(config.pool_timeout_ms),
                };
                let gateway = Gateway::connect(&embedded.endpoint, app, verifier).await;
                (gateway, Some(embedded.running), Some(embedded.lock))
            }
            PoolSetting::Remote(remote) => {
                // DescribeUserPool and DescribeUserPoolClient need AWS
                // credentials; without them the configured (or default)
                // settings stand.
                if let Some(admin) = Admin::from_environment(&remote.endpoint).await {
                    settings
                        .describe(&admin, &remote.pool_id, &remote.client_id)
                        .await;
                }
                let verifier = token_verifier(
                    &config,
                    &remote.endpoint,
                    &remote.pool_id,
                    &remote.client_id,
                )?;
                let app = AppClient {
                    pool_id: remote.pool_id,
                    client_id: remote.client_id,
                    client_secret: remote.client_secret,
                    auth_flow: config.auth_flow,
                    call_timeout: Duration::from_millis(config.pool_timeout_ms),
                };
                (
                    Gateway::connect(&remote.endpoint, app, verifier).await,
                    None,
                    None,
                )
            }
        };

        let store: Arc<dyn SessionStore> = match &config.session_store {
            None | Some(StoreSetting::Sqlite) => {
                let store = SqliteStore::open(&config.data_dir.join("sessions.sqlite3"))?;
                spawn_sweeper(store.clone());
                Arc::new(store)
            }
            Some(StoreSetting::Redis(url)) => Arc::new(
                RedisStore::connect(url, Duration::from_millis(config.store_timeout_ms)).await?,
            ),
        };
        let limiter = Limiter::new(store.clone(), keys.clone(), config.rate_limit_factor);
        let vault = SessionVault::new(store, keys);
        let profile_attributes = config
            .profile_attributes
            .iter()
            .map(|a| a.trim().to_owned())
            .filter(|a| !a.is_empty())
            .collect();
        let writable_attributes = settings.writable_attributes.take();
        let identity_pool = match &config.identity_pool_id {
            Some(id) => Some(
                IdentityPool::connect(
                    id,
                    gateway.issuer(),
                    config.identity_endpoint_url.as_ref(),
                    Duration::from_millis(config.pool_timeout_ms),
                )
                .await?,
            ),
            None => None,
        };
        // The embedded pool tracks devices; a configured one may not.
        let remember_devices = config.remember_devices.unwrap_or(dev_pool.is_some());
        let state = AppState(Arc::new(Inner {
            remember_devices,
            brand: brand.clone(),
            profile_attributes,
            writable_attributes,
            sessions: vault.clone(),
            gateway,
            allowlist: config.return_to_allowlist(),
            sign_in_name: settings.sign_in_name,
            // Unset: on where the client allows USER_AUTH, as the embedded
            // pool's does (a data directory's older pool may not).
            choice_sign_in: config
                .choice_sign_in
                .unwrap_or(settings.client_allows_user_auth == Some(true)),
            secure_cookies: config.secure_cookies,
            password_policy: settings.password_policy,
            mfa: settings.mfa,
            mfa_factors: settings.mfa_factors,
            sign_up_attributes: settings.sign_up_attributes,
            reauth_after_secs: config.reauth_after_secs,
            session_idle_secs: config.session_idle_secs,
            session_max_secs: config.session_max_secs,
            pace: Pace::default(),
            limiter,
            client_ip: config.client_ip(),
            identity_pool,
            dev_pool,
            dev_pool_lock,
        }));
        let sessions = SessionConfig {
            vault,
            secure_cookies: config.secure_cookies,
            cookie_domain: config.cookie_domain.clone(),
            signed_in_cookie_secs: config.session_max_secs,
            refusals: refusals(brand),
        };
        let router = router(state.clone(), sessions, forward_auth, routes, &config);
        let listener = TcpListener::bind(config.addr)
            .await
            .with_context(|| format!("listening on {}", config.addr))?;
        Ok(Self {
            listener,
            router,
            state,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        // A bound listener always has an address.
        self.listener
            .local_addr()
            .unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 0)))
    }

    pub fn state(&self) -> AppState {
        self.state.clone()
    }

    /// Serves until `shutdown` completes, then finishes the requests in flight.
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let addr = self.local_addr();
        if addr.ip().is_loopback() {
            // `localhost`, not the IP: browsers offer passkeys only on a
            // domain name, and the embedded pool's passkeys are for it.
            tracing::info!(%addr, open = %format!("http://localhost:{}", addr.port()), "Threshold is listening");
        } else {
            tracing::info!(%addr, "Threshold is listening");
        }
        // Without TCP_NODELAY a response written in two parts (headers,
        // then body) waits on the client's delayed ACK: ~40 ms a request.
        let listener = axum::serve::ListenerExt::tap_io(self.listener, |tcp| {
            if let Err(e) = tcp.set_nodelay(true) {
                tracing::debug!(error = %e, "could not set TCP_NODELAY");
            }
        });
        // The peer address is the client's, unless a trusted proxy header
        // is configured (pages::actions::ClientIp).
        axum::serve(
            listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await
        .context("serving HTTP")
    }
}

/// Deletes expired sessions every ten minutes.
fn spawn_sweeper(store: SqliteStore) {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(Duration::from_secs(600));
        loop {
            interval.tick().await;
            match store.delete_expired().await {
                Ok(0) => {}
                Ok(n) => tracing::debug!(removed = n, "expired sessions removed"),
                Err(e) => tracing::warn!(error = ?e, "could not remove expired sessions"),
            }
        }
    });
}

async fn healthz() -> &'static str {
    "ok"
}

/// Leptos's server renderer always appends inline `<script>` blocks with
/// hydration data after `</html>`. Threshold never hydrates, so they are
/// dead weight, and inline scripts are exactly what the CSP forbids; they
/// are cut here. Pages render completely before this runs (async mode).
async fn strip_hydration_data(response: axum::response::Response) -> axum::response::Response {
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 4 * 1024 * 1024).await else {
        return axum::response::Response::from_parts(parts, axum::body::Body::empty());
    };
    const END: &[u8] = b"</html>";
    let cut = bytes
        .windows(END.len())
        .rposition(|w| w == END)
        .map_or(bytes.len(), |at| at + END.len());
    parts.headers.remove(header::CONTENT_LENGTH);
    axum::response::Response::from_parts(parts, axum::body::Body::from(bytes.slice(..cut)))
}

/// Files under `style/` or `public/` at their plain addresses, cacheable
/// for an hour (their fingerprinted addresses, for a year).
fn static_dir(dir: &str) -> Router {
    let path = format!("{}/{dir}", env!("CARGO_MANIFEST_DIR"));
    Router::new()
        .fallback_service(ServeDir::new(path))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static(crate::assets::HOUR),
        ))
}

fn router(
    state: AppState,
    sessions: SessionConfig,
    forward_auth: ForwardAuth,
    product: Router,
    config: &Config,
) -> Router {
    // Leptos renders `Suspense` on tasks of its global executor; with no
    // Leptos router to set it up, it is set to tokio's here. A second call
    // (several apps in one test process) reports an error that changes
    // nothing, so it is ignored.
    let _ = any_spawner::Executor::init_tokio();
    // Every page of the route table renders the app, which picks the page
    // by path; anything else is the app's 404 page.
    let render = leptos_axum::render_app_async_with_context(|| {}, shell);
    let mut pages = Router::new().route(
        &format!("{}/{{*fn_name}}", routes::API_PREFIX),
        post(handle_server_fns).layer(axum::middleware::from_fn(crate::pages::actions::guard)),
    );
    for page in Page::ALL {
        pages = pages.route(page.path(), get(render.clone()));
    }
    // Threshold's own pages lose Leptos's hydration scripts; the product's
    // routes (and the hand-over endpoints) answer as they are, behind the
    // same session, cookie and state layers.
    let pages = pages
        .fallback(render)
        .layer(axum::middleware::map_response(strip_hydration_data))
        .route(
            routes::FORWARD_AUTH,
            get(forward_auth::verify).layer(Extension(Arc::new(forward_auth))),
        )
        .route(routes::SESSION_JSON, get(session_json::session))
        .route(
            routes::LANGUAGE,
            get(crate::pages::language::choose).layer(Extension(
                crate::pages::language::PickerConfig {
                    secure_cookies: config.secure_cookies,
                },
            )),
        )
        .merge(product)
        .layer(axum::middleware::from_fn_with_state(
            sessions,
            session_layer,
        ))
        .layer(CookieManagerLayer::new())
        .layer(Extension(state.clone()));

    // Static files, compressed for browsers that accept gzip or brotli
    // (pages are not: BREACH, in docs/security.md), and
    // again under their fingerprints for caching (`crate::assets`).
    let brand = state.brand.clone();
    let files = Router::new()
        .nest(routes::STYLE_DIR, static_dir("style"))
        .nest(routes::PUBLIC_DIR, static_dir("public"))
        .route(
            &format!("{}/{{file}}", routes::BRAND_DIR),
            get(crate::brand::serve).with_state(brand.clone()),
        )
        .layer(CompressionLayer::new());
    let fingerprinted = Router::new()
        .route(
            &format!("{}/{{fingerprint}}/{{*path}}", routes::ASSETS_DIR),
            get(crate::assets::serve),
        )
        .with_state(crate::assets::StaticFiles {
            router: files.clone(),
            brand: Arc::new(
                brand
                    .assets
                    .iter()
                    .map(|(name, asset)| {
                        (
                            format!("{}/{name}", routes::BRAND_DIR),
                            asset.fingerprint.clone(),
                        )
                    })
                    .collect(),
            ),
        });
    let mut app = Router::new()
        .route(routes::HEALTHZ, get(healthz))
        .route(routes::DEV_OUTBOX_JSON, get(outbox_json))
        .with_state(state)
        .merge(files)
        .merge(fingerprinted)
        .merge(pages);
    let origins: Vec<String> = config
        .return_to_allowlist
        .iter()
        .map(|url| url.origin().ascii_serialization())
        .collect();
    for layer in crate::security::headers::layers(&origins, config.secure_cookies) {
        app = app.layer(layer);
    }
    let client_ip = config.client_ip();
    app.layer(
        tower::ServiceBuilder::new()
            .set_x_request_id(MakeRequestUuid)
            .layer(TraceLayer::new_for_http().make_span_with(move |request: &axum::http::Request<_>| {
                let request_id = request
                    .headers()
                    .get("x-request-id")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default();
                // For the audit log: every event of the request carries it.
                let peer = request
                    .extensions()
                    .get::<axum::extract::ConnectInfo<SocketAddr>>()
                    .map(|info| info.0);
                let client_ip = client_ip.of(request.headers(), peer);
                tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id, client_ip)
            }))
            .propagate_x_request_id(),
    )
}
