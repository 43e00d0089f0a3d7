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

/// Times `step`, and checks where it ended.
async fn timed<F: std::future::Future<Output = support::Reply>>(
    tally: &Mutex<Tally>,
    name: &str,
    expected: StatusCode,
    step: F,
) -> Option<support::Reply> {
    let started = Instant::now();
    let reply = step.await;
    let took = started.elapsed();
    let mut tally = tally.lock().await;
    tally.latencies.push(took);
    if reply.status != expected {
        tally
            .errors
            .push(format!("{name}: {} {:?}", reply.status, reply.location));
        return None;
    }
    Some(reply)
}

async fn one_user(app: &TestApp, tally: &Mutex<Tally>, until: Instant) {
    while Instant::now() < until {
        let browser = app.another_browser();
        let email = unique_email();
        let see_other = StatusCode::SEE_OTHER;
        if timed(
            tally,
            "sign-up",
            see_other,
            browser.sign_up(&email, PASSWORD),
        )
        .await
        .is_none()
        {
            continue;
        }
        let code = app.last_code(&email);
        if timed(tally, "confirm", see_other, browser.confirm(&code))
            .await
            .is_none()
        {
            continue;
        }
        let Some(reply) = timed(
            tally,
            "sign-in",
            see_other,
            browser.sign_in(&email, PASSWORD),
        )
        .await
        else {
            continue;
        };
        if reply.location.as_deref() != Some(Page::Account.path()) {
            tally
                .lock()
                .await
                .errors
                .push(format!("sign-in went to {:?}", reply.location));
            continue;
        }
        let account = browser.get(Page::Account.path()).await;
        if account.status != StatusCode::OK {
            tally.lock().await.lost_sessions += 1;
            continue;
        }
        let token = account.csrf();
        if timed(
            tally,
            "sign-out",
            see_other,
            browser.post_raw(support::action::SIGN_OUT, &[("csrf_token", &token)]),
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
    // Every virtual user comes from 127.0.0.1: per-client limits off.
    let app = Arc::new(TestApp::spawn_with(&["--rate-limit-factor", "0"]).await);
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
