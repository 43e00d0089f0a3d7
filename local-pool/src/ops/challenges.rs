//! Sign-in challenges: RespondToAuthChallenge and everything a challenge
//! needs: the PASSWORD_VERIFIER answer to an SRP start, the checks once a
//! password is proven, NEW_PASSWORD_REQUIRED, MFA (SELECT_MFA_TYPE,
//! SMS_MFA, EMAIL_OTP, SOFTWARE_TOKEN_MFA, MFA_SETUP), challenge sessions
//! and issuing tokens. `sign_in` starts the flows drawn in its
//! documentation and hands over here; nothing here calls back into it.

use serde_json::{Map, Value, json};

use super::context::Ctx;
use super::users::{
    check_password_policy, check_secret_hash, check_sign_in_lockout, check_writable, client_id,
    delivery_details, new_session_id, pool_for_client, record_sign_in, send,
    validate_attribute_update,
};
use crate::codes::{self, PendingCode, totp};
use crate::error::{ApiError, ApiResult};
use crate::input::Input;
use crate::outbox::Purpose;
use crate::srp::{self, Verifier};
use crate::state::{ChallengeSession, Device, RefreshRecord, SrpPending, State, UserStatus};
use crate::tokens::{Issue, issue, new_refresh_token};

/// Wrong MFA codes allowed per challenge session before it is dropped.
const MAX_SESSION_FAILURES: u32 = 5;

pub fn user_disabled() -> ApiError {
    ApiError::not_authorized("User is disabled.")
}

/// Issues access, ID and (for a new sign-in) refresh tokens, and, in a
/// pool that tracks devices, a new device for the user to confirm
/// (`NewDeviceMetadata`).
pub fn sign_in_tokens(
    ctx: &Ctx<'_>,
    s: &mut State,
    pool_id: &str,
    client_id: &str,
    username: &str,
) -> ApiResult<Value> {
    if s.pool(pool_id)?.device_tracking().is_none() {
        return issue_tokens(ctx, s, pool_id, client_id, username, None);
    }
    {
        let region = pool_id.split('_').next().unwrap_or("local");
        let key = format!("{region}_{}", uuid::Uuid::new_v4());
        let mut out = issue_tokens(ctx, s, pool_id, client_id, username, Some(&key))?;
        let group_key = format!("-{}", &new_session_id()[..9]);
        s.pool_mut(pool_id)?.user_mut(username)?.devices.insert(
            key.clone(),
            Device {
                group_key: group_key.clone(),
                verifier: None,
                name: None,
                remembered: false,
                created_ms: ctx.now_ms,
                modified_ms: ctx.now_ms,
                last_authenticated_ms: ctx.now_ms,
            },
        );
        out["AuthenticationResult"]["NewDeviceMetadata"] =
            json!({ "DeviceKey": key, "DeviceGroupKey": group_key });
        Ok(out)
    }
}

/// The tokens alone; `device_key` names the device they are issued to,
/// which their refresh must name again.
fn issue_tokens(
    ctx: &Ctx<'_>,
    s: &mut State,
    pool_id: &str,
    client_id: &str,
    username: &str,
    device_key: Option<&str>,
) -> ApiResult<Value> {
    let origin_jti = uuid::Uuid::new_v4().to_string();
    let (refresh, refresh_hash) = new_refresh_token();
    let issuer = ctx.svc.issuer(pool_id);
    let pool = s.pool_mut(pool_id)?;
    let client = pool.client(client_id)?.clone();
    let auth_time = ctx.now_ms / 1000;
    let (access, id) = {
        let user = pool.user(username)?;
        issue(
            &ctx.svc.signer,
            &Issue {
                issuer: &issuer,
                client: &client,
                user,
                groups: &pool.groups_of(user),
                auth_time_s: auth_time,
                origin_jti: &origin_jti,
                now_ms: ctx.now_ms,
            },
        )?
    };
    // Forget refresh tokens that can no longer be used.
    pool.refresh_tokens.retain(|_, r| r.expires_ms > ctx.now_ms);
    pool.refresh_tokens.insert(
        origin_jti,
        RefreshRecord {
            token_hash: refresh_hash,
            username: username.to_owned(),
            client_id: client_id.to_owned(),
            auth_time,
            expires_ms: ctx.now_ms.saturating_add(client.refresh_token_ms()),
            revoked: false,
            device_key: device_key.map(str::to_owned),
        },
    );
    Ok(json!({
        "ChallengeParameters": {},
        "AuthenticationResult": {
            "AccessToken": access,
            "ExpiresIn": client.access_token_ms() / 1000,
            "TokenType": "Bearer",
            "RefreshToken": refresh,
            "IdToken": id,
        }
    }))
}

