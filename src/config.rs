//! Typed settings, read once at start from flags, the environment and an
//! optional `.env` file, and validated before anything listens.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;
use secrecy::SecretString;
use url::Url;

use crate::cognito::client::Endpoint;
use crate::cognito::gateway::AuthFlow;
use crate::domain::SignInNameKind;
use crate::security::client_ip::ClientIp;
use crate::security::return_to::Allowlist;

/// Every setting Threshold reads. Each flag can also be given as the
/// environment variable named beside it.
#[derive(Debug, Clone, Parser)]
#[command(
    name = "threshold",
    version,
    about = "Branded sign-in pages for Amazon Cognito user pools"
)]
pub struct Config {
    /// Address the web server listens on.
    #[arg(long, env = "THRESHOLD_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// Where the session database (and the embedded local pool) keep their files.
    #[arg(long, env = "THRESHOLD_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,

    /// The Cognito user pool, e.g. `eu-west-1_AbC123xyz`. Unset: run the
    /// embedded local development pool.
    #[arg(long, env = "COGNITO_USER_POOL_ID")]
    pub user_pool_id: Option<String>,

    /// The app client id (a confidential client, with a secret).
    #[arg(long, env = "COGNITO_CLIENT_ID")]
    pub client_id: Option<String>,

    /// The app client secret.
    #[arg(long, env = "COGNITO_CLIENT_SECRET", hide_env_values = true, value_parser = parse_secret)]
    pub client_secret: Option<SecretString>,

    /// AWS region of the pool; derived from the pool id when unset.
    #[arg(long, env = "AWS_REGION")]
    pub region: Option<String>,

    /// `USER_SRP_AUTH` (default) or `USER_PASSWORD_AUTH`.
    #[arg(long, env = "COGNITO_AUTH_FLOW", default_value = "USER_SRP_AUTH")]
    pub auth_flow: AuthFlow,

    /// Choice-based sign-in (`true`/`false`): the sign-in page asks for
    /// the name first, then offers the ways in the pool allows (password,
    /// a code by email or SMS, a passkey). Needs `ALLOW_USER_AUTH` on the
    /// app client. Unset: on for the embedded pool, and for a real pool
    /// when DescribeUserPoolClient shows the client allows USER_AUTH.
    #[arg(long, env = "THRESHOLD_CHOICE_SIGN_IN")]
    pub choice_sign_in: Option<bool>,

    /// Origins (like `https://app.example.com`) that `return_to` may send
    /// people to after sign-in, comma separated. Same-site paths are always allowed.
    #[arg(long, env = "THRESHOLD_RETURN_TO_ALLOWLIST", value_delimiter = ',', value_parser = parse_origin)]
    pub return_to_allowlist: Vec<Url>,

    /// A non-AWS user-pool endpoint (the local pool, moto). The SDK's own variable.
    #[arg(long, env = "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER")]
    pub endpoint_url: Option<Url>,

    /// Where the pool's signing keys are; derived from region and pool (or endpoint) when unset.
    #[arg(long, env = "COGNITO_JWKS_URL")]
    pub jwks_url: Option<Url>,

    /// The `iss` claim the pool's tokens carry; derived like the JWKS address when unset.
    #[arg(long, env = "COGNITO_ISSUER")]
    pub issuer: Option<String>,

    /// Whether people sign in with their email address or a username.
    #[arg(long, env = "THRESHOLD_SIGN_IN_NAME", default_value = "email")]
    pub sign_in_name: SignInNameKind,

    /// Attributes the sign-up form asks for besides email and password,
    /// comma separated (e.g. `name,phone_number`), when DescribeUserPool is
    /// not available to read them from the pool.
    #[arg(long, env = "THRESHOLD_SIGN_UP_ATTRIBUTES", value_delimiter = ',')]
    pub sign_up_attributes: Vec<String>,

    /// Custom attributes the profile page lets people edit besides name,
    /// given and family name and language, comma separated (e.g.
    /// `custom:company`). The app client must be allowed to write them.
    #[arg(long, env = "THRESHOLD_PROFILE_ATTRIBUTES", value_delimiter = ',')]
    pub profile_attributes: Vec<String>,

