//! MFA from the account page: enrol an authenticator app (by access token),
//! turn methods on and off, choose the preferred one.
//!
//! ```mermaid
//! stateDiagram-v2
//!     [*] --> Account
//!     Account --> Enrolling: "Set up an authenticator app" (AssociateSoftwareToken)
//!     Enrolling --> Enrolling: wrong code
//!     Enrolling --> Account: VerifySoftwareToken ok → SetUserMFAPreference (on)
//!     Account --> Account: turn SMS / email / app on or off, make preferred
//! ```

use super::account::{NotSignedIn, fresh_user, sign_in_to_see};
use super::{Failure, report};
use crate::cognito::CognitoError;
use crate::cognito::mfa::{Enrolment, Factor, Preference};
use crate::domain::OtpCode;
use crate::session::{Flash, Session, SignedInUser, StoredSecret};
use crate::state::AppState;

pub const TOTP_PAGE: &str = "/account/security/totp";

/// The signed-in user, or where to send a visitor who is not.
async fn signed_in(app: &AppState, session: &Session, here: &str) -> Result<SignedInUser, String> {
    match fresh_user(app, session).await {
        Ok(user) => Ok(user),
        Err(NotSignedIn::Unavailable) => {
            session.flash(Flash::error("error.unavailable"));
            Err("/account".to_owned())
        }
        Err(_) => Err(sign_in_to_see(app, here)),
    }
}

/// "Set up an authenticator app": a new secret, kept in the session so a
/// reload of the QR page shows the same one.
pub async fn start_totp(app: &AppState, session: &Session) -> String {
    let user = match signed_in(app, session, "/account").await {
        Ok(user) => user,
        Err(location) => return location,
    };
    match app
        .gateway
        .associate_software_token(Enrolment::AccessToken(user.access_token.secret()))
        .await
    {
        Ok(associated) => {
            session.update(|d| d.totp_enrolment = Some(StoredSecret::new(associated.secret)));
            TOTP_PAGE.to_owned()
        }
        Err(e) => {
            session.flash(report(&e));
            "/account".to_owned()
        }
    }
}

/// Checks the app's first code and turns app MFA on (preferred, since it
/// is the strongest method a user can have here).
pub async fn verify_totp(
    app: &AppState,
    session: &Session,
    code: &str,
    device_name: &str,
) -> String {
    let user = match signed_in(app, session, TOTP_PAGE).await {
        Ok(user) => user,
        Err(location) => return location,
    };
    if session.read(|d| d.totp_enrolment.is_none()) {
        return "/account".to_owned();
    }
    let code = match OtpCode::parse(code) {
        Ok(code) => code,
        Err(id) => {
            return Failure::new("totp")
                .field("code", id)
                .save(session, None, TOTP_PAGE.into());
        }
    };
    let device = device_name.trim();
    let device = (!device.is_empty()).then(|| device.chars().take(64).collect::<String>());
    let token = user.access_token.secret();
    let verified = app
        .gateway
        .verify_software_token(
            Enrolment::AccessToken(token),
            code.as_str(),
            device.as_deref(),
        )
        .await;
    match verified {
        Ok(_) => {}
        Err(CognitoError::CodeMismatch) => {
            return Failure::new("totp")
                .keep("device_name", device_name)
                .field("code", "code.mismatch")
                .save(session, None, TOTP_PAGE.into());
        }
        Err(e) => {
            let flash = report(&e);
            return Failure::new("totp").save(session, Some(flash), TOTP_PAGE.into());
        }
    }
    let change = Preference {
        factor: Factor::Totp,
        enabled: true,
        preferred: true,
    };
    if let Err(e) = app.gateway.set_mfa_preference(token, change).await {
        session.flash(report(&e));
        return TOTP_PAGE.to_owned();
    }
    session.update(|d| d.totp_enrolment = None);
    session.flash(Flash::info("mfa.totp_on"));
    "/account".to_owned()
}

/// What the buttons in the security section ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Enable,
    Disable,
    Prefer,
}

impl Change {
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "enable" => Some(Self::Enable),
            "disable" => Some(Self::Disable),
            "prefer" => Some(Self::Prefer),
            _ => None,
        }
    }
}

/// Turns a method on or off, or makes it the preferred one.
pub async fn change(app: &AppState, session: &Session, factor: &str, change: &str) -> String {
    let user = match signed_in(app, session, "/account").await {
        Ok(user) => user,
        Err(location) => return location,
    };
    let (Some(factor), Some(change)) = (Factor::from_id(factor), Change::parse(change)) else {
        session.flash(Flash::error("error.invalid_input"));
        return "/account".to_owned();
    };
    if !app.mfa_factors.contains(&factor) && change != Change::Disable {
        session.flash(Flash::error("mfa.not_allowed"));
        return "/account".to_owned();
    }
    // Enabling an app needs the enrolment page; only SMS and email can be
    // switched on directly.
    if factor == Factor::Totp && change == Change::Enable {
        return start_totp(app, session).await;
    }
    let preference = Preference {
        factor,
        enabled: change != Change::Disable,
        preferred: change == Change::Prefer,
    };
    match app
        .gateway
        .set_mfa_preference(user.access_token.secret(), preference)
        .await
    {
        Ok(()) => {
            let id = match (factor, change) {
                (_, Change::Prefer) => "mfa.preferred_set",
                (Factor::Totp, Change::Disable) => "mfa.totp_off",
                (Factor::Sms, Change::Enable) => "mfa.sms_on",
                (Factor::Sms, _) => "mfa.sms_off",
                (Factor::Email, Change::Enable) => "mfa.email_on",
                (Factor::Email, _) => "mfa.email_off",
                (Factor::Totp, Change::Enable) => "mfa.totp_on",
            };
            session.flash(Flash::info(id));
        }
        Err(CognitoError::InvalidParameter(reason)) => {
            tracing::info!(%reason, "MFA preference refused");
            session.flash(Flash::error("mfa.refused"));
        }
        Err(e) => session.flash(report(&e)),
    }
    "/account".to_owned()
}
