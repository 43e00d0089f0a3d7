//! The hand-over to the product: the `AuthUser`, `MaybeAuthUser` and
//! `InGroup` extractors on the product's own routes, forward auth for
//! reverse proxies (`GET /auth/verify`), the session as JSON
//! (`GET /api/session`), groups on the account page, and the session
//! cookie shared with subdomains.

mod support;

use axum::Router;
use axum::routing::get;
use reqwest::StatusCode;
use serde_json::Value;
use support::faulty_pool::FaultyPool;
use support::{PASSWORD, TestApp, unique_email, with_return_to};
use threshold::flows::signed_in::SignedInUser;
use threshold::handoff::{AuthUser, Group, InGroup, MaybeAuthUser};
use threshold::routes::{self, Location, Page};
use threshold::session::SessionValue as _;

struct Admins;
impl Group for Admins {
    const NAME: &'static str = "admins";
}

/// The product's routes, as a product would write them.
fn product_routes() -> Router {
    Router::new()
        .route(
            "/reports",
            get(|user: AuthUser| async move {
                format!(
                    "reports for {} in [{}]",
                    user.sub(),
                    user.groups().join(",")
                )
            }),
        )
        .route(
            "/welcome",
            get(|MaybeAuthUser(user): MaybeAuthUser| async move {
                match user {
                    Some(user) => format!("welcome back {}", user.sub()),
                    None => "welcome, stranger".to_owned(),
                }
            }),
        )
        .route(
            "/admin",
            get(|InGroup(user, ..): InGroup<Admins>| async move {
                format!("admin area for {}", user.sub())
            }),
        )
}

/// A confirmed user of `app`, added to `groups`, signed in in a fresh
/// browser (groups reach the tokens at sign-in).
async fn member_of(app: &TestApp, groups: &[&str]) -> (TestApp, String) {
    let email = app.another_browser().signed_in_user().await;
    let admin = app.admin();
    for group in groups {
        // A group made by an earlier call is fine.
        let _ = admin.create_group(&app.pool_id(), group).await;
        admin
            .add_user_to_group(&app.pool_id(), &email, group)
            .await
            .expect("AdminAddUserToGroup");
    }
    let browser = app.another_browser();
    let page = browser.sign_in(&email, PASSWORD).await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
    (browser, email)
}

