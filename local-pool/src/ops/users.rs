//! Helpers the areas of the user pool share: SECRET_HASH and password
//! policy checks, attribute validation, building, finding and removing
//! users, codes and the outbox, access-token authentication, MFA
//! preferences, and the input checks the control-plane operations share.
//!
//! It imports no area module; the areas (`pools`, `clients`,
//! `admin_users`, `sign_in`, `challenges`, `self_service`) import it.

use std::collections::BTreeMap;

use aws_lc_rs::hmac;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::{Map, Value, json};

use super::context::Ctx;
use crate::clock::rfc3339;
use crate::codes::{PendingCode, constant_time_eq, mask_email, mask_phone, random_string};
use crate::error::{ApiError, ApiResult};
use crate::input::Input;
use crate::outbox::{Channel, OutboxMessage, Purpose};
use crate::passkeys::RelyingParty;
use crate::srp::burn_equivalent_time;
use crate::state::{AppClient, Attempts, Limited, Pool, State, User, UserStatus};

/// Attributes every pool has (the OIDC standard claims plus `sub`).
/// <https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html#cognito-user-pools-standard-attributes>
pub const STANDARD_ATTRIBUTES: &[&str] = &[
    "sub",
    "name",
    "given_name",
    "family_name",
    "middle_name",
    "nickname",
    "preferred_username",
    "profile",
    "picture",
    "website",
    "email",
    "email_verified",
    "gender",
    "birthdate",
    "zoneinfo",
    "locale",
    "phone_number",
    "phone_number_verified",
    "address",
    "updated_at",
];

/// `Base64(HMAC-SHA256(key = client secret, msg = username + client id))`.
/// <https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html#cognito-user-pools-computing-secret-hash>
pub fn secret_hash(secret: &str, username: &str, client_id: &str) -> String {
    let key = hmac::Key::new(hmac::HMAC_SHA256, secret.as_bytes());
    let mut ctx = hmac::Context::with_key(&key);
    ctx.update(username.as_bytes());
    ctx.update(client_id.as_bytes());
    BASE64.encode(ctx.sign().as_ref())
}

/// Checks SECRET_HASH when the client has a secret. `usernames` are the
/// spellings the hash may have been computed over (as sent, or for refresh
/// the real username and its aliases).
pub fn check_secret_hash(
    client: &AppClient,
    usernames: &[&str],
    provided: Option<&str>,
) -> ApiResult<()> {
    let Some(secret) = &client.secret else {
        return Ok(());
    };
    let Some(provided) = provided else {
        return Err(ApiError::not_authorized(format!(
            "Client {} is configured for secret but secret was not received",
            client.id
        )));
    };
    let ok = usernames.iter().any(|u| {
        constant_time_eq(
            secret_hash(secret, u, &client.id).as_bytes(),
            provided.as_bytes(),
        )
    });
    if ok {
        Ok(())
    } else {
        Err(ApiError::not_authorized(format!(
            "Unable to verify secret hash for client {}",
            client.id
        )))
    }
}

/// The pool's password policy, with Cognito's messages.
/// <https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-policies.html>
pub fn check_password_policy(pool: &Pool, password: &str) -> ApiResult<()> {
    let p = &pool.password_policy;
    let fail = |why: &str| {
        Err(ApiError::new(
            "InvalidPasswordException",
            format!("Password did not conform with policy: {why}"),
        ))
    };
    if password.chars().count() < p.minimum_length as usize {
        return fail("Password not long enough");
    }
    if password.chars().count() > 256 {
        return fail("Password must have less than 256 characters");
    }
    if p.require_lowercase && !password.chars().any(|c| c.is_lowercase()) {
        return fail("Password must have lowercase characters");
    }
    if p.require_uppercase && !password.chars().any(|c| c.is_uppercase()) {
        return fail("Password must have uppercase characters");
    }
    if p.require_numbers && !password.chars().any(|c| c.is_ascii_digit()) {
        return fail("Password must have numeric characters");
    }
    // Cognito's symbol set: ^ $ * . [ ] { } ( ) ? " ! @ # % & / \ , > < ' : ; | _ ~ ` = + - and space.
    const SYMBOLS: &str = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ";
    if p.require_symbols && !password.chars().any(|c| SYMBOLS.contains(c)) {
        return fail("Password must have symbol characters");
    }
    if password.starts_with(' ') || password.ends_with(' ') {
        return fail("Password must not have leading or trailing spaces");
    }
    Ok(())
}

