//! The pool a command works on: the one the settings name, or else the
//! embedded pool of the Threshold serving from the same data directory
//! (`cargo run` in another terminal), which is started here for the
//! length of the command when no Threshold is running.

use std::time::Duration;

use local_pool::{Clock, RunningPool};
use secrecy::SecretString;
use url::Url;

use crate::cognito::admin::Admin;
use crate::cognito::client::Endpoint;
use crate::cognito::gateway::{AppClient, Gateway};
use crate::config::{Config, PoolSetting};
use crate::domain::SignInNameKind;
use crate::embedded_pool::{Holder, PoolLock};

/// Whether a command may start the embedded pool when no Threshold serves
/// it. Only commands that change something may: one that reads (`users
/// list`, `outbox`, `check-config`) would read a pool nobody uses, or
/// provision one in a directory given by mistake.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Access {
    ReadOnly,
    MayStart,
}

/// How long a command waits for another to finish with the embedded pool
/// (parallel `users create` runs take turns).
const LOCK_WAIT: Duration = Duration::from_secs(30);

/// The pool cannot be used; the message says why, in plain words.
#[derive(Debug)]
pub struct Unreachable(pub String);

/// A pool to run a command on.
pub struct Pool {
    pub pool_id: String,
    pub client_id: String,
    /// The app client's operations (sign-in, enrolling an authenticator app).
    pub gateway: Gateway,
    /// The admin operations.
    pub admin: Admin,
    pub endpoint: Endpoint,
    /// Whether people sign in with their email or a username.
    pub sign_in_name: SignInNameKind,
    /// Where the local pool's own routes (`/_local/outbox`,
    /// `/_local/clock`) would be: the embedded pool, or an endpoint
    /// override that may be a local pool. `None` on AWS.
    pub local_endpoint: Option<Url>,
    /// What the command talks to, for people reading its output.
    pub description: String,
    /// The embedded pool and its lock, when this command had to start it.
    started: Option<(RunningPool, PoolLock)>,
}

impl Pool {
    pub async fn open(config: &Config, access: Access) -> Result<Self, Unreachable> {
        let setting = config.pool().map_err(|e| Unreachable(e.to_string()))?;
        let timeout = Duration::from_millis(config.pool_timeout_ms);
        match setting {
            PoolSetting::Remote(remote) => {
                let verifier = crate::startup::token_verifier(
                    config,
                    &remote.endpoint,
                    &remote.pool_id,
                    &remote.client_id,
                )
                .map_err(|e| Unreachable(format!("{e:#}")))?;
                let app = AppClient {
                    pool_id: remote.pool_id.clone(),
                    client_id: remote.client_id.clone(),
                    client_secret: remote.client_secret.clone(),
                    auth_flow: config.auth_flow,
                    call_timeout: timeout,
                };
                let description = match &remote.endpoint.url {
                    Some(url) => format!("pool {} at {url}", remote.pool_id),
                    None => format!("pool {} in {}", remote.pool_id, remote.endpoint.region),
                };
                Ok(Self {
                    gateway: Gateway::connect(&remote.endpoint, app, verifier).await,
                    admin: Admin::with_default_credentials(&remote.endpoint).await,
                    local_endpoint: remote.endpoint.url.clone(),
                    pool_id: remote.pool_id,
                    client_id: remote.client_id,
                    endpoint: remote.endpoint,
                    sign_in_name: config.sign_in_name,
                    description,
                    started: None,
                })
            }
            PoolSetting::Embedded => Self::embedded(config, timeout, access).await,
        }
    }

