//! The pages in every shipped language, the language picker, and a brand
//! configured from a folder: what a visitor abroad and an operator
//! branding Threshold see.

mod support;

use reqwest::StatusCode;
use support::{PASSWORD, TestApp, action, unique_email};
use threshold::i18n::{Lang, t};
use threshold::routes::Page;

/// The text nodes of an HTML page (between tags), unescaped.
fn texts(body: &str) -> Vec<String> {
    body.split('<')
        .filter_map(|part| part.split_once('>').map(|(_, text)| text.trim()))
        .filter(|text| !text.is_empty())
        .map(|text| {
            text.replace("&amp;", "&")
                .replace("&#x27;", "'")
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
        })
        .collect()
}

/// Every id of the English catalog, as Fluent writes them (`sign_in-title`):
/// what a page shows in place of a message it cannot find.
fn catalog_ids() -> Vec<String> {
    let catalog = std::fs::read_to_string("src/i18n/locales/en/main.ftl").expect("the catalog");
    catalog
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with(' '))
        .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim().to_owned()))
        .filter(|id| !id.is_empty())
        .collect()
}

/// The page at `path`, opened by a browser asking for `lang`, is in that
/// language: `<html lang dir>`, its title's translation in the `h1`, and
/// no message id where a message belongs.
async fn expect_page_in(app: &TestApp, lang: &Lang, path: &str, ids: &[String]) {
    let page = app
        .get_with_headers(path, &[("accept-language", &lang.tag())])
        .await;
    assert!(
        page.status == StatusCode::OK || page.status == StatusCode::NOT_FOUND,
        "{path} in {}: {}",
        lang.tag(),
        page.status
    );
    let opening = format!("<html lang=\"{}\" dir=\"{}\"", lang.tag(), lang.dir());
    assert!(page.body.contains(&opening), "{path}: no {opening}");
    let title_id = page
        .title_id()
        .unwrap_or_else(|| panic!("{path} names its title"));
    let texts = texts(&page.body);
    let title = t(lang, &title_id);
    assert!(
        texts.contains(&title),
        "{path} in {}: the h1 is not {title:?}",
        lang.tag()
    );
    let raw: Vec<&String> = texts.iter().filter(|text| ids.contains(text)).collect();
    assert!(raw.is_empty(), "{path} in {} shows ids {raw:?}", lang.tag());
    expect_no_unfilled_message(&page.body, path, lang);
}

/// What Fluent shows for a message it cannot format: a variable it was
/// not given, or a lookup that failed outright.
fn expect_no_unfilled_message(body: &str, path: &str, lang: &Lang) {
    for sign in ["{$", "{ $", "Unknown localization key"] {
        assert!(!body.contains(sign), "{path} in {}: {sign:?}", lang.tag());
    }
}

#[tokio::test]
async fn form_errors_read_whole_in_every_language() {
    // Eight sign-ups from one client are more than its budget allows.
    let app = TestApp::spawn_with(&["--rate-limit-factor", "10"]).await;
    // An address that is not one, and a password too short: the minimum
    // length ("at least 8") is a value in the message.
    app.sign_up("not an address", "short").await;
    for lang in Lang::all() {
        let page = app
            .get_with_headers(Page::SignUp.path(), &[("accept-language", &lang.tag())])
            .await;
        assert_eq!(
            page.field_error("password").as_deref(),
            Some("password.needs_min_length")
        );
        // The message with its value filled in: "Use at least 8 characters."
        let args = std::collections::BTreeMap::from([("count".to_owned(), "8".to_owned())]);
        let expected = threshold::i18n::t_args(&lang, "password.needs_min_length", &args);
        assert!(
            texts(&page.body).contains(&expected),
            "{} shows {expected:?}",
            lang.tag()
        );
        expect_no_unfilled_message(&page.body, Page::SignUp.path(), &lang);
        // The form keeps its errors for one view only; post it again.
        app.sign_up("not an address", "short").await;
    }
}

