//! TOTP association and per-user MFA preferences.

use serde_json::{Map, Value, json};

use super::Ctx;
use super::common::authenticate;
use super::control::resolve_user;
use crate::codes::totp;
use crate::error::{ApiError, ApiResult};
use crate::input::Input;
use crate::state::State;

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
            let (pool_id, username) = authenticate(ctx, s, &token)?;
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
            out["Session"] = json!(id);
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
            out["Session"] = json!(id);
        }
        Ok(out)
    })
}

/// Applies SMSMfaSettings / SoftwareTokenMfaSettings / EmailMfaSettings.
fn apply_preferences(s: &mut State, pool_id: &str, username: &str, input: &Input) -> ApiResult<()> {
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

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserMFAPreference.html>
pub fn set_user_mfa_preference(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let token = input.string("AccessToken", 1, 131_072)?;
    ctx.svc.store.write(|s| {
        let (pool_id, username) = authenticate(ctx, s, &token)?;
        apply_preferences(s, &pool_id, &username, input)?;
        Ok(json!({}))
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
