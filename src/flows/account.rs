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
//! Each action goes through the signed-in guard first; a token Cognito
//! refuses ends the session and sends the visitor to sign-in with
//! `return_to` set to the page they were on.

use std::collections::BTreeMap;
use std::time::Instant;

use serde::{Deserialize, Serialize};

use super::signed_in::{self, NotSignedIn, SignedInUser};
use super::{FlowError, WrongCodes, audit, fail, invalid, log_unexpected};
use crate::cognito::errors::CognitoError;
use crate::cognito::self_service::UserProfile;
use crate::domain::{
    AttributeValue, ContactAttribute, Email, Locale, NewPassword, OtpCode, Password, Phone,
};
use crate::routes::{Location, Page};
use crate::security::audit::Event;
use crate::security::pace::Step;
use crate::session::{Flash, FormState, Session, SessionValue};
use crate::state::AppState;

// ---------------------------------------------------------------- state

/// New email or phone values waiting for their code, by attribute. Kept
/// only for the signed-in user: signing in or out starts a new session.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PendingContacts(pub BTreeMap<String, PendingContact>);

/// A new email or phone value waiting for its code.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingContact {
    pub value: String,
    /// The pool keeps the verified original until the new value is verified.
    pub keeps_original: bool,
    /// The address belongs to another account: answered as if a code had
    /// been sent, and every code is "not right" (nothing reveals the
    /// account), in the time a real answer takes.
    pub decoy: bool,
    /// Wrong codes since the last one was sent.
    #[serde(default)]
    pub wrong_codes: WrongCodes,
}

impl SessionValue for PendingContacts {
    const KEY: &'static str = "pending_contacts";
}

/// The change waiting for a code for `attribute`, if any.
pub fn pending(session: &Session, attribute: ContactAttribute) -> Option<PendingContact> {
    session
        .get::<PendingContacts>()
        .and_then(|p| p.0.get(attribute.name()).cloned())
}

fn set_pending(session: &Session, attribute: ContactAttribute, change: Option<PendingContact>) {
    let mut all = session.get::<PendingContacts>().unwrap_or_default();
    match change {
        Some(change) => all.0.insert(attribute.name().to_owned(), change),
        None => all.0.remove(attribute.name()),
    };
    session.insert(&all);
}

/// Standard attributes the profile page edits, in order.
///
/// One name field, not full name beside first and last name: asking for
/// the same thing twice confuses, and "first" and "last" do not fit every
/// culture's names. A pool that needs `given_name` and `family_name` lists
/// them in `THRESHOLD_PROFILE_ATTRIBUTES`.
pub const STANDARD_PROFILE_ATTRIBUTES: &[&str] = &["name", "locale"];

/// The attributes the profile page edits: the standard ones and those
/// named in `THRESHOLD_PROFILE_ATTRIBUTES`, less any the app client may not
/// write (Cognito would refuse them).
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
        .filter(|a| {
            app.writable_attributes
                .as_ref()
                .is_none_or(|writable| writable.contains(a))
        })
        .collect()
}

/// The page for changing `attribute`.
pub fn contact_page(attribute: ContactAttribute) -> Page {
    match attribute {
        ContactAttribute::Email => Page::ChangeEmail,
        ContactAttribute::Phone => Page::ChangePhone,
    }
}

/// The page for the code sent to `attribute`.
pub fn verify_page(attribute: ContactAttribute) -> Location {
    Location::with_query(Page::VerifyContact, &[("attribute", attribute.name())])
}

/// The user's profile (GetUser). A token Cognito refuses ends the session.
pub async fn profile(
    app: &AppState,
    session: &Session,
    user: &SignedInUser,
) -> Result<UserProfile, NotSignedIn> {
    match app.gateway.get_user(user.access_token.secret()).await {
        Ok(profile) => Ok(profile),
        Err(CognitoError::SessionEnded(_)) => {
            tracing::info!("session ended: the pool refused the access token");
            signed_in::end(session);
            Err(NotSignedIn::Ended)
        }
        Err(e) => {
            log_unexpected(&e);
            Err(NotSignedIn::Unavailable)
        }
    }
}

