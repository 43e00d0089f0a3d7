//! The signed-in user's own account: profile attributes, email and phone
//! changes with their codes, the password, and deleting the account.
//!
//! ```mermaid
//! stateDiagram-v2
//!     [*] --> Account: GET /account
//!     Account --> Account: profile saved (UpdateUserAttributes / DeleteUserAttributes)
//!     Account --> Verify: new email or phone → a code to the new address
//!     Verify --> Verify: wrong / expired code, "send a new code"
//!     Verify --> Account: VerifyUserAttribute ok
//!     Account --> Account: password changed (ChangePassword)
//!     Account --> Goodbye: DeleteUser, after typing DELETE
//!     Account --> SignIn: the session ended (return_to = the page)
//! ```
//!
//! Each action reads a fresh signed-in user first; a token Cognito refuses
//! ends the session and sends the visitor to sign-in with `return_to` set to
//! the page they were on.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::account::{self, NotSignedIn, sign_in_to_see};
use super::{Failure, report};
use crate::cognito::CognitoError;
use crate::domain::{Email, OtpCode, Password};
use crate::session::{Flash, Session, SignedInUser};
use crate::state::AppState;

pub const PROFILE_PAGE: &str = "/account/profile";
pub const EMAIL_PAGE: &str = "/account/email";
pub const PHONE_PAGE: &str = "/account/phone";
pub const VERIFY_PAGE: &str = "/account/verify";
pub const PASSWORD_PAGE: &str = "/account/password";
pub const SIGN_OUT_EVERYWHERE_PAGE: &str = "/account/sign-out-everywhere";
pub const DELETE_PAGE: &str = "/account/delete";
pub const GOODBYE_PAGE: &str = "/goodbye";
pub const ACCOUNT_PAGE: &str = "/account";

/// The word the delete confirmation asks for.
pub const DELETE_WORD: &str = "DELETE";

/// Standard attributes the profile page edits, in order.
pub const STANDARD_PROFILE_ATTRIBUTES: &[&str] = &["name", "given_name", "family_name", "locale"];

/// A new email or phone value waiting for its code.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingContact {
    /// Whose change this is (a later sign-in in the same browser is someone else's).
    pub sub: String,
    pub value: String,
    /// The pool keeps the verified original until the new value is verified.
    pub keeps_original: bool,
    /// The address belongs to another account: answered as if a code had
    /// been sent, and every code is "not right" (nothing reveals the account).
    #[serde(default)]
    pub decoy: bool,
}

/// The attributes the profile page edits: the standard ones and those
/// named in `THRESHOLD_PROFILE_ATTRIBUTES`.
pub fn profile_attributes(app: &AppState) -> Vec<String> {
    STANDARD_PROFILE_ATTRIBUTES
        .iter()
        .map(|a| (*a).to_owned())
        .chain(
            app.profile_attributes
                .iter()
                .filter(|a| !STANDARD_PROFILE_ATTRIBUTES.contains(&a.as_str()))
                .cloned(),
        )
        .collect()
}

/// The page for changing `attribute`, and its verify page.
pub fn contact_page(attribute: &str) -> &'static str {
    if attribute == "phone_number" {
        PHONE_PAGE
    } else {
        EMAIL_PAGE
    }
}

pub fn verify_page(attribute: &str) -> String {
    format!("{VERIFY_PAGE}?attribute={attribute}")
}

/// `email` or `phone_number`, the only attributes with codes.
pub fn contact_attribute(raw: &str) -> Option<&'static str> {
    match raw {
        "email" => Some("email"),
        "phone_number" => Some("phone_number"),
        _ => None,
    }
}

/// This user's changes waiting for a code.
pub fn pending(session: &Session, sub: &str) -> BTreeMap<String, PendingContact> {
    session.read(|d| {
        d.pending_contacts
            .iter()
            .filter(|(_, p)| p.sub == sub)
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    })
}

/// The signed-in user for an action on `page`, or where to go instead.
pub async fn user_for(
    app: &AppState,
    session: &Session,
    page: &str,
) -> Result<SignedInUser, String> {
    match account::fresh_user(app, session).await {
        Ok(user) => Ok(user),
        Err(NotSignedIn::Anonymous | NotSignedIn::Ended) => Err(sign_in_to_see(app, page)),
        Err(NotSignedIn::Unavailable) => {
            session.flash(Flash::error("error.unavailable"));
            Err(page.to_owned())
        }
    }
}

