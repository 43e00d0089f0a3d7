//! The foundation scenario against moto's Cognito server, an independent
//! implementation, so Threshold is not only tested against the pool this
//! project wrote. moto has no SRP worth the name, so this runs with
//! `USER_PASSWORD_AUTH`; it accepts any confirmation code, so the code
//! typed here is arbitrary (the local-pool tests check real codes).
//! moto signs tokens with the AWS issuer but serves its keys at its own
//! address, which is what `--issuer` is for.
//!
//! Needs `pip install 'moto[server]'`.

mod support;

#[path = "../local-pool/tests/support/moto.rs"]
mod moto;

use aws_sdk_cognitoidentityprovider::types::{
    ExplicitAuthFlowsType, SoftwareTokenMfaConfigType, UserPoolMfaType,
};
use reqwest::StatusCode;
use support::{PASSWORD, TestApp};
use threshold::config::Config;

#[tokio::test]
async fn sign_up_confirm_sign_in_account_and_sign_out_work_against_moto() {
    let moto = moto::Moto::start().await.expect("moto's server starts");
    let app = threshold_on_moto(&moto, "threshold-moto", Mfa::Off).await;

    let page = app
        .submit(
            "/sign-up",
            "/api/sign-up",
            &[
                ("username", "ada"),
                ("email", "ada@example.com"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some("/sign-up/confirm"));
    // moto accepts any code (see the module comment).
    let page = app.confirm("123456").await;
    assert_eq!(page.location.as_deref(), Some("/sign-in"));

    let page = app.sign_in("ada", "Wrong-password-1").await;
    assert_eq!(page.location.as_deref(), Some("/sign-in"));
    assert_eq!(
        app.get("/sign-in").await.message_ids(),
        vec!["sign_in.incorrect_credentials".to_owned()]
    );

    let page = app.sign_in("ada", PASSWORD).await;
    assert_eq!(page.location.as_deref(), Some("/account"));
    let account = app.get("/account").await;
    assert_eq!(account.status, StatusCode::OK);
    assert!(account.body.contains("ada@example.com"));

    let token = account.csrf();
    let page = app
        .post_raw("/api/sign-out", &[("csrf_token", &token)])
        .await;
    assert_eq!(page.location.as_deref(), Some("/sign-in"));
    assert_eq!(app.get("/account").await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn an_authenticator_app_is_enrolled_and_asked_for_at_sign_in_against_moto() {
    use support::totp::{code_at, secret_on};

    let moto = moto::Moto::start().await.expect("moto's server starts");
    let app = threshold_on_moto(&moto, "threshold-moto-mfa", Mfa::OptionalApp).await;
    app.submit(
        "/sign-up",
        "/api/sign-up",
        &[
            ("username", "lin"),
            ("email", "lin@example.com"),
            ("password", PASSWORD),
        ],
    )
    .await;
    app.confirm("123456").await;
    assert_eq!(
        app.sign_in("lin", PASSWORD).await.location.as_deref(),
        Some("/account")
    );

    let token = app.get("/account").await.csrf();
    let page = app
        .post_raw("/api/mfa-totp-start", &[("csrf_token", &token)])
        .await;
    assert_eq!(page.location.as_deref(), Some("/account/security/totp"));
    // moto hands every user the same secret; it is read off the page like any other.
    let secret = secret_on(&app.get("/account/security/totp").await);
    let code = code_at(&secret, std::time::SystemTime::now());
    let page = app
        .submit(
            "/account/security/totp",
            "/api/mfa-totp-verify",
            &[("code", &code)],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some("/account"));
    let token = app.get("/account").await.csrf();
    app.post_raw("/api/sign-out", &[("csrf_token", &token)])
        .await;

    let page = app.sign_in("lin", PASSWORD).await;
    assert_eq!(page.location.as_deref(), Some("/sign-in/challenge"));
    let code = code_at(&secret, std::time::SystemTime::now());
    let page = app
        .submit(
            "/sign-in/challenge",
            "/api/sign-in-challenge",
            &[("code", &code)],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some("/account"));
}

/// Whether the moto pool offers MFA.
enum Mfa {
    Off,
    /// Optional, with authenticator apps.
    OptionalApp,
}

/// A moto pool with a confidential client, and Threshold in front of it
/// (username sign-in, USER_PASSWORD_AUTH).
async fn threshold_on_moto(moto: &moto::Moto, name: &str, mfa: Mfa) -> TestApp {
    let admin = threshold::dev_pool::admin_client(&moto.endpoint());
    let pool = admin
        .create_user_pool()
        .pool_name(name)
        .send()
        .await
        .expect("CreateUserPool");
    let pool_id = pool
        .user_pool()
        .and_then(|p| p.id())
        .expect("pool id")
        .to_owned();
    if let Mfa::OptionalApp = mfa {
        admin
            .set_user_pool_mfa_config()
            .user_pool_id(&pool_id)
            .mfa_configuration(UserPoolMfaType::Optional)
            .software_token_mfa_configuration(
                SoftwareTokenMfaConfigType::builder().enabled(true).build(),
            )
            .send()
            .await
            .expect("SetUserPoolMfaConfig");
    }
    let client = admin
        .create_user_pool_client()
        .user_pool_id(&pool_id)
        .client_name("threshold")
        .generate_secret(true)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserPasswordAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowRefreshTokenAuth)
        .send()
        .await
        .expect("CreateUserPoolClient");
    let client = client.user_pool_client().expect("client");
    let dir = tempfile::tempdir().expect("temp dir");
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
        client.client_secret().expect("client secret"),
        "--auth-flow",
        "USER_PASSWORD_AUTH",
        "--endpoint-url",
        &moto.endpoint(),
        "--issuer",
        &moto::Moto::issuer(&pool_id),
        "--sign-in-name",
        "username",
    ])
    .expect("configuration");
    TestApp::start(config, local_pool::Clock::system(), dir).await
}

#[tokio::test]
async fn forgot_password_and_change_password_work_against_moto() {
    const RESET: &str = "Battery-staple-8";
    const CHANGED: &str = "Tr0ubador-and-3";
    let moto = moto::Moto::start().await.expect("moto's server starts");
    let app = threshold_on_moto(&moto, "threshold-moto-recovery", Mfa::Off).await;
    app.submit(
        "/sign-up",
        "/api/sign-up",
        &[
            ("username", "grace"),
            ("email", "grace@example.com"),
            ("password", PASSWORD),
        ],
    )
    .await;
    app.confirm("123456").await;

    // Forgot password: moto accepts any code (see the module comment).
    let browser = app.another_browser();
    let page = browser
        .submit(
            "/forgot-password",
            "/api/forgot-password",
            &[("username", "grace")],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some("/reset-password"));
    let reset_page = browser.get("/reset-password").await;
    assert_eq!(
        reset_page.message_ids(),
        vec!["forgot_password.code_sent_account".to_owned()]
    );
    let page = browser
        .submit(
            "/reset-password",
            "/api/reset-password",
            &[("code", "123456"), ("password", RESET)],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some("/sign-in"));
    assert_eq!(
        browser.sign_in("grace", RESET).await.location.as_deref(),
        Some("/account")
    );

    // Change password: a wrong current password is a field error.
    let page = browser
        .submit(
            "/account/password",
            "/api/change-password",
            &[("current_password", PASSWORD), ("new_password", CHANGED)],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some("/account/password"));
    assert!(
        browser
            .get("/account/password")
            .await
            .field_error("current_password")
            .is_some()
    );
    let page = browser
        .submit(
            "/account/password",
            "/api/change-password",
            &[("current_password", RESET), ("new_password", CHANGED)],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some("/account"));
    let later = app.another_browser();
    assert_eq!(
        later.sign_in("grace", CHANGED).await.location.as_deref(),
        Some("/account")
    );
}
