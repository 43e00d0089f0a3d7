//! `threshold check-config`: the settings, then everything they point at,
//! checked the way the server would use them, each reported on a line of
//! its own in plain words. Exits 1 when anything is wrong.

use std::time::Duration;

use rand::Rng as _;
use rand::distr::Alphanumeric;
use url::Url;

use super::Failure;
use super::pool::{Access, Pool};
use crate::cognito::errors::CognitoError;
use crate::cognito::sign_in::SignInStep;
use crate::config::{Config, StoreSetting};
use crate::domain::{Password, SignInName, SignInNameKind};

/// The report, line by line; any `Error` makes the command fail.
#[derive(Default)]
struct Report {
    errors: usize,
}

impl Report {
    fn ok(&mut self, what: &str, detail: impl std::fmt::Display) {
        println!("ok       {what}: {detail}");
    }
    fn skipped(&mut self, what: &str, why: impl std::fmt::Display) {
        println!("skipped  {what}: {why}");
    }
    fn error(&mut self, what: &str, why: impl std::fmt::Display) {
        self.errors += 1;
        println!("error    {what}: {why}");
    }
}

pub async fn run(config: &Config) -> Result<(), Failure> {
    let mut report = Report::default();
    settings(config, &mut report).await;
    if report.errors == 0 {
        match Pool::open(config, Access::ReadOnly).await {
            Ok(pool) => {
                app_client(&pool, &mut report).await;
                signing_keys(config, &pool, &mut report).await;
                client_settings(config, &pool, &mut report).await;
                pool.close().await;
            }
            Err(e) => report.error("pool", e.0),
        }
    }
    match report.errors {
        0 => Ok(()),
        1 => Err(Failure::Failed("1 problem found".into())),
        n => Err(Failure::Failed(format!("{n} problems found"))),
    }
}

/// What the server checks before it listens, without starting anything,
/// and the session store it would use.
async fn settings(config: &Config, report: &mut Report) {
    match crate::startup::check_settings(config) {
        Ok(warnings) => {
            report.ok("settings", "the settings are valid and belong together");
            for warning in warnings {
                println!("warning  brand: {warning}");
            }
        }
        Err(e) => report.error("settings", format!("{e:#}")),
    }
    match &config.session_store {
        None | Some(StoreSetting::Sqlite) => report.ok(
            "session store",
            format!("SQLite in {}", config.data_dir.display()),
        ),
        Some(StoreSetting::Redis(url)) => {
            let timeout = Duration::from_millis(config.store_timeout_ms);
            match crate::session::redis_store::RedisStore::connect(url, timeout).await {
                Ok(_) => report.ok("session store", "Redis answers"),
                Err(e) => report.error("session store", format!("{e:#}")),
            }
        }
    }
}

/// Starts a sign-in for a name nobody has: the pool answers it like a
/// wrong password when the client id, the secret and the auth flow are
/// right, and names the problem otherwise. Nothing is created; the
/// attempt counts as one failed sign-in for a user who does not exist.
async fn app_client(pool: &Pool, report: &mut Report) {
    let what = "app client";
    let nonce: String = rand::rng()
        .sample_iter(&Alphanumeric)
        .take(12)
        .map(char::from)
        .collect();
    let nonce = nonce.to_ascii_lowercase();
    let raw = match pool.sign_in_name {
        SignInNameKind::Email => format!("threshold-check-{nonce}@example.invalid"),
        SignInNameKind::Username => format!("threshold-check-{nonce}"),
    };
    let (Ok(name), Ok(password)) = (
        SignInName::parse(&raw, pool.sign_in_name),
        Password::parse(format!("Check-{nonce}-1a")),
    ) else {
        report.error(what, "could not make a probe sign-in");
        return;
    };
    match pool.gateway.sign_in(&name, &password).await {
        // A wrong password, or (PreventUserExistenceErrors) a challenge
        // that will fail later: the pool accepted who was asking.
        Err(CognitoError::IncorrectCredentials) | Ok(SignInStep::Challenge(_)) => {
            report.ok("pool", &pool.description);
            report.ok(
                what,
                format!("{} accepts its secret and the sign-in flow", pool.client_id),
            );
        }
        Ok(SignInStep::SignedIn(_)) => {
            report.error(what, "a made-up user signed in; is this a real pool?")
        }
        Err(CognitoError::Unavailable { detail, .. }) => {
            report.error(what, format!("cannot reach {}: {detail}", pool.description));
        }
        Err(CognitoError::Unexpected { detail, .. }) if detail.contains("secret") => report.error(
            what,
            format!(
                "the pool does not accept COGNITO_CLIENT_SECRET for client {} ({detail})",
                pool.client_id
            ),
        ),
        Err(CognitoError::InvalidParameter(why)) => report.error(
            what,
            format!("the pool refused the sign-in flow COGNITO_AUTH_FLOW asks for: {why}"),
        ),
        Err(e) => report.error(what, format!("client {}: {e}", pool.client_id)),
    }
}

