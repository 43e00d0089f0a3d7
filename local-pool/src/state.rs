//! The data model and its persistence.
//!
//! Everything lives in one [`State`] behind a `std::sync::Mutex`. Operations
//! run on blocking threads, take the lock, mutate, and release it without
//! awaiting. After each mutation the whole state is serialised while still
//! under the lock (so snapshots are totally ordered) and written to
//! `state.json` atomically: temp file, fsync, rename, fsync of the directory.
//! A crash mid-write leaves the previous file intact; a snapshot older than
//! the one already on disk is never written, so no update is lost.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{ApiError, ApiResult};
use crate::outbox::OutboxMessage;

const STATE_FILE: &str = "state.json";
/// The outbox is for people looking at a development page, not an archive.
const OUTBOX_LIMIT: usize = 1000;

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct State {
    #[serde(default)]
    pub pools: BTreeMap<String, Pool>,
    #[serde(default)]
    pub outbox: Vec<OutboxMessage>,
    /// Challenge sessions: short-lived (minutes), so not worth persisting.
    #[serde(skip)]
    pub sessions: HashMap<String, ChallengeSession>,
    /// SRP exchanges between InitiateAuth and PASSWORD_VERIFIER, keyed by
    /// the secret block handed to the client.
    #[serde(skip)]
    pub srp: HashMap<String, SrpPending>,
    /// Failed attempts for names with no account (`pool id|kind|name`):
    /// wrong passwords and wrong codes, so that unknown names lock out and
    /// meet the hourly limits like real ones where the client prevents
    /// user existence errors. Kept in memory only: they end with the
    /// process, where a real user's counts are saved.
    #[serde(skip)]
    pub unknown_names: HashMap<String, Attempts>,
    /// Sessions of the sign-up that goes straight to signing in: SignUp
    /// hands one out, ConfirmSignUp trades it for a confirmed one, and
    /// InitiateAuth (USER_AUTH) spends that. Minutes long, not persisted.
    #[serde(skip)]
    pub sign_up_sessions: HashMap<String, SignUpSession>,
    /// The webauthn-rs-core state of each WEB_AUTHN challenge of a user
    /// with passkeys, by challenge session id (a decoy has none). Lives
    /// and dies with its session.
    #[serde(skip)]
    pub passkey_sign_ins: HashMap<String, webauthn_rs_core::proto::AuthenticationState>,
}

/// A sign-up on its way to a sign-in, for one user of one app client.
#[derive(Debug, Clone)]
pub struct SignUpSession {
    pub pool_id: String,
    pub client_id: String,
    pub username: String,
    pub expires_ms: u64,
    /// `None` until ConfirmSignUp accepted the code; then the first
    /// factor that code proved (`EMAIL_OTP` or `SMS_OTP`).
    pub confirmed_by: Option<&'static str>,
}

impl State {
    pub fn pool(&self, id: &str) -> ApiResult<&Pool> {
        self.pools
            .get(id)
            .ok_or_else(|| ApiError::resource_not_found(format!("User pool {id} does not exist.")))
    }

    pub fn pool_mut(&mut self, id: &str) -> ApiResult<&mut Pool> {
        self.pools
            .get_mut(id)
            .ok_or_else(|| ApiError::resource_not_found(format!("User pool {id} does not exist.")))
    }

    /// The pool that owns an app client; user operations only name the client.
    pub fn pool_id_for_client(&self, client_id: &str) -> ApiResult<String> {
        self.pools
            .values()
            .find(|p| p.clients.contains_key(client_id))
            .map(|p| p.id.clone())
            .ok_or_else(|| ApiError::resource_not_found("User pool client does not exist."))
    }

    pub fn push_outbox(&mut self, message: OutboxMessage) {
        tracing::info!(
            pool_id = %message.pool_id,
            channel = ?message.channel,
            purpose = ?message.purpose,
            "recorded a message in the outbox"
        );
        self.outbox.push(message);
        if self.outbox.len() > OUTBOX_LIMIT {
            let excess = self.outbox.len() - OUTBOX_LIMIT;
            self.outbox.drain(..excess);
        }
    }

