//! Starts moto's Cognito stand-in as a child process for tests that compare
//! against it.
//!
//! Self-contained (std + tokio `net`/`time` only) so that any test binary can
//! include it with
//! `#[path = "../local-pool/tests/support/moto.rs"] mod moto;`.
//!
//! Needs `pip install 'moto[server]==5.2.1'` (the version `scripts/test-all` pins). The server runs with
//! `MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP=true`, so TOTP codes are checked
//! against moto's fixed secret (`asdfasdfasdf`, see [`Moto::TOTP_SECRET`]).
//!
//! Things moto does differently from Cognito, learnt by experiment with
//! moto 5.1/5.2 (keep in mind when asserting against it):
//! - Tokens say `iss = https://cognito-idp.<region>.amazonaws.com/<pool_id>`
//!   although the keys are served at `<endpoint>/<pool_id>/.well-known/jwks.json`
//!   (one fixed key, `kid = "dummy"`, shared by every pool). There is no
//!   `openid-configuration` (it answers 500).
//! - SECRET_HASH is checked only for USER_SRP_AUTH, REFRESH_TOKEN(_AUTH) and
//!   the SMS/TOTP MFA challenge responses; SignUp, ConfirmSignUp and
//!   USER_PASSWORD_AUTH accept a missing or wrong one.
//! - ConfirmSignUp accepts any code; PASSWORD_VERIFIER accepts any SRP proof
//!   (SRP_B and SALT are random hex, not a real SRP exchange).
//! - An unknown user in USER_PASSWORD_AUTH gets UserNotFoundException (there
//!   is no PreventUserExistenceErrors).
//! - A bad challenge session is ResourceNotFoundException, not
//!   NotAuthorizedException.
//! - Pool ids are `<region>_<32 hex digits>`, longer than Cognito's.

#![allow(dead_code)] // Each including test binary uses a different part.

use std::fs::File;
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long moto gets to start answering; importing it takes a few seconds
/// on a busy two-core machine.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(60);

/// A running `moto.server` on a free loopback port, killed when dropped.
pub struct Moto {
    child: Child,
    addr: SocketAddr,
    log: PathBuf,
}

impl Moto {
    /// The base32 TOTP secret moto hands out from AssociateSoftwareToken to
    /// every user (lower case, 12 characters: shorter than RFC 4226 asks).
    pub const TOTP_SECRET: &'static str = "asdfasdfasdf";

    /// The region every pool here lives in.
    pub const REGION: &'static str = "us-east-1";

    /// Starts `python3 -m moto.server` (override the interpreter with
    /// `MOTO_PYTHON`) and waits until it answers HTTP.
    pub async fn start() -> anyhow::Result<Moto> {
        let port = free_loopback_port()?;
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let log =
            std::env::temp_dir().join(format!("moto-server-{}-{port}.log", std::process::id()));
        let log_file = File::create(&log)
            .map_err(|e| anyhow::anyhow!("cannot create moto log {}: {e}", log.display()))?;
        let python = std::env::var("MOTO_PYTHON").unwrap_or_else(|_| "python3".to_owned());
        // moto's request log goes to a file rather than a pipe: nobody reads
        // a pipe here, and a full one would stall the server.
        let child = Command::new(&python)
            .args([
                "-m",
                "moto.server",
                "-H",
                "127.0.0.1",
                "-p",
                &port.to_string(),
            ])
            .env("MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP", "true")
            .env("AWS_DEFAULT_REGION", Self::REGION)
            .stdin(Stdio::null())
            .stdout(Stdio::from(log_file.try_clone()?))
            .stderr(Stdio::from(log_file))
            .spawn()
            .map_err(|e| {
                anyhow::anyhow!(
                    "cannot run `{python} -m moto.server` ({e}); install it with \
                     `pip install 'moto[server]==5.2.1'`"
                )
            })?;
        let mut moto = Moto { child, addr, log };
        moto.wait_until_ready().await?;
        Ok(moto)
    }

    /// `http://127.0.0.1:PORT`, for an SDK endpoint override.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Where moto keeps a pool's signing keys (its tokens name a different
    /// issuer: see the module docs).
    pub fn jwks_url(&self, pool_id: &str) -> String {
        format!("{}/{pool_id}/.well-known/jwks.json", self.endpoint())
    }

    /// The `iss` claim moto writes into tokens of `pool_id`.
    pub fn issuer(pool_id: &str) -> String {
        format!(
            "https://cognito-idp.{}.amazonaws.com/{pool_id}",
            Self::REGION
        )
    }

    async fn wait_until_ready(&mut self) -> anyhow::Result<()> {
        let deadline = Instant::now() + STARTUP_TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait()? {
                anyhow::bail!(
                    "moto's server exited before answering ({status}); is it installed? \
                     `pip install 'moto[server]==5.2.1'`\n{}",
                    self.log_tail()
                );
            }
            if answers_http(self.addr).await {
                return Ok(());
            }
            if Instant::now() >= deadline {
                anyhow::bail!(
                    "moto's server did not answer on {} within {STARTUP_TIMEOUT:?}; is it \
                     installed? `pip install 'moto[server]==5.2.1'`\n{}",
                    self.addr,
                    self.log_tail()
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        let tail = lines[lines.len().saturating_sub(20)..].join("\n");
        format!("--- {} ---\n{tail}", self.log.display())
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        // SIGKILL then reap, so no moto outlives the test binary's run and no
        // zombie is left behind. Waiting on a killed process returns at once.
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.log);
    }
}

/// Asks the OS for a free port. Another process could take it before moto
/// binds it; on loopback in a test run that is rare enough to accept.
fn free_loopback_port() -> anyhow::Result<u16> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    Ok(listener.local_addr()?.port())
}

/// True once something on `addr` answers a plain HTTP request with a status
/// line, not merely accepts the connection.
async fn answers_http(addr: SocketAddr) -> bool {
    let attempt = async {
        let stream = tokio::net::TcpStream::connect(addr).await?;
        let request = b"GET /moto-api/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
        let mut written = 0;
        while written < request.len() {
            stream.writable().await?;
            match stream.try_write(&request[written..]) {
                Ok(n) => written += n,
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                Err(e) => return Err(e),
            }
        }
        let mut buf = [0u8; 16];
        loop {
            stream.readable().await?;
            match stream.try_read(&mut buf) {
                Ok(n) => return Ok(buf[..n].starts_with(b"HTTP/1.")),
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                Err(e) => return Err(e),
            }
        }
    };
    matches!(
        tokio::time::timeout(Duration::from_secs(2), attempt).await,
        Ok(Ok(true))
    )
}
