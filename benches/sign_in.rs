//! CPU time of Threshold's side of one SRP sign-in, without the network:
//! the client's SRP (SRP_A, then the PASSWORD_VERIFIER proof, by
//! `aws-cognito-srp` as `cognito::sign_in` runs it), the two SECRET_HASHes
//! (InitiateAuth's, for the typed name, and RespondToAuthChallenge's, for
//! USER_ID_FOR_SRP), and the verification of the ID and access tokens by
//! Threshold's own `TokenVerifier`.
//!
//! `cargo bench --bench sign_in` (well under a minute after building);
//! `-- --quick` for a smoke run of a few seconds.
//!
//! What needs a pool is done once, before any timing, against a local
//! pool on loopback: the pool, the app client and the user are made, the
//! user signs in through Threshold's `Gateway` (which proves the proof
//! below is one Cognito accepts, and yields real RS256 tokens), a
//! PASSWORD_VERIFIER challenge is fetched for the client's SRP to answer,
//! and the verifier fetches the pool's JWKS into its cache. Inside the
//! timings nothing leaves the process.

use std::hint::black_box;
use std::time::Duration;

use aws_cognito_srp::{SrpClient, User as SrpUser};
use aws_sdk_cognitoidentityprovider::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_cognitoidentityprovider::types::AuthFlowType;
use cpu_time::ThreadCpuTime;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use secrecy::{ExposeSecret as _, SecretString};
use threshold::cognito::admin::{Admin, ClientAuthFlow, ClientSpec, Invitation, NewUser, PoolSpec};
use threshold::cognito::client::Endpoint;
use threshold::cognito::gateway::{AppClient, AuthFlow, Gateway};
use threshold::cognito::secret_hash::secret_hash;
use threshold::cognito::sign_in::SignInStep;
use threshold::cognito::tokens::TokenVerifier;
use threshold::domain::{Password, SignInName, SignInNameKind};
use url::Url;

/// The local pool's CPU-time measurement (see the file).
#[path = "../local-pool/benches/support/cpu_time.rs"]
mod cpu_time;

const NAME: &str = "bench-user";
const PASSWORD: &str = "Correct-Horse-1";

/// The PASSWORD_VERIFIER challenge's parameters, as the pool sent them.
struct Challenge {
    salt: String,
    srp_b: String,
    secret_block: String,
    user_id: String,
}

struct Fixture {
    pool_id: String,
    client_id: String,
    client_secret: SecretString,
    challenge: Challenge,
    id_token: SecretString,
    access_token: SecretString,
    /// A verifier whose key cache holds the pool's keys.
    verifier: TokenVerifier,
    /// Serves nothing once the fixture is built; kept so the setup's
    /// addresses stay valid for its lifetime.
    _pool: local_pool::RunningPool,
}

