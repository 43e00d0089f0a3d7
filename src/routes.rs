//! The route table: every path of the app, named once.
//!
//! The router serves exactly the pages listed in [`Page`]; flows redirect
//! to them, pages link to them and the tests visit them by name, so a path
//! is changed here and nowhere else. Form actions are the exception only
//! in form: each is declared once, in its server function's
//! `#[server(prefix = "/api", endpoint = "…")]` attribute (the macro takes
//! nothing but a literal), and named everywhere else by the function's
//! `PATH` constant.

use serde::{Deserialize, Serialize};

use crate::security::return_to::ReturnTo;

/// Every page of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Page {
    /// Sends the visitor to the account page or to sign-in.
    Home,
    SignIn,
    /// The step Cognito asks for after the password.
    SignInChallenge,
    SignUp,
    /// The confirmation code after sign-up.
    SignUpConfirm,
    ForgotPassword,
    ResetPassword,
    Account,
    Profile,
    ChangeEmail,
    ChangePhone,
    /// The code for a new or unverified email or phone (`?attribute=`).
    VerifyContact,
    ChangePassword,
    SignOutEverywhere,
    DeleteAccount,
    /// Where a deleted account ends up.
    Goodbye,
    /// The password again (and MFA), before a sensitive change when the
    /// sign-in is not recent.
    ConfirmIdentity,
    /// Enrolling an authenticator app from the account page.
    TotpSetup,
    /// The user's passkeys: add, list, delete.
    Passkeys,
    /// The messages the embedded local pool would have sent.
    DevOutbox,
}

impl Page {
    /// Every page, for the router.
    pub const ALL: [Page; 20] = [
        Page::Home,
        Page::SignIn,
        Page::SignInChallenge,
        Page::SignUp,
        Page::SignUpConfirm,
        Page::ForgotPassword,
        Page::ResetPassword,
        Page::Account,
        Page::Profile,
        Page::ChangeEmail,
        Page::ChangePhone,
        Page::VerifyContact,
        Page::ChangePassword,
        Page::SignOutEverywhere,
        Page::DeleteAccount,
        Page::Goodbye,
        Page::ConfirmIdentity,
        Page::TotpSetup,
        Page::Passkeys,
        Page::DevOutbox,
    ];

    /// The page's path: the one place each is written.
    pub const fn path(self) -> &'static str {
        match self {
            Page::Home => "/",
            Page::SignIn => "/sign-in",
            Page::SignInChallenge => "/sign-in/challenge",
            Page::SignUp => "/sign-up",
            Page::SignUpConfirm => "/sign-up/confirm",
            Page::ForgotPassword => "/forgot-password",
            Page::ResetPassword => "/reset-password",
            Page::Account => "/account",
            Page::Profile => "/account/profile",
            Page::ChangeEmail => "/account/email",
            Page::ChangePhone => "/account/phone",
            Page::VerifyContact => "/account/verify",
            Page::ChangePassword => "/account/password",
            Page::SignOutEverywhere => "/account/sign-out-everywhere",
            Page::DeleteAccount => "/account/delete",
            Page::Goodbye => "/goodbye",
            Page::ConfirmIdentity => "/account/confirm-identity",
            Page::TotpSetup => "/account/security/totp",
            Page::Passkeys => "/account/security/passkeys",
            Page::DevOutbox => "/_dev/outbox",
        }
    }

    /// The page served at `path` (without its query), if any.
    pub fn from_path(path: &str) -> Option<Page> {
        Page::ALL.into_iter().find(|page| page.path() == path)
    }
}

/// Liveness, for load balancers and orchestrators.
pub const HEALTHZ: &str = "/healthz";
/// Forward auth for reverse proxies (`handoff::forward_auth`).
pub const FORWARD_AUTH: &str = "/auth/verify";
/// The signed-in user's claims as JSON (`handoff::session_json`).
pub const SESSION_JSON: &str = "/api/session";
/// The development outbox as JSON, for tests and scripts (embedded pool only).
pub const DEV_OUTBOX_JSON: &str = "/_dev/outbox.json";
/// Where the server functions (the form actions) are mounted.
pub const API_PREFIX: &str = "/api";
/// Stylesheets, served from `style/`.
pub const STYLE_DIR: &str = "/style";
/// Images and optional scripts, served from `public/`.
pub const PUBLIC_DIR: &str = "/public";
/// The one stylesheet every page links.
pub const STYLESHEET: &str = "/style/main.css";
pub const FAVICON: &str = "/public/favicon.svg";
/// The optional enhancement of password fields (show password, live checklist).
pub const PASSWORD_SCRIPT: &str = "/public/js/password.js";
/// Passkeys: hands WebAuthn options to the browser and posts its answer.
pub const PASSKEY_SCRIPT: &str = "/public/js/passkey.js";
/// Threshold's own logo mark, the default brand's.
pub const LOGO: &str = "/public/logo.svg";
/// Every static file again under its fingerprint, cached for a year
/// (`/assets/{fingerprint}/style/main.css`; `crate::assets`).
pub const ASSETS_DIR: &str = "/assets";
/// A brand's files (`THRESHOLD_BRAND_DIR`): logo, favicon, stylesheets.
pub const BRAND_DIR: &str = "/brand";
/// Sets the language cookie and goes back (`?lang=ar&next=/sign-in`):
/// the picker in every page's footer, which works without JavaScript.
pub const LANGUAGE: &str = "/language";

/// Where the browser goes next: the `Location` of a 303 after a form post,
/// or of a redirect from a page. Built only from [`Page`]s and validated
/// `return_to` values, so it never points anywhere unexpected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location(String);

impl Location {
    pub fn page(page: Page) -> Self {
        Self(page.path().to_owned())
    }

    /// `page`, with `return_to` carried in its query when there is one.
    pub fn with_return_to(page: Page, return_to: Option<&ReturnTo>) -> Self {
        match return_to {
            None => Self::page(page),
            Some(r) => Self::with_query(page, &[("return_to", r.as_str())]),
        }
    }

    /// `page` with a query string built from `pairs` (form-encoded).
    pub fn with_query(page: Page, pairs: &[(&str, &str)]) -> Self {
        let query = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish();
        Self(format!("{}?{query}", page.path()))
    }

    /// A validated destination after sign-in.
    pub fn return_to(return_to: &ReturnTo) -> Self {
        Self(return_to.as_str().to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_is_found_by_its_path_and_paths_are_unique() {
        for page in Page::ALL {
            assert_eq!(Page::from_path(page.path()), Some(page), "{page:?}");
        }
        assert_eq!(Page::from_path("/no-such-page"), None);
    }

    #[test]
    fn return_to_travels_form_encoded_in_the_query() {
        let allowlist = crate::security::return_to::Allowlist::default();
        let back = ReturnTo::parse("/account/profile?tab=1", &allowlist);
        let location = Location::with_return_to(Page::SignIn, back.as_ref());
        assert_eq!(
            location.as_str(),
            "/sign-in?return_to=%2Faccount%2Fprofile%3Ftab%3D1"
        );
        assert_eq!(
            Location::with_return_to(Page::SignIn, None).as_str(),
            Page::SignIn.path()
        );
    }
}
