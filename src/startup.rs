//! Builds the whole application from a validated `Config`: the pool (real
//! or embedded), the gateway, the session store and the router. Tests call
//! `Application::build` with port 0 and read the port back.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use aws_config::BehaviorVersion;
use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::Region;
use axum::http::{HeaderValue, header};
use axum::routing::{get, post};
use axum::{Extension, Router};
use leptos::config::LeptosOptions;
use leptos_axum::{LeptosRoutes, generate_route_list, handle_server_fns};
use tokio::net::TcpListener;
use tower_cookies::CookieManagerLayer;
use tower_http::ServiceBuilderExt as _;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::MakeRequestUuid;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use url::Url;

use crate::app::{App, shell};
use crate::cognito::mfa::Factor;
use crate::cognito::{Gateway, MfaRequirement, TokenVerifier};
use crate::config::{Config, PoolSetting, SignInName};
use crate::domain::PasswordPolicy;
use crate::pages::dev_outbox::outbox_json;
use crate::session::SqliteStore;
use crate::session::layer::{MAX_FORM_BYTES, SessionConfig, session_layer};
use crate::state::{AppState, Inner};

pub struct Application {
    listener: TcpListener,
    router: Router,
    state: AppState,
}

/// Where the pool's keys and issuer are, unless configured explicitly:
/// on AWS `https://cognito-idp.<region>.amazonaws.com/<pool>`, behind an
/// endpoint override `<endpoint>/<pool>`.
fn token_locations(
    config: &Config,
    region: &str,
    pool_id: &str,
    endpoint: Option<&Url>,
) -> anyhow::Result<(Url, String)> {
    let base = match endpoint {
        Some(endpoint) => format!("{}/{pool_id}", endpoint.as_str().trim_end_matches('/')),
        None => format!("https://cognito-idp.{region}.amazonaws.com/{pool_id}"),
    };
    let jwks = match &config.jwks_url {
        Some(url) => url.clone(),
        None => Url::parse(&format!("{base}/.well-known/jwks.json"))
            .context("building the JWKS address")?,
    };
    let issuer = config.issuer.clone().unwrap_or(base);
    Ok((jwks, issuer))
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
        let pool = config.pool().map_err(anyhow::Error::from)?;
        std::fs::create_dir_all(&config.data_dir).with_context(|| {
            format!("creating the data directory {}", config.data_dir.display())
        })?;

        let mut password_policy = match &config.password_policy {
            Some(spec) => PasswordPolicy::parse(spec)
                .map_err(|e| anyhow::anyhow!("THRESHOLD_PASSWORD_POLICY: {e}"))?,
            None => PasswordPolicy::default(),
        };
        let mut sign_up_attributes: Vec<String> = config
            .sign_up_attributes
            .iter()
            .map(|a| a.trim().to_owned())
            .filter(|a| !a.is_empty())
            .collect();
        let mut sign_in_name = config.sign_in_name;
        let mut mfa = MfaRequirement::parse(&config.mfa).ok_or_else(|| {
            anyhow::anyhow!(
                "THRESHOLD_MFA must be off, optional or on, not `{}`",
                config.mfa
            )
        })?;
        let mut mfa_factors = config
            .mfa_factors
            .iter()
            .map(|f| {
                Factor::from_id(f.trim()).ok_or_else(|| {
                    anyhow::anyhow!(
                        "THRESHOLD_MFA_FACTORS: unknown method `{f}` (use totp, sms, email)"
                    )
                })
            })
            .collect::<anyhow::Result<Vec<_>>>()?;

        let (gateway, dev_pool) = match pool {
            PoolSetting::Embedded => {
                let dev = crate::dev_pool::start(&config, clock).await?;
                let endpoint =
                    Url::parse(&dev.running.endpoint()).context("local pool endpoint")?;
                let (jwks, issuer) = token_locations(
                    &config,
                    crate::dev_pool::REGION,
                    &dev.pool_id,
                    Some(&endpoint),
                )?;
                let described = Gateway::describe_pool(&dev.admin, &dev.pool_id).await?;
                password_policy = described.password_policy;
                sign_up_attributes = described.required_attributes;
                sign_in_name = SignInName::Email;
                mfa = described.mfa;
                mfa_factors = described.mfa_factors;
                let client = user_client(crate::dev_pool::REGION, Some(&endpoint)).await;
                let gateway = Gateway::new(
                    client,
                    dev.pool_id.clone(),
                    dev.client_id.clone(),
                    Some(dev.client_secret.clone()),
                    config.auth_flow,
                    TokenVerifier::new(jwks, issuer, dev.client_id.clone()),
                );
                (gateway, Some(dev.running))
            }
            PoolSetting::Remote(remote) => {
                let (jwks, issuer) = token_locations(
                    &config,
                    &remote.region,
                    &remote.pool_id,
                    remote.endpoint_url.as_ref(),
                )?;
                if let Some(admin) =
                    credentialed_client(&remote.region, remote.endpoint_url.as_ref()).await
                {
                    // DescribeUserPool needs AWS credentials; without them
                    // the configured (or default) policy stands.
                    match Gateway::describe_pool(&admin, &remote.pool_id).await {
                        Ok(described) => {
                            mfa = described.mfa;
                            mfa_factors = described.mfa_factors;
                            password_policy = described.password_policy;
                            sign_up_attributes = described.required_attributes;
                            if described.email_is_username {
                                sign_in_name = SignInName::Email;
                            }
                        }
                        Err(e) => {
                            tracing::warn!(error = %e, "DescribeUserPool failed; using the configured password policy")
                        }
                    }
                }
                let client = user_client(&remote.region, remote.endpoint_url.as_ref()).await;
                let gateway = Gateway::new(
                    client,
                    remote.pool_id.clone(),
                    remote.client_id.clone(),
                    remote.client_secret.clone(),
                    config.auth_flow,
                    TokenVerifier::new(jwks, issuer, remote.client_id.clone()),
                );
                (gateway, None)
            }
        };

        let store = SqliteStore::open(&config.data_dir.join("sessions.sqlite3"))?;
        spawn_sweeper(store.clone());
        let store: Arc<dyn crate::session::SessionStore> = Arc::new(store);
        let profile_attributes = config
            .profile_attributes
            .iter()
            .map(|a| a.trim().to_owned())
            .filter(|a| !a.is_empty())
            .collect();
        let state = AppState(Arc::new(Inner {
            profile_attributes,
            sessions: store.clone(),
            gateway,
            allowlist: config.return_to_allowlist(),
            sign_in_name,
            password_policy,
            mfa,
            mfa_factors,
            sign_up_attributes,
            dev_pool,
        }));
        let sessions = SessionConfig {
            store,
            secure_cookies: config.secure_cookies,
        };
        let router = router(state.clone(), sessions, &config);
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
        tracing::info!(addr = %self.local_addr(), "Threshold is listening");
        // Without TCP_NODELAY a response written in two parts (headers,
        // then body) waits on the client's delayed ACK: ~40 ms a request.
        let listener = axum::serve::ListenerExt::tap_io(self.listener, |tcp| {
            if let Err(e) = tcp.set_nodelay(true) {
                tracing::debug!(error = %e, "could not set TCP_NODELAY");
            }
        });
        axum::serve(listener, self.router)
            .with_graceful_shutdown(shutdown)
            .await
            .context("serving HTTP")
    }
}