fn challenge(s: &mut State, ctx: &Ctx<'_>, base: ChallengeSession, params: Value) -> Value {
    let id = new_session_id();
    let name = base.challenge.clone();
    s.sessions.insert(id.clone(), base);
    let _ = ctx;
    json!({ "ChallengeName": name, "Session": id, "ChallengeParameters": params })
}

/// Sends an SMS or email code and opens the challenge for it: MFA
/// (SMS_MFA, EMAIL_OTP after a password) or a first factor (EMAIL_OTP,
/// SMS_OTP in USER_AUTH).
pub fn code_challenge(
    ctx: &Ctx<'_>,
    s: &mut State,
    session: ChallengeSession,
    kind: &str,
) -> ApiResult<Value> {
    let pool = s.pool(&session.pool_id)?;
    let user = pool.user(&session.username)?;
    let by_sms = kind == "SMS_MFA" || kind == "SMS_OTP";
    let attribute = if by_sms { "phone_number" } else { "email" };
    let destination = user
        .attr(attribute)
        .ok_or_else(|| {
            ApiError::new(
                "InvalidUserPoolConfigurationException",
                "No destination for the MFA code.",
            )
        })?
        .to_owned();
    // An SMS or email code lasts as long as the app client's sign-in
    // session (AuthSessionValidity, 3 to 15 minutes).
    // <https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-sms-text-message.html>
    let ttl_ms = pool.client(&session.client_id)?.session_ms();
    let pending = PendingCode::for_attribute(ttl_ms, ctx.now_ms, attribute);
    let code = pending.code.clone();
    let template = if by_sms {
        pool.sms_mfa
            .as_ref()
            .and_then(|c| c.get("SmsAuthenticationMessage"))
            .and_then(Value::as_str)
    } else {
        pool.email_mfa
            .as_ref()
            .and_then(|c| c.get("Message"))
            .and_then(Value::as_str)
    }
    .filter(|t| t.contains("{####}"))
    .unwrap_or("Your authentication code is {####}. ");
    let message = template.replace("{####}", &code);
    let username = session.username.clone();
    let pool_id = session.pool_id.clone();
    send(
        ctx,
        s,
        &pool_id,
        &username,
        attribute,
        &destination,
        Purpose::Mfa,
        Some(code),
        message,
    );
    let details = delivery_details(attribute, &destination);
    let params = json!({
        "CODE_DELIVERY_DELIVERY_MEDIUM": details["DeliveryMedium"],
        "CODE_DELIVERY_DESTINATION": details["Destination"],
        "USER_ID_FOR_SRP": username,
    });
    Ok(challenge(
        s,
        ctx,
        ChallengeSession {
            challenge: kind.to_owned(),
            code: Some(pending),
            ..session
        },
        params,
    ))
}

fn start_mfa_challenge(
    ctx: &Ctx<'_>,
    s: &mut State,
    session: ChallengeSession,
    kind: &str,
) -> ApiResult<Value> {
    match kind {
        "SMS_MFA" | "EMAIL_OTP" => code_challenge(ctx, s, session, kind),
        _ => {
            let params = json!({ "USER_ID_FOR_SRP": session.username });
            Ok(challenge(
                s,
                ctx,
                ChallengeSession {
                    challenge: "SOFTWARE_TOKEN_MFA".into(),
                    ..session
                },
                params,
            ))
        }
    }
}

/// What happens once the password is proven: status checks, then MFA, then tokens.
pub fn after_password(
    ctx: &Ctx<'_>,
    s: &mut State,
    pool_id: &str,
    client_id: &str,
    username: &str,
) -> ApiResult<Value> {
    after_password_on(ctx, s, pool_id, client_id, username, None)
}

