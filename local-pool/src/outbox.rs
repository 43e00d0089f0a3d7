//! The outbox: every email or SMS Cognito would send (sign-up, password
//! reset, MFA and attribute verification codes, invitations with temporary
//! passwords) is recorded as an [`OutboxMessage`] instead of being
//! delivered. The state keeps the last ones; `GET /_local/outbox` and
//! `RunningPool::outbox` read them.

use serde::{Deserialize, Serialize};

/// Which way a message would have been delivered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Channel {
    Email,
    Sms,
}

/// Why a message would have been sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    SignUp,
    ForgotPassword,
    Mfa,
    VerifyAttribute,
    Invitation,
}

/// An email or SMS that Cognito would have sent, recorded instead.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxMessage {
    pub pool_id: String,
    pub username: String,
    pub channel: Channel,
    pub destination: String,
    pub purpose: Purpose,
    /// The code (or, for invitations, the temporary password) in the message.
    pub code: Option<String>,
    pub message: String,
    /// RFC 3339, UTC.
    pub sent_at: String,
}
