//! Every sign-in challenge and the account's MFA settings, over HTTP with
//! JavaScript off, against the local pool: real TOTP codes (totp-rs),
//! codes from the outbox, wrong and expired codes, an expired challenge
//! session, invited users, and a pool that requires MFA.

mod support;

use std::time::Duration;

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::types::{
    AttributeType, ExplicitAuthFlowsType, SoftwareTokenMfaConfigType, UserPoolMfaType,
};
use reqwest::StatusCode;
use support::totp::{code_at, secret_on, test_id_text};
use support::{PASSWORD, TestApp, unique_email};
use threshold::config::Config;

fn admin(app: &TestApp) -> Client {
    threshold::dev_pool::admin_client(
        &app.state
            .dev_pool
            .as_ref()
            .expect("embedded pool")
            .endpoint(),
    )
}

fn attr(name: &str, value: &str) -> AttributeType {
    AttributeType::builder()
        .name(name)
        .value(value)
        .build()
        .expect("attribute")
}

/// Enrols an authenticator app from the account page; returns its secret.
async fn enrol_app(app: &TestApp) -> String {
    let token = app.get("/account").await.csrf();
    let page = app
        .post_raw("/api/mfa-totp-start", &[("csrf_token", &token)])
        .await;
    assert_eq!(page.location.as_deref(), Some("/account/security/totp"));
    let setup = app.get("/account/security/totp").await;
    assert_eq!(setup.status, StatusCode::OK);
    assert!(
        setup.body.contains("src=\"data:image/svg+xml;base64,"),
        "a QR code image"
    );
    assert!(
        setup.body.contains("href=\"otpauth://totp/Threshold:"),
        "an otpauth link"
    );
    let secret = secret_on(&setup);
    assert_eq!(
        secret,
        secret_on(&app.get("/account/security/totp").await),
        "reload keeps the secret"
    );
    let code = code_at(&secret, app.clock.now());
    let page = app
        .submit(
            "/account/security/totp",
            "/api/mfa-totp-verify",
            &[("code", &code), ("device_name", "Phone")],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some("/account"));
    secret
}

async fn sign_out(app: &TestApp) {
    let token = app.get("/account").await.csrf();
    app.post_raw("/api/sign-out", &[("csrf_token", &token)])
        .await;
}

#[tokio::test]
async fn an_authenticator_app_is_enrolled_from_the_account_and_asked_for_at_sign_in() {
    let app = TestApp::spawn().await;
    let email = app.signed_in_user().await;

    // A wrong first code is refused on the same page.
    let token = app.get("/account").await.csrf();
    app.post_raw("/api/mfa-totp-start", &[("csrf_token", &token)])
        .await;
    let page = app
        .submit(
            "/account/security/totp",
            "/api/mfa-totp-verify",
            &[("code", "000000")],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some("/account/security/totp"));
    assert!(
        app.get("/account/security/totp")
            .await
            .field_error("code")
            .is_some()
    );

    let secret = enrol_app(&app).await;
    let account = app.get("/account").await;
    assert!(account.message_ids().contains(&"mfa.totp_on".to_owned()));
    assert_eq!(
        test_id_text(&account, "mfa-state-totp").as_deref(),
        Some("on, preferred")
    );
    sign_out(&app).await;

    let page = app.sign_in(&email, PASSWORD).await;
    assert_eq!(page.location.as_deref(), Some("/sign-in/challenge"));
    let challenge = app.get("/sign-in/challenge").await;
    assert!(challenge.body.contains("Enter your verification code"));
    assert!(challenge.body.contains("autocomplete=\"one-time-code\""));
    assert!(challenge.body.contains("inputmode=\"numeric\""));

    let page = app
        .submit(
            "/sign-in/challenge",
            "/api/sign-in-challenge",
            &[("code", "000000")],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some("/sign-in/challenge"));
    assert!(
        app.get("/sign-in/challenge")
            .await
            .field_error("code")
            .is_some_and(|e| e.contains("not right"))
    );

    // The enrolment code cannot be replayed; the next step's code works.
    app.clock.advance(Duration::from_secs(30));
    let code = code_at(&secret, app.clock.now());
    let spaced = format!("{} {}", &code[..3], &code[3..]);
    let page = app
        .submit(
            "/sign-in/challenge",
            "/api/sign-in-challenge",
            &[("code", &spaced)],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some("/account"));
}

