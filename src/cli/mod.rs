//! The command-line companion: what operators and end-to-end tests need
//! besides the pages, in the same binary (serving stays the default
//! command). Seeding users, reading the codes the local pool "sent", and
//! checking a configuration before deploying it.
//!
//! Exit codes: 0 done; 1 the pool refused or could not be reached (the
//! message says which); 2 the command line itself is wrong (clap's own
//! code for usage errors, kept for ours).

pub mod args;
mod check;
mod outbox;
mod pool;
mod users;

use std::process::ExitCode;

pub use args::{Command, CreateUser, DeleteUser, OutboxArgs, UsersCommand};

use crate::config::Config;

/// Why a command failed, and so its exit code.
#[derive(Debug)]
pub enum Failure {
    /// The arguments are wrong in a way clap cannot see (exit code 2).
    Usage(String),
    /// The pool said no, or could not be reached (exit code 1).
    Failed(String),
}

impl Failure {
    fn exit(self) -> ExitCode {
        match self {
            Failure::Usage(message) => {
                eprintln!("threshold: {message}");
                ExitCode::from(2)
            }
            Failure::Failed(message) => {
                eprintln!("threshold: {message}");
                ExitCode::FAILURE
            }
        }
    }
}

impl From<pool::Unreachable> for Failure {
    fn from(e: pool::Unreachable) -> Self {
        Failure::Failed(e.0)
    }
}

/// An HTTP client for the pool's own routes (clock, outbox) and the
/// signing keys: a pool that accepts the connection and never answers
/// fails the command instead of hanging it.
fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(10))
        .build()
        // Building fails only when the TLS backend cannot initialise,
        // which the server's own clients would have met first.
        .unwrap_or_default()
}

/// Runs `command` with `config`'s pool and prints its result on stdout.
pub async fn run(config: Config, command: Command) -> ExitCode {
    let outcome = match command {
        Command::Users(UsersCommand::Create(args)) => users::create(&config, args).await,
        Command::Users(UsersCommand::Delete(args)) => users::delete(&config, args).await,
        Command::Users(UsersCommand::List) => users::list(&config).await,
        Command::Outbox(args) => outbox::print(&config, args).await,
        Command::CheckConfig => check::run(&config).await,
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.exit(),
    }
}