/// `after_password`, from a device that names itself (`DEVICE_KEY`): a
/// confirmed, remembered device of this user proves itself next
/// (DEVICE_SRP_AUTH) instead of MFA.
/// <https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html>
pub fn after_password_on(
    ctx: &Ctx<'_>,
    s: &mut State,
    pool_id: &str,
    client_id: &str,
    username: &str,
    device_key: Option<&str>,
) -> ApiResult<Value> {
    let pool = s.pool(pool_id)?;
    let client = pool.client(client_id)?;
    let user = pool.user(username)?;
    let base = ChallengeSession {
        pool_id: pool_id.to_owned(),
        client_id: client_id.to_owned(),
        username: username.to_owned(),
        challenge: String::new(),
        expires_ms: ctx.now_ms.saturating_add(client.session_ms()),
        code: None,
        enables_email_mfa: false,
        totp_verified: false,
        failures: 0,
        typed_name: None,
    };
    match user.status {
        UserStatus::Unconfirmed => {
            return Err(ApiError::new(
                "UserNotConfirmedException",
                "User is not confirmed.",
            ));
        }
        UserStatus::ResetRequired => {
            return Err(ApiError::new(
                "PasswordResetRequiredException",
                "Password reset required for the user",
            ));
        }
        UserStatus::ForceChangePassword if user.temporary_password_used => {
            // "The temporary password is valid only once."
            // <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminCreateUser.html>
            return Err(ApiError::not_authorized(
                "Temporary password has expired and must be reset by an administrator.",
            ));
        }
        UserStatus::ForceChangePassword => {
            let attrs: Map<String, Value> = user
                .attributes
                .iter()
                .filter(|(k, _)| k.as_str() != "sub")
                .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                .collect();
            let required: Vec<String> = pool
                .required_attributes()
                .into_iter()
                .filter(|a| a != "sub" && !user.attributes.contains_key(a))
                .map(|a| format!("userAttributes.{a}"))
                .collect();
            let params = json!({
                "USER_ID_FOR_SRP": username,
                "requiredAttributes": Value::Array(required.into_iter().map(Value::String).collect()).to_string(),
                "userAttributes": Value::Object(attrs).to_string(),
            });
            s.pool_mut(pool_id)?
                .user_mut(username)?
                .temporary_password_used = true;
            return Ok(challenge(
                s,
                ctx,
                ChallengeSession {
                    challenge: "NEW_PASSWORD_REQUIRED".into(),
                    ..base
                },
                params,
            ));
        }
        UserStatus::Confirmed => {}
    }
    // A key the user has no device for (forgotten, or never theirs) is
    // refused, as Cognito does: "Device does not exist."
    if pool.device_tracking().is_some()
        && device_key.is_some_and(|key| !user.devices.contains_key(key))
    {
        return Err(ApiError::new(
            "ResourceNotFoundException",
            "Device does not exist.",
        ));
    }
    let remembered = device_key
        .and_then(|key| user.devices.get(key))
        .is_some_and(|d| d.verifier.is_some() && d.remembered);
    if remembered && pool.device_tracking().is_some() {
        let params = json!({ "USERNAME": username, "USER_ID_FOR_SRP": username });
        return Ok(challenge(
            s,
            ctx,
            ChallengeSession {
                challenge: "DEVICE_SRP_AUTH".into(),
                ..base
            },
            params,
        ));
    }
    if pool.mfa_configuration == "OFF" {
        return sign_in_tokens(ctx, s, pool_id, client_id, username);
    }
    let enabled = user.enabled_mfa(pool);
    if !enabled.is_empty() {
        let preferred = user
            .mfa
            .preferred
            .as_deref()
            .and_then(|p| enabled.iter().find(|e| **e == p).copied());
        let chosen = preferred.or_else(|| (enabled.len() == 1).then(|| enabled[0]));
        if let Some(kind) = chosen {
            return start_mfa_challenge(ctx, s, base, kind);
        }
        let params = json!({
            "MFAS_CAN_CHOOSE": json!(enabled).to_string(),
            "USER_ID_FOR_SRP": username,
        });
        return Ok(challenge(
            s,
            ctx,
            ChallengeSession {
                challenge: "SELECT_MFA_TYPE".into(),
                ..base
            },
            params,
        ));
    }
    if pool.mfa_configuration == "ON" {
        // MFA is required and the user has none: SMS if the pool and user
        // can do it, otherwise make them set up a TOTP (or email) factor.
        if pool.sms_mfa_enabled() && user.attr("phone_number").is_some() {
            return start_mfa_challenge(ctx, s, base, "SMS_MFA");
        }
        // Every method the pool allows, whether or not this user has the
        // phone or address it needs ("The MFA types activated for the user
        // pool will be listed in MFAS_CAN_SETUP"); for SMS or email the
        // app collects the attribute and starts the sign-in again.
        let mut can_setup = Vec::new();
        if pool.sms_mfa_enabled() {
            can_setup.push("SMS_MFA");
        }
        if pool.software_token_mfa {
            can_setup.push("SOFTWARE_TOKEN_MFA");
        }
        if pool.email_mfa_enabled() {
            can_setup.push("EMAIL_OTP");
        }
        if can_setup.is_empty() {
            return Err(ApiError::new(
                "InvalidUserPoolConfigurationException",
                "MFA is required but no MFA method can be set up for this user.",
            ));
        }
        let params = json!({
            "MFAS_CAN_SETUP": json!(can_setup).to_string(),
            "USER_ID_FOR_SRP": username,
        });
        return Ok(challenge(
            s,
            ctx,
            ChallengeSession {
                challenge: "MFA_SETUP".into(),
                ..base
            },
            params,
        ));
    }
    sign_in_tokens(ctx, s, pool_id, client_id, username)
}

