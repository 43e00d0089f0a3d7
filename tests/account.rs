//! Password recovery and the account pages over HTTP with JavaScript off,
//! against the embedded local pool, with codes from its outbox: forgot and
//! reset password, a reset Cognito demands at sign-in, the profile, email
//! and phone changes with their codes, the unverified-contact banner,
//! change password, sign out everywhere, refresh after a sign-out elsewhere,
//! and deleting the account, each with its failure paths.

mod support;

use std::time::Duration;

use reqwest::StatusCode;
use support::{PASSWORD, Reply, TestApp, action, unique_email, verify_page, with_return_to};
use threshold::routes::Page;

const NEW_PASSWORD: &str = "Battery-staple-8";

fn ids(page: &Reply) -> Vec<String> {
    page.message_ids()
}

fn has(page: &Reply, id: &str) -> bool {
    page.message_ids().iter().any(|m| m == id)
}

fn wrong_code(right: &str) -> &'static str {
    if right == "000000" {
        "111111"
    } else {
        "000000"
    }
}

async fn forgot(browser: &TestApp, email: &str) -> Reply {
    browser.forgot_password(email).await
}

async fn reset(browser: &TestApp, code: &str, password: &str) -> Reply {
    browser
        .submit(
            Page::ResetPassword.path(),
            action::RESET_PASSWORD,
            &[("code", code), ("password", password)],
        )
        .await
}

/// The embedded default's pool sends reset codes to the verified email
/// first (its AccountRecoverySetting), the address the reset page speaks
/// of, even when the account also has a verified phone: without the
/// setting, Cognito's legacy order would text the phone.
#[tokio::test]
async fn reset_codes_go_to_the_email_even_with_a_verified_phone() {
    let app = TestApp::spawn().await;
    let email = app.signed_in_user().await;
    app.sign_out().await;
    let phone = "+15555550177";
    app.admin()
        .update_attributes(
            &app.pool_id(),
            &email,
            &[("phone_number", phone), ("phone_number_verified", "true")],
        )
        .await
        .expect("AdminUpdateUserAttributes");
    let emailed = app.codes_sent(&email);
    forgot(&app, &email).await;
    assert_eq!(app.codes_sent(&email), emailed + 1, "the code is emailed");
    assert_eq!(app.codes_sent(phone), 0, "nothing is texted");
}

#[tokio::test]
async fn a_forgotten_password_is_reset_with_the_emailed_code() {
    let app = TestApp::spawn().await;
    let email = app.signed_in_user().await;
    let browser = app.another_browser();

    let sign_in = browser.get(Page::SignIn.path()).await;
    assert!(
        sign_in
            .body
            .contains(&format!("href=\"{}\"", Page::ForgotPassword.path()))
    );
    let form = browser.get(Page::ForgotPassword.path()).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("autocomplete=\"username\""));

    let page = forgot(&browser, &email).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location.as_deref(), Some(Page::ResetPassword.path()));
    let reset_page = browser.get(Page::ResetPassword.path()).await;
    // The intro says where the code went, hedged; no notice repeats it.
    assert_eq!(reset_page.message_ids(), ["reset_password.intro"]);
    assert!(reset_page.body.contains("u***@e***"));
    for token in [
        "autocomplete=\"one-time-code\"",
        "inputmode=\"numeric\"",
        "autocomplete=\"new-password\"",
        "aria-describedby=\"password-rules\"",
    ] {
        assert!(reset_page.body.contains(token), "{token}");
    }
    let code = app.last_code(&email);

    // A wrong code is a field error; a weak password is one too.
    reset(&browser, wrong_code(&code), NEW_PASSWORD).await;
    let page = browser.get(Page::ResetPassword.path()).await;
    assert!(page.field_error("code").as_deref() == Some("code.mismatch"));
    assert!(page.body.contains("aria-describedby=\"code-error\""));
    reset(&browser, &code, "weak").await;
    let page = browser.get(Page::ResetPassword.path()).await;
    assert_eq!(
        page.field_error("password").as_deref(),
        Some("password.needs_min_length")
    );
    assert!(!page.body.contains("weak\""), "the password is not echoed");

    let page = reset(&browser, &code, NEW_PASSWORD).await;
    assert_eq!(page.location.as_deref(), Some(Page::SignIn.path()));
    let sign_in = browser.get(Page::SignIn.path()).await;
    assert!(has(&sign_in, "reset_password.done"));
    assert_eq!(
        sign_in.input_value("username").as_deref(),
        Some(email.as_str())
    );
    let page = browser.sign_in(&email, PASSWORD).await;
    assert_eq!(
        page.location.as_deref(),
        Some(app.password_retry_page()),
        "old password"
    );
    let page = browser.sign_in(&email, NEW_PASSWORD).await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
}

