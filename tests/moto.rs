//! The foundation scenario against moto's Cognito server, an independent
//! implementation, so Threshold is not only tested against the pool this
//! project wrote. moto has no SRP worth the name, so this runs with
//! `USER_PASSWORD_AUTH`; it accepts any confirmation code, so the code
//! typed here is arbitrary (the local-pool tests check real codes).
//! moto signs tokens with the AWS issuer but serves its keys at its own
//! address, which is what `--issuer` is for.
//!
//! Needs moto's server: `pip install 'moto[server]==5.2.1'` (`scripts/test-all` installs it).

mod support;

#[path = "../local-pool/tests/support/moto.rs"]
mod moto;

use reqwest::StatusCode;
use secrecy::ExposeSecret as _;
use support::{PASSWORD, TestApp, action};
use threshold::cognito::admin::{Admin, ClientAuthFlow, ClientSpec, MfaRequirement, PoolSpec};
use threshold::cognito::client::Endpoint;
use threshold::cognito::mfa::Factor;
use threshold::config::Config;
use threshold::routes::Page;

#[tokio::test]
async fn sign_up_confirm_sign_in_account_and_sign_out_work_against_moto() {
    let moto = moto::Moto::start().await.expect("moto's server starts");
    let app = threshold_on_moto(&moto, "threshold-moto", Mfa::Off).await;

    let page = app
        .submit(
            Page::SignUp.path(),
            action::SIGN_UP,
            &[
                ("username", "ada"),
                ("email", "ada@example.com"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::SignUpConfirm.path()));
    // moto accepts any code (see the module comment).
    let page = app.confirm("123456").await;
    assert_eq!(page.location.as_deref(), Some(Page::SignIn.path()));

    let page = app.sign_in("ada", "Wrong-password-1").await;
    assert_eq!(page.location.as_deref(), Some(Page::SignIn.path()));
    assert_eq!(
        app.get(Page::SignIn.path()).await.message_ids(),
        vec!["sign_in.incorrect_credentials".to_owned()]
    );

    let page = app.sign_in("ada", PASSWORD).await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
    let account = app.get(Page::Account.path()).await;
    assert_eq!(account.status, StatusCode::OK);
    assert!(account.body.contains("ada@example.com"));

    let token = account.csrf();
    let page = app
        .post_raw(action::SIGN_OUT, &[("csrf_token", &token)])
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::SignIn.path()));
    assert_eq!(
        app.get(Page::Account.path()).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn an_authenticator_app_is_enrolled_and_asked_for_at_sign_in_against_moto() {
    use support::totp::{fresh_code, secret_on};

    let moto = moto::Moto::start().await.expect("moto's server starts");
    let app = threshold_on_moto(&moto, "threshold-moto-mfa", Mfa::OptionalApp).await;
    app.submit(
        Page::SignUp.path(),
        action::SIGN_UP,
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
        Some(Page::Account.path())
    );

    let token = app.get(Page::Account.path()).await.csrf();
    let page = app
        .post_raw(action::START_TOTP, &[("csrf_token", &token)])
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::TotpSetup.path()));
    // moto hands every user the same secret; it is read off the page like any other.
    let secret = secret_on(&app.get(Page::TotpSetup.path()).await);
    let code = fresh_code(&secret).await;
    let page = app
        .submit(
            Page::TotpSetup.path(),
            action::VERIFY_TOTP,
            &[("code", &code)],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
    let token = app.get(Page::Account.path()).await.csrf();
    app.post_raw(action::SIGN_OUT, &[("csrf_token", &token)])
        .await;

    let page = app.sign_in("lin", PASSWORD).await;
    assert_eq!(page.location.as_deref(), Some(Page::SignInChallenge.path()));
    let code = fresh_code(&secret).await;
    let page = app
        .submit(
            Page::SignInChallenge.path(),
            action::ANSWER_CHALLENGE,
            &[("code", &code)],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
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
    let admin = Admin::for_local_pool(&Endpoint {
        region: "us-east-1".to_owned(),
        url: Some(url::Url::parse(&moto.endpoint()).expect("moto's URL")),
    });
    let (mfa, mfa_factors) = match mfa {
        Mfa::Off => (MfaRequirement::Off, Vec::new()),
        Mfa::OptionalApp => (MfaRequirement::Optional, vec![Factor::Totp]),
    };
    let pool_id = admin
        .create_pool(&PoolSpec {
            mfa,
            mfa_factors,
            ..PoolSpec::named(name)
        })
        .await
        .expect("CreateUserPool");
    let client = admin
        .create_client(
            &pool_id,
            &ClientSpec {
                name: "threshold".to_owned(),
                auth_flows: vec![ClientAuthFlow::UserPassword, ClientAuthFlow::RefreshToken],
                prevent_user_existence_errors: false,
                write_attributes: None,
            },
        )
        .await
        .expect("CreateUserPoolClient");
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
        &client.client_id,
        "--client-secret",
        client.client_secret.expose_secret(),
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
        Page::SignUp.path(),
        action::SIGN_UP,
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
            Page::ForgotPassword.path(),
            action::FORGOT_PASSWORD,
            &[("username", "grace")],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::ResetPassword.path()));
    let reset_page = browser.get(Page::ResetPassword.path()).await;
    assert_eq!(
        reset_page.message_ids(),
        vec!["forgot_password.code_sent_account".to_owned()]
    );
    let page = browser
        .submit(
            Page::ResetPassword.path(),
            action::RESET_PASSWORD,
            &[("code", "123456"), ("password", RESET)],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::SignIn.path()));
    assert_eq!(
        browser.sign_in("grace", RESET).await.location.as_deref(),
        Some(Page::Account.path())
    );

    // Change password: a wrong current password is a field error.
    let page = browser
        .submit(
            Page::ChangePassword.path(),
            action::CHANGE_PASSWORD,
            &[("current_password", PASSWORD), ("new_password", CHANGED)],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::ChangePassword.path()));
    assert!(
        browser
            .get(Page::ChangePassword.path())
            .await
            .field_error("current_password")
            .is_some()
    );
    let page = browser
        .submit(
            Page::ChangePassword.path(),
            action::CHANGE_PASSWORD,
            &[("current_password", RESET), ("new_password", CHANGED)],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
    let later = app.another_browser();
    assert_eq!(
        later.sign_in("grace", CHANGED).await.location.as_deref(),
        Some(Page::Account.path())
    );
}
