//! What users do for themselves, without AWS credentials: signing up and
//! confirming, forgotten and changed passwords, their attributes and
//! verification codes, deleting their account, signing out and revoking
//! tokens, TOTP association and MFA preferences. Access-token operations
//! authenticate with the token.

use serde_json::{Value, json};

use super::context::Ctx;
use super::users::{
    access_token, add_mfa_fields, apply_preferences, authenticate, check_deletable,
    check_password_policy, check_secret_hash, check_writable, client_id, code_destination,
    delete_attributes, fake_delivery, limited_attempt, new_session_id, new_user, pool_for_client,
    readable_attributes_json, recovery_destination, remove_user, revoke_all, send_code,
    unknown_code_attempt, validate_attribute_update,
};
use crate::codes::{self, ATTRIBUTE_TTL_MS, RESET_TTL_MS, SIGN_UP_TTL_MS, totp};
use crate::error::{ApiError, ApiResult};
use crate::input::Input;
use crate::outbox::Purpose;
use crate::srp::Verifier;
use crate::state::{Limited, Pool, SignUpSession, State, UserStatus};
use crate::tokens::hash_token;

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SignUp.html>
pub fn sign_up(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let client_id = client_id(input)?;
    let name = input.string("Username", 1, 128)?;
    let password = input.opt_string("Password", 1, 256)?;
    let secret_hash = input.opt_string("SecretHash", 1, 128)?;
    let attributes = input.attribute_list("UserAttributes")?;
    ctx.svc.store.write(|s| {
        let pool_id = pool_for_client(s, &client_id)?;
        let pool = s.pool(&pool_id)?;
        let client = pool.client(&client_id)?;
        check_secret_hash(client, &[&name], secret_hash.as_deref())?;
        // A password is optional only where the user can sign in without
        // one: the pool allows a one-time code or a passkey as the first
        // factor. Elsewhere its absence is refused as it always was.
        let passwordless = pool
            .first_factors()
            .iter()
            .any(|f| ["EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"].contains(&f.as_str()));
        if password.is_none() && !passwordless {
            input.string("Password", 1, 256)?;
        }
        if pool.admin_create_only() {
            return Err(ApiError::not_authorized(
                "SignUp is not permitted for this user pool",
            ));
        }
        // The *_verified flags are dropped below (users cannot vouch for
        // their own addresses); everything else must be writable.
        check_writable(
            client,
            attributes
                .iter()
                .map(|(k, _)| k.as_str())
                .filter(|k| !k.ends_with("_verified")),
        )?;
        if let Some(password) = &password {
            check_password_policy(pool, password)?;
        }
        let mut user = new_user(ctx, pool, &name, &attributes, true)?;
        user.password = password
            .as_ref()
            .map(|p| Verifier::new(pool.srp_name(), &user.username, p));
        let destination = pool
            .auto_verified_attributes
            .iter()
            .find_map(|a| user.attr(a).map(|v| (a.clone(), v.to_owned())));
        let username = user.username.clone();
        let sub = user.sub().to_owned();
        let session_ms = client.session_ms();
        s.pool_mut(&pool_id)?.users.insert(username.clone(), user);
        // For ConfirmSignUp, whose answer then signs the user in without
        // the password (InitiateAuth with USER_AUTH and this session).
        let session = new_session_id();
        s.prune(ctx.now_ms);
        s.sign_up_sessions.insert(
            session.clone(),
            SignUpSession {
                pool_id: pool_id.clone(),
                client_id: client_id.clone(),
                username: username.clone(),
                expires_ms: ctx.now_ms.saturating_add(session_ms),
                confirmed_by: None,
            },
        );
        let mut out = json!({ "UserConfirmed": false, "UserSub": sub, "Session": session });
        if let Some((attr, value)) = destination {
            out["CodeDeliveryDetails"] = send_code(
                ctx,
                s,
                &pool_id,
                &username,
                &attr,
                &value,
                Purpose::SignUp,
                SIGN_UP_TTL_MS,
            )?;
        }
        Ok(out)
    })
}