#[tokio::test]
async fn forgot_password_for_an_unknown_account_looks_exactly_like_a_known_one() {
    let app = TestApp::spawn().await;
    let known = app.signed_in_user().await;
    // Same length, so the masked address and the page are the same size.
    let unknown = format!("user-{}@example.com", "f".repeat(16));
    assert_eq!(known.len(), unknown.len());

    let one = app.another_browser();
    let other = app.another_browser();
    let known_post = forgot(&one, &known).await;
    let unknown_post = forgot(&other, &unknown).await;
    assert_eq!(known_post.status, unknown_post.status);
    assert_eq!(known_post.location, unknown_post.location);
    assert_eq!(known_post.body, unknown_post.body);

    let known_page = one.get(Page::ResetPassword.path()).await;
    let unknown_page = other.get(Page::ResetPassword.path()).await;
    assert_eq!(known_page.status, unknown_page.status);
    assert_eq!(
        known_page.body_without_csrf(),
        unknown_page.body_without_csrf(),
        "the same page, byte for byte"
    );

    // Any code for the unknown account is simply "not right"; a new code
    // is "sent" the same way.
    reset(&other, "123456", NEW_PASSWORD).await;
    let page = other.get(Page::ResetPassword.path()).await;
    assert!(page.field_error("code").as_deref() == Some("code.mismatch"));
    let known_resend = one
        .submit(Page::ResetPassword.path(), action::RESEND_RESET_CODE, &[])
        .await;
    let unknown_resend = other
        .submit(Page::ResetPassword.path(), action::RESEND_RESET_CODE, &[])
        .await;
    assert_eq!(known_resend.location, unknown_resend.location);
    assert_eq!(
        one.get(Page::ResetPassword.path())
            .await
            .body_without_csrf(),
        other
            .get(Page::ResetPassword.path())
            .await
            .body_without_csrf()
    );
}

/// Within the flow's hour an "expired" answer is what the pool gives an
/// address without an account (tests/enumeration.rs), so it reads as a
/// wrong code; a new code still works. (Past the hour the flow itself has
/// ended and the page says to ask for a new code.)
#[tokio::test]
async fn an_expired_reset_code_reads_as_a_wrong_one_and_a_new_code_works() {
    let app = TestApp::spawn().await;
    let email = app.signed_in_user().await;
    let browser = app.another_browser();
    forgot(&browser, &email).await;
    let old = app.last_code(&email);
    let sent = app.codes_sent(&email);
    app.clock.advance(Duration::from_secs(61 * 60));

    reset(&browser, &old, NEW_PASSWORD).await;
    let page = browser.get(Page::ResetPassword.path()).await;
    assert_eq!(page.field_error("code").as_deref(), Some("code.mismatch"));
    assert!(
        page.body.contains(action::RESEND_RESET_CODE),
        "a way to get a new code"
    );

    let page = browser
        .submit(Page::ResetPassword.path(), action::RESEND_RESET_CODE, &[])
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::ResetPassword.path()));
    assert_eq!(app.codes_sent(&email), sent + 1);
    assert!(has(
        &browser.get(Page::ResetPassword.path()).await,
        "reset_password.code_resent"
    ));
    let page = reset(&browser, &app.last_code(&email), NEW_PASSWORD).await;
    assert_eq!(page.location.as_deref(), Some(Page::SignIn.path()));
}

