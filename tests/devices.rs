//! "Remember this browser" after MFA, over HTTP against the embedded pool
//! (which tracks devices): a remembered browser signs in without the code
//! (device SRP, answered on the server), shows on /account, and is asked
//! again once forgotten; an unticked box, another user's device cookie
//! and a device the pool refuses all leave MFA in place, with no error.

mod support;

use std::time::Duration;

use support::totp::{code_at, secret_on};
use support::{PASSWORD, TestApp, action};
use threshold::routes::Page;
use threshold::session::SessionId;

/// The device cookie's name under the test configuration (Secure cookies on).
const DEVICE_COOKIE: &str = "__Host-threshold-device";

/// The browser the tests say they are, which names the remembered device.
const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

/// A new signed-in user with an authenticator app; returns their email
/// and the app's secret. They are signed out at the end.
async fn user_with_app(app: &TestApp) -> (String, String) {
    let email = app.signed_in_user().await;
    let token = app.get(Page::Account.path()).await.csrf();
    app.post_raw(action::START_TOTP, &[("csrf_token", &token)])
        .await;
    let secret = secret_on(&app.get(Page::TotpSetup.path()).await);
    let page = app
        .submit(
            Page::TotpSetup.path(),
            action::VERIFY_TOTP,
            &[("code", &code_at(&secret, app.clock.now()))],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
    app.sign_out().await;
    (email, secret)
}

/// Signs in with the password, and answers the app code (ticking
/// "Remember this browser" when `remember`); returns the answer's reply.
async fn sign_in_with_code(
    app: &TestApp,
    email: &str,
    secret: &str,
    remember: bool,
) -> support::Reply {
    let page = app.sign_in(email, PASSWORD).await;
    assert_eq!(
        page.location.as_deref(),
        Some(Page::SignInChallenge.path()),
        "the code is asked for"
    );
    let challenge = app.get(Page::SignInChallenge.path()).await;
    assert!(
        challenge.body.contains("name=\"remember_device\""),
        "the code page offers to remember the browser"
    );
    // Each code once: the next sign-in uses the next step's code.
    app.clock.advance(Duration::from_secs(30));
    let code = code_at(secret, app.clock.now());
    let token = challenge.csrf();
    let mut fields = vec![("code", code.as_str()), ("csrf_token", token.as_str())];
    if remember {
        fields.push(("remember_device", "yes"));
    }
    app.post_with_header(action::ANSWER_CHALLENGE, ("user-agent", FIREFOX), &fields)
        .await
}

/// How many remembered devices /account lists.
fn listed_devices(account: &support::Reply) -> usize {
    account.body.matches("data-testid=\"device\"").count()
}

#[tokio::test]
async fn a_remembered_browser_skips_mfa_until_it_is_forgotten() {
    let app = TestApp::spawn().await;
    let (email, secret) = user_with_app(&app).await;

    let answered = sign_in_with_code(&app, &email, &secret, true).await;
    assert_eq!(answered.location.as_deref(), Some(Page::Account.path()));
    let set = answered
        .set_cookie
        .iter()
        .find(|c| c.starts_with(DEVICE_COOKIE))
        .expect("the device cookie is set");
    for attribute in [
        "HttpOnly",
        "Secure",
        "SameSite=Lax",
        "Path=/",
        "Max-Age=7776000",
    ] {
        assert!(set.contains(attribute), "{set} lacks {attribute}");
    }
    assert!(!set.contains("Domain"), "host-only: {set}");
    let cookie = app
        .other_cookie(DEVICE_COOKIE)
        .expect("the browser got a device cookie");
    assert!(SessionId::parse(&cookie).is_some(), "only a random id");
    let account = app.get(Page::Account.path()).await;
    assert!(
        account
            .message_ids()
            .contains(&"devices.remembered".to_owned())
    );
    assert_eq!(listed_devices(&account), 1);
    assert!(account.body.contains("data-this-browser=\"true\""));
    assert!(
        account.body.contains("Firefox on Linux"),
        "the device is named after the browser"
    );

    // Signed out and back in: no code.
    app.sign_out().await;
    let page = app.sign_in(&email, PASSWORD).await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
    // Tokens from the remembered device refresh with its key.
    app.expire_access_token().await;
    assert_eq!(
        app.get(Page::Account.path()).await.status,
        reqwest::StatusCode::OK,
        "still signed in after a refresh"
    );

    // A key that is not one: a message, nothing forgotten.
    let account = app.get(Page::Account.path()).await;
    let page = app
        .post_raw(
            action::FORGET_DEVICE,
            &[("csrf_token", &account.csrf()), ("device_key", "../x")],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
    let account = app.get(Page::Account.path()).await;
    assert!(
        account
            .message_ids()
            .contains(&"devices.not_found".to_owned())
    );
    assert_eq!(listed_devices(&account), 1);

    // Forgotten from /account: gone from the list, the cookie dropped.
    let key = account.input_value("device_key").expect("a Forget button");
    let page = app
        .post_raw(
            action::FORGET_DEVICE,
            &[("csrf_token", &account.csrf()), ("device_key", &key)],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
    assert_eq!(app.other_cookie(DEVICE_COOKIE), None);
    let account = app.get(Page::Account.path()).await;
    let ids = account.message_ids();
    assert!(ids.contains(&"devices.forgotten".to_owned()), "{ids:?}");
    assert!(ids.contains(&"devices.none".to_owned()), "{ids:?}");
    assert_eq!(listed_devices(&account), 0);

    // The code is asked for again.
    app.sign_out().await;
    let page = app.sign_in(&email, PASSWORD).await;
    assert_eq!(page.location.as_deref(), Some(Page::SignInChallenge.path()));
}

#[tokio::test]
async fn confirming_ones_identity_asks_for_the_code_even_in_a_remembered_browser() {
    let app = TestApp::spawn().await;
    let (email, secret) = user_with_app(&app).await;
    sign_in_with_code(&app, &email, &secret, true).await;
    app.sign_out().await;
    let page = app.sign_in(&email, PASSWORD).await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));

    app.sign_in_long_ago().await;
    let reply = app
        .submit(
            Page::ConfirmIdentity.path(),
            action::CONFIRM_IDENTITY,
            &[("password", PASSWORD)],
        )
        .await;
    assert_eq!(
        reply.location.as_deref(),
        Some(Page::SignInChallenge.path())
    );
    // With choice-based sign-in (the default) the password goes where the
    // ways in are offered.
    if app.state.choice_sign_in {
        let reply = app
            .answer(&[("choice", "password"), ("password", PASSWORD)])
            .await;
        assert_eq!(
            reply.location.as_deref(),
            Some(Page::SignInChallenge.path())
        );
    }
    assert_eq!(
        app.get(Page::SignInChallenge.path())
            .await
            .title_id()
            .as_deref(),
        Some("challenge.app_code_title"),
        "a sensitive change rests on both steps"
    );
}

#[tokio::test]
async fn without_the_box_the_code_is_asked_next_time() {
    let app = TestApp::spawn().await;
    let (email, secret) = user_with_app(&app).await;

    let answered = sign_in_with_code(&app, &email, &secret, false).await;
    assert_eq!(answered.location.as_deref(), Some(Page::Account.path()));
    assert_eq!(app.other_cookie(DEVICE_COOKIE), None);
    let account = app.get(Page::Account.path()).await;
    assert!(
        account.message_ids().contains(&"devices.none".to_owned()),
        "nothing remembered"
    );

    app.sign_out().await;
    let page = app.sign_in(&email, PASSWORD).await;
    assert_eq!(page.location.as_deref(), Some(Page::SignInChallenge.path()));
}

#[tokio::test]
async fn another_users_device_cookie_is_not_used_nor_dropped() {
    let app = TestApp::spawn().await;
    let (ada, ada_secret) = user_with_app(&app).await;
    sign_in_with_code(&app, &ada, &ada_secret, true).await;
    let cookie = app
        .other_cookie(DEVICE_COOKIE)
        .expect("Ada's device cookie");
    app.sign_out().await;

    // Bob's browser carries Ada's device cookie: Bob still gets the code,
    // and sees no device of Ada's as "this browser".
    let bob_browser = app.another_browser();
    let (bob, bob_secret) = user_with_app(&bob_browser).await;
    bob_browser.set_other_cookie(DEVICE_COOKIE, &cookie);
    let answered = sign_in_with_code(&bob_browser, &bob, &bob_secret, false).await;
    assert_eq!(answered.location.as_deref(), Some(Page::Account.path()));
    let account = bob_browser.get(Page::Account.path()).await;
    assert_eq!(listed_devices(&account), 0);
    assert_eq!(
        bob_browser.other_cookie(DEVICE_COOKIE).as_deref(),
        Some(cookie.as_str()),
        "Ada's record is left alone"
    );

    // Ada's own browser is still remembered.
    let page = app.sign_in(&ada, PASSWORD).await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
}

#[tokio::test]
async fn a_device_the_pool_refuses_is_dropped_and_the_code_asked_without_an_error() {
    let app = TestApp::spawn().await;
    let (email, secret) = user_with_app(&app).await;
    sign_in_with_code(&app, &email, &secret, true).await;
    app.sign_out().await;

    // The stored device password no longer matches the pool's verifier
    // (as when the pool was reset or the record went stale).
    let cookie = app.other_cookie(DEVICE_COOKIE).expect("a device cookie");
    let id = SessionId::parse(&cookie).expect("an id");
    let row = format!("device:{}", id.key());
    let store = app.state.sessions.store();
    let keys = app.state.sessions.keys();
    let stored = store.load(&row).await.expect("load").expect("a record");
    let mut record: serde_json::Value =
        serde_json::from_slice(&keys.open(&row, &stored.data).expect("opens")).expect("json");
    record["password"] = serde_json::json!("not-the-device-password");
    let sealed = keys.seal(&row, &serde_json::to_vec(&record).expect("json"));
    store
        .save(&row, &sealed, Some(stored.version), u64::MAX / 2)
        .await
        .expect("save");

    let page = app.sign_in(&email, PASSWORD).await;
    assert_eq!(
        page.location.as_deref(),
        Some(Page::SignInChallenge.path()),
        "the code is asked for, not an error"
    );
    assert_eq!(
        app.other_cookie(DEVICE_COOKIE),
        None,
        "the cookie is dropped"
    );
    assert!(
        store.load(&row).await.expect("load").is_none(),
        "the record is dropped"
    );
}

/// A browser forgotten from another browser's /account signs in with its
/// password and is asked the code: the pool refuses the forgotten key
/// with the password already ("Device does not exist"), and the record
/// and cookie go, with no error page.
#[tokio::test]
async fn a_browser_forgotten_elsewhere_is_asked_the_code_again() {
    let app = TestApp::spawn().await;
    let (email, secret) = user_with_app(&app).await;
    sign_in_with_code(&app, &email, &secret, true).await;
    app.sign_out().await;
    assert!(app.other_cookie(DEVICE_COOKIE).is_some(), "remembered");

    let other = app.another_browser();
    let answered = sign_in_with_code(&other, &email, &secret, false).await;
    assert_eq!(answered.location.as_deref(), Some(Page::Account.path()));
    let account = other.get(Page::Account.path()).await;
    let key = account
        .input_value("device_key")
        .expect("the remembered browser's Forget button");
    let reply = other
        .post_raw(
            action::FORGET_DEVICE,
            &[("csrf_token", &account.csrf()), ("device_key", &key)],
        )
        .await;
    assert_eq!(reply.location.as_deref(), Some(Page::Account.path()));

    let page = app.sign_in(&email, PASSWORD).await;
    assert_eq!(
        page.location.as_deref(),
        Some(Page::SignInChallenge.path()),
        "the code is asked for, not an error"
    );
    assert_eq!(
        app.get(Page::SignInChallenge.path())
            .await
            .title_id()
            .as_deref(),
        Some("challenge.app_code_title")
    );
    assert_eq!(
        app.other_cookie(DEVICE_COOKIE),
        None,
        "the cookie is dropped"
    );
}