/// `[{"Name": .., "Value": ..}]`, every attribute (admin operations).
pub fn attributes_json(user: &User) -> Vec<Value> {
    user.attributes
        .iter()
        .map(|(k, v)| json!({ "Name": k, "Value": v }))
        .collect()
}

/// The attributes `client` may read, as GetUser answers them.
pub fn readable_attributes_json(user: &User, client: &AppClient) -> Vec<Value> {
    user.attributes
        .iter()
        .filter(|(k, _)| client.may_read(k))
        .map(|(k, v)| json!({ "Name": k, "Value": v }))
        .collect()
}

/// Refuses a write by a user through `client` of an attribute it may not
/// write, as Cognito does: NotAuthorizedException.
pub fn check_writable<'a>(
    client: &AppClient,
    names: impl IntoIterator<Item = &'a str>,
) -> ApiResult<()> {
    for name in names {
        if !client.may_write(name) {
            return Err(ApiError::not_authorized(
                "A client attempted to write unauthorized attribute",
            ));
        }
    }
    Ok(())
}

pub fn epoch_seconds(ms: u64) -> Value {
    // AWS JSON timestamps are epoch seconds; fractional parts are allowed.
    json!(ms as f64 / 1000.0)
}

/// Adds the MFA fields GetUser and AdminGetUser share to `out`: the
/// preferred method (if still enabled) and the enabled ones.
pub fn add_mfa_fields(out: &mut Value, pool: &Pool, user: &User) {
    let list = user.enabled_mfa(pool);
    let preferred = user
        .mfa
        .preferred
        .clone()
        .filter(|p| list.contains(&p.as_str()));
    if let Some(p) = preferred {
        out["PreferredMfaSetting"] = json!(p);
    }
    if !list.is_empty() {
        out["UserMFASettingList"] = json!(list);
    }
}

/// Is `name` an attribute this pool knows?
pub fn known_attribute(pool: &Pool, name: &str) -> bool {
    STANDARD_ATTRIBUTES.contains(&name) || pool.is_custom_attribute(name)
}

pub fn unknown_attribute(name: &str) -> ApiError {
    ApiError::invalid_parameter(format!("{name}: Attribute does not exist in the schema."))
}

/// Loose but sufficient: something@something.something, no spaces.
pub fn looks_like_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.contains(char::is_whitespace)
        && !domain.contains('@')
}

/// E.164: `+` then 8 to 15 digits.
pub fn looks_like_phone(s: &str) -> bool {
    s.strip_prefix('+')
        .is_some_and(|d| (8..=15).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()))
}

/// Validates one attribute value the way Cognito does for the formats it checks.
pub fn check_attribute_value(name: &str, value: &str) -> ApiResult<()> {
    match name {
        "email" if !looks_like_email(value) => {
            Err(ApiError::invalid_parameter("Invalid email address format."))
        }
        "phone_number" if !looks_like_phone(value) => {
            Err(ApiError::invalid_parameter("Invalid phone number format."))
        }
        "email_verified" | "phone_number_verified" if value != "true" && value != "false" => Err(
            ApiError::invalid_parameter(format!("Invalid value for {name}.")),
        ),
        _ => Ok(()),
    }
}

/// Where a code for `attribute` goes, as CodeDeliveryDetails.
pub fn delivery_details(attribute: &str, destination: &str) -> Value {
    let (medium, masked) = if attribute == "phone_number" {
        ("SMS", mask_phone(destination))
    } else {
        ("EMAIL", mask_email(destination))
    };
    json!({ "Destination": masked, "DeliveryMedium": medium, "AttributeName": attribute })
}

/// Records a message in the outbox instead of sending it.
#[allow(clippy::too_many_arguments)]
pub fn send(
    ctx: &Ctx<'_>,
    state: &mut State,
    pool_id: &str,
    username: &str,
    attribute: &str,
    destination: &str,
    purpose: Purpose,
    code: Option<String>,
    message: String,
) {
    let channel = if attribute == "phone_number" {
        Channel::Sms
    } else {
        Channel::Email
    };
    state.push_outbox(OutboxMessage {
        pool_id: pool_id.to_owned(),
        username: username.to_owned(),
        channel,
        destination: destination.to_owned(),
        purpose,
        code,
        message,
        sent_at: rfc3339(ctx.now_ms),
    });
}

