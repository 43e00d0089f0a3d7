//! What a visitor notices on a form that went wrong, and on the pages a
//! review found wanting: which rule a password broke, where focus lands,
//! the error summary, the way back from a mistyped address, masks, the
//! password manager's username, the profile's fields.

mod support;

use support::{PASSWORD, TestApp, action, unique_email};
use threshold::routes::Page;

/// The `<input …>` and `<select …>` tags carrying `autofocus`.
fn autofocused(body: &str) -> Vec<String> {
    body.split('<')
        .filter(|tag| tag.starts_with("input") || tag.starts_with("select"))
        .filter_map(|tag| tag.split_once('>').map(|(attrs, _)| attrs))
        .filter(|attrs| attrs.contains(" autofocus"))
        .filter_map(|attrs| {
            let id = attrs.split("id=\"").nth(1)?;
            Some(id.split('"').next()?.to_owned())
        })
        .collect()
}

/// The class of the checklist item for `rule`.
fn rule_class(body: &str, rule: &str) -> Option<String> {
    let at = body.find(&format!("data-rule=\"{rule}\""))?;
    let start = body[..at].rfind('<')?;
    let tag = &body[start..at + body[at..].find('>')?];
    let class = tag.split("class=\"").nth(1)?;
    Some(class.split('"').next()?.to_owned())
}

#[tokio::test]
async fn a_refused_password_names_the_rule_and_the_checklist_shows_each() {
    let app = TestApp::spawn().await;
    app.sign_up(&unique_email(), "only-lowercase-1").await;
    let form = app.get(Page::SignUp.path()).await;
    assert_eq!(
        form.field_error("password").as_deref(),
        Some("password.needs_uppercase")
    );
    assert_eq!(
        rule_class(&form.body, "uppercase").as_deref(),
        Some("rule unmet")
    );
    for met in ["min_length", "lowercase", "digit", "symbol"] {
        assert_eq!(
            rule_class(&form.body, met).as_deref(),
            Some("rule met"),
            "{met}"
        );
    }
    // A fresh form marks nothing.
    let fresh = app.another_browser().get(Page::SignUp.path()).await;
    assert_eq!(
        rule_class(&fresh.body, "uppercase").as_deref(),
        Some("rule")
    );
}

#[tokio::test]
async fn focus_goes_to_the_first_field_in_error_and_nowhere_else() {
    let app = TestApp::spawn().await;
    let fresh = app.get(Page::SignUp.path()).await;
    assert_eq!(autofocused(&fresh.body), ["field-email"]);

    app.sign_up("not-an-email", "short").await;
    let both = app.get(Page::SignUp.path()).await;
    assert_eq!(autofocused(&both.body), ["field-email"]);

    app.sign_up(&unique_email(), "short").await;
    let password_only = app.get(Page::SignUp.path()).await;
    assert_eq!(autofocused(&password_only.body), ["field-password"]);

    // After a wrong password the address is kept: focus on the password.
    let email = app.signed_in_user().await;
    let other = app.another_browser();
    other.sign_in(&email, "Wrong-horse-7").await;
    let retry = other.get(app.password_retry_page()).await;
    assert_eq!(retry.message_ids(), ["sign_in.incorrect_credentials"]);
    assert_eq!(autofocused(&retry.body), ["field-password"]);
}

#[tokio::test]
async fn a_failed_form_starts_with_a_summary_linking_each_error() {
    let app = TestApp::spawn().await;
    let fresh = app.get(Page::SignUp.path()).await;
    assert!(!fresh.body.contains("data-testid=\"error-summary\""));

    app.sign_up("not-an-email", "short").await;
    let form = app.get(Page::SignUp.path()).await;
    let summary_at = form
        .body
        .find("data-testid=\"error-summary\"")
        .expect("an error summary");
    let email_link = form
        .body
        .find("href=\"#field-email\"")
        .expect("a link to the email field");
    let password_link = form
        .body
        .find("href=\"#field-password\"")
        .expect("a link to the password field");
    let first_field = form
        .body
        .find("id=\"field-email\"")
        .expect("the email field");
    assert!(
        summary_at < email_link && email_link < password_link,
        "in the form's order"
    );
    assert!(password_link < first_field, "above the fields");
}

#[tokio::test]
async fn the_confirmation_page_leads_back_to_fix_a_mistyped_address() {
    let app = TestApp::spawn().await;
    app.sign_up(&unique_email(), PASSWORD).await;
    let confirm = app.get(Page::SignUpConfirm.path()).await;
    assert!(
        confirm
            .body
            .contains(&format!("href=\"{}\"", Page::SignUp.path())),
        "a link back to sign-up"
    );
}

#[tokio::test]
async fn an_address_is_masked_alike_on_every_page() {
    let app = TestApp::spawn().await;
    let email = unique_email();
    app.sign_up(&email, PASSWORD).await;
    let confirm = app.get(Page::SignUpConfirm.path()).await;
    let resetting = app.another_browser();
    resetting.forgot_password(&email).await;
    let reset = resetting.get(Page::ResetPassword.path()).await;
    // `u***@e***`, as Cognito masks it, with nothing of the domain after.
    for page in [&confirm, &reset] {
        assert!(page.body.contains("u***@e***"), "masked");
        assert!(!page.body.contains("u***@e***.com"), "no top-level domain");
    }
}

#[tokio::test]
async fn the_password_change_form_names_the_account_for_password_managers() {
    let app = TestApp::spawn().await;
    let email = app.signed_in_user().await;
    let page = app.get(Page::ChangePassword.path()).await;
    let at = page
        .body
        .find("autocomplete=\"username\"")
        .expect("a username field");
    let tag = &page.body[page.body[..at].rfind('<').expect("a tag")..];
    let tag = &tag[..tag.find('>').expect("the tag ends")];
    assert!(tag.contains(&format!("value=\"{email}\"")), "{tag}");
    assert!(!tag.contains("name="), "not sent with the form: {tag}");
}

#[tokio::test]
async fn the_profile_asks_for_a_name_once_and_offers_languages_to_choose() {
    let app = TestApp::spawn().await;
    app.signed_in_user().await;
    let page = app.get(Page::Profile.path()).await;
    assert!(page.body.contains("name=\"attributes[name]\""));
    assert!(!page.body.contains("attributes[given_name]"));
    assert!(!page.body.contains("attributes[family_name]"));
    // The profile's own choice, not the footer's language picker.
    let start = page
        .body
        .find("<select id=\"field-locale\"")
        .expect("a language choice");
    let end = start + page.body[start..].find("</select>").expect("closed");
    let select = &page.body[start..end];
    for lang in threshold::i18n::Lang::all() {
        assert!(select.contains(&format!("<option value=\"{}\"", lang.tag())));
    }
    // A code set elsewhere stays on offer, so saving does not lose it.
    app.submit(
        Page::Profile.path(),
        action::UPDATE_PROFILE,
        &[("attributes[name]", "Ada"), ("attributes[locale]", "it")],
    )
    .await;
    let page = app.get(Page::Profile.path()).await;
    assert!(
        page.body.contains("<option value=\"it\" selected"),
        "the current value is chosen"
    );
}
