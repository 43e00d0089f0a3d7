//! The Cognito operations, one function each, grouped by area:
//! `control` (pools, clients, admin user management), `user` (sign-up,
//! passwords, attributes, signing out), `auth` (InitiateAuth and its
//! challenges) and `mfa` (TOTP association and MFA preferences).

mod auth;
mod common;
mod control;
mod mfa;
mod user;

use serde_json::Value;

use crate::error::{ApiError, ApiResult};
use crate::input::Input;
use crate::server::Service;

/// What every operation gets: the service and the time of the request.
pub struct Ctx<'a> {
    pub svc: &'a Service,
    pub region: &'a str,
    pub now_ms: u64,
}

type Operation = fn(&Ctx<'_>, &Input) -> ApiResult<Value>;

/// Operations callers make without AWS credentials.
const USER_OPERATIONS: &[(&str, Operation)] = &[
    ("SignUp", user::sign_up),
    ("ConfirmSignUp", user::confirm_sign_up),
    ("ResendConfirmationCode", user::resend_confirmation_code),
    ("InitiateAuth", auth::initiate_auth),
    ("RespondToAuthChallenge", auth::respond_to_auth_challenge),
    ("ForgotPassword", user::forgot_password),
    ("ConfirmForgotPassword", user::confirm_forgot_password),
    ("ChangePassword", user::change_password),
    ("GetUser", user::get_user),
    ("UpdateUserAttributes", user::update_user_attributes),
    (
        "GetUserAttributeVerificationCode",
        user::get_user_attribute_verification_code,
    ),
    ("VerifyUserAttribute", user::verify_user_attribute),
    ("DeleteUserAttributes", user::delete_user_attributes),
    ("DeleteUser", user::delete_user),
    ("GlobalSignOut", user::global_sign_out),
    ("RevokeToken", user::revoke_token),
    ("AssociateSoftwareToken", mfa::associate_software_token),
    ("VerifySoftwareToken", mfa::verify_software_token),
    ("SetUserMFAPreference", mfa::set_user_mfa_preference),
];

/// Operations that need an AWS signature (any will do: there is no IAM).
const ADMIN_OPERATIONS: &[(&str, Operation)] = &[
    ("CreateUserPool", control::create_user_pool),
    ("DescribeUserPool", control::describe_user_pool),
    ("UpdateUserPool", control::update_user_pool),
    ("ListUserPools", control::list_user_pools),
    ("DeleteUserPool", control::delete_user_pool),
    ("SetUserPoolMfaConfig", control::set_user_pool_mfa_config),
    ("GetUserPoolMfaConfig", control::get_user_pool_mfa_config),
    ("CreateUserPoolClient", control::create_user_pool_client),
    ("DescribeUserPoolClient", control::describe_user_pool_client),
    ("UpdateUserPoolClient", control::update_user_pool_client),
    ("ListUserPoolClients", control::list_user_pool_clients),
    ("DeleteUserPoolClient", control::delete_user_pool_client),
    ("AdminCreateUser", control::admin_create_user),
    ("AdminGetUser", control::admin_get_user),
    ("AdminDeleteUser", control::admin_delete_user),
    ("AdminSetUserPassword", control::admin_set_user_password),
    ("AdminResetUserPassword", user::admin_reset_user_password),
    ("AdminConfirmSignUp", control::admin_confirm_sign_up),
    ("AdminDisableUser", control::admin_disable_user),
    ("AdminEnableUser", control::admin_enable_user),
    (
        "AdminUserGlobalSignOut",
        control::admin_user_global_sign_out,
    ),
    (
        "AdminUpdateUserAttributes",
        control::admin_update_user_attributes,
    ),
    ("ListUsers", control::list_users),
    (
        "AdminSetUserMFAPreference",
        mfa::admin_set_user_mfa_preference,
    ),
];

fn find(operation: &str) -> Option<Operation> {
    USER_OPERATIONS
        .iter()
        .chain(ADMIN_OPERATIONS)
        .find(|(name, _)| *name == operation)
        .map(|(_, op)| *op)
}

/// The names of every supported operation (for the README and tests).
pub fn supported() -> impl Iterator<Item = &'static str> {
    USER_OPERATIONS
        .iter()
        .chain(ADMIN_OPERATIONS)
        .map(|(n, _)| *n)
}

pub fn is_known(operation: &str) -> bool {
    find(operation).is_some()
}

pub fn needs_signature(operation: &str) -> bool {
    ADMIN_OPERATIONS.iter().any(|(name, _)| *name == operation)
}

pub fn dispatch(svc: &Service, operation: &str, input: &Input, region: &str) -> ApiResult<Value> {
    let ctx = Ctx {
        svc,
        region,
        now_ms: svc.clock().now_ms(),
    };
    let op = find(operation).ok_or_else(|| ApiError::new("UnknownOperationException", ""))?;
    let result = op(&ctx, input);
    if let Err(e) = &result {
        tracing::debug!(%operation, kind = e.kind, "cognito error");
    }
    result
}