/// The pool's verification message with `{####}` replaced, or Cognito's default.
pub fn verification_message(pool: &Pool, attribute: &str, code: &str) -> String {
    let template = pool
        .extra
        .get("VerificationMessageTemplate")
        .and_then(|t| {
            let key = if attribute == "phone_number" {
                "SmsMessage"
            } else {
                "EmailMessage"
            };
            t.get(key)
        })
        .or_else(|| {
            let key = if attribute == "phone_number" {
                "SmsVerificationMessage"
            } else {
                "EmailVerificationMessage"
            };
            pool.extra.get(key)
        })
        .and_then(Value::as_str)
        .filter(|t| t.contains("{####}"))
        .unwrap_or("Your verification code is {####}. ");
    template.replace("{####}", code)
}

/// Where a sign-up code for this user goes: the attribute (email or
/// phone_number) and value. Auto-verified attributes come first, email
/// before phone. (Reset codes follow [`recovery_destination`].)
pub fn code_destination(pool: &Pool, user: &User) -> Option<(String, String)> {
    let mut order: Vec<&str> = Vec::new();
    for attr in ["email", "phone_number"] {
        if pool.auto_verified_attributes.iter().any(|a| a == attr) {
            order.push(attr);
        }
    }
    for attr in ["email", "phone_number"] {
        if !order.contains(&attr) {
            order.push(attr);
        }
    }
    order
        .into_iter()
        .find_map(|attr| Some((attr.to_owned(), user.attr(attr)?.to_owned())))
}

/// Where a password-reset code goes: the first verified mechanism of the
/// pool's recovery order ([`Pool::recovery_order`]). Under an
/// `AccountRecoverySetting`, a channel the user signs in with as MFA does
/// not count, since the reset would then need only that one factor;
/// `admin_only` means no code at all.
/// <https://docs.aws.amazon.com/cognito/latest/developerguide/how-to-recover-a-user-account.html>
pub fn recovery_destination(pool: &Pool, user: &User) -> Option<(String, String)> {
    // The MFA channel is left out only under an explicit setting; the
    // legacy order has no such rule.
    let mfa = if pool.has_recovery_setting() {
        user.enabled_mfa(pool)
    } else {
        Vec::new()
    };
    pool.recovery_order().into_iter().find_map(|mechanism| {
        let (attribute, factor) = match mechanism.as_str() {
            "verified_email" => ("email", "EMAIL_OTP"),
            "verified_phone_number" => ("phone_number", "SMS_MFA"),
            _ => return None,
        };
        let value = user.attr(attribute)?;
        let usable = user.attr_true(&format!("{attribute}_verified")) && !mfa.contains(&factor);
        usable.then(|| (attribute.to_owned(), value.to_owned()))
    })
}

/// Refuses to delete what must stay: `sub`, required and username
/// attributes, and names outside the schema.
pub fn check_deletable(pool: &Pool, names: &[String]) -> ApiResult<()> {
    let required = pool.required_attributes();
    for name in names {
        if name == "sub" || required.contains(name) || pool.username_attributes.contains(name) {
            return Err(ApiError::invalid_parameter(format!(
                "Cannot delete the required or username attribute {name}."
            )));
        }
        if !known_attribute(pool, name) {
            return Err(unknown_attribute(name));
        }
    }
    Ok(())
}

/// Deletes attributes, and with an email or phone its verified flag and
/// any value waiting for verification.
pub fn delete_attributes(user: &mut User, names: &[String]) {
    for name in names {
        user.attributes.remove(name);
        if name == "email" || name == "phone_number" {
            user.attributes.remove(&format!("{name}_verified"));
            user.codes.pending_values.remove(name);
        }
    }
}

/// A UUID-shaped stand-in for an unknown user's username, the same for the
/// same name every time, so a fake SRP challenge looks like a real one in
/// email-as-username pools. Keyed with the pool's secret
/// ([`Pool::fake_key`]): without it nobody can tell it from a real one.
pub fn fake_username(pool: &Pool, name: &str) -> String {
    // Where the username is what people type, a real account answers with
    // it, so an unknown one must too.
    if pool.username_attributes.is_empty() {
        return name.to_owned();
    }
    let d = keyed_fake(pool, "user", name);
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&d[..16]);
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}

