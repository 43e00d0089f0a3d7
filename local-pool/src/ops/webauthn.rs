//! Passkeys of the signed-in user, with their access token:
//! StartWebAuthnRegistration, CompleteWebAuthnRegistration,
//! ListWebAuthnCredentials and DeleteWebAuthnCredential. Signing in with
//! a passkey (USER_AUTH, WEB_AUTHN) is `sign_in`'s.
//! <https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html#amazon-cognito-user-pools-authentication-flow-methods-passkey>

use serde_json::{Value, json};
use webauthn_rs_core::proto::RegisterPublicKeyCredential;

use super::context::Ctx;
use super::users::{access_token, authenticate, epoch_seconds, relying_party};
use crate::error::{ApiError, ApiResult};
use crate::input::Input;
use crate::passkeys::{
    TIMEOUT_MS, b64url, client_origin, descriptor, origin_not_allowed, registration_error,
};
use crate::state::{Passkey, PendingRegistration};

/// ListWebAuthnCredentials' page size: Cognito's default and maximum.
const MAX_RESULTS: i64 = 20;

fn internal(what: &str) -> impl FnOnce(webauthn_rs_core::error::WebauthnError) -> ApiError + '_ {
    move |e| {
        tracing::error!(error = %e, "{what}");
        ApiError::internal(format!("{what} failed."))
    }
}

/// Answers `CredentialCreationOptions`: a PublicKeyCredentialCreationOptionsJSON
/// (WebAuthn Level 3) for `navigator.credentials.create()`, with the
/// user's passkeys excluded, a discoverable credential required and the
/// pool's user verification. The challenge is kept (in the saved state)
/// for CompleteWebAuthnRegistration, one at a time per user.
/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_StartWebAuthnRegistration.html>
pub fn start_web_authn_registration(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let token = access_token(input)?;
    ctx.svc.store.write(|s| {
        let (pool_id, username, client_id) = authenticate(ctx, s, &token)?;
        let pool = s.pool(&pool_id)?;
        let rp = relying_party(pool)?;
        let user = pool.user(&username)?;
        // The user handle: the sub's 16 bytes, which never change and say
        // nothing about the person.
        let user_handle = uuid::Uuid::parse_str(user.sub())
            .map(|u| u.as_bytes().to_vec())
            .unwrap_or_else(|_| user.sub().as_bytes().to_vec());
        let shown = ["email", "phone_number", "preferred_username"]
            .iter()
            .find_map(|a| user.attr(a))
            .unwrap_or(&username)
            .to_owned();
        let display = user.attr("name").unwrap_or(&shown).to_owned();
        let exclude = user
            .passkeys
            .iter()
            .map(|p| p.credential.cred_id.clone())
            .collect();
        let excluded: Vec<Value> = user
            .passkeys
            .iter()
            .map(|p| descriptor(&p.credential_id, &p.transports))
            .collect();
        let core = rp.core()?;
        let builder = core
            .new_challenge_register_builder(&user_handle, &shown, &display)
            .map_err(internal("Starting a passkey registration"))?
            .user_verification_policy(rp.policy())
            .require_resident_key(true)
            .exclude_credentials(Some(exclude));
        let (creation, state) = core
            .generate_challenge_register(builder)
            .map_err(internal("Starting a passkey registration"))?;
        let mut options = serde_json::to_value(&creation.public_key).map_err(|e| {
            tracing::error!(error = %e, "serialising the creation options");
            ApiError::internal("Starting a passkey registration failed.")
        })?;
        // Descriptors as the sign-in options have them (with transports).
        options["excludeCredentials"] = Value::Array(excluded);
        s.pool_mut(&pool_id)?
            .user_mut(&username)?
            .passkey_registration = Some(PendingRegistration {
            client_id,
            relying_party_id: rp.id.clone(),
            expires_ms: ctx.now_ms.saturating_add(TIMEOUT_MS),
            state,
        });
        Ok(json!({ "CredentialCreationOptions": options }))
    })
}