    /// The pool's password policy for the sign-up checklist, like
    /// `min=8,upper,lower,digit,symbol`, when DescribeUserPool is not
    /// available. Default: Cognito's default policy.
    #[arg(long, env = "THRESHOLD_PASSWORD_POLICY")]
    pub password_policy: Option<String>,

    /// The pool's MFA setting (`off`, `optional`, `on`) shown on the account
    /// page, when DescribeUserPool is not available.
    #[arg(long, env = "THRESHOLD_MFA", default_value = "optional")]
    pub mfa: String,

    /// MFA methods the pool allows (`totp,sms,email`), when
    /// GetUserPoolMfaConfig is not available.
    #[arg(
        long,
        env = "THRESHOLD_MFA_FACTORS",
        value_delimiter = ',',
        default_value = "totp"
    )]
    pub mfa_factors: Vec<String>,

    /// Listen address of the embedded local pool (only without `COGNITO_USER_POOL_ID`).
    #[arg(long, env = "THRESHOLD_LOCAL_POOL_ADDR", default_value = "127.0.0.1:0")]
    pub local_pool_addr: SocketAddr,

    /// Let tests move the embedded local pool's clock forward over HTTP
    /// (`/_local/clock` on the pool's own port, never on Threshold's).
    /// For browser tests of expiry and authenticator codes; off by default.
    #[arg(long, env = "THRESHOLD_LOCAL_POOL_TEST_CLOCK", default_value_t = false, action = clap::ArgAction::Set)]
    pub local_pool_test_clock: bool,

    /// Offer "Remember this browser" on the MFA code pages: a remembered
    /// browser skips MFA at its next sign-ins (Cognito device tracking,
    /// which the pool must have turned on). Unset: on for the embedded
    /// pool, off for a configured one.
    #[arg(long, env = "THRESHOLD_REMEMBER_DEVICES", action = clap::ArgAction::Set)]
    pub remember_devices: Option<bool>,

    /// A signed-in session not used for this many seconds ends.
    #[arg(long, env = "THRESHOLD_SESSION_IDLE_SECS", default_value_t = 7 * 24 * 60 * 60)]
    pub session_idle_secs: u64,

    /// A signed-in session ends this many seconds after signing in, however
    /// busy (Cognito's refresh tokens last 30 days by default).
    #[arg(long, env = "THRESHOLD_SESSION_MAX_SECS", default_value_t = 30 * 24 * 60 * 60)]
    pub session_max_secs: u64,

    /// Seconds after signing in during which sensitive changes (the email
    /// address or phone number, any change of two-step verification,
    /// deleting the account) go through; later, they ask for the password
    /// (and MFA) again.
    #[arg(long, env = "THRESHOLD_REAUTH_AFTER_SECS", default_value_t = 300)]
    pub reauth_after_secs: u64,

    /// The header trusted proxies put the client address in (usually
    /// `X-Forwarded-For`). Unset: the TCP peer is the client, as when
    /// Threshold faces the internet itself.
    #[arg(long, env = "THRESHOLD_CLIENT_IP_HEADER")]
    pub client_ip_header: Option<String>,

    /// How many trusted proxies append to that header: the client address
    /// is that many entries from the right.
    #[arg(long, env = "THRESHOLD_TRUSTED_PROXY_HOPS", default_value_t = 1)]
    pub trusted_proxy_hops: usize,

    /// Multiplies every brute-force budget; 0 turns the limits off. Test
    /// rigs whose every visitor comes from one address raise it.
    #[arg(long, env = "THRESHOLD_RATE_LIMIT_FACTOR", default_value_t = 1)]
    pub rate_limit_factor: u64,

    /// Allow the embedded local pool (and its outbox of every code it
    /// "sent") on an address other than loopback: a development server
    /// shared by a team, never production.
    #[arg(long, env = "THRESHOLD_SHARED_DEV_SERVER", default_value_t = false, action = clap::ArgAction::Set)]
    pub shared_dev_server: bool,

    /// Where sessions, sign-out markers and rate-limit counters live:
    /// unset for SQLite in the data directory (one instance), or
    /// `redis://host:port/db` for several instances sharing them (plain
    /// TCP: keep Redis on a private network).
    #[arg(long, env = "THRESHOLD_SESSION_STORE", value_parser = parse_store)]
    pub session_store: Option<StoreSetting>,

    /// Milliseconds one call to the user pool may take, the SDK's retries
    /// included, before the visitor is told to try again in a moment.
    #[arg(long, env = "THRESHOLD_POOL_TIMEOUT_MS", default_value_t = 5000)]
    pub pool_timeout_ms: u64,

    /// Milliseconds a session-store command may take before the visitor
    /// gets the "unavailable" page instead of a hung request.
    #[arg(long, env = "THRESHOLD_STORE_TIMEOUT_MS", default_value_t = 2000)]
    pub store_timeout_ms: u64,

    /// The key that encrypts stored sessions and derives CSRF tokens: 32
    /// bytes in base64 (`openssl rand -base64 32`). Instances sharing a
    /// session store must share it. Unset: `session-key` in the data
    /// directory, created on first start.
    #[arg(long, env = "THRESHOLD_SESSION_KEY", hide_env_values = true, value_parser = parse_secret_key)]
    pub session_key: Option<SecretString>,

    /// Mark the session cookie `Secure` and give it the `__Host-` prefix.
    /// Only turn this off for plain-HTTP test rigs that cannot keep Secure cookies.
    #[arg(long, env = "THRESHOLD_SECURE_COOKIES", default_value_t = true, action = clap::ArgAction::Set)]
    pub secure_cookies: bool,

    /// Share the session cookie with subdomains of this domain (e.g.
    /// `example.com`, for Threshold on `auth.example.com` in front of
    /// `app.example.com`). The cookie is then `__Secure-threshold` instead
    /// of the host-only `__Host-threshold`. Unset: host-only.
    #[arg(long, env = "THRESHOLD_COOKIE_DOMAIN", value_parser = parse_cookie_domain)]
    pub cookie_domain: Option<String>,

    /// Where browsers reach Threshold, e.g. `https://auth.example.com`,
    /// when that is another host than the apps it guards: forward auth's
    /// redirect mode (`/auth/verify?redirect=1`) sends visitors to sign-in
    /// there. Unset: the redirect is to `/sign-in` on the app's host.
    #[arg(long, env = "THRESHOLD_PUBLIC_URL", value_parser = parse_origin)]
    pub public_url: Option<Url>,

    /// A folder with `brand.toml` and the files it names (logo, favicon,
    /// stylesheet): the product's name, look and footer links
    /// (`docs/branding.md`). Unset: Threshold's own brand.
    #[arg(long, env = "THRESHOLD_BRAND_DIR")]
    pub brand_dir: Option<PathBuf>,

    /// Forward auth (`GET /auth/verify`) also answers with the user's
    /// access token in `X-Auth-Request-Access-Token`, for upstreams that
    /// call APIs as the user, to callers that present
    /// `THRESHOLD_FORWARD_AUTH_SECRET` (required with this). Off: tokens
    /// stay in Threshold.
    #[arg(long, env = "THRESHOLD_FORWARD_ACCESS_TOKEN", default_value_t = false, action = clap::ArgAction::Set)]
    pub forward_access_token: bool,

    /// A secret the reverse proxy sends in `X-Threshold-Forward-Secret`
    /// with its forward-auth requests, so that only it, never a browser,
    /// gets the access token (`openssl rand -base64 32`).
    #[arg(long, env = "THRESHOLD_FORWARD_AUTH_SECRET", hide_env_values = true, value_parser = parse_forward_secret)]
    pub forward_auth_secret: Option<SecretString>,

    /// Groups forward auth requires by the original request's address,
    /// comma separated: `<path prefix>=<group>` or
    /// `<host><path prefix>=<group>`, several groups (any of them) joined
    /// by `|`, e.g. `/admin=admins,app.example.com/billing=finance|admins`.
    /// The longest matching prefix applies.
    #[arg(long, env = "THRESHOLD_FORWARD_AUTH_GROUPS", value_delimiter = ',')]
    pub forward_auth_groups: Vec<String>,

    /// A Cognito identity pool (`eu-west-1:<uuid>`) that trusts the user
    /// pool: server code gets AWS credentials for the signed-in user
    /// through the `AuthUser` extractor. Unset: no credentials.
    #[arg(long, env = "COGNITO_IDENTITY_POOL_ID")]
    pub identity_pool_id: Option<String>,

    /// A non-AWS identity pool endpoint (moto). The SDK's own variable.
    #[arg(long, env = "AWS_ENDPOINT_URL_COGNITO_IDENTITY")]
    pub identity_endpoint_url: Option<Url>,

    /// Log as JSON lines instead of human-readable text.
    #[arg(long, env = "THRESHOLD_LOG_JSON", default_value_t = false, action = clap::ArgAction::Set)]
    pub log_json: bool,

    /// A command instead of serving the pages (`threshold users create …`).
    #[command(subcommand)]
    pub command: Option<crate::cli::args::Command>,
}