/// HMAC-SHA256 under the pool's fake key of `purpose` and `name`.
pub fn keyed_fake(pool: &Pool, purpose: &str, name: &str) -> Vec<u8> {
    let key = hmac::Key::new(hmac::HMAC_SHA256, pool.fake_key.as_bytes());
    let mut ctx = hmac::Context::with_key(&key);
    ctx.update(purpose.as_bytes());
    ctx.update(b"|");
    // Every spelling that would find one account gets one stand-in.
    ctx.update(pool.name_key(name).as_bytes());
    ctx.sign().as_ref().to_vec()
}

/// Fake CodeDeliveryDetails for an unknown user when the client prevents
/// user existence errors: shaped from what the caller typed.
pub fn fake_delivery(name: &str) -> Value {
    if looks_like_phone(name) {
        delivery_details("phone_number", name)
    } else if looks_like_email(name) {
        delivery_details("email", name)
    } else {
        let first = name.chars().next().unwrap_or('u');
        json!({ "Destination": format!("{first}***@e***"), "DeliveryMedium": "EMAIL", "AttributeName": "email" })
    }
}

/// The pool, user and app client an access token speaks for, if it is
/// still good. Used by GetUser, ChangePassword and every other
/// access-token operation.
pub fn authenticate(
    ctx: &Ctx<'_>,
    state: &State,
    token: &str,
) -> ApiResult<(String, String, String)> {
    let invalid = || ApiError::not_authorized("Invalid Access Token");
    let claims = ctx.svc.signer.verify_access(token).ok_or_else(invalid)?;
    if claims.get("token_use").and_then(Value::as_str) != Some("access") {
        return Err(invalid());
    }
    let exp = claims
        .get("exp")
        .and_then(Value::as_u64)
        .ok_or_else(invalid)?;
    if exp.saturating_mul(1000) <= ctx.now_ms {
        return Err(ApiError::not_authorized("Access Token has expired"));
    }
    let iss = claims
        .get("iss")
        .and_then(Value::as_str)
        .ok_or_else(invalid)?;
    let prefix = format!("http://{}/", ctx.svc.addr);
    let pool_id = iss.strip_prefix(&prefix).ok_or_else(invalid)?;
    let pool = state.pools.get(pool_id).ok_or_else(invalid)?;
    let username = claims
        .get("username")
        .and_then(Value::as_str)
        .ok_or_else(invalid)?;
    let user = pool.user(username)?;
    let origin = claims
        .get("origin_jti")
        .and_then(Value::as_str)
        .ok_or_else(invalid)?;
    match pool.refresh_tokens.get(origin) {
        Some(r) if !r.revoked && r.username == username => {}
        _ => return Err(ApiError::not_authorized("Access Token has been revoked")),
    }
    if !user.enabled {
        return Err(ApiError::not_authorized("User is disabled."));
    }
    let client_id = claims
        .get("client_id")
        .and_then(Value::as_str)
        .ok_or_else(invalid)?;
    // A token from a client deleted since is no longer good.
    pool.client(client_id).map_err(|_| invalid())?;
    Ok((pool.id.clone(), user.username.clone(), client_id.to_owned()))
}

// Input checks the control-plane operations (pools, clients, admin users)
// share. They are not about users, but those three areas need them and may
// import only this module.

/// The alphabet of pool ids and generated temporary passwords.
pub const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// Cognito's validation error for a value outside an enum.
pub fn enum_value(name: &str, value: &str, allowed: &[&str]) -> ApiResult<()> {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(ApiError::invalid_parameter(format!(
            "1 validation error detected: Value '{value}' at '{}' failed to satisfy constraint: Member must satisfy enum value set: [{}]",
            name,
            allowed.join(", ")
        )))
    }
}

/// The `UserPoolId` every control-plane operation names.
pub fn pool_id_input(input: &Input) -> ApiResult<String> {
    input.string("UserPoolId", 1, 55)
}

