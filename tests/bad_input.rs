//! Bad input never gets a 5xx or a panic, and nothing typed is ever
//! echoed unescaped. A property test posts generated bodies (form fields
//! with odd names, duplicates, control characters and long values; raw
//! bytes; other content types) to every form action of one running app,
//! from a signed-in browser so the account actions read their input too.
//! A panic in a handler would drop the connection and fail the POST.

mod support;

use std::sync::OnceLock;

use proptest::prelude::*;
use reqwest::StatusCode;
use support::{TestApp, action};
use threshold::routes::Page;

/// One app, with a signed-in browser, for every generated case, on a
/// runtime that outlives them.
fn app() -> &'static (tokio::runtime::Runtime, TestApp) {
    static APP: OnceLock<(tokio::runtime::Runtime, TestApp)> = OnceLock::new();
    APP.get_or_init(|| {
        let runtime = tokio::runtime::Runtime::new().expect("a runtime");
        let app = runtime.block_on(async {
            let app = TestApp::spawn_with(&["--rate-limit-factor", "0"]).await;
            app.signed_in_user().await;
            app
        });
        (runtime, app)
    })
}

/// Every form action but signing out, which would end the signed-in
/// browser's session for the cases after it.
const ACTIONS: [&str; 26] = [
    action::SIGN_UP,
    action::CONFIRM_SIGN_UP,
    action::RESEND_CODE,
    action::SIGN_IN,
    action::ANSWER_CHALLENGE,
    action::CANCEL_SIGN_IN,
    action::ANSWER_PASSKEY,
    action::OTHER_WAYS,
    action::START_PASSKEY,
    action::COMPLETE_PASSKEY,
    action::CANCEL_PASSKEY,
    action::DELETE_PASSKEY,
    action::CHANGE_MFA,
    action::START_TOTP,
    action::VERIFY_TOTP,
    action::FORGOT_PASSWORD,
    action::RESET_PASSWORD,
    action::RESEND_RESET_CODE,
    action::UPDATE_PROFILE,
    action::CHANGE_CONTACT,
    action::VERIFY_CONTACT,
    action::SEND_CONTACT_CODE,
    action::CHANGE_PASSWORD,
    action::DELETE_ACCOUNT,
    action::CONFIRM_IDENTITY,
    action::FORGET_DEVICE,
];

fn field_name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("username".to_owned()),
        Just("password".to_owned()),
        Just("email".to_owned()),
        Just("code".to_owned()),
        Just("attribute".to_owned()),
        Just("attributes[name]".to_owned()),
        Just("return_to".to_owned()),
        Just("device_key".to_owned()),
        "[a-z_\\[\\]:.%]{0,16}",
    ]
}

fn field_value() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,40}",
        "[\\x00-\\x1f\\x7f]{1,8}",
        "[0-9]{6}",
        Just("x".repeat(8 * 1024)),
        Just("<script>alert(1)</script>@example.com".to_owned()),
        Just("//evil.example".to_owned()),
    ]
}

fn content_type() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        4 => Just("application/x-www-form-urlencoded"),
        1 => Just("application/json"),
        1 => Just("text/plain"),
        1 => Just("multipart/form-data; boundary=x"),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn any_form_post_gets_an_answer_below_500(
        action in proptest::sample::select(&ACTIONS[..]),
        content_type in content_type(),
        fields in proptest::collection::vec((field_name(), field_value()), 0..6),
        raw in proptest::option::of(proptest::collection::vec(any::<u8>(), 0..256)),
        with_token in any::<bool>(),
    ) {
        let (runtime, app) = app();
        // A fresh token each time: a case that changed a privilege moved
        // the session to a new id.
        let token = runtime
            .block_on(app.get(Page::SignIn.path()))
            .try_csrf()
            .unwrap_or_default();
        let mut body = match raw {
            Some(bytes) => bytes,
            None => url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(&fields)
                .finish()
                .into_bytes(),
        };
        if with_token {
            body.extend_from_slice(format!("&csrf_token={token}").as_bytes());
        }
        let reply = runtime.block_on(app.post_bytes(action, content_type, body));
        prop_assert!(
            reply.status.as_u16() < 500,
            "{action} answered {} to {fields:?}",
            reply.status
        );
        prop_assert!(!reply.body.contains("<script>alert"), "echoed unescaped");
    }
}

#[tokio::test]
async fn typed_text_is_escaped_wherever_it_is_shown() {
    let app = TestApp::spawn().await;
    let hostile = "<script>alert(1)</script>\"'@example.com";
    // The password breaks the policy, so the form comes back with the
    // address kept in its field.
    app.sign_up(hostile, "x").await;
    let page = app.get(Page::SignUp.path()).await;
    assert_eq!(
        page.field_error("password").as_deref(),
        Some("password.needs_min_length")
    );
    assert!(!page.body.contains("<script>alert"), "kept, but escaped");
    assert!(page.body.contains("&lt;script&gt;"), "{}", page.body);
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused_with_a_page() {
    let app = TestApp::spawn().await;
    let token = app.get(Page::SignIn.path()).await.csrf();
    let mut body = format!("csrf_token={token}&username=").into_bytes();
    body.extend(std::iter::repeat_n(b'a', 1024 * 1024));
    let reply = app
        .post_bytes(action::SIGN_IN, "application/x-www-form-urlencoded", body)
        .await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(reply.title_id().as_deref(), Some("too_large.title"));
}
