//! `local-pool`: run the Cognito-compatible user pool on its own.
//!
//! `cargo run -p local-pool -- --addr 127.0.0.1:9229 --data-dir ./data/pool`

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;

/// A strict, Cognito-compatible user pool for development and tests.
/// Not for production.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Args {
    /// Address to listen on (port 0 picks a free one).
    #[arg(long, env = "LOCAL_POOL_ADDR", default_value = "127.0.0.1:9229")]
    addr: SocketAddr,
    /// Directory for the state file and the token signing key. Without it,
    /// everything is kept in memory and lost on exit.
    #[arg(long, env = "LOCAL_POOL_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// For tests only: serve GET /_local/clock and POST /_local/clock/advance,
    /// which let anyone who can reach the port move the pool's clock forward.
    #[arg(long, env = "LOCAL_POOL_TEST_CLOCK")]
    test_clock: bool,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let args = Args::parse();
    let pool = local_pool::spawn(
        args.addr,
        local_pool::Options {
            data_dir: args.data_dir,
            clock: local_pool::Clock::system(),
            clock_control: args.test_clock,
        },
    )
    .await?;
    if args.test_clock {
        tracing::warn!("the test clock is on: anyone who can reach the port can move the clock");
    }
    println!("local-pool listening on {}", pool.endpoint());
    shutdown_signal().await;
    pool.shutdown().await;
    Ok(())
}

/// Ctrl-C everywhere, SIGTERM on Unix (what `docker stop` and CI send).
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