/// The members of the request not in `skip`, kept verbatim and echoed back.
pub fn extra_members(input: &Input, skip: &[&str]) -> Map<String, Value> {
    input
        .raw()
        .iter()
        .filter(|(k, _)| !skip.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// Builds a new user from what SignUp or AdminCreateUser was given:
/// resolves the real username (a UUID when email/phone is the username),
/// validates attributes against the schema and checks uniqueness.
pub fn new_user(
    ctx: &Ctx<'_>,
    pool: &Pool,
    name: &str,
    attributes: &[(String, String)],
    from_sign_up: bool,
) -> ApiResult<User> {
    let mut attrs: BTreeMap<String, String> = BTreeMap::new();
    for (k, v) in attributes {
        if k == "sub" {
            return Err(ApiError::invalid_parameter(
                "sub: Attribute cannot be updated.",
            ));
        }
        if !known_attribute(pool, k) {
            return Err(unknown_attribute(k));
        }
        // Users cannot vouch for their own addresses.
        if from_sign_up && k.ends_with("_verified") {
            continue;
        }
        check_attribute_value(k, v)?;
        attrs.insert(k.clone(), v.clone());
    }
    let username = if pool.username_attributes.is_empty() {
        if name.contains(char::is_whitespace) {
            return Err(ApiError::invalid_parameter(
                "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+",
            ));
        }
        if pool.alias_attributes.iter().any(|a| a == "email") && looks_like_email(name) {
            return Err(ApiError::invalid_parameter(
                "Username cannot be of email format, since user pool is configured for email alias.",
            ));
        }
        if pool.alias_attributes.iter().any(|a| a == "phone_number") && looks_like_phone(name) {
            return Err(ApiError::invalid_parameter(
                "Username cannot be of phone_number format, since user pool is configured for phone_number alias.",
            ));
        }
        name.to_owned()
    } else {
        if pool.email_is_username() && looks_like_email(name) {
            attrs.insert("email".into(), name.to_owned());
        } else if pool.phone_is_username() && looks_like_phone(name) {
            attrs.insert("phone_number".into(), name.to_owned());
        } else {
            let what = if pool.email_is_username() && pool.phone_is_username() {
                "an email or a phone number"
            } else if pool.email_is_username() {
                "an email"
            } else {
                "a phone number"
            };
            return Err(ApiError::invalid_parameter(format!(
                "Username should be {what}."
            )));
        }
        uuid::Uuid::new_v4().to_string()
    };
    for required in pool.required_attributes() {
        if required != "sub" && !attrs.contains_key(&required) {
            return Err(ApiError::invalid_parameter(format!(
                "Attributes did not conform to the schema: {required}: The attribute {required} is required"
            )));
        }
    }
    if pool.find_username(&username).is_some() || pool.users.contains_key(&username) {
        return Err(ApiError::new(
            "UsernameExistsException",
            "User already exists",
        ));
    }
    for attr in &pool.username_attributes {
        if let Some(value) = attrs.get(attr) {
            let taken = pool
                .users
                .values()
                .any(|u| u.attr(attr).is_some_and(|v| v.eq_ignore_ascii_case(value)));
            if taken {
                return Err(ApiError::new(
                    "UsernameExistsException",
                    format!("An account with the given {attr} already exists."),
                ));
            }
        }
    }
    let sub = if pool.username_attributes.is_empty() {
        uuid::Uuid::new_v4().to_string()
    } else {
        username.clone()
    };
    attrs.insert("sub".into(), sub);
    Ok(User {
        username,
        attributes: attrs,
        status: UserStatus::Unconfirmed,
        enabled: true,
        created_ms: ctx.now_ms,
        modified_ms: ctx.now_ms,
        password: None,
        temporary_password_expires_ms: None,
        codes: Default::default(),
        mfa: Default::default(),
        attempts: Default::default(),
        temporary_password_used: false,
        groups: Default::default(),
        devices: Default::default(),
        passkeys: Vec::new(),
        passkey_registration: None,
    })
}

/// A UserType, as AdminCreateUser, AdminGetUser and ListUsers answer it.
pub fn user_type(user: &User, attributes_key: &str) -> Value {
    json!({
        "Username": user.username,
        attributes_key: attributes_json(user),
        "UserCreateDate": epoch_seconds(user.created_ms),
        "UserLastModifiedDate": epoch_seconds(user.modified_ms),
        "Enabled": user.enabled,
        "UserStatus": user.status.as_str(),
    })
}

/// A password that satisfies any policy Cognito allows.
pub fn generate_temporary_password(pool: &Pool) -> String {
    let len = usize::try_from(pool.password_policy.minimum_length.max(12)).unwrap_or(12);
    let mut out = random_string(ALNUM, len.saturating_sub(4));
    out.push_str(&random_string(b"ABCDEFGHJKLMNPQRSTUVWXYZ", 1));
    out.push_str(&random_string(b"abcdefghijkmnopqrstuvwxyz", 1));
    out.push_str(&random_string(b"23456789", 1));
    out.push_str(&random_string(b"!#%&*+-=?@^_", 1));
    out
}

/// Finds the user an admin operation names (username or alias).
pub fn resolve_user(pool: &Pool, name: &str) -> ApiResult<String> {
    pool.find_username(name)
        .ok_or_else(ApiError::user_not_found)
}

/// Deletes a user and everything issued to them.
pub fn remove_user(pool: &mut Pool, username: &str) {
    pool.users.remove(username);
    pool.refresh_tokens.retain(|_, r| r.username != username);
}

/// Revokes every refresh token (and so every access token) of a user.
pub fn revoke_all(pool: &mut Pool, username: &str) {
    for record in pool.refresh_tokens.values_mut() {
        if record.username == username {
            record.revoked = true;
        }
    }
}

/// The relying party of the pool's passkeys, or Cognito's exception for
/// why it has none: WEB_AUTHN missing from the first factors
/// (WebAuthnNotEnabledException), or no RelyingPartyId configured
/// (WebAuthnConfigurationMissingException; Cognito would fall back to the
/// pool's domain, which this pool has not got).
/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_StartWebAuthnRegistration.html>
pub fn relying_party(pool: &Pool) -> ApiResult<RelyingParty> {
    if !pool.first_factors().iter().any(|f| f == "WEB_AUTHN") {
        return Err(ApiError::new(
            "WebAuthnNotEnabledException",
            "Passkeys are not enabled: the user pool's SignInPolicy.AllowedFirstAuthFactors has no WEB_AUTHN.",
        ));
    }
    let config = pool.webauthn.as_ref();
    match config.and_then(|c| Some((c, c.relying_party_id.as_deref()?))) {
        Some((config, id)) => Ok(RelyingParty::new(config, id, &pool.name)),
        None => Err(ApiError::new(
            "WebAuthnConfigurationMissingException",
            "The user pool has no WebAuthnConfiguration.RelyingPartyId (SetUserPoolMfaConfig) and no domain.",
        )),
    }
}

/// The `ClientId` every user operation names.
pub fn client_id(input: &Input) -> ApiResult<String> {
    input.string("ClientId", 1, 128)
}

/// The pool that owns `client_id`, with Cognito's answer for an unknown client.
pub fn pool_for_client(s: &State, client_id: &str) -> ApiResult<String> {
    s.pool_id_for_client(client_id).map_err(|_| {
        ApiError::resource_not_found(format!("User pool client {client_id} does not exist."))
    })
}

/// The `AccessToken` of an access-token operation.
pub fn access_token(input: &Input) -> ApiResult<String> {
    input.string("AccessToken", 1, 131_072)
}

/// Sends a fresh code for `purpose` to `attribute` and returns CodeDeliveryDetails.
#[allow(clippy::too_many_arguments)]
pub fn send_code(
    ctx: &Ctx<'_>,
    s: &mut State,
    pool_id: &str,
    username: &str,
    attribute: &str,
    destination: &str,
    purpose: Purpose,
    ttl_ms: u64,
) -> ApiResult<Value> {
    let pending = PendingCode::for_attribute(ttl_ms, ctx.now_ms, attribute);
    let code = pending.code.clone();
    let pool = s.pool_mut(pool_id)?;
    let message = verification_message(pool, attribute, &code);
    let user = pool.user_mut(username)?;
    match purpose {
        Purpose::SignUp => user.codes.sign_up = Some(pending),
        Purpose::ForgotPassword => user.codes.forgot_password = Some(pending),
        _ => {
            user.codes.attributes.insert(attribute.to_owned(), pending);
        }
    }
    send(
        ctx,
        s,
        pool_id,
        username,
        attribute,
        destination,
        purpose,
        Some(code),
        message,
    );
    Ok(delivery_details(attribute, destination))
}

/// Checks an attribute update against the schema and uniqueness rules.
pub fn validate_attribute_update(
    pool: &Pool,
    username: &str,
    attributes: &[(String, String)],
    admin: bool,
) -> ApiResult<()> {
    for (k, v) in attributes {
        if k == "sub" {
            return Err(ApiError::invalid_parameter(
                "Cannot modify the non-mutable attribute sub",
            ));
        }
        if !known_attribute(pool, k) {
            return Err(unknown_attribute(k));
        }
        if !admin && k.ends_with("_verified") {
            return Err(ApiError::not_authorized(
                "A client attempted to write unauthorized attribute",
            ));
        }
        let immutable = pool.schema.iter().any(|a| {
            a.get("Name").and_then(Value::as_str) == Some(k.as_str())
                && a.get("Mutable").and_then(Value::as_bool) == Some(false)
        });
        if immutable {
            return Err(ApiError::not_authorized(format!(
                "Cannot modify an already provided non-mutable attribute: {k}"
            )));
        }
        check_attribute_value(k, v)?;
        if pool.username_attributes.iter().any(|a| a == k) {
            let taken = pool.users.values().any(|u| {
                u.username != username && u.attr(k).is_some_and(|x| x.eq_ignore_ascii_case(v))
            });
            if taken {
                return Err(ApiError::new(
                    "AliasExistsException",
                    format!("An account with the given {k} already exists."),
                ));
            }
        }
    }
    Ok(())
}

/// A fresh challenge session id: opaque, long and random, like Cognito's.
pub fn new_session_id() -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(crate::codes::random_bytes::<144>())
}

/// Cognito's answer during a sign-in lockout.
pub fn password_attempts_exceeded() -> ApiError {
    ApiError::not_authorized("Password attempts exceeded")
}

/// The key under which attempts for a name with no account are counted:
/// the name as the pool would match it (lowercased in a case-insensitive
/// pool), so that every spelling that would find an account shares one
/// count, as it would for the account.
fn unknown_key(pool: &Pool, kind: Limited, name: &str) -> String {
    let name = pool.name_key(name);
    format!("{}|{kind:?}|{name}", pool.id)
}

/// Where sign-in failures of `name` are counted: the user's own record, or
/// for a name with no account the pool's in-memory record of unknown names
/// (so that they lock out alike and a lockout reveals nothing). `None`
/// when the user has gone meanwhile.
fn sign_in_attempts<'s>(
    s: &'s mut State,
    pool_id: &str,
    username: Option<&str>,
    name: &str,
) -> ApiResult<Option<&'s mut Attempts>> {
    Ok(match username {
        Some(username) => s
            .pool_mut(pool_id)?
            .users
            .get_mut(username)
            .map(|u| u.attempts.entry(Limited::SignIn).or_default()),
        None => {
            let key = unknown_key(s.pool(pool_id)?, Limited::SignIn, name);
            Some(s.unknown_names.entry(key).or_default())
        }
    })
}

