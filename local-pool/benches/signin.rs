//! How fast the local pool signs people in, through the real AWS SDK over
//! loopback: SRP sign-ins per second (USER_SRP_AUTH + PASSWORD_VERIFIER, the
//! client side done by `aws-cognito-srp`) and the latency of issuing tokens
//! with USER_PASSWORD_AUTH.
//!
//! `cargo bench -p local-pool`. A report, not a test: it asserts nothing
//! about speed. Iterations are bounded; set `LOCAL_POOL_BENCH_SCALE` (a
//! whole number, default 1) to run more. The client's SRP math runs in the
//! same process as the server, so on a small machine the figures include the
//! client's share; the report prints that share separately.

use std::time::{Duration, Instant};

use anyhow::{Context as _, anyhow};
use aws_cognito_srp::{SrpClient, User, UserAuthenticationParameters, VerificationParameters};
use aws_lc_rs::hmac;
use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_cognitoidentityprovider::types::{
    AttributeType, AuthFlowType, ChallengeNameType, ExplicitAuthFlowsType,
};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use local_pool::Options;

const USERNAME: &str = "bench";
const PASSWORD: &str = "Correct-Horse-1";

/// Sign-ins per measured run at scale 1.
const SRP_SEQUENTIAL: usize = 100;
const SRP_CONCURRENT_TASKS: usize = 4;
const SRP_PER_TASK: usize = 25;
const PASSWORD_SEQUENTIAL: usize = 300;
const WARM_UP: usize = 5;

