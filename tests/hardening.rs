//! Hardening: what an attacker tries against the pages, and what an
//! operator relies on (headers, refusals, limits). Each test names the
//! defence it checks.

mod support;

use reqwest::StatusCode;
use support::{TestApp, action};
use threshold::routes::{self, Page};

#[tokio::test]
async fn malformed_form_bodies_get_a_400_page_of_our_own() {
    let app = TestApp::spawn().await;
    let token = app.get(Page::SignIn.path()).await.csrf();
    let csrf = format!("csrf_token={token}");
    let bodies: Vec<(&str, Vec<u8>)> = vec![
        (
            "a field given twice",
            format!("username=a%40example.com&username=b%40example.com&password=x&{csrf}")
                .into_bytes(),
        ),
        ("invalid UTF-8", {
            let mut body = format!("password=x&{csrf}&username=").into_bytes();
            body.extend_from_slice(b"%FF%FE");
            body
        }),
        (
            "a map where a value belongs",
            format!("username[a]=1&password=x&{csrf}").into_bytes(),
        ),
    ];
    for (what, body) in bodies {
        let reply = app
            .post_bytes(action::SIGN_IN, "application/x-www-form-urlencoded", body)
            .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{what}");
        assert_eq!(
            reply.title_id().as_deref(),
            Some("bad_request.title"),
            "{what}"
        );
        assert_eq!(reply.location, None, "{what}: no redirect at all");
        assert!(!reply.body.contains("__err"), "{what}");
    }
}

#[tokio::test]
async fn pages_are_never_cached_and_https_is_pinned() {
    let app = TestApp::spawn().await;
    for path in [Page::SignIn.path(), Page::Account.path()] {
        let reply = app.get(path).await;
        assert_eq!(
            reply.headers.get("cache-control").map(|v| v.to_str().ok()),
            Some(Some("no-store")),
            "{path}"
        );
        let hsts = reply
            .headers
            .get("strict-transport-security")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        assert!(hsts.starts_with("max-age="), "{path}: {hsts:?}");
    }
    // Static files stay cacheable.
    let css = app.get(routes::STYLESHEET).await;
    assert_eq!(css.status, StatusCode::OK);
    assert_ne!(
        css.headers.get("cache-control").map(|v| v.to_str().ok()),
        Some(Some("no-store"))
    );

    // Plain-HTTP rigs (secure cookies off) are not told to insist on HTTPS.
    let plain = TestApp::spawn_with(&["--secure-cookies", "false"]).await;
    let reply = plain.get(Page::SignIn.path()).await;
    assert!(reply.headers.get("strict-transport-security").is_none());
}

#[tokio::test]
async fn visitors_who_only_look_leave_nothing_in_the_session_store() {
    let app = TestApp::spawn().await;
    let before = app.session_rows();
    for i in 0..20 {
        let visitor = app.another_browser();
        let page = visitor.get(Page::SignIn.path()).await;
        assert_eq!(page.status, StatusCode::OK);
        // The form still works: its token is good for the cookie it came with.
        let reply = visitor
            .post_raw(
                support::action::SIGN_IN,
                &[
                    ("username", &format!("nobody{i}@example.com")),
                    ("password", "x"),
                    ("csrf_token", &page.csrf()),
                ],
            )
            .await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER);
    }
    // Only the failed sign-ins keep something (the message and the name
    // typed); the twenty page views wrote nothing.
    assert_eq!(app.session_rows(), before + 20);
    let lookers = app.another_browser();
    for _ in 0..20 {
        lookers.another_browser().get(Page::SignUp.path()).await;
    }
    assert_eq!(app.session_rows(), before + 20);
}