fn parse_secret(value: &str) -> Result<SecretString, String> {
    if value.is_empty() {
        return Err("the client secret is empty".into());
    }
    Ok(SecretString::from(value.to_owned()))
}

/// Where sessions are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreSetting {
    Sqlite,
    /// A `redis://` URL.
    Redis(String),
}

fn parse_store(value: &str) -> Result<StoreSetting, String> {
    let value = value.trim();
    if value.is_empty() || value == "sqlite" {
        return Ok(StoreSetting::Sqlite);
    }
    if value.starts_with("redis://") {
        return Ok(StoreSetting::Redis(value.to_owned()));
    }
    if value.starts_with("rediss://") {
        return Err(
            "TLS to Redis (`rediss://`) is not built in; reach Redis over a private \
                    network or through a TLS tunnel (stunnel, a sidecar) and use redis://"
                .into(),
        );
    }
    Err(format!("`{value}` is neither `sqlite` nor a redis:// URL"))
}

fn parse_secret_key(value: &str) -> Result<SecretString, String> {
    if value.trim().is_empty() {
        return Err("the session key is empty".into());
    }
    Ok(SecretString::from(value.to_owned()))
}

/// A bare domain: no scheme, port or path, no leading dot (browsers
/// ignore one anyway).
fn parse_cookie_domain(value: &str) -> Result<String, String> {
    let domain = value.trim().trim_start_matches('.').to_ascii_lowercase();
    let valid = !domain.is_empty()
        && domain.len() <= 253
        && domain.split('.').all(|label| {
            !label.is_empty()
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    if !valid {
        return Err(format!(
            "`{value}` is not a domain like `example.com` (no scheme, port or path)"
        ));
    }
    Ok(domain)
}

/// At least 16 characters: the proxy's secret must not be guessable.
fn parse_forward_secret(value: &str) -> Result<SecretString, String> {
    if value.trim().chars().count() < 16 {
        return Err("the forward-auth secret must be at least 16 characters".into());
    }
    Ok(SecretString::from(value.trim().to_owned()))
}

fn parse_origin(value: &str) -> Result<Url, String> {
    let url = Url::parse(value.trim()).map_err(|e| format!("`{value}` is not a URL: {e}"))?;
    if !matches!(url.scheme(), "https" | "http") || url.host().is_none() {
        return Err(format!("`{value}` is not an http(s) origin"));
    }
    Ok(url)
}

/// The pool Threshold talks to, once configuration is validated.
#[derive(Debug, Clone)]
pub enum PoolSetting {
    /// A real (or externally run) Cognito-compatible pool.
    Remote(RemotePool),
    /// No pool configured: start the local pool inside this process.
    Embedded,
}

#[derive(Debug, Clone)]
pub struct RemotePool {
    pub pool_id: String,
    pub client_id: String,
    pub client_secret: Option<SecretString>,
    pub endpoint: Endpoint,
}

impl Config {
    /// Reads `.env` (when present), the environment and the command line.
    pub fn load() -> Result<Self, clap::Error> {
        // A missing .env file is normal; a malformed one is reported by the
        // values it fails to provide, so the error is ignored here.
        let _ = dotenvy::dotenv();
        Self::try_parse()
    }

    /// Parses explicit arguments (the first is the program name), with
    /// the environment filling what they leave out. For tests and tools.
    pub fn from_args<I, T>(args: I) -> Result<Self, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        Self::try_parse_from(args)
    }

    /// Decides which pool to use and checks the settings belong together.
    pub fn pool(&self) -> Result<PoolSetting, ConfigError> {
        let Some(pool_id) = self.user_pool_id.clone() else {
            if self.client_id.is_some() {
                return Err(ConfigError(
                    "COGNITO_CLIENT_ID is set but COGNITO_USER_POOL_ID is not; set both, or neither to use the embedded local pool".into(),
                ));
            }
            // The embedded pool shows every code it "sends" at
            // /_dev/outbox: on a reachable address anyone could take over
            // any account with it.
            let public = !self.addr.ip().is_loopback() || !self.local_pool_addr.ip().is_loopback();
            if public && !self.shared_dev_server {
                return Err(ConfigError(format!(
                    "THRESHOLD_ADDR {} or THRESHOLD_LOCAL_POOL_ADDR {} is not a loopback address, \
                     and without COGNITO_USER_POOL_ID Threshold would run the embedded development \
                     pool there, whose outbox shows every code it sends. Configure a real pool \
                     (COGNITO_USER_POOL_ID, COGNITO_CLIENT_ID, COGNITO_CLIENT_SECRET), or set \
                     THRESHOLD_SHARED_DEV_SERVER=true if this is a development server shared by a team",
                    self.addr, self.local_pool_addr
                )));
            }
            return Ok(PoolSetting::Embedded);
        };
        let Some((region_part, name)) = pool_id.split_once('_') else {
            return Err(ConfigError(format!(
                "COGNITO_USER_POOL_ID `{pool_id}` should look like `eu-west-1_AbC123xyz`"
            )));
        };
        if region_part.is_empty() || name.is_empty() {
            return Err(ConfigError(format!(
                "COGNITO_USER_POOL_ID `{pool_id}` should look like `eu-west-1_AbC123xyz`"
            )));
        }
        let client_id = self.client_id.clone().ok_or_else(|| {
            ConfigError("COGNITO_CLIENT_ID is required when COGNITO_USER_POOL_ID is set".into())
        })?;
        Ok(PoolSetting::Remote(RemotePool {
            endpoint: Endpoint {
                region: self
                    .region
                    .clone()
                    .filter(|r| !r.is_empty())
                    .unwrap_or_else(|| region_part.to_owned()),
                url: self.endpoint_url.clone(),
            },
            pool_id,
            client_id,
            client_secret: self.client_secret.clone(),
        }))
    }

    /// Where the client address comes from.
    pub fn client_ip(&self) -> ClientIp {
        match &self.client_ip_header {
            Some(name) if !name.trim().is_empty() => ClientIp::Header {
                name: name.trim().to_ascii_lowercase(),
                hops: self.trusted_proxy_hops.max(1),
            },
            _ => ClientIp::Peer,
        }
    }

    /// The secret that unlocks the access token in forward auth, when
    /// `THRESHOLD_FORWARD_ACCESS_TOKEN` asks for it.
    pub fn forward_access_token_secret(&self) -> Result<Option<SecretString>, ConfigError> {
        match (self.forward_access_token, &self.forward_auth_secret) {
            (false, _) => Ok(None),
            (true, Some(secret)) => Ok(Some(secret.clone())),
            (true, None) => Err(ConfigError(
                "THRESHOLD_FORWARD_ACCESS_TOKEN=true needs THRESHOLD_FORWARD_AUTH_SECRET: \
                 without it, anyone signed in could read their access token from /auth/verify"
                    .into(),
            )),
        }
    }

    pub fn return_to_allowlist(&self) -> Allowlist {
        Allowlist::new(
            self.return_to_allowlist
                .iter()
                .map(|u| u.origin())
                .collect(),
        )
    }
}

/// A setting that is present but unusable; the message names it.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(pub String);

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Config {
        let mut all = vec!["threshold"];
        all.extend_from_slice(args);
        Config::try_parse_from(all).expect("test arguments are valid")
    }

    #[test]
    fn no_pool_means_the_embedded_local_pool() {
        let mut config = parse(&["--data-dir", "/tmp/x"]);
        // The environment of the test run must not decide the outcome.
        config.user_pool_id = None;
        config.client_id = None;
        assert!(matches!(config.pool(), Ok(PoolSetting::Embedded)));
    }

    #[test]
    fn a_client_without_a_pool_is_rejected() {
        let mut config = parse(&[]);
        config.user_pool_id = None;
        config.client_id = Some("abc".into());
        let err = config.pool().expect_err("client id without pool id");
        assert!(err.to_string().contains("COGNITO_USER_POOL_ID"));
    }

    #[test]
    fn region_is_taken_from_the_pool_id() {
        let mut config = parse(&["--user-pool-id", "eu-west-1_AbC123", "--client-id", "abc"]);
        config.region = None;
        let Ok(PoolSetting::Remote(pool)) = config.pool() else {
            panic!("expected a remote pool");
        };
        assert_eq!(pool.endpoint.region, "eu-west-1");
    }

    #[test]
    fn a_pool_id_without_region_is_rejected_with_its_name() {
        let config = parse(&["--user-pool-id", "nounderscore", "--client-id", "abc"]);
        let err = config.pool().expect_err("malformed pool id");
        assert!(err.to_string().contains("nounderscore"));
    }

    #[test]
    fn a_pool_without_client_id_is_rejected() {
        let mut config = parse(&["--user-pool-id", "us-east-1_abc"]);
        config.client_id = None;
        let err = config.pool().expect_err("client id missing");
        assert!(err.to_string().contains("COGNITO_CLIENT_ID"));
    }

    #[test]
    fn the_embedded_pool_is_refused_on_a_public_address() {
        let mut config = parse(&["--addr", "0.0.0.0:3000"]);
        config.user_pool_id = None;
        config.client_id = None;
        let err = config
            .pool()
            .expect_err("an outbox of codes on every interface");
        assert!(
            err.to_string().contains("THRESHOLD_SHARED_DEV_SERVER"),
            "{err}"
        );
        assert!(err.to_string().contains("COGNITO_USER_POOL_ID"), "{err}");

        config.shared_dev_server = true;
        assert!(matches!(config.pool(), Ok(PoolSetting::Embedded)));

        let mut pool_in_public = parse(&["--local-pool-addr", "0.0.0.0:9229"]);
        pool_in_public.user_pool_id = None;
        pool_in_public.client_id = None;
        assert!(
            pool_in_public.pool().is_err(),
            "the pool's own port counts too"
        );

        for loopback in ["127.0.0.1:3000", "[::1]:3000"] {
            let mut config = parse(&["--addr", loopback]);
            config.user_pool_id = None;
            config.client_id = None;
            assert!(
                matches!(config.pool(), Ok(PoolSetting::Embedded)),
                "{loopback}"
            );
        }
    }

    #[test]
    fn the_session_store_is_sqlite_or_plain_redis() {
        assert_eq!(parse_store(""), Ok(StoreSetting::Sqlite));
        assert_eq!(
            parse_store("redis://127.0.0.1:6379/0"),
            Ok(StoreSetting::Redis("redis://127.0.0.1:6379/0".into()))
        );
        let tls = parse_store("rediss://redis.internal:6380").expect_err("no TLS built in");
        assert!(tls.contains("rediss"), "{tls}");
        assert!(parse_store("postgres://x").is_err());
    }

    #[test]
    fn the_cookie_domain_is_a_bare_domain() {
        assert_eq!(
            parse_cookie_domain(".Example.com"),
            Ok("example.com".into())
        );
        for wrong in [
            "",
            "https://example.com",
            "example.com:443",
            "example.com/app",
            "a..b",
        ] {
            assert!(parse_cookie_domain(wrong).is_err(), "{wrong}");
        }
    }

    #[test]
    fn handing_on_the_access_token_needs_the_proxys_secret() {
        let mut config = parse(&["--forward-access-token", "true"]);
        config.forward_auth_secret = None;
        let err = config
            .forward_access_token_secret()
            .expect_err("a token for anyone who asks");
        assert!(
            err.to_string().contains("THRESHOLD_FORWARD_AUTH_SECRET"),
            "{err}"
        );
        config.forward_auth_secret = Some(SecretString::from("sixteen-chars-ok"));
        assert!(matches!(config.forward_access_token_secret(), Ok(Some(_))));
        assert!(parse_forward_secret("short").is_err());
        config.forward_access_token = false;
        assert!(matches!(config.forward_access_token_secret(), Ok(None)));
    }

    #[test]
    fn allowlist_entries_must_be_origins() {
        let result = Config::try_parse_from(["threshold", "--return-to-allowlist", "not a url"]);
        assert!(result.is_err());
    }
}
