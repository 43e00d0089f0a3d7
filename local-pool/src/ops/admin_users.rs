//! Admin user management: creating and inviting users, reading and listing
//! them, setting and resetting their passwords, confirming, disabling,
//! enabling and deleting them, changing their attributes and MFA
//! preferences, and signing them out everywhere. Callers sign these with any
//! AWS credentials (there is no IAM here).

use serde_json::{Value, json};

use super::context::Ctx;
use super::users::{
    add_mfa_fields, apply_preferences, check_deletable, check_password_policy, delete_attributes,
    enum_value, generate_temporary_password, new_user, pool_id_input, recovery_destination,
    remove_user, resolve_user, revoke_all, send, send_code, user_type, validate_attribute_update,
};
use crate::codes::RESET_TTL_MS;
use crate::error::{ApiError, ApiResult};
use crate::input::Input;
use crate::outbox::Purpose;
use crate::srp::Verifier;
use crate::state::{State, User, UserStatus};

fn send_invitation(
    ctx: &Ctx<'_>,
    s: &mut State,
    pool_id: &str,
    username: &str,
    mediums: &[String],
    password: &str,
) -> ApiResult<()> {
    let pool = s.pool(pool_id)?;
    let user = pool.user(username)?;
    let sign_in_name = if pool.email_is_username() {
        user.attr("email").unwrap_or(username).to_owned()
    } else {
        username.to_owned()
    };
    let template = |key: &str| {
        pool.extra
            .get("AdminCreateUserConfig")
            .and_then(|c| c.get("InviteMessageTemplate"))
            .and_then(|t| t.get(key))
            .and_then(Value::as_str)
            .filter(|t| t.contains("{####}"))
            .unwrap_or("Your username is {username} and temporary password is {####}. ")
            .replace("{username}", &sign_in_name)
            .replace("{####}", password)
    };
    let mut deliveries = Vec::new();
    let wants = |m: &str| mediums.is_empty() && m == "SMS" || mediums.iter().any(|x| x == m);
    if wants("EMAIL")
        && let Some(email) = user.attr("email")
    {
        deliveries.push(("email", email.to_owned(), template("EmailMessage")));
    }
    if wants("SMS")
        && let Some(phone) = user.attr("phone_number")
    {
        deliveries.push(("phone_number", phone.to_owned(), template("SMSMessage")));
    }
    // No phone for the default SMS invitation: Cognito falls back to email.
    if deliveries.is_empty()
        && let Some(email) = user.attr("email")
    {
        deliveries.push(("email", email.to_owned(), template("EmailMessage")));
    }
    for (attr, destination, message) in deliveries {
        send(
            ctx,
            s,
            pool_id,
            username,
            attr,
            &destination,
            Purpose::Invitation,
            Some(password.to_owned()),
            message,
        );
    }
    Ok(())
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminCreateUser.html>
pub fn admin_create_user(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let pool_id = pool_id_input(input)?;
    let name = input.string("Username", 1, 128)?;
    let attributes = input.attribute_list("UserAttributes")?;
    let temporary = input.opt_string("TemporaryPassword", 0, 256)?;
    let action = input.opt_string("MessageAction", 1, 16)?;
    if let Some(a) = &action {
        enum_value("messageAction", a, &["RESEND", "SUPPRESS"])?;
    }
    let mediums = input.string_list("DesiredDeliveryMediums")?;
    for m in &mediums {
        enum_value("desiredDeliveryMediums", m, &["SMS", "EMAIL"])?;
    }
    ctx.svc.store.write(|s| {
        let pool = s.pool(&pool_id)?;
        let password = match temporary.as_deref().filter(|p| !p.is_empty()) {
            Some(p) => {
                check_password_policy(pool, p)?;
                p.to_owned()
            }
            None => generate_temporary_password(pool),
        };
        let expires = ctx.now_ms.saturating_add(
            u64::from(pool.password_policy.temporary_password_validity_days) * 86_400_000,
        );
        let username = if action.as_deref() == Some("RESEND") {
            let username = resolve_user(pool, &name)?;
            if pool.user(&username)?.status != UserStatus::ForceChangePassword {
                return Err(ApiError::new(
                    "UnsupportedUserStateException",
                    "Resend not possible. User status is not FORCE_CHANGE_PASSWORD.",
                ));
            }
            let srp_name = pool.srp_name().to_owned();
            let user = s.pool_mut(&pool_id)?.user_mut(&username)?;
            user.password = Some(Verifier::new(&srp_name, &username, &password));
            user.temporary_password_expires_ms = Some(expires);
            user.temporary_password_used = false;
            user.modified_ms = ctx.now_ms;
            username
        } else {
            let mut user = new_user(ctx, pool, &name, &attributes, false)?;
            user.password = Some(Verifier::new(pool.srp_name(), &user.username, &password));
            user.status = UserStatus::ForceChangePassword;
            user.temporary_password_expires_ms = Some(expires);
            let username = user.username.clone();
            s.pool_mut(&pool_id)?.users.insert(username.clone(), user);
            username
        };
        if action.as_deref() != Some("SUPPRESS") {
            send_invitation(ctx, s, &pool_id, &username, &mediums, &password)?;
        }
        let user = s.pool(&pool_id)?.user(&username)?;
        Ok(json!({ "User": user_type(user, "Attributes") }))
    })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminGetUser.html>
pub fn admin_get_user(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let pool_id = pool_id_input(input)?;
    let name = input.string("Username", 1, 128)?;
    ctx.svc.store.read(|s| {
        let pool = s.pool(&pool_id)?;
        let user = pool.user(&resolve_user(pool, &name)?)?;
        let mut out = user_type(user, "UserAttributes");
        add_mfa_fields(&mut out, pool, user);
        Ok(out)
    })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDeleteUser.html>
pub fn admin_delete_user(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let pool_id = pool_id_input(input)?;
    let name = input.string("Username", 1, 128)?;
    ctx.svc.store.write(|s| {
        let pool = s.pool_mut(&pool_id)?;
        let username = resolve_user(pool, &name)?;
        remove_user(pool, &username);
        Ok(json!({}))
    })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminSetUserPassword.html>
pub fn admin_set_user_password(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let pool_id = pool_id_input(input)?;
    let name = input.string("Username", 1, 128)?;
    let password = input.string("Password", 1, 256)?;
    let permanent = input.opt_bool("Permanent")?.unwrap_or(false);
    ctx.svc.store.write(|s| {
        let pool = s.pool_mut(&pool_id)?;
        check_password_policy(pool, &password)?;
        let username = resolve_user(pool, &name)?;
        let srp_name = pool.srp_name().to_owned();
        let validity =
            u64::from(pool.password_policy.temporary_password_validity_days) * 86_400_000;
        let user = pool.user_mut(&username)?;
        user.password = Some(Verifier::new(&srp_name, &username, &password));
        if permanent {
            user.status = UserStatus::Confirmed;
            user.temporary_password_expires_ms = None;
        } else {
            user.status = UserStatus::ForceChangePassword;
            user.temporary_password_expires_ms = Some(ctx.now_ms.saturating_add(validity));
            user.temporary_password_used = false;
        }
        user.modified_ms = ctx.now_ms;
        Ok(json!({}))
    })
}

/// Deactivates the password: the next sign-in answers
/// PasswordResetRequiredException, and a reset code goes to the verified
/// email or phone when there is one.
/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminResetUserPassword.html>
pub fn admin_reset_user_password(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let pool_id = input.string("UserPoolId", 1, 55)?;
    let name = input.string("Username", 1, 128)?;
    ctx.svc.store.write(|s| {
        let pool = s.pool_mut(&pool_id)?;
        let username = resolve_user(pool, &name)?;
        let user = pool.user_mut(&username)?;
        if user.status == UserStatus::Unconfirmed {
            return Err(ApiError::not_authorized(
                "User password cannot be reset in the current state.",
            ));
        }
        user.status = UserStatus::ResetRequired;
        user.modified_ms = ctx.now_ms;
        let pool = s.pool(&pool_id)?;
        // The code goes where ForgotPassword's would.
        if let Some((attr, value)) = recovery_destination(pool, pool.user(&username)?) {
            send_code(
                ctx,
                s,
                &pool_id,
                &username,
                &attr,
                &value,
                Purpose::ForgotPassword,
                RESET_TTL_MS,
            )?;
        }
        Ok(json!({}))
    })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminConfirmSignUp.html>
pub fn admin_confirm_sign_up(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let pool_id = pool_id_input(input)?;
    let name = input.string("Username", 1, 128)?;
    ctx.svc.store.write(|s| {
        let pool = s.pool_mut(&pool_id)?;
        let username = resolve_user(pool, &name)?;
        let user = pool.user_mut(&username)?;
        if user.status != UserStatus::Unconfirmed {
            return Err(ApiError::not_authorized(format!(
                "User cannot be confirmed. Current status is {}",
                user.status.as_str()
            )));
        }
        user.status = UserStatus::Confirmed;
        user.codes.sign_up = None;
        user.modified_ms = ctx.now_ms;
        Ok(json!({}))
    })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDisableUser.html>
pub fn admin_disable_user(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    set_enabled(ctx, input, false)
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminEnableUser.html>
pub fn admin_enable_user(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    set_enabled(ctx, input, true)
}

fn set_enabled(ctx: &Ctx<'_>, input: &Input, enabled: bool) -> ApiResult<Value> {
    let pool_id = pool_id_input(input)?;
    let name = input.string("Username", 1, 128)?;
    ctx.svc.store.write(|s| {
        let pool = s.pool_mut(&pool_id)?;
        let username = resolve_user(pool, &name)?;
        if !enabled {
            // "Deactivates a user profile and revokes all access tokens for
            // the user."
            // <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDisableUser.html>
            revoke_all(pool, &username);
        }
        let user = pool.user_mut(&username)?;
        user.enabled = enabled;
        user.modified_ms = ctx.now_ms;
        Ok(json!({}))
    })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminUserGlobalSignOut.html>
pub fn admin_user_global_sign_out(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let pool_id = pool_id_input(input)?;
    let name = input.string("Username", 1, 128)?;
    ctx.svc.store.write(|s| {
        let pool = s.pool_mut(&pool_id)?;
        let username = resolve_user(pool, &name)?;
        revoke_all(pool, &username);
        Ok(json!({}))
    })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminUpdateUserAttributes.html>
pub fn admin_update_user_attributes(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let pool_id = pool_id_input(input)?;
    let name = input.string("Username", 1, 128)?;
    let attributes = input.attribute_list("UserAttributes")?;
    ctx.svc.store.write(|s| {
        let pool = s.pool_mut(&pool_id)?;
        let username = resolve_user(pool, &name)?;
        // A blank value deletes the attribute.
        let (blank, attributes): (Vec<_>, Vec<_>) =
            attributes.into_iter().partition(|(_, v)| v.is_empty());
        let blank: Vec<String> = blank.into_iter().map(|(k, _)| k).collect();
        check_deletable(pool, &blank)?;
        validate_attribute_update(pool, &username, &attributes, true)?;
        let user = pool.user_mut(&username)?;
        delete_attributes(user, &blank);
        // Values first, then the verified flags the request sets, so that
        // `email` with `email_verified=true` verifies the new address in
        // whichever order the two come.
        let (flags, values): (Vec<_>, Vec<_>) = attributes
            .into_iter()
            .partition(|(k, _)| k.ends_with("_verified"));
        for (k, v) in values {
            let flag = format!("{k}_verified");
            if (k == "email" || k == "phone_number")
                && user.attr(&k) != Some(v.as_str())
                && !flags.iter().any(|(f, _)| *f == flag)
            {
                user.attributes.insert(flag, "false".into());
            }
            user.attributes.insert(k, v);
        }
        for (k, v) in flags {
            user.attributes.insert(k, v);
        }
        user.modified_ms = ctx.now_ms;
        Ok(json!({}))
    })
}

/// ListUsers filters: `attr = "value"` (exact) or `attr ^= "value"` (prefix).
/// <https://docs.aws.amazon.com/cognito/latest/developerguide/how-to-manage-user-accounts.html#cognito-user-pools-searching-for-users-using-listusers-api>
fn parse_filter(filter: &str) -> ApiResult<Option<(String, bool, String)>> {
    let filter = filter.trim();
    if filter.is_empty() {
        return Ok(None);
    }
    let bad = || ApiError::invalid_parameter("Error while parsing filter.");
    let (attr, rest, prefix) = if let Some((a, r)) = filter.split_once("^=") {
        (a, r, true)
    } else if let Some((a, r)) = filter.split_once('=') {
        (a, r, false)
    } else {
        return Err(bad());
    };
    let attr = attr.trim();
    let value = rest
        .trim()
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .ok_or_else(bad)?;
    const FILTERABLE: &[&str] = &[
        "username",
        "email",
        "phone_number",
        "name",
        "given_name",
        "family_name",
        "preferred_username",
        "cognito:user_status",
        "status",
        "sub",
    ];
    if !FILTERABLE.contains(&attr) {
        return Err(bad());
    }
    Ok(Some((attr.to_owned(), prefix, value.to_owned())))
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUsers.html>
pub fn list_users(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let pool_id = pool_id_input(input)?;
    let limit = input.opt_i64("Limit")?.unwrap_or(60);
    if !(0..=60).contains(&limit) {
        return Err(ApiError::invalid_parameter(
            "1 validation error detected: Value at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60",
        ));
    }
    let limit = if limit == 0 {
        60
    } else {
        usize::try_from(limit).unwrap_or(60)
    };
    let filter = parse_filter(&input.opt_string("Filter", 0, 256)?.unwrap_or_default())?;
    let wanted = input.string_list("AttributesToGet")?;
    let after = input.opt_string("PaginationToken", 1, 131_072)?;
    ctx.svc.store.read(|s| {
        let pool = s.pool(&pool_id)?;
        let matches = |u: &User| {
            let Some((attr, prefix, value)) = &filter else {
                return true;
            };
            let actual = match attr.as_str() {
                "username" => Some(u.username.clone()),
                "cognito:user_status" => Some(u.status.as_str().to_owned()),
                "status" => Some(if u.enabled { "Enabled" } else { "Disabled" }.to_owned()),
                other => u.attr(other).map(str::to_owned),
            };
            actual.is_some_and(|a| {
                if *prefix {
                    a.starts_with(value.as_str())
                } else {
                    a == *value
                }
            })
        };
        let users: Vec<&User> = pool
            .users
            .values()
            .filter(|u| after.as_deref().is_none_or(|a| u.username.as_str() > a))
            .filter(|u| matches(u))
            .collect();
        let page: Vec<Value> = users
            .iter()
            .take(limit)
            .map(|u| {
                let mut t = user_type(u, "Attributes");
                if !wanted.is_empty() {
                    let attrs: Vec<Value> = u
                        .attributes
                        .iter()
                        .filter(|(k, _)| wanted.contains(k))
                        .map(|(k, v)| json!({ "Name": k, "Value": v }))
                        .collect();
                    t["Attributes"] = Value::Array(attrs);
                }
                t
            })
            .collect();
        let mut out = json!({ "Users": page });
        if users.len() > limit
            && let Some(last) = users.get(limit - 1)
        {
            out["PaginationToken"] = json!(last.username);
        }
        Ok(out)
    })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminSetUserMFAPreference.html>
pub fn admin_set_user_mfa_preference(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let pool_id = input.string("UserPoolId", 1, 55)?;
    let name = input.string("Username", 1, 128)?;
    ctx.svc.store.write(|s| {
        let username = resolve_user(s.pool(&pool_id)?, &name)?;
        apply_preferences(s, &pool_id, &username, input)?;
        Ok(json!({}))
    })
}
