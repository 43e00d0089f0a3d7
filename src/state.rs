//! What every request can reach: the gateway, the settings pages need and,
//! in development, the embedded pool. Shared read-only behind an `Arc`.

use std::sync::Arc;

use crate::cognito::admin::MfaRequirement;
use crate::cognito::gateway::Gateway;
use crate::cognito::identity::IdentityPool;
use crate::cognito::mfa::Factor;
use crate::domain::{PasswordPolicy, SignInNameKind};
use crate::security::client_ip::ClientIp;
use crate::security::limits::Limiter;
use crate::security::pace::Pace;
use crate::security::return_to::Allowlist;
use crate::session::SessionVault;

pub struct Inner {
    /// The product's name and look (`THRESHOLD_BRAND_DIR`).
    pub brand: Arc<crate::brand::Brand>,
    pub gateway: Gateway,
    pub allowlist: Allowlist,
    pub sign_in_name: SignInNameKind,
    /// Choice-based sign-in (USER_AUTH): the name first, then the ways in
    /// the pool offers for it, passkeys among them.
    pub choice_sign_in: bool,
    /// Whether cookies are `Secure` (`THRESHOLD_SECURE_COOKIES`), for the
    /// small ones pages set themselves.
    pub secure_cookies: bool,
    pub password_policy: PasswordPolicy,
    /// Whether the pool asks for MFA, and which methods it allows.
    pub mfa: MfaRequirement,
    pub mfa_factors: Vec<Factor>,
    /// Attributes the sign-up form asks for besides email and password.
    pub sign_up_attributes: Vec<String>,
    /// Custom attributes the profile page edits besides the standard ones
    /// (`THRESHOLD_PROFILE_ATTRIBUTES`).
    pub profile_attributes: Vec<String>,
    /// The attributes the app client may write (`WriteAttributes`, read
    /// with DescribeUserPoolClient when credentials allow); `None` when
    /// unknown or unrestricted.
    pub writable_attributes: Option<Vec<String>>,
    /// The session store (sealed by the session key), also for markers
    /// that span sessions ("signed out everywhere").
    pub sessions: SessionVault,
    /// Whether the MFA code pages offer "Remember this browser"
    /// (`THRESHOLD_REMEMBER_DEVICES`).
    pub remember_devices: bool,
    /// Idle and absolute lifetimes of a signed-in session, in seconds.
    pub session_idle_secs: u64,
    pub session_max_secs: u64,
    /// How long a sign-in counts as recent for sensitive changes.
    pub reauth_after_secs: u64,
    /// Brute-force limits, and whose address counts against them.
    pub limiter: Limiter,
    pub client_ip: ClientIp,
    /// How long real steps take, for their decoys.
    pub pace: Pace,
    /// The identity pool that turns ID tokens into AWS credentials
    /// (`COGNITO_IDENTITY_POOL_ID`), when configured.
    pub identity_pool: Option<IdentityPool>,
    /// The embedded local pool, when no real pool is configured.
    pub dev_pool: Option<local_pool::RunningPool>,
    /// Kept while the embedded pool runs, so no other process runs it too.
    pub dev_pool_lock: Option<crate::embedded_pool::PoolLock>,
}

#[derive(Clone)]
pub struct AppState(pub Arc<Inner>);

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}