#[tokio::test]
async fn a_reset_demanded_by_cognito_at_sign_in_leads_straight_into_the_reset() {
    let app = TestApp::spawn().await;
    let email = app.signed_in_user().await;
    app.admin()
        .reset_password(&app.pool_id(), &email)
        .await
        .expect("AdminResetUserPassword");
    let browser = app.another_browser();
    let page = browser
        .sign_in_from(
            &with_return_to(Page::SignIn, Page::Profile.path()),
            &email,
            PASSWORD,
            &[("return_to", Page::Profile.path())],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::ResetPassword.path()));
    let reset_page = browser.get(Page::ResetPassword.path()).await;
    assert!(
        has(&reset_page, "reset_password.required"),
        "{:?}",
        ids(&reset_page)
    );
    let page = reset(&browser, &app.last_code(&email), NEW_PASSWORD).await;
    assert_eq!(
        page.location.as_deref(),
        Some(with_return_to(Page::SignIn, Page::Profile.path()).as_str()),
        "return_to survives the reset"
    );
    let page = browser.sign_in(&email, NEW_PASSWORD).await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
}

#[tokio::test]
async fn the_password_is_changed_with_the_current_one() {
    let app = TestApp::spawn().await;
    let email = app.signed_in_user().await;
    let form = app.get(Page::ChangePassword.path()).await;
    assert_eq!(form.status, StatusCode::OK);
    for token in [
        "autocomplete=\"current-password\"",
        "autocomplete=\"new-password\"",
        "id=\"password-rules\"",
    ] {
        assert!(form.body.contains(token), "{token}");
    }

    let page = change_password(&app, "Wrong-password-1", NEW_PASSWORD).await;
    assert_eq!(page.location.as_deref(), Some(Page::ChangePassword.path()));
    let page = app.get(Page::ChangePassword.path()).await;
    assert!(
        page.field_error("current_password").as_deref() == Some("change_password.wrong_current")
    );
    assert!(
        page.body
            .contains("aria-describedby=\"current_password-error\"")
    );

    change_password(&app, PASSWORD, "short").await;
    let page = app.get(Page::ChangePassword.path()).await;
    assert_eq!(
        page.field_error("new_password").as_deref(),
        Some("password.needs_min_length")
    );

    let page = change_password(&app, PASSWORD, NEW_PASSWORD).await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
    assert!(has(
        &app.get(Page::Account.path()).await,
        "change_password.done"
    ));
    let other = app.another_browser();
    assert_eq!(
        other
            .sign_in(&email, NEW_PASSWORD)
            .await
            .location
            .as_deref(),
        Some(Page::Account.path())
    );
}

#[tokio::test]
async fn the_profile_is_edited_with_a_message_per_field() {
    let app = TestApp::spawn_with(&["--profile-attributes", "custom:company"]).await;
    app.signed_in_user().await;
    let form = app.get(Page::Profile.path()).await;
    assert_eq!(form.status, StatusCode::OK);
    for token in [
        "autocomplete=\"name\"",
        "autocomplete=\"language\"",
        "name=\"attributes[custom:company]\"",
    ] {
        assert!(form.body.contains(token), "{token}");
    }

    let page = app
        .submit(
            Page::Profile.path(),
            action::UPDATE_PROFILE,
            &[
                ("attributes[name]", "Ada Lovelace"),
                ("attributes[locale]", "not a language"),
            ],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::Profile.path()));
    let page = app.get(Page::Profile.path()).await;
    assert_eq!(
        page.field_error("locale").as_deref(),
        Some("profile.locale_invalid")
    );
    assert!(page.body.contains("value=\"Ada Lovelace\""), "values kept");

    let page = app
        .submit(
            Page::Profile.path(),
            action::UPDATE_PROFILE,
            &[
                ("attributes[name]", "Ada Lovelace"),
                ("attributes[locale]", "en-GB"),
                ("attributes[custom:company]", "Analytical Engines"),
            ],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
    let account = app.get(Page::Account.path()).await;
    assert!(has(&account, "profile.saved"));
    assert!(account.body.contains("Ada Lovelace"));
    assert!(
        app.get(Page::Profile.path())
            .await
            .body
            .contains("value=\"Analytical Engines\"")
    );

    // Emptying a field removes the attribute.
    app.submit(
        Page::Profile.path(),
        action::UPDATE_PROFILE,
        &[
            ("attributes[name]", ""),
            ("attributes[locale]", "en-GB"),
            ("attributes[custom:company]", "Analytical Engines"),
        ],
    )
    .await;
    assert!(
        !app.get(Page::Account.path())
            .await
            .body
            .contains("Ada Lovelace")
    );
}