#[tokio::test]
async fn a_form_cannot_fill_the_session_store() {
    let app = TestApp::spawn().await;
    let huge = "a".repeat(60 * 1024);
    type Form<'a> = (Page, &'a str, Vec<(&'a str, &'a str)>);
    let forms: [Form; 3] = [
        (
            Page::SignUp,
            action::SIGN_UP,
            vec![("email", &huge), ("password", "x")],
        ),
        (
            Page::SignIn,
            action::SIGN_IN,
            vec![("username", &huge), ("password", "x")],
        ),
        (
            Page::ForgotPassword,
            action::FORGOT_PASSWORD,
            vec![("username", &huge)],
        ),
    ];
    for (page, action, fields) in forms {
        let browser = app.another_browser();
        browser.submit(page.path(), action, &fields).await;
        assert!(
            app.largest_session_row() < 8 * 1024,
            "{} bytes kept for one form on {page:?}",
            app.largest_session_row()
        );
        // The visitor is told what was wrong rather than left guessing.
        let shown = browser.get(page.path()).await;
        assert_eq!(shown.status, StatusCode::OK);
        assert!(
            !shown.body.contains(&huge[..4096]),
            "{page:?} echoes it whole"
        );
    }
}

#[tokio::test]
async fn the_session_database_is_private_and_holds_no_token_in_clear() {
    use std::os::unix::fs::PermissionsExt as _;
    let app = TestApp::spawn().await;
    app.signed_in_user().await;
    let dir = app.data_dir();
    let mode = |path: &std::path::Path| {
        std::fs::metadata(path)
            .expect("metadata")
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode(dir), 0o700, "the data directory");
    let mut files = 0;
    for entry in std::fs::read_dir(dir).expect("data dir") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if !name.starts_with("sessions.") {
            continue;
        }
        files += 1;
        assert_eq!(mode(&path), 0o600, "{name}");
        let bytes = std::fs::read(&path).expect("read");
        assert!(
            !bytes.windows(3).any(|w| w == b"eyJ"),
            "{name} holds a JWT in clear"
        );
    }
    assert!(files > 0, "the session database is in the data directory");
}

#[tokio::test]
async fn a_request_that_finishes_after_sign_out_does_not_bring_the_session_back() {
    let app = TestApp::spawn().await;
    app.signed_in_user().await;
    let cookie = app.cookie();
    // A request still running when the visitor signs out elsewhere: it
    // loaded the session before, and saves it after.
    let in_flight = app.load_session().await;
    assert_eq!(app.sign_out().await.status, StatusCode::SEE_OTHER);
    app.save_session(in_flight).await;

    // Cognito refuses the revoked tokens anyway; what matters here is
    // that the store does not hold a signed-in session for the old
    // cookie, which checks that trust the store alone (forward auth)
    // would accept.
    assert!(
        !app.session_exists(cookie.as_deref().expect("a cookie"))
            .await,
        "signed out stays signed out"
    );
}

#[tokio::test]
async fn restarting_the_embedded_default_keeps_visitors_signed_in() {
    let app = TestApp::spawn().await;
    app.signed_in_user().await;
    let app = app.restart().await;
    let page = app.get(Page::Account.path()).await;
    assert_eq!(page.status, StatusCode::OK, "still signed in");
    assert_eq!(page.title_id().as_deref(), Some("account.title"));
    // The refresh token the pool issued before the restart still works.
    app.expire_access_token().await;
    let page = app.get(Page::Account.path()).await;
    assert_eq!(page.status, StatusCode::OK, "refreshed across the restart");
}
/// A code that is not `right`.
fn wrong_code(right: Option<&str>) -> &'static str {
    if right == Some("000000") {
        "111111"
    } else {
        "000000"
    }
}

