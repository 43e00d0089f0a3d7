//! The embedded default: with no Cognito pool configured, Threshold starts
//! the local pool in-process, provisions a pool and a confidential client
//! on first start, and remembers them in the data directory.

use std::net::SocketAddr;
use std::path::Path;

use anyhow::Context as _;
use local_pool::{Clock, Options, RunningPool};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::cognito::admin::{
    Admin, ClientAuthFlow, ClientSpec, FirstFactor, MfaRequirement, PoolSpec,
};
use crate::cognito::client::Endpoint;
use crate::cognito::mfa::Factor;
use crate::config::Config;
use crate::domain::PasswordPolicy;

/// The region the embedded pool's ids carry.
pub const REGION: &str = "us-east-1";

/// The provisioned pool and client, as saved in `dev-pool.json`.
#[derive(Serialize, Deserialize)]
pub(crate) struct Saved {
    pub(crate) pool_id: String,
    pub(crate) client_id: String,
    pub(crate) client_secret: String,
}

/// Where a Threshold serving from `data_dir` runs its embedded pool, and
/// the pool and client it provisioned there, as it saved them; `None`
/// before its first start. For the command-line companion, which reaches
/// the same pool from another process.
pub(crate) fn remembered(data_dir: &Path) -> Option<(SocketAddr, Saved)> {
    let addr = std::fs::read_to_string(data_dir.join(ADDR_FILE))
        .ok()?
        .trim()
        .parse()
        .ok()?;
    Some((addr, read_saved(&data_dir.join(SAVED_FILE))?))
}

/// The provisioned pool and client, in the data directory.
const SAVED_FILE: &str = "dev-pool.json";

pub struct EmbeddedPool {
    pub running: RunningPool,
    /// Held for as long as this process runs the pool.
    pub lock: PoolLock,
    pub endpoint: Endpoint,
    pub pool_id: String,
    pub client_id: String,
    pub client_secret: SecretString,
}

/// Where the embedded pool listens (or listened last time), in the data directory.
const ADDR_FILE: &str = "local-pool-addr";

/// The right to run the embedded pool of a data directory. The pool
/// keeps its users in `local-pool/state.json` and rewrites the file on
/// every change, so two processes running it at once (a Threshold and a
/// `threshold users create`, or two of those) would each overwrite the
/// other's users. An exclusive lock on `local-pool.lock`, released when
/// this is dropped (or the process ends), lets one process at a time.
pub struct PoolLock {
    _file: std::fs::File,
}

const LOCK_FILE: &str = "local-pool.lock";

/// Who holds the lock, written in the lock file: a command reaches the
/// pool of a serving Threshold over HTTP, but must not use the pool
/// another command started for a moment (it may stop mid-request), so it
/// waits for the lock instead.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// A Threshold serving pages (for as long as it runs).
    Server,
    /// A `threshold users …` command (for a second or two).
    Command,
}

impl Holder {
    fn as_str(self) -> &'static str {
        match self {
            Holder::Server => "threshold",
            Holder::Command => "command",
        }
    }
}

/// Whether the pool lock of `data_dir` says a serving Threshold holds it
/// (or held it last: the caller checks the pool answers).
pub(crate) fn held_by_server(data_dir: &Path) -> bool {
    std::fs::read_to_string(data_dir.join(LOCK_FILE))
        .is_ok_and(|text| text.trim() == Holder::Server.as_str())
}

/// Takes the data directory's pool lock, waiting up to `wait` for the
/// process that holds it (a command finishing, a Threshold stopping), and
/// writes who holds it now.
pub async fn lock(
    data_dir: &Path,
    wait: std::time::Duration,
    holder: Holder,
) -> anyhow::Result<PoolLock> {
    let path = data_dir.join(LOCK_FILE);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("opening {}", path.display()))?;
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        match file.try_lock() {
            Ok(()) => {
                use std::io::Write as _;
                let mut file = file;
                file.set_len(0)
                    .and_then(|()| file.write_all(holder.as_str().as_bytes()))
                    .with_context(|| format!("writing {}", path.display()))?;
                return Ok(PoolLock { _file: file });
            }
            Err(std::fs::TryLockError::WouldBlock) if tokio::time::Instant::now() < deadline => {
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            Err(std::fs::TryLockError::WouldBlock) => anyhow::bail!(
                "another process runs the embedded pool of {} (a Threshold, or a `threshold users` \
                 command): stop it, or give this one another THRESHOLD_DATA_DIR",
                data_dir.display()
            ),
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(e).with_context(|| format!("locking {}", path.display()));
            }
        }
    }
}