/// Refuses a sign-in while its lockout lasts. Every attempt counts as
/// activity (the count is forgotten only after 15 quiet minutes), but one
/// made during the lockout does not lengthen it.
/// <https://docs.aws.amazon.com/cognito/latest/developerguide/authentication.html#authentication-flow-lockout-behavior>
pub fn check_sign_in_lockout(
    ctx: &Ctx<'_>,
    s: &mut State,
    pool_id: &str,
    username: Option<&str>,
    name: &str,
) -> ApiResult<()> {
    if let Some(attempts) = sign_in_attempts(s, pool_id, username, name)?
        && attempts.locked_until(ctx.now_ms).is_some()
    {
        attempts.touch(ctx.now_ms);
        return Err(password_attempts_exceeded());
    }
    Ok(())
}

/// Records the outcome of a password check: a success clears the count,
/// a failure adds to it.
pub fn record_sign_in(
    ctx: &Ctx<'_>,
    s: &mut State,
    pool_id: &str,
    username: Option<&str>,
    name: &str,
    succeeded: bool,
) -> ApiResult<()> {
    if succeeded {
        if let Some(user) = username.and_then(|u| s.pools.get_mut(pool_id)?.users.get_mut(u)) {
            user.attempts.remove(&Limited::SignIn);
        }
        return Ok(());
    }
    if let Some(attempts) = sign_in_attempts(s, pool_id, username, name)? {
        attempts.fail_sign_in(ctx.now_ms);
    }
    s.prune(ctx.now_ms);
    Ok(())
}

