//! The Cognito operations, one function each, grouped by area:
//! `control` (pools, clients, admin user management), `user` (sign-up,
//! passwords, attributes, tokens), `auth` (InitiateAuth and challenges) and
//! `mfa` (TOTP association and MFA preferences).

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

/// Operations callers make without AWS credentials.
const USER_OPERATIONS: &[&str] = &[];

/// Operations that need an AWS signature (any will do: there is no IAM).
const ADMIN_OPERATIONS: &[&str] = &[];

pub fn is_known(operation: &str) -> bool {
    USER_OPERATIONS.contains(&operation) || ADMIN_OPERATIONS.contains(&operation)
}

pub fn needs_signature(operation: &str) -> bool {
    ADMIN_OPERATIONS.contains(&operation)
}

pub fn dispatch(svc: &Service, operation: &str, input: &Input, region: &str) -> ApiResult<Value> {
    let ctx = Ctx {
        svc,
        region,
        now_ms: svc.clock().now_ms(),
    };
    let _ = (&ctx, input);
    Err(ApiError::new("UnknownOperationException", format!("{operation} is not supported.")))
}
