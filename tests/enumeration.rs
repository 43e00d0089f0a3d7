//! Nothing tells whether an account exists. For every flow that takes an
//! address (sign-in, sign-up, its confirmation and resend, forgot
//! password, reset and resend, changing the email), the same steps are
//! taken for an address that has an account and one that has none, and
//! every answer is compared: status, redirect target, and the page that
//! follows with the CSRF token removed and the typed address normalised,
//! through five wrong codes and a new code.

mod support;

use support::{PASSWORD, Reply, TestApp, action, unique_email, verify_page};
use threshold::routes::Page;

/// What a visitor sees of one step.
#[derive(Debug, PartialEq, Eq)]
struct Seen {
    step: String,
    status: u16,
    location: Option<String>,
    page: String,
}

/// Records `reply` and the page it leads to (or the page itself).
async fn seen(browser: &TestApp, step: &str, reply: Reply, email: &str, page: &str) -> Seen {
    let next = browser.get(reply.location.as_deref().unwrap_or(page)).await;
    Seen {
        step: step.to_owned(),
        status: reply.status.as_u16(),
        location: reply.location.map(|l| l.replace(email, "EMAIL")),
        page: next.body_without_csrf().replace(email, "EMAIL"),
    }
}

/// Enters five wrong codes, then asks for a new one.
async fn wrong_codes_then_resend(
    browser: &TestApp,
    email: &str,
    page: &str,
    code_action: &str,
    code_fields: &[(&str, &str)],
    resend_action: &str,
    resend_fields: &[(&str, &str)],
) -> Vec<Seen> {
    let mut all = Vec::new();
    for i in 0..5 {
        let reply = browser.submit(page, code_action, code_fields).await;
        all.push(seen(browser, &format!("wrong code {i}"), reply, email, page).await);
    }
    let reply = browser.submit(page, resend_action, resend_fields).await;
    all.push(seen(browser, "new code", reply, email, page).await);
    all
}

async fn sign_in(app: &TestApp, email: &str) -> Vec<Seen> {
    let browser = app.another_browser();
    let reply = browser.sign_in(email, "Wrong-horse-9").await;
    vec![seen(&browser, "sign-in", reply, email, Page::SignIn.path()).await]
}

async fn sign_up(app: &TestApp, email: &str) -> Vec<Seen> {
    let browser = app.another_browser();
    let reply = browser.sign_up(email, PASSWORD).await;
    let mut all = vec![seen(&browser, "sign-up", reply, email, Page::SignUp.path()).await];
    all.extend(
        wrong_codes_then_resend(
            &browser,
            email,
            Page::SignUpConfirm.path(),
            action::CONFIRM_SIGN_UP,
            &[("code", "000000")],
            action::RESEND_CODE,
            &[],
        )
        .await,
    );
    all
}

async fn recovery(app: &TestApp, email: &str) -> Vec<Seen> {
    let browser = app.another_browser();
    let reply = browser
        .submit(
            Page::ForgotPassword.path(),
            action::FORGOT_PASSWORD,
            &[("username", email)],
        )
        .await;
    let mut all = vec![
        seen(
            &browser,
            "forgot",
            reply,
            email,
            Page::ForgotPassword.path(),
        )
        .await,
    ];
    all.extend(
        wrong_codes_then_resend(
            &browser,
            email,
            Page::ResetPassword.path(),
            action::RESET_PASSWORD,
            &[("code", "000000"), ("password", "Another-horse-8")],
            action::RESEND_RESET_CODE,
            &[],
        )
        .await,
    );
    all
}

async fn email_change(app: &TestApp, email: &str) -> Vec<Seen> {
    let browser = app.another_browser();
    browser.signed_in_user().await;
    let reply = browser
        .submit(
            Page::ChangeEmail.path(),
            action::CHANGE_CONTACT,
            &[("attribute", "email"), ("value", email)],
        )
        .await;
    let verify = verify_page("email");
    let mut all = vec![seen(&browser, "change email", reply, email, &verify).await];
    all.extend(
        wrong_codes_then_resend(
            &browser,
            email,
            &verify,
            action::VERIFY_CONTACT,
            &[("attribute", "email"), ("code", "000000")],
            action::SEND_CONTACT_CODE,
            &[("attribute", "email")],
        )
        .await,
    );
    all
}

/// The signed-in part of a page differs by whose account it is; the
/// comparison is about the address typed, so the two runs' own accounts
/// are normalised too.
fn without_own_account(mut seen: Vec<Seen>) -> Vec<Seen> {
    for s in &mut seen {
        // The signed-in visitor's own address, shown in the header of
        // account pages, is a different random address in each run.
        while let Some(at) = s.page.find("user-") {
            let end = s.page[at..].find("@example.com").map_or(at + 5, |e| at + e);
            s.page.replace_range(at..end, "OWN");
        }
    }
    seen
}

#[tokio::test]
async fn existing_and_unknown_accounts_get_the_same_answers() {
    let app = TestApp::spawn().await;
    // Addresses of the same shape, so their masks (`u***@e***`) match.
    let existing = app.signed_in_user().await;
    app.sign_out().await;
    // A new address for each flow: signing up with one creates an account.
    let unknown = unique_email;
    assert_eq!(existing.len(), unknown().len());

    for (flow, existing_seen, unknown_seen) in [
        (
            "sign-in",
            sign_in(&app, &existing).await,
            sign_in(&app, &unknown()).await,
        ),
        (
            "sign-up",
            sign_up(&app, &existing).await,
            sign_up(&app, &unknown()).await,
        ),
        (
            "recovery",
            recovery(&app, &existing).await,
            recovery(&app, &unknown()).await,
        ),
        (
            "email change",
            without_own_account(email_change(&app, &existing).await),
            without_own_account(email_change(&app, &unknown()).await),
        ),
    ] {
        assert!(!existing_seen.is_empty());
        for (a, b) in existing_seen.iter().zip(&unknown_seen) {
            assert_eq!(a, b, "{flow}, step `{}`: the answers differ", a.step);
        }
        assert_eq!(existing_seen.len(), unknown_seen.len(), "{flow}");
    }
}
