//! Load: virtual users, each with its own browser session, loop through
//! sign-up → confirm → sign-in → account → sign-out against the embedded
//! local pool, all at once, for a fixed time. Every step must succeed and
//! every signed-in session must be found again; the run prints throughput
//! and latency percentiles (a measurement, not a timed assertion).
//!
//! CI runs the short form (`cargo test --test load`: 50 users, 10 s).
//! The full run, whose figures are in docs/load.md:
//! `THRESHOLD_LOAD_USERS=200 THRESHOLD_LOAD_SECS=60 cargo test --release --test load -- --nocapture`

mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use support::{PASSWORD, TestApp, unique_email};
use threshold::routes::Page;
use tokio::sync::Mutex;

#[derive(Default)]
struct Tally {
    /// Each step's time: a page and its form post, or one page.
    latencies: Vec<Duration>,
    iterations: u64,
    /// A step that did not end where it should.
    errors: Vec<String>,
    /// A signed-in session not found on the next request.
    lost_sessions: u64,
}

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Times `step`, and checks where it ended: `expected` status and, for
/// a redirect, `to` (a failed step redirects back to its own form).
async fn timed<F: std::future::Future<Output = support::Reply>>(
    tally: &Mutex<Tally>,
    name: &str,
    expected: (StatusCode, Option<&str>),
    step: F,
) -> Option<support::Reply> {
    let started = Instant::now();
    let reply = step.await;
    let took = started.elapsed();
    let mut tally = tally.lock().await;
    tally.latencies.push(took);
    if reply.status != expected.0 || reply.location.as_deref() != expected.1 {
        tally
            .errors
            .push(format!("{name}: {} {:?}", reply.status, reply.location));
        return None;
    }
    Some(reply)
}

/// Opens `page` and posts its form to `action` with `fields`, as
/// `TestApp::submit` does, but reports a page without a form as an error
/// instead of panicking.
async fn submit(
    browser: &TestApp,
    page: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> support::Reply {
    let form = browser.get(page).await;
    let Some(token) = form.try_csrf() else {
        return form;
    };
    let mut all = fields.to_vec();
    all.push(("csrf_token", &token));
    browser.post_raw(action, &all).await
}

async fn one_user(app: &TestApp, tally: &Mutex<Tally>, until: Instant) {
    use support::action;
    while Instant::now() < until {
        let browser = app.another_browser();
        let email = unique_email();
        let see_other = StatusCode::SEE_OTHER;
        let sign_up_fields = [("email", email.as_str()), ("password", PASSWORD)];
        let sign_up = submit(
            &browser,
            Page::SignUp.path(),
            action::SIGN_UP,
            &sign_up_fields,
        );
        if timed(
            tally,
            "sign-up",
            (see_other, Some(Page::SignUpConfirm.path())),
            sign_up,
        )
        .await
        .is_none()
        {
            continue;
        }
        let Some(code) = app.try_last_code(&email) else {
            tally
                .lock()
                .await
                .errors
                .push(format!("no code was sent to {email}"));
            continue;
        };
        let confirm_fields = [("code", code.as_str())];
        let confirm = submit(
            &browser,
            Page::SignUpConfirm.path(),
            action::CONFIRM_SIGN_UP,
            &confirm_fields,
        );
        if timed(
            tally,
            "confirm",
            // The code signs the new user in; the cycle signs in again below.
            (see_other, Some(Page::Account.path())),
            confirm,
        )
        .await
        .is_none()
        {
            continue;
        }
        // Choice-based sign-in: the name, then the password where the
        // ways in are offered.
        let name_fields = [("username", email.as_str())];
        let name = submit(&browser, Page::SignIn.path(), action::SIGN_IN, &name_fields);
        if timed(
            tally,
            "sign-in name",
            (see_other, Some(Page::SignInChallenge.path())),
            name,
        )
        .await
        .is_none()
        {
            continue;
        }
        let password_fields = [("choice", "password"), ("password", PASSWORD)];
        let sign_in = submit(
            &browser,
            Page::SignInChallenge.path(),
            action::ANSWER_CHALLENGE,
            &password_fields,
        );
        if timed(
            tally,
            "sign-in password",
            (see_other, Some(Page::Account.path())),
            sign_in,
        )
        .await
        .is_none()
        {
            continue;
        }
        let Some(account) = timed(
            tally,
            "account",
            (StatusCode::OK, None),
            browser.get(Page::Account.path()),
        )
        .await
        else {
            tally.lock().await.lost_sessions += 1;
            continue;
        };
        let Some(token) = account.try_csrf() else {
            tally
                .lock()
                .await
                .errors
                .push("account page without a form".into());
            continue;
        };
        let sign_out_fields = [("csrf_token", token.as_str())];
        let sign_out = browser.post_raw(action::SIGN_OUT, &sign_out_fields);
        if timed(
            tally,
            "sign-out",
            (see_other, Some(Page::SignIn.path())),
            sign_out,
        )
        .await
        .is_none()
        {
            continue;
        }
        tally.lock().await.iterations += 1;
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

#[tokio::test(flavor = "multi_thread")]
async fn virtual_users_sign_up_in_and_out_with_no_error_and_no_lost_session() {
    let users = setting("THRESHOLD_LOAD_USERS", 50);
    let secs = setting("THRESHOLD_LOAD_SECS", 10);
    // Every virtual user comes from 127.0.0.1: per-client limits off. The
    // pool call timeout is raised: under more load than the machine can
    // serve at once, calls queue, and this run measures how long they wait
    // (a visitor would get "try again" past the default 5 s).
    let app = Arc::new(
        TestApp::spawn_with(&["--rate-limit-factor", "0", "--pool-timeout-ms", "60000"]).await,
    );
    let tally = Arc::new(Mutex::new(Tally::default()));
    let started = Instant::now();
    let until = started + Duration::from_secs(secs);
    let mut tasks = Vec::new();
    for _ in 0..users {
        let app = app.clone();
        let tally = tally.clone();
        tasks.push(tokio::spawn(
            async move { one_user(&app, &tally, until).await },
        ));
    }
    for task in tasks {
        task.await.expect("a virtual user panicked");
    }
    let elapsed = started.elapsed().as_secs_f64();
    let mut tally = tally.lock().await;
    tally.latencies.sort();
    let steps = tally.latencies.len();
    println!(
        "load: {users} users for {secs} s: {} full cycles ({:.1}/s), {steps} steps ({:.1}/s); \
         step latency p50 {:?}, p95 {:?}, p99 {:?}, max {:?}; errors {}, lost sessions {}",
        tally.iterations,
        tally.iterations as f64 / elapsed,
        steps as f64 / elapsed,
        percentile(&tally.latencies, 50.0),
        percentile(&tally.latencies, 95.0),
        percentile(&tally.latencies, 99.0),
        tally.latencies.last().copied().unwrap_or_default(),
        tally.errors.len(),
        tally.lost_sessions,
    );
    assert!(
        tally.errors.is_empty(),
        "{:?}",
        &tally.errors[..tally.errors.len().min(10)]
    );
    assert_eq!(tally.lost_sessions, 0);
    assert!(tally.iterations > 0, "cycles completed");
}