async fn change_password(app: &TestApp, current: &str, new: &str) -> Reply {
    app.submit(
        Page::ChangePassword.path(),
        action::CHANGE_PASSWORD,
        &[("current_password", current), ("new_password", new)],
    )
    .await
}

/// Cognito allows five wrong current passwords per user and hour in
/// ChangePassword, then answers LimitExceededException, even to the right
/// one: the page says to wait instead of calling it wrong.
#[tokio::test]
async fn after_five_wrong_current_passwords_a_password_change_waits() {
    let app = TestApp::spawn().await;
    app.signed_in_user().await;
    for _ in 0..5 {
        change_password(&app, "Wrong-horse-1", NEW_PASSWORD).await;
        let page = app.get(Page::ChangePassword.path()).await;
        assert_eq!(
            page.field_error("current_password").as_deref(),
            Some("change_password.wrong_current")
        );
    }
    change_password(&app, PASSWORD, NEW_PASSWORD).await;
    let page = app.get(Page::ChangePassword.path()).await;
    assert_eq!(ids(&page), vec!["error.rate_limited".to_owned()]);
}

/// The profile page offers only the attributes the app client may write
/// (its `WriteAttributes`, read with DescribeUserPoolClient at start), since
/// Cognito refuses the others. Here the embedded default is switched to a
/// client that may write the email and the name only.
#[tokio::test]
async fn the_profile_offers_only_what_the_app_client_may_write() {
    use secrecy::ExposeSecret as _;
    use threshold::cognito::admin::{ClientAuthFlow, ClientSpec};

    let app = TestApp::spawn_with(&["--profile-attributes", "custom:company"]).await;
    let limited = app
        .admin()
        .create_client(
            &app.pool_id(),
            &ClientSpec {
                name: "limited".to_owned(),
                auth_flows: vec![
                    ClientAuthFlow::UserSrp,
                    ClientAuthFlow::UserPassword,
                    ClientAuthFlow::RefreshToken,
                ],
                prevent_user_existence_errors: true,
                write_attributes: Some(vec!["email".to_owned(), "name".to_owned()]),
            },
        )
        .await
        .expect("CreateUserPoolClient");
    let saved = serde_json::json!({
        "pool_id": app.pool_id(),
        "client_id": limited.client_id,
        "client_secret": limited.client_secret.expose_secret(),
    });
    std::fs::write(app.data_dir().join("dev-pool.json"), saved.to_string()).expect("dev-pool.json");
    let app = app.restart().await;
    app.signed_in_user().await;

    let form = app.get(Page::Profile.path()).await;
    assert!(
        form.body.contains("autocomplete=\"name\""),
        "the name is writable"
    );
    for absent in [
        "autocomplete=\"given-name\"",
        "autocomplete=\"family-name\"",
        "autocomplete=\"language\"",
        "name=\"attributes[custom:company]\"",
    ] {
        assert!(!form.body.contains(absent), "{absent} is not writable");
    }
}

async fn change_phone(app: &TestApp, value: &str) -> Reply {
    app.submit(
        Page::ChangePhone.path(),
        action::CHANGE_CONTACT,
        &[("attribute", "phone_number"), ("value", value)],
    )
    .await
}

async fn change_email(app: &TestApp, new: &str) -> Reply {
    app.submit(
        Page::ChangeEmail.path(),
        action::CHANGE_CONTACT,
        &[("attribute", "email"), ("value", new)],
    )
    .await
}

