//! Every sign-in challenge and the account's MFA settings, over HTTP with
//! JavaScript off, against the local pool: real TOTP codes (totp-rs),
//! codes from the outbox, wrong and expired codes, an expired challenge
//! session, invited users, and a pool that requires MFA.

mod support;

use std::time::Duration;

use reqwest::StatusCode;
use secrecy::SecretString;
use support::totp::{code_at, secret_on};
use support::{PASSWORD, TestApp, action, unique_email};
use threshold::cognito::admin::{Invitation, MfaRequirement, NewUser, PoolSpec};
use threshold::cognito::mfa::Factor;
use threshold::config::Config;
use threshold::routes::Page;

/// Enrols an authenticator app from the account page; returns its secret.
async fn enrol_app(app: &TestApp) -> String {
    let token = app.get(Page::Account.path()).await.csrf();
    let page = app
        .post_raw(action::START_TOTP, &[("csrf_token", &token)])
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::TotpSetup.path()));
    let setup = app.get(Page::TotpSetup.path()).await;
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
        secret_on(&app.get(Page::TotpSetup.path()).await),
        "reload keeps the secret"
    );
    let code = code_at(&secret, app.clock.now());
    let page = app
        .submit(
            Page::TotpSetup.path(),
            action::VERIFY_TOTP,
            &[("code", &code), ("device_name", "Phone")],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
    secret
}

async fn sign_out(app: &TestApp) {
    app.sign_out().await;
}

#[tokio::test]
async fn an_authenticator_app_is_enrolled_from_the_account_and_asked_for_at_sign_in() {
    let app = TestApp::spawn().await;
    let email = app.signed_in_user().await;

    // A wrong first code is refused on the same page.
    let token = app.get(Page::Account.path()).await.csrf();
    app.post_raw(action::START_TOTP, &[("csrf_token", &token)])
        .await;
    let page = app
        .submit(
            Page::TotpSetup.path(),
            action::VERIFY_TOTP,
            &[("code", "000000")],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::TotpSetup.path()));
    assert!(
        app.get(Page::TotpSetup.path())
            .await
            .field_error("code")
            .as_deref()
            == Some("code.mismatch")
    );

    let secret = enrol_app(&app).await;
    let account = app.get(Page::Account.path()).await;
    assert!(account.message_ids().contains(&"mfa.totp_on".to_owned()));
    assert_eq!(
        account.state_of("mfa-state-totp").as_deref(),
        Some("preferred")
    );
    sign_out(&app).await;

    let page = app.sign_in(&email, PASSWORD).await;
    assert_eq!(page.location.as_deref(), Some(Page::SignInChallenge.path()));
    let challenge = app.get(Page::SignInChallenge.path()).await;
    assert_eq!(
        challenge.title_id().as_deref(),
        Some("challenge.app_code_title")
    );
    assert!(challenge.body.contains("autocomplete=\"one-time-code\""));
    assert!(challenge.body.contains("inputmode=\"numeric\""));

    let page = app
        .submit(
            Page::SignInChallenge.path(),
            action::ANSWER_CHALLENGE,
            &[("code", "000000")],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::SignInChallenge.path()));
    assert!(
        app.get(Page::SignInChallenge.path())
            .await
            .field_error("code")
            .as_deref()
            == Some("code.mismatch")
    );

    // The enrolment code cannot be replayed; the next step's code works.
    app.clock.advance(Duration::from_secs(30));
    let code = code_at(&secret, app.clock.now());
    let spaced = format!("{} {}", &code[..3], &code[3..]);
    let page = app
        .submit(
            Page::SignInChallenge.path(),
            action::ANSWER_CHALLENGE,
            &[("code", &spaced)],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
}