/// The keys tokens are checked with.
async fn signing_keys(config: &Config, pool: &Pool, report: &mut Report) {
    let what = "signing keys";
    let url = match &config.jwks_url {
        Some(url) => url.clone(),
        None => match Url::parse(&format!(
            "{}/.well-known/jwks.json",
            pool.endpoint.pool_base(&pool.pool_id)
        )) {
            Ok(url) => url,
            Err(e) => return report.error(what, e),
        },
    };
    #[derive(serde::Deserialize)]
    struct Jwks {
        keys: Vec<serde_json::Value>,
    }
    let fetched = async {
        let reply = super::http()
            .get(url.clone())
            .send()
            .await?
            .error_for_status()?;
        reply.json::<Jwks>().await
    };
    // The client gives up after ten seconds (`super::http`).
    match fetched.await {
        Ok(jwks) if !jwks.keys.is_empty() => {
            report.ok(what, format!("{} key(s) at {url}", jwks.keys.len()));
        }
        Ok(_) => report.error(what, format!("{url} lists no keys")),
        Err(e) => report.error(
            what,
            format!(
                "cannot read {url} (set COGNITO_JWKS_URL if the pool serves them elsewhere): {e}"
            ),
        ),
    }
}

/// What the app client allows, when admin credentials can read it.
async fn client_settings(config: &Config, pool: &Pool, report: &mut Report) {
    let what = "app client settings";
    match pool.admin.describe_client(&pool.pool_id, &pool.client_id).await {
        Ok(client) => {
            let flow = config.auth_flow.client_flow();
            if !client.auth_flows.is_empty() && !client.auth_flows.iter().any(|f| f == flow) {
                report.error(
                    what,
                    format!(
                        "the client does not allow {flow}, which COGNITO_AUTH_FLOW needs (it allows {})",
                        client.auth_flows.join(", ")
                    ),
                );
            } else if !client.auth_flows.is_empty()
                && !client.auth_flows.iter().any(|f| f == "ALLOW_REFRESH_TOKEN_AUTH")
            {
                report.error(
                    what,
                    "the client does not allow ALLOW_REFRESH_TOKEN_AUTH: sessions would end when the access token does",
                );
            } else {
                report.ok(what, format!("allows {}", client.auth_flows.join(", ")));
            }
        }
        // No credentials, or not these rights: the one check that needs
        // them is skipped. Anything else is an answer about the pool.
        Err(CognitoError::Unexpected { detail, .. })
            if detail.contains("ResourceNotFoundException") =>
        {
            report.error(
                what,
                format!(
                    "the pool {} has no app client {} (is COGNITO_USER_POOL_ID the client's pool?): {detail}",
                    pool.pool_id, pool.client_id
                ),
            );
        }
        Err(e) if lacks_credentials(&e) => report.skipped(
            what,
            format!("DescribeUserPoolClient needs AWS credentials allowed cognito-idp:DescribeUserPoolClient ({e})"),
        ),
        Err(e) => report.error(what, format!("DescribeUserPoolClient: {e}")),
    }
}

/// Whether `e` says the caller has no AWS credentials, or not the right
/// to make the call, rather than anything about the pool.
fn lacks_credentials(e: &CognitoError) -> bool {
    let text = e.to_string().to_ascii_lowercase();
    [
        "credentials",
        "accessdenied",
        "not authorized to perform",
        "unrecognizedclient",
        "security token",
        "signature",
    ]
    .iter()
    .any(|needle| text.contains(needle))
}