/// Enters `wrong` six times on `page` through `action`, and returns the
/// message beside the code field after each.
async fn six_wrong_codes(
    browser: &TestApp,
    page: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> Vec<Option<String>> {
    let mut seen = Vec::new();
    for _ in 0..6 {
        browser.submit(page, action, fields).await;
        seen.push(browser.get(page).await.field_error("code"));
    }
    seen
}

/// "Forgot your password?" for `name` in `browser`.
async fn request_reset(browser: &TestApp, name: &str) {
    browser
        .submit(
            Page::ForgotPassword.path(),
            action::FORGOT_PASSWORD,
            &[("username", name)],
        )
        .await;
}

fn locked_after_five() -> Vec<Option<String>> {
    let mut expected = vec![Some("code.mismatch".to_owned()); 4];
    expected.extend(vec![Some("code.too_many_attempts".to_owned()); 2]);
    expected
}

#[tokio::test]
async fn wrong_reset_codes_lock_alike_for_real_and_unknown_accounts() {
    let app = TestApp::spawn().await;
    let email = app.signed_in_user().await;
    app.sign_out().await;
    let mut answers = Vec::new();
    for name in [email.clone(), support::unique_email()] {
        let browser = app.another_browser();
        request_reset(&browser, &name).await;
        let right = (app.codes_sent(&name) > 0).then(|| app.last_code(&name));
        let code = wrong_code(right.as_deref());
        answers.push(
            six_wrong_codes(
                &browser,
                Page::ResetPassword.path(),
                action::RESET_PASSWORD,
                &[("code", code), ("password", "Another-horse-8")],
            )
            .await,
        );
    }
    assert_eq!(answers[0], locked_after_five(), "the real account");
    assert_eq!(
        answers[1], answers[0],
        "an unknown address answers the same"
    );
}

/// Cognito also limits reset-code attempts per user and hour
/// (LimitExceededException, here after five), which a decoy for an unknown
/// address never meets. So a new reset after the limit answers any code,
/// the right one included, as a wrong one, for both alike.
#[tokio::test]
async fn the_pools_hourly_reset_code_limit_answers_as_a_decoy_does() {
    let app = TestApp::spawn().await;
    let email = app.signed_in_user().await;
    app.sign_out().await;
    let mut answers = Vec::new();
    for name in [email.clone(), support::unique_email()] {
        let first = app.another_browser();
        request_reset(&first, &name).await;
        let right = (app.codes_sent(&name) > 0).then(|| app.last_code(&name));
        six_wrong_codes(
            &first,
            Page::ResetPassword.path(),
            action::RESET_PASSWORD,
            &[
                ("code", wrong_code(right.as_deref())),
                ("password", "Another-horse-8"),
            ],
        )
        .await;
        let second = app.another_browser();
        request_reset(&second, &name).await;
        let code = app
            .try_last_code(&name)
            .unwrap_or_else(|| "123456".to_owned());
        second
            .submit(
                Page::ResetPassword.path(),
                action::RESET_PASSWORD,
                &[("code", &code), ("password", "Another-horse-8")],
            )
            .await;
        let page = second.get(Page::ResetPassword.path()).await;
        answers.push((page.field_error("code"), page.message_ids()));
    }
    assert_eq!(
        answers[0].0.as_deref(),
        Some("code.mismatch"),
        "the real account's right code, over the pool's limit"
    );
    assert_eq!(
        answers[1], answers[0],
        "an unknown address answers the same"
    );
}

#[tokio::test]
async fn wrong_sign_up_codes_lock_alike_for_new_and_taken_addresses() {
    let app = TestApp::spawn().await;
    let taken = app.signed_in_user().await;
    app.sign_out().await;
    let mut answers = Vec::new();
    for email in [support::unique_email(), taken] {
        let browser = app.another_browser();
        browser.sign_up(&email, support::PASSWORD).await;
        let code = wrong_code(Some(&app.last_code(&email)));
        answers.push(
            six_wrong_codes(
                &browser,
                Page::SignUpConfirm.path(),
                action::CONFIRM_SIGN_UP,
                &[("code", code)],
            )
            .await,
        );
    }
    assert_eq!(answers[0], locked_after_five(), "a new address");
    assert_eq!(answers[1], answers[0], "a taken address answers the same");
}

#[tokio::test]
async fn wrong_email_change_codes_lock_alike_for_free_and_taken_addresses() {
    let app = TestApp::spawn().await;
    let taken = app.another_browser().signed_in_user().await;
    let mut answers = Vec::new();
    for new_email in [support::unique_email(), taken] {
        let browser = app.another_browser();
        browser.signed_in_user().await;
        browser
            .submit(
                Page::ChangeEmail.path(),
                action::CHANGE_CONTACT,
                &[("attribute", "email"), ("value", &new_email)],
            )
            .await;
        let verify = support::verify_page("email");
        answers.push(
            six_wrong_codes(
                &browser,
                &verify,
                action::VERIFY_CONTACT,
                &[("attribute", "email"), ("code", wrong_code(None))],
            )
            .await,
        );
    }
    assert_eq!(answers[0], locked_after_five(), "a free address");
    assert_eq!(
        answers[1], answers[0],
        "another account's address answers the same"
    );
}

#[tokio::test]
async fn a_decoy_code_check_takes_as_long_as_a_real_one() {
    let app = TestApp::spawn().await;
    let taken = app.another_browser().signed_in_user().await;
    app.signed_in_user().await;
    app.submit(
        Page::ChangeEmail.path(),
        action::CHANGE_CONTACT,
        &[("attribute", "email"), ("value", &taken)],
    )
    .await;
    // As if every real check had taken 300 ms: the decoy, which asks
    // nobody, must not answer sooner.
    let typical = std::time::Duration::from_millis(300);
    app.state
        .pace
        .record(threshold::security::pace::Step::VerifyContact, typical);
    let verify = support::verify_page("email");
    let token = app.get(&verify).await.csrf();
    let started = std::time::Instant::now();
    app.post_raw(
        action::VERIFY_CONTACT,
        &[
            ("attribute", "email"),
            ("code", "000000"),
            ("csrf_token", &token),
        ],
    )
    .await;
    assert!(started.elapsed() >= typical, "{:?}", started.elapsed());
}

/// The password page's confirmation (a client without USER_AUTH); the
/// choice-based one follows below.
#[tokio::test]
async fn sensitive_changes_ask_for_the_password_again_after_a_while() {
    let app = TestApp::spawn_with(&["--choice-sign-in", "false"]).await;
    let email = app.signed_in_user().await;
    app.sign_in_long_ago().await;
    let new_email = support::unique_email();
    let confirm_for = |page: Page| support::with_return_to(Page::ConfirmIdentity, page.path());

    // The forms were opened while the sign-in was recent; the posts come later.
    let token = app.get(Page::Account.path()).await.csrf();
    let reply = app
        .post_raw(
            action::CHANGE_CONTACT,
            &[
                ("attribute", "email"),
                ("value", &new_email),
                ("csrf_token", &token),
            ],
        )
        .await;
    assert_eq!(
        reply.location.as_deref(),
        Some(confirm_for(Page::ChangeEmail).as_str())
    );
    assert_eq!(app.codes_sent(&new_email), 0, "nothing changed");
    let reply = app
        .post_raw(
            action::CHANGE_CONTACT,
            &[
                ("attribute", "phone_number"),
                ("value", "+15555550123"),
                ("csrf_token", &token),
            ],
        )
        .await;
    assert_eq!(
        reply.location.as_deref(),
        Some(confirm_for(Page::ChangePhone).as_str())
    );

    let reply = app
        .post_raw(
            action::DELETE_ACCOUNT,
            &[("confirm", "DELETE"), ("csrf_token", &token)],
        )
        .await;
    assert_eq!(
        reply.location.as_deref(),
        Some(confirm_for(Page::DeleteAccount).as_str())
    );

    let reply = app
        .post_raw(
            action::CHANGE_MFA,
            &[
                ("factor", "totp"),
                ("change", "disable"),
                ("csrf_token", &token),
            ],
        )
        .await;
    assert_eq!(
        reply.location.as_deref(),
        Some(confirm_for(Page::Account).as_str())
    );
    // Nor can a new authenticator app replace the one there is.
    let reply = app
        .post_raw(action::START_TOTP, &[("csrf_token", &token)])
        .await;
    assert_eq!(
        reply.location.as_deref(),
        Some(confirm_for(Page::Account).as_str())
    );
    assert_eq!(
        app.get(Page::Account.path()).await.status,
        StatusCode::OK,
        "still there"
    );

    // The page itself asks first, so nobody fills a form in vain.
    let page = app.get(Page::ChangeEmail.path()).await;
    assert_eq!(
        page.location.as_deref(),
        Some(confirm_for(Page::ChangeEmail).as_str())
    );

    let confirm_page = confirm_for(Page::ChangeEmail);
    let page = app.get(&confirm_page).await;
    assert_eq!(page.title_id().as_deref(), Some("confirm_identity.title"));
    assert_eq!(
        page.input_value("username").as_deref(),
        Some(email.as_str())
    );
    let reply = app
        .submit(
            &confirm_page,
            action::CONFIRM_IDENTITY,
            &[
                ("password", "Wrong-horse-9"),
                ("return_to", Page::ChangeEmail.path()),
            ],
        )
        .await;
    assert_eq!(reply.location.as_deref(), Some(confirm_page.as_str()));
    assert_eq!(
        app.get(&confirm_page)
            .await
            .field_error("password")
            .as_deref(),
        Some("confirm_identity.wrong_password")
    );
    let reply = app
        .submit(
            &confirm_page,
            action::CONFIRM_IDENTITY,
            &[
                ("password", support::PASSWORD),
                ("return_to", Page::ChangeEmail.path()),
            ],
        )
        .await;
    assert_eq!(reply.location.as_deref(), Some(Page::ChangeEmail.path()));

    // Recent again: the change goes through.
    app.submit(
        Page::ChangeEmail.path(),
        action::CHANGE_CONTACT,
        &[("attribute", "email"), ("value", &new_email)],
    )
    .await;
    assert_eq!(app.codes_sent(&new_email), 1);
}

#[tokio::test]
async fn an_idle_session_ends_and_an_active_one_is_kept_alive() {
    let app = TestApp::spawn_with(&["--session-idle-secs", "3600"]).await;
    app.signed_in_user().await;
    // Used a few minutes ago: this request keeps it alive for another hour.
    app.last_seen_ago(300).await;
    let before = app.last_seen().await;
    assert_eq!(app.get(Page::Account.path()).await.status, StatusCode::OK);
    assert!(
        app.last_seen().await >= before + 300,
        "the idle clock restarts"
    );

    // Untouched for longer than the idle timeout: over.
    app.last_seen_ago(3601).await;
    let page = app.get(Page::Account.path()).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "idle too long");
    assert_eq!(
        page.location.as_deref(),
        Some(support::with_return_to(Page::SignIn, Page::Account.path()).as_str())
    );
}

