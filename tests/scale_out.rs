//! Several instances behind a load balancer: two apps share one Redis
//! session store (and key) and one pool, and a single browser's requests
//! alternate between them through a whole sign-up, an MFA sign-in and a
//! sign-out. Sessions, flows in progress and rate-limit counters are all
//! shared.

mod support;

use reqwest::StatusCode;
use support::redis::RedisServer;
use support::totp::{code_at, secret_on};
use support::{PASSWORD, TestApp, action, unique_email};
use threshold::config::Config;
use threshold::routes::Page;

const SESSION_KEY: &str = "c2NhbGUtb3V0LXRlc3RzLXNoYXJlLXRoaXMta2V5ISE=";

/// Instance A runs the embedded pool; instance B uses it as a remote pool.
/// Both keep sessions in `redis`.
async fn two_instances(redis: &RedisServer) -> (TestApp, TestApp) {
    let dir_a = tempfile::tempdir().expect("temp dir");
    let a = TestApp::start(
        Config::from_args([
            "threshold",
            "--addr",
            "127.0.0.1:0",
            "--data-dir",
            dir_a.path().to_str().expect("utf-8"),
            "--session-store",
            &redis.url(),
            "--session-key",
            SESSION_KEY,
        ])
        .expect("config A"),
        local_pool::Clock::system(),
        dir_a,
    )
    .await;
    let pool = a.remote_pool_args(&a.pool_url());
    let dir_b = tempfile::tempdir().expect("temp dir");
    let b = TestApp::start(
        Config::from_args(
            [
                "threshold",
                "--addr",
                "127.0.0.1:0",
                "--data-dir",
                dir_b.path().to_str().expect("utf-8"),
                "--session-store",
                &redis.url(),
                "--session-key",
                SESSION_KEY,
            ]
            .into_iter()
            .map(str::to_owned)
            .chain(pool),
        )
        .expect("config B"),
        a.clock.clone(),
        dir_b,
    )
    .await;
    (a, b)
}