async fn verify(app: &TestApp, attribute: &str, code: &str) -> Reply {
    app.submit(
        &verify_page(attribute),
        action::VERIFY_CONTACT,
        &[("attribute", attribute), ("code", code)],
    )
    .await
}

#[tokio::test]
async fn a_new_email_is_verified_and_the_old_one_signs_in_until_then() {
    let app = TestApp::spawn().await;
    let old = app.signed_in_user().await;
    let new = unique_email();
    let form = app.get(Page::ChangeEmail.path()).await;
    assert!(form.body.contains("autocomplete=\"email\""));

    change_email(&app, "not-an-email").await;
    assert!(
        app.get(Page::ChangeEmail.path())
            .await
            .field_error("value")
            .as_deref()
            == Some("email.invalid")
    );

    let page = change_email(&app, &new).await;
    assert_eq!(
        page.location.as_deref(),
        Some(verify_page("email").as_str())
    );
    let verify_email = app.get(&verify_page("email")).await;
    // The intro says where the code went; no notice repeats it.
    assert_eq!(verify_email.message_ids(), ["verify.intro_pending"]);
    assert!(verify_email.body.contains(&new));

    let account = app.get(Page::Account.path()).await;
    assert!(
        has(&account, "account.pending_email_kept"),
        "{:?}",
        ids(&account)
    );
    assert!(account.body.contains(&new) && account.body.contains(&old));
    let elsewhere = app.another_browser();
    assert_eq!(
        elsewhere.sign_in(&old, PASSWORD).await.location.as_deref(),
        Some(Page::Account.path()),
        "the old address still signs in"
    );

    let code = app.last_code(&new);
    verify(&app, "email", wrong_code(&code)).await;
    let page = app.get(&verify_page("email")).await;
    assert!(page.field_error("code").as_deref() == Some("code.mismatch"));
    let page = verify(&app, "email", &code).await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
    let account = app.get(Page::Account.path()).await;
    assert!(has(&account, "verify.email_done"));
    assert!(account.body.contains(&new));
    assert!(!has(&account, "account.pending_email_kept"));
    let later = app.another_browser();
    assert_eq!(
        later.sign_in(&new, PASSWORD).await.location.as_deref(),
        Some(Page::Account.path())
    );
}

#[tokio::test]
async fn an_expired_email_code_says_so_and_a_new_one_works() {
    let app = TestApp::spawn().await;
    app.signed_in_user().await;
    let new = unique_email();
    change_email(&app, &new).await;
    let old_code = app.last_code(&new);
    app.clock.advance(Duration::from_secs(25 * 60 * 60));
    // The pool's clock moved a day: its access token is stale, so make
    // Threshold refresh it, as it would after a day of real time.
    app.expire_access_token().await;

    verify(&app, "email", &old_code).await;
    let page = app.get(&verify_page("email")).await;
    assert!(
        page.field_error("code").as_deref() == Some("code.expired"),
        "{:?} {:?}",
        page.field_error("code"),
        ids(&page)
    );
    let sent = app.codes_sent(&new);
    let page = app
        .submit(
            &verify_page("email"),
            action::SEND_CONTACT_CODE,
            &[("attribute", "email")],
        )
        .await;
    assert_eq!(
        page.location.as_deref(),
        Some(verify_page("email").as_str())
    );
    assert_eq!(
        app.codes_sent(&new),
        sent + 1,
        "the new code goes to the new address"
    );
    assert!(has(
        &app.get(&verify_page("email")).await,
        "verify.code_resent"
    ));
    let page = verify(&app, "email", &app.last_code(&new)).await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
}

#[tokio::test]
async fn an_email_taken_by_another_account_is_not_revealed() {
    let app = TestApp::spawn().await;
    let taken = app.signed_in_user().await;
    let me = app.another_browser();
    me.signed_in_user().await;
    let page = change_email(&me, &taken).await;
    assert_eq!(
        page.location.as_deref(),
        Some(verify_page("email").as_str())
    );
    assert_eq!(
        me.get(&verify_page("email")).await.message_ids(),
        ["verify.intro_pending"]
    );
    verify(&me, "email", "123456").await;
    assert!(
        me.get(&verify_page("email"))
            .await
            .field_error("code")
            .as_deref()
            == Some("code.mismatch")
    );
}