/// How long the account page's view of the user is reused: changes made
/// through Threshold show at once (every form action drops the view), and
/// changes made elsewhere (another browser, an administrator) within this.
pub const OVERVIEW_FRESH_SECS: u64 = 60;

/// What `/account` shows, as GetUser and ListDevices last said: kept in
/// the session so that reloading the page calls no Cognito API.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Overview {
    /// Whose it is: a session holds one user, but a stale entry must never
    /// show another's.
    sub: String,
    fetched_at: u64,
    pub profile: UserProfile,
    /// The remembered browsers, when the app offers remembering.
    pub browsers: Option<Vec<super::devices::RememberedBrowser>>,
}

impl SessionValue for Overview {
    const KEY: &'static str = "account_overview";
}

/// The account page's data: from the session when fresh, else (or when
/// `reload`: the visitor pressed reload) from the pool (GetUser, and
/// ListDevices when devices are remembered). A device list the pool could
/// not give is shown as such and not kept.
pub async fn overview(
    app: &AppState,
    session: &Session,
    user: &SignedInUser,
    reload: bool,
) -> Result<
    (
        UserProfile,
        Option<Result<Vec<super::devices::RememberedBrowser>, super::devices::DeviceError>>,
    ),
    NotSignedIn,
> {
    let now = super::now();
    if let Some(kept) = session.get::<Overview>().filter(|o| {
        !reload && o.sub == user.sub && now.saturating_sub(o.fetched_at) < OVERVIEW_FRESH_SECS
    }) {
        return Ok((kept.profile, kept.browsers.map(Ok)));
    }
    let profile = profile(app, session, user).await?;
    let browsers = super::devices::remembered(app, session, user).await;
    if let Some(Err(_)) = &browsers {
        session.remove::<Overview>();
    } else {
        session.insert(&Overview {
            sub: user.sub.clone(),
            fetched_at: now,
            profile: profile.clone(),
            browsers: browsers.as_ref().and_then(|b| b.as_ref().ok().cloned()),
        });
    }
    Ok((profile, browsers))
}

/// Drops the account page's kept view: called before every form action,
/// since any of them may change what it shows.
pub fn forget_overview(session: &Session) {
    session.remove::<Overview>();
}

/// Current attributes for an action on `here`, or where to go instead.
async fn attributes(
    app: &AppState,
    session: &Session,
    user: &SignedInUser,
    here: &Location,
) -> Result<BTreeMap<String, String>, Location> {
    profile(app, session, user)
        .await
        .map(|p| p.attributes)
        .map_err(|why| why.location(app, session, here))
}

// ---------------------------------------------------------------- input

pub struct ChangePasswordInput {
    pub current: String,
    pub proposed: String,
}

// ---------------------------------------------------------------- steps

/// Handles the profile form. Emptied fields are removed from the account.
pub async fn update_profile(
    app: &AppState,
    session: &Session,
    values: BTreeMap<String, String>,
) -> Location {
    let here = Location::page(Page::Profile);
    let user = match signed_in::require_for(app, session, &here).await {
        Ok(user) => user,
        Err(location) => return location,
    };
    let mut form = FormState::new(Page::Profile);
    let mut wanted = BTreeMap::new();
    for name in profile_attributes(app) {
        let raw = values.get(&name).map_or("", String::as_str);
        form = form.keep(&name, raw.trim());
        let parsed = AttributeValue::parse(raw).and_then(|value| {
            if name == "locale" && !value.is_empty() {
                Locale::parse(value.as_str()).map(|_| value)
            } else {
                Ok(value)
            }
        });
        match parsed {
            Ok(value) => {
                wanted.insert(name, value.as_str().to_owned());
            }
            Err(id) => form = form.error(&name, id),
        }
    }
    if form.has_errors() {
        return invalid(session, form, here);
    }
    let current = match attributes(app, session, &user, &here).await {
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
        return Location::page(Page::Account);
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
            Location::page(Page::Account)
        }
        Err(e) => failed(app, session, form, AccountError::from_profile(e), here),
    }
}