#[derive(Clone)]
struct Bench {
    cognito: Client,
    pool_id: String,
    client_id: String,
    secret: String,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let scale: usize = std::env::var("LOCAL_POOL_BENCH_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1)
        .max(1);
    let pool = local_pool::spawn("127.0.0.1:0".parse()?, Options::default()).await?;
    let bench = provision(&pool.endpoint()).await?;
    println!(
        "local-pool sign-in benchmark ({} cores, release: {}, loopback {})",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        !cfg!(debug_assertions),
        pool.endpoint()
    );

    for _ in 0..WARM_UP {
        bench.srp_sign_in().await?;
        bench.password_sign_in().await?;
    }

    // SRP, one at a time: the latency a person signing in would see.
    let mut client_math = Duration::ZERO;
    let mut latencies = Vec::new();
    let started = Instant::now();
    for _ in 0..SRP_SEQUENTIAL * scale {
        let begun = Instant::now();
        client_math += bench.srp_sign_in().await?;
        latencies.push(begun.elapsed());
    }
    let elapsed = started.elapsed();
    report(
        "USER_SRP_AUTH + PASSWORD_VERIFIER, sequential",
        &mut latencies,
        elapsed,
    );
    println!(
        "    of which client-side SRP math (aws-cognito-srp): {:.1} ms per sign-in",
        ms(client_math) / (SRP_SEQUENTIAL * scale) as f64
    );

    // SRP, several sign-ins at once: throughput with both cores busy.
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..SRP_CONCURRENT_TASKS {
        let bench = bench.clone();
        tasks.spawn(async move {
            let mut latencies = Vec::new();
            for _ in 0..SRP_PER_TASK * scale {
                let begun = Instant::now();
                bench.srp_sign_in().await?;
                latencies.push(begun.elapsed());
            }
            anyhow::Ok(latencies)
        });
    }
    let mut latencies = Vec::new();
    while let Some(done) = tasks.join_next().await {
        latencies.extend(done??);
    }
    let elapsed = started.elapsed();
    report(
        &format!("USER_SRP_AUTH + PASSWORD_VERIFIER, {SRP_CONCURRENT_TASKS} concurrent clients"),
        &mut latencies,
        elapsed,
    );

    // Token issuing: one USER_PASSWORD_AUTH round trip, tokens signed.
    let mut latencies = Vec::new();
    let started = Instant::now();
    for _ in 0..PASSWORD_SEQUENTIAL * scale {
        let begun = Instant::now();
        bench.password_sign_in().await?;
        latencies.push(begun.elapsed());
    }
    let elapsed = started.elapsed();
    report(
        "USER_PASSWORD_AUTH (token issuing), sequential",
        &mut latencies,
        elapsed,
    );

    pool.shutdown().await;
    Ok(())
}

fn report(what: &str, latencies: &mut [Duration], elapsed: Duration) {
    latencies.sort();
    let at = |q: f64| {
        let i = ((latencies.len() as f64 * q).ceil() as usize).clamp(1, latencies.len()) - 1;
        ms(latencies[i])
    };
    println!("{what}");
    println!(
        "    {} sign-ins in {:.2} s: {:.1} per second; latency p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        latencies.len(),
        elapsed.as_secs_f64(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        at(0.50),
        at(0.95),
        at(1.0),
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

async fn provision(endpoint: &str) -> anyhow::Result<Bench> {
    let config = aws_sdk_cognitoidentityprovider::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(endpoint)
        .credentials_provider(Credentials::new("local", "local", None, None, "bench"))
        .build();
    let cognito = Client::from_conf(config);
    let pool_id = cognito
        .create_user_pool()
        .pool_name("bench")
        .send()
        .await
        .context("CreateUserPool")?
        .user_pool
        .and_then(|p| p.id)
        .ok_or_else(|| anyhow!("no pool id"))?;
    let app = cognito
        .create_user_pool_client()
        .user_pool_id(&pool_id)
        .client_name("bench")
        .generate_secret(true)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserSrpAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserPasswordAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowRefreshTokenAuth)
        .send()
        .await
        .context("CreateUserPoolClient")?
        .user_pool_client
        .ok_or_else(|| anyhow!("no client"))?;
    let bench = Bench {
        client_id: app.client_id.context("no client id")?,
        secret: app.client_secret.context("no client secret")?,
        cognito,
        pool_id,
    };
    bench
        .cognito
        .sign_up()
        .client_id(&bench.client_id)
        .secret_hash(bench.secret_hash())
        .username(USERNAME)
        .password(PASSWORD)
        .user_attributes(
            AttributeType::builder()
                .name("email")
                .value("bench@example.com")
                .build()?,
        )
        .send()
        .await
        .context("SignUp")?;
    bench
        .cognito
        .admin_confirm_sign_up()
        .user_pool_id(&bench.pool_id)
        .username(USERNAME)
        .send()
        .await
        .context("AdminConfirmSignUp")?;
    Ok(bench)
}

impl Bench {
    fn secret_hash(&self) -> String {
        let key = hmac::Key::new(hmac::HMAC_SHA256, self.secret.as_bytes());
        let tag = hmac::sign(&key, format!("{USERNAME}{}", self.client_id).as_bytes());
        STANDARD.encode(tag.as_ref())
    }

    /// One full SRP sign-in; returns the time spent in the client's SRP math.
    async fn srp_sign_in(&self) -> anyhow::Result<Duration> {
        let begun = Instant::now();
        let srp = SrpClient::new(
            User::new(&self.pool_id, USERNAME, PASSWORD),
            &self.client_id,
            Some(&self.secret),
        );
        let UserAuthenticationParameters { a, username } = srp.get_auth_parameters();
        let secret_hash = srp.get_secret_hash().context("no secret hash")?;
        let mut client_math = begun.elapsed();

        let challenge = self
            .cognito
            .initiate_auth()
            .client_id(&self.client_id)
            .auth_flow(AuthFlowType::UserSrpAuth)
            .auth_parameters("USERNAME", &username)
            .auth_parameters("SRP_A", a)
            .auth_parameters("SECRET_HASH", &secret_hash)
            .send()
            .await
            .context("InitiateAuth USER_SRP_AUTH")?;
        let params = challenge
            .challenge_parameters
            .context("no challenge parameters")?;
        let param = |name: &str| {
            params
                .get(name)
                .map(String::as_str)
                .with_context(|| format!("no {name} in the challenge"))
        };

        let begun = Instant::now();
        let VerificationParameters {
            password_claim_secret_block,
            password_claim_signature,
            timestamp,
        } = srp
            .verify(
                param("SECRET_BLOCK")?,
                param("USER_ID_FOR_SRP")?,
                param("SALT")?,
                param("SRP_B")?,
            )
            .map_err(|e| anyhow!("SRP verification parameters: {e:?}"))?;
        client_math += begun.elapsed();

        let answer = self
            .cognito
            .respond_to_auth_challenge()
            .client_id(&self.client_id)
            .challenge_name(ChallengeNameType::PasswordVerifier)
            .set_session(challenge.session)
            .challenge_responses("USERNAME", param("USER_ID_FOR_SRP")?)
            .challenge_responses("PASSWORD_CLAIM_SECRET_BLOCK", password_claim_secret_block)
            .challenge_responses("PASSWORD_CLAIM_SIGNATURE", password_claim_signature)
            .challenge_responses("TIMESTAMP", timestamp)
            .challenge_responses("SECRET_HASH", &secret_hash)
            .send()
            .await
            .context("RespondToAuthChallenge PASSWORD_VERIFIER")?;
        answer
            .authentication_result
            .and_then(|r| r.access_token)
            .context("SRP sign-in issued no access token")?;
        Ok(client_math)
    }

    async fn password_sign_in(&self) -> anyhow::Result<()> {
        self.cognito
            .initiate_auth()
            .client_id(&self.client_id)
            .auth_flow(AuthFlowType::UserPasswordAuth)
            .auth_parameters("USERNAME", USERNAME)
            .auth_parameters("PASSWORD", PASSWORD)
            .auth_parameters("SECRET_HASH", self.secret_hash())
            .send()
            .await
            .context("InitiateAuth USER_PASSWORD_AUTH")?
            .authentication_result
            .and_then(|r| r.access_token)
            .context("USER_PASSWORD_AUTH issued no access token")?;
        Ok(())
    }
}