/// Where a failed call leads: sign-in when the session ended, else back
/// to `page` with a message.
fn failed(app: &AppState, session: &Session, page: &str, error: &CognitoError) -> String {
    match error {
        CognitoError::SessionEnded(_) => {
            account::end(session);
            sign_in_to_see(app, page)
        }
        CognitoError::TooManyRequests => {
            session.flash(Flash::error("error.rate_limited"));
            page.to_owned()
        }
        other => {
            session.flash(report(other));
            page.to_owned()
        }
    }
}

/// Current attributes (GetUser), or where to go.
async fn attributes(
    app: &AppState,
    session: &Session,
    user: &SignedInUser,
    page: &str,
) -> Result<BTreeMap<String, String>, String> {
    app.gateway
        .get_user(user.access_token.secret())
        .await
        .map(|p| p.attributes)
        .map_err(|e| failed(app, session, page, &e))
}

/// A language tag like `en`, `pt-BR` or `zh-Hant-TW` (BCP 47 shape).
fn valid_locale(value: &str) -> bool {
    let mut parts = value.split(['-', '_']);
    let first_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    first_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
        && value.len() <= 35
}

/// Handles the profile form. Emptied fields are removed from the account.
pub async fn update_profile(
    app: &AppState,
    session: &Session,
    values: BTreeMap<String, String>,
) -> String {
    let user = match user_for(app, session, PROFILE_PAGE).await {
        Ok(user) => user,
        Err(location) => return location,
    };
    let names = profile_attributes(app);
    let mut failure = Failure::new("profile");
    let mut wanted = BTreeMap::new();
    for name in &names {
        let value = values.get(name).map(|v| v.trim()).unwrap_or_default();
        failure = failure.keep(name, value);
        if value.chars().count() > 256 {
            failure = failure.field(name, "attribute.too_long");
        } else if value.chars().any(char::is_control) {
            failure = failure.field(name, "profile.invalid_characters");
        } else if name == "locale" && !value.is_empty() && !valid_locale(value) {
            failure = failure.field(name, "profile.locale_invalid");
        }
        wanted.insert(name.clone(), value.to_owned());
    }
    if failure.has_errors() {
        return failure.save(session, None, PROFILE_PAGE.to_owned());
    }
    let current = match attributes(app, session, &user, PROFILE_PAGE).await {
        Ok(current) => current,
        Err(location) => return location,
    };
    let mut update = BTreeMap::new();
    let mut remove = Vec::new();
    for (name, value) in wanted {
        match (value.is_empty(), current.get(&name)) {
            (true, Some(_)) => remove.push(name),
            (true, None) => {}
            (false, Some(old)) if *old == value => {}
            (false, _) => {
                update.insert(name, value);
            }
        }
    }
    if update.is_empty() && remove.is_empty() {
        session.flash(Flash::info("profile.unchanged"));
        return ACCOUNT_PAGE.to_owned();
    }
    let token = user.access_token.secret();
    let mut result = Ok(());
    if !update.is_empty() {
        result = app
            .gateway
            .update_attributes(token, &update)
            .await
            .map(|_| ());
    }
    if result.is_ok() && !remove.is_empty() {
        result = app.gateway.delete_attributes(token, &remove).await;
    }
    match result {
        Ok(()) => {
            session.flash(Flash::info("profile.saved"));
            ACCOUNT_PAGE.to_owned()
        }
        Err(CognitoError::InvalidParameter(reason)) => {
            tracing::warn!(%reason, "the pool refused a profile update");
            failure.save(
                session,
                Some(Flash::error("profile.not_saved")),
                PROFILE_PAGE.to_owned(),
            )
        }
        Err(e) => {
            let location = failed(app, session, PROFILE_PAGE, &e);
            if location == PROFILE_PAGE {
                return failure.save(session, None, location);
            }
            location
        }
    }
}

/// `+15555550123`, from what people type (spaces, dashes, dots, brackets).
fn parse_phone(raw: &str) -> Result<String, &'static str> {
    let cleaned: String = raw
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')' | '\u{a0}'))
        .collect();
    let digits = cleaned.strip_prefix('+').ok_or("phone.invalid")?;
    if (8..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(cleaned)
    } else {
        Err("phone.invalid")
    }
}

