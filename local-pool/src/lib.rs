//! A strict, Cognito-compatible user pool for development and tests.
//!
//! It speaks the Cognito Identity Provider API (AWS JSON 1.1,
//! `X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>`) so that an
//! application runs the same SDK → HTTP → user pool path it runs against AWS.
//! It is strict where Cognito is strict (real SRP-6a, real codes, SECRET_HASH,
//! expiring sessions) and records every message it would send in an outbox
//! instead of sending it. It is not for production.
//!
//! ```no_run
//! # async fn run() -> anyhow::Result<()> {
//! let pool = local_pool::spawn("127.0.0.1:0".parse()?, local_pool::Options::default()).await?;
//! println!("Cognito endpoint: {}", pool.endpoint());
//! pool.shutdown().await;
//! # Ok(()) }
//! ```

mod clock;
mod codes;
mod error;
mod http;
mod input;
mod ops;
mod outbox;
mod passkeys;
mod service;
mod srp;
mod state;
mod tokens;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context as _;

pub use clock::Clock;
pub use outbox::{Channel, OutboxMessage, Purpose};

/// How to run a pool.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Where the state file and the token signing key live. `None` keeps
    /// everything in memory (and uses a fresh signing key per process).
    pub data_dir: Option<PathBuf>,
    /// The pool's notion of "now"; tests share it to expire codes and tokens.
    pub clock: Clock,
    /// Serve `GET /_local/clock` and `POST /_local/clock/advance`, which let
    /// anyone who can reach the port move the clock forward. For tests only;
    /// off by default (the routes then answer 404).
    pub clock_control: bool,
}

/// A pool serving HTTP in a background task.
///
/// Dropping it stops the server (without waiting); [`RunningPool::shutdown`]
/// stops it gracefully.
pub struct RunningPool {
    addr: SocketAddr,
    service: Arc<service::Service>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

/// Binds `addr` (port 0 picks a free port), loads the state from
/// `options.data_dir` and serves the Cognito API in a tokio task.
pub async fn spawn(addr: SocketAddr, options: Options) -> anyhow::Result<RunningPool> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("binding {addr}"))?;
    let addr = listener.local_addr().context("reading the bound address")?;
    let data_dir = options.data_dir.clone();
    let clock = options.clock.clone();
    let service =
        tokio::task::spawn_blocking(move || service::Service::load(addr, data_dir, clock))
            .await
            .context("loading the pool state")??;
    let service = Arc::new(service);
    let router = http::router(service.clone(), options.clock_control);
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let served = axum::serve(listener, router)
            .with_graceful_shutdown(async {
                let _ = rx.await;
            })
            .await;
        if let Err(error) = served {
            tracing::error!(%error, "local-pool server stopped");
        }
    });
    Ok(RunningPool {
        addr,
        service,
        shutdown: Some(tx),
        task: Some(task),
    })
}

impl RunningPool {
    /// The address the server is bound to.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL to give the AWS SDK as its endpoint, `http://127.0.0.1:PORT`.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The clock the pool uses; advance it to expire codes, sessions and tokens.
    pub fn clock(&self) -> &Clock {
        self.service.clock()
    }

    /// Messages the pool would have sent, oldest first, optionally only
    /// those to one destination (an email address or phone number).
    pub fn outbox(&self, destination: Option<&str>) -> Vec<OutboxMessage> {
        self.service.outbox(destination)
    }

    /// Stops accepting connections, lets in-flight requests finish and waits.
    pub async fn shutdown(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for RunningPool {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

/// The Cognito operations this pool implements, by their API names.
pub fn supported_operations() -> Vec<&'static str> {
    ops::supported().collect()
}
