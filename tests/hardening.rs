//! Hardening: what an attacker tries against the pages, and what an
//! operator relies on (headers, refusals, limits). Each test names the
//! defence it checks.

mod support;

use reqwest::StatusCode;
use support::{TestApp, action};
use threshold::routes::{self, Page};

#[tokio::test]
async fn malformed_form_bodies_get_a_400_page_of_our_own() {
    let app = TestApp::spawn().await;
    let token = app.get(Page::SignIn.path()).await.csrf();
    let csrf = format!("csrf_token={token}");
    let bodies: Vec<(&str, Vec<u8>)> = vec![
        (
            "a field given twice",
            format!("username=a%40example.com&username=b%40example.com&password=x&{csrf}")
                .into_bytes(),
        ),
        ("invalid UTF-8", {
            let mut body = format!("password=x&{csrf}&username=").into_bytes();
            body.extend_from_slice(b"%FF%FE");
            body
        }),
        (
            "a map where a value belongs",
            format!("username[a]=1&password=x&{csrf}").into_bytes(),
        ),
    ];
    for (what, body) in bodies {
        let reply = app
            .post_bytes(action::SIGN_IN, "application/x-www-form-urlencoded", body)
            .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{what}");
        assert_eq!(
            reply.title_id().as_deref(),
            Some("bad_request.title"),
            "{what}"
        );
        assert_eq!(reply.location, None, "{what}: no redirect at all");
        assert!(!reply.body.contains("__err"), "{what}");
    }
}

#[tokio::test]
async fn pages_are_never_cached_and_https_is_pinned() {
    let app = TestApp::spawn().await;
    for path in [Page::SignIn.path(), Page::Account.path()] {
        let reply = app.get(path).await;
        assert_eq!(
            reply.headers.get("cache-control").map(|v| v.to_str().ok()),
            Some(Some("no-store")),
            "{path}"
        );
        let hsts = reply
            .headers
            .get("strict-transport-security")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        assert!(hsts.starts_with("max-age="), "{path}: {hsts:?}");
    }
    // Static files stay cacheable.
    let css = app.get(routes::STYLESHEET).await;
    assert_eq!(css.status, StatusCode::OK);
    assert_ne!(
        css.headers.get("cache-control").map(|v| v.to_str().ok()),
        Some(Some("no-store"))
    );

    // Plain-HTTP rigs (secure cookies off) are not told to insist on HTTPS.
    let plain = TestApp::spawn_with(&["--secure-cookies", "false"]).await;
    let reply = plain.get(Page::SignIn.path()).await;
    assert!(reply.headers.get("strict-transport-security").is_none());
}