    /// The embedded pool of a running Threshold, or one started here.
    async fn embedded(
        config: &Config,
        timeout: Duration,
        access: Access,
    ) -> Result<Self, Unreachable> {
        let (endpoint, pool_id, client_id, secret, started) = match served(config).await? {
            Some(served) => served,
            None if access == Access::ReadOnly => {
                return Err(Unreachable(format!(
                    "no Threshold is serving from {}: start it (`cargo run`) first, or set \
                     THRESHOLD_DATA_DIR to the data directory it uses",
                    config.data_dir.display()
                )));
            }
            None => {
                crate::session::store::private_dir(&config.data_dir)
                    .map_err(|e| Unreachable(format!("{e:#}")))?;
                // Whoever holds the lock runs the pool: another command
                // (parallel seeding takes turns), or a Threshold starting
                // up, which then serves it.
                match crate::embedded_pool::lock(&config.data_dir, LOCK_WAIT, Holder::Command).await
                {
                    Ok(lock) => {
                        let embedded =
                            crate::embedded_pool::start_locked(config, Clock::system(), lock)
                                .await
                                .map_err(|e| Unreachable(format!("{e:#}")))?;
                        (
                            embedded.endpoint,
                            embedded.pool_id,
                            embedded.client_id,
                            embedded.client_secret,
                            Some((embedded.running, embedded.lock)),
                        )
                    }
                    Err(e) => match served(config).await? {
                        Some(served) => served,
                        None => return Err(Unreachable(format!("{e:#}"))),
                    },
                }
            }
        };
        let verifier = crate::startup::token_verifier(config, &endpoint, &pool_id, &client_id)
            .map_err(|e| Unreachable(format!("{e:#}")))?;
        let app = AppClient {
            pool_id: pool_id.clone(),
            client_id: client_id.clone(),
            client_secret: Some(secret),
            auth_flow: config.auth_flow,
            call_timeout: timeout,
        };
        let description = format!(
            "the embedded pool {pool_id} of {} ({})",
            config.data_dir.display(),
            if started.is_some() {
                "started for this command: no Threshold is serving from that directory"
            } else {
                "served by the running Threshold"
            }
        );
        Ok(Self {
            gateway: Gateway::connect(&endpoint, app, verifier).await,
            admin: Admin::for_local_pool(&endpoint),
            local_endpoint: endpoint.url.clone(),
            pool_id,
            client_id,
            endpoint,
            // The development pool signs in with email addresses.
            sign_in_name: SignInNameKind::Email,
            description,
            started,
        })
    }

    /// Stops the embedded pool if this command started it (its state is
    /// on disk for the next start).
    pub async fn close(self) {
        if let Some((running, lock)) = self.started {
            running.shutdown().await;
            drop(lock);
        }
    }
}

/// The embedded pool as a running Threshold serves it from `config`'s
/// data directory: its endpoint, pool, client and secret.
type Served = (
    Endpoint,
    String,
    String,
    SecretString,
    Option<(RunningPool, PoolLock)>,
);

async fn served(config: &Config) -> Result<Option<Served>, Unreachable> {
    // A pool another command started stops when that command ends, maybe
    // in the middle of this one's calls: only a serving Threshold's is used.
    if !crate::embedded_pool::held_by_server(&config.data_dir) {
        return Ok(None);
    }
    let Some((addr, saved)) = crate::embedded_pool::remembered(&config.data_dir) else {
        return Ok(None);
    };
    if !listening(addr).await {
        return Ok(None);
    }
    let endpoint = Endpoint {
        region: crate::embedded_pool::REGION.to_owned(),
        url: Some(local_url(addr)?),
    };
    if !Admin::for_local_pool(&endpoint)
        .client_exists(&saved.pool_id, &saved.client_id)
        .await
    {
        return Err(Unreachable(format!(
            "something answers at {addr}, where the embedded pool of {} should be, but it does \
             not hold the pool saved there (dev-pool.json): is another program on that port?",
            config.data_dir.display()
        )));
    }
    Ok(Some((
        endpoint,
        saved.pool_id,
        saved.client_id,
        SecretString::from(saved.client_secret),
        None,
    )))
}

/// Whether something accepts connections at `addr` (a refused connection
/// answers at once; a half-second bound covers a firewall that drops).
async fn listening(addr: std::net::SocketAddr) -> bool {
    matches!(
        tokio::time::timeout(
            Duration::from_millis(500),
            tokio::net::TcpStream::connect(addr)
        )
        .await,
        Ok(Ok(_))
    )
}

fn local_url(addr: std::net::SocketAddr) -> Result<Url, Unreachable> {
    Url::parse(&format!("http://{addr}/"))
        .map_err(|e| Unreachable(format!("the embedded pool's address {addr}: {e}")))
}