/// Counts a wrong code given for a name with no account, against the same
/// hourly limit a real user has, and answers as the real user would:
/// CodeMismatchException, then LimitExceededException.
pub fn unknown_code_attempt(
    ctx: &Ctx<'_>,
    s: &mut State,
    pool_id: &str,
    kind: Limited,
    name: &str,
) -> ApiError {
    let key = match s.pool(pool_id) {
        Ok(pool) => unknown_key(pool, kind, name),
        Err(e) => return e,
    };
    let attempts = s.unknown_names.entry(key).or_default();
    if attempts.exhausted(ctx.now_ms, kind.per_hour()) {
        return limit_exceeded();
    }
    attempts.fail_hourly(ctx.now_ms);
    s.prune(ctx.now_ms);
    ApiError::code_mismatch()
}

/// Cognito's answer once an hourly attempt limit is used up.
pub fn limit_exceeded() -> ApiError {
    ApiError::new(
        "LimitExceededException",
        "Attempt limit exceeded, please try after some time.",
    )
}

/// Checks a code (or a previous password) for an action with an hourly
/// limit of failures (ConfirmSignUp, ConfirmForgotPassword,
/// VerifyUserAttribute, ChangePassword): once the limit is reached every
/// attempt in that hour, right or wrong, gets LimitExceededException; a
/// success clears the count.
/// <https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html>
pub fn limited_attempt<T>(
    ctx: &Ctx<'_>,
    user: &mut User,
    kind: Limited,
    attempt: impl FnOnce(&mut User) -> Result<T, (ApiError, bool)>,
) -> ApiResult<T> {
    let max = kind.per_hour();
    if user
        .attempts
        .get(&kind)
        .is_some_and(|a| a.exhausted(ctx.now_ms, max))
    {
        return Err(limit_exceeded());
    }
    match attempt(user) {
        Ok(value) => {
            user.attempts.remove(&kind);
            Ok(value)
        }
        Err((error, counts)) => {
            if counts {
                user.attempts
                    .entry(kind)
                    .or_default()
                    .fail_hourly(ctx.now_ms);
            }
            Err(error)
        }
    }
}

