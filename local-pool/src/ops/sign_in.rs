//! Signing in: InitiateAuth. It checks the password (USER_PASSWORD_AUTH,
//! or USER_AUTH with the PASSWORD challenge), starts the SRP exchange
//! (USER_SRP_AUTH, or USER_AUTH with PASSWORD_SRP) or refreshes tokens
//! (REFRESH_TOKEN_AUTH); once a password is proven, `challenges` decides
//! what comes next and answers every challenge.
//!
//! ```text
//! USER_SRP_AUTH ──► PASSWORD_VERIFIER ─┐
//! USER_PASSWORD_AUTH ──────────────────┼─► (UNCONFIRMED? UserNotConfirmedException)
//!                                      ├─► NEW_PASSWORD_REQUIRED ─┐
//!                                      └──────────────────────────┴─► MFA?
//!   MFA: SELECT_MFA_TYPE ─► SMS_MFA | SOFTWARE_TOKEN_MFA | EMAIL_OTP ─► tokens
//!        MFA_SETUP (AssociateSoftwareToken + VerifySoftwareToken) ─► tokens
//! REFRESH_TOKEN_AUTH ─► new access and ID tokens
//! ```
//!
//! A wrong password and an unknown user (when the client prevents user
//! existence errors) get the same answer at the same step: for SRP that
//! means a fake PASSWORD_VERIFIER challenge that can never be answered.

use serde_json::{Value, json};

use super::challenges::{
    after_password, after_password_on, check_usable, code_challenge, sign_in_tokens, user_disabled,
};
use super::context::Ctx;
use super::users::{
    check_secret_hash, check_sign_in_lockout, client_id, equalise_timing, fake_delivery,
    fake_username, keyed_fake, new_session_id, pool_for_client, record_sign_in, relying_party,
};
use crate::codes;
use crate::error::{ApiError, ApiResult};
use crate::input::Input;
use crate::passkeys::{
    b64url, client_origin, descriptor, origin_not_allowed, request_options, sign_in_refused,
};
use crate::srp;
use crate::state::{ChallengeSession, SrpPending, UserStatus};
use crate::tokens::{Issue, hash_token, issue};