#[tokio::test]
async fn a_new_phone_number_gets_a_text_message_code() {
    let app = TestApp::spawn().await;
    app.signed_in_user().await;
    let form = app.get(Page::ChangePhone.path()).await;
    assert!(form.body.contains("autocomplete=\"tel\""));
    assert!(form.body.contains("type=\"tel\""));

    change_phone(&app, "555 0123").await;
    assert!(
        app.get(Page::ChangePhone.path())
            .await
            .field_error("value")
            .as_deref()
            == Some("phone.invalid")
    );
    let page = change_phone(&app, "+1 (555) 555-0123").await;
    assert_eq!(
        page.location.as_deref(),
        Some(verify_page("phone_number").as_str())
    );
    let account = app.get(Page::Account.path()).await;
    assert!(
        has(&account, "account.pending_phone"),
        "{:?}",
        ids(&account)
    );
    let page = verify(&app, "phone_number", &app.last_code("+15555550123")).await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
    let account = app.get(Page::Account.path()).await;
    assert!(has(&account, "verify.phone_done"));
    assert!(account.body.contains("+15555550123"));
    assert!(!has(&account, "account.unverified_phone"));
}

#[tokio::test]
async fn an_unverified_email_gets_a_banner_that_sends_a_code() {
    let app = TestApp::spawn().await;
    let email = app.signed_in_user().await;
    app.admin()
        .update_attributes(&app.pool_id(), &email, &[("email_verified", "false")])
        .await
        .expect("AdminUpdateUserAttributes");
    let account = app.get(Page::Account.path()).await;
    assert!(
        has(&account, "account.unverified_email"),
        "{:?}",
        ids(&account)
    );
    let sent = app.codes_sent(&email);
    let page = app
        .post_raw(
            action::SEND_CONTACT_CODE,
            &[("attribute", "email"), ("csrf_token", &account.csrf())],
        )
        .await;
    assert_eq!(
        page.location.as_deref(),
        Some(verify_page("email").as_str())
    );
    assert_eq!(app.codes_sent(&email), sent + 1);
    verify(&app, "email", &app.last_code(&email)).await;
    let account = app.get(Page::Account.path()).await;
    assert!(has(&account, "verify.email_done"));
    assert!(!has(&account, "account.unverified_email"));
}