#[tokio::test]
async fn an_expired_challenge_session_starts_the_sign_in_again_with_a_message() {
    let app = TestApp::spawn().await;
    let email = app.signed_in_user().await;
    let secret = enrol_app(&app).await;
    sign_out(&app).await;
    app.sign_in(&email, PASSWORD).await;
    app.get(Page::SignInChallenge.path()).await;
    app.clock.advance(Duration::from_secs(4 * 60));
    let code = code_at(&secret, app.clock.now());
    let page = app
        .submit(
            Page::SignInChallenge.path(),
            action::ANSWER_CHALLENGE,
            &[("code", &code)],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::SignIn.path()));
    let sign_in = app.get(Page::SignIn.path()).await;
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
    app.admin()
        .update_attributes(
            &app.pool_id(),
            &email,
            &[
                ("phone_number", "+15555550123"),
                ("phone_number_verified", "true"),
            ],
        )
        .await
        .expect("AdminUpdateUserAttributes");
    let token = app.get(Page::Account.path()).await.csrf();
    let page = app
        .post_raw(
            action::CHANGE_MFA,
            &[
                ("csrf_token", &token),
                ("factor", "sms"),
                ("change", "enable"),
            ],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
    assert_eq!(
        app.get(Page::Account.path())
            .await
            .state_of("mfa-state-sms")
            .as_deref(),
        Some("on")
    );
    sign_out(&app).await;

    app.sign_in(&email, PASSWORD).await;
    let challenge = app.get(Page::SignInChallenge.path()).await;
    assert_eq!(challenge.title_id().as_deref(), Some("challenge.sms_title"));
    assert!(
        challenge.body.contains("0123"),
        "the masked number's last digits"
    );
    assert!(
        !challenge.body.contains("+15555550123"),
        "the number itself is masked"
    );
    assert!(
        challenge
            .body
            .contains(&format!("action=\"{}\"", action::CANCEL_SIGN_IN)),
        "a way to get a new code"
    );
    let code = app.last_code("+15555550123");
    let page = app
        .submit(
            Page::SignInChallenge.path(),
            action::ANSWER_CHALLENGE,
            &[("code", &code)],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
}

#[tokio::test]
async fn with_two_methods_the_visitor_chooses_then_gets_an_email_code() {
    let app = TestApp::spawn().await;
    let email = app.signed_in_user().await;
    app.admin()
        .update_attributes(&app.pool_id(), &email, &[("phone_number", "+15555550124")])
        .await
        .expect("AdminUpdateUserAttributes");
    for factor in ["sms", "email"] {
        let token = app.get(Page::Account.path()).await.csrf();
        app.post_raw(
            action::CHANGE_MFA,
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
    let choose = app.get(Page::SignInChallenge.path()).await;
    assert!(
        choose.body.contains("type=\"radio\""),
        "a choice of methods"
    );
    let page = app
        .submit(
            Page::SignInChallenge.path(),
            action::ANSWER_CHALLENGE,
            &[("choice", "email")],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::SignInChallenge.path()));
    let challenge = app.get(Page::SignInChallenge.path()).await;
    assert_eq!(
        challenge.title_id().as_deref(),
        Some("challenge.email_title")
    );

    // A new sign-in is how a new code is asked for.
    let page = app
        .submit(Page::SignInChallenge.path(), action::CANCEL_SIGN_IN, &[])
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::SignIn.path()));
    assert_eq!(
        app.get(Page::SignIn.path())
            .await
            .input_value("username")
            .as_deref(),
        Some(email.as_str())
    );
    app.sign_in(&email, PASSWORD).await;
    app.submit(
        Page::SignInChallenge.path(),
        action::ANSWER_CHALLENGE,
        &[("choice", "email")],
    )
    .await;
    let code = app.last_code(&email);
    let page = app
        .submit(
            Page::SignInChallenge.path(),
            action::ANSWER_CHALLENGE,
            &[("code", &code)],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
}

/// A user an administrator invited by email; their address and the
/// temporary password the invitation carried.
async fn invited_user(app: &TestApp) -> (String, String) {
    let email = unique_email();
    app.admin()
        .create_user(
            &app.pool_id(),
            &NewUser {
                username: &email,
                attributes: &[("email", &email), ("email_verified", "true")],
                invitation: Invitation::Email,
            },
        )
        .await
        .expect("AdminCreateUser");
    let temporary = app.last_code(&email);
    (email, temporary)
}

/// A temporary password starts one new-password step ("valid only once",
/// AdminCreateUser); an invited user who leaves that step and signs in with
/// it again is told it is spent and to ask for a new invitation, not that
/// the password is wrong. Cognito says so only after the password was
/// right, so it reveals nothing.
#[tokio::test]
async fn a_spent_temporary_password_is_said_to_be_spent() {
    let app = TestApp::spawn().await;
    let (email, temporary) = invited_user(&app).await;
    let page = app.sign_in(&email, &temporary).await;
    assert_eq!(page.location.as_deref(), Some(Page::SignInChallenge.path()));

    let later = app.another_browser();
    let page = later.sign_in(&email, &temporary).await;
    assert_eq!(page.location.as_deref(), Some(app.password_retry_page()));
    assert_eq!(
        later.get(app.password_retry_page()).await.message_ids(),
        vec!["sign_in.temporary_password_spent".to_owned()]
    );
}

#[tokio::test]
async fn an_invited_user_sets_their_own_password() {
    let app = TestApp::spawn().await;
    let (email, temporary) = invited_user(&app).await;
    let page = app.sign_in(&email, &temporary).await;
    assert_eq!(page.location.as_deref(), Some(Page::SignInChallenge.path()));
    let form = app.get(Page::SignInChallenge.path()).await;
    assert!(form.body.contains("autocomplete=\"new-password\""));
    assert!(form.body.contains("id=\"password-rules\""), "the checklist");

    let page = app
        .submit(
            Page::SignInChallenge.path(),
            action::ANSWER_CHALLENGE,
            &[("new_password", "weak")],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::SignInChallenge.path()));
    assert!(
        app.get(Page::SignInChallenge.path())
            .await
            .field_error("new_password")
            .as_deref()
            == Some("password.needs_min_length")
    );

    let page = app
        .submit(
            Page::SignInChallenge.path(),
            action::ANSWER_CHALLENGE,
            &[("new_password", PASSWORD)],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
    sign_out(&app).await;
    assert_eq!(
        app.sign_in(&email, PASSWORD).await.location.as_deref(),
        Some(Page::Account.path())
    );
}

/// A second app on a pool of the embedded local pool that requires MFA
/// with `factors`, and its user `grace` (password PASSWORD, an email, no
/// phone, no second factor yet).
async fn mfa_required_app(dev: &TestApp, factors: &[Factor]) -> TestApp {
    let pool = dev
        .other_pool(&PoolSpec {
            mfa: MfaRequirement::On,
            mfa_factors: factors.to_vec(),
            ..PoolSpec::named("mfa-required")
        })
        .await;
    let admin = dev.admin();
    admin
        .create_user(
            &pool.pool_id,
            &NewUser {
                username: "grace",
                attributes: &[("email", "grace@example.com")],
                invitation: Invitation::Suppressed,
            },
        )
        .await
        .expect("AdminCreateUser");
    admin
        .set_password(&pool.pool_id, "grace", &SecretString::from(PASSWORD), true)
        .await
        .expect("AdminSetUserPassword");

    let dir = tempfile::tempdir().expect("temp dir");
    let mut args = vec![
        "threshold".to_owned(),
        "--addr".to_owned(),
        "127.0.0.1:0".to_owned(),
        "--data-dir".to_owned(),
        dir.path().to_str().expect("utf-8 path").to_owned(),
        "--mfa".to_owned(),
        "on".to_owned(),
    ];
    args.extend(pool.args());
    let config = Config::from_args(args).expect("configuration");
    TestApp::start(config, dev.clock.clone(), dir).await
}

#[tokio::test]
async fn in_a_pool_that_requires_mfa_a_new_user_enrols_during_sign_in() {
    let dev = TestApp::spawn().await;
    let app = mfa_required_app(&dev, &[Factor::Totp]).await;

    let page = app.sign_in("grace", PASSWORD).await;
    assert_eq!(page.location.as_deref(), Some(Page::SignInChallenge.path()));
    let choose = app.get(Page::SignInChallenge.path()).await;
    assert_eq!(choose.title_id().as_deref(), Some("challenge.setup_title"));
    let page = app
        .submit(
            Page::SignInChallenge.path(),
            action::ANSWER_CHALLENGE,
            &[("choice", "totp")],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::SignInChallenge.path()));
    let setup = app.get(Page::SignInChallenge.path()).await;
    let secret = secret_on(&setup);
    assert!(
        setup
            .body
            .contains("otpauth://totp/Threshold:grace?secret=")
    );

    let page = app
        .submit(
            Page::SignInChallenge.path(),
            action::ANSWER_CHALLENGE,
            &[("code", "000000")],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::SignInChallenge.path()));
    assert!(
        app.get(Page::SignInChallenge.path())
            .await
            .field_error("code")
            .as_deref()
            == Some("code.mismatch")
    );

    let code = code_at(&secret, app.clock.now());
    let page = app
        .submit(
            Page::SignInChallenge.path(),
            action::ANSWER_CHALLENGE,
            &[("code", &code), ("device_name", "Laptop")],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
    assert_eq!(
        app.get(Page::Account.path())
            .await
            .state_of("mfa-requirement")
            .as_deref(),
        Some("on")
    );
}

