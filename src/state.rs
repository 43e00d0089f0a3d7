//! What every request can reach: the gateway, the settings pages need and,
//! in development, the embedded pool. Shared read-only behind an `Arc`.

use std::sync::Arc;

use crate::cognito::Gateway;
use crate::config::SignInName;
use crate::domain::PasswordPolicy;
use crate::security::return_to::Allowlist;

pub struct Inner {
    pub gateway: Gateway,
    pub allowlist: Allowlist,
    pub sign_in_name: SignInName,
    pub password_policy: PasswordPolicy,
    /// Attributes the sign-up form asks for besides email and password.
    pub sign_up_attributes: Vec<String>,
    /// The embedded local pool, when no real pool is configured.
    pub dev_pool: Option<local_pool::RunningPool>,
}

#[derive(Clone)]
pub struct AppState(pub Arc<Inner>);

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}
