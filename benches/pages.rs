//! Page budgets, measured (not asserted): the weight of `/sign-in` with its
//! stylesheet, gzip-compressed, and requests per second for `GET /sign-in`
//! and for forward auth (`GET /auth/verify` with a signed-in session, what
//! a reverse proxy asks before every request) beside a static file from
//! the same server, in one run.
//!
//! `cargo bench --bench pages`. Loopback only, bounded request counts.

use std::io::Write as _;
use std::process::{Command, Stdio};
use std::time::Instant;

use leptos::server_fn::ServerFn as _;
use secrecy::SecretString;
use threshold::cognito::admin::{Admin, Invitation, NewUser};
use threshold::cognito::client::Endpoint;
use threshold::config::Config;
use threshold::routes::{self, Page};
use threshold::startup::Application;

const REQUESTS: usize = 4000;
const CONCURRENCY: usize = 8;

fn gzip_len(bytes: &[u8]) -> usize {
    let mut child = Command::new("gzip")
        .arg("-9c")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("gzip is installed");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(bytes)
        .expect("write to gzip");
    child.wait_with_output().expect("gzip output").stdout.len()
}

async fn rate(client: &reqwest::Client, url: &str, cookie: Option<&str>) -> f64 {
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..CONCURRENCY {
        let client = client.clone();
        let url = url.to_owned();
        let cookie = cookie.map(str::to_owned);
        tasks.push(tokio::spawn(async move {
            for _ in 0..REQUESTS / CONCURRENCY {
                let mut request = client.get(&url);
                if let Some(cookie) = &cookie {
                    request = request.header("cookie", cookie);
                }
                let response = request.send().await.expect("request");
                assert!(
                    response.status().is_success(),
                    "{url}: {}",
                    response.status()
                );
                response.bytes().await.expect("body");
            }
        }));
    }
    for task in tasks {
        task.await.expect("load task");
    }
    REQUESTS as f64 / start.elapsed().as_secs_f64()
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = Config::from_args([
        "threshold",
        "--addr",
        "127.0.0.1:0",
        "--data-dir",
        dir.path().to_str().expect("utf-8 path"),
    ])
    .expect("configuration");
    let app = Application::build(config).await.expect("app");
    let base = format!("http://{}", app.local_addr());
    let state = app.state();
    tokio::spawn(app.run_until_stopped(std::future::pending()));
    let client = reqwest::Client::new();

    let page = client
        .get(format!("{base}/sign-in"))
        .send()
        .await
        .expect("page");
    let cookie = page
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(str::to_owned);
    let html = page.bytes().await.expect("html");
    let css = client
        .get(format!("{base}/style/main.css"))
        .send()
        .await
        .expect("css")
        .bytes()
        .await
        .expect("css");
    let (html_gz, css_gz) = (gzip_len(&html), gzip_len(&css));
    println!(
        "sign-in page weight: HTML {} B ({} B gzip), CSS {} B ({} B gzip), total {} B gzip, 0 scripts",
        html.len(),
        html_gz,
        css.len(),
        css_gz,
        html_gz + css_gz
    );

    let signed_in = sign_in(&client, &base, &state).await;

    let static_rate = rate(&client, &format!("{base}/style/main.css"), None).await;
    let verify = rate(
        &client,
        &format!("{base}{}", routes::FORWARD_AUTH),
        Some(&signed_in),
    )
    .await;
    let returning = rate(&client, &format!("{base}/sign-in"), cookie.as_deref()).await;
    let first_visit = rate(&client, &format!("{base}/sign-in"), None).await;
    println!("static file (/style/main.css): {static_rate:.0} req/s");
    println!(
        "GET /sign-in, returning visitor (session exists): {returning:.0} req/s ({:.0}% of static)",
        100.0 * returning / static_rate
    );
    println!(
        "GET /sign-in, first visit (new session written): {first_visit:.0} req/s ({:.0}% of static)",
        100.0 * first_visit / static_rate
    );
    println!(
        "GET /auth/verify, signed in (forward auth): {verify:.0} req/s ({:.0}% of static)",
        100.0 * verify / static_rate
    );
    println!("({REQUESTS} requests each, {CONCURRENCY} concurrent clients, loopback)");
}

/// A user made by the administrator API, signed in through the form: the
/// session cookie a reverse proxy would forward.
async fn sign_in(
    client: &reqwest::Client,
    base: &str,
    state: &threshold::state::AppState,
) -> String {
    const EMAIL: &str = "bench@example.com";
    const PASSWORD: &str = "Correct-horse-7";
    let pool = state.dev_pool.as_ref().expect("the embedded pool");
    let admin = Admin::for_local_pool(&Endpoint {
        region: threshold::embedded_pool::REGION.to_owned(),
        url: Some(url::Url::parse(&pool.endpoint()).expect("the pool's address")),
    });
    let pool_id = state.gateway.pool_id();
    admin
        .create_user(
            pool_id,
            &NewUser {
                username: EMAIL,
                attributes: &[("email", EMAIL), ("email_verified", "true")],
                invitation: Invitation::Suppressed,
            },
        )
        .await
        .expect("AdminCreateUser");
    admin
        .set_password(pool_id, EMAIL, &SecretString::from(PASSWORD), true)
        .await
        .expect("AdminSetUserPassword");
    let form = client
        .get(format!("{base}{}", Page::SignIn.path()))
        .send()
        .await
        .expect("the sign-in page");
    let cookie = first_cookie(form.headers()).expect("a session cookie");
    let html = form.text().await.expect("the sign-in page");
    let token = html
        .split("name=\"csrf_token\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a CSRF token")
        .to_owned();
    // The 303 itself carries the new session cookie: not followed.
    let no_redirects = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("an HTTP client");
    let signed_in = no_redirects
        .post(format!("{base}{}", threshold::pages::sign_in::SignIn::PATH))
        .header("cookie", &cookie)
        .header("accept", "text/html")
        .form(&[
            ("username", EMAIL),
            ("password", PASSWORD),
            ("csrf_token", token.as_str()),
        ])
        .send()
        .await
        .expect("sign-in");
    let location = signed_in
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    assert_eq!(
        location.as_deref(),
        Some(Page::Account.path()),
        "signed in ({})",
        signed_in.status()
    );
    first_cookie(signed_in.headers()).expect("a signed-in session cookie")
}

fn first_cookie(headers: &reqwest::header::HeaderMap) -> Option<String> {
    headers
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(str::to_owned)
}