/// Handles the email and phone forms: the new value gets a code.
pub async fn change_contact(
    app: &AppState,
    session: &Session,
    attribute: &'static str,
    raw: &str,
) -> String {
    let page = contact_page(attribute);
    let user = match user_for(app, session, page).await {
        Ok(user) => user,
        Err(location) => return location,
    };
    let failure = Failure::new("contact").keep("value", raw);
    let value = if attribute == "email" {
        Email::parse(raw).map(|e| e.as_str().to_owned())
    } else if raw.trim().is_empty() {
        Ok(String::new())
    } else {
        parse_phone(raw)
    };
    let value = match value {
        Ok(value) => value,
        Err(id) => {
            return failure
                .field("value", id)
                .save(session, None, page.to_owned());
        }
    };
    let current = match attributes(app, session, &user, page).await {
        Ok(current) => current,
        Err(location) => return location,
    };
    let token = user.access_token.secret();
    if value.is_empty() {
        // An empty phone field removes the number.
        if current.contains_key(attribute) {
            if let Err(e) = app
                .gateway
                .delete_attributes(token, &[attribute.to_owned()])
                .await
            {
                return failed(app, session, page, &e);
            }
            session.update(|d| d.pending_contacts.remove(attribute));
            session.flash(Flash::info("contact.phone_removed"));
        } else {
            session.flash(Flash::info("contact.unchanged"));
        }
        return ACCOUNT_PAGE.to_owned();
    }
    if current
        .get(attribute)
        .is_some_and(|v| v.eq_ignore_ascii_case(&value))
    {
        session.update(|d| d.pending_contacts.remove(attribute));
        session.flash(Flash::info("contact.unchanged"));
        return ACCOUNT_PAGE.to_owned();
    }
    let mut update = BTreeMap::new();
    update.insert(attribute.to_owned(), value.clone());
    let pending = match app.gateway.update_attributes(token, &update).await {
        Ok(deliveries) => {
            // Pools that keep the verified original until the new value
            // is verified still report the old value.
            let after = match attributes(app, session, &user, page).await {
                Ok(after) => after,
                Err(location) => return location,
            };
            let keeps_original = after.get(attribute) != Some(&value);
            if !deliveries.iter().any(|d| d.attribute == attribute)
                && let Err(e) = app
                    .gateway
                    .attribute_verification_code(token, attribute)
                    .await
            {
                // Saved, but no code could be sent (a pool without SMS,
                // say): the account page offers to verify later.
                report(&e);
                session.flash(Flash::error("contact.code_not_sent"));
                return ACCOUNT_PAGE.to_owned();
            }
            PendingContact {
                sub: user.sub.clone(),
                value: value.clone(),
                keeps_original,
                decoy: false,
            }
        }
        // Another account has this address: answer as if it worked.
        Err(CognitoError::UsernameExists) => PendingContact {
            sub: user.sub.clone(),
            value: value.clone(),
            keeps_original: true,
            decoy: true,
        },
        Err(CognitoError::InvalidParameter(reason)) => {
            tracing::info!(%reason, "the pool refused a contact change");
            let id = if attribute == "email" {
                "email.invalid"
            } else {
                "phone.invalid"
            };
            return failure
                .field("value", id)
                .save(session, None, page.to_owned());
        }
        Err(e) => return failed(app, session, page, &e),
    };
    session.update(|d| {
        d.pending_contacts.insert(attribute.to_owned(), pending);
    });
    session.flash(Flash::info("verify.code_sent").with("destination", value));
    verify_page(attribute)
}

/// Handles the verification code for `attribute`.
pub async fn verify_contact(
    app: &AppState,
    session: &Session,
    attribute: &'static str,
    code: &str,
) -> String {
    let page = verify_page(attribute);
    let user = match user_for(app, session, &page).await {
        Ok(user) => user,
        Err(location) => return location,
    };
    let failure = Failure::new("verify");
    let code = match OtpCode::parse(code) {
        Ok(code) => code,
        Err(id) => return failure.field("code", id).save(session, None, page),
    };
    let pending = pending(session, &user.sub).remove(attribute);
    if pending.as_ref().is_some_and(|p| p.decoy) {
        return failure
            .field("code", "code.mismatch")
            .save(session, None, page);
    }
    match app
        .gateway
        .verify_attribute(user.access_token.secret(), attribute, &code)
        .await
    {
        Ok(()) => {
            session.update(|d| d.pending_contacts.remove(attribute));
            session.flash(Flash::info(if attribute == "email" {
                "verify.email_done"
            } else {
                "verify.phone_done"
            }));
            ACCOUNT_PAGE.to_owned()
        }
        Err(CognitoError::CodeMismatch) => failure
            .field("code", "code.mismatch")
            .save(session, None, page),
        Err(CognitoError::ExpiredCode) => failure
            .field("code", "code.expired")
            .save(session, None, page),
        Err(CognitoError::TooManyFailedAttempts | CognitoError::TooManyRequests) => failure
            .field("code", "code.too_many_attempts")
            .save(session, None, page),
        Err(e) => failed(app, session, &page, &e),
    }
}

