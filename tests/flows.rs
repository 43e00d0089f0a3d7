//! Every foundation flow over HTTP, with JavaScript off, against the
//! embedded local pool: sign-up, confirmation, sign-in, the account page,
//! sign-out, and the ways each can fail.

mod support;

use std::time::Duration;

use reqwest::StatusCode;
use support::{PASSWORD, TestApp, action, unique_email, with_return_to};
use threshold::routes::Page;

#[tokio::test]
async fn a_new_user_signs_up_confirms_signs_in_and_signs_out() {
    let app = TestApp::spawn().await;
    let email = unique_email();

    let page = app.sign_up(&email, PASSWORD).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location.as_deref(), Some(Page::SignUpConfirm.path()));
    let confirm = app.get(Page::SignUpConfirm.path()).await;
    // One sentence says where the code went: no notice above repeating it.
    assert_eq!(confirm.message_ids(), ["confirm.intro"]);
    assert!(
        confirm.body.contains("u***@e***"),
        "the masked address is shown"
    );
    assert!(
        confirm
            .body
            .contains(&format!("href=\"{}\"", Page::DevOutbox.path())),
        "the dev outbox is linked"
    );

    // The code signs the new user in: no second password entry.
    let page = app.confirm(&app.last_code(&email)).await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
    let account = app.get(Page::Account.path()).await;
    assert_eq!(account.status, StatusCode::OK);
    assert!(
        account.body.contains(&email),
        "the account page shows who is signed in"
    );
    assert!(
        account
            .message_ids()
            .contains(&"confirm.signed_in".to_owned())
    );

    let token = account.csrf();
    let page = app
        .post_raw(action::SIGN_OUT, &[("csrf_token", &token)])
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::SignIn.path()));
    assert!(
        app.get(Page::SignIn.path())
            .await
            .message_ids()
            .contains(&"sign_out.done".to_owned())
    );
    let after = app.get(Page::Account.path()).await;
    assert_eq!(after.status, StatusCode::SEE_OTHER);
    assert_eq!(
        after.location.as_deref(),
        Some(with_return_to(Page::SignIn, Page::Account.path()).as_str())
    );
}

/// In both sign-in pages: the password page (a client without USER_AUTH)
/// and choice-based sign-in, where the ways offered must not tell an
/// account from an unknown address either.
#[tokio::test]
async fn a_wrong_password_and_an_unknown_account_get_the_same_answer() {
    for mode in ["false", "true"] {
        let app = TestApp::spawn_with(&["--choice-sign-in", mode]).await;
        let email = app.signed_in_user().await;
        let stranger = app.another_browser();
        let retry = app.password_retry_page();

        let wrong = stranger.sign_in(&email, "Wrong-password-1").await;
        assert_eq!(wrong.location.as_deref(), Some(retry), "choice {mode}");
        let wrong_page = stranger.get(retry).await;

        let unknown = stranger
            .sign_in("nobody-here@example.com", "Wrong-password-1")
            .await;
        assert_eq!(unknown.location.as_deref(), Some(retry), "choice {mode}");
        let unknown_page = stranger.get(retry).await;

        assert_eq!(
            wrong_page.message_ids(),
            vec!["sign_in.incorrect_credentials".to_owned()],
            "choice {mode}"
        );
        assert_eq!(unknown_page.message_ids(), wrong_page.message_ids());
        assert_eq!(
            ways_in(&unknown_page),
            ways_in(&wrong_page),
            "the same ways in are offered"
        );
        // The typed email is kept; the password never is.
        if mode == "false" {
            assert_eq!(
                wrong_page.input_value("username").as_deref(),
                Some(email.as_str())
            );
        } else {
            assert!(wrong_page.body.contains(&email));
        }
        assert!(!wrong_page.body.contains("Wrong-password-1"));
    }
}