/// Spends the time a password check would, for unknown users.
pub fn equalise_timing(pool: &Pool, name: &str, password: &str) {
    burn_equivalent_time(pool.srp_name(), name, password);
}

/// Applies SMSMfaSettings / SoftwareTokenMfaSettings / EmailMfaSettings,
/// for SetUserMFAPreference and AdminSetUserMFAPreference alike.
pub fn apply_preferences(
    s: &mut State,
    pool_id: &str,
    username: &str,
    input: &Input,
) -> ApiResult<()> {
    let settings = |name: &str| -> ApiResult<Option<Map<String, Value>>> {
        Ok(input.opt_object(name)?.cloned())
    };
    let sms = settings("SMSMfaSettings")?;
    let totp = settings("SoftwareTokenMfaSettings")?;
    let email = settings("EmailMfaSettings")?;
    let pool = s.pool_mut(pool_id)?;
    let (sms_ok, totp_ok, email_ok) = (
        pool.sms_mfa_enabled(),
        pool.software_token_mfa,
        pool.email_mfa_enabled(),
    );
    let user = pool.user_mut(username)?;
    let flags = |m: &Map<String, Value>| {
        (
            m.get("Enabled").and_then(Value::as_bool),
            m.get("PreferredMfa")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        )
    };
    for (kind, given, allowed) in [
        ("SMS_MFA", sms, sms_ok),
        ("SOFTWARE_TOKEN_MFA", totp, totp_ok),
        ("EMAIL_OTP", email, email_ok),
    ] {
        let Some(given) = given else { continue };
        let (enabled, preferred) = flags(&given);
        let enabled = enabled.unwrap_or(preferred);
        if enabled && !allowed {
            return Err(ApiError::invalid_parameter(format!(
                "{kind} is not enabled for this user pool."
            )));
        }
        if enabled && kind == "SOFTWARE_TOKEN_MFA" && user.mfa.totp_secret.is_none() {
            return Err(ApiError::invalid_parameter(
                "User has not verified software token mfa",
            ));
        }
        if enabled && kind == "SMS_MFA" && user.attr("phone_number").is_none() {
            return Err(ApiError::invalid_parameter(
                "User does not have a phone number.",
            ));
        }
        if enabled && kind == "EMAIL_OTP" && user.attr("email").is_none() {
            return Err(ApiError::invalid_parameter(
                "User does not have an email address.",
            ));
        }
        match kind {
            "SMS_MFA" => user.mfa.sms_enabled = enabled,
            "SOFTWARE_TOKEN_MFA" => user.mfa.totp_enabled = enabled,
            _ => user.mfa.email_enabled = enabled,
        }
        if enabled && preferred {
            user.mfa.preferred = Some(kind.to_owned());
        } else if user.mfa.preferred.as_deref() == Some(kind) && (!enabled || !preferred) {
            user.mfa.preferred = None;
        }
    }
    Ok(())
}