    /// Drops expired sessions and SRP exchanges so memory stays bounded.
    pub fn prune(&mut self, now_ms: u64) {
        self.sessions.retain(|_, s| s.expires_ms > now_ms);
        self.srp.retain(|_, s| s.expires_ms > now_ms);
        self.unknown_names.retain(|_, a| !a.forgotten(now_ms));
        self.sign_up_sessions.retain(|_, s| s.expires_ms > now_ms);
        let sessions = &self.sessions;
        self.passkey_sign_ins
            .retain(|id, _| sessions.contains_key(id));
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pool {
    pub id: String,
    pub name: String,
    pub arn: String,
    pub created_ms: u64,
    pub modified_ms: u64,
    pub password_policy: PasswordPolicy,
    /// OFF, ON or OPTIONAL.
    pub mfa_configuration: String,
    pub username_attributes: Vec<String>,
    pub alias_attributes: Vec<String>,
    pub auto_verified_attributes: Vec<String>,
    /// Schema entries as given (custom ones renamed `custom:<name>`).
    pub schema: Vec<Value>,
    pub software_token_mfa: bool,
    pub sms_mfa: Option<Value>,
    pub email_mfa: Option<Value>,
    /// Members of CreateUserPool/UpdateUserPool this pool does not act on,
    /// echoed back by DescribeUserPool.
    pub extra: Map<String, Value>,
    pub clients: BTreeMap<String, AppClient>,
    pub users: BTreeMap<String, User>,
    /// Refresh tokens by their origin_jti (the family every token issued from
    /// one sign-in shares).
    pub refresh_tokens: BTreeMap<String, RefreshRecord>,
    /// `Policies.SignInPolicy` as given (the first factors USER_AUTH offers).
    #[serde(default)]
    pub sign_in_policy: Option<Value>,
    /// The key of the stand-ins shown for unknown users (their SRP salt and
    /// user id), so nobody can compute them from the name alone and tell
    /// a fake from a real account. Random per pool, hex.
    #[serde(default = "new_fake_key")]
    pub fake_key: String,
    /// The pool's groups by name (names are case-sensitive); members are
    /// kept on each user ([`User::groups`]).
    #[serde(default)]
    pub groups: BTreeMap<String, Group>,
    /// `WebAuthnConfiguration` from SetUserPoolMfaConfig.
    #[serde(default)]
    pub webauthn: Option<crate::passkeys::WebAuthnConfig>,
}

/// A group of users: it appears in its members' tokens as
/// `cognito:groups`, and its role (if any) in `cognito:roles`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Group {
    pub name: String,
    pub description: Option<String>,
    /// Lower wins when a user's groups name different roles.
    pub precedence: Option<i64>,
    pub role_arn: Option<String>,
    pub created_ms: u64,
    pub modified_ms: u64,
}

/// A fresh key for [`Pool::fake_key`].
pub fn new_fake_key() -> String {
    crate::srp::to_hex(&crate::codes::random_bytes::<32>())
}

impl Pool {
    /// The user's groups in the order their tokens list them: by
    /// precedence (lowest first, groups without one last), then by name.
    pub fn groups_of(&self, user: &User) -> Vec<&Group> {
        let mut groups: Vec<&Group> = user
            .groups
            .iter()
            .filter_map(|name| self.groups.get(name))
            .collect();
        groups.sort_by_key(|g| (g.precedence.is_none(), g.precedence, g.name.clone()));
        groups
    }

    /// The SRP "pool name": the part of the id after the underscore.
    pub fn srp_name(&self) -> &str {
        self.id.split_once('_').map_or(self.id.as_str(), |(_, n)| n)
    }

    pub fn client(&self, client_id: &str) -> ApiResult<&AppClient> {
        self.clients
            .get(client_id)
            .ok_or_else(|| ApiError::resource_not_found("User pool client does not exist."))
    }

    pub fn email_is_username(&self) -> bool {
        self.username_attributes.iter().any(|a| a == "email")
    }

    pub fn phone_is_username(&self) -> bool {
        self.username_attributes.iter().any(|a| a == "phone_number")
    }

    /// Whether two sign-in names are the same under this pool's
    /// `UsernameConfiguration.CaseSensitive`: with `false` the username, the
    /// email alias and preferred_username ignore case; with `true` (the
    /// default) they must match exactly.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UsernameConfigurationType.html>
    pub fn same_name(&self, a: &str, b: &str) -> bool {
        if self.case_sensitive_usernames() {
            a == b
        } else {
            a.to_lowercase() == b.to_lowercase()
        }
    }