/// Handles the email and phone forms: the new value gets a code. An empty
/// phone number removes the number.
pub async fn change_contact(
    app: &AppState,
    session: &Session,
    attribute: ContactAttribute,
    raw: &str,
) -> Location {
    let here = Location::page(contact_page(attribute));
    // A new email or phone is how a stolen session would take the account
    // over (a reset code, or SMS codes, sent to the thief): it needs a
    // recent sign-in.
    let user = match signed_in::require_recent_for(app, session, &here).await {
        Ok(user) => user,
        Err(location) => return location,
    };
    let form = FormState::new(contact_page(attribute)).keep("value", raw);
    let value = match attribute {
        ContactAttribute::Email => Email::parse(raw).map(|e| Some(e.as_str().to_owned())),
        ContactAttribute::Phone if raw.trim().is_empty() => Ok(None),
        ContactAttribute::Phone => Phone::parse(raw).map(|p| Some(p.as_str().to_owned())),
    };
    let value = match value {
        Ok(value) => value,
        Err(id) => return invalid(session, form.error("value", id), here),
    };
    let current = match attributes(app, session, &user, &here).await {
        Ok(current) => current,
        Err(location) => return location,
    };
    let token = user.access_token.secret();
    let Some(value) = value else {
        if !current.contains_key(attribute.name()) {
            session.flash(Flash::info("contact.unchanged"));
            return Location::page(Page::Account);
        }
        if let Err(e) = app
            .gateway
            .delete_attributes(token, &[attribute.name().to_owned()])
            .await
        {
            return failed(app, session, form, AccountError::from_action(e), here);
        }
        set_pending(session, attribute, None);
        session.flash(Flash::info("contact.phone_removed"));
        return Location::page(Page::Account);
    };
    if current
        .get(attribute.name())
        .is_some_and(|v| v.eq_ignore_ascii_case(&value))
    {
        set_pending(session, attribute, None);
        session.flash(Flash::info("contact.unchanged"));
        return Location::page(Page::Account);
    }
    let update = BTreeMap::from([(attribute.name().to_owned(), value.clone())]);
    let started = Instant::now();
    let change = match app.gateway.update_attributes(token, &update).await {
        Ok(deliveries) => {
            // Pools that keep the verified original until the new value
            // is verified still report the old value.
            let after = match attributes(app, session, &user, &here).await {
                Ok(after) => after,
                Err(location) => return location,
            };
            let keeps_original = after.get(attribute.name()) != Some(&value);
            if !deliveries.iter().any(|d| d.attribute == attribute.name())
                && let Err(e) = app
                    .gateway
                    .attribute_verification_code(token, attribute)
                    .await
            {
                // Saved, but no code could be sent (a pool without SMS,
                // say): the account page offers to verify later.
                log_unexpected(&e);
                session.flash(Flash::error("contact.code_not_sent"));
                return Location::page(Page::Account);
            }
            app.pace.record(Step::ChangeContact, started.elapsed());
            PendingContact {
                value: value.clone(),
                keeps_original,
                decoy: false,
                wrong_codes: WrongCodes::default(),
            }
        }
        // Another account has this address: answer as if it worked.
        Err(CognitoError::AlreadyTaken) => {
            app.pace
                .finish_like_real(Step::ChangeContact, started)
                .await;
            PendingContact {
                value: value.clone(),
                keeps_original: true,
                decoy: true,
                wrong_codes: WrongCodes::default(),
            }
        }
        Err(e) => {
            let error = AccountError::from_contact(e, attribute);
            return failed(app, session, form, error, here);
        }
    };
    set_pending(session, attribute, Some(change));
    // The verify page says where the code went; a notice would repeat it.
    verify_page(attribute)
}