/// Opens `page` through one instance and posts its form through the other.
async fn across(
    open: &TestApp,
    post: &TestApp,
    page: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> support::Reply {
    let token = open.get(page).await.csrf();
    let mut all = fields.to_vec();
    all.push(("csrf_token", &token));
    post.post_raw(action, &all).await
}

#[tokio::test]
async fn one_browser_alternating_between_two_instances_signs_up_in_with_mfa_and_out() {
    let redis = RedisServer::start();
    let (a, b) = two_instances(&redis).await;
    let at_a = a.another_browser();
    let at_b = at_a.same_browser_at(&b);
    let email = unique_email();

    // Sign up on A, confirm on B with the code the pool sent.
    let reply = across(
        &at_a,
        &at_b,
        Page::SignUp.path(),
        action::SIGN_UP,
        &[("email", &email), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(reply.location.as_deref(), Some(Page::SignUpConfirm.path()));
    let code = a.last_code(&email);
    let reply = across(
        &at_a,
        &at_b,
        Page::SignUpConfirm.path(),
        action::CONFIRM_SIGN_UP,
        &[("code", &code)],
    )
    .await;
    // The code signed the new user in; sign in again on B below.
    assert_eq!(reply.location.as_deref(), Some(Page::Account.path()));

    // Sign in on B (the name on A, the password on B: the challenge
    // session lives in the shared store), see the account on A.
    let reply = across(
        &at_b,
        &at_a,
        Page::SignIn.path(),
        action::SIGN_IN,
        &[("username", &email)],
    )
    .await;
    assert_eq!(
        reply.location.as_deref(),
        Some(Page::SignInChallenge.path()),
        "the ways in"
    );
    let reply = across(
        &at_a,
        &at_b,
        Page::SignInChallenge.path(),
        action::ANSWER_CHALLENGE,
        &[("choice", "password"), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(reply.location.as_deref(), Some(Page::Account.path()));
    assert_eq!(at_a.get(Page::Account.path()).await.status, StatusCode::OK);
    assert_eq!(at_b.get(Page::Account.path()).await.status, StatusCode::OK);

    // Enrol an authenticator app: started on A, shown on B, verified on A.
    let token = at_b.get(Page::Account.path()).await.csrf();
    at_a.post_raw(action::START_TOTP, &[("csrf_token", &token)])
        .await;
    let setup = at_b.get(Page::TotpSetup.path()).await;
    let secret = secret_on(&setup);
    let reply = at_a
        .post_raw(
            action::VERIFY_TOTP,
            &[
                ("code", &code_at(&secret, a.clock.now())),
                ("device_name", "Phone"),
                ("csrf_token", &setup.csrf()),
            ],
        )
        .await;
    assert_eq!(reply.location.as_deref(), Some(Page::Account.path()));

    // Sign out on B; sign in again on A, answer the app's code on B.
    let token = at_a.get(Page::Account.path()).await.csrf();
    assert_eq!(
        at_b.post_raw(action::SIGN_OUT, &[("csrf_token", &token)])
            .await
            .location
            .as_deref(),
        Some(Page::SignIn.path())
    );
    let reply = across(
        &at_b,
        &at_a,
        Page::SignIn.path(),
        action::SIGN_IN,
        &[("username", &email)],
    )
    .await;
    assert_eq!(
        reply.location.as_deref(),
        Some(Page::SignInChallenge.path())
    );
    let reply = across(
        &at_b,
        &at_a,
        Page::SignInChallenge.path(),
        action::ANSWER_CHALLENGE,
        &[("choice", "password"), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(
        reply.location.as_deref(),
        Some(Page::SignInChallenge.path()),
        "the app's code"
    );
    a.clock.advance(std::time::Duration::from_secs(30));
    let reply = across(
        &at_a,
        &at_b,
        Page::SignInChallenge.path(),
        action::ANSWER_CHALLENGE,
        &[("code", &code_at(&secret, a.clock.now()))],
    )
    .await;
    assert_eq!(reply.location.as_deref(), Some(Page::Account.path()));
    assert_eq!(at_a.get(Page::Account.path()).await.status, StatusCode::OK);

    // Signed out on A is signed out on B.
    let token = at_b.get(Page::Account.path()).await.csrf();
    at_a.post_raw(action::SIGN_OUT, &[("csrf_token", &token)])
        .await;
    assert_eq!(
        at_b.get(Page::Account.path()).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn rate_limits_count_across_instances() {
    let redis = RedisServer::start();
    let (a, b) = two_instances(&redis).await;
    let victim = unique_email();
    for i in 0..5 {
        let door = if i % 2 == 0 { &a } else { &b };
        let reply = door
            .another_browser()
            .submit(
                Page::ForgotPassword.path(),
                action::FORGOT_PASSWORD,
                &[("username", &victim)],
            )
            .await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "request {i}");
    }
    for door in [&a, &b] {
        let reply = door
            .another_browser()
            .submit(
                Page::ForgotPassword.path(),
                action::FORGOT_PASSWORD,
                &[("username", &victim)],
            )
            .await;
        assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    }
}

/// The Redis store keeps the promises of the SQLite one: conditional saves
/// (a stale load writes nothing, a deleted row stays deleted, a row
/// created again never repeats a version), versions that survive many
/// saves, and counters.
#[tokio::test]
async fn the_redis_store_saves_only_against_the_version_loaded() {
    use threshold::session::redis_store::RedisStore;
    use threshold::session::store::{Saved, SessionStore as _};

    let redis = RedisServer::start();
    let store = RedisStore::connect(&redis.url(), std::time::Duration::from_secs(2))
        .await
        .expect("connect");
    let later = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs()
        + 60;
    assert_eq!(
        store.save("k", b"v1", None, later).await.expect("save"),
        Saved::Written
    );
    assert_eq!(
        store.save("k", b"v1", None, later).await.expect("save"),
        Saved::Conflict
    );
    for i in 0..5 {
        let loaded = store.load("k").await.expect("load").expect("present");
        let data = format!("v{i}");
        assert_eq!(
            store
                .save("k", data.as_bytes(), Some(loaded.version), later)
                .await
                .expect("save"),
            Saved::Written
        );
        assert_eq!(
            store
                .save("k", b"stale", Some(loaded.version), later)
                .await
                .expect("save"),
            Saved::Conflict
        );
    }
    let loaded = store.load("k").await.expect("load").expect("present");
    assert_eq!(loaded.data, b"v4");
    store.delete("k").await.expect("delete");
    assert_eq!(
        store
            .save("k", b"back", Some(loaded.version), later)
            .await
            .expect("save"),
        Saved::Conflict
    );
    assert_eq!(
        store.load("k").await.expect("load"),
        None,
        "deleted stays deleted"
    );
    store.save("k", b"new", None, later).await.expect("save");
    let again = store.load("k").await.expect("load").expect("present");
    assert_ne!(again.version, loaded.version);
    assert!(!store.delete_if("k", loaded.version).await.expect("delete"));
    assert!(store.delete_if("k", again.version).await.expect("delete"));

    assert_eq!(store.hit("c", 60).await.expect("hit").count, 1);
    assert_eq!(store.hit("c", 60).await.expect("hit").count, 2);
}
