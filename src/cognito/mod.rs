//! The one gateway to the user pool. Only this module calls the AWS SDK
//! and knows Cognito's wire names: it computes SECRET_HASH, runs SRP,
//! verifies tokens and turns every SDK answer into project types, so
//! flows and pages never see the SDK.
//!
//! - `client`: SDK clients for a region or an endpoint override;
//! - `gateway`: the app client's gateway (operations in `sign_in`,
//!   `self_service`, `mfa`, `passkeys` and `devices`), `challenge` the typed challenges
//!   and answers;
//! - `admin`: what needs AWS credentials (pool settings, provisioning, users);
//! - `errors`: the one mapping from SDK errors; `tokens`: JWKS verification;
//!   `secret_hash`;
//! - `identity`: AWS credentials for a signed-in user from an identity pool.

pub mod admin;
pub mod challenge;
pub mod client;
pub mod devices;
pub mod errors;
pub mod gateway;
pub mod identity;
pub mod mfa;
pub mod passkeys;
pub mod secret_hash;
pub mod self_service;
pub mod sign_in;
pub mod tokens;