/// Handles the verification code for `attribute`.
pub async fn verify_contact(
    app: &AppState,
    session: &Session,
    attribute: ContactAttribute,
    code: &str,
) -> Location {
    let here = verify_page(attribute);
    let user = match signed_in::require_for(app, session, &here).await {
        Ok(user) => user,
        Err(location) => return location,
    };
    let form = FormState::new(Page::VerifyContact);
    let code = match OtpCode::parse(code) {
        Ok(code) => code,
        Err(id) => return invalid(session, form.error("code", id), here),
    };
    let change = pending(session, attribute);
    if change.as_ref().is_some_and(|c| c.wrong_codes.locked()) {
        return fail(session, form, &AccountError::TooManyAttempts, here);
    }
    let started = Instant::now();
    let checked = match &change {
        Some(c) if c.decoy => {
            app.pace
                .finish_like_real(Step::VerifyContact, started)
                .await;
            Err(CognitoError::CodeMismatch)
        }
        _ => {
            let checked = app
                .gateway
                .verify_attribute(user.access_token.secret(), attribute, &code)
                .await;
            app.pace.record(Step::VerifyContact, started.elapsed());
            checked
        }
    };
    match (checked, change) {
        (Ok(()), _) => {
            set_pending(session, attribute, None);
            if attribute == ContactAttribute::Email {
                audit(app, Event::EmailChanged, user.account_name(), "");
            }
            session.flash(Flash::info(match attribute {
                ContactAttribute::Email => "verify.email_done",
                ContactAttribute::Phone => "verify.phone_done",
            }));
            Location::page(Page::Account)
        }
        // A new value waiting for its code counts wrong codes, real or
        // decoy alike; verifying the current value has no decoy to match.
        (Err(e), Some(change)) if WrongCodes::counts(&e) => {
            tracing::info!(error = %e, "contact code refused");
            let wrong_codes = change.wrong_codes.add();
            if wrong_codes.locked() {
                audit(app, Event::LockedOut, user.account_name(), "contact_code");
            }
            set_pending(
                session,
                attribute,
                Some(PendingContact {
                    wrong_codes,
                    ..change
                }),
            );
            let error = if wrong_codes.locked() {
                AccountError::TooManyAttempts
            } else {
                AccountError::CodeMismatch
            };
            fail(session, form, &error, here)
        }
        (Err(e), _) => failed(app, session, form, AccountError::from_code(e), here),
    }
}

/// Handles "send a (new) code" for `attribute`, from the verify page or
/// the account page's banner.
pub async fn send_contact_code(
    app: &AppState,
    session: &Session,
    attribute: ContactAttribute,
) -> Location {
    let here = verify_page(attribute);
    let user = match signed_in::require_for(app, session, &here).await {
        Ok(user) => user,
        Err(location) => return location,
    };
    let pending = pending(session, attribute);
    let started = Instant::now();
    match &pending {
        Some(p) if p.decoy => {
            app.pace
                .finish_like_real(Step::SendContactCode, started)
                .await;
        }
        _ => match app
            .gateway
            .attribute_verification_code(user.access_token.secret(), attribute)
            .await
        {
            Ok(_) => app.pace.record(Step::SendContactCode, started.elapsed()),
            Err(e) => {
                let form = FormState::new(Page::VerifyContact);
                return failed(app, session, form, AccountError::from_action(e), here);
            }
        },
    }
    // A new code, a new count.
    if let Some(p) = pending {
        set_pending(
            session,
            attribute,
            Some(PendingContact {
                wrong_codes: WrongCodes::default(),
                ..p
            }),
        );
    }
    // The page names the destination; the notice says only that a new
    // code left.
    session.flash(Flash::info("verify.code_resent"));
    here
}