/// Cognito lists every method the pool allows in MFA_SETUP, text messages
/// included, but sets SMS up only for an account that already has a phone
/// number. The page offers what can be set up and says why SMS cannot be;
/// when SMS is all the pool allows, it says so instead of offering nothing.
#[tokio::test]
async fn mfa_setup_explains_why_text_messages_cannot_be_set_up_while_signing_in() {
    let dev = TestApp::spawn().await;
    for (factors, note, offers_app) in [
        (
            &[Factor::Sms, Factor::Totp][..],
            "challenge.setup_sms_later",
            true,
        ),
        (&[Factor::Sms][..], "challenge.setup_sms_only", false),
    ] {
        let app = mfa_required_app(&dev, factors).await;
        let page = app.sign_in("grace", PASSWORD).await;
        assert_eq!(page.location.as_deref(), Some(Page::SignInChallenge.path()));
        let choose = app.get(Page::SignInChallenge.path()).await;
        assert_eq!(choose.title_id().as_deref(), Some("challenge.setup_title"));
        assert!(choose.message_ids().contains(&note.to_owned()), "{note}");
        assert!(!choose.body.contains("value=\"sms\""), "no SMS choice");
        assert_eq!(choose.body.contains("value=\"totp\""), offers_app, "{note}");
        // Choosing SMS anyway is refused as no choice.
        app.submit(
            Page::SignInChallenge.path(),
            action::ANSWER_CHALLENGE,
            &[("choice", "sms")],
        )
        .await;
        let page = app.get(Page::SignInChallenge.path()).await;
        assert_eq!(page.title_id().as_deref(), Some("challenge.setup_title"));
    }
}
