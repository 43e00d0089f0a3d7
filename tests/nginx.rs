//! Forward auth with a real nginx (`auth_request`), set up as the README
//! shows: the product's pages are reachable only after signing in through
//! Threshold, the `/admin/` part only for the `admins` group, and signing
//! out closes them again.
//!
//! Needs Debian's nginx (`scripts/test-all` installs it).

mod support;

use reqwest::StatusCode;
use support::nginx::{Nginx, free_port};
use support::{PASSWORD, TestApp, action, unique_email};
use threshold::routes::{Location, Page};

#[tokio::test]
async fn an_app_behind_nginx_opens_after_signing_in_through_threshold_and_closes_on_sign_out() {
    let (auth_port, app_port) = (free_port(), free_port());
    let auth_url = format!("http://127.0.0.1:{auth_port}");
    let app_url = format!("http://127.0.0.1:{app_port}");
    let threshold =
        TestApp::spawn_with(&["--public-url", &auth_url, "--return-to-allowlist", &app_url]).await;
    let threshold_addr = threshold
        .base
        .trim_start_matches("http://")
        .parse()
        .expect("Threshold's address");
    let nginx = Nginx::start(threshold_addr, auth_port, app_port);
    // One browser: its cookie goes to both hosts, as a cookie for a parent
    // domain (THRESHOLD_COOKIE_DOMAIN) would.
    let auth = threshold.same_browser_via(&nginx.auth_base());
    let app = threshold.same_browser_via(&nginx.app_base());

    // Not signed in: off to sign-in on Threshold, coming back afterwards.
    let wanted = format!("{app_url}/reports?year=2026&team=ops");
    let refused = app.get("/reports?year=2026&team=ops").await;
    assert_eq!(refused.status, StatusCode::FOUND, "{}", nginx.log());
    let sign_in = format!(
        "{auth_url}{}",
        Location::with_query(Page::SignIn, &[("return_to", wanted.as_str())])
    );
    assert_eq!(refused.location.as_deref(), Some(sign_in.as_str()));
    assert!(!refused.body.contains("upstream page"));

    // Sign up and sign in through nginx in front of Threshold.
    let email = unique_email();
    auth.sign_up(&email, PASSWORD).await;
    auth.confirm(&threshold.last_code(&email)).await;
    let signed_in = auth
        .sign_in_from(
            &sign_in.replacen(&auth_url, "", 1),
            &email,
            PASSWORD,
            &[("return_to", wanted.as_str())],
        )
        .await;
    assert_eq!(signed_in.location.as_deref(), Some(wanted.as_str()));

    // The upstream page, told who is signed in.
    let sub = threshold.stored_signed_in_user().await.sub;
    let page = app.get("/reports?year=2026&team=ops").await;
    assert_eq!(page.status, StatusCode::OK, "{}", nginx.log());
    assert_eq!(
        page.body,
        format!("upstream page for user={sub} email={email} groups=")
    );
    // The administrators' part needs the group.
    assert_eq!(app.get("/admin/").await.status, StatusCode::FORBIDDEN);

    // Added to the group, the user signs in again and is let in.
    let admin = threshold.admin();
    admin
        .create_group(&threshold.pool_id(), "admins")
        .await
        .expect("CreateGroup");
    admin
        .add_user_to_group(&threshold.pool_id(), &email, "admins")
        .await
        .expect("AdminAddUserToGroup");
    let again = auth.sign_in(&email, PASSWORD).await;
    assert_eq!(again.location.as_deref(), Some(Page::Account.path()));
    let admin_page = app.get("/admin/").await;
    assert_eq!(admin_page.status, StatusCode::OK);
    assert!(
        admin_page.body.ends_with("groups=admins"),
        "{}",
        admin_page.body
    );

    // Signing out closes the app again.
    let token = auth.get(Page::Account.path()).await.csrf();
    auth.post_raw(action::SIGN_OUT, &[("csrf_token", token.as_str())])
        .await;
    let closed = app.get("/reports").await;
    assert_eq!(closed.status, StatusCode::FOUND);
    assert!(!closed.body.contains("upstream page"));
    assert_eq!(app.get("/admin/").await.status, StatusCode::FOUND);
}
