//! The Cognito operations, one function each, grouped by area:
//!
//! - `pools`: user pools and their MFA configuration (control plane);
//! - `clients`: app clients (control plane);
//! - `admin_users`: admin user management (control plane);
//! - `groups`: groups and their members (control plane);
//! - `sign_in`: InitiateAuth;
//! - `challenges`: RespondToAuthChallenge, challenge sessions and issuing
//!   tokens;
//! - `self_service`: sign-up, passwords, attributes, signing out, TOTP
//!   association and MFA preferences, done by users themselves;
//! - `devices`: remembered devices (the user's and the admin operations);
//! - `webauthn`: registering, listing and deleting passkeys.
//!
//! `users` holds the helpers the areas share and `context` the `Ctx` every
//! operation gets. Only this module refers to the areas, through the
//! operation table below; the areas import `context` and `users` (and
//! `sign_in` imports `challenges`), never `ops` itself or each other, so the
//! modules form no cycle.

mod admin_users;
mod challenges;
mod clients;
mod context;
mod devices;
mod groups;
mod pools;
mod self_service;
mod sign_in;
mod users;
mod webauthn;

use serde_json::Value;

use crate::error::{ApiError, ApiResult};
use crate::input::Input;
use crate::service::Service;
use context::Ctx;

type Operation = fn(&Ctx<'_>, &Input) -> ApiResult<Value>;

/// Operations callers make without AWS credentials.
const USER_OPERATIONS: &[(&str, Operation)] = &[
    ("SignUp", self_service::sign_up),
    ("ConfirmSignUp", self_service::confirm_sign_up),
    (
        "ResendConfirmationCode",
        self_service::resend_confirmation_code,
    ),
    ("InitiateAuth", sign_in::initiate_auth),
    ("RespondToAuthChallenge", sign_in::respond_to_auth_challenge),
    ("ForgotPassword", self_service::forgot_password),
    (
        "ConfirmForgotPassword",
        self_service::confirm_forgot_password,
    ),
    ("ChangePassword", self_service::change_password),
    ("GetUser", self_service::get_user),
    ("GetUserAuthFactors", self_service::get_user_auth_factors),
    ("ConfirmDevice", devices::confirm_device),
    ("UpdateDeviceStatus", devices::update_device_status),
    ("ListDevices", devices::list_devices),
    ("GetDevice", devices::get_device),
    ("ForgetDevice", devices::forget_device),
    ("UpdateUserAttributes", self_service::update_user_attributes),
    (
        "GetUserAttributeVerificationCode",
        self_service::get_user_attribute_verification_code,
    ),
    ("VerifyUserAttribute", self_service::verify_user_attribute),
    ("DeleteUserAttributes", self_service::delete_user_attributes),
    ("DeleteUser", self_service::delete_user),
    ("GlobalSignOut", self_service::global_sign_out),
    ("RevokeToken", self_service::revoke_token),
    (
        "AssociateSoftwareToken",
        self_service::associate_software_token,
    ),
    ("VerifySoftwareToken", self_service::verify_software_token),
    (
        "SetUserMFAPreference",
        self_service::set_user_mfa_preference,
    ),
    (
        "StartWebAuthnRegistration",
        webauthn::start_web_authn_registration,
    ),
    (
        "CompleteWebAuthnRegistration",
        webauthn::complete_web_authn_registration,
    ),
    (
        "ListWebAuthnCredentials",
        webauthn::list_web_authn_credentials,
    ),
    (
        "DeleteWebAuthnCredential",
        webauthn::delete_web_authn_credential,
    ),
];

/// Operations that need an AWS signature (any will do: there is no IAM).
const ADMIN_OPERATIONS: &[(&str, Operation)] = &[
    ("CreateUserPool", pools::create_user_pool),
    ("DescribeUserPool", pools::describe_user_pool),
    ("UpdateUserPool", pools::update_user_pool),
    ("ListUserPools", pools::list_user_pools),
    ("DeleteUserPool", pools::delete_user_pool),
    ("SetUserPoolMfaConfig", pools::set_user_pool_mfa_config),
    ("GetUserPoolMfaConfig", pools::get_user_pool_mfa_config),
    ("CreateUserPoolClient", clients::create_user_pool_client),
    ("DescribeUserPoolClient", clients::describe_user_pool_client),
    ("UpdateUserPoolClient", clients::update_user_pool_client),
    ("ListUserPoolClients", clients::list_user_pool_clients),
    ("DeleteUserPoolClient", clients::delete_user_pool_client),
    ("AdminCreateUser", admin_users::admin_create_user),
    ("AdminGetUser", admin_users::admin_get_user),
    ("AdminDeleteUser", admin_users::admin_delete_user),
    ("AdminSetUserPassword", admin_users::admin_set_user_password),
    (
        "AdminResetUserPassword",
        admin_users::admin_reset_user_password,
    ),
    ("AdminConfirmSignUp", admin_users::admin_confirm_sign_up),
    ("AdminDisableUser", admin_users::admin_disable_user),
    ("AdminEnableUser", admin_users::admin_enable_user),
    (
        "AdminUserGlobalSignOut",
        admin_users::admin_user_global_sign_out,
    ),
    (
        "AdminUpdateUserAttributes",
        admin_users::admin_update_user_attributes,
    ),
    ("ListUsers", admin_users::list_users),
    (
        "AdminSetUserMFAPreference",
        admin_users::admin_set_user_mfa_preference,
    ),
    ("CreateGroup", groups::create_group),
    ("GetGroup", groups::get_group),
    ("DeleteGroup", groups::delete_group),
    ("AdminAddUserToGroup", groups::admin_add_user_to_group),
    (
        "AdminRemoveUserFromGroup",
        groups::admin_remove_user_from_group,
    ),
    ("AdminListGroupsForUser", groups::admin_list_groups_for_user),
    ("AdminListDevices", devices::admin_list_devices),
    ("AdminForgetDevice", devices::admin_forget_device),
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