/// Handles the change-password form.
pub async fn change_password(
    app: &AppState,
    session: &Session,
    input: ChangePasswordInput,
) -> Location {
    let here = Location::page(Page::ChangePassword);
    let user = match signed_in::require_for(app, session, &here).await {
        Ok(user) => user,
        Err(location) => return location,
    };
    let mut form = FormState::new(Page::ChangePassword);
    let current = Password::parse(input.current);
    if let Err(id) = &current {
        form = form.error("current_password", id);
    }
    form = form.check_password(&app.password_policy, &input.proposed);
    let proposed = NewPassword::parse(input.proposed, &app.password_policy);
    if let Err(id) = &proposed {
        form = form.error("new_password", id);
    }
    let (Ok(current), Ok(proposed)) = (current, proposed) else {
        return invalid(session, form, here);
    };
    match app
        .gateway
        .change_password(user.access_token.secret(), &current, &proposed)
        .await
    {
        Ok(()) => {
            signed_in::privilege_changed(session);
            audit(app, Event::PasswordChanged, user.account_name(), "");
            session.flash(Flash::info("change_password.done"));
            Location::page(Page::Account)
        }
        Err(e) => failed(app, session, form, AccountError::from_password(e), here),
    }
}

/// Handles the delete-account confirmation: the typed word, then DeleteUser.
/// `word` is the confirmation word in the visitor's language
/// (`delete_account.word`), typed exactly as shown: a page that says
/// "Type DELETE" and takes "delete" teaches people not to read it.
pub async fn delete_account(
    app: &AppState,
    session: &Session,
    confirm: &str,
    word: &str,
) -> Location {
    let here = Location::page(Page::DeleteAccount);
    let user = match signed_in::require_recent_for(app, session, &here).await {
        Ok(user) => user,
        Err(location) => return location,
    };
    let form = FormState::new(Page::DeleteAccount);
    if typed_word(confirm) != typed_word(word) {
        return fail(session, form, &AccountError::WordMismatch, here);
    }
    if let Err(e) = app.gateway.delete_user(user.access_token.secret()).await {
        return failed(app, session, form, AccountError::from_action(e), here);
    }
    audit(app, Event::AccountDeleted, user.account_name(), "");
    // Other sessions of the deleted user end at their next request.
    signed_in::end_other_sessions(app, &user.sub).await;
    session.clear_flash();
    session.renew();
    // The goodbye page says it all; a notice above it would say it twice.
    Location::page(Page::Goodbye)
}

/// A word as typed, for comparing: in canonical composition (NFC), without
/// the bidi isolation marks a right-to-left page puts around it (they come
/// along when the word is copied from the label), trimmed. Letter case
/// still counts.
fn typed_word(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization as _;
    text.chars()
        .filter(|c| !('\u{2066}'..='\u{2069}').contains(c))
        .nfc()
        .collect::<String>()
        .trim()
        .to_owned()
}

/// Where a refused call leads: sign-in when the session ended, else back
/// to `here` with the error.
fn failed(
    app: &AppState,
    session: &Session,
    form: FormState,
    error: AccountError,
    here: Location,
) -> Location {
    if error == AccountError::SessionEnded {
        return signed_in::ended_during(app, session, &here);
    }
    fail(session, form, &error, here)
}

// ---------------------------------------------------------------- errors

/// What can go wrong on the account pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountError {
    /// The token was refused: signed out, back to this page after sign-in.
    SessionEnded,
    /// The pool refused a profile value: "Your profile could not be saved."
    ProfileNotSaved,
    /// The pool refused the address, beside the field.
    EmailInvalid,
    PhoneInvalid,
    /// A wrong code (or any code for another account's address).
    CodeMismatch,
    CodeExpired,
    TooManyAttempts,
    /// "That is not your current password.", beside the field.
    WrongCurrentPassword,
    /// The pool refused the new password, beside the field.
    PasswordRejected,
    /// The confirmation word was not typed as shown.
    WordMismatch,
    /// Throttled.
    RateLimited,
    /// The pool cannot be reached right now: "try again in a moment".
    Unavailable,
    /// Anything else; logged.
    Unexpected,
}