#[tokio::test]
async fn every_page_renders_in_every_language() {
    let app = TestApp::spawn().await;
    let ids = catalog_ids();
    let public = [
        Page::SignIn.path(),
        Page::SignUp.path(),
        Page::ForgotPassword.path(),
        Page::Goodbye.path(),
        Page::DevOutbox.path(),
        "/no-such-page",
    ];
    for lang in Lang::all() {
        for path in public {
            expect_page_in(&app, &lang, path, &ids).await;
        }
    }

    // Pages inside a flow: the confirmation code, the reset code.
    let email = unique_email();
    app.sign_up(&email, PASSWORD).await;
    for lang in Lang::all() {
        expect_page_in(&app, &lang, Page::SignUpConfirm.path(), &ids).await;
    }
    let resetting = app.another_browser();
    resetting.forgot_password(&email).await;
    for lang in Lang::all() {
        expect_page_in(&resetting, &lang, Page::ResetPassword.path(), &ids).await;
    }

    // The account's pages, signed in.
    app.confirm(&app.last_code(&email)).await;
    app.sign_in(&email, PASSWORD).await;
    let account_pages = [
        Page::Account.path(),
        Page::Profile.path(),
        Page::ChangeEmail.path(),
        Page::ChangePhone.path(),
        Page::ChangePassword.path(),
        Page::SignOutEverywhere.path(),
        Page::DeleteAccount.path(),
    ];
    for lang in Lang::all() {
        for path in account_pages {
            expect_page_in(&app, &lang, path, &ids).await;
        }
    }

    // Setting up an authenticator app.
    app.submit(Page::Account.path(), action::START_TOTP, &[])
        .await;
    for lang in Lang::all() {
        expect_page_in(&app, &lang, Page::TotpSetup.path(), &ids).await;
    }

    // The code for a new email address.
    let verify = support::verify_page("email");
    app.submit(
        Page::ChangeEmail.path(),
        action::CHANGE_CONTACT,
        &[("attribute", "email"), ("value", &unique_email())],
    )
    .await;
    for lang in Lang::all() {
        expect_page_in(&app, &lang, &verify, &ids).await;
    }

    // The password again, before a sensitive change long after signing in.
    app.sign_in_long_ago().await;
    for lang in Lang::all() {
        expect_page_in(&app, &lang, Page::ConfirmIdentity.path(), &ids).await;
    }

    // A sign-in challenge: email codes turned on, then signing in again.
    let mfa = app.another_browser();
    mfa.sign_in(&email, PASSWORD).await;
    let token = mfa.get(Page::Account.path()).await.csrf();
    mfa.post_raw(
        action::CHANGE_MFA,
        &[
            ("csrf_token", &token),
            ("factor", "email"),
            ("change", "enable"),
        ],
    )
    .await;
    let challenged = app.another_browser();
    challenged.sign_in(&email, PASSWORD).await;
    for lang in Lang::all() {
        expect_page_in(&challenged, &lang, Page::SignInChallenge.path(), &ids).await;
    }
}

#[tokio::test]
async fn the_language_picker_remembers_the_choice_without_javascript() {
    let app = TestApp::spawn().await;
    let page = app.get(Page::SignIn.path()).await;
    // Every page offers every language, each named in itself.
    for lang in Lang::all() {
        assert!(
            page.body.contains(&format!("value=\"{}\"", lang.tag()))
                && page.body.contains(lang.name()),
            "the picker offers {}",
            lang.tag()
        );
    }
    let chosen = app.get("/language?lang=ar&next=/sign-up").await;
    assert_eq!(chosen.status, StatusCode::SEE_OTHER);
    assert_eq!(chosen.location.as_deref(), Some(Page::SignUp.path()));
    let cookie = chosen
        .set_cookie
        .iter()
        .find(|c| c.starts_with("threshold-lang=ar"))
        .expect("the choice is remembered");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("Max-Age="),
        "{cookie}"
    );
    // The choice wins over the browser's languages, on every later page.
    let page = app
        .get_with_headers(Page::SignUp.path(), &[("accept-language", "de")])
        .await;
    assert!(
        page.body.contains("<html lang=\"ar\" dir=\"rtl\""),
        "Arabic after choosing it"
    );

    // Nowhere else to go than this site, and nothing but a shipped language.
    let elsewhere = app
        .another_browser()
        .get("/language?lang=xx&next=//evil.example/")
        .await;
    assert_eq!(elsewhere.location.as_deref(), Some(Page::Home.path()));
    assert!(
        elsewhere.set_cookie.is_empty(),
        "{:?}",
        elsewhere.set_cookie
    );
    // A field twice, or bytes that are not UTF-8: still a redirect, never an error.
    for odd in [
        "/language?lang=de&lang=fr&next=/a&next=/b",
        "/language?lang=%FF&next=%C3",
    ] {
        let answer = app.another_browser().get(odd).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{odd}");
    }
}