#[tokio::test]
async fn a_session_ends_at_its_absolute_lifetime_however_busy() {
    let app = TestApp::spawn_with(&["--session-max-secs", "86400"]).await;
    app.signed_in_user().await;
    app.sign_in_ago(86_000).await;
    assert_eq!(app.get(Page::Account.path()).await.status, StatusCode::OK);
    app.sign_in_ago(401).await;
    let page = app.get(Page::Account.path()).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "a day after signing in");
    assert!(
        app.get(Page::SignIn.path())
            .await
            .message_ids()
            .contains(&"session.ended".to_owned())
    );
}

#[tokio::test]
async fn the_session_id_changes_when_the_password_or_two_step_settings_change() {
    let app = TestApp::spawn().await;
    app.signed_in_user().await;
    let before = app.cookie().expect("cookie");
    let reply = app
        .submit(
            Page::ChangePassword.path(),
            action::CHANGE_PASSWORD,
            &[
                ("current_password", support::PASSWORD),
                ("new_password", "Another-horse-8"),
            ],
        )
        .await;
    assert_eq!(reply.location.as_deref(), Some(Page::Account.path()));
    let after = app.cookie().expect("cookie");
    assert_ne!(before, after, "a new id after the password change");
    assert!(!app.session_exists(&before).await, "the old id is gone");
    assert_eq!(
        app.get(Page::Account.path()).await.status,
        StatusCode::OK,
        "still signed in"
    );

    let before = after;
    app.submit(
        Page::Account.path(),
        action::CHANGE_MFA,
        &[("factor", "email"), ("change", "enable")],
    )
    .await;
    assert_ne!(
        app.cookie().expect("cookie"),
        before,
        "a new id after an MFA change"
    );
}