async fn fixture() -> Fixture {
    let pool = local_pool::spawn(
        "127.0.0.1:0".parse().expect("an address"),
        Default::default(),
    )
    .await
    .expect("the local pool starts");
    let endpoint = Endpoint {
        region: "us-east-1".to_owned(),
        url: Some(Url::parse(&pool.endpoint()).expect("the pool's address")),
    };
    let admin = Admin::for_local_pool(&endpoint);
    let pool_id = admin
        .create_pool(&PoolSpec::named("bench"))
        .await
        .expect("CreateUserPool");
    let credentials = admin
        .create_client(
            &pool_id,
            &ClientSpec {
                name: "threshold".to_owned(),
                auth_flows: vec![ClientAuthFlow::UserSrp, ClientAuthFlow::RefreshToken],
                prevent_user_existence_errors: true,
                write_attributes: None,
            },
        )
        .await
        .expect("CreateUserPoolClient");
    admin
        .create_user(
            &pool_id,
            &NewUser {
                username: NAME,
                attributes: &[("email", "bench@example.com"), ("email_verified", "true")],
                invitation: Invitation::Suppressed,
            },
        )
        .await
        .expect("AdminCreateUser");
    admin
        .set_password(&pool_id, NAME, &SecretString::from(PASSWORD), true)
        .await
        .expect("AdminSetUserPassword");

    // The verifier as `startup::token_verifier` builds it behind an
    // endpoint override: keys and issuer under `<endpoint>/<pool>`.
    let base = endpoint.pool_base(&pool_id);
    let verifier = || {
        TokenVerifier::new(
            Url::parse(&format!("{base}/.well-known/jwks.json")).expect("the JWKS address"),
            base.clone(),
            credentials.client_id.clone(),
        )
    };

    // One real sign-in through Threshold's gateway, SRP and all.
    let gateway = Gateway::connect(
        &endpoint,
        AppClient {
            pool_id: pool_id.clone(),
            client_id: credentials.client_id.clone(),
            client_secret: Some(credentials.client_secret.clone()),
            auth_flow: AuthFlow::UserSrpAuth,
            call_timeout: Duration::from_secs(10),
        },
        verifier(),
    )
    .await;
    let step = gateway
        .sign_in_on(
            &SignInName::parse(NAME, SignInNameKind::Username).expect("a valid name"),
            &Password::parse(PASSWORD.to_owned()).expect("a valid password"),
            None,
        )
        .await
        .expect("the SRP sign-in succeeds");
    let SignInStep::SignedIn(tokens) = step else {
        panic!("the sign-in asked for another step");
    };

    // A PASSWORD_VERIFIER challenge for the timed client to answer: the
    // proof's cost does not depend on whether the pool would take it
    // (another A than the one this B was made for), only on the sizes.
    let sdk = aws_sdk_cognitoidentityprovider::Client::from_conf(
        aws_sdk_cognitoidentityprovider::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .endpoint_url(pool.endpoint())
            .credentials_provider(Credentials::new("local", "local", None, None, "bench"))
            .build(),
    );
    let srp = srp_client(&pool_id, &credentials.client_id, &credentials.client_secret);
    let initiated = sdk
        .initiate_auth()
        .client_id(&credentials.client_id)
        .auth_flow(AuthFlowType::UserSrpAuth)
        .auth_parameters("USERNAME", NAME)
        .auth_parameters("SRP_A", srp.get_auth_parameters().a)
        .auth_parameters(
            "SECRET_HASH",
            secret_hash(&credentials.client_secret, NAME, &credentials.client_id),
        )
        .send()
        .await
        .expect("InitiateAuth USER_SRP_AUTH");
    let parameters = initiated
        .challenge_parameters()
        .expect("PASSWORD_VERIFIER's parameters");
    let parameter = |key: &str| {
        parameters
            .get(key)
            .unwrap_or_else(|| panic!("{key} in the challenge"))
            .clone()
    };
    let challenge = Challenge {
        salt: parameter("SALT"),
        srp_b: parameter("SRP_B"),
        secret_block: parameter("SECRET_BLOCK"),
        user_id: parameter("USER_ID_FOR_SRP"),
    };

    let verifier = verifier();
    // Fills the key cache (the only fetch); every timed call hits it.
    verifier
        .verify_id_token(&tokens.id_token)
        .await
        .expect("the ID token verifies");
    Fixture {
        pool_id,
        client_id: credentials.client_id,
        client_secret: credentials.client_secret,
        challenge,
        id_token: tokens.id_token,
        access_token: tokens.access_token,
        verifier,
        _pool: pool,
    }
}

/// As `Gateway::srp_client` makes it (private there): this pool, the
/// name as typed, the password, and the confidential client.
fn srp_client(pool_id: &str, client_id: &str, secret: &SecretString) -> SrpClient<SrpUser> {
    SrpClient::new(
        SrpUser::new(pool_id, NAME, PASSWORD),
        client_id,
        Some(secret.expose_secret()),
    )
}

fn threshold_side(c: &mut Criterion<ThreadCpuTime>) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let f = runtime.block_on(fixture());
    let ch = &f.challenge;

    let new_client = || srp_client(&f.pool_id, &f.client_id, &f.client_secret);
    let prove = |srp: &SrpClient<SrpUser>| {
        srp.verify(&ch.secret_block, &ch.user_id, &ch.salt, &ch.srp_b)
            .expect("the challenge is well formed")
    };
    let hashes = || {
        (
            secret_hash(&f.client_secret, black_box(NAME), &f.client_id),
            secret_hash(&f.client_secret, black_box(&ch.user_id), &f.client_id),
        )
    };
    // What `sign_in::tokens` does with the tokens: both verified, in turn.
    let verify_tokens = || {
        runtime.block_on(async {
            let id = f.verifier.verify_id_token(black_box(&f.id_token)).await;
            let access = f
                .verifier
                .verify_access_token(black_box(&f.access_token))
                .await;
            (
                id.expect("the ID token verifies"),
                access.expect("the access token verifies"),
            )
        })
    };

    let mut group = c.benchmark_group("one sign-in, Threshold's side");
    group.bench_function("SRP_A = g^a", |b| {
        b.iter(|| new_client().get_auth_parameters())
    });
    group.bench_function("PASSWORD_VERIFIER proof", |b| {
        b.iter_batched(new_client, |srp| prove(&srp), BatchSize::SmallInput)
    });
    group.bench_function("SECRET_HASH x2", |b| b.iter(hashes));
    group.bench_function("ID + access token verification", |b| b.iter(verify_tokens));
    group.bench_function("whole", |b| {
        b.iter(|| {
            let srp = new_client();
            let a = srp.get_auth_parameters();
            let proof = prove(&srp);
            (a, proof, hashes(), verify_tokens())
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    // A few seconds per figure: the run stays well under a minute;
    // `-- --quick` cuts it to seconds for CI.
    config = Criterion::default()
        .with_measurement(ThreadCpuTime)
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    targets = threshold_side
}
criterion_main!(benches);