impl AccountError {
    fn from_profile(error: CognitoError) -> Self {
        match error {
            CognitoError::InvalidParameter(reason) => {
                tracing::warn!(%reason, "the pool refused a profile update");
                Self::ProfileNotSaved
            }
            other => Self::from_action(other),
        }
    }

    fn from_contact(error: CognitoError, attribute: ContactAttribute) -> Self {
        match error {
            CognitoError::InvalidParameter(reason) => {
                tracing::info!(%reason, "the pool refused a contact change");
                match attribute {
                    ContactAttribute::Email => Self::EmailInvalid,
                    ContactAttribute::Phone => Self::PhoneInvalid,
                }
            }
            other => Self::from_action(other),
        }
    }

    fn from_code(error: CognitoError) -> Self {
        match error {
            CognitoError::CodeMismatch => Self::CodeMismatch,
            CognitoError::ExpiredCode => Self::CodeExpired,
            // Both of Cognito's ways of saying "too many wrong codes".
            CognitoError::TooManyFailedAttempts | CognitoError::LimitExceeded => {
                Self::TooManyAttempts
            }
            other => Self::from_action(other),
        }
    }

    fn from_password(error: CognitoError) -> Self {
        match error {
            CognitoError::IncorrectCredentials => Self::WrongCurrentPassword,
            CognitoError::InvalidPassword(reason) => {
                tracing::info!(%reason, "the pool refused the new password");
                Self::PasswordRejected
            }
            other => Self::from_action(other),
        }
    }

    /// What any call with the access token can meet.
    fn from_action(error: CognitoError) -> Self {
        match error {
            CognitoError::SessionEnded(reason) => {
                // The pool's words say why (revoked, expired, signed by a
                // key or issuer it no longer has); the visitor only sees
                // that they must sign in again.
                tracing::info!(%reason, "the pool refused the access token");
                Self::SessionEnded
            }
            CognitoError::TooManyRequests | CognitoError::LimitExceeded => Self::RateLimited,
            e @ CognitoError::Unavailable { .. } => {
                log_unexpected(&e);
                Self::Unavailable
            }
            other => {
                log_unexpected(&other);
                Self::Unexpected
            }
        }
    }
}

impl FlowError for AccountError {
    fn message_id(&self) -> &'static str {
        match self {
            Self::SessionEnded => "session.ended",
            Self::ProfileNotSaved => "profile.not_saved",
            Self::EmailInvalid => "email.invalid",
            Self::PhoneInvalid => "phone.invalid",
            Self::CodeMismatch => "code.mismatch",
            Self::CodeExpired => "code.expired",
            Self::TooManyAttempts => "code.too_many_attempts",
            Self::WrongCurrentPassword => "change_password.wrong_current",
            Self::PasswordRejected => "password.rejected",
            Self::WordMismatch => "delete_account.word_mismatch",
            Self::RateLimited => "error.rate_limited",
            Self::Unavailable => "error.unavailable",
            Self::Unexpected => "error.unexpected",
        }
    }

    fn field(&self) -> Option<&'static str> {
        match self {
            Self::EmailInvalid | Self::PhoneInvalid => Some("value"),
            Self::CodeMismatch | Self::CodeExpired | Self::TooManyAttempts => Some("code"),
            Self::WrongCurrentPassword => Some("current_password"),
            Self::PasswordRejected => Some("new_password"),
            Self::WordMismatch => Some("confirm"),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::typed_word;

    #[test]
    fn the_delete_word_is_compared_as_text_not_bytes() {
        // "LÖSCHEN" typed with a combining diaeresis is the same word.
        assert_eq!(typed_word("LO\u{308}SCHEN"), typed_word("LÖSCHEN"));
        // Copied from a right-to-left label, isolation marks and all.
        assert_eq!(typed_word("\u{2068}حذف\u{2069} "), typed_word("حذف"));
        // Letter case still counts: the page says to type it as shown.
        assert_ne!(typed_word("delete"), typed_word("DELETE"));
    }
}