#[tokio::test]
async fn a_planted_session_id_is_worthless_after_sign_in() {
    let app = TestApp::spawn().await;
    let email = app.signed_in_user().await;
    app.sign_out().await;
    // The attacker's own id, planted in the victim's browser.
    let attacker = app.another_browser();
    attacker.get(Page::SignIn.path()).await;
    let planted = attacker.cookie().expect("an id");
    let victim = app.another_browser();
    *victim.cookie_slot() = Some(planted.clone());
    let page = victim.sign_in(&email, support::PASSWORD).await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
    assert_ne!(victim.cookie().expect("cookie"), planted);
    assert!(!app.session_exists(&planted).await);
    assert_eq!(
        attacker.get(Page::Account.path()).await.status,
        StatusCode::SEE_OTHER,
        "the attacker's id opens nothing"
    );
}

#[tokio::test]
async fn twenty_one_reset_requests_send_one_person_five_emails() {
    let app = TestApp::spawn().await;
    let victim = app.signed_in_user().await;
    app.sign_out().await;
    let before = app.codes_sent(&victim);
    let mut limited = 0;
    for _ in 0..21 {
        let stranger = app.another_browser();
        let reply = stranger
            .submit(
                Page::ForgotPassword.path(),
                action::FORGOT_PASSWORD,
                &[("username", &victim)],
            )
            .await;
        if reply.status == StatusCode::TOO_MANY_REQUESTS {
            limited += 1;
            assert_eq!(reply.title_id().as_deref(), Some("rate_limited.title"));
            assert!(
                reply
                    .message_ids()
                    .contains(&"rate_limited.body".to_owned())
            );
            let retry: u64 = reply.headers["retry-after"]
                .to_str()
                .expect("ascii")
                .parse()
                .expect("seconds");
            assert!((1..=3600).contains(&retry), "{retry}");
        }
    }
    assert_eq!(
        app.codes_sent(&victim) - before,
        5,
        "five emails in an hour, not 21"
    );
    assert_eq!(limited, 16);
}