    /// Finds a user by username or by an attribute that can stand in for it
    /// (UsernameAttributes always; AliasAttributes once verified). Phone
    /// numbers always match exactly; names and emails as
    /// [`Pool::same_name`] says.
    pub fn find_username(&self, name: &str) -> Option<String> {
        if self.users.contains_key(name) {
            return Some(name.to_owned());
        }
        if !self.case_sensitive_usernames()
            && let Some(u) = self.users.keys().find(|u| self.same_name(u, name))
        {
            return Some(u.clone());
        }
        for attr in ["email", "phone_number", "preferred_username"] {
            let as_username = self.username_attributes.iter().any(|a| a == attr);
            let as_alias = self.alias_attributes.iter().any(|a| a == attr);
            if !as_username && !as_alias {
                continue;
            }
            let found = self.users.values().find(|u| {
                let matches = u.attr(attr).is_some_and(|v| {
                    if attr == "phone_number" {
                        v == name
                    } else {
                        self.same_name(v, name)
                    }
                });
                let verified_ok = as_username
                    || attr == "preferred_username"
                    || u.attr_true(&format!("{attr}_verified"));
                matches && verified_ok
            });
            if let Some(user) = found {
                return Some(user.username.clone());
            }
        }
        None
    }

    /// `name` as this pool compares it: lowercased when names are
    /// case-insensitive, as typed otherwise.
    pub fn name_key(&self, name: &str) -> String {
        if self.case_sensitive_usernames() {
            name.to_owned()
        } else {
            name.to_lowercase()
        }
    }

    /// `UsernameConfiguration.CaseSensitive`, which Cognito takes as `true`
    /// when a pool is created without it.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UsernameConfigurationType.html>
    pub fn case_sensitive_usernames(&self) -> bool {
        self.extra
            .get("UsernameConfiguration")
            .and_then(|c| c.get("CaseSensitive"))
            .and_then(Value::as_bool)
            .unwrap_or(true)
    }