/// The ways in a choice page offers (`choice` buttons), in page order.
fn ways_in(page: &support::Reply) -> Vec<String> {
    page.body
        .split(r#"name="choice" value=""#)
        .skip(1)
        .filter_map(|rest| rest.split('"').next().map(str::to_owned))
        .collect()
}

/// The pool's lockout after five wrong passwords (Cognito's "Password
/// attempts exceeded", which refuses even the right password for a while)
/// is said as such, and the same way for an address with no account. The
/// pool's clock is moved past each lockout (one second, doubling), so the
/// eleventh failure starts one of 64 seconds: the last step lands inside
/// it however slow the machine.
#[tokio::test]
async fn after_wrong_passwords_sign_in_pauses_alike_for_an_account_and_an_unknown_email() {
    // Twelve tries per name: past Threshold's own per-name budget, which
    // is not what this test is about.
    let app = TestApp::spawn_with(&["--rate-limit-factor", "10"]).await;
    let email = app.signed_in_user().await;
    let stranger = app.another_browser();
    let unknown = unique_email();
    for name in [email.as_str(), unknown.as_str()] {
        for attempt in 0..11 {
            if attempt >= 5 {
                app.clock.advance(Duration::from_secs(1 << (attempt - 5)));
            }
            stranger.sign_in(name, "Wrong-password-1").await;
            assert_eq!(
                stranger.get(app.password_retry_page()).await.message_ids(),
                vec!["sign_in.incorrect_credentials".to_owned()],
                "{name}, attempt {attempt}"
            );
        }
        let page = stranger.sign_in(name, PASSWORD).await;
        assert_eq!(page.location.as_deref(), Some(app.password_retry_page()));
        let shown = stranger.get(app.password_retry_page()).await;
        assert_eq!(
            shown.message_ids(),
            vec!["sign_in.locked_out".to_owned()],
            "{name}"
        );
    }
}

/// The embedded default's pool is created with
/// `UsernameConfiguration.CaseSensitive=false`, as AWS recommends: an
/// address signs in however it is capitalised.
#[tokio::test]
async fn an_email_signs_in_in_any_capitalisation_on_the_embedded_default() {
    let app = TestApp::spawn().await;
    let email = app.signed_in_user().await;
    app.sign_out().await;
    let page = app.sign_in(&email.to_uppercase(), PASSWORD).await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
}

#[tokio::test]
async fn a_message_shows_once_and_reload_does_not_repeat_it() {
    let app = TestApp::spawn().await;
    app.sign_in("nobody@example.com", "Whatever-1").await;
    let first = app.get(Page::SignIn.path()).await;
    assert_eq!(
        first.message_ids(),
        vec!["sign_in.incorrect_credentials".to_owned()]
    );
    let reload = app.get(Page::SignIn.path()).await;
    assert!(reload.message_ids().is_empty());
    assert_eq!(reload.input_value("username"), None);
}

#[tokio::test]
async fn signing_up_with_a_taken_email_looks_like_a_new_sign_up() {
    let app = TestApp::spawn().await;
    let email = app.signed_in_user().await;
    let stranger = app.another_browser();
    let page = stranger.sign_up(&email, "Another-pass-9").await;
    assert_eq!(page.location.as_deref(), Some(Page::SignUpConfirm.path()));
    let confirm = stranger.get(Page::SignUpConfirm.path()).await;
    assert_eq!(confirm.message_ids(), ["confirm.intro"]);
    // Whatever code is tried, the answer is "wrong code", never "already confirmed".
    stranger.confirm("123456").await;
    let page = stranger.get(Page::SignUpConfirm.path()).await;
    assert_eq!(page.field_error("code").as_deref(), Some("code.mismatch"));
}

#[tokio::test]
async fn invalid_sign_up_input_gets_a_message_per_field() {
    let app = TestApp::spawn().await;
    let page = app.sign_up("not-an-email", "short").await;
    assert_eq!(page.location.as_deref(), Some(Page::SignUp.path()));
    let form = app.get(Page::SignUp.path()).await;
    assert_eq!(form.field_error("email").as_deref(), Some("email.invalid"));
    // The message names the rule to fix, not "the requirements".
    assert_eq!(
        form.field_error("password").as_deref(),
        Some("password.needs_min_length")
    );
    assert_eq!(form.input_value("email").as_deref(), Some("not-an-email"));
    assert!(form.body.contains("aria-describedby=\"email-error\""));
    assert!(form.body.contains("aria-invalid=\"true\""));
}

#[tokio::test]
async fn a_wrong_confirmation_code_is_a_field_error_and_the_right_one_still_works() {
    let app = TestApp::spawn().await;
    let email = unique_email();
    app.sign_up(&email, PASSWORD).await;
    let right = app.last_code(&email);
    let wrong = if right == "000000" {
        "111111"
    } else {
        "000000"
    };
    let page = app.confirm(wrong).await;
    assert_eq!(page.location.as_deref(), Some(Page::SignUpConfirm.path()));
    let page = app.get(Page::SignUpConfirm.path()).await;
    assert!(page.field_error("code").as_deref() == Some("code.mismatch"));
    let page = app
        .confirm(&format!("{} {}", &right[..3], &right[3..]))
        .await;
    assert_eq!(
        page.location.as_deref(),
        Some(Page::Account.path()),
        "codes with a space are accepted"
    );
}

#[tokio::test]
async fn an_expired_confirmation_code_sends_a_new_one() {
    let app = TestApp::spawn().await;
    let email = unique_email();
    app.sign_up(&email, PASSWORD).await;
    let old = app.last_code(&email);
    let sent = app.codes_sent(&email);
    app.clock.advance(Duration::from_secs(25 * 60 * 60));
    app.confirm(&old).await;
    let page = app.get(Page::SignUpConfirm.path()).await;
    assert_eq!(page.field_error("code").as_deref(), Some("code.expired"));
    assert!(
        page.message_ids()
            .contains(&"confirm.code_resent".to_owned()),
        "the visitor is told a new code went out"
    );
    assert_eq!(app.codes_sent(&email), sent + 1, "a new code went out");
    let page = app.confirm(&app.last_code(&email)).await;
    assert_eq!(page.location.as_deref(), Some(Page::SignIn.path()));
}

#[tokio::test]
async fn send_a_new_code_sends_one() {
    let app = TestApp::spawn().await;
    let email = unique_email();
    app.sign_up(&email, PASSWORD).await;
    let sent = app.codes_sent(&email);
    let page = app
        .submit(Page::SignUpConfirm.path(), action::RESEND_CODE, &[])
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::SignUpConfirm.path()));
    assert_eq!(app.codes_sent(&email), sent + 1);
    let page = app.get(Page::SignUpConfirm.path()).await;
    assert!(
        page.message_ids()
            .contains(&"confirm.code_resent".to_owned())
    );
}

