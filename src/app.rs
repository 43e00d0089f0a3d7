//! The Leptos application: the HTML shell, and the page for each entry of
//! the route table. Every page renders completely on the server before
//! the response starts (the router renders asynchronously), so pages
//! never depend on JavaScript and never say "Loading…".

use leptos::prelude::*;
use leptos_meta::{MetaTags, provide_meta_context};

use crate::i18n::Lang;
use crate::pages::account::AccountPage;
use crate::pages::challenge::ChallengePage;
use crate::pages::change_password::ChangePasswordPage;
use crate::pages::confirm::ConfirmPage;
use crate::pages::confirm_identity::ConfirmIdentityPage;
use crate::pages::contact::{EmailPage, PhonePage};
use crate::pages::delete_account::{DeleteAccountPage, GoodbyePage};
use crate::pages::dev_outbox::OutboxPage;
use crate::pages::errors::NotFound;
use crate::pages::forgot_password::ForgotPasswordPage;
use crate::pages::home::HomePage;
use crate::pages::passkeys::PasskeysPage;
use crate::pages::profile::ProfilePage;
use crate::pages::reset_password::ResetPasswordPage;
use crate::pages::sign_in::SignInPage;
use crate::pages::sign_out_everywhere::SignOutEverywherePage;
use crate::pages::sign_up::SignUpPage;
use crate::pages::totp_setup::TotpSetupPage;
use crate::pages::verify::VerifyPage;
use crate::routes::{self, Page};
use crate::state::AppState;

/// The document around every page. No hydration script: nothing here
/// needs WASM, and optional enhancements load from `public/js/`. Every
/// file is linked by its fingerprint (`crate::assets`).
pub fn shell() -> impl IntoView {
    let parts = use_context::<axum::http::request::Parts>();
    let lang = parts
        .as_ref()
        .and_then(|p| p.extensions.get::<Lang>().cloned())
        .unwrap_or_default();
    let brand = parts
        .as_ref()
        .and_then(|p| p.extensions.get::<AppState>())
        .map(|app| app.brand.clone())
        .unwrap_or_default();
    let brand_sheets = brand
        .stylesheets
        .iter()
        .map(|href| view! { <link rel="stylesheet" href=href.clone()/> })
        .collect_view();
    view! {
        <!DOCTYPE html>
        <html lang=lang.tag() dir=lang.dir()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <link rel="stylesheet" href=crate::assets::href(routes::STYLESHEET)/>
                {brand_sheets}
                <link rel="icon" href=brand.favicon_href.clone()/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The page the request's path names, or the 404 page.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let page = use_context::<axum::http::request::Parts>()
        .and_then(|parts| Page::from_path(parts.uri.path()));
    let Some(page) = page else {
        return view! { <NotFound/> }.into_any();
    };
    match page {
        Page::Home => view! { <HomePage/> }.into_any(),
        Page::SignIn => view! { <SignInPage/> }.into_any(),
        Page::SignInChallenge => view! { <ChallengePage/> }.into_any(),
        Page::SignUp => view! { <SignUpPage/> }.into_any(),
        Page::SignUpConfirm => view! { <ConfirmPage/> }.into_any(),
        Page::ForgotPassword => view! { <ForgotPasswordPage/> }.into_any(),
        Page::ResetPassword => view! { <ResetPasswordPage/> }.into_any(),
        Page::Account => view! { <AccountPage/> }.into_any(),
        Page::Profile => view! { <ProfilePage/> }.into_any(),
        Page::ChangeEmail => view! { <EmailPage/> }.into_any(),
        Page::ChangePhone => view! { <PhonePage/> }.into_any(),
        Page::VerifyContact => view! { <VerifyPage/> }.into_any(),
        Page::ChangePassword => view! { <ChangePasswordPage/> }.into_any(),
        Page::SignOutEverywhere => view! { <SignOutEverywherePage/> }.into_any(),
        Page::DeleteAccount => view! { <DeleteAccountPage/> }.into_any(),
        Page::Goodbye => view! { <GoodbyePage/> }.into_any(),
        Page::ConfirmIdentity => view! { <ConfirmIdentityPage/> }.into_any(),
        Page::TotpSetup => view! { <TotpSetupPage/> }.into_any(),
        Page::Passkeys => view! { <PasskeysPage/> }.into_any(),
        Page::DevOutbox => view! { <OutboxPage/> }.into_any(),
    }
}
