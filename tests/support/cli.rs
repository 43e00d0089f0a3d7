//! Running the built `threshold` binary's commands, as a developer in a
//! second terminal or a test suite seeding users would.

use std::path::Path;

use serde_json::Value;

/// What a run of the binary left behind.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The one JSON object printed.
    pub fn json(&self) -> Value {
        serde_json::from_str(self.stdout.trim())
            .unwrap_or_else(|e| panic!("stdout is one JSON object ({e}): {}", self.stdout))
    }

    /// Every JSON line printed.
    pub fn json_lines(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON line"))
            .collect()
    }
}

/// The binary with nothing of this machine's environment but `PATH`, so
/// a stray `COGNITO_USER_POOL_ID` cannot change what a test means.
pub fn command(data_dir: &Path, env: &[(&str, &str)], args: &[&str]) -> tokio::process::Command {
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_threshold"));
    command
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("THRESHOLD_DATA_DIR", data_dir)
        .envs(env.iter().copied())
        .args(args)
        .kill_on_drop(true);
    command
}

pub async fn threshold_with(data_dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Run {
    let output = command(data_dir, env, args)
        .output()
        .await
        .expect("the binary runs");
    Run {
        code: output.status.code().expect("exited, not killed"),
        stdout: String::from_utf8(output.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(output.stderr).expect("utf-8 stderr"),
    }
}

pub async fn threshold(data_dir: &Path, args: &[&str]) -> Run {
    threshold_with(data_dir, &[], args).await
}