#[tokio::test]
async fn an_unconfirmed_user_is_taken_to_the_confirmation_page_with_a_fresh_code() {
    let app = TestApp::spawn().await;
    let email = unique_email();
    app.sign_up(&email, PASSWORD).await;
    let sent = app.codes_sent(&email);
    let later = app.another_browser();
    let page = later.sign_in(&email, PASSWORD).await;
    assert_eq!(page.location.as_deref(), Some(Page::SignUpConfirm.path()));
    assert_eq!(app.codes_sent(&email), sent + 1);
    let page = later.confirm(&app.last_code(&email)).await;
    assert_eq!(page.location.as_deref(), Some(Page::SignIn.path()));
    let page = later.sign_in(&email, PASSWORD).await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
}

#[tokio::test]
async fn an_unconfirmed_user_with_a_wrong_password_learns_nothing() {
    let app = TestApp::spawn().await;
    let email = unique_email();
    app.sign_up(&email, PASSWORD).await;
    let stranger = app.another_browser();
    let page = stranger.sign_in(&email, "Wrong-password-1").await;
    assert_eq!(page.location.as_deref(), Some(app.password_retry_page()));
    let page = stranger.get(app.password_retry_page()).await;
    assert_eq!(
        page.message_ids(),
        vec!["sign_in.incorrect_credentials".to_owned()]
    );
}