#[tokio::test]
async fn one_client_cannot_try_passwords_without_end() {
    let app = TestApp::spawn().await;
    let mut statuses = Vec::new();
    for i in 0..61 {
        let reply = app
            .another_browser()
            .submit(
                Page::SignIn.path(),
                action::SIGN_IN,
                &[
                    ("username", &format!("guess{i}@example.com")),
                    ("password", "Guess-1234"),
                ],
            )
            .await;
        statuses.push(reply.status);
    }
    assert!(
        statuses[..60].iter().all(|s| *s == StatusCode::SEE_OTHER),
        "{statuses:?}"
    );
    assert_eq!(
        statuses[60],
        StatusCode::TOO_MANY_REQUESTS,
        "the 61st in five minutes"
    );
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_has_its_own_budget() {
    let app = TestApp::spawn_with(&["--client-ip-header", "X-Forwarded-For"]).await;
    let sign_up = |client: &'static str| {
        let browser = app.another_browser();
        async move {
            let token = browser.get(Page::SignUp.path()).await.csrf();
            browser
                .post_with_header(
                    action::SIGN_UP,
                    ("x-forwarded-for", client),
                    &[
                        ("email", &support::unique_email()),
                        ("password", support::PASSWORD),
                        ("csrf_token", &token),
                    ],
                )
                .await
                .status
        }
    };
    for _ in 0..20 {
        assert_eq!(sign_up("198.51.100.1").await, StatusCode::SEE_OTHER);
    }
    assert_eq!(sign_up("198.51.100.1").await, StatusCode::TOO_MANY_REQUESTS);
    // Another client behind the same proxy is not affected.
    assert_eq!(sign_up("198.51.100.2").await, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn signing_in_to_an_unconfirmed_account_cannot_flood_its_inbox() {
    let app = TestApp::spawn().await;
    // Someone signs the victim's address up with a password of their own,
    // then "signs in" again and again: each sign-in of an unconfirmed
    // account sends a new code, within the per-name message budget.
    let victim = support::unique_email();
    app.sign_up(&victim, support::PASSWORD).await;
    let after_sign_up = app.codes_sent(&victim);
    for _ in 0..7 {
        let reply = app
            .another_browser()
            .sign_in(&victim, support::PASSWORD)
            .await;
        assert_eq!(reply.location.as_deref(), Some(Page::SignUpConfirm.path()));
    }
    assert_eq!(
        app.codes_sent(&victim) - after_sign_up,
        5,
        "five in an hour"
    );
}

/// With choice-based sign-in, confirming who one is means signing in
/// again in any way the account has, from the page that offers them: a
/// wrong password is said there, and the right one leads back to the change.
#[tokio::test]
async fn with_choice_based_sign_in_confirming_is_signing_in_again() {
    let app = TestApp::spawn().await;
    let email = app.signed_in_user().await;
    app.sign_in_long_ago().await;
    let confirm_page = support::with_return_to(Page::ConfirmIdentity, Page::ChangeEmail.path());
    let page = app.get(Page::ChangeEmail.path()).await;
    assert_eq!(page.location.as_deref(), Some(confirm_page.as_str()));
    let page = app.get(&confirm_page).await;
    assert_eq!(page.title_id().as_deref(), Some("confirm_identity.title"));
    assert!(
        page.message_ids()
            .contains(&"confirm_identity.intro_choice".to_owned())
    );
    let reply = app
        .submit(
            &confirm_page,
            action::CONFIRM_IDENTITY,
            &[("return_to", Page::ChangeEmail.path())],
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
    assert!(ways.body.contains(&email), "signing in as the same user");
    app.answer(&[("choice", "password"), ("password", "Wrong-horse-9")])
        .await;
    assert_eq!(
        app.get(Page::SignInChallenge.path()).await.message_ids(),
        ["sign_in.incorrect_credentials"]
    );
    let reply = app
        .answer(&[("choice", "password"), ("password", support::PASSWORD)])
        .await;
    assert_eq!(reply.location.as_deref(), Some(Page::ChangeEmail.path()));
    assert_eq!(
        app.get(Page::ChangeEmail.path()).await.status,
        StatusCode::OK,
        "recent again"
    );
}

/// Choice-based sign-in: a password typed where the ways in are offered
/// counts for the name as one typed on the password page does (eight in
/// five minutes), and a code asked for there as a message to the name
/// (five an hour). The name alone counts for neither.
#[tokio::test]
async fn on_the_ways_in_page_passwords_and_codes_count_for_the_name() {
    let app = TestApp::spawn().await;
    let email = app.signed_in_user().await;
    let mut statuses = Vec::new();
    for _ in 0..9 {
        let reply = app.another_browser().sign_in(&email, "Wrong-horse-9").await;
        statuses.push(reply.status);
    }
    assert!(
        statuses[..8].iter().all(|s| *s == StatusCode::SEE_OTHER),
        "{statuses:?}"
    );
    assert_eq!(statuses[8], StatusCode::TOO_MANY_REQUESTS, "the ninth");

    let other = support::unique_email();
    app.sign_up(&other, support::PASSWORD).await;
    app.confirm(&app.last_code(&other)).await;
    let mut statuses = Vec::new();
    for _ in 0..6 {
        let browser = app.another_browser();
        let reply = browser
            .submit(
                Page::SignIn.path(),
                action::SIGN_IN,
                &[("username", &other)],
            )
            .await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "the name alone");
        statuses.push(browser.answer(&[("choice", "email_code")]).await.status);
    }
    assert!(
        statuses[..5].iter().all(|s| *s == StatusCode::SEE_OTHER),
        "{statuses:?}"
    );
    assert_eq!(statuses[5], StatusCode::TOO_MANY_REQUESTS, "the sixth code");
}