/// Handles "send a (new) code" for `attribute`, from the verify page or
/// the account page's banner.
pub async fn send_contact_code(
    app: &AppState,
    session: &Session,
    attribute: &'static str,
) -> String {
    let page = verify_page(attribute);
    let user = match user_for(app, session, &page).await {
        Ok(user) => user,
        Err(location) => return location,
    };
    let pending = pending(session, &user.sub).remove(attribute);
    let destination = match &pending {
        Some(p) if p.decoy => Some(p.value.clone()),
        _ => match app
            .gateway
            .attribute_verification_code(user.access_token.secret(), attribute)
            .await
        {
            Ok(cognito) => pending.map(|p| p.value).or(cognito),
            Err(e) => return failed(app, session, &page, &e),
        },
    };
    session.flash(
        Flash::info("verify.code_resent").with("destination", destination.unwrap_or_default()),
    );
    page
}

/// Handles the change-password form.
pub async fn change_password(
    app: &AppState,
    session: &Session,
    current: String,
    proposed: String,
) -> String {
    let user = match user_for(app, session, PASSWORD_PAGE).await {
        Ok(user) => user,
        Err(location) => return location,
    };
    let mut failure = Failure::new("change_password");
    let current = Password::parse(current);
    if let Err(id) = &current {
        failure = failure.field("current_password", id);
    }
    let proposed = match Password::parse(proposed) {
        Ok(p) => {
            if !app.password_policy.broken_rules(&p).is_empty() {
                failure = failure.field("new_password", "password.policy_unmet");
            }
            Some(p)
        }
        Err(id) => {
            failure = failure.field("new_password", id);
            None
        }
    };
    let (Ok(current), Some(proposed), false) = (current, proposed, failure.has_errors()) else {
        return failure.save(session, None, PASSWORD_PAGE.to_owned());
    };
    match app
        .gateway
        .change_password(user.access_token.secret(), &current, &proposed)
        .await
    {
        Ok(()) => {
            session.flash(Flash::info("change_password.done"));
            ACCOUNT_PAGE.to_owned()
        }
        Err(CognitoError::IncorrectCredentials) => failure
            .field("current_password", "change_password.wrong_current")
            .save(session, None, PASSWORD_PAGE.to_owned()),
        Err(CognitoError::InvalidPassword(reason)) => {
            tracing::info!(%reason, "the pool refused the new password");
            failure.field("new_password", "password.rejected").save(
                session,
                None,
                PASSWORD_PAGE.to_owned(),
            )
        }
        Err(e) => failed(app, session, PASSWORD_PAGE, &e),
    }
}

/// Handles the delete-account confirmation: the typed word, then DeleteUser.
pub async fn delete_account(app: &AppState, session: &Session, confirm: &str) -> String {
    let user = match user_for(app, session, DELETE_PAGE).await {
        Ok(user) => user,
        Err(location) => return location,
    };
    if !confirm.trim().eq_ignore_ascii_case(DELETE_WORD) {
        return Failure::new("delete_account")
            .field("confirm", "delete_account.word_mismatch")
            .save(session, None, DELETE_PAGE.to_owned());
    }
    if let Err(e) = app.gateway.delete_user(user.access_token.secret()).await {
        return failed(app, session, DELETE_PAGE, &e);
    }
    // Other sessions of the deleted user end at their next request.
    if let Err(e) = app
        .sessions
        .end_sessions_before(&user.sub, super::now_ms())
        .await
    {
        tracing::error!(error = ?e, "could not record the sign-out marker");
    }
    session.renew();
    session.update(|d| {
        d.user = None;
        d.pending_contacts.clear();
        d.flash.clear();
        d.form = None;
    });
    session.flash(Flash::info("delete_account.done"));
    GOODBYE_PAGE.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_lose_their_separators() {
        assert_eq!(parse_phone("+1 (555) 555-0123"), Ok("+15555550123".into()));
        assert_eq!(parse_phone("555 0123"), Err("phone.invalid"));
        assert_eq!(parse_phone("+12"), Err("phone.invalid"));
    }

    #[test]
    fn locales_are_language_tags() {
        for ok in ["en", "pt-BR", "zh-Hant-TW", "fr_CA"] {
            assert!(valid_locale(ok), "{ok}");
        }
        for bad in ["", "e", "english language", "en--US", "12"] {
            assert!(!valid_locale(bad), "{bad}");
        }
    }
}