/// Starts the local pool and makes sure it holds the development pool,
/// once no other process runs it (waiting a little for a command to end).
pub async fn start(config: &Config, clock: Clock) -> anyhow::Result<EmbeddedPool> {
    let lock = lock(
        &config.data_dir,
        std::time::Duration::from_secs(10),
        Holder::Server,
    )
    .await?;
    start_locked(config, clock, lock).await
}

/// `start`, with the lock already taken.
pub async fn start_locked(
    config: &Config,
    clock: Clock,
    lock: PoolLock,
) -> anyhow::Result<EmbeddedPool> {
    let options = Options {
        data_dir: Some(config.data_dir.join("local-pool")),
        clock,
        clock_control: config.local_pool_test_clock,
    };
    let running = spawn_at_stable_address(config, options).await?;
    let endpoint = Endpoint {
        region: REGION.to_owned(),
        url: Some(Url::parse(&running.endpoint()).context("the local pool's endpoint")?),
    };
    let admin = Admin::for_local_pool(&endpoint);
    let saved_path = config.data_dir.join(SAVED_FILE);
    let saved = match read_saved(&saved_path) {
        Some(saved) if admin.client_exists(&saved.pool_id, &saved.client_id).await => saved,
        _ => {
            let saved = provision(&admin, &relying_party(config)).await?;
            write_saved(&saved_path, &saved)?;
            saved
        }
    };
    tracing::warn!(
        endpoint = %running.endpoint(),
        pool_id = %saved.pool_id,
        "using the embedded local development pool, not Amazon Cognito; codes are shown at /_dev/outbox"
    );
    Ok(EmbeddedPool {
        running,
        lock,
        endpoint,
        pool_id: saved.pool_id,
        client_id: saved.client_id,
        client_secret: SecretString::from(saved.client_secret),
    })
}

/// The pool's tokens name its address as their issuer, so a pool that
/// came back on another port would refuse every token it issued before,
/// and a restart of `cargo run` would sign everyone out. Unless a port is
/// configured, the pool takes the address it had last time (waiting a
/// little for a previous process to let go of it), and only falls back to
/// a new port, with a warning, when another program holds it.
async fn spawn_at_stable_address(config: &Config, options: Options) -> anyhow::Result<RunningPool> {
    let configured = config.local_pool_addr;
    let addr_file = config.data_dir.join(ADDR_FILE);
    let remembered = (configured.port() == 0)
        .then(|| std::fs::read_to_string(&addr_file).ok())
        .flatten()
        .and_then(|text| text.trim().parse::<SocketAddr>().ok())
        .filter(|addr| addr.ip() == configured.ip());
    let running = match remembered {
        Some(addr) => match spawn_with_retries(addr, &options).await {
            Ok(running) => running,
            Err(e) => {
                tracing::warn!(
                    %addr,
                    error = %e,
                    "the embedded pool's previous address is taken; it moves to a new one, \
                     and visitors signed in before this start must sign in again"
                );
                local_pool::spawn(configured, options)
                    .await
                    .context("starting the embedded local pool")?
            }
        },
        None => local_pool::spawn(configured, options)
            .await
            .context("starting the embedded local pool")?,
    };
    // Written with a configured port too: the command-line companion
    // (`threshold users …`) finds the pool by it.
    {
        let text = running.local_addr().to_string();
        if let Err(e) = std::fs::write(&addr_file, text) {
            tracing::warn!(error = %e, path = %addr_file.display(), "could not remember the embedded pool's address");
        }
    }
    Ok(running)
}

