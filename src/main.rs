//! Config → a command, or telemetry → serve. Nothing else lives here.

use std::process::ExitCode;

use threshold::config::Config;
use threshold::startup::Application;

#[tokio::main]
async fn main() -> ExitCode {
    let config = match Config::load() {
        Ok(config) => config,
        Err(e) => e.exit(),
    };
    if let Some(command) = config.command.clone() {
        // Commands print JSON or a report on stdout; the server's logs
        // would only get in the way, so telemetry stays off.
        return threshold::cli::run(config, command).await;
    }
    threshold::telemetry::init(config.log_json);
    let app = match Application::build(config).await {
        Ok(app) => app,
        Err(e) => {
            eprintln!("threshold: cannot start: {e:#}");
            return ExitCode::FAILURE;
        }
    };
    match app.run_until_stopped(shutdown_signal()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("threshold: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Ctrl-C or SIGTERM (what orchestrators send) starts a graceful shutdown.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
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
    tracing::info!("shutting down");
}
