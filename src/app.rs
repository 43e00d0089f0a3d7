//! The Leptos application: the HTML shell and the routes. Every route
//! renders completely on the server (`SsrMode::Async`), so pages never
//! depend on JavaScript and never say "Loading…".

use leptos::prelude::*;
use leptos_meta::{MetaTags, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::i18n::Lang;
use crate::pages::account::AccountPage;
use crate::pages::challenge::ChallengePage;
use crate::pages::change_password::ChangePasswordPage;
use crate::pages::confirm::ConfirmPage;
use crate::pages::contact::{EmailPage, PhonePage};
use crate::pages::delete_account::{DeleteAccountPage, GoodbyePage};
use crate::pages::dev_outbox::OutboxPage;
use crate::pages::errors::NotFound;
use crate::pages::forgot_password::ForgotPasswordPage;
use crate::pages::home::HomePage;
use crate::pages::profile::ProfilePage;
use crate::pages::reset_password::ResetPasswordPage;
use crate::pages::security::TotpSetupPage;
use crate::pages::sign_in::SignInPage;
use crate::pages::sign_out_everywhere::SignOutEverywherePage;
use crate::pages::sign_up::SignUpPage;
use crate::pages::verify::VerifyPage;

/// The document around every page. No hydration script: nothing here
/// needs WASM, and optional enhancements load from `/public/js/`.
pub fn shell() -> impl IntoView {
    let lang = Lang::default();
    view! {
        <!DOCTYPE html>
        <html lang=lang.tag() dir=lang.dir()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <link rel="stylesheet" href="/style/main.css"/>
                <link rel="icon" href="/public/favicon.svg" type="image/svg+xml"/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <Routes fallback=|| view! { <NotFound/> }>
                <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                <Route path=path!("/sign-in") view=SignInPage ssr=SsrMode::Async/>
                <Route path=path!("/sign-in/challenge") view=ChallengePage ssr=SsrMode::Async/>
                <Route path=path!("/sign-up") view=SignUpPage ssr=SsrMode::Async/>
                <Route path=path!("/sign-up/confirm") view=ConfirmPage ssr=SsrMode::Async/>
                <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async/>
                <Route path=path!("/forgot-password") view=ForgotPasswordPage ssr=SsrMode::Async/>
                <Route path=path!("/reset-password") view=ResetPasswordPage ssr=SsrMode::Async/>
                <Route path=path!("/account/profile") view=ProfilePage ssr=SsrMode::Async/>
                <Route path=path!("/account/email") view=EmailPage ssr=SsrMode::Async/>
                <Route path=path!("/account/phone") view=PhonePage ssr=SsrMode::Async/>
                <Route path=path!("/account/verify") view=VerifyPage ssr=SsrMode::Async/>
                <Route path=path!("/account/password") view=ChangePasswordPage ssr=SsrMode::Async/>
                <Route path=path!("/account/sign-out-everywhere") view=SignOutEverywherePage ssr=SsrMode::Async/>
                <Route path=path!("/account/delete") view=DeleteAccountPage ssr=SsrMode::Async/>
                <Route path=path!("/goodbye") view=GoodbyePage ssr=SsrMode::Async/>
                <Route path=path!("/account/security/totp") view=TotpSetupPage ssr=SsrMode::Async/>
                <Route path=path!("/_dev/outbox") view=OutboxPage ssr=SsrMode::Async/>
            </Routes>
        </Router>
    }
}