#[tokio::test]
async fn refusals_are_in_the_visitors_language_too() {
    let app = TestApp::spawn().await;
    // A form post without its CSRF token: the session layer's own page.
    let refused = app
        .another_browser()
        .post_with_header(
            action::SIGN_IN,
            ("accept-language", "ja"),
            &[("username", "a@example.com")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(
        refused.body.contains("<html lang=\"ja\""),
        "{}",
        refused.body
    );
    assert!(
        refused
            .body
            .contains(&t(&Lang::supported("ja").expect("ja"), "csrf.title"))
    );
}

/// A brand folder as an operator writes one.
fn brand_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let write = |name: &str, text: &str| {
        std::fs::write(dir.path().join(name), text).expect("a brand file");
    };
    write(
        "brand.toml",
        r##"
        name = "Acme Cloud"
        logo = "acme.svg"
        favicon = "acme-icon.svg"
        stylesheet = "acme.css"
        radius = "2px"
        [colors.light]
        brand-color = "#0b6e4f"
        brand-color-strong = "#08543c"
        [links]
        terms = "https://acme.example/terms"
        privacy = "https://acme.example/privacy"
        support = "mailto:help@acme.example"
        [sign_up]
        require_consent = true
        "##,
    );
    write(
        "acme.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 8 8\"/>",
    );
    write(
        "acme-icon.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 8 8\"/>",
    );
    write("acme.css", ".brand { letter-spacing: 0.02em; }");
    dir
}

#[tokio::test]
async fn a_brand_folder_names_and_styles_every_page() {
    let brand = brand_dir();
    let app =
        TestApp::spawn_with(&["--brand-dir", brand.path().to_str().expect("utf-8 path")]).await;
    let page = app.get(Page::SignIn.path()).await;
    assert!(page.body.contains("Acme Cloud"), "the name in the header");
    assert!(
        !page.body.contains(">Threshold<"),
        "no Threshold in the header"
    );
    assert!(page.body.contains("<title>"), "a title");
    assert!(
        page.body.contains("· Acme Cloud</title>"),
        "the name in the title"
    );
    for href in [
        "/brand/acme.svg",
        "/brand/acme-icon.svg",
        "/brand/theme.css",
        "/brand/acme.css",
        "https://acme.example/terms",
        "https://acme.example/privacy",
        "mailto:help@acme.example",
    ] {
        assert!(page.body.contains(href), "the page links {href}");
    }
    // Every brand file the page links loads, by its fingerprint, cached
    // for a year.
    let linked: Vec<&str> = page
        .body
        .split('"')
        .filter(|piece| piece.starts_with("/assets/") && piece.contains("/brand/"))
        .collect();
    assert_eq!(
        linked.len(),
        4,
        "logo, icon and two stylesheets: {linked:?}"
    );
    for href in linked {
        let file = app.get(href).await;
        assert_eq!(file.status, StatusCode::OK, "{href}");
        assert_eq!(
            file.headers
                .get("cache-control")
                .and_then(|v| v.to_str().ok()),
            Some(threshold::assets::IMMUTABLE),
            "{href}"
        );
    }
    let theme = app.get("/brand/theme.css").await;
    assert_eq!(theme.status, StatusCode::OK);
    assert!(
        theme.body.contains("--brand-color: #0b6e4f;"),
        "{}",
        theme.body
    );
    assert_eq!(
        theme
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("text/css; charset=utf-8")
    );
    assert_eq!(
        app.get("/brand/brand.toml").await.status,
        StatusCode::NOT_FOUND
    );

    // Sign-up asks for consent to the terms, and refuses without it.
    let sign_up = app.get(Page::SignUp.path()).await;
    assert!(
        sign_up.body.contains("name=\"consent\""),
        "a consent checkbox"
    );
    let refused = app.sign_up(&unique_email(), PASSWORD).await;
    assert_eq!(refused.location.as_deref(), Some(Page::SignUp.path()));
    let again = app.get(Page::SignUp.path()).await;
    assert_eq!(
        again.field_error("consent").as_deref(),
        Some("sign_up.consent_missing")
    );
    let email = unique_email();
    let accepted = app
        .submit(
            Page::SignUp.path(),
            action::SIGN_UP,
            &[
                ("email", &email),
                ("password", PASSWORD),
                ("consent", "yes"),
            ],
        )
        .await;
    assert_eq!(
        accepted.location.as_deref(),
        Some(Page::SignUpConfirm.path())
    );

    // The authenticator app lists the account under the product's name.
    app.confirm(&app.last_code(&email)).await;
    app.sign_in(&email, PASSWORD).await;
    app.submit(Page::Account.path(), action::START_TOTP, &[])
        .await;
    let setup = app.get(Page::TotpSetup.path()).await;
    assert!(
        setup.body.contains("issuer=Acme%20Cloud"),
        "the otpauth link names the product"
    );
}

#[tokio::test]
async fn a_broken_brand_folder_stops_start_up_with_the_reason() {
    let brand = brand_dir();
    std::fs::write(
        brand.path().join("brand.toml"),
        "[colors.light]\nbrand-color = \"red; } body { display: none\"",
    )
    .expect("a brand file");
    let dir = tempfile::tempdir().expect("temp dir");
    let config = threshold::config::Config::from_args([
        "threshold",
        "--addr",
        "127.0.0.1:0",
        "--data-dir",
        dir.path().to_str().expect("utf-8 path"),
        "--brand-dir",
        brand.path().to_str().expect("utf-8 path"),
    ])
    .expect("the arguments parse");
    let error = threshold::startup::Application::build(config)
        .await
        .err()
        .expect("start-up refuses the brand");
    assert!(
        error.to_string().contains("colors.light.brand-color"),
        "{error}"
    );
}