/// Checks that apply once the password is known to be right.
pub fn check_usable(ctx: &Ctx<'_>, s: &State, pool_id: &str, username: &str) -> ApiResult<()> {
    let user = s.pool(pool_id)?.user(username)?;
    if !user.enabled {
        return Err(user_disabled());
    }
    if user.status == UserStatus::ForceChangePassword
        && user
            .temporary_password_expires_ms
            .is_some_and(|t| t <= ctx.now_ms)
    {
        return Err(ApiError::not_authorized(
            "Temporary password has expired and must be reset by an administrator.",
        ));
    }
    Ok(())
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html>
pub fn respond_to_auth_challenge(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let client_id = client_id(input)?;
    let name = input.string("ChallengeName", 1, 64)?;
    let responses = input.string_map("ChallengeResponses")?;
    let session = input.opt_string("Session", 20, 2048)?;
    const CHALLENGES: &[&str] = &[
        "SMS_MFA",
        "EMAIL_OTP",
        "SOFTWARE_TOKEN_MFA",
        "SELECT_MFA_TYPE",
        "MFA_SETUP",
        "PASSWORD_VERIFIER",
        "CUSTOM_CHALLENGE",
        "SELECT_CHALLENGE",
        "DEVICE_SRP_AUTH",
        "DEVICE_PASSWORD_VERIFIER",
        "ADMIN_NO_SRP_AUTH",
        "NEW_PASSWORD_REQUIRED",
        "SMS_OTP",
        "PASSWORD",
        "WEB_AUTHN",
        "PASSWORD_SRP",
    ];
    if !CHALLENGES.contains(&name.as_str()) {
        return Err(ApiError::invalid_parameter(format!(
            "1 validation error detected: Value '{name}' at 'challengeName' failed to satisfy constraint: Member must satisfy enum value set: [{}]",
            CHALLENGES.join(", ")
        )));
    }
    let response = |key: &str| -> ApiResult<String> {
        responses
            .get(key)
            .cloned()
            .ok_or_else(|| ApiError::invalid_parameter(format!("Missing required parameter {key}")))
    };
    let secret_hash = responses.get("SECRET_HASH").map(String::as_str);
    let client = ctx.svc.store.read(|s| -> ApiResult<_> {
        let pool_id = pool_for_client(s, &client_id)?;
        Ok(s.pool(&pool_id)?.client(&client_id)?.clone())
    })?;
    let username_sent = response("USERNAME")?;
    check_secret_hash(&client, &[&username_sent], secret_hash)?;

    if name == "PASSWORD_VERIFIER" {
        return password_verifier(ctx, &client_id, &username_sent, &responses);
    }

    let session_id =
        session.ok_or_else(|| ApiError::invalid_parameter("Missing required parameter Session"))?;
    ctx.svc.store.write(|s| {
        let current = s
            .sessions
            .get(&session_id)
            .cloned()
            .ok_or_else(ApiError::invalid_session)?;
        if current.expires_ms <= ctx.now_ms {
            s.sessions.remove(&session_id);
            return Err(ApiError::session_expired());
        }
        if current.client_id != client_id {
            return Err(ApiError::invalid_session());
        }
        let pool = s.pool(&current.pool_id)?;
        // A decoy (a one-time code "sent" to a name with no account) is
        // answered like a real one: the code is refused as wrong. Clients
        // answer with the name typed or, as with a real account, with the
        // USERNAME the challenge gave them.
        let decoy = !pool.users.contains_key(&current.username)
            && (current.typed_name.as_deref() == Some(username_sent.as_str())
                || current.username == username_sent);
        if pool.find_username(&username_sent).as_deref() != Some(current.username.as_str())
            && !decoy
        {
            return Err(ApiError::invalid_session());
        }
        if current.challenge != name {
            return Err(ApiError::invalid_parameter(format!(
                "Invalid challenge name {name}: expected {}.",
                current.challenge
            )));
        }
        let pool_id = current.pool_id.clone();
        let username = current.username.clone();
        let result = answer_challenge(ctx, s, &session_id, current, &responses);
        // A correct answer spends the session; a wrong one counts against it.
        match &result {
            Ok(_) => {
                s.sessions.remove(&session_id);
            }
            Err(e) if e.kind == "CodeMismatchException" => {
                if let Some(sess) = s.sessions.get_mut(&session_id) {
                    sess.failures += 1;
                    if sess.failures >= MAX_SESSION_FAILURES {
                        s.sessions.remove(&session_id);
                    }
                }
            }
            Err(_) => {}
        }
        let _ = (pool_id, username);
        result
    })
}

fn answer_challenge(
    ctx: &Ctx<'_>,
    s: &mut State,
    session_id: &str,
    current: ChallengeSession,
    responses: &std::collections::BTreeMap<String, String>,
) -> ApiResult<Value> {
    let response = |key: &str| -> ApiResult<String> {
        responses
            .get(key)
            .cloned()
            .ok_or_else(|| ApiError::invalid_parameter(format!("Missing required parameter {key}")))
    };
    let pool_id = current.pool_id.clone();
    let client_id = current.client_id.clone();
    let username = current.username.clone();
    let mismatch = || ApiError::new("CodeMismatchException", "Invalid code received for user");
    let session_ms = s.pool(&pool_id)?.client(&client_id)?.session_ms();
    match current.challenge.as_str() {
        "SMS_MFA" | "EMAIL_OTP" | "SMS_OTP" => {
            let key = match current.challenge.as_str() {
                "SMS_MFA" => "SMS_MFA_CODE",
                "SMS_OTP" => "SMS_OTP_CODE",
                _ => "EMAIL_OTP_CODE",
            };
            let code = response(key)?;
            let mut slot = current.code.clone();
            let result = codes::check(&mut slot, &code, ctx.now_ms);
            if let Some(sess) = s.sessions.get_mut(session_id) {
                sess.code = slot;
            }
            match result {
                Ok(()) => {}
                Err(codes::CodeFailure::Expired | codes::CodeFailure::Missing) => {
                    return Err(ApiError::expired_code());
                }
                Err(_) => return Err(mismatch()),
            }
            if current.challenge == "SMS_OTP" {
                // Receiving the code proves the number.
                let user = s.pool_mut(&pool_id)?.user_mut(&username)?;
                user.attributes
                    .insert("phone_number_verified".into(), "true".into());
            }
            if current.challenge == "EMAIL_OTP" {
                // Receiving the code proves the address.
                let user = s.pool_mut(&pool_id)?.user_mut(&username)?;
                user.attributes
                    .insert("email_verified".into(), "true".into());
                if current.enables_email_mfa {
                    user.mfa.email_enabled = true;
                    if user.mfa.preferred.is_none() {
                        user.mfa.preferred = Some("EMAIL_OTP".into());
                    }
                }
            }
            sign_in_tokens(ctx, s, &pool_id, &client_id, &username)
        }
        "SOFTWARE_TOKEN_MFA" => {
            let code = response("SOFTWARE_TOKEN_MFA_CODE")?;
            let user = s.pool_mut(&pool_id)?.user_mut(&username)?;
            let secret = user.mfa.totp_secret.clone().ok_or_else(|| {
                ApiError::new(
                    "SoftwareTokenMFANotFoundException",
                    "Software Token MFA not found for the user.",
                )
            })?;
            let step =
                totp::matching_step(&secret, &code, ctx.now_ms / 1000).ok_or_else(mismatch)?;
            if step <= user.mfa.totp_last_step {
                // RFC 6238 §5.2: a code is accepted once.
                return Err(mismatch());
            }
            user.mfa.totp_last_step = step;
            sign_in_tokens(ctx, s, &pool_id, &client_id, &username)
        }
        "SELECT_MFA_TYPE" => {
            let answer = response("ANSWER")?;
            let pool = s.pool(&pool_id)?;
            let enabled = pool.user(&username)?.enabled_mfa(pool);
            if !enabled.contains(&answer.as_str()) {
                return Err(ApiError::invalid_parameter(format!(
                    "Invalid ANSWER: {answer} is not an MFA type available to the user."
                )));
            }
            let next = ChallengeSession {
                expires_ms: current
                    .expires_ms
                    .max(ctx.now_ms.saturating_add(session_ms)),
                ..current
            };
            start_mfa_challenge(ctx, s, next, &answer)
        }
        "MFA_SETUP" if responses.contains_key("EMAIL") => {
            // Email MFA is set up by naming the address (the user's own
            // email attribute); an EMAIL_OTP challenge proves it, and MFA
            // is turned on when that code is answered.
            let email = response("EMAIL")?;
            let pool = s.pool(&pool_id)?;
            let user = pool.user(&username)?;
            let own = user
                .attr("email")
                .is_some_and(|e| e.eq_ignore_ascii_case(&email));
            if !pool.email_mfa_enabled() || !own {
                return Err(ApiError::invalid_parameter(
                    "Email MFA cannot be set up with that address for this user.",
                ));
            }
            let next = ChallengeSession {
                enables_email_mfa: true,
                expires_ms: current
                    .expires_ms
                    .max(ctx.now_ms.saturating_add(session_ms)),
                ..current
            };
            start_mfa_challenge(ctx, s, next, "EMAIL_OTP")
        }
        "MFA_SETUP" => {
            if !current.totp_verified {
                return Err(ApiError::invalid_parameter(
                    "Software token MFA has not been set up: call AssociateSoftwareToken and VerifySoftwareToken with the session first.",
                ));
            }
            let user = s.pool_mut(&pool_id)?.user_mut(&username)?;
            user.mfa.totp_enabled = true;
            if user.mfa.preferred.is_none() {
                user.mfa.preferred = Some("SOFTWARE_TOKEN_MFA".into());
            }
            sign_in_tokens(ctx, s, &pool_id, &client_id, &username)
        }
        "NEW_PASSWORD_REQUIRED" => {
            let password = response("NEW_PASSWORD")?;
            let pool = s.pool(&pool_id)?;
            check_password_policy(pool, &password)?;
            let mut updates = Vec::new();
            for (k, v) in responses {
                if let Some(attr) = k.strip_prefix("userAttributes.") {
                    updates.push((attr.to_owned(), v.clone()));
                }
            }
            validate_attribute_update(pool, &username, &updates, false)?;
            check_writable(
                pool.client(&client_id)?,
                updates.iter().map(|(k, _)| k.as_str()),
            )?;
            // "You can't modify a required attribute that already has a value."
            let user = pool.user(&username)?;
            let required = pool.required_attributes();
            if let Some((name, _)) = updates.iter().find(|(k, v)| {
                required.contains(k) && user.attr(k).is_some_and(|old| old != v.as_str())
            }) {
                return Err(ApiError::not_authorized(format!(
                    "Cannot modify an already provided {name}"
                )));
            }
            for required in pool.required_attributes() {
                let has = pool.user(&username)?.attributes.contains_key(&required)
                    || updates.iter().any(|(k, _)| *k == required);
                if required != "sub" && !has {
                    return Err(ApiError::invalid_parameter(format!(
                        "Missing required attribute: userAttributes.{required}"
                    )));
                }
            }
            let srp_name = pool.srp_name().to_owned();
            let user = s.pool_mut(&pool_id)?.user_mut(&username)?;
            user.password = Some(Verifier::new(&srp_name, &username, &password));
            user.status = UserStatus::Confirmed;
            user.temporary_password_expires_ms = None;
            for (k, v) in updates {
                user.attributes.insert(k, v);
            }
            user.modified_ms = ctx.now_ms;
            after_password(ctx, s, &pool_id, &client_id, &username)
        }
        "DEVICE_SRP_AUTH" => {
            let device_key = response("DEVICE_KEY")?;
            let srp_a = response("SRP_A")?;
            let user = s.pool(&pool_id)?.user(&username)?;
            let device = user
                .devices
                .get(&device_key)
                .filter(|d| d.remembered)
                .ok_or_else(|| ApiError::resource_not_found("Device does not exist."))?;
            let verifier = device
                .verifier
                .clone()
                .ok_or_else(|| ApiError::resource_not_found("Device does not exist."))?;
            let (exchange, srp_b) = srp::start(Some(&verifier), &srp_a)
                .map_err(|_| ApiError::invalid_parameter("SRP_A is not valid."))?;
            let secret_block = srp::new_secret_block();
            s.srp.insert(
                secret_block.clone(),
                SrpPending {
                    pool_id: pool_id.clone(),
                    client_id: client_id.clone(),
                    username: Some(username.clone()),
                    typed_name: username.clone(),
                    user_id_for_srp: device_key.clone(),
                    server: Some(exchange),
                    expires_ms: ctx.now_ms.saturating_add(session_ms),
                    device_key: Some(device_key.clone()),
                    named_device: None,
                },
            );
            let params = json!({
                "SRP_B": srp_b,
                "SALT": verifier.salt,
                "SECRET_BLOCK": secret_block,
                "USERNAME": username,
                "DEVICE_KEY": device_key,
            });
            Ok(challenge(
                s,
                ctx,
                ChallengeSession {
                    challenge: "DEVICE_PASSWORD_VERIFIER".into(),
                    expires_ms: ctx.now_ms.saturating_add(session_ms),
                    ..current
                },
                params,
            ))
        }
        "DEVICE_PASSWORD_VERIFIER" => {
            let device_key = response("DEVICE_KEY")?;
            let block = response("PASSWORD_CLAIM_SECRET_BLOCK")?;
            let signature = response("PASSWORD_CLAIM_SIGNATURE")?;
            let timestamp = response("TIMESTAMP")?;
            if srp::timestamp_seconds(&timestamp).is_none() {
                return Err(ApiError::invalid_parameter("TIMESTAMP is not valid."));
            }
            let pending = s
                .srp
                .remove(&block)
                .filter(|p| {
                    p.device_key.as_deref() == Some(device_key.as_str())
                        && p.username.as_deref() == Some(username.as_str())
                        && p.client_id == client_id
                        && p.expires_ms > ctx.now_ms
                })
                .ok_or_else(ApiError::invalid_session)?;
            let user = s.pool(&pool_id)?.user(&username)?;
            let device = user
                .devices
                .get(&device_key)
                .ok_or_else(|| ApiError::resource_not_found("Device does not exist."))?;
            let proven = pending.server.as_ref().is_some_and(|exchange| {
                srp::verify_claim(
                    exchange,
                    device.verifier.as_ref(),
                    &device.group_key,
                    &device_key,
                    &block,
                    &timestamp,
                    &signature,
                )
            });
            if !proven {
                return Err(ApiError::incorrect_credentials());
            }
            if let Some(device) = s
                .pool_mut(&pool_id)?
                .user_mut(&username)?
                .devices
                .get_mut(&device_key)
            {
                device.last_authenticated_ms = ctx.now_ms;
            }
            // The device signed in: no MFA, and no new device.
            issue_tokens(ctx, s, &pool_id, &client_id, &username, Some(&device_key))
        }
        other => Err(ApiError::invalid_parameter(format!(
            "The challenge {other} is not supported by this pool."
        ))),
    }
}

/// How far TIMESTAMP may be from the real time. Cognito documents no
/// figure; five minutes is the tolerance AWS uses for request signatures.
const TIMESTAMP_SKEW_SECS: i64 = 300;

fn password_verifier(
    ctx: &Ctx<'_>,
    client_id: &str,
    username_sent: &str,
    responses: &std::collections::BTreeMap<String, String>,
) -> ApiResult<Value> {
    let response = |key: &str| -> ApiResult<String> {
        responses
            .get(key)
            .cloned()
            .ok_or_else(|| ApiError::invalid_parameter(format!("Missing required parameter {key}")))
    };
    let block = response("PASSWORD_CLAIM_SECRET_BLOCK")?;
    let signature = response("PASSWORD_CLAIM_SIGNATURE")?;
    let timestamp = response("TIMESTAMP")?;
    let Some(stamped) = srp::timestamp_seconds(&timestamp) else {
        return Err(ApiError::invalid_parameter(
            "TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.",
        ));
    };
    // SRP clients stamp the proof with their own clock, which the test
    // clock cannot move, so the skew is measured against the real time.
    let real_now = i64::try_from(
        ctx.now_ms
            .saturating_sub(u64::try_from(ctx.svc.clock().offset().as_millis()).unwrap_or(0))
            / 1000,
    )
    .unwrap_or(i64::MAX);
    if (stamped - real_now).abs() > TIMESTAMP_SKEW_SECS {
        return Err(ApiError::not_authorized(
            "TIMESTAMP is too far from the current time.",
        ));
    }
    // The exchange is single-use: take it out whatever happens next.
    let pending = ctx
        .svc
        .store
        .write_volatile(|s| s.srp.remove(&block))
        .ok_or_else(ApiError::incorrect_credentials)?;
    if pending.expires_ms <= ctx.now_ms {
        return Err(ApiError::session_expired());
    }
    if pending.client_id != client_id {
        return Err(ApiError::incorrect_credentials());
    }
    let Some(exchange) = pending.server.as_ref() else {
        return Err(ApiError::incorrect_credentials());
    };
    // An unknown user (`username` None) goes through the same steps, with
    // no verifier, and fails at the end.
    let (verifier, pool_name, same_user) = ctx.svc.store.read(|s| -> ApiResult<_> {
        let pool = s.pool(&pending.pool_id)?;
        let user = pending.username.as_ref().and_then(|u| pool.users.get(u));
        let same =
            pending.username.is_some() && pool.find_username(username_sent) == pending.username;
        Ok((
            user.and_then(|u| u.password.clone()),
            pool.srp_name().to_owned(),
            same,
        ))
    })?;
    let username = pending.username.as_deref();
    ctx.svc.store.write(|s| {
        check_sign_in_lockout(ctx, s, &pending.pool_id, username, &pending.typed_name)
    })?;
    let proven = srp::verify_claim(
        exchange,
        verifier.as_ref(),
        &pool_name,
        &pending.user_id_for_srp,
        &block,
        &timestamp,
        &signature,
    );
    let ok = proven && same_user;
    ctx.svc.store.write(|s| {
        // Checked again under the lock that records the outcome: proofs
        // checked side by side must not slip past a lockout one of them
        // starts, nor lengthen it.
        check_sign_in_lockout(ctx, s, &pending.pool_id, username, &pending.typed_name)?;
        record_sign_in(ctx, s, &pending.pool_id, username, &pending.typed_name, ok)?;
        match (ok, username) {
            (true, Some(username)) => {
                check_usable(ctx, s, &pending.pool_id, username)?;
                after_password_on(
                    ctx,
                    s,
                    &pending.pool_id,
                    client_id,
                    username,
                    // Named in the answer, or already in InitiateAuth.
                    responses
                        .get("DEVICE_KEY")
                        .map(String::as_str)
                        .or(pending.named_device.as_deref()),
                )
            }
            _ => Err(ApiError::incorrect_credentials()),
        }
    })
}
