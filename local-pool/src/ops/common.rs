//! Checks and shapes shared by several operations.

use aws_lc_rs::hmac;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::{Value, json};

use super::Ctx;
use crate::clock::rfc3339;
use crate::codes::{constant_time_eq, mask_email, mask_phone};
use crate::error::{ApiError, ApiResult};
use crate::state::{AppClient, Pool, State, User};
use crate::{Channel, OutboxMessage, Purpose};

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

/// `[{"Name": .., "Value": ..}]`.
pub fn attributes_json(user: &User) -> Vec<Value> {
    user.attributes
        .iter()
        .map(|(k, v)| json!({ "Name": k, "Value": v }))
        .collect()
}

pub fn epoch_seconds(ms: u64) -> Value {
    // AWS JSON timestamps are epoch seconds; fractional parts are allowed.
    json!(ms as f64 / 1000.0)
}

/// MFA fields shared by GetUser and AdminGetUser.
pub fn mfa_fields(pool: &Pool, user: &User) -> (Option<String>, Vec<&'static str>) {
    let list = user.enabled_mfa(pool);
    let preferred = user
        .mfa
        .preferred
        .clone()
        .filter(|p| list.contains(&p.as_str()));
    (preferred, list)
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

/// Where codes for this user go: the attribute (email or phone_number) and value.
/// Auto-verified attributes come first, email before phone.
pub fn code_destination(
    pool: &Pool,
    user: &User,
    require_verified: bool,
) -> Option<(String, String)> {
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
    order.into_iter().find_map(|attr| {
        let value = user.attr(attr)?;
        if require_verified && !user.attr_true(&format!("{attr}_verified")) {
            return None;
        }
        Some((attr.to_owned(), value.to_owned()))
    })
}

/// A deterministic UUID-shaped stand-in for an unknown user's username, so
/// a fake SRP challenge looks like a real one for email-as-username pools.
pub fn fake_username(pool_id: &str, name: &str) -> String {
    let d = aws_lc_rs::digest::digest(
        &aws_lc_rs::digest::SHA256,
        format!("local-pool fake user|{pool_id}|{name}").as_bytes(),
    );
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&d.as_ref()[..16]);
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
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

/// The pool and user an access token speaks for, if it is still good.
/// Used by GetUser, ChangePassword and every other access-token operation.
pub fn authenticate(ctx: &Ctx<'_>, state: &State, token: &str) -> ApiResult<(String, String)> {
    let invalid = || ApiError::not_authorized("Invalid Access Token");
    let claims = ctx.svc.signer.verify(token).ok_or_else(invalid)?;
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
    Ok((pool.id.clone(), user.username.clone()))
}