#[tokio::test]
async fn the_extractors_hand_product_routes_the_signed_in_user_and_send_others_to_sign_in() {
    let app = TestApp::spawn_with_routes(&[], product_routes()).await;

    let anonymous = app.get("/reports?q=1").await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert_eq!(
        anonymous.location.as_deref(),
        Some(with_return_to(Page::SignIn, "/reports?q=1").as_str())
    );
    assert_eq!(app.get("/welcome").await.body, "welcome, stranger");
    assert_eq!(
        app.get("/admin").await.location.as_deref(),
        Some(with_return_to(Page::SignIn, "/admin").as_str())
    );

    // Signing in from there comes back to the product's page.
    let email = unique_email();
    app.sign_up(&email, PASSWORD).await;
    app.confirm(&app.last_code(&email)).await;
    let page = app
        .sign_in_from(
            &with_return_to(Page::SignIn, "/reports?q=1"),
            &email,
            PASSWORD,
            &[("return_to", "/reports?q=1")],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some("/reports?q=1"));
    let sub = app.stored_signed_in_user().await.sub;
    let reports = app.get("/reports?q=1").await;
    assert_eq!(reports.status, StatusCode::OK);
    assert_eq!(reports.body, format!("reports for {sub} in []"));
    assert_eq!(
        app.get("/welcome").await.body,
        format!("welcome back {sub}")
    );

    // Signed in, but not an administrator: the 403 page, which links to
    // the account page.
    let admin = app.get("/admin").await;
    assert_eq!(admin.status, StatusCode::FORBIDDEN);
    assert_eq!(admin.message_ids(), vec!["forbidden.body".to_owned()]);

    // A member of the group, signed in after joining it.
    let (member, _) = member_of(&app, &["admins", "staff"]).await;
    let member_sub = member.stored_signed_in_user().await.sub;
    let admin = member.get("/admin").await;
    assert_eq!(admin.status, StatusCode::OK);
    assert_eq!(admin.body, format!("admin area for {member_sub}"));
    assert_eq!(
        member.get("/reports").await.body,
        format!("reports for {member_sub} in [admins,staff]")
    );

    // Signed out, the product's pages are closed again.
    let token = app.get(Page::Account.path()).await.csrf();
    app.post_raw(support::action::SIGN_OUT, &[("csrf_token", token.as_str())])
        .await;
    assert_eq!(app.get("/reports").await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_account_page_lists_the_groups_from_the_token() {
    let app = TestApp::spawn().await;
    let (member, _) = member_of(&app, &["editors", "admins"]).await;
    let account = member.get(Page::Account.path()).await;
    assert!(
        account.body.contains(r#"data-testid="groups""#),
        "the groups are listed"
    );
    let listed = &account.body[account.body.find(r#"data-testid="groups""#).unwrap_or(0)..];
    assert!(listed.contains("<li>editors</li>") && listed.contains("<li>admins</li>"));

    // Someone in no group sees no groups section at all.
    let loner = app.another_browser();
    loner.signed_in_user().await;
    let account = loner.get(Page::Account.path()).await;
    assert_eq!(account.status, StatusCode::OK);
    assert!(!account.body.contains(r#"data-testid="groups""#));
}

fn header(reply: &support::Reply, name: &str) -> Option<String> {
    reply
        .headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

#[tokio::test]
async fn forward_auth_answers_401_200_and_403_with_the_users_headers() {
    let app = TestApp::spawn_with(&[
        "--forward-auth-groups",
        "/admin=admins,app.example.test/billing=finance|admins",
        "--return-to-allowlist",
        "https://app.example.test",
        "--public-url",
        "https://auth.example.test",
    ])
    .await;
    let proxied = |uri: &'static str| {
        [
            ("x-forwarded-proto", "https"),
            ("x-forwarded-host", "app.example.test"),
            ("x-forwarded-uri", uri),
        ]
    };

    // Nobody signed in: 401, never cached, no user headers.
    let anonymous = app.get(routes::FORWARD_AUTH).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        header(&anonymous, "cache-control").as_deref(),
        Some("no-store")
    );
    assert_eq!(header(&anonymous, "x-auth-request-user"), None);

    // The redirect mode sends the visitor to sign-in on Threshold's host,
    // coming back to the original address when its origin is allowlisted,
    // and nowhere else.
    let redirect = app
        .get_with_headers(
            &format!("{}?redirect=1", routes::FORWARD_AUTH),
            &proxied("/reports?year=2026&q=a b"),
        )
        .await;
    assert_eq!(redirect.status, StatusCode::FOUND);
    assert_eq!(
        redirect.location,
        Some(format!(
            "https://auth.example.test{}",
            Location::with_query(
                Page::SignIn,
                &[(
                    "return_to",
                    "https://app.example.test/reports?year=2026&q=a%20b"
                )]
            )
        ))
    );
    let elsewhere = app
        .get_with_headers(
            &format!("{}?redirect=1", routes::FORWARD_AUTH),
            &[
                ("x-forwarded-host", "evil.example"),
                ("x-forwarded-uri", "/steal"),
            ],
        )
        .await;
    assert_eq!(
        elsewhere.location,
        Some(format!("https://auth.example.test{}", Page::SignIn.path()))
    );

    // Signed in, in no group.
    let email = app.signed_in_user().await;
    let user = app.stored_signed_in_user().await;
    let ok = app
        .get_with_headers(routes::FORWARD_AUTH, &proxied("/reports"))
        .await;
    assert_eq!(ok.status, StatusCode::OK);
    assert_eq!(header(&ok, "x-auth-request-user"), Some(user.sub.clone()));
    assert_eq!(header(&ok, "x-auth-request-email"), Some(email.clone()));
    assert_eq!(
        header(&ok, "x-auth-request-preferred-username"),
        Some(user.username.clone())
    );
    assert_eq!(header(&ok, "x-auth-request-groups"), None);
    assert_eq!(
        header(&ok, "x-auth-request-access-token"),
        None,
        "tokens stay in Threshold unless configured"
    );
    assert_eq!(header(&ok, "cache-control").as_deref(), Some("no-store"));

    // Group requirements: by query, and by the configured rules, however
    // the path or host is spelled, and whatever the visitor adds.
    for (uri, host) in [
        ("/%61dmin/users", "app.example.test"),
        ("//admin/x", "app.example.test"),
        ("/x/../ADMIN", "app.example.test"),
        ("/admin;x=1/users", "app.example.test"),
        ("/billing/2026", "APP.example.test:443"),
    ] {
        let reply = app
            .get_with_headers(
                routes::FORWARD_AUTH,
                &[
                    ("x-forwarded-host", host),
                    ("x-forwarded-uri", uri),
                    ("x-original-url", "https://app.example.test/reports"),
                ],
            )
            .await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{host}{uri}");
    }
    // Rules set, but the proxy did not say which address: refused.
    assert_eq!(
        app.get(routes::FORWARD_AUTH).await.status,
        StatusCode::FORBIDDEN
    );
    let asked = app
        .get_with_headers(
            &format!("{}?group=admins", routes::FORWARD_AUTH),
            &proxied("/reports"),
        )
        .await;
    assert_eq!(asked.status, StatusCode::FORBIDDEN);
    for (uri, status) in [
        ("/admin", StatusCode::FORBIDDEN),
        ("/admin/users?page=2", StatusCode::FORBIDDEN),
        ("/administrators", StatusCode::OK),
        ("/billing/2026", StatusCode::FORBIDDEN),
    ] {
        let reply = app
            .get_with_headers(routes::FORWARD_AUTH, &proxied(uri))
            .await;
        assert_eq!(reply.status, status, "{uri}");
    }
    // The billing rule names its host: elsewhere it does not apply.
    let other_host = app
        .get_with_headers(
            routes::FORWARD_AUTH,
            &[
                ("x-forwarded-host", "other.example.test"),
                ("x-forwarded-uri", "/billing/2026"),
            ],
        )
        .await;
    assert_eq!(other_host.status, StatusCode::OK);

    // A member of the groups passes them, and the proxy learns the groups.
    let (member, _) = member_of(&app, &["finance"]).await;
    let billing = member
        .get_with_headers(routes::FORWARD_AUTH, &proxied("/billing/2026"))
        .await;
    assert_eq!(billing.status, StatusCode::OK);
    assert_eq!(
        header(&billing, "x-auth-request-groups").as_deref(),
        Some("finance")
    );
    let admin = member
        .get_with_headers(routes::FORWARD_AUTH, &proxied("/admin"))
        .await;
    assert_eq!(admin.status, StatusCode::FORBIDDEN, "finance is not admins");
    let any_of = member
        .get_with_headers(
            &format!("{}?group=admins,finance", routes::FORWARD_AUTH),
            &proxied("/reports"),
        )
        .await;
    assert_eq!(any_of.status, StatusCode::OK);

    // Signed out: 401 again.
    let token = app.get(Page::Account.path()).await.csrf();
    app.post_raw(support::action::SIGN_OUT, &[("csrf_token", token.as_str())])
        .await;
    assert_eq!(
        app.get(routes::FORWARD_AUTH).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn forward_auth_hands_the_access_token_only_to_the_proxy_with_the_secret() {
    const SECRET: &str = "a-proxy-secret-of-some-length";
    let app = TestApp::spawn_with(&[
        "--forward-access-token",
        "true",
        "--forward-auth-secret",
        SECRET,
    ])
    .await;
    app.signed_in_user().await;
    let user = app.stored_signed_in_user().await;
    let token = secrecy::ExposeSecret::expose_secret(user.access_token.secret()).to_owned();

    let proxy = app
        .get_with_headers(
            routes::FORWARD_AUTH,
            &[("x-threshold-forward-secret", SECRET)],
        )
        .await;
    assert_eq!(proxy.status, StatusCode::OK);
    assert_eq!(header(&proxy, "x-auth-request-access-token"), Some(token));

    // A browser that reaches /auth/verify itself gets no token.
    for secret in [None, Some("a-guess-of-the-secret-value")] {
        let headers: Vec<(&str, &str)> = secret
            .map(|s| ("x-threshold-forward-secret", s))
            .into_iter()
            .collect();
        let direct = app.get_with_headers(routes::FORWARD_AUTH, &headers).await;
        assert_eq!(direct.status, StatusCode::OK);
        assert_eq!(header(&direct, "x-auth-request-access-token"), None);
    }
}

#[tokio::test]
async fn forward_auth_answers_a_valid_session_without_asking_the_pool() {
    let home = TestApp::spawn().await;
    let email = home.signed_in_user().await;
    let mut pool = FaultyPool::in_front_of(&home.pool_url()).await;
    let args = home.remote_pool_args(&pool.endpoint());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let app = TestApp::spawn_with(&args).await;
    let page = app.sign_in(&email, PASSWORD).await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));

    pool.go_down().await;
    // The session and its verified claims suffice...
    let ok = app.get(routes::FORWARD_AUTH).await;
    assert_eq!(ok.status, StatusCode::OK);
    assert!(header(&ok, "x-auth-request-user").is_some());
    let session = app.get(routes::SESSION_JSON).await;
    assert_eq!(
        session.status,
        StatusCode::OK,
        "claims checked with cached keys"
    );
    // ...until the access token is due for a refresh, which needs the pool.
    app.expire_access_token().await;
    assert_eq!(
        app.get(routes::FORWARD_AUTH).await.status,
        StatusCode::SERVICE_UNAVAILABLE
    );
    pool.come_back().await;
    assert_eq!(app.get(routes::FORWARD_AUTH).await.status, StatusCode::OK);
}

#[tokio::test]
async fn the_session_json_has_the_claims_and_no_token() {
    let app = TestApp::spawn().await;
    let anonymous = app.get(routes::SESSION_JSON).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    let body: Value = serde_json::from_str(&anonymous.body).expect("JSON");
    assert_eq!(body["error"], "not_signed_in");

    let (member, email) = member_of(&app, &["admins"]).await;
    let stored = member.stored_signed_in_user().await;
    let reply = member.get(routes::SESSION_JSON).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(header(&reply, "cache-control").as_deref(), Some("no-store"));
    let body: Value = serde_json::from_str(&reply.body).expect("JSON");
    assert_eq!(body["claims"]["sub"], Value::String(stored.sub.clone()));
    assert_eq!(body["claims"]["email"], Value::String(email));
    assert_eq!(
        body["claims"]["cognito:groups"],
        serde_json::json!(["admins"])
    );
    assert_eq!(body["groups"], serde_json::json!(["admins"]));
    assert!(body["signed_in_at"].as_u64().is_some());
    for token in [
        secrecy::ExposeSecret::expose_secret(stored.id_token.secret()),
        secrecy::ExposeSecret::expose_secret(stored.access_token.secret()),
        secrecy::ExposeSecret::expose_secret(
            stored
                .refresh_token
                .as_ref()
                .expect("a refresh token")
                .secret(),
        ),
    ] {
        assert!(!reply.body.contains(token), "a token in /api/session");
    }
}

/// The `Set-Cookie` header of a fresh user's sign-in on `app`.
async fn sign_in_cookie(app: &TestApp) -> String {
    let email = unique_email();
    app.sign_up(&email, PASSWORD).await;
    app.confirm(&app.last_code(&email)).await;
    let reply = app.sign_in(&email, PASSWORD).await;
    assert_eq!(reply.location.as_deref(), Some(Page::Account.path()));
    reply
        .set_cookie
        .into_iter()
        .last()
        .expect("sign-in sets a new session cookie")
}

#[tokio::test]
async fn the_session_cookie_is_shared_with_subdomains_only_when_configured() {
    let host_only = TestApp::spawn().await;
    let set = sign_in_cookie(&host_only).await;
    assert!(set.starts_with("__Host-threshold="), "{set}");
    assert!(!set.to_ascii_lowercase().contains("domain="), "{set}");

    let shared = TestApp::spawn_with(&["--cookie-domain", "example.test"]).await;
    let set = sign_in_cookie(&shared).await;
    assert!(set.starts_with("__Secure-threshold="), "{set}");
    assert!(set.contains("Domain=example.test"), "{set}");
    assert!(set.contains("Secure") && set.contains("HttpOnly"), "{set}");
    // The app reads it back under that name: the visitor is signed in.
    assert_eq!(
        shared.get(Page::Account.path()).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_signed_in_cookie_lasts_the_sessions_whole_lifetime_in_the_browser() {
    // Behind forward auth a visitor may use only the product, whose proxy
    // never passes on the cookie Threshold renews: the browser must not
    // drop it after the idle lifetime while the visitor is active.
    let app =
        TestApp::spawn_with(&["--session-idle-secs", "600", "--session-max-secs", "86400"]).await;
    let set = sign_in_cookie(&app).await;
    assert!(set.contains("Max-Age=86400"), "{set}");
    // The idle lifetime still holds on the server.
    app.last_seen_ago(601).await;
    assert_eq!(
        app.get(routes::FORWARD_AUTH).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_session_whose_id_token_is_due_is_refreshed_before_its_claims_are_handed_on() {
    let app = TestApp::spawn().await;
    app.signed_in_user().await;
    let before = app.stored_signed_in_user().await;
    assert!(before.id_expires_at > 0, "the ID token's expiry is kept");
    // The pool gave the ID token a shorter life than the access token.
    app.edit_session(|data| {
        data.values
            .get_mut(SignedInUser::KEY)
            .expect("a signed-in user")["id_expires_at"] = serde_json::json!(1);
    })
    .await;
    let reply = app.get(routes::SESSION_JSON).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let after = app.stored_signed_in_user().await;
    assert!(after.id_expires_at > 1, "refreshed");
    assert_ne!(
        secrecy::ExposeSecret::expose_secret(after.id_token.secret()),
        secrecy::ExposeSecret::expose_secret(before.id_token.secret())
    );
}

#[tokio::test]
async fn without_a_public_url_the_redirect_comes_back_to_the_path_on_the_same_host() {
    // Threshold's pages served on the app's own host (the proxy sends
    // /sign-in, /api/… and /style/… to Threshold).
    let app = TestApp::spawn().await;
    let redirect = app
        .get_with_headers(
            &format!("{}?redirect=1", routes::FORWARD_AUTH),
            &[
                ("x-forwarded-host", "app.example.test"),
                ("x-forwarded-uri", "/reports?year=2026"),
            ],
        )
        .await;
    assert_eq!(redirect.status, StatusCode::FOUND);
    assert_eq!(
        redirect.location.as_deref(),
        Some(with_return_to(Page::SignIn, "/reports?year=2026").as_str())
    );
}