/// Marks the attribute a confirmation code went to as verified.
fn mark_verified(
    pool: &mut Pool,
    username: &str,
    attribute: &str,
    force_alias: bool,
) -> ApiResult<()> {
    let value = pool.user(username)?.attr(attribute).map(str::to_owned);
    if let Some(value) = value
        && pool.alias_attributes.iter().any(|a| a == attribute)
    {
        let flag = format!("{attribute}_verified");
        let holder = pool
            .users
            .values()
            .find(|u| {
                u.username != username
                    && u.attr(attribute) == Some(value.as_str())
                    && u.attr_true(&flag)
            })
            .map(|u| u.username.clone());
        if let Some(other) = holder {
            if !force_alias {
                return Err(ApiError::new(
                    "AliasExistsException",
                    format!("An account with the {attribute} already exists."),
                ));
            }
            pool.user_mut(&other)?
                .attributes
                .insert(flag, "false".into());
        }
    }
    pool.user_mut(username)?
        .attributes
        .insert(format!("{attribute}_verified"), "true".into());
    Ok(())
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmSignUp.html>
pub fn confirm_sign_up(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let client_id = client_id(input)?;
    let name = input.string("Username", 1, 128)?;
    let code = input.string("ConfirmationCode", 1, 2048)?;
    let secret_hash = input.opt_string("SecretHash", 1, 128)?;
    let force_alias = input.opt_bool("ForceAliasCreation")?.unwrap_or(false);
    let session = input.opt_string("Session", 20, 2048)?;
    ctx.svc.store.write(|s| {
        let pool_id = pool_for_client(s, &client_id)?;
        let pool = s.pool_mut(&pool_id)?;
        let client = pool.client(&client_id)?;
        check_secret_hash(client, &[&name], secret_hash.as_deref())?;
        let prevent = client.prevents_user_existence_errors();
        let Some(username) = pool.find_username(&name) else {
            return Err(if prevent {
                unknown_code_attempt(ctx, s, &pool_id, Limited::ConfirmSignUp, &name)
            } else {
                ApiError::new(
                    "UserNotFoundException",
                    "Username/client id combination not found.",
                )
            });
        };
        let pool = s.pool_mut(&pool_id)?;
        let user = pool.user_mut(&username)?;
        if user.status != UserStatus::Unconfirmed {
            return Err(ApiError::not_authorized(format!(
                "User cannot be confirmed. Current status is {}",
                user.status.as_str()
            )));
        }
        let attribute = user
            .codes
            .sign_up
            .as_ref()
            .and_then(|c| c.attribute.clone());
        limited_attempt(ctx, user, Limited::ConfirmSignUp, |user| {
            codes::check(&mut user.codes.sign_up, &code, ctx.now_ms)
                .map_err(|f| (f.to_error(), true))
        })?;
        user.status = UserStatus::Confirmed;
        user.modified_ms = ctx.now_ms;
        if let Some(attribute) = &attribute {
            mark_verified(pool, &username, attribute, force_alias)?;
        }
        // The sign-up's session, if it came with one, becomes a session
        // that signs the user in: the code just entered was their first
        // factor. A session that is not this sign-up's is ignored (the
        // confirmation stands); the user signs in as usual.
        let factor = match attribute.as_deref() {
            Some("phone_number") => "SMS_OTP",
            _ => "EMAIL_OTP",
        };
        let confirmed = session.and_then(|id| {
            let pending = s.sign_up_sessions.remove(&id)?;
            (pending.client_id == client_id
                && pending.pool_id == pool_id
                && pending.username == username
                && pending.confirmed_by.is_none()
                && pending.expires_ms > ctx.now_ms)
                .then_some(pending)
        });
        match confirmed {
            Some(pending) => {
                let id = new_session_id();
                let session_ms = s.pool(&pool_id)?.client(&client_id)?.session_ms();
                s.sign_up_sessions.insert(
                    id.clone(),
                    SignUpSession {
                        expires_ms: ctx.now_ms.saturating_add(session_ms),
                        confirmed_by: Some(factor),
                        ..pending
                    },
                );
                Ok(json!({ "Session": id }))
            }
            None => Ok(json!({})),
        }
    })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ResendConfirmationCode.html>
pub fn resend_confirmation_code(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let client_id = client_id(input)?;
    let name = input.string("Username", 1, 128)?;
    let secret_hash = input.opt_string("SecretHash", 1, 128)?;
    ctx.svc.store.write(|s| {
        let pool_id = pool_for_client(s, &client_id)?;
        let pool = s.pool(&pool_id)?;
        let client = pool.client(&client_id)?;
        check_secret_hash(client, &[&name], secret_hash.as_deref())?;
        let Some(username) = pool.find_username(&name) else {
            if client.prevents_user_existence_errors() {
                return Ok(json!({ "CodeDeliveryDetails": fake_delivery(&name) }));
            }
            return Err(ApiError::new(
                "UserNotFoundException",
                "Username/client id combination not found.",
            ));
        };
        let user = pool.user(&username)?;
        if user.status != UserStatus::Unconfirmed {
            return Err(ApiError::invalid_parameter("User is already confirmed."));
        }
        let Some((attr, value)) = code_destination(pool, user) else {
            return Err(ApiError::invalid_parameter(
                "Auto verification not turned on.",
            ));
        };
        let details = send_code(
            ctx,
            s,
            &pool_id,
            &username,
            &attr,
            &value,
            Purpose::SignUp,
            SIGN_UP_TTL_MS,
        )?;
        Ok(json!({ "CodeDeliveryDetails": details }))
    })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ForgotPassword.html>
pub fn forgot_password(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let client_id = client_id(input)?;
    let name = input.string("Username", 1, 128)?;
    let secret_hash = input.opt_string("SecretHash", 1, 128)?;
    ctx.svc.store.write(|s| {
        let pool_id = pool_for_client(s, &client_id)?;
        let pool = s.pool(&pool_id)?;
        let client = pool.client(&client_id)?;
        check_secret_hash(client, &[&name], secret_hash.as_deref())?;
        let prevent = client.prevents_user_existence_errors();
        // With PreventUserExistenceErrors an unknown, disabled or
        // unreachable user gets simulated delivery details, so the answer
        // tells nothing about the account.
        // <https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html>
        let simulated = || Ok(json!({ "CodeDeliveryDetails": fake_delivery(&name) }));
        let Some(username) = pool.find_username(&name) else {
            if prevent {
                return simulated();
            }
            return Err(ApiError::user_not_found());
        };
        let user = pool.user(&username)?;
        if !user.enabled {
            if prevent {
                return simulated();
            }
            return Err(ApiError::not_authorized("User is disabled."));
        }
        if user.status == UserStatus::ForceChangePassword {
            return Err(ApiError::not_authorized(
                "User password cannot be reset in the current state.",
            ));
        }
        let Some((attr, value)) = recovery_destination(pool, user) else {
            if prevent {
                return simulated();
            }
            return Err(ApiError::invalid_parameter(
                "Cannot reset password for the user as there is no registered/verified email or phone_number",
            ));
        };
        let details = send_code(ctx, s, &pool_id, &username, &attr, &value, Purpose::ForgotPassword, RESET_TTL_MS)?;
        Ok(json!({ "CodeDeliveryDetails": details }))
    })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmForgotPassword.html>
pub fn confirm_forgot_password(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let client_id = client_id(input)?;
    let name = input.string("Username", 1, 128)?;
    let code = input.string("ConfirmationCode", 1, 2048)?;
    let password = input.string("Password", 1, 256)?;
    let secret_hash = input.opt_string("SecretHash", 1, 128)?;
    ctx.svc.store.write(|s| {
        let pool_id = pool_for_client(s, &client_id)?;
        let pool = s.pool_mut(&pool_id)?;
        let client = pool.client(&client_id)?;
        check_secret_hash(client, &[&name], secret_hash.as_deref())?;
        let prevent = client.prevents_user_existence_errors();
        let Some(username) = pool.find_username(&name) else {
            return Err(if prevent {
                unknown_code_attempt(ctx, s, &pool_id, Limited::ConfirmForgotPassword, &name)
            } else {
                ApiError::new(
                    "UserNotFoundException",
                    "Username/client id combination not found.",
                )
            });
        };
        let pool = s.pool_mut(&pool_id)?;
        let srp_name = pool.srp_name().to_owned();
        // The code is checked first but only spent once the password passes.
        {
            let user = pool.user_mut(&username)?;
            limited_attempt(ctx, user, Limited::ConfirmForgotPassword, |user| {
                codes::peek(&mut user.codes.forgot_password, &code, ctx.now_ms)
                    .map_err(|f| (f.to_error(), true))
            })?;
        }
        check_password_policy(pool, &password)?;
        let user = pool.user_mut(&username)?;
        user.codes.forgot_password = None;
        user.password = Some(Verifier::new(&srp_name, &username, &password));
        if matches!(
            user.status,
            UserStatus::ResetRequired | UserStatus::ForceChangePassword
        ) {
            user.status = UserStatus::Confirmed;
            user.temporary_password_expires_ms = None;
        }
        user.modified_ms = ctx.now_ms;
        Ok(json!({}))
    })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ChangePassword.html>
pub fn change_password(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let token = access_token(input)?;
    let previous = input.string("PreviousPassword", 1, 256)?;
    let proposed = input.string("ProposedPassword", 1, 256)?;
    ctx.svc.store.write(|s| {
        let (pool_id, username, _) = authenticate(ctx, s, &token)?;
        let pool = s.pool_mut(&pool_id)?;
        let srp_name = pool.srp_name().to_owned();
        check_password_policy(pool, &proposed)?;
        let user = pool.user_mut(&username)?;
        // Wrong previous passwords count towards an hourly limit
        // (LimitExceededException), as on Cognito.
        limited_attempt(ctx, user, Limited::ChangePassword, |user| {
            let ok = user
                .password
                .as_ref()
                .is_some_and(|v| v.matches_password(&srp_name, &username, &previous));
            if !ok {
                return Err((ApiError::incorrect_credentials(), true));
            }
            user.password = Some(Verifier::new(&srp_name, &username, &proposed));
            user.modified_ms = ctx.now_ms;
            Ok(())
        })?;
        Ok(json!({}))
    })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUser.html>
pub fn get_user(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let token = access_token(input)?;
    ctx.svc.store.read(|s| {
        let (pool_id, username, client_id) = authenticate(ctx, s, &token)?;
        let pool = s.pool(&pool_id)?;
        let user = pool.user(&username)?;
        let client = pool.client(&client_id)?;
        let mut out = json!({
            "Username": user.username,
            "UserAttributes": readable_attributes_json(user, client),
        });
        add_mfa_fields(&mut out, pool, user);
        Ok(out)
    })
}

/// The ways the signed-in user can sign in (`ConfiguredUserAuthFactors`:
/// the password if they have one, a code by email or text where the pool
/// allows it as a first factor and the address or number is verified, a
/// passkey where the pool allows them and the user has one)
/// and their MFA settings.
/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUserAuthFactors.html>
pub fn get_user_auth_factors(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let token = access_token(input)?;
    ctx.svc.store.read(|s| {
        let (pool_id, username, _) = authenticate(ctx, s, &token)?;
        let pool = s.pool(&pool_id)?;
        let user = pool.user(&username)?;
        let allowed = pool.first_factors();
        let mut factors = Vec::new();
        if user.password.is_some() {
            factors.push("PASSWORD");
        }
        if allowed.iter().any(|f| f == "EMAIL_OTP") && user.attr_true("email_verified") {
            factors.push("EMAIL_OTP");
        }
        if allowed.iter().any(|f| f == "SMS_OTP") && user.attr_true("phone_number_verified") {
            factors.push("SMS_OTP");
        }
        if allowed.iter().any(|f| f == "WEB_AUTHN") && !user.passkeys.is_empty() {
            factors.push("WEB_AUTHN");
        }
        let mut out = json!({
            "Username": user.username,
            "ConfiguredUserAuthFactors": factors,
        });
        add_mfa_fields(&mut out, pool, user);
        Ok(out)
    })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserAttributes.html>
pub fn update_user_attributes(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let token = access_token(input)?;
    let attributes = input.attribute_list("UserAttributes")?;
    ctx.svc.store.write(|s| {
        let (pool_id, username, client_id) = authenticate(ctx, s, &token)?;
        let pool = s.pool_mut(&pool_id)?;
        check_writable(
            pool.client(&client_id)?,
            attributes.iter().map(|(k, _)| k.as_str()),
        )?;
        // A blank value deletes the attribute, as DeleteUserAttributes would.
        let (blank, attributes): (Vec<_>, Vec<_>) =
            attributes.into_iter().partition(|(_, v)| v.is_empty());
        let blank: Vec<String> = blank.into_iter().map(|(k, _)| k).collect();
        check_deletable(pool, &blank)?;
        validate_attribute_update(pool, &username, &attributes, false)?;
        let auto_verified = pool.auto_verified_attributes.clone();
        let kept: Vec<String> = ["email", "phone_number"]
            .into_iter()
            .filter(|a| pool.keeps_original_until_verified(a))
            .map(str::to_owned)
            .collect();
        let user = pool.user_mut(&username)?;
        delete_attributes(user, &blank);
        let mut to_verify = Vec::new();
        for (k, v) in attributes {
            let changed = user.attr(&k) != Some(v.as_str());
            if k == "email" || k == "phone_number" {
                // A new value replaces any value still waiting for its code.
                user.codes.pending_values.remove(&k);
            }
            if changed && (k == "email" || k == "phone_number") {
                if kept.contains(&k) && user.attr_true(&format!("{k}_verified")) {
                    // The verified original keeps working (and signing in)
                    // until the new value is verified with its code.
                    user.codes.pending_values.insert(k.clone(), v.clone());
                    to_verify.push((k, v));
                    continue;
                }
                user.attributes
                    .insert(format!("{k}_verified"), "false".into());
                if auto_verified.contains(&k) {
                    to_verify.push((k.clone(), v.clone()));
                }
            }
            user.attributes.insert(k, v);
        }
        user.modified_ms = ctx.now_ms;
        let mut details = Vec::new();
        for (attr, value) in to_verify {
            details.push(send_code(
                ctx,
                s,
                &pool_id,
                &username,
                &attr,
                &value,
                Purpose::VerifyAttribute,
                ATTRIBUTE_TTL_MS,
            )?);
        }
        let mut out = json!({});
        if !details.is_empty() {
            out["CodeDeliveryDetailsList"] = Value::Array(details);
        }
        Ok(out)
    })
}

fn verifiable_attribute(input: &Input) -> ApiResult<String> {
    let attr = input.string("AttributeName", 1, 32)?;
    if attr != "email" && attr != "phone_number" {
        return Err(ApiError::invalid_parameter(format!(
            "Invalid attribute name: {attr} cannot be verified."
        )));
    }
    Ok(attr)
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUserAttributeVerificationCode.html>
pub fn get_user_attribute_verification_code(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let token = access_token(input)?;
    let attr = verifiable_attribute(input)?;
    ctx.svc.store.write(|s| {
        let (pool_id, username, _) = authenticate(ctx, s, &token)?;
        let user = s.pool(&pool_id)?.user(&username)?;
        // A value waiting for verification is the one the code is for.
        let value = user
            .codes
            .pending_values
            .get(&attr)
            .map(String::as_str)
            .or_else(|| user.attr(&attr))
            .map(str::to_owned)
            .ok_or_else(|| {
                ApiError::invalid_parameter(format!("User does not have the attribute {attr}."))
            })?;
        let details = send_code(
            ctx,
            s,
            &pool_id,
            &username,
            &attr,
            &value,
            Purpose::VerifyAttribute,
            ATTRIBUTE_TTL_MS,
        )?;
        Ok(json!({ "CodeDeliveryDetails": details }))
    })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_VerifyUserAttribute.html>
pub fn verify_user_attribute(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let token = access_token(input)?;
    let attr = verifiable_attribute(input)?;
    let code = input.string("Code", 1, 2048)?;
    ctx.svc.store.write(|s| {
        let (pool_id, username, _) = authenticate(ctx, s, &token)?;
        let pool = s.pool_mut(&pool_id)?;
        let user = pool.user_mut(&username)?;
        limited_attempt(ctx, user, Limited::VerifyAttribute, |user| {
            let mut slot = user.codes.attributes.remove(&attr);
            let result = codes::check(&mut slot, &code, ctx.now_ms);
            if let Some(left) = slot {
                user.codes.attributes.insert(attr.clone(), left);
            }
            result.map_err(|f| (f.to_error(), true))
        })?;
        user.modified_ms = ctx.now_ms;
        if let Some(value) = user.codes.pending_values.remove(&attr) {
            user.attributes.insert(attr.clone(), value);
        }
        mark_verified(pool, &username, &attr, false)?;
        Ok(json!({}))
    })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUserAttributes.html>
pub fn delete_user_attributes(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let token = access_token(input)?;
    let names = input.string_list("UserAttributeNames")?;
    if !input.raw().contains_key("UserAttributeNames") {
        return Err(ApiError::invalid_parameter(
            "1 validation error detected: Value null at 'userAttributeNames' failed to satisfy constraint: Member must not be null",
        ));
    }
    ctx.svc.store.write(|s| {
        let (pool_id, username, client_id) = authenticate(ctx, s, &token)?;
        let pool = s.pool_mut(&pool_id)?;
        check_writable(pool.client(&client_id)?, names.iter().map(String::as_str))?;
        check_deletable(pool, &names)?;
        let user = pool.user_mut(&username)?;
        delete_attributes(user, &names);
        user.modified_ms = ctx.now_ms;
        Ok(json!({}))
    })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUser.html>
pub fn delete_user(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let token = access_token(input)?;
    ctx.svc.store.write(|s| {
        let (pool_id, username, _) = authenticate(ctx, s, &token)?;
        remove_user(s.pool_mut(&pool_id)?, &username);
        Ok(json!({}))
    })
}

/// Revokes every refresh token of the user, and with them every access
/// token issued from those sign-ins.
/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GlobalSignOut.html>
pub fn global_sign_out(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let token = access_token(input)?;
    ctx.svc.store.write(|s| {
        let (pool_id, username, _) = authenticate(ctx, s, &token)?;
        revoke_all(s.pool_mut(&pool_id)?, &username);
        Ok(json!({}))
    })
}

/// Revokes one refresh token and the access tokens issued from it.
/// Unknown tokens succeed silently, as RFC 7009 asks.
/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RevokeToken.html>
pub fn revoke_token(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let token = input.string("Token", 1, 131_072)?;
    let client_id = client_id(input)?;
    let client_secret = input.opt_string("ClientSecret", 1, 64)?;
    ctx.svc.store.write(|s| {
        let pool_id = pool_for_client(s, &client_id)?;
        let pool = s.pool_mut(&pool_id)?;
        let client = pool.client(&client_id)?;
        if let Some(secret) = &client.secret
            && client_secret
                .as_deref()
                .is_none_or(|given| !codes::constant_time_eq(given.as_bytes(), secret.as_bytes()))
        {
            return Err(ApiError::new(
                "UnauthorizedException",
                "Invalid client secret.",
            ));
        }
        if !client.enable_token_revocation {
            return Err(ApiError::new(
                "UnsupportedOperationException",
                "Token revocation is not enabled for the client.",
            ));
        }
        if token.starts_with("eyJ") && token.split('.').count() == 3 {
            return Err(ApiError::new(
                "UnsupportedTokenTypeException",
                "Unsupported token type.",
            ));
        }
        let hash = hash_token(&token);
        if let Some(record) = pool
            .refresh_tokens
            .values_mut()
            .find(|r| r.token_hash == hash)
        {
            if record.client_id != client_id {
                return Err(ApiError::new(
                    "UnauthorizedException",
                    "The token was not issued to this client.",
                ));
            }
            record.revoked = true;
        }
        Ok(json!({}))
    })
}

/// Who AssociateSoftwareToken / VerifySoftwareToken speak for: the holder of
/// an access token, or the user of an MFA_SETUP challenge session.
enum Subject {
    Token {
        pool_id: String,
        username: String,
    },
    Session {
        id: String,
        pool_id: String,
        username: String,
    },
}

impl Subject {
    fn ids(&self) -> (&str, &str) {
        match self {
            Self::Token { pool_id, username }
            | Self::Session {
                pool_id, username, ..
            } => (pool_id, username),
        }
    }
}

fn subject(ctx: &Ctx<'_>, s: &State, input: &Input) -> ApiResult<Subject> {
    let token = input.opt_string("AccessToken", 1, 131_072)?;
    let session = input.opt_string("Session", 20, 2048)?;
    match (token, session) {
        (Some(token), _) => {
            let (pool_id, username, _) = authenticate(ctx, s, &token)?;
            Ok(Subject::Token { pool_id, username })
        }
        (None, Some(id)) => {
            let sess = s.sessions.get(&id).ok_or_else(ApiError::invalid_session)?;
            if sess.expires_ms <= ctx.now_ms {
                return Err(ApiError::session_expired());
            }
            if sess.challenge != "MFA_SETUP" {
                return Err(ApiError::invalid_session());
            }
            Ok(Subject::Session {
                id,
                pool_id: sess.pool_id.clone(),
                username: sess.username.clone(),
            })
        }
        (None, None) => Err(ApiError::invalid_parameter(
            "Either AccessToken or Session must be provided.",
        )),
    }
}

/// Moves an MFA_SETUP challenge session to a fresh id with a fresh
/// lifetime: each call in the enrolment hands out the session for the
/// next, so enrolling is not bound to the first few minutes of sign-in.
fn renew_session(ctx: &Ctx<'_>, s: &mut State, id: &str) -> ApiResult<String> {
    let mut session = s
        .sessions
        .remove(id)
        .ok_or_else(ApiError::invalid_session)?;
    let session_ms = s
        .pool(&session.pool_id)?
        .client(&session.client_id)?
        .session_ms();
    session.expires_ms = ctx.now_ms.saturating_add(session_ms);
    let fresh = new_session_id();
    s.sessions.insert(fresh.clone(), session);
    Ok(fresh)
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AssociateSoftwareToken.html>
pub fn associate_software_token(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    ctx.svc.store.write(|s| {
        let subject = subject(ctx, s, input)?;
        let (pool_id, username) = subject.ids();
        let pool = s.pool_mut(pool_id)?;
        if !pool.software_token_mfa {
            return Err(ApiError::new(
                "SoftwareTokenMFANotFoundException",
                "Software Token MFA is not enabled for this user pool.",
            ));
        }
        let secret = totp::new_secret();
        pool.user_mut(username)?.mfa.totp_pending = Some(secret.clone());
        let mut out = json!({ "SecretCode": secret });
        if let Subject::Session { id, .. } = &subject {
            out["Session"] = json!(renew_session(ctx, s, id)?);
        }
        Ok(out)
    })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_VerifySoftwareToken.html>
pub fn verify_software_token(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let code = input.string("UserCode", 6, 6)?;
    if !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ApiError::invalid_parameter(
            "1 validation error detected: Value at 'userCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9]+",
        ));
    }
    let _ = input.opt_string("FriendlyDeviceName", 0, 131_072)?;
    ctx.svc.store.write(|s| {
        let subject = subject(ctx, s, input)?;
        let (pool_id, username) = subject.ids();
        let user = s.pool_mut(pool_id)?.user_mut(username)?;
        let pending = user.mfa.totp_pending.clone().ok_or_else(|| {
            ApiError::new(
                "SoftwareTokenMFANotFoundException",
                "Software Token MFA has not been associated with the user.",
            )
        })?;
        let step = totp::matching_step(&pending, &code, ctx.now_ms / 1000).ok_or_else(|| {
            ApiError::new(
                "EnableSoftwareTokenMFAException",
                "Code mismatch and fail enable Software Token MFA",
            )
        })?;
        user.mfa.totp_secret = Some(pending);
        user.mfa.totp_pending = None;
        user.mfa.totp_last_step = step;
        let mut out = json!({ "Status": "SUCCESS" });
        if let Subject::Session { id, .. } = &subject {
            if let Some(sess) = s.sessions.get_mut(id) {
                sess.totp_verified = true;
            }
            out["Session"] = json!(renew_session(ctx, s, id)?);
        }
        Ok(out)
    })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserMFAPreference.html>
pub fn set_user_mfa_preference(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let token = input.string("AccessToken", 1, 131_072)?;
    ctx.svc.store.write(|s| {
        let (pool_id, username, _) = authenticate(ctx, s, &token)?;
        apply_preferences(s, &pool_id, &username, input)?;
        Ok(json!({}))
    })
}