#[tokio::test]
async fn sign_out_everywhere_is_confirmed_and_ends_other_sessions_at_their_next_request() {
    let app = TestApp::spawn().await;
    let email = app.signed_in_user().await;
    let laptop = app.another_browser();
    laptop.sign_in(&email, PASSWORD).await;

    let account = app.get(Page::Account.path()).await;
    assert!(
        account
            .body
            .contains(&format!("href=\"{}\"", Page::SignOutEverywhere.path()))
    );
    let confirm = app.get(Page::SignOutEverywhere.path()).await;
    assert_eq!(confirm.status, StatusCode::OK);
    assert!(confirm.body.contains("name=\"everywhere\""));
    let page = app
        .submit(
            Page::SignOutEverywhere.path(),
            action::SIGN_OUT,
            &[("everywhere", "true")],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::SignIn.path()));

    // /account/password calls no Cognito operation: the session ends on the
    // marker in Threshold's store, not on a refused token.
    let page = laptop.get(Page::ChangePassword.path()).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(
        page.location.as_deref(),
        Some(with_return_to(Page::SignIn, Page::ChangePassword.path()).as_str())
    );
    assert!(has(
        &laptop
            .get(&with_return_to(Page::SignIn, Page::ChangePassword.path()))
            .await,
        "session.ended"
    ));

    // Signing in again afterwards is not caught by the old marker.
    let page = laptop
        .sign_in_from(
            &with_return_to(Page::SignIn, Page::ChangePassword.path()),
            &email,
            PASSWORD,
            &[("return_to", Page::ChangePassword.path())],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::ChangePassword.path()));
    assert_eq!(
        laptop.get(Page::ChangePassword.path()).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_refresh_refused_after_a_global_sign_out_elsewhere_returns_to_the_page() {
    let app = TestApp::spawn().await;
    let email = app.signed_in_user().await;
    assert_eq!(app.get(Page::Profile.path()).await.status, StatusCode::OK);
    // Another app (or an operator) signs the user out everywhere.
    app.admin()
        .sign_out_everywhere(&app.pool_id(), &email)
        .await
        .expect("AdminUserGlobalSignOut");
    app.expire_access_token().await;

    let page = app.get(Page::Profile.path()).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(
        page.location.as_deref(),
        Some(with_return_to(Page::SignIn, Page::Profile.path()).as_str())
    );
    assert!(has(
        &app.get(&with_return_to(Page::SignIn, Page::Profile.path()))
            .await,
        "session.ended"
    ));
}

#[tokio::test]
async fn a_revoked_token_during_an_action_returns_to_its_page() {
    let app = TestApp::spawn().await;
    let email = app.signed_in_user().await;
    let token = app.get(Page::ChangePassword.path()).await.csrf();
    app.admin()
        .sign_out_everywhere(&app.pool_id(), &email)
        .await
        .expect("AdminUserGlobalSignOut");
    let page = app
        .post_raw(
            action::CHANGE_PASSWORD,
            &[
                ("current_password", PASSWORD),
                ("new_password", NEW_PASSWORD),
                ("csrf_token", &token),
            ],
        )
        .await;
    assert_eq!(
        page.location.as_deref(),
        Some(with_return_to(Page::SignIn, Page::ChangePassword.path()).as_str())
    );
}

#[tokio::test]
async fn deleting_the_account_needs_the_word_and_ends_every_session() {
    let app = TestApp::spawn().await;
    let email = app.signed_in_user().await;
    let phone = app.another_browser();
    phone.sign_in(&email, PASSWORD).await;

    let form = app.get(Page::DeleteAccount.path()).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("DELETE"));
    let page = app
        .submit(
            Page::DeleteAccount.path(),
            action::DELETE_ACCOUNT,
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::DeleteAccount.path()));
    assert!(
        app.get(Page::DeleteAccount.path())
            .await
            .field_error("confirm")
            .as_deref()
            == Some("delete_account.word_mismatch")
    );

    // The word as shown, not merely the same letters in another case.
    let page = app
        .submit(
            Page::DeleteAccount.path(),
            action::DELETE_ACCOUNT,
            &[("confirm", "delete")],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::DeleteAccount.path()));
    let page = app
        .submit(
            Page::DeleteAccount.path(),
            action::DELETE_ACCOUNT,
            &[("confirm", " DELETE ")],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::Goodbye.path()));
    let goodbye = app.get(Page::Goodbye.path()).await;
    assert_eq!(goodbye.status, StatusCode::OK);
    // The page says the account is deleted; no notice says it again.
    assert_eq!(goodbye.message_ids(), Vec::<String>::new());
    assert_eq!(
        app.get(Page::Account.path()).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        phone.get(Page::Profile.path()).await.status,
        StatusCode::SEE_OTHER
    );
    let stranger = app.another_browser();
    stranger.sign_in(&email, PASSWORD).await;
    assert_eq!(
        ids(&stranger.get(Page::SignIn.path()).await),
        vec!["sign_in.incorrect_credentials".to_owned()]
    );
}

#[tokio::test]
async fn the_account_pages_need_a_sign_in_and_come_back_after_it() {
    let app = TestApp::spawn().await;
    for path in [
        Page::Profile.path(),
        Page::ChangeEmail.path(),
        Page::ChangePhone.path(),
        &verify_page("email"),
        Page::ChangePassword.path(),
        Page::SignOutEverywhere.path(),
        Page::DeleteAccount.path(),
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}");
        let encoded: String = url::form_urlencoded::byte_serialize(path.as_bytes()).collect();
        assert_eq!(
            page.location,
            Some(format!("{}?return_to={encoded}", Page::SignIn.path())),
            "{path}"
        );
    }
}