/// Takes `Credential`, the RegistrationResponseJSON the browser made,
/// checks it for real against the pending challenge (origin, rp id hash,
/// attestation signature, user presence and verification, algorithm)
/// and keeps the passkey. A challenge is answered once, right or wrong.
/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CompleteWebAuthnRegistration.html>
pub fn complete_web_authn_registration(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let token = access_token(input)?;
    let credential = match input.raw().get("Credential") {
        Some(value @ Value::Object(_)) => value.clone(),
        None | Some(Value::Null) => {
            return Err(ApiError::invalid_parameter(
                "Missing required parameter Credential",
            ));
        }
        Some(_) => {
            return Err(ApiError::invalid_parameter(
                "Credential must be a document: the RegistrationResponseJSON of navigator.credentials.create().",
            ));
        }
    };
    let registration: RegisterPublicKeyCredential = serde_json::from_value(credential.clone())
        .map_err(|e| {
            ApiError::invalid_parameter(format!(
                "Credential is not a RegistrationResponseJSON: {e}"
            ))
        })?;
    ctx.svc.store.write(|s| {
        let (pool_id, username, client_id) = authenticate(ctx, s, &token)?;
        let rp = relying_party(s.pool(&pool_id)?)?;
        let pending = s
            .pool_mut(&pool_id)?
            .user_mut(&username)?
            .passkey_registration
            .take()
            .filter(|p| p.expires_ms > ctx.now_ms && p.relying_party_id == rp.id)
            .ok_or_else(|| {
                ApiError::new(
                    "WebAuthnChallengeNotFoundException",
                    "No passkey registration is waiting (StartWebAuthnRegistration first), or it expired.",
                )
            })?;
        if pending.client_id != client_id {
            return Err(ApiError::new(
                "WebAuthnClientMismatchException",
                "The registration was started with another app client's access token.",
            ));
        }
        let origin = client_origin(&credential);
        if !origin.as_deref().is_some_and(|o| rp.allows_origin(o)) {
            return Err(origin_not_allowed(origin.as_deref(), &rp));
        }
        let verified = rp
            .core()?
            .register_credential(&registration, &pending.state, None)
            .map_err(|e| registration_error(&e, &rp))?;
        let credential_id = b64url(&verified.cred_id);
        let pool = s.pool(&pool_id)?;
        if pool
            .users
            .values()
            .any(|u| u.passkeys.iter().any(|p| p.credential_id == credential_id))
        {
            return Err(ApiError::invalid_parameter(
                "This passkey is already registered.",
            ));
        }
        let transports: Vec<String> = credential
            .get("response")
            .and_then(|r| r.get("transports"))
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(Value::as_str)
                    .take(8)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        let attachment = credential
            .get("authenticatorAttachment")
            .and_then(Value::as_str)
            .filter(|a| ["platform", "cross-platform"].contains(a))
            .map(str::to_owned);
        // Cognito names a passkey after its provider (from the AAGUID);
        // this pool knows no providers and names it by its kind.
        let friendly_name = match attachment.as_deref() {
            Some("platform") => "Passkey on this device",
            Some(_) => "Security key",
            None => "Passkey",
        };
        s.pool_mut(&pool_id)?
            .user_mut(&username)?
            .passkeys
            .push(Passkey {
                credential_id,
                friendly_name: Some(friendly_name.to_owned()),
                relying_party_id: rp.id,
                attachment,
                transports,
                created_ms: ctx.now_ms,
                credential: verified,
            });
        Ok(json!({}))
    })
}

/// The user's passkeys, oldest first, `MaxResults` (1 to 20) at a time;
/// `NextToken` names the first passkey of the next page.
/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListWebAuthnCredentials.html>
pub fn list_web_authn_credentials(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let token = access_token(input)?;
    let max = input.opt_i64("MaxResults")?.unwrap_or(MAX_RESULTS);
    if !(1..=MAX_RESULTS).contains(&max) {
        return Err(ApiError::invalid_parameter(format!(
            "1 validation error detected: Value '{max}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and {MAX_RESULTS}"
        )));
    }
    let next = input.opt_string("NextToken", 1, 131_072)?;
    ctx.svc.store.read(|s| {
        let (pool_id, username, _) = authenticate(ctx, s, &token)?;
        let passkeys = &s.pool(&pool_id)?.user(&username)?.passkeys;
        let start = match &next {
            None => 0,
            Some(token) => passkeys
                .iter()
                .position(|p| p.credential_id == *token)
                .ok_or_else(|| ApiError::invalid_parameter("Invalid NextToken."))?,
        };
        let page_size = usize::try_from(max).unwrap_or(20);
        let credentials: Vec<Value> = passkeys
            .iter()
            .skip(start)
            .take(page_size)
            .map(|p| {
                let mut out = json!({
                    "CredentialId": p.credential_id,
                    "FriendlyCredentialName": p.friendly_name.as_deref().unwrap_or("Passkey"),
                    "RelyingPartyId": p.relying_party_id,
                    "AuthenticatorTransports": p.transports,
                    "CreatedAt": epoch_seconds(p.created_ms),
                });
                if let Some(attachment) = &p.attachment {
                    out["AuthenticatorAttachment"] = json!(attachment);
                }
                out
            })
            .collect();
        let mut out = json!({ "Credentials": credentials });
        if let Some(following) = passkeys.get(start.saturating_add(page_size)) {
            out["NextToken"] = json!(following.credential_id);
        }
        Ok(out)
    })
}

/// Removes one of the user's passkeys: it signs in no more.
/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteWebAuthnCredential.html>
pub fn delete_web_authn_credential(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let token = access_token(input)?;
    let id = input.string("CredentialId", 1, 2048)?;
    ctx.svc.store.write(|s| {
        let (pool_id, username, _) = authenticate(ctx, s, &token)?;
        let passkeys = &mut s.pool_mut(&pool_id)?.user_mut(&username)?.passkeys;
        let before = passkeys.len();
        passkeys.retain(|p| p.credential_id != id);
        if passkeys.len() == before {
            return Err(ApiError::resource_not_found(
                "The user has no passkey with that CredentialId.",
            ));
        }
        Ok(json!({}))
    })
}