/// Binds `addr`, retrying for about two seconds: a process being
/// restarted may still hold it for a moment.
async fn spawn_with_retries(addr: SocketAddr, options: &Options) -> anyhow::Result<RunningPool> {
    let mut delay = std::time::Duration::from_millis(50);
    let mut waited = std::time::Duration::ZERO;
    loop {
        match local_pool::spawn(addr, options.clone()).await {
            Ok(running) => return Ok(running),
            Err(e) if waited >= std::time::Duration::from_secs(2) => return Err(e),
            Err(_) => {
                tokio::time::sleep(delay).await;
                waited += delay;
                delay = (delay * 2).min(std::time::Duration::from_millis(500));
            }
        }
    }
}

fn read_saved(path: &Path) -> Option<Saved> {
    let text = std::fs::read_to_string(path).ok()?;
    serde_json::from_str(&text).ok()
}

fn write_saved(path: &Path, saved: &Saved) -> anyhow::Result<()> {
    let text = serde_json::to_string_pretty(saved).context("serialising dev-pool.json")?;
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, text).with_context(|| format!("writing {}", tmp.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The file holds the client secret.
        std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o600))
            .with_context(|| format!("restricting {}", tmp.display()))?;
    }
    std::fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()))
}

/// The site passkeys belong to: `THRESHOLD_PUBLIC_URL`'s host, else
/// `localhost` (browsers refuse passkeys on an IP address such as
/// 127.0.0.1, so a development server is opened at http://localhost:3000).
fn relying_party(config: &Config) -> String {
    config
        .public_url
        .as_ref()
        .and_then(|url| url.host_str())
        .filter(|host| host.parse::<std::net::IpAddr>().is_err())
        .unwrap_or("localhost")
        .to_owned()
}

/// Creates the development pool: email as the sign-in name in any
/// capitalisation (`Ada@x.com` signs in as `ada@x.com`), reset codes to the
/// verified email first, MFA optional
/// with authenticator apps, SMS and email, every auth flow Threshold uses,
/// the original email kept until a new one is verified, and one custom
/// attribute (`custom:company`, so THRESHOLD_PROFILE_ATTRIBUTES has
/// something to edit in development), devices remembered when the user
/// asks after MFA, and choice-based sign-in with the password, codes by
/// email and SMS, and passkeys for `relying_party`.
async fn provision(admin: &Admin, relying_party: &str) -> anyhow::Result<Saved> {
    let pool_id = admin
        .create_pool(&PoolSpec {
            email_is_username: true,
            verify_email: true,
            keep_original_email_until_verified: true,
            mfa: MfaRequirement::Optional,
            mfa_factors: Factor::ALL.to_vec(),
            password_policy: Some(PasswordPolicy::default()),
            custom_attributes: vec!["company".to_owned()],
            case_insensitive_names: true,
            recover_by_email_first: true,
            // The code that confirms a sign-up signs the new user in.
            first_factors: vec![
                FirstFactor::Password,
                FirstFactor::EmailCode,
                FirstFactor::SmsCode,
                FirstFactor::Passkey,
            ],
            passkey_relying_party: Some(relying_party.to_owned()),
            // "Remember this browser" after MFA (THRESHOLD_REMEMBER_DEVICES).
            remember_devices_on_prompt: true,
            ..PoolSpec::named("threshold-dev")
        })
        .await
        .context("creating the development pool")?;
    let client = admin
        .create_client(
            &pool_id,
            &ClientSpec {
                name: "threshold".to_owned(),
                auth_flows: vec![
                    ClientAuthFlow::UserSrp,
                    ClientAuthFlow::UserPassword,
                    ClientAuthFlow::RefreshToken,
                    ClientAuthFlow::UserAuth,
                ],
                prevent_user_existence_errors: true,
                write_attributes: None,
            },
        )
        .await
        .context("creating the development app client")?;
    Ok(Saved {
        pool_id,
        client_id: client.client_id,
        client_secret: client.client_secret.expose_secret().to_owned(),
    })
}