#[tokio::test]
async fn a_post_without_the_csrf_token_is_refused_with_an_explanation() {
    let app = TestApp::spawn().await;
    app.get(Page::SignIn.path()).await.csrf();
    let page = app
        .post_raw(
            action::SIGN_IN,
            &[("username", "a@example.com"), ("password", "x")],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(page.message_ids(), vec!["csrf.invalid".to_owned()]);
    assert!(page.body.contains("<html lang=\"en\""));
    let forged = app
        .post_raw(
            action::SIGN_IN,
            &[
                ("username", "a@example.com"),
                ("password", "x"),
                ("csrf_token", "forged"),
            ],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let stranger = app.another_browser();
    let no_session = stranger
        .post_raw(action::SIGN_OUT, &[("csrf_token", "anything")])
        .await;
    assert_eq!(no_session.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn return_to_is_honoured_for_same_site_paths_only() {
    // One account signs in once per address tried: beyond the per-name
    // brute-force budget, which is not what this test is about.
    let app = TestApp::spawn_with(&["--rate-limit-factor", "10"]).await;
    let email = app.signed_in_user().await;
    let browser = app.another_browser();
    let page = browser
        .sign_in_from(
            &with_return_to(Page::SignIn, "/account?tab=security"),
            &email,
            PASSWORD,
            &[("return_to", "/account?tab=security")],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some("/account?tab=security"));

    for evil in [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
        // Each of these normalises to `//evil.example`.
        "/.//evil.example",
        "/x/..//evil.example",
        "/%2e//evil.example",
        "/.\\/evil.example",
    ] {
        let browser = app.another_browser();
        let form = browser
            .get(&format!(
                "{}?return_to={}",
                Page::SignIn.path(),
                urlencode(evil)
            ))
            .await;
        assert_eq!(
            form.input_value("return_to"),
            None,
            "{evil} is not carried in the form"
        );
        let page = browser
            .sign_in_from(
                Page::SignIn.path(),
                &email,
                PASSWORD,
                &[("return_to", evil)],
            )
            .await;
        assert_eq!(
            page.location.as_deref(),
            Some(Page::Account.path()),
            "{evil} is ignored"
        );
    }
}

fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[tokio::test]
async fn the_session_cookie_is_opaque_locked_down_and_renewed_at_sign_in() {
    let app = TestApp::spawn().await;
    let email = unique_email();
    app.sign_up(&email, PASSWORD).await;
    app.confirm(&app.last_code(&email)).await;
    let before = app.cookie().expect("a session cookie before sign-in");
    let page = app.sign_in(&email, PASSWORD).await;
    let header = page
        .set_cookie
        .iter()
        .find(|c| c.starts_with("__Host-threshold="))
        .expect("sign-in sets the cookie")
        .clone();
    assert!(header.starts_with("__Host-threshold="), "{header}");
    for attribute in ["HttpOnly", "Secure", "SameSite=Lax", "Path=/"] {
        assert!(header.contains(attribute), "{attribute} in {header}");
    }
    let after = app.cookie().expect("a session cookie after sign-in");
    assert_ne!(before, after, "the session id changes at sign-in");
    // Besides the session's, only the way in used (choice-based sign-in),
    // by name; no token in any cookie or in the page.
    for other in page
        .set_cookie
        .iter()
        .filter(|c| !c.starts_with("__Host-threshold="))
    {
        assert!(
            other.starts_with("threshold-sign-in-method=password;"),
            "{other}"
        );
    }
    assert!(!after.contains("eyJ"));
    let account = app.get(Page::Account.path()).await;
    assert!(!account.body.contains("eyJ"), "no JWT in the HTML");
    // The old id no longer opens the session.
    let old = app.another_browser();
    *old_cookie(&old) = Some(before);
    let page = old.get(Page::Account.path()).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
}

fn old_cookie(app: &TestApp) -> std::sync::MutexGuard<'_, Option<String>> {
    app.cookie_slot()
}

#[tokio::test]
async fn sign_out_everywhere_ends_the_other_browsers_session() {
    let app = TestApp::spawn().await;
    let email = app.signed_in_user().await;
    let laptop = app.another_browser();
    laptop.sign_in(&email, PASSWORD).await;
    assert_eq!(
        laptop.get(Page::Account.path()).await.status,
        StatusCode::OK
    );

    let token = app.get(Page::Account.path()).await.csrf();
    let page = app
        .post_raw(
            action::SIGN_OUT,
            &[("csrf_token", &token), ("everywhere", "true")],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::SignIn.path()));
    assert!(
        app.get(Page::SignIn.path())
            .await
            .message_ids()
            .contains(&"sign_out.everywhere_done".to_owned())
    );

    let page = laptop.get(Page::Account.path()).await;
    assert_eq!(
        page.status,
        StatusCode::SEE_OTHER,
        "the other session is over"
    );
    assert_eq!(
        page.location.as_deref(),
        Some(with_return_to(Page::SignIn, Page::Account.path()).as_str())
    );
    assert!(
        laptop
            .get(Page::SignIn.path())
            .await
            .message_ids()
            .contains(&"session.ended".to_owned())
    );
}

#[tokio::test]
async fn unknown_pages_are_a_proper_404_page() {
    let app = TestApp::spawn().await;
    let page = app.get("/no-such-page").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert_eq!(page.title_id().as_deref(), Some("not_found.title"));
    assert_eq!(
        app.get(threshold::routes::HEALTHZ).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn every_page_has_a_title_a_language_and_labelled_fields() {
    let app = TestApp::spawn().await;
    for path in [
        Page::SignIn.path(),
        Page::SignUp.path(),
        Page::DevOutbox.path(),
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(page.body.contains("<html lang=\"en\""), "{path}");
        assert!(page.body.contains("<title>"), "{path}");
        assert!(!page.body.contains("Loading"), "{path}");
        assert_eq!(
            page.body.matches("<script").count(),
            page.body.matches("<script src=\"/assets/").count(),
            "{path}: no inline or framework script, only optional enhancements"
        );
    }
    let sign_up = app.get(Page::SignUp.path()).await;
    for token in ["autocomplete=\"email\"", "autocomplete=\"new-password\""] {
        assert!(sign_up.body.contains(token), "{token}");
    }
    assert!(sign_up.body.contains("for=\"field-email\""));
    // The name on the sign-in page; the password there too, or on the
    // page that offers the ways in (choice-based sign-in).
    let sign_in = app.get(Page::SignIn.path()).await;
    assert!(sign_in.body.contains("autocomplete=\"username\""));
    let password_page = if app.state.choice_sign_in {
        app.submit(
            Page::SignIn.path(),
            action::SIGN_IN,
            &[("username", "ada@example.com")],
        )
        .await;
        app.get(Page::SignInChallenge.path()).await
    } else {
        sign_in
    };
    for token in [
        "autocomplete=\"username\"",
        "autocomplete=\"current-password\"",
    ] {
        assert!(password_page.body.contains(token), "{token}");
    }
}

#[tokio::test]
async fn an_expired_access_token_is_refreshed_without_the_visitor_noticing() {
    let app = TestApp::spawn().await;
    app.signed_in_user().await;
    app.expire_access_token().await;
    let page = app.get(Page::Account.path()).await;
    assert_eq!(page.status, StatusCode::OK, "still signed in");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs();
    assert!(
        app.access_expires_at().await > now + 600,
        "a fresh access token was stored"
    );
}

#[tokio::test]
async fn a_refused_refresh_signs_the_visitor_out_and_keeps_where_they_were() {
    let app = TestApp::spawn().await;
    let email = app.signed_in_user().await;
    let phone = app.another_browser();
    phone.sign_in(&email, PASSWORD).await;
    let token = phone.get(Page::Account.path()).await.csrf();
    phone
        .post_raw(
            action::SIGN_OUT,
            &[("csrf_token", &token), ("everywhere", "true")],
        )
        .await;

    app.expire_access_token().await;
    let page = app.get(Page::Account.path()).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(
        page.location.as_deref(),
        Some(with_return_to(Page::SignIn, Page::Account.path()).as_str())
    );
    assert!(
        app.get(&with_return_to(Page::SignIn, Page::Account.path()))
            .await
            .message_ids()
            .contains(&"session.ended".to_owned())
    );
}

#[tokio::test]
async fn the_next_person_to_sign_in_on_a_browser_sees_nothing_of_the_last_ones_session() {
    let app = TestApp::spawn().await;
    let first = app.signed_in_user().await;
    // The first person starts setting up an authenticator app (its secret
    // is kept in the session for the QR page) and an email change, then
    // signs out without finishing either.
    let page = app
        .submit(Page::Account.path(), action::START_TOTP, &[])
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::TotpSetup.path()));
    let setup = app.get(Page::TotpSetup.path()).await;
    let secret = support::totp::secret_on(&setup);
    let new_email = unique_email();
    app.submit(
        Page::ChangeEmail.path(),
        action::CHANGE_CONTACT,
        &[("attribute", "email"), ("value", &new_email)],
    )
    .await;
    assert!(
        app.get(Page::Account.path())
            .await
            .message_ids()
            .contains(&"account.pending_email_kept".to_owned())
    );
    app.sign_out().await;

    // Someone else signs in on the same browser.
    let second = unique_email();
    let other = app.another_browser();
    other.sign_up(&second, PASSWORD).await;
    other.confirm(&app.last_code(&second)).await;
    assert_eq!(
        app.sign_in(&second, PASSWORD).await.location.as_deref(),
        Some(Page::Account.path())
    );
    let totp = app.get(Page::TotpSetup.path()).await;
    assert_eq!(
        totp.location.as_deref(),
        Some(Page::Account.path()),
        "no enrolment in progress for the second person"
    );
    let account = app.get(Page::Account.path()).await;
    assert!(!account.body.contains(&secret));
    assert!(!account.body.contains(&first));
    assert!(!account.body.contains(&new_email));
    assert!(
        !account
            .message_ids()
            .iter()
            .any(|id| id.starts_with("account.pending")),
        "{:?}",
        account.message_ids()
    );
    // What the store holds for this browser: the new user and what their
    // account page showed them, nothing else.
    assert_eq!(
        app.stored_value_keys().await,
        vec!["account_overview".to_owned(), "user".to_owned()]
    );
}

#[tokio::test]
async fn a_confirmed_user_lands_signed_in_where_the_sign_up_was_going() {
    let app = TestApp::spawn().await;
    let email = unique_email();
    app.submit(
        &with_return_to(Page::SignUp, Page::Profile.path()),
        action::SIGN_UP,
        &[
            ("email", &email),
            ("password", PASSWORD),
            ("return_to", Page::Profile.path()),
        ],
    )
    .await;
    let page = app.confirm(&app.last_code(&email)).await;
    assert_eq!(page.location.as_deref(), Some(Page::Profile.path()));
    assert_eq!(app.get(Page::Profile.path()).await.status, StatusCode::OK);
}

#[tokio::test]
async fn where_the_pool_does_not_sign_in_with_codes_a_confirmed_user_signs_in_with_the_password() {
    use secrecy::ExposeSecret as _;
    use threshold::cognito::admin::{ClientAuthFlow, ClientSpec, PoolSpec};

    let dev = TestApp::spawn().await;
    let admin = dev.admin();
    // The password is the pool's only first factor (Cognito's default).
    let pool_id = admin
        .create_pool(&PoolSpec {
            email_is_username: true,
            verify_email: true,
            ..PoolSpec::named("password-only")
        })
        .await
        .expect("CreateUserPool");
    let client = admin
        .create_client(
            &pool_id,
            &ClientSpec {
                name: "threshold".to_owned(),
                auth_flows: vec![
                    ClientAuthFlow::UserSrp,
                    ClientAuthFlow::RefreshToken,
                    ClientAuthFlow::UserAuth,
                ],
                prevent_user_existence_errors: true,
                write_attributes: None,
            },
        )
        .await
        .expect("CreateUserPoolClient");
    let endpoint = dev.pool_url();
    let issuer = format!("{}/{pool_id}", endpoint.trim_end_matches('/'));
    let app = TestApp::spawn_with(&[
        "--user-pool-id",
        &pool_id,
        "--client-id",
        &client.client_id,
        "--client-secret",
        client.client_secret.expose_secret(),
        "--endpoint-url",
        &endpoint,
        "--issuer",
        &issuer,
        "--choice-sign-in",
        "true",
    ])
    .await;
    let email = unique_email();
    app.sign_up(&email, PASSWORD).await;
    let page = app.confirm(&dev.last_code(&email)).await;
    assert_eq!(page.location.as_deref(), Some(Page::SignIn.path()));
    let sign_in = app.get(Page::SignIn.path()).await;
    assert!(
        sign_in
            .message_ids()
            .contains(&"confirm.confirmed".to_owned())
    );
    assert_eq!(
        sign_in.input_value("username").as_deref(),
        Some(email.as_str()),
        "the name is prefilled"
    );
    let page = app.sign_in(&email, PASSWORD).await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));

    // A browser that signed in with a code elsewhere prefers a way this
    // pool does not offer: it is offered the ways there are, no error.
    app.sign_out().await;
    app.set_other_cookie("threshold-sign-in-method", "email_code");
    let reply = app
        .submit(
            Page::SignIn.path(),
            action::SIGN_IN,
            &[("username", &email)],
        )
        .await;
    assert_eq!(
        reply.location.as_deref(),
        Some(Page::SignInChallenge.path())
    );
    let ways = app.get(Page::SignInChallenge.path()).await;
    assert_eq!(
        ways.title_id().as_deref(),
        Some("challenge.first_factor_title")
    );
    assert_eq!(ways_in(&ways), ["password"]);
}
