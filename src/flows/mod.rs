//! The flows: small state machines stored in the session. Each POST moves
//! one step and answers with where the browser goes next (a 303); each page
//! renders from the state it finds. Server-only.

pub mod account;
pub mod mfa;
pub mod profile;
pub mod recovery;
pub mod sign_in;
pub mod sign_up;

use std::collections::BTreeMap;

use crate::cognito::CognitoError;
use crate::session::{Flash, FormState, Session};

/// How long an unfinished sign-in or sign-up is kept. Cognito's challenge
/// sessions last three minutes; a sign-up code a day.
pub const SIGN_IN_FLOW_SECS: u64 = 10 * 60;
pub const SIGN_UP_FLOW_SECS: u64 = 24 * 60 * 60;

/// The form a failed submission returns to: its typed values and field errors.
pub struct Failure {
    form: &'static str,
    values: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
}

impl Failure {
    pub fn new(form: &'static str) -> Self {
        Self {
            form,
            values: BTreeMap::new(),
            errors: BTreeMap::new(),
        }
    }

    /// Keeps a non-secret value so the visitor does not type it again.
    pub fn keep(mut self, field: &str, value: &str) -> Self {
        self.values.insert(field.to_owned(), value.to_owned());
        self
    }

    pub fn field(mut self, field: &str, message_id: &str) -> Self {
        self.errors.insert(field.to_owned(), message_id.to_owned());
        self
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// Stores the form state (and an optional page-level message) for the
    /// next page view and returns `location` for the redirect.
    pub fn save(self, session: &Session, flash: Option<Flash>, location: String) -> String {
        session.set_form(FormState {
            form: self.form.to_owned(),
            values: self.values,
            errors: self.errors,
        });
        if let Some(flash) = flash {
            session.flash(flash);
        }
        location
    }
}

/// Logs what the visitor will not be told, and returns the flash they see.
pub fn report(error: &CognitoError) -> Flash {
    match error {
        CognitoError::Unexpected { .. } | CognitoError::InvalidParameter(_) => {
            tracing::error!(error = %error, "the user pool refused or failed a request");
        }
        _ => tracing::info!(error = %error, "user pool answered with an error"),
    }
    Flash::error(error.message_id())
}

pub fn now() -> u64 {
    crate::session::store::unix_now()
}

/// Unix milliseconds, for markers that must order events within a second.
pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or_default()
}

/// Adds `return_to` to a page URL when there is one.
pub fn with_return_to(
    path: &str,
    return_to: Option<&crate::security::return_to::ReturnTo>,
) -> String {
    match return_to {
        None => path.to_owned(),
        Some(r) => {
            let encoded: String =
                url::form_urlencoded::byte_serialize(r.as_str().as_bytes()).collect();
            format!("{path}?return_to={encoded}")
        }
    }
}