#[tokio::test]
async fn an_expired_challenge_session_starts_the_sign_in_again_with_a_message() {
    let app = TestApp::spawn().await;
    let email = app.signed_in_user().await;
    let secret = enrol_app(&app).await;
    sign_out(&app).await;
    app.sign_in(&email, PASSWORD).await;
    app.get("/sign-in/challenge").await;
    app.clock.advance(Duration::from_secs(4 * 60));
    let code = code_at(&secret, app.clock.now());
    let page = app
        .submit(
            "/sign-in/challenge",
            "/api/sign-in-challenge",
            &[("code", &code)],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some("/sign-in"));
    let sign_in = app.get("/sign-in").await;
    assert_eq!(sign_in.message_ids(), vec!["sign_in.expired".to_owned()]);
    assert_eq!(
        sign_in.input_value("username").as_deref(),
        Some(email.as_str())
    );
}

#[tokio::test]
async fn text_message_codes_are_asked_for_with_the_masked_number() {
    let app = TestApp::spawn().await;
    let email = app.signed_in_user().await;
    admin(&app)
        .admin_update_user_attributes()
        .user_pool_id(app.state.gateway.pool_id())
        .username(&email)
        .user_attributes(attr("phone_number", "+15555550123"))
        .user_attributes(attr("phone_number_verified", "true"))
        .send()
        .await
        .expect("AdminUpdateUserAttributes");
    let token = app.get("/account").await.csrf();
    let page = app
        .post_raw(
            "/api/mfa-change",
            &[
                ("csrf_token", &token),
                ("factor", "sms"),
                ("change", "enable"),
            ],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some("/account"));
    assert_eq!(
        test_id_text(&app.get("/account").await, "mfa-state-sms").as_deref(),
        Some("on")
    );
    sign_out(&app).await;

    app.sign_in(&email, PASSWORD).await;
    let challenge = app.get("/sign-in/challenge").await;
    assert!(challenge.body.contains("Check your phone"));
    assert!(
        challenge.body.contains("0123"),
        "the masked number's last digits"
    );
    assert!(
        !challenge.body.contains("+15555550123"),
        "the number itself is masked"
    );
    assert!(challenge.body.contains("Send a new code"));
    let code = app.last_code("+15555550123");
    let page = app
        .submit(
            "/sign-in/challenge",
            "/api/sign-in-challenge",
            &[("code", &code)],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some("/account"));
}

#[tokio::test]
async fn with_two_methods_the_visitor_chooses_then_gets_an_email_code() {
    let app = TestApp::spawn().await;
    let email = app.signed_in_user().await;
    admin(&app)
        .admin_update_user_attributes()
        .user_pool_id(app.state.gateway.pool_id())
        .username(&email)
        .user_attributes(attr("phone_number", "+15555550124"))
        .send()
        .await
        .expect("AdminUpdateUserAttributes");
    for factor in ["sms", "email"] {
        let token = app.get("/account").await.csrf();
        app.post_raw(
            "/api/mfa-change",
            &[
                ("csrf_token", &token),
                ("factor", factor),
                ("change", "enable"),
            ],
        )
        .await;
    }
    sign_out(&app).await;

    app.sign_in(&email, PASSWORD).await;
    let choose = app.get("/sign-in/challenge").await;
    assert!(
        choose.body.contains("type=\"radio\""),
        "a choice of methods"
    );
    let page = app
        .submit(
            "/sign-in/challenge",
            "/api/sign-in-challenge",
            &[("choice", "email")],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some("/sign-in/challenge"));
    let challenge = app.get("/sign-in/challenge").await;
    assert!(challenge.body.contains("Check your email"));

    // A new sign-in is how a new code is asked for.
    let page = app
        .submit("/sign-in/challenge", "/api/sign-in-cancel", &[])
        .await;
    assert_eq!(page.location.as_deref(), Some("/sign-in"));
    assert_eq!(
        app.get("/sign-in").await.input_value("username").as_deref(),
        Some(email.as_str())
    );
    app.sign_in(&email, PASSWORD).await;
    app.submit(
        "/sign-in/challenge",
        "/api/sign-in-challenge",
        &[("choice", "email")],
    )
    .await;
    let code = app.last_code(&email);
    let page = app
        .submit(
            "/sign-in/challenge",
            "/api/sign-in-challenge",
            &[("code", &code)],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some("/account"));
}

