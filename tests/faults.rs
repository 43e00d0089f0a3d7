//! Faults survived: the pool failing, throttling, hanging or gone; the
//! session store gone; the app restarted in the middle of a flow. The
//! visitor gets a page that says to try again, the process keeps
//! serving, and everything works again once the fault is over, without a
//! restart.

mod support;

use std::time::Duration;

use reqwest::StatusCode;
use support::faulty_pool::{Fault, FaultyPool};
use support::redis::RedisServer;
use support::{PASSWORD, TestApp, action, unique_email};
use threshold::routes::{self, Page};

/// The message a sign-in attempt left on the sign-in page.
async fn sign_in_outcome(app: &TestApp, email: &str) -> (Option<String>, Vec<String>) {
    let browser = app.another_browser();
    let reply = browser.sign_in(email, PASSWORD).await;
    let messages = browser.get(Page::SignIn.path()).await.message_ids();
    (reply.location, messages)
}

#[tokio::test]
async fn a_failing_pool_gets_a_try_again_page_and_recovery_needs_no_restart() {
    let home = TestApp::spawn().await;
    let email = home.signed_in_user().await;
    let mut pool = FaultyPool::in_front_of(&home.pool_url()).await;
    let args = home.remote_pool_args(&pool.endpoint());
    let mut all: Vec<&str> = args.iter().map(String::as_str).collect();
    // One account signs in a dozen times here: room beyond the per-name
    // brute-force budget, which is not what this test is about. The
    // timeout leaves room for the SDK's two retries of a throttled answer
    // (random backoff of at most 1 s, then 2 s), so that throttling is
    // never cut short into "unavailable"; the slow pool is slower still.
    all.extend(["--pool-timeout-ms", "4000", "--rate-limit-factor", "10"]);
    let app = TestApp::spawn_with(&all).await;
    let signed_in = app.another_browser();
    assert_eq!(
        signed_in
            .sign_in(&email, PASSWORD)
            .await
            .location
            .as_deref(),
        Some(Page::Account.path())
    );

    let cases = [
        (Fault::ServerError, "error.unavailable"),
        (Fault::Throttled, "error.rate_limited"),
        (Fault::Slow(Duration::from_secs(6)), "error.unavailable"),
    ];
    for (fault, message) in cases {
        pool.set(fault);
        let (location, messages) = sign_in_outcome(&app, &email).await;
        assert_eq!(location.as_deref(), Some(Page::SignIn.path()), "{fault:?}");
        assert!(
            messages.contains(&message.to_owned()),
            "{fault:?}: {messages:?}"
        );
        // The profile page asks the pool on every load (the account page
        // keeps what it learnt for a minute, tests/account.rs).
        let account = signed_in.get(Page::Profile.path()).await;
        if fault != Fault::Throttled {
            assert_eq!(account.status, StatusCode::SERVICE_UNAVAILABLE, "{fault:?}");
            assert!(
                account
                    .message_ids()
                    .contains(&"error.unavailable".to_owned())
            );
            assert!(
                account
                    .body
                    .contains("href=\"/account/profile\" data-testid=\"try-again\""),
                "a way to try again"
            );
        }
        assert_eq!(
            app.get(routes::HEALTHZ).await.status,
            StatusCode::OK,
            "still serving"
        );
        pool.set(Fault::None);
        assert_eq!(
            sign_in_outcome(&app, &email).await.0.as_deref(),
            Some(Page::Account.path()),
            "recovered from {fault:?}"
        );
        assert_eq!(
            signed_in.get(Page::Profile.path()).await.status,
            StatusCode::OK
        );
    }

    pool.go_down().await;
    let (location, messages) = sign_in_outcome(&app, &email).await;
    assert_eq!(location.as_deref(), Some(Page::SignIn.path()));
    assert!(
        messages.contains(&"error.unavailable".to_owned()),
        "{messages:?}"
    );
    pool.come_back().await;
    assert_eq!(
        sign_in_outcome(&app, &email).await.0.as_deref(),
        Some(Page::Account.path()),
        "recovered once the pool is back"
    );
}

#[tokio::test]
async fn a_lost_session_store_is_a_503_page_until_it_is_back() {
    let mut redis = RedisServer::start();
    let url = redis.url();
    let app = TestApp::spawn_with(&["--session-store", &url, "--store-timeout-ms", "500"]).await;
    // A visitor with a session: a failed sign-in leaves a message.
    app.sign_in(&unique_email(), PASSWORD).await;
    assert_eq!(app.get(Page::SignIn.path()).await.status, StatusCode::OK);

    redis.stop();
    let page = app.get(Page::SignIn.path()).await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(page.title_id().as_deref(), Some("unavailable.title"));
    assert_eq!(
        app.get(routes::HEALTHZ).await.status,
        StatusCode::OK,
        "still serving"
    );

    redis.restart();
    // The store came back empty (no persistence here): the visitor starts over.
    let mut recovered = false;
    for _ in 0..50 {
        if app.get(Page::SignIn.path()).await.status == StatusCode::OK {
            recovered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(recovered, "the app reconnects on its own");
    let email = app.another_browser().signed_in_user().await;
    assert!(!email.is_empty());
}

#[tokio::test]
async fn a_restart_in_the_middle_of_a_sign_up_loses_nothing() {
    let app = TestApp::spawn().await;
    let email = unique_email();
    app.sign_up(&email, PASSWORD).await;
    let code = app.last_code(&email);
    let app = app.restart().await;
    let reply = app.confirm(&code).await;
    assert_eq!(
        reply.location.as_deref(),
        Some(Page::SignIn.path()),
        "the flow survived"
    );
    let reply = app.sign_in(&email, PASSWORD).await;
    assert_eq!(reply.location.as_deref(), Some(Page::Account.path()));
    let app = app.restart().await;
    assert_eq!(
        app.get(Page::Account.path()).await.status,
        StatusCode::OK,
        "still signed in"
    );
    let token = app.get(Page::Account.path()).await.csrf();
    let reply = app
        .post_raw(action::SIGN_OUT, &[("csrf_token", &token)])
        .await;
    assert_eq!(reply.location.as_deref(), Some(Page::SignIn.path()));
}