fn flow_not_enabled(flow: &str) -> ApiError {
    ApiError::invalid_parameter(format!("{flow} flow not enabled for this client"))
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html>
pub fn initiate_auth(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let flow = input.string("AuthFlow", 1, 64)?;
    let client_id = client_id(input)?;
    let params = input.string_map("AuthParameters")?;
    let session = input.opt_string("Session", 20, 2048)?;
    const FLOWS: &[&str] = &[
        "USER_SRP_AUTH",
        "REFRESH_TOKEN_AUTH",
        "REFRESH_TOKEN",
        "CUSTOM_AUTH",
        "ADMIN_NO_SRP_AUTH",
        "USER_PASSWORD_AUTH",
        "ADMIN_USER_PASSWORD_AUTH",
        "USER_AUTH",
    ];
    if !FLOWS.contains(&flow.as_str()) {
        return Err(ApiError::invalid_parameter(format!(
            "1 validation error detected: Value '{flow}' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [{}]",
            FLOWS.join(", ")
        )));
    }
    let (pool_id, client) = ctx.svc.store.read(|s| -> ApiResult<_> {
        let pool_id = pool_for_client(s, &client_id)?;
        let client = s.pool(&pool_id)?.client(&client_id)?.clone();
        Ok((pool_id, client))
    })?;
    let param = |name: &str| -> ApiResult<String> {
        params.get(name).cloned().ok_or_else(|| {
            ApiError::invalid_parameter(format!("Missing required parameter {name}"))
        })
    };
    match flow.as_str() {
        "USER_PASSWORD_AUTH" => {
            if !client.allows("ALLOW_USER_PASSWORD_AUTH") {
                return Err(flow_not_enabled(&flow));
            }
            let name = param("USERNAME")?;
            let password = param("PASSWORD")?;
            check_secret_hash(
                &client,
                &[&name],
                params.get("SECRET_HASH").map(String::as_str),
            )?;
            password_sign_in_on(
                ctx,
                &pool_id,
                &client_id,
                &name,
                &password,
                params.get("DEVICE_KEY").map(String::as_str),
            )
        }
        "USER_SRP_AUTH" => {
            if !client.allows("ALLOW_USER_SRP_AUTH") {
                return Err(flow_not_enabled(&flow));
            }
            let name = param("USERNAME")?;
            let srp_a = param("SRP_A")?;
            check_secret_hash(
                &client,
                &[&name],
                params.get("SECRET_HASH").map(String::as_str),
            )?;
            let device = params.get("DEVICE_KEY").map(String::as_str);
            srp_start_on(ctx, &pool_id, &client_id, &name, &srp_a, device)
        }
        "REFRESH_TOKEN_AUTH" | "REFRESH_TOKEN" => {
            if !client.allows("ALLOW_REFRESH_TOKEN_AUTH") {
                return Err(flow_not_enabled(&flow));
            }
            let token = param("REFRESH_TOKEN")?;
            refresh(
                ctx,
                &pool_id,
                &client_id,
                &token,
                params.get("SECRET_HASH").map(String::as_str),
                params.get("DEVICE_KEY").map(String::as_str),
            )
        }
        // Choice-based sign-in: the client names its PREFERRED_CHALLENGE
        // up front, or gets SELECT_CHALLENGE with the factors it may
        // choose from.
        "USER_AUTH" => {
            if !client.allows("ALLOW_USER_AUTH") {
                return Err(flow_not_enabled(&flow));
            }
            let name = param("USERNAME")?;
            check_secret_hash(
                &client,
                &[&name],
                params.get("SECRET_HASH").map(String::as_str),
            )?;
            if let Some(session) = session {
                return after_sign_up(
                    ctx,
                    &pool_id,
                    &client_id,
                    &name,
                    &session,
                    params.get("PREFERRED_CHALLENGE").map(String::as_str),
                );
            }
            match params.get("PREFERRED_CHALLENGE").map(String::as_str) {
                Some("PASSWORD") => {
                    password_sign_in(ctx, &pool_id, &client_id, &name, &param("PASSWORD")?)
                }
                Some("PASSWORD_SRP") => {
                    srp_start(ctx, &pool_id, &client_id, &name, &param("SRP_A")?)
                }
                Some(factor @ ("EMAIL_OTP" | "SMS_OTP")) => {
                    otp_start(ctx, &pool_id, &client_id, &name, factor)
                }
                Some("WEB_AUTHN") => passkey_start(ctx, &pool_id, &client_id, &name),
                None => select_challenge(ctx, &pool_id, &client_id, &name),
                Some(other) => Err(ApiError::invalid_parameter(format!(
                    "local-pool supports USER_AUTH with the PASSWORD, PASSWORD_SRP, EMAIL_OTP, SMS_OTP and WEB_AUTHN challenges, not {other}."
                ))),
            }
        }
        "ADMIN_NO_SRP_AUTH" | "ADMIN_USER_PASSWORD_AUTH" => {
            Err(ApiError::invalid_parameter(format!(
                "Initiate Auth method not supported: {flow} is an admin flow (use AdminInitiateAuth)."
            )))
        }
        _ => Err(flow_not_enabled(&flow)),
    }
}

/// USER_AUTH with a one-time code as the first factor (EMAIL_OTP or
/// SMS_OTP): the code goes to the user's address or number, and the
/// answer signs them in. A name with no account (where the client
/// prevents user existence errors), a user without that address or
/// number, and one who cannot sign in (unconfirmed, disabled) get a
/// decoy: the same challenge, a masked destination shaped from what was
/// typed, nothing sent, and every code refused as wrong.
/// <https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html>
fn otp_start(
    ctx: &Ctx<'_>,
    pool_id: &str,
    client_id: &str,
    name: &str,
    factor: &str,
) -> ApiResult<Value> {
    ctx.svc.store.write(|s| {
        let pool = s.pool(pool_id)?;
        let client = pool.client(client_id)?;
        if !pool.first_factors().iter().any(|f| f == factor) {
            return Err(ApiError::invalid_parameter(format!(
                "{factor} is not an allowed first factor of this user pool (SignInPolicy)."
            )));
        }
        let prevent = client.prevents_user_existence_errors();
        let session_ms = client.session_ms();
        let attribute = if factor == "SMS_OTP" {
            "phone_number"
        } else {
            "email"
        };
        let username = pool.find_username(name);
        let usable = username
            .as_ref()
            .and_then(|u| pool.users.get(u))
            .is_some_and(|u| {
                u.enabled && u.status == UserStatus::Confirmed && u.attr(attribute).is_some()
            });
        if username.is_none() && !prevent {
            return Err(ApiError::user_not_found());
        }
        let base = ChallengeSession {
            pool_id: pool_id.to_owned(),
            client_id: client_id.to_owned(),
            username: String::new(),
            challenge: factor.to_owned(),
            expires_ms: ctx.now_ms.saturating_add(session_ms),
            code: None,
            totp_verified: false,
            failures: 0,
            enables_email_mfa: false,
            typed_name: Some(name.to_owned()),
        };
        s.prune(ctx.now_ms);
        match username.filter(|_| usable) {
            Some(username) => code_challenge(ctx, s, ChallengeSession { username, ..base }, factor),
            None => {
                let pool = s.pool(pool_id)?;
                let fake = fake_username(pool, name);
                // Where a code would go, in the factor's own medium: a
                // masked phone number for a text, an address for an email.
                let details = if factor == "SMS_OTP" {
                    let digits = keyed_fake(pool, "phone", name);
                    let last: String = digits
                        .iter()
                        .take(4)
                        .map(|b| char::from(b'0' + b % 10))
                        .collect();
                    json!({ "Destination": format!("+*******{last}"), "DeliveryMedium": "SMS" })
                } else {
                    fake_delivery(name)
                };
                let id = new_session_id();
                s.sessions.insert(
                    id.clone(),
                    ChallengeSession {
                        username: fake.clone(),
                        // A code nobody is told: every answer is wrong.
                        code: Some(codes::PendingCode::for_attribute(
                            session_ms, ctx.now_ms, attribute,
                        )),
                        ..base
                    },
                );
                Ok(json!({
                    "ChallengeName": factor,
                    "Session": id,
                    "ChallengeParameters": {
                        "CODE_DELIVERY_DELIVERY_MEDIUM": details["DeliveryMedium"],
                        "CODE_DELIVERY_DESTINATION": details["Destination"],
                        "USER_ID_FOR_SRP": fake,
                    },
                }))
            }
        }
    })
}

/// USER_AUTH with the session of a confirmed sign-up: the code the user
/// just confirmed with counts as their first factor (EMAIL_OTP or
/// SMS_OTP, whichever way it went), so they are signed in without typing
/// their password, once, within the client's session validity.
/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html>
fn after_sign_up(
    ctx: &Ctx<'_>,
    pool_id: &str,
    client_id: &str,
    name: &str,
    session: &str,
    preferred: Option<&str>,
) -> ApiResult<Value> {
    ctx.svc.store.write(|s| {
        let pending = s
            .sign_up_sessions
            .remove(session)
            .ok_or_else(ApiError::invalid_session)?;
        let pool = s.pool(pool_id)?;
        let factor = pending.confirmed_by.ok_or_else(ApiError::invalid_session)?;
        if pending.expires_ms <= ctx.now_ms {
            return Err(ApiError::session_expired());
        }
        if pending.client_id != client_id
            || pending.pool_id != pool_id
            || pool.find_username(name).as_deref() != Some(pending.username.as_str())
        {
            return Err(ApiError::invalid_session());
        }
        if preferred.is_some_and(|p| p != factor) {
            return Err(ApiError::invalid_parameter(format!(
                "The sign-up was confirmed with {factor}; PREFERRED_CHALLENGE must be {factor} or absent."
            )));
        }
        if !pool.first_factors().iter().any(|f| f == factor) {
            return Err(ApiError::invalid_parameter(format!(
                "{factor} is not an allowed first factor of this user pool (SignInPolicy)."
            )));
        }
        check_usable(ctx, s, pool_id, &pending.username)?;
        after_password(ctx, s, pool_id, client_id, &pending.username)
    })
}

fn password_sign_in(
    ctx: &Ctx<'_>,
    pool_id: &str,
    client_id: &str,
    name: &str,
    password: &str,
) -> ApiResult<Value> {
    password_sign_in_on(ctx, pool_id, client_id, name, password, None)
}

/// `password_sign_in` from a device that names itself (`DEVICE_KEY`).
fn password_sign_in_on(
    ctx: &Ctx<'_>,
    pool_id: &str,
    client_id: &str,
    name: &str,
    password: &str,
    device_key: Option<&str>,
) -> ApiResult<Value> {
    ctx.svc.store.write(|s| {
        let pool = s.pool(pool_id)?;
        let prevent = pool.client(client_id)?.prevents_user_existence_errors();
        let Some(username) = pool.find_username(name) else {
            if !prevent {
                equalise_timing(pool, name, password);
                return Err(ApiError::user_not_found());
            }
            // In the order a real account goes: the lockout (answered at
            // once), then the password's cost, then the count.
            check_sign_in_lockout(ctx, s, pool_id, None, name)?;
            equalise_timing(s.pool(pool_id)?, name, password);
            record_sign_in(ctx, s, pool_id, None, name, false)?;
            return Err(ApiError::incorrect_credentials());
        };
        check_sign_in_lockout(ctx, s, pool_id, Some(&username), name)?;
        let pool = s.pool(pool_id)?;
        let user = pool.user(&username)?;
        // An account without a password (signed up for codes or passkeys)
        // pays for the check all the same, as an unknown name does.
        let ok = match user.password.as_ref() {
            Some(v) => v.matches_password(pool.srp_name(), &username, password),
            None => {
                equalise_timing(pool, name, password);
                false
            }
        };
        record_sign_in(ctx, s, pool_id, Some(&username), name, ok)?;
        if !ok {
            return Err(ApiError::incorrect_credentials());
        }
        check_usable(ctx, s, pool_id, &username)?;
        after_password_on(ctx, s, pool_id, client_id, &username, device_key)
    })
}

/// USER_AUTH without a preferred challenge: SELECT_CHALLENGE, listing the
/// first factors the pool allows that this client can answer. An unknown
/// name gets the list a user with a password would, so the answer reveals
/// nothing.
/// <https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-selection-sdk.html>
fn select_challenge(ctx: &Ctx<'_>, pool_id: &str, client_id: &str, name: &str) -> ApiResult<Value> {
    ctx.svc.store.write_volatile(|s| {
        let pool = s.pool(pool_id)?;
        let client = pool.client(client_id)?;
        let username = pool.find_username(name);
        if username.is_none() && !client.prevents_user_existence_errors() {
            return Err(ApiError::user_not_found());
        }
        let mut available = Vec::new();
        let allowed = pool.first_factors();
        if allowed.iter().any(|f| f == "PASSWORD") {
            available.extend(["PASSWORD", "PASSWORD_SRP"]);
        }
        // Every code the pool allows, to every name: offering SMS only to
        // accounts with a phone number would tell them from unknown names.
        // A way the account lacks is answered with a decoy (`otp_start`).
        for factor in ["EMAIL_OTP", "SMS_OTP"] {
            if allowed.iter().any(|f| f == factor) {
                available.push(factor);
            }
        }
        // Passkeys for everyone, with or without one: a name with no
        // account, or a user with no passkey, then gets a WEB_AUTHN
        // challenge that no answer passes.
        if allowed.iter().any(|f| f == "WEB_AUTHN") {
            available.push("WEB_AUTHN");
        }
        if available.is_empty() {
            return Err(ApiError::invalid_parameter(
                "No first factor the user pool allows is implemented by local-pool.",
            ));
        }
        let user_id = username.unwrap_or_else(|| fake_username(pool, name));
        let session = ChallengeSession {
            pool_id: pool_id.to_owned(),
            client_id: client_id.to_owned(),
            username: user_id.clone(),
            challenge: "SELECT_CHALLENGE".into(),
            expires_ms: ctx.now_ms.saturating_add(client.session_ms()),
            code: None,
            totp_verified: false,
            failures: 0,
            enables_email_mfa: false,
            typed_name: Some(name.to_owned()),
        };
        let id = new_session_id();
        s.prune(ctx.now_ms);
        s.sessions.insert(id.clone(), session);
        Ok(json!({
            "ChallengeName": "SELECT_CHALLENGE",
            "Session": id,
            "AvailableChallenges": available,
            "ChallengeParameters": { "USERNAME": user_id },
        }))
    })
}

fn srp_start(
    ctx: &Ctx<'_>,
    pool_id: &str,
    client_id: &str,
    name: &str,
    srp_a: &str,
) -> ApiResult<Value> {
    srp_start_on(ctx, pool_id, client_id, name, srp_a, None)
}

/// `srp_start` from a device that names itself (`DEVICE_KEY` in
/// InitiateAuth), remembered for the PASSWORD_VERIFIER answer.
fn srp_start_on(
    ctx: &Ctx<'_>,
    pool_id: &str,
    client_id: &str,
    name: &str,
    srp_a: &str,
    device_key: Option<&str>,
) -> ApiResult<Value> {
    let (username, verifier, prevent, session_ms) = ctx.svc.store.read(|s| -> ApiResult<_> {
        let pool = s.pool(pool_id)?;
        let client = pool.client(client_id)?;
        let username = pool.find_username(name);
        let verifier = username
            .as_ref()
            .and_then(|u| pool.users.get(u))
            .and_then(|u| u.password.clone());
        Ok((
            username,
            verifier,
            client.prevents_user_existence_errors(),
            client.session_ms(),
        ))
    })?;
    if username.is_none() && !prevent {
        return Err(ApiError::user_not_found());
    }
    // A user without a password (cannot happen through this API) is treated
    // like an unknown one: the exchange runs and fails at the verifier.
    let known = username.as_ref().filter(|_| verifier.is_some()).cloned();
    let (exchange, srp_b) = srp::start(verifier.as_ref(), srp_a)
        .map_err(|_| ApiError::invalid_parameter("SRP_A is not a valid SRP public value."))?;
    let (user_id, salt) = ctx.svc.store.read(|s| -> ApiResult<_> {
        let pool = s.pool(pool_id)?;
        Ok((
            username
                .clone()
                .unwrap_or_else(|| fake_username(pool, name)),
            match &verifier {
                Some(v) => v.salt.clone(),
                None => srp::fake_salt(&keyed_fake(pool, "salt", name)),
            },
        ))
    })?;
    let secret_block = srp::new_secret_block();
    ctx.svc.store.write_volatile(|s| {
        s.prune(ctx.now_ms);
        s.srp.insert(
            secret_block.clone(),
            SrpPending {
                pool_id: pool_id.to_owned(),
                client_id: client_id.to_owned(),
                username: known,
                typed_name: name.to_owned(),
                user_id_for_srp: user_id.clone(),
                server: Some(exchange),
                expires_ms: ctx.now_ms.saturating_add(session_ms),
                device_key: None,
                named_device: device_key.map(str::to_owned),
            },
        );
    });
    Ok(json!({
        "ChallengeName": "PASSWORD_VERIFIER",
        "ChallengeParameters": {
            "SALT": salt,
            "SECRET_BLOCK": secret_block,
            "SRP_B": srp_b,
            "USERNAME": user_id,
            "USER_ID_FOR_SRP": user_id,
        }
    }))
}

/// In a pool that tracks devices, tokens issued to a device refresh only
/// with its `DEVICE_KEY`, once the device is confirmed ("Invalid Refresh
/// Token" otherwise, as Cognito answers).
/// <https://repost.aws/knowledge-center/cognito-invalid-refresh-token-error>
fn refresh(
    ctx: &Ctx<'_>,
    pool_id: &str,
    client_id: &str,
    token: &str,
    secret_hash: Option<&str>,
    device_key: Option<&str>,
) -> ApiResult<Value> {
    let hash = hash_token(token);
    let issuer = ctx.svc.issuer(pool_id);
    ctx.svc.store.read(|s| {
        let pool = s.pool(pool_id)?;
        let client = pool.client(client_id)?;
        let invalid = || ApiError::not_authorized("Invalid Refresh Token");
        let (origin, record) = pool
            .refresh_tokens
            .iter()
            .find(|(_, r)| codes::constant_time_eq(r.token_hash.as_bytes(), hash.as_bytes()))
            .ok_or_else(invalid)?;
        if record.client_id != client_id {
            return Err(invalid());
        }
        let user = pool.users.get(&record.username).ok_or_else(invalid)?;
        // Only over the real username (a UUID in pools that sign in with
        // email), never an alias: the caller has no name to go by but the
        // one the tokens carry.
        check_secret_hash(client, &[user.username.as_str()], secret_hash)?;
        if record.revoked {
            return Err(ApiError::not_authorized("Refresh Token has been revoked"));
        }
        if record.expires_ms <= ctx.now_ms {
            return Err(ApiError::not_authorized("Refresh Token has expired"));
        }
        if !user.enabled {
            return Err(user_disabled());
        }
        if let Some(key) = &record.device_key {
            let confirmed = user.devices.get(key).is_some_and(|d| d.verifier.is_some());
            if device_key != Some(key.as_str()) || !confirmed {
                return Err(invalid());
            }
        }
        let (access, id) = issue(
            &ctx.svc.signer,
            &Issue {
                issuer: &issuer,
                client,
                user,
                groups: &pool.groups_of(user),
                auth_time_s: record.auth_time,
                origin_jti: origin,
                now_ms: ctx.now_ms,
            },
        )?;
        Ok(json!({
            "ChallengeParameters": {},
            "AuthenticationResult": {
                "AccessToken": access,
                "ExpiresIn": client.access_token_ms() / 1000,
                "TokenType": "Bearer",
                "IdToken": id,
            }
        }))
    })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html>
///
/// SELECT_CHALLENGE is answered here, because the factor chosen starts
/// like InitiateAuth would with it; every other challenge is `challenges`'.
pub fn respond_to_auth_challenge(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    match input.opt_string("ChallengeName", 1, 64)?.as_deref() {
        Some("SELECT_CHALLENGE") => {}
        Some("WEB_AUTHN") => return passkey_answer(ctx, input),
        _ => return super::challenges::respond_to_auth_challenge(ctx, input),
    }
    let client_id = client_id(input)?;
    let responses = input.string_map("ChallengeResponses")?;
    let response = |key: &str| -> ApiResult<String> {
        responses
            .get(key)
            .cloned()
            .ok_or_else(|| ApiError::invalid_parameter(format!("Missing required parameter {key}")))
    };
    let session_id = input
        .opt_string("Session", 20, 2048)?
        .ok_or_else(|| ApiError::invalid_parameter("Missing required parameter Session"))?;
    let client = ctx.svc.store.read(|s| -> ApiResult<_> {
        let pool_id = pool_for_client(s, &client_id)?;
        Ok(s.pool(&pool_id)?.client(&client_id)?.clone())
    })?;
    let username_sent = response("USERNAME")?;
    check_secret_hash(
        &client,
        &[&username_sent],
        responses.get("SECRET_HASH").map(String::as_str),
    )?;
    let answer = response("ANSWER")?;
    // The session is spent by any answer, right or wrong.
    let session = ctx
        .svc
        .store
        .write_volatile(|s| s.sessions.remove(&session_id))
        .ok_or_else(ApiError::invalid_session)?;
    if session.expires_ms <= ctx.now_ms {
        return Err(ApiError::session_expired());
    }
    let typed = session.typed_name.clone().unwrap_or_default();
    if session.challenge != "SELECT_CHALLENGE"
        || session.client_id != client_id
        || (username_sent != session.username && username_sent != typed)
    {
        return Err(ApiError::invalid_session());
    }
    match answer.as_str() {
        // A remembered device names itself with the password, as it does
        // at InitiateAuth, and is asked DEVICE_SRP_AUTH instead of MFA.
        "PASSWORD" => password_sign_in_on(
            ctx,
            &session.pool_id,
            &client_id,
            &typed,
            &response("PASSWORD")?,
            responses.get("DEVICE_KEY").map(String::as_str),
        ),
        "PASSWORD_SRP" => srp_start(
            ctx,
            &session.pool_id,
            &client_id,
            &typed,
            &response("SRP_A")?,
        ),
        factor @ ("EMAIL_OTP" | "SMS_OTP") => {
            otp_start(ctx, &session.pool_id, &client_id, &typed, factor)
        }
        "WEB_AUTHN" => passkey_start(ctx, &session.pool_id, &client_id, &typed),
        other => Err(ApiError::invalid_parameter(format!(
            "Invalid ANSWER: {other} is not one of the AvailableChallenges."
        ))),
    }
}

/// USER_AUTH with a passkey as the first factor (PREFERRED_CHALLENGE or
/// the SELECT_CHALLENGE answer WEB_AUTHN): a WEB_AUTHN challenge whose
/// `CREDENTIAL_REQUEST_OPTIONS` (a PublicKeyCredentialRequestOptionsJSON)
/// lists the user's passkeys. A name with no account (where the client
/// prevents user existence errors), a user without a passkey and one who
/// cannot sign in get a decoy of the same shape: a fresh challenge, one
/// passkey id keyed from the name (the same every time, not computable
/// without the pool's secret), and an answer that always fails as a
/// wrong passkey does.
/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html>
fn passkey_start(ctx: &Ctx<'_>, pool_id: &str, client_id: &str, name: &str) -> ApiResult<Value> {
    ctx.svc.store.write_volatile(|s| {
        let pool = s.pool(pool_id)?;
        let client = pool.client(client_id)?;
        if !pool.first_factors().iter().any(|f| f == "WEB_AUTHN") {
            return Err(ApiError::invalid_parameter(
                "WEB_AUTHN is not an allowed first factor of this user pool (SignInPolicy).",
            ));
        }
        let rp = relying_party(pool)?;
        let username = pool.find_username(name);
        if username.is_none() && !client.prevents_user_existence_errors() {
            return Err(ApiError::user_not_found());
        }
        let user = username
            .as_ref()
            .and_then(|u| pool.users.get(u))
            .filter(|u| u.enabled && u.status == UserStatus::Confirmed && !u.passkeys.is_empty());
        let (challenge, allow, state) = match user {
            Some(user) => {
                let core = rp.core()?;
                let credentials = user.passkeys.iter().map(|p| p.credential.clone()).collect();
                let failed = |e: webauthn_rs_core::error::WebauthnError| {
                    tracing::error!(error = %e, "starting a passkey sign-in");
                    ApiError::internal("Starting a passkey sign-in failed.")
                };
                let builder = core
                    .new_challenge_authenticate_builder(credentials, Some(rp.policy()))
                    .map_err(failed)?;
                let (request, state) = core
                    .generate_challenge_authenticate(builder)
                    .map_err(failed)?;
                // The challenge as the JSON carries it (base64url).
                let challenge = serde_json::to_value(&request.public_key)
                    .ok()
                    .and_then(|o| o.get("challenge")?.as_str().map(str::to_owned))
                    .ok_or_else(|| ApiError::internal("Starting a passkey sign-in failed."))?;
                let allow = user
                    .passkeys
                    .iter()
                    .map(|p| descriptor(&p.credential_id, &p.transports))
                    .collect();
                (challenge, allow, Some(state))
            }
            None => {
                let fake_id = b64url(&keyed_fake(pool, "passkey", name));
                let transports = ["hybrid".to_owned(), "internal".to_owned()];
                (
                    b64url(&codes::random_bytes::<32>()),
                    vec![descriptor(&fake_id, &transports)],
                    None,
                )
            }
        };
        let user_id = username.unwrap_or_else(|| fake_username(pool, name));
        let session = ChallengeSession {
            pool_id: pool_id.to_owned(),
            client_id: client_id.to_owned(),
            username: user_id.clone(),
            challenge: "WEB_AUTHN".into(),
            expires_ms: ctx.now_ms.saturating_add(client.session_ms()),
            code: None,
            totp_verified: false,
            failures: 0,
            enables_email_mfa: false,
            typed_name: Some(name.to_owned()),
        };
        let options = request_options(&rp, &challenge, allow);
        let id = new_session_id();
        s.prune(ctx.now_ms);
        s.sessions.insert(id.clone(), session);
        if let Some(state) = state {
            s.passkey_sign_ins.insert(id.clone(), state);
        }
        Ok(json!({
            "ChallengeName": "WEB_AUTHN",
            "Session": id,
            "ChallengeParameters": {
                "CREDENTIAL_REQUEST_OPTIONS": options,
                "USERNAME": user_id,
            },
        }))
    })
}

/// RespondToAuthChallenge with WEB_AUTHN: `CREDENTIAL` is the
/// AuthenticationResponseJSON of `navigator.credentials.get()`, as a
/// string. It is checked for real (the passkey is still the user's, the
/// challenge, origin, rp id hash, signature, user presence, user
/// verification as the pool requires, sign counter) and signs the user
/// in: a passkey is a complete sign-in, so no MFA follows. The session
/// is spent by any answer; every failure of the assertion answers the
/// same NotAuthorizedException, decoys included.
/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html>
fn passkey_answer(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let client_id = client_id(input)?;
    let responses = input.string_map("ChallengeResponses")?;
    let response = |key: &str| -> ApiResult<String> {
        responses
            .get(key)
            .cloned()
            .ok_or_else(|| ApiError::invalid_parameter(format!("Missing required parameter {key}")))
    };
    let session_id = input
        .opt_string("Session", 20, 2048)?
        .ok_or_else(|| ApiError::invalid_parameter("Missing required parameter Session"))?;
    let client = ctx.svc.store.read(|s| -> ApiResult<_> {
        let pool_id = pool_for_client(s, &client_id)?;
        Ok(s.pool(&pool_id)?.client(&client_id)?.clone())
    })?;
    let username_sent = response("USERNAME")?;
    check_secret_hash(
        &client,
        &[&username_sent],
        responses.get("SECRET_HASH").map(String::as_str),
    )?;
    let credential: Value = serde_json::from_str(&response("CREDENTIAL")?).map_err(|_| {
        ApiError::invalid_parameter(
            "CREDENTIAL must be an AuthenticationResponseJSON (a JSON string).",
        )
    })?;
    let assertion: webauthn_rs_core::proto::PublicKeyCredential =
        serde_json::from_value(credential.clone()).map_err(|e| {
            ApiError::invalid_parameter(format!(
                "CREDENTIAL is not an AuthenticationResponseJSON: {e}"
            ))
        })?;
    let (session, state) = ctx.svc.store.write_volatile(|s| -> ApiResult<_> {
        let current = s
            .sessions
            .get(&session_id)
            .ok_or_else(ApiError::invalid_session)?;
        if current.challenge != "WEB_AUTHN" {
            return Err(ApiError::invalid_parameter(format!(
                "Invalid challenge name WEB_AUTHN: expected {}.",
                current.challenge
            )));
        }
        // Spent by any answer, right or wrong.
        let session = s
            .sessions
            .remove(&session_id)
            .ok_or_else(ApiError::invalid_session)?;
        Ok((session, s.passkey_sign_ins.remove(&session_id)))
    })?;
    if session.expires_ms <= ctx.now_ms {
        return Err(ApiError::session_expired());
    }
    let typed = session.typed_name.clone().unwrap_or_default();
    if session.client_id != client_id
        || (username_sent != session.username && username_sent != typed)
    {
        return Err(ApiError::invalid_session());
    }
    let pool_id = session.pool_id.clone();
    let username = session.username.clone();
    ctx.svc.store.write(|s| {
        let pool = s.pool(&pool_id)?;
        let rp = relying_party(pool)?;
        // Only what the caller sent decides this, never the account, so it
        // may have its own answer.
        let origin = client_origin(&credential);
        if !origin.as_deref().is_some_and(|o| rp.allows_origin(o)) {
            return Err(origin_not_allowed(origin.as_deref(), &rp));
        }
        let state = state.ok_or_else(sign_in_refused)?;
        let user = pool.users.get(&username).ok_or_else(sign_in_refused)?;
        // Still the user's: a passkey deleted since the challenge is refused.
        let index = user
            .passkeys
            .iter()
            .position(|p| p.credential.cred_id == assertion.raw_id)
            .ok_or_else(sign_in_refused)?;
        let result = rp
            .core()?
            .authenticate_credential(&assertion, &state)
            .map_err(|e| {
                tracing::debug!(error = %e, "passkey assertion refused");
                sign_in_refused()
            })?;
        if let Some(passkey) = s
            .pool_mut(&pool_id)?
            .user_mut(&username)?
            .passkeys
            .get_mut(index)
        {
            let stored = &mut passkey.credential;
            stored.counter = stored.counter.max(result.counter());
            stored.backup_state = result.backup_state();
            stored.backup_eligible = stored.backup_eligible || result.backup_eligible();
        }
        check_usable(ctx, s, &pool_id, &username)?;
        sign_in_tokens(ctx, s, &pool_id, &client_id, &username)
    })
}
