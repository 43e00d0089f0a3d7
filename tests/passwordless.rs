//! Choice-based sign-in on the embedded default: the name first, then a
//! way in. One-time codes by email and SMS (from the outbox), wrong and
//! expired codes, the browser remembering the way it used, and passkeys
//! added on the account page and used to sign in, with a software passkey
//! (webauthn-authenticator-rs) in the browser's place.

mod support;

use std::time::Duration;

use serde_json::{Value, json};
use support::{Reply, TestApp, action};
use threshold::routes::Page;
use url::Url;
use webauthn_authenticator_rs::WebauthnAuthenticator as _;
use webauthn_authenticator_rs::softpasskey::SoftPasskey;
use webauthn_rs_proto::{CreationChallengeResponse, RequestChallengeResponse};

/// Types `name` on the sign-in page; the page it leads to.
async fn start(browser: &TestApp, name: &str) -> Reply {
    let reply = browser
        .submit(Page::SignIn.path(), action::SIGN_IN, &[("username", name)])
        .await;
    assert_eq!(
        reply.location.as_deref(),
        Some(Page::SignInChallenge.path())
    );
    browser.get(Page::SignInChallenge.path()).await
}

/// The ways in a choice page offers (its `choice` buttons), in order.
fn ways_in(page: &Reply) -> Vec<String> {
    page.body
        .split(r#"name="choice" value=""#)
        .skip(1)
        .filter_map(|rest| rest.split('"').next().map(str::to_owned))
        .collect()
}

/// The value of the page's `attribute`, as the browser's script reads it.
fn attribute(page: &Reply, attribute: &str) -> String {
    let marker = format!("{attribute}=\"");
    let at = page.body.find(&marker).expect("the attribute") + marker.len();
    let end = page.body[at..].find('"').expect("its end");
    page.body[at..at + end]
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Posts the passkey step's answer, as passkey.js does.
async fn passkey_answer(browser: &TestApp, credential: &str) -> Reply {
    browser
        .submit(
            Page::SignInChallenge.path(),
            action::ANSWER_PASSKEY,
            &[("credential", credential)],
        )
        .await
}

fn method_cookie(reply: &Reply) -> Option<String> {
    reply
        .set_cookie
        .iter()
        .find_map(|c| c.strip_prefix("threshold-sign-in-method="))
        .and_then(|rest| rest.split(';').next())
        .map(str::to_owned)
}

/// A browser's passkey: webauthn-authenticator-rs's software passkey does
/// what `navigator.credentials.create` and `.get` do, from the options
/// JSON the pages carry to the JSON passkey.js posts back.
struct Passkey {
    soft: SoftPasskey,
    origin: Url,
}

impl Passkey {
    fn new() -> Self {
        Self {
            // `true`: it verifies the user (a PIN, a fingerprint).
            soft: SoftPasskey::new(true),
            // The embedded pool's passkeys are for `localhost`.
            origin: Url::parse("http://localhost:3000").expect("an origin"),
        }
    }

    fn create(&mut self, options: &str) -> String {
        let mut options: Value = serde_json::from_str(options).expect("creation options");
        // The software passkey keeps no discoverable credentials, and
        // refuses a request that needs one; the pool cannot tell.
        options["authenticatorSelection"]["requireResidentKey"] = json!(false);
        options["authenticatorSelection"]["residentKey"] = json!("discouraged");
        let request: CreationChallengeResponse =
            serde_json::from_value(json!({ "publicKey": options })).expect("creation request");
        let credential = self
            .soft
            .do_registration(self.origin.clone(), request)
            .expect("the passkey is made");
        serde_json::to_string(&credential).expect("JSON")
    }

    fn get(&mut self, options: &str) -> String {
        let options: Value = serde_json::from_str(options).expect("request options");
        let request: RequestChallengeResponse =
            serde_json::from_value(json!({ "publicKey": options })).expect("request");
        let assertion = self
            .soft
            .do_authentication(self.origin.clone(), request)
            .expect("the passkey signs");
        serde_json::to_string(&assertion).expect("JSON")
    }
}

#[tokio::test]
async fn a_code_by_email_signs_in_and_the_browser_offers_it_first_next_time() {
    let app = TestApp::spawn().await;
    let email = app.signed_in_user().await;
    let browser = app.another_browser();

    let choice = start(&browser, &email).await;
    assert_eq!(
        choice.title_id().as_deref(),
        Some("challenge.first_factor_title")
    );
    // Every way the pool allows, to every name (a text too, though this
    // account has no phone number: offering it only to those who have one
    // would tell accounts from unknown names).
    assert_eq!(
        ways_in(&choice),
        ["password", "email_code", "sms_code", "passkey"]
    );

    let sent = app.codes_sent(&email);
    let reply = browser.answer(&[("choice", "email_code")]).await;
    assert_eq!(
        reply.location.as_deref(),
        Some(Page::SignInChallenge.path())
    );
    let page = browser.get(Page::SignInChallenge.path()).await;
    assert_eq!(page.title_id().as_deref(), Some("challenge.email_title"));
    assert_eq!(app.codes_sent(&email), sent + 1);
    // A code as the way in skips no MFA: nothing to remember the browser for.
    assert!(!page.body.contains(r#"name="remember_device""#));
    let reply = browser.answer(&[("code", &app.last_code(&email))]).await;
    assert_eq!(reply.location.as_deref(), Some(Page::Account.path()));
    assert_eq!(method_cookie(&reply).as_deref(), Some("email_code"));

    // Next time the code is sent as soon as the name is typed.
    browser.sign_out().await;
    let page = start(&browser, &email).await;
    assert_eq!(page.title_id().as_deref(), Some("challenge.email_title"));
    assert_eq!(app.codes_sent(&email), sent + 2);
    // And every other way is a click away.
    let reply = browser
        .submit(Page::SignInChallenge.path(), action::OTHER_WAYS, &[])
        .await;
    assert_eq!(
        reply.location.as_deref(),
        Some(Page::SignInChallenge.path())
    );
    let page = browser.get(Page::SignInChallenge.path()).await;
    assert_eq!(
        page.title_id().as_deref(),
        Some("challenge.first_factor_title")
    );
}

/// A name with no account is offered what an account without a phone
/// number is, and its "code" fails like a wrong one: nothing is sent.
#[tokio::test]
async fn a_name_without_an_account_gets_the_same_ways_in_and_no_code() {
    let app = TestApp::spawn().await;
    let email = app.signed_in_user().await;
    let stranger = app.another_browser();
    let known = ways_in(&start(&stranger, &email).await);
    let nobody = "nobody-here@example.com";
    let unknown = start(&app.another_browser(), nobody).await;
    assert_eq!(ways_in(&unknown), known);

    let browser = app.another_browser();
    start(&browser, nobody).await;
    browser.answer(&[("choice", "email_code")]).await;
    let page = browser.get(Page::SignInChallenge.path()).await;
    assert_eq!(page.title_id().as_deref(), Some("challenge.email_title"));
    assert_eq!(app.codes_sent(nobody), 0);
    let reply = browser.answer(&[("code", "123456")]).await;
    assert_eq!(
        reply.location.as_deref(),
        Some(Page::SignInChallenge.path())
    );
    assert_eq!(
        browser
            .get(Page::SignInChallenge.path())
            .await
            .field_error("code")
            .as_deref(),
        Some("code.mismatch")
    );
}

#[tokio::test]
async fn a_code_by_text_message_signs_in_a_user_with_a_phone_number() {
    let app = TestApp::spawn().await;
    let email = app.signed_in_user().await;
    let phone = "+15555550142";
    app.admin()
        .update_attributes(
            &app.pool_id(),
            &email,
            &[("phone_number", phone), ("phone_number_verified", "true")],
        )
        .await
        .expect("a phone number");
    let browser = app.another_browser();
    let choice = start(&browser, &email).await;
    assert!(ways_in(&choice).contains(&"sms_code".to_owned()));
    browser.answer(&[("choice", "sms_code")]).await;
    let page = browser.get(Page::SignInChallenge.path()).await;
    assert_eq!(page.title_id().as_deref(), Some("challenge.sms_title"));
    let reply = browser.answer(&[("code", &app.last_code(phone))]).await;
    assert_eq!(reply.location.as_deref(), Some(Page::Account.path()));
    assert_eq!(method_cookie(&reply).as_deref(), Some("sms_code"));
}

#[tokio::test]
async fn a_wrong_code_is_said_and_an_expired_one_starts_over() {
    let app = TestApp::spawn().await;
    let email = app.signed_in_user().await;
    let browser = app.another_browser();
    start(&browser, &email).await;
    browser.answer(&[("choice", "email_code")]).await;
    let code = app.last_code(&email);
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let reply = browser.answer(&[("code", wrong)]).await;
    assert_eq!(
        reply.location.as_deref(),
        Some(Page::SignInChallenge.path())
    );
    assert_eq!(
        browser
            .get(Page::SignInChallenge.path())
            .await
            .field_error("code")
            .as_deref(),
        Some("code.mismatch")
    );

    // Cognito's sign-in sessions last three minutes.
    app.clock.advance(Duration::from_secs(4 * 60));
    let reply = browser.answer(&[("code", &code)]).await;
    assert_eq!(reply.location.as_deref(), Some(Page::SignIn.path()));
    let page = browser.get(Page::SignIn.path()).await;
    assert_eq!(page.message_ids(), ["sign_in.expired"]);
    assert_eq!(
        page.input_value("username").as_deref(),
        Some(email.as_str())
    );
    assert_eq!(
        browser.get(Page::Account.path()).await.location.as_deref(),
        Some(support::with_return_to(Page::SignIn, Page::Account.path()).as_str()),
        "not signed in"
    );
}

#[tokio::test]
async fn a_passkey_added_on_the_account_page_signs_in_and_once_deleted_no_more() {
    let app = TestApp::spawn().await;
    let email = app.signed_in_user().await;
    let mut passkey = Passkey::new();

    let page = app.get(Page::Passkeys.path()).await;
    assert_eq!(page.title_id().as_deref(), Some("passkeys.title"));
    assert!(page.body.contains(r#"data-testid="passkeys-none""#));
    let reply = app
        .submit(Page::Passkeys.path(), action::START_PASSKEY, &[])
        .await;
    assert_eq!(reply.location.as_deref(), Some(Page::Passkeys.path()));
    let page = app.get(Page::Passkeys.path()).await;
    let credential = passkey.create(&attribute(&page, "data-passkey-create"));
    let reply = app
        .submit(
            Page::Passkeys.path(),
            action::COMPLETE_PASSKEY,
            &[("credential", &credential)],
        )
        .await;
    assert_eq!(reply.location.as_deref(), Some(Page::Passkeys.path()));
    let page = app.get(Page::Passkeys.path()).await;
    assert!(page.message_ids().contains(&"passkey.added".to_owned()));
    assert_eq!(page.body.matches(r#"data-testid="passkey""#).count(), 1);
    let id = page.input_value("id").expect("the passkey's id");

    // Signing in with it, elsewhere.
    let browser = app.another_browser();
    start(&browser, &email).await;
    browser.answer(&[("choice", "passkey")]).await;
    let page = browser.get(Page::SignInChallenge.path()).await;
    assert_eq!(page.title_id().as_deref(), Some("challenge.passkey_title"));
    // No passkey from the browser (a cancelled dialog): said, and still here.
    passkey_answer(&browser, "").await;
    let again = browser.get(Page::SignInChallenge.path()).await;
    assert!(again.message_ids().contains(&"passkey.failed".to_owned()));
    let assertion = passkey.get(&attribute(&again, "data-passkey-get"));
    let reply = passkey_answer(&browser, &assertion).await;
    assert_eq!(reply.location.as_deref(), Some(Page::Account.path()));
    assert_eq!(method_cookie(&reply).as_deref(), Some("passkey"));

    // Next time the passkey is asked for at once. Meanwhile, the first
    // browser deletes it: the passkey no longer signs in.
    browser.sign_out().await;
    let asked = start(&browser, &email).await;
    assert_eq!(asked.title_id().as_deref(), Some("challenge.passkey_title"));
    let reply = app
        .submit(
            Page::Passkeys.path(),
            action::DELETE_PASSKEY,
            &[("id", &id)],
        )
        .await;
    assert_eq!(reply.location.as_deref(), Some(Page::Passkeys.path()));
    let page = app.get(Page::Passkeys.path()).await;
    assert!(page.message_ids().contains(&"passkey.deleted".to_owned()));
    assert!(page.body.contains(r#"data-testid="passkeys-none""#));
    let assertion = passkey.get(&attribute(&asked, "data-passkey-get"));
    let reply = passkey_answer(&browser, &assertion).await;
    assert_eq!(
        reply.location.as_deref(),
        Some(Page::SignInChallenge.path())
    );
    let page = browser.get(Page::SignInChallenge.path()).await;
    assert!(page.message_ids().contains(&"passkey.refused".to_owned()));
    assert_eq!(
        page.title_id().as_deref(),
        Some("challenge.first_factor_title")
    );
}

/// Adding a passkey is a new way in: only right after signing in.
#[tokio::test]
async fn adding_a_passkey_needs_a_recent_sign_in() {
    let app = TestApp::spawn().await;
    app.signed_in_user().await;
    app.sign_in_long_ago().await;
    let reply = app
        .submit(Page::Passkeys.path(), action::START_PASSKEY, &[])
        .await;
    assert_eq!(
        reply
            .location
            .as_deref()
            .map(|l| l.split('?').next().unwrap_or(l)),
        Some(Page::ConfirmIdentity.path())
    );
}

/// With choice-based sign-in the password may be left out at sign-up:
/// the code that confirms the address signs the new user in, and later
/// sign-ins use a code. The password is still offered to the name (as to
/// every name), and fails like a wrong one.
#[tokio::test]
async fn an_account_made_without_a_password_signs_in_with_codes() {
    let app = TestApp::spawn().await;
    let email = support::unique_email();
    let reply = app.sign_up(&email, "").await;
    assert_eq!(reply.location.as_deref(), Some(Page::SignUpConfirm.path()));
    let reply = app.confirm(&app.last_code(&email)).await;
    assert_eq!(reply.location.as_deref(), Some(Page::Account.path()));
    app.sign_out().await;

    let browser = app.another_browser();
    let reply = browser.sign_in(&email, support::PASSWORD).await;
    assert_eq!(
        reply.location.as_deref(),
        Some(Page::SignInChallenge.path())
    );
    assert_eq!(
        browser
            .get(Page::SignInChallenge.path())
            .await
            .message_ids(),
        ["sign_in.incorrect_credentials"]
    );
    browser.answer(&[("choice", "email_code")]).await;
    let reply = browser.answer(&[("code", &app.last_code(&email))]).await;
    assert_eq!(reply.location.as_deref(), Some(Page::Account.path()));
}

/// On the password page (a client without USER_AUTH), a password is needed.
#[tokio::test]
async fn without_choice_based_sign_in_sign_up_needs_a_password() {
    let app = TestApp::spawn_with(&["--choice-sign-in", "false"]).await;
    let reply = app.sign_up(&support::unique_email(), "").await;
    assert_eq!(reply.location.as_deref(), Some(Page::SignUp.path()));
    assert!(
        app.get(Page::SignUp.path())
            .await
            .field_error("password")
            .is_some()
    );
}