#[tokio::test]
async fn every_new_page_has_a_title_a_language_labels_and_no_script() {
    let app = TestApp::spawn().await;
    let email = app.signed_in_user().await;
    let verify_email = verify_page("email");
    let mut pages = vec![
        Page::Profile.path(),
        Page::ChangeEmail.path(),
        Page::ChangePhone.path(),
        &verify_email,
        Page::ChangePassword.path(),
        Page::SignOutEverywhere.path(),
        Page::DeleteAccount.path(),
        Page::Goodbye.path(),
    ];
    let anonymous = app.another_browser();
    forgot(&anonymous, &email).await;
    for path in pages.drain(..) {
        let page = app.get(path).await;
        check_page(path, &page);
    }
    for path in [Page::ForgotPassword.path(), Page::ResetPassword.path()] {
        let page = anonymous.get(path).await;
        check_page(path, &page);
    }
}

fn check_page(path: &str, page: &Reply) {
    assert_eq!(page.status, StatusCode::OK, "{path}");
    assert!(page.body.contains("<html lang=\"en\""), "{path}");
    assert!(page.body.contains("<title>"), "{path}");
    assert!(page.body.contains("<h1>"), "{path}");
    // No inline script (the CSP forbids it) and no framework's: only the
    // optional enhancements under public/js/, linked by fingerprint.
    assert_eq!(
        page.body.matches("<script").count(),
        page.body.matches("<script src=\"/assets/").count(),
        "{path} ships no script of its own"
    );
    assert!(!page.body.contains("eyJ"), "{path} shows no token");
    let inputs = page.body.matches("<input id=").count() + page.body.matches("<select id=").count();
    let labels = page.body.matches("<label for=").count();
    assert_eq!(inputs, labels, "{path}: every visible control has a label");
    if page.body.contains("method=\"post\"") {
        assert!(page.body.contains("name=\"csrf_token\""), "{path}");
    }
}

#[tokio::test]
async fn coming_back_to_the_account_page_asks_the_pool_nothing_until_something_changes() {
    let home = TestApp::spawn().await;
    let email = home.signed_in_user().await;
    let mut pool = support::faulty_pool::FaultyPool::in_front_of(&home.pool_url()).await;
    let args = home.remote_pool_args(&pool.endpoint());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let app = TestApp::spawn_with(&args).await;
    app.sign_in(&email, PASSWORD).await;
    let first = app.get(Page::Account.path()).await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(first.body.contains(&email), "the account shows the email");

    // The pool goes away: reloading the page still shows the account,
    // since it asked the pool a moment ago.
    pool.go_down().await;
    let again = app.get(Page::Account.path()).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.title_id().as_deref(), Some("account.title"));
    assert!(again.body.contains(&email));

    // Pressing reload asks the pool again (and says it cannot be reached).
    let reloaded = app
        .get_with_headers(Page::Account.path(), &[("cache-control", "max-age=0")])
        .await;
    assert_eq!(reloaded.status, StatusCode::SERVICE_UNAVAILABLE);

    // Any form action may change what the page shows: after one, the page
    // asks the pool again (and says it cannot be reached).
    app.submit(Page::Account.path(), action::START_TOTP, &[])
        .await;
    let after_action = app.get(Page::Account.path()).await;
    assert_eq!(after_action.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        has(&after_action, "error.unavailable"),
        "{:?}",
        ids(&after_action)
    );

    // What it learnt is kept for a minute only: changes made elsewhere
    // (another browser, an administrator) show after that.
    pool.come_back().await;
    assert_eq!(app.get(Page::Account.path()).await.status, StatusCode::OK);
    pool.go_down().await;
    app.edit_session(|data| {
        let kept = data
            .values
            .get_mut("account_overview")
            .expect("the account page's view is kept");
        let fetched = kept["fetched_at"].as_u64().expect("a time");
        kept["fetched_at"] =
            serde_json::json!(fetched - threshold::flows::account::OVERVIEW_FRESH_SECS);
    })
    .await;
    assert_eq!(
        app.get(Page::Account.path()).await.status,
        StatusCode::SERVICE_UNAVAILABLE
    );
}