/// The client for user-pool operations: unsigned, as Cognito expects them
/// (no AWS credentials involved).
async fn user_client(region: &str, endpoint: Option<&Url>) -> Client {
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new(region.to_owned()))
        .no_credentials();
    if let Some(endpoint) = endpoint {
        loader = loader.endpoint_url(endpoint.as_str().trim_end_matches('/'));
    }
    Client::new(&loader.load().await)
}

/// A client with credentials from the environment, when there are any.
async fn credentialed_client(region: &str, endpoint: Option<&Url>) -> Option<Client> {
    std::env::var_os("AWS_ACCESS_KEY_ID")?;
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new(region.to_owned()))
        .credentials_provider(
            aws_config::environment::EnvironmentVariableCredentialsProvider::new(),
        );
    if let Some(endpoint) = endpoint {
        loader = loader.endpoint_url(endpoint.as_str().trim_end_matches('/'));
    }
    Some(Client::new(&loader.load().await))
}

/// Deletes expired sessions every ten minutes.
fn spawn_sweeper(store: SqliteStore) {
    use crate::session::SessionStore as _;
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

/// Files under `style/` or `public/`, cacheable for an hour.
fn static_dir(dir: &str) -> Router {
    let path = format!("{}/{dir}", env!("CARGO_MANIFEST_DIR"));
    Router::new()
        .fallback_service(ServeDir::new(path))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=3600"),
        ))
}

fn router(state: AppState, sessions: SessionConfig, config: &Config) -> Router {
    let leptos_options = LeptosOptions::builder().output_name("threshold").build();
    let routes = generate_route_list(App);
    let fallback = leptos_axum::render_app_async_with_context(|| {}, shell);
    let pages = Router::new()
        .route("/api/{*fn_name}", post(handle_server_fns))
        .leptos_routes(&leptos_options, routes, shell)
        .fallback(fallback)
        .with_state(leptos_options)
        .layer(axum::middleware::map_response(strip_hydration_data))
        .layer(axum::middleware::from_fn_with_state(
            sessions,
            session_layer,
        ))
        .layer(CookieManagerLayer::new())
        .layer(Extension(state.clone()));

    let mut app = Router::new()
        .route("/healthz", get(healthz))
        .route("/_dev/outbox.json", get(outbox_json))
        .with_state(state)
        .nest("/style", static_dir("style"))
        .nest("/public", static_dir("public"))
        .merge(pages);
    let origins: Vec<String> = config
        .return_to_allowlist
        .iter()
        .map(|url| url.origin().ascii_serialization())
        .collect();
    for layer in crate::security::headers::layers(&origins) {
        app = app.layer(layer);
    }
    app.layer(
        tower::ServiceBuilder::new()
            .set_x_request_id(MakeRequestUuid)
            .layer(TraceLayer::new_for_http().make_span_with(|request: &axum::http::Request<_>| {
                let request_id = request
                    .headers()
                    .get("x-request-id")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default();
                tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id)
            }))
            .propagate_x_request_id()
            .layer(RequestBodyLimitLayer::new(MAX_FORM_BYTES)),
    )
}