#[tokio::test]
async fn an_invited_user_sets_their_own_password() {
    let app = TestApp::spawn().await;
    let email = unique_email();
    admin(&app)
        .admin_create_user()
        .user_pool_id(app.state.gateway.pool_id())
        .username(&email)
        .user_attributes(attr("email", &email))
        .user_attributes(attr("email_verified", "true"))
        .desired_delivery_mediums(aws_sdk_cognitoidentityprovider::types::DeliveryMediumType::Email)
        .send()
        .await
        .expect("AdminCreateUser");
    let temporary = app.last_code(&email);
    let page = app.sign_in(&email, &temporary).await;
    assert_eq!(page.location.as_deref(), Some("/sign-in/challenge"));
    let form = app.get("/sign-in/challenge").await;
    assert!(form.body.contains("autocomplete=\"new-password\""));
    assert!(form.body.contains("Password requirements"));

    let page = app
        .submit(
            "/sign-in/challenge",
            "/api/sign-in-challenge",
            &[("new_password", "weak")],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some("/sign-in/challenge"));
    assert!(
        app.get("/sign-in/challenge")
            .await
            .field_error("new_password")
            .is_some()
    );

    let page = app
        .submit(
            "/sign-in/challenge",
            "/api/sign-in-challenge",
            &[("new_password", PASSWORD)],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some("/account"));
    sign_out(&app).await;
    assert_eq!(
        app.sign_in(&email, PASSWORD).await.location.as_deref(),
        Some("/account")
    );
}

#[tokio::test]
async fn in_a_pool_that_requires_mfa_a_new_user_enrols_during_sign_in() {
    let dev = TestApp::spawn().await;
    let admin = admin(&dev);
    let pool = admin
        .create_user_pool()
        .pool_name("mfa-required")
        .mfa_configuration(UserPoolMfaType::On)
        .send()
        .await
        .expect("CreateUserPool");
    let pool_id = pool
        .user_pool()
        .and_then(|p| p.id())
        .expect("pool id")
        .to_owned();
    admin
        .set_user_pool_mfa_config()
        .user_pool_id(&pool_id)
        .mfa_configuration(UserPoolMfaType::On)
        .software_token_mfa_configuration(
            SoftwareTokenMfaConfigType::builder().enabled(true).build(),
        )
        .send()
        .await
        .expect("SetUserPoolMfaConfig");
    let client = admin
        .create_user_pool_client()
        .user_pool_id(&pool_id)
        .client_name("threshold")
        .generate_secret(true)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserSrpAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowRefreshTokenAuth)
        .send()
        .await
        .expect("CreateUserPoolClient");
    let client = client.user_pool_client().expect("client");
    admin
        .admin_create_user()
        .user_pool_id(&pool_id)
        .username("grace")
        .user_attributes(attr("email", "grace@example.com"))
        .message_action(aws_sdk_cognitoidentityprovider::types::MessageActionType::Suppress)
        .send()
        .await
        .expect("AdminCreateUser");
    admin
        .admin_set_user_password()
        .user_pool_id(&pool_id)
        .username("grace")
        .password(PASSWORD)
        .permanent(true)
        .send()
        .await
        .expect("AdminSetUserPassword");

    let dir = tempfile::tempdir().expect("temp dir");
    let endpoint = dev.state.dev_pool.as_ref().expect("pool").endpoint();
    let config = Config::from_args([
        "threshold",
        "--addr",
        "127.0.0.1:0",
        "--data-dir",
        dir.path().to_str().expect("utf-8 path"),
        "--user-pool-id",
        &pool_id,
        "--client-id",
        client.client_id().expect("client id"),
        "--client-secret",
        client.client_secret().expect("secret"),
        "--endpoint-url",
        &endpoint,
        "--sign-in-name",
        "username",
        "--mfa",
        "on",
    ])
    .expect("configuration");
    let app = TestApp::start(config, dev.clock.clone(), dir).await;

    let page = app.sign_in("grace", PASSWORD).await;
    assert_eq!(page.location.as_deref(), Some("/sign-in/challenge"));
    let choose = app.get("/sign-in/challenge").await;
    assert!(choose.body.contains("Set up two-step verification"));
    let page = app
        .submit(
            "/sign-in/challenge",
            "/api/sign-in-challenge",
            &[("choice", "totp")],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some("/sign-in/challenge"));
    let setup = app.get("/sign-in/challenge").await;
    let secret = secret_on(&setup);
    assert!(
        setup
            .body
            .contains("otpauth://totp/Threshold:grace?secret=")
    );

    let page = app
        .submit(
            "/sign-in/challenge",
            "/api/sign-in-challenge",
            &[("code", "000000")],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some("/sign-in/challenge"));
    assert!(
        app.get("/sign-in/challenge")
            .await
            .field_error("code")
            .is_some()
    );

    let code = code_at(&secret, app.clock.now());
    let page = app
        .submit(
            "/sign-in/challenge",
            "/api/sign-in-challenge",
            &[("code", &code), ("device_name", "Laptop")],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some("/account"));
    assert!(
        app.get("/account")
            .await
            .body
            .contains("This site requires two-step verification.")
    );
}