    /// `AdminCreateUserConfig.AllowAdminCreateUserOnly`: SignUp is refused.
    pub fn admin_create_only(&self) -> bool {
        self.extra
            .get("AdminCreateUserConfig")
            .and_then(|c| c.get("AllowAdminCreateUserOnly"))
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    /// Whether the pool has an `AccountRecoverySetting`.
    pub fn has_recovery_setting(&self) -> bool {
        self.extra.contains_key("AccountRecoverySetting")
    }

    /// Where password-reset codes go, in order: `AccountRecoverySetting`'s
    /// mechanisms by priority (`verified_email`, `verified_phone_number`,
    /// `admin_only`), or without the setting Cognito's legacy order, a
    /// verified phone first and then a verified email.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AccountRecoverySettingType.html>
    pub fn recovery_order(&self) -> Vec<String> {
        let Some(mechanisms) = self
            .extra
            .get("AccountRecoverySetting")
            .and_then(|s| s.get("RecoveryMechanisms"))
            .and_then(Value::as_array)
        else {
            return vec!["verified_phone_number".into(), "verified_email".into()];
        };
        let mut named: Vec<(i64, String)> = mechanisms
            .iter()
            .filter_map(|m| {
                Some((
                    m.get("Priority")
                        .and_then(Value::as_i64)
                        .unwrap_or(i64::MAX),
                    m.get("Name")?.as_str()?.to_owned(),
                ))
            })
            .collect();
        named.sort();
        named.into_iter().map(|(_, name)| name).collect()
    }

    /// The first factors USER_AUTH may offer (`SignInPolicy.AllowedFirstAuthFactors`),
    /// password only when the pool does not say.
    /// `DeviceConfiguration`: whether the pool tracks devices, and whether
    /// a confirmed device is remembered only when the user says so
    /// (`DeviceOnlyRememberedOnUserPrompt`).
    pub fn device_tracking(&self) -> Option<bool> {
        let config = self.extra.get("DeviceConfiguration")?.as_object()?;
        Some(
            config
                .get("DeviceOnlyRememberedOnUserPrompt")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        )
    }

    pub fn first_factors(&self) -> Vec<String> {
        self.sign_in_policy
            .as_ref()
            .and_then(|p| p.get("AllowedFirstAuthFactors"))
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_else(|| vec!["PASSWORD".into()])
    }

    /// Attributes the schema marks as required.
    pub fn required_attributes(&self) -> Vec<String> {
        self.schema
            .iter()
            .filter(|a| a.get("Required").and_then(Value::as_bool) == Some(true))
            .filter_map(|a| a.get("Name").and_then(Value::as_str).map(str::to_owned))
            .collect()
    }

    pub fn user(&self, username: &str) -> ApiResult<&User> {
        self.users
            .get(username)
            .ok_or_else(ApiError::user_not_found)
    }

    pub fn user_mut(&mut self, username: &str) -> ApiResult<&mut User> {
        self.users
            .get_mut(username)
            .ok_or_else(ApiError::user_not_found)
    }

    pub fn is_custom_attribute(&self, name: &str) -> bool {
        name.starts_with("custom:")
            && self
                .schema
                .iter()
                .any(|a| a.get("Name").and_then(Value::as_str) == Some(name))
    }

    /// Attributes whose verified value stays in place until a new value is
    /// verified (`UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate`).
    pub fn keeps_original_until_verified(&self, attribute: &str) -> bool {
        self.extra
            .get("UserAttributeUpdateSettings")
            .and_then(|s| s.get("AttributesRequireVerificationBeforeUpdate"))
            .and_then(Value::as_array)
            .is_some_and(|list| list.iter().any(|a| a.as_str() == Some(attribute)))
    }

    pub fn sms_mfa_enabled(&self) -> bool {
        self.sms_mfa.is_some()
    }

    pub fn email_mfa_enabled(&self) -> bool {
        self.email_mfa.is_some()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PasswordPolicy {
    pub minimum_length: u32,
    pub require_uppercase: bool,
    pub require_lowercase: bool,
    pub require_numbers: bool,
    pub require_symbols: bool,
    pub temporary_password_validity_days: u32,
}

impl Default for PasswordPolicy {
    /// Cognito's defaults when a pool is created without a policy.
    fn default() -> Self {
        Self {
            minimum_length: 8,
            require_uppercase: true,
            require_lowercase: true,
            require_numbers: true,
            require_symbols: true,
            temporary_password_validity_days: 7,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AppClient {
    pub id: String,
    pub name: String,
    pub secret: Option<String>,
    pub explicit_auth_flows: Vec<String>,
    /// ENABLED or LEGACY.
    pub prevent_user_existence_errors: String,
    pub access_token_validity: i64,
    pub id_token_validity: i64,
    pub refresh_token_validity: i64,
    /// Units of the three validities: seconds, minutes, hours or days.
    pub access_token_unit: String,
    pub id_token_unit: String,
    pub refresh_token_unit: String,
    pub auth_session_validity_minutes: i64,
    pub enable_token_revocation: bool,
    pub created_ms: u64,
    pub modified_ms: u64,
    pub extra: Map<String, Value>,
}

impl AppClient {
    pub fn prevents_user_existence_errors(&self) -> bool {
        self.prevent_user_existence_errors == "ENABLED"
    }

    pub fn allows(&self, flow: &str) -> bool {
        self.explicit_auth_flows.iter().any(|f| f == flow)
    }

    /// `ReadAttributes` or `WriteAttributes`; `None` when the client was
    /// created without the list, which lets it read or write every attribute.
    fn attribute_list(&self, member: &str) -> Option<Vec<&str>> {
        let list = self.extra.get(member)?.as_array()?;
        Some(list.iter().filter_map(Value::as_str).collect())
    }

    /// Whether GetUser and the ID token show `attribute` to this client.
    /// `sub` is always readable.
    /// <https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html#user-pool-settings-attribute-permissions-and-scopes>
    pub fn may_read(&self, attribute: &str) -> bool {
        attribute == "sub"
            || self
                .attribute_list("ReadAttributes")
                .is_none_or(|list| list.contains(&attribute))
    }

    /// Whether this client's users may set `attribute` (SignUp,
    /// UpdateUserAttributes, NEW_PASSWORD_REQUIRED, DeleteUserAttributes).
    /// The `*_verified` flags are never user-writable.
    pub fn may_write(&self, attribute: &str) -> bool {
        !attribute.ends_with("_verified")
            && self
                .attribute_list("WriteAttributes")
                .is_none_or(|list| list.contains(&attribute))
    }

    pub fn access_token_ms(&self) -> u64 {
        validity_ms(self.access_token_validity, &self.access_token_unit)
    }

    pub fn id_token_ms(&self) -> u64 {
        validity_ms(self.id_token_validity, &self.id_token_unit)
    }

    pub fn refresh_token_ms(&self) -> u64 {
        validity_ms(self.refresh_token_validity, &self.refresh_token_unit)
    }

    pub fn session_ms(&self) -> u64 {
        u64::try_from(self.auth_session_validity_minutes.max(1)).unwrap_or(3) * 60_000
    }
}

pub fn validity_ms(value: i64, unit: &str) -> u64 {
    let value = u64::try_from(value.max(0)).unwrap_or(0);
    let unit_ms = match unit {
        "seconds" => 1000,
        "minutes" => 60_000,
        "hours" => 3_600_000,
        _ => 86_400_000,
    };
    value.saturating_mul(unit_ms)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum UserStatus {
    #[serde(rename = "UNCONFIRMED")]
    Unconfirmed,
    #[serde(rename = "CONFIRMED")]
    Confirmed,
    #[serde(rename = "FORCE_CHANGE_PASSWORD")]
    ForceChangePassword,
    #[serde(rename = "RESET_REQUIRED")]
    ResetRequired,
}

impl UserStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unconfirmed => "UNCONFIRMED",
            Self::Confirmed => "CONFIRMED",
            Self::ForceChangePassword => "FORCE_CHANGE_PASSWORD",
            Self::ResetRequired => "RESET_REQUIRED",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct User {
    pub username: String,
    /// Includes `sub`; `*_verified` values are the strings "true"/"false".
    pub attributes: BTreeMap<String, String>,
    pub status: UserStatus,
    pub enabled: bool,
    pub created_ms: u64,
    pub modified_ms: u64,
    /// The SRP salt and verifier: the password itself is never stored.
    pub password: Option<crate::srp::Verifier>,
    /// When a temporary (admin-set) password stops working.
    pub temporary_password_expires_ms: Option<u64>,
    #[serde(default)]
    pub codes: Codes,
    #[serde(default)]
    pub mfa: MfaSettings,
    /// Failed attempts at what Cognito limits (wrong passwords, codes,
    /// password changes), by [`Limited`] kind.
    #[serde(default)]
    pub attempts: BTreeMap<Limited, Attempts>,
    /// Set once a temporary password has been used to start a sign-in: it
    /// is good for one NEW_PASSWORD_REQUIRED challenge, not for a second.
    #[serde(default)]
    pub temporary_password_used: bool,
    /// The names of the groups the user belongs to.
    #[serde(default)]
    pub groups: BTreeSet<String>,
    /// Devices the pool tracks for the user, by device key.
    #[serde(default)]
    pub devices: BTreeMap<String, Device>,
    /// The user's passkeys, oldest first.
    #[serde(default)]
    pub passkeys: Vec<Passkey>,
    /// The challenge of StartWebAuthnRegistration, until
    /// CompleteWebAuthnRegistration answers it (or it expires). Saved, so
    /// a restart between the two does not lose it.
    #[serde(default)]
    pub passkey_registration: Option<PendingRegistration>,
}

/// A passkey (WebAuthn credential) registered by a user.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Passkey {
    /// base64url, as ListWebAuthnCredentials shows it.
    pub credential_id: String,
    pub friendly_name: Option<String>,
    pub relying_party_id: String,
    /// `platform` or `cross-platform`, when the browser said.
    pub attachment: Option<String>,
    pub transports: Vec<String>,
    pub created_ms: u64,
    /// What webauthn-rs-core verifies assertions with: the public key, the
    /// sign counter, the user verification it was registered with.
    pub credential: webauthn_rs_core::proto::Credential,
}

/// A registration between StartWebAuthnRegistration and
/// CompleteWebAuthnRegistration.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingRegistration {
    /// The app client whose access token started it.
    pub client_id: String,
    pub relying_party_id: String,
    pub expires_ms: u64,
    pub state: webauthn_rs_core::proto::RegistrationState,
}

/// A device (a browser, an app install) the pool tracks for a user: made
/// when tokens are issued in a pool with a DeviceConfiguration, confirmed
/// by ConfirmDevice with the device's own SRP verifier, and, once
/// remembered, allowed to sign in without MFA by proving it holds the
/// device password (DEVICE_SRP_AUTH, DEVICE_PASSWORD_VERIFIER).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Device {
    pub group_key: String,
    /// Set by ConfirmDevice.
    pub verifier: Option<crate::srp::Verifier>,
    pub name: Option<String>,
    pub remembered: bool,
    pub created_ms: u64,
    pub modified_ms: u64,
    pub last_authenticated_ms: u64,
}

/// What Cognito counts failures of, per user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Limited {
    /// Wrong passwords at sign-in: the growing lockout.
    SignIn,
    /// Wrong previous passwords in ChangePassword.
    ChangePassword,
    ConfirmSignUp,
    ConfirmForgotPassword,
    VerifyAttribute,
}

impl Limited {
    /// Failures allowed per hour, from Cognito's per-user quotas: 15
    /// ConfirmSignUp attempts, 5 to 20 ConfirmForgotPassword attempts
    /// (depending on risk; the strict end here), 5 ChangePassword attempts.
    /// Attribute verification has no published figure and gets 5.
    /// <https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html>
    pub fn per_hour(self) -> u32 {
        match self {
            Self::ConfirmSignUp => 15,
            _ => 5,
        }
    }
}

/// Failures of one kind: how many, since when, the latest, and the latest
/// attempt of any outcome (a refused attempt during a lockout included).
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct Attempts {
    pub failures: u32,
    pub first_ms: u64,
    pub last_ms: u64,
    #[serde(default)]
    pub last_attempt_ms: u64,
}

const HOUR_MS: u64 = 3_600_000;
/// Wrong passwords a sign-in may make before the lockout starts.
pub const FREE_SIGN_IN_FAILURES: u32 = 5;
/// The longest sign-in lockout, and how long sign-in failures are
/// remembered after the last attempt.
pub const MAX_LOCKOUT_MS: u64 = 15 * 60_000;

impl Attempts {
    /// Whether `max` failures within the hour are used up (codes,
    /// password changes).
    pub fn exhausted(&self, now_ms: u64, max: u32) -> bool {
        self.failures >= max && now_ms < self.first_ms.saturating_add(HOUR_MS)
    }

    /// Counts a failure against the hourly allowance.
    pub fn fail_hourly(&mut self, now_ms: u64) {
        if now_ms >= self.first_ms.saturating_add(HOUR_MS) {
            *self = Self {
                first_ms: now_ms,
                ..Self::default()
            };
        }
        self.failures = self.failures.saturating_add(1);
        self.last_ms = now_ms;
        self.last_attempt_ms = now_ms;
    }

    /// Until when sign-in is locked: from the fifth wrong password on, for
    /// one second, doubling with every further failure, at most 15 minutes.
    /// <https://docs.aws.amazon.com/cognito/latest/developerguide/authentication.html#authentication-flow-lockout-behavior>
    pub fn locked_until(&self, now_ms: u64) -> Option<u64> {
        if self.failures < FREE_SIGN_IN_FAILURES {
            return None;
        }
        let doublings = (self.failures - FREE_SIGN_IN_FAILURES).min(20);
        let lockout = (1000u64 << doublings).min(MAX_LOCKOUT_MS);
        let until = self.last_ms.saturating_add(lockout);
        (now_ms < until).then_some(until)
    }

    /// Counts a wrong password. Failures are forgotten after 15 minutes
    /// without any attempt.
    pub fn fail_sign_in(&mut self, now_ms: u64) {
        if self.quiet(now_ms) {
            self.failures = 0;
            self.first_ms = now_ms;
        }
        self.failures = self.failures.saturating_add(1);
        self.last_ms = now_ms;
        self.last_attempt_ms = now_ms;
    }

    /// Notes an attempt that was refused without being judged (during a
    /// lockout): it keeps the count alive but does not lengthen the lockout.
    pub fn touch(&mut self, now_ms: u64) {
        self.last_attempt_ms = now_ms;
    }

    /// Whether 15 minutes have passed without an attempt.
    fn quiet(&self, now_ms: u64) -> bool {
        let last = self.last_ms.max(self.last_attempt_ms);
        now_ms >= last.saturating_add(MAX_LOCKOUT_MS)
    }

    /// Whether nothing here matters any more: no lockout can follow (15
    /// quiet minutes) and no hourly limit (its hour is over).
    pub fn forgotten(&self, now_ms: u64) -> bool {
        self.quiet(now_ms) && now_ms >= self.first_ms.saturating_add(HOUR_MS)
    }
}

impl User {
    pub fn sub(&self) -> &str {
        self.attributes.get("sub").map_or("", String::as_str)
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attributes.get(name).map(String::as_str)
    }

    pub fn attr_true(&self, name: &str) -> bool {
        self.attr(name) == Some("true")
    }

    /// The methods this user would be challenged with.
    pub fn enabled_mfa(&self, pool: &Pool) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.mfa.sms_enabled && pool.sms_mfa_enabled() && self.attr("phone_number").is_some() {
            out.push("SMS_MFA");
        }
        if self.mfa.totp_enabled && pool.software_token_mfa && self.mfa.totp_secret.is_some() {
            out.push("SOFTWARE_TOKEN_MFA");
        }
        if self.mfa.email_enabled && pool.email_mfa_enabled() && self.attr("email").is_some() {
            out.push("EMAIL_OTP");
        }
        out
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Codes {
    pub sign_up: Option<crate::codes::PendingCode>,
    pub forgot_password: Option<crate::codes::PendingCode>,
    /// Attribute verification codes by attribute name.
    pub attributes: BTreeMap<String, crate::codes::PendingCode>,
    /// New email or phone values waiting for their code, in pools that keep
    /// the original value until the new one is verified
    /// (`UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate`).
    #[serde(default)]
    pub pending_values: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct MfaSettings {
    /// A verified TOTP secret (base32).
    pub totp_secret: Option<String>,
    /// A secret handed out by AssociateSoftwareToken, not yet verified.
    pub totp_pending: Option<String>,
    /// The last TOTP time step accepted, so a code cannot be replayed.
    pub totp_last_step: u64,
    pub totp_enabled: bool,
    pub sms_enabled: bool,
    pub email_enabled: bool,
    /// SMS_MFA, SOFTWARE_TOKEN_MFA or EMAIL_OTP.
    pub preferred: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RefreshRecord {
    /// SHA-256 (hex) of the refresh token; the token itself is not stored.
    pub token_hash: String,
    pub username: String,
    pub client_id: String,
    pub auth_time: u64,
    pub expires_ms: u64,
    pub revoked: bool,
    /// The device the sign-in was made on, in a pool that tracks devices:
    /// refreshing needs its key, and the device confirmed.
    #[serde(default)]
    pub device_key: Option<String>,
}

/// Where a sign-in stands between two RespondToAuthChallenge calls.
#[derive(Debug, Clone)]
pub struct ChallengeSession {
    pub pool_id: String,
    pub client_id: String,
    pub username: String,
    pub challenge: String,
    pub expires_ms: u64,
    /// The code sent for SMS_MFA / EMAIL_OTP.
    pub code: Option<crate::codes::PendingCode>,
    /// Set once VerifySoftwareToken succeeded during MFA_SETUP.
    pub totp_verified: bool,
    /// Wrong answers so far; the session dies after a few.
    pub failures: u32,
    /// MFA_SETUP answered with `EMAIL`: email MFA is turned on once the
    /// EMAIL_OTP code that follows is answered.
    pub enables_email_mfa: bool,
    /// SELECT_CHALLENGE: the name the sign-in started with, which the
    /// chosen factor signs in (for an unknown name `username` is a fake).
    pub typed_name: Option<String>,
}

/// The server half of an SRP exchange, kept between InitiateAuth and
/// RespondToAuthChallenge(PASSWORD_VERIFIER).
#[derive(Debug, Clone)]
pub struct SrpPending {
    pub pool_id: String,
    pub client_id: String,
    /// `None` for an unknown user: the exchange is faked and must fail.
    pub username: Option<String>,
    /// The name the sign-in started with, under which wrong passwords of
    /// an unknown name are counted.
    pub typed_name: String,
    pub user_id_for_srp: String,
    pub server: Option<crate::srp::ServerExchange>,
    pub expires_ms: u64,
    /// For DEVICE_PASSWORD_VERIFIER: the device being proven.
    pub device_key: Option<String>,
    /// For USER_SRP_AUTH: the remembered device InitiateAuth named
    /// (`DEVICE_KEY`), which Cognito takes there as well as in the
    /// PASSWORD_VERIFIER answer.
    pub named_device: Option<String>,
}

/// The state plus where (and whether) it is persisted.
pub struct Store {
    state: Mutex<(State, u64)>,
    dir: Option<PathBuf>,
    /// The generation of the snapshot last written to disk.
    written: Mutex<u64>,
}

impl Store {
    pub fn load(dir: Option<PathBuf>) -> anyhow::Result<Self> {
        let state = match &dir {
            None => State::default(),
            Some(dir) => {
                fs::create_dir_all(dir)
                    .with_context(|| format!("creating the data directory {}", dir.display()))?;
                let path = dir.join(STATE_FILE);
                match fs::read(&path) {
                    Ok(bytes) => {
                        let state: State = serde_json::from_slice(&bytes)
                            .with_context(|| format!("reading {}", path.display()))?;
                        // Saved again at once, so that what an older file
                        // lacked and loading made up (a pool's fake key) is
                        // the same at every start.
                        let again =
                            serde_json::to_vec_pretty(&state).context("serialising the state")?;
                        write_atomically(dir, STATE_FILE, &again)?;
                        state
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => State::default(),
                    Err(e) => {
                        return Err(e).with_context(|| format!("reading {}", path.display()));
                    }
                }
            }
        };
        Ok(Self {
            state: Mutex::new((state, 0)),
            dir,
            written: Mutex::new(0),
        })
    }

    fn lock(&self) -> MutexGuard<'_, (State, u64)> {
        // A panic while holding the lock cannot leave the state half-written
        // on disk (snapshots are whole), so carrying on is the useful choice.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn read<T>(&self, f: impl FnOnce(&State) -> T) -> T {
        f(&self.lock().0)
    }

    /// Mutates only what is not persisted (sessions, SRP exchanges).
    pub fn write_volatile<T>(&self, f: impl FnOnce(&mut State) -> T) -> T {
        f(&mut self.lock().0)
    }

    /// Mutates and persists. The closure's result is returned even when it
    /// is an error, because failed attempts (wrong codes) are state too.
    pub fn write<T>(&self, f: impl FnOnce(&mut State) -> ApiResult<T>) -> ApiResult<T> {
        let (result, snapshot) = {
            let mut guard = self.lock();
            let result = f(&mut guard.0);
            guard.1 += 1;
            let generation = guard.1;
            let snapshot = self
                .dir
                .as_ref()
                .map(|_| (generation, serde_json::to_vec_pretty(&guard.0)));
            (result, snapshot)
        };
        if let (Some(dir), Some((generation, bytes))) = (&self.dir, snapshot) {
            let bytes = bytes.map_err(|e| {
                tracing::error!(error = %e, "serialising the state failed");
                ApiError::internal("Could not save the user pool state.")
            })?;
            let mut written = self.written.lock().unwrap_or_else(|p| p.into_inner());
            if generation > *written {
                write_atomically(dir, STATE_FILE, &bytes).map_err(|e| {
                    tracing::error!(error = %format!("{e:#}"), "saving the state failed");
                    ApiError::internal("Could not save the user pool state.")
                })?;
                *written = generation;
            }
        }
        result
    }
}

/// Writes `dir/name` so that readers see the old or the new content, never
/// a mix: write a temp file, fsync it, rename over, fsync the directory.
pub fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> anyhow::Result<()> {
    let tmp = dir.join(format!(".{name}.tmp"));
    let target = dir.join(name);
    {
        let mut options = fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt as _;
            options.mode(0o600);
        }
        let mut file = options
            .open(&tmp)
            .with_context(|| format!("creating {}", tmp.display()))?;
        file.write_all(bytes)
            .with_context(|| format!("writing {}", tmp.display()))?;
        file.sync_all()
            .with_context(|| format!("syncing {}", tmp.display()))?;
    }
    fs::rename(&tmp, &target).with_context(|| format!("replacing {}", target.display()))?;
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        // Makes the rename itself durable; failure here only weakens
        // durability, not atomicity, so it is not an error.
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sign_in_lockout_starts_at_the_fifth_failure_and_doubles_to_fifteen_minutes() {
        let mut a = Attempts::default();
        let mut now = 1_000_000;
        for _ in 0..4 {
            a.fail_sign_in(now);
            assert_eq!(a.locked_until(now), None);
        }
        a.fail_sign_in(now);
        assert_eq!(a.locked_until(now), Some(now + 1000));
        assert_eq!(a.locked_until(now + 1000), None);
        now += 1000;
        a.fail_sign_in(now);
        assert_eq!(a.locked_until(now), Some(now + 2000));
        for _ in 0..20 {
            now += 10;
            a.fail_sign_in(now);
        }
        assert_eq!(a.locked_until(now), Some(now + MAX_LOCKOUT_MS));
        // Attempts refused during the lockout keep the count alive ...
        now += MAX_LOCKOUT_MS;
        a.touch(now - 1);
        a.fail_sign_in(now);
        assert_eq!(a.locked_until(now), Some(now + MAX_LOCKOUT_MS));
        // ... and 15 quiet minutes forget it.
        now += MAX_LOCKOUT_MS;
        a.fail_sign_in(now);
        assert_eq!(a.locked_until(now), None);
    }

    #[test]
    fn the_hourly_allowance_runs_out_and_comes_back_after_the_hour() {
        let mut a = Attempts::default();
        for i in 0..5 {
            assert!(!a.exhausted(i, 5));
            a.fail_hourly(i);
        }
        assert!(a.exhausted(10, 5));
        assert!(!a.exhausted(HOUR_MS, 5));
        a.fail_hourly(HOUR_MS);
        assert_eq!(a.failures, 1);
    }
}
