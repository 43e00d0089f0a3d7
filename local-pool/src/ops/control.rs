//! The control plane: pools, app clients and the admin user operations.
//! Callers sign these with any AWS credentials (there is no IAM here).

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::Ctx;
use super::common::{
    STANDARD_ATTRIBUTES, attributes_json, check_attribute_value, check_password_policy,
    epoch_seconds, known_attribute, looks_like_email, looks_like_phone, mfa_fields, send,
    unknown_attribute,
};
use crate::Purpose;
use crate::codes::random_string;
use crate::error::{ApiError, ApiResult};
use crate::input::{Input, check_length};
use crate::srp::Verifier;
use crate::state::{AppClient, PasswordPolicy, Pool, State, User, UserStatus};

const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const LOWER_ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";

/// Members CreateUserPool/UpdateUserPool interpret; everything else is kept
/// verbatim in `Pool::extra` and echoed by DescribeUserPool.
const INTERPRETED_POOL_MEMBERS: &[&str] = &[
    "UserPoolId",
    "PoolName",
    "Policies",
    "MfaConfiguration",
    "UsernameAttributes",
    "AliasAttributes",
    "AutoVerifiedAttributes",
    "Schema",
    "UserPoolAddOns",
];

fn enum_value(name: &str, value: &str, allowed: &[&str]) -> ApiResult<()> {
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

fn pool_id_input(input: &Input) -> ApiResult<String> {
    input.string("UserPoolId", 1, 55)
}

fn password_policy(input: &Input, current: Option<&PasswordPolicy>) -> ApiResult<PasswordPolicy> {
    let mut policy = current.cloned().unwrap_or_default();
    let Some(p) = input
        .opt_object("Policies")?
        .and_then(|p| p.get("PasswordPolicy"))
        .and_then(Value::as_object)
    else {
        return Ok(policy);
    };
    let flag = |k: &str| p.get(k).and_then(Value::as_bool);
    if let Some(n) = p.get("MinimumLength").and_then(Value::as_u64) {
        if !(6..=99).contains(&n) {
            return Err(ApiError::invalid_parameter(
                "1 validation error detected: Value at 'policies.passwordPolicy.minimumLength' failed to satisfy constraint: Member must have value between 6 and 99",
            ));
        }
        policy.minimum_length = u32::try_from(n).unwrap_or(8);
    }
    policy.require_uppercase = flag("RequireUppercase").unwrap_or(false);
    policy.require_lowercase = flag("RequireLowercase").unwrap_or(false);
    policy.require_numbers = flag("RequireNumbers").unwrap_or(false);
    policy.require_symbols = flag("RequireSymbols").unwrap_or(false);
    if let Some(days) = p
        .get("TemporaryPasswordValidityDays")
        .and_then(Value::as_u64)
    {
        policy.temporary_password_validity_days = u32::try_from(days.clamp(0, 365)).unwrap_or(7);
    }
    Ok(policy)
}

fn schema(input: &Input) -> ApiResult<Vec<Value>> {
    let Some(items) = input.raw().get("Schema").filter(|v| !v.is_null()) else {
        return Ok(Vec::new());
    };
    let items = items
        .as_array()
        .ok_or_else(|| ApiError::invalid_parameter("Schema must be a list."))?;
    let mut out = Vec::new();
    for item in items {
        let mut entry = item
            .as_object()
            .cloned()
            .ok_or_else(|| ApiError::invalid_parameter("Schema entries must be structures."))?;
        let name = entry
            .get("Name")
            .and_then(Value::as_str)
            .ok_or_else(|| ApiError::invalid_parameter("Schema attributes must have a Name."))?
            .to_owned();
        check_length("Schema.member.name", &name, 1, 20)?;
        let full = if STANDARD_ATTRIBUTES.contains(&name.as_str()) || name.starts_with("custom:") {
            name
        } else {
            format!("custom:{name}")
        };
        if let Some(t) = entry.get("AttributeDataType").and_then(Value::as_str) {
            enum_value(
                "schema.member.attributeDataType",
                t,
                &["String", "Number", "DateTime", "Boolean"],
            )?;
        }
        entry.insert("Name".into(), Value::String(full));
        out.push(Value::Object(entry));
    }
    Ok(out)
}

fn username_attributes(input: &Input, name: &str) -> ApiResult<Vec<String>> {
    let values = input.string_list(name)?;
    for v in &values {
        let allowed: &[&str] = if name == "UsernameAttributes" {
            &["phone_number", "email"]
        } else if name == "AliasAttributes" {
            &["phone_number", "email", "preferred_username"]
        } else {
            &["phone_number", "email"]
        };
        enum_value(name, v, allowed)?;
    }
    Ok(values)
}

fn extra_members(input: &Input, skip: &[&str]) -> Map<String, Value> {
    input
        .raw()
        .iter()
        .filter(|(k, _)| !skip.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// The standard attribute as DescribeUserPool shows it, or a schema override.
fn schema_attributes(pool: &Pool) -> Vec<Value> {
    let mut out = Vec::new();
    for name in STANDARD_ATTRIBUTES {
        if let Some(given) = pool
            .schema
            .iter()
            .find(|a| a.get("Name").and_then(Value::as_str) == Some(name))
        {
            out.push(given.clone());
            continue;
        }
        let (data_type, mutable, required) = match *name {
            "sub" => ("String", false, true),
            "email_verified" | "phone_number_verified" => ("Boolean", true, false),
            "updated_at" => ("Number", true, false),
            _ => ("String", true, false),
        };
        let mut attr = json!({
            "Name": name,
            "AttributeDataType": data_type,
            "DeveloperOnlyAttribute": false,
            "Mutable": mutable,
            "Required": required,
        });
        if data_type == "String" {
            attr["StringAttributeConstraints"] =
                json!({ "MinLength": if *name == "sub" { "1" } else { "0" }, "MaxLength": "2048" });
        } else if data_type == "Number" {
            attr["NumberAttributeConstraints"] = json!({ "MinValue": "0" });
        }
        out.push(attr);
    }
    out.extend(
        pool.schema
            .iter()
            .filter(|a| {
                a.get("Name")
                    .and_then(Value::as_str)
                    .is_some_and(|n| n.starts_with("custom:"))
            })
            .cloned(),
    );
    out
}

fn describe_pool(pool: &Pool) -> Value {
    let mut out = pool.extra.clone();
    let p = &pool.password_policy;
    let mut set = |k: &str, v: Value| {
        out.insert(k.to_owned(), v);
    };
    set("Id", json!(pool.id));
    set("Name", json!(pool.name));
    set("Arn", json!(pool.arn));
    set(
        "Policies",
        json!({ "PasswordPolicy": {
            "MinimumLength": p.minimum_length,
            "RequireUppercase": p.require_uppercase,
            "RequireLowercase": p.require_lowercase,
            "RequireNumbers": p.require_numbers,
            "RequireSymbols": p.require_symbols,
            "TemporaryPasswordValidityDays": p.temporary_password_validity_days,
        }}),
    );
    set("MfaConfiguration", json!(pool.mfa_configuration));
    if !pool.username_attributes.is_empty() {
        set("UsernameAttributes", json!(pool.username_attributes));
    }
    if !pool.alias_attributes.is_empty() {
        set("AliasAttributes", json!(pool.alias_attributes));
    }
    if !pool.auto_verified_attributes.is_empty() {
        set(
            "AutoVerifiedAttributes",
            json!(pool.auto_verified_attributes),
        );
    }
    set("SchemaAttributes", Value::Array(schema_attributes(pool)));
    set("EstimatedNumberOfUsers", json!(pool.users.len()));
    set("CreationDate", epoch_seconds(pool.created_ms));
    set("LastModifiedDate", epoch_seconds(pool.modified_ms));
    if !out.contains_key("LambdaConfig") {
        out.insert("LambdaConfig".into(), json!({}));
    }
    if !out.contains_key("UserPoolTier") {
        out.insert("UserPoolTier".into(), json!("ESSENTIALS"));
    }
    Value::Object(out)
}

/// Applies the members CreateUserPool and UpdateUserPool share.
fn apply_pool_settings(pool: &mut Pool, input: &Input) -> ApiResult<()> {
    if input.raw().contains_key("Policies") {
        pool.password_policy = password_policy(input, Some(&pool.password_policy))?;
    }
    if let Some(mfa) = input.opt_string("MfaConfiguration", 1, 16)? {
        enum_value("mfaConfiguration", &mfa, &["OFF", "ON", "OPTIONAL"])?;
        pool.mfa_configuration = mfa;
    }
    if input.raw().contains_key("AutoVerifiedAttributes") {
        pool.auto_verified_attributes = username_attributes(input, "AutoVerifiedAttributes")?;
    }
    if let Some(sms) = input.opt_object("SmsConfiguration")? {
        let message = input
            .raw()
            .get("SmsAuthenticationMessage")
            .cloned()
            .unwrap_or(Value::Null);
        pool.sms_mfa =
            Some(json!({ "SmsConfiguration": sms, "SmsAuthenticationMessage": message }));
    }
    let extra = extra_members(input, INTERPRETED_POOL_MEMBERS);
    // Cognito refuses to hold back an attribute it would not send a code to.
    let kept = extra
        .get("UserAttributeUpdateSettings")
        .and_then(|s| s.get("AttributesRequireVerificationBeforeUpdate"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for attribute in kept.iter().filter_map(Value::as_str) {
        if !pool.auto_verified_attributes.iter().any(|a| a == attribute) {
            return Err(ApiError::invalid_parameter(format!(
                "{attribute} in AttributesRequireVerificationBeforeUpdate must also be in AutoVerifiedAttributes."
            )));
        }
    }
    pool.extra.extend(extra);
    Ok(())
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPool.html>
pub fn create_user_pool(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let name = input.string("PoolName", 1, 128)?;
    let username_attrs = username_attributes(input, "UsernameAttributes")?;
    let alias_attrs = username_attributes(input, "AliasAttributes")?;
    if !username_attrs.is_empty() && !alias_attrs.is_empty() {
        return Err(ApiError::invalid_parameter(
            "Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.",
        ));
    }
    let schema = schema(input)?;
    let id = format!("{}_{}", ctx.region, random_string(ALNUM, 9));
    let mut pool = Pool {
        arn: format!(
            "arn:aws:cognito-idp:{}:000000000000:userpool/{id}",
            ctx.region
        ),
        id: id.clone(),
        name,
        created_ms: ctx.now_ms,
        modified_ms: ctx.now_ms,
        password_policy: password_policy(input, None)?,
        mfa_configuration: "OFF".into(),
        username_attributes: username_attrs,
        alias_attributes: alias_attrs,
        auto_verified_attributes: Vec::new(),
        schema,
        software_token_mfa: false,
        sms_mfa: None,
        email_mfa: None,
        extra: Map::new(),
        clients: BTreeMap::new(),
        users: BTreeMap::new(),
        refresh_tokens: BTreeMap::new(),
    };
    apply_pool_settings(&mut pool, input)?;
    let described = describe_pool(&pool);
    ctx.svc.store.write(|s| {
        s.pools.insert(id, pool);
        Ok(())
    })?;
    Ok(json!({ "UserPool": described }))
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeUserPool.html>
pub fn describe_user_pool(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let id = pool_id_input(input)?;
    ctx.svc
        .store
        .read(|s| s.pool(&id).map(|p| json!({ "UserPool": describe_pool(p) })))
}

/// Applies only the members given (Cognito resets omitted ones to their
/// defaults; this pool keeps them, which is friendlier and documented).
/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPool.html>
pub fn update_user_pool(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let id = pool_id_input(input)?;
    ctx.svc.store.write(|s| {
        let pool = s.pool_mut(&id)?;
        apply_pool_settings(pool, input)?;
        pool.modified_ms = ctx.now_ms;
        Ok(json!({}))
    })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUserPools.html>
pub fn list_user_pools(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let max = input.opt_i64("MaxResults")?.ok_or_else(|| {
        ApiError::invalid_parameter(
            "1 validation error detected: Value null at 'maxResults' failed to satisfy constraint: Member must not be null",
        )
    })?;
    if !(1..=60).contains(&max) {
        return Err(ApiError::invalid_parameter(
            "1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 60",
        ));
    }
    let after = input.opt_string("NextToken", 1, 131_072)?;
    ctx.svc.store.read(|s| {
        let pools: Vec<&Pool> = s
            .pools
            .values()
            .filter(|p| after.as_deref().is_none_or(|a| p.id.as_str() > a))
            .collect();
        let take = usize::try_from(max).unwrap_or(60);
        let page: Vec<Value> = pools
            .iter()
            .take(take)
            .map(|p| {
                json!({
                    "Id": p.id, "Name": p.name, "LambdaConfig": {},
                    "LastModifiedDate": epoch_seconds(p.modified_ms),
                    "CreationDate": epoch_seconds(p.created_ms),
                })
            })
            .collect();
        let mut out = json!({ "UserPools": page });
        if pools.len() > take
            && let Some(last) = pools.get(take - 1)
        {
            out["NextToken"] = json!(last.id);
        }
        Ok(out)
    })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUserPool.html>
pub fn delete_user_pool(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let id = pool_id_input(input)?;
    ctx.svc.store.write(|s| {
        s.pool(&id)?;
        s.pools.remove(&id);
        Ok(json!({}))
    })
}

fn mfa_config_json(pool: &Pool) -> Value {
    let mut out = json!({
        "MfaConfiguration": pool.mfa_configuration,
        "SoftwareTokenMfaConfiguration": { "Enabled": pool.software_token_mfa },
    });
    if let Some(sms) = &pool.sms_mfa {
        out["SmsMfaConfiguration"] = sms.clone();
    }
    if let Some(email) = &pool.email_mfa {
        out["EmailMfaConfiguration"] = email.clone();
    }
    out
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserPoolMfaConfig.html>
pub fn set_user_pool_mfa_config(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let id = pool_id_input(input)?;
    let mfa = input.opt_string("MfaConfiguration", 1, 16)?;
    if let Some(m) = &mfa {
        enum_value("mfaConfiguration", m, &["OFF", "ON", "OPTIONAL"])?;
    }
    let totp = input
        .opt_object("SoftwareTokenMfaConfiguration")?
        .map(|t| t.get("Enabled").and_then(Value::as_bool).unwrap_or(false));
    let sms = input.opt_object("SmsMfaConfiguration")?.cloned();
    let email = input.opt_object("EmailMfaConfiguration")?.cloned();
    ctx.svc.store.write(|s| {
        let pool = s.pool_mut(&id)?;
        if let Some(m) = mfa {
            pool.mfa_configuration = m;
        }
        if let Some(t) = totp {
            pool.software_token_mfa = t;
        }
        if let Some(sms) = sms {
            pool.sms_mfa = Some(Value::Object(sms));
        }
        if let Some(email) = email {
            pool.email_mfa = Some(Value::Object(email));
        }
        if let Some(w) = input.raw().get("WebAuthnConfiguration") {
            pool.extra.insert("WebAuthnConfiguration".into(), w.clone());
        }
        let on = pool.mfa_configuration != "OFF";
        if on && !pool.software_token_mfa && pool.sms_mfa.is_none() && pool.email_mfa.is_none() {
            return Err(ApiError::invalid_parameter(
                "At least one MFA method must be enabled when MFA is ON or OPTIONAL.",
            ));
        }
        pool.modified_ms = ctx.now_ms;
        Ok(mfa_config_json(pool))
    })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUserPoolMfaConfig.html>
pub fn get_user_pool_mfa_config(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let id = pool_id_input(input)?;
    ctx.svc.store.read(|s| s.pool(&id).map(mfa_config_json))
}

const AUTH_FLOWS: &[&str] = &[
    "ADMIN_NO_SRP_AUTH",
    "CUSTOM_AUTH_FLOW_ONLY",
    "USER_PASSWORD_AUTH",
    "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "ALLOW_CUSTOM_AUTH",
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
    "ALLOW_USER_AUTH",
];

/// Applies the members CreateUserPoolClient and UpdateUserPoolClient share.
fn apply_client_settings(client: &mut AppClient, input: &Input, creating: bool) -> ApiResult<()> {
    if input.raw().contains_key("ExplicitAuthFlows") || creating {
        let mut flows = Vec::new();
        for f in input.string_list("ExplicitAuthFlows")? {
            enum_value("explicitAuthFlows", &f, AUTH_FLOWS)?;
            // The legacy names mean their ALLOW_ equivalents.
            let f = match f.as_str() {
                "USER_PASSWORD_AUTH" => "ALLOW_USER_PASSWORD_AUTH".to_owned(),
                "ADMIN_NO_SRP_AUTH" => "ALLOW_ADMIN_USER_PASSWORD_AUTH".to_owned(),
                "CUSTOM_AUTH_FLOW_ONLY" => "ALLOW_CUSTOM_AUTH".to_owned(),
                _ => f,
            };
            if !flows.contains(&f) {
                flows.push(f);
            }
        }
        if flows.is_empty() {
            // Cognito's default when none are given.
            flows = vec![
                "ALLOW_REFRESH_TOKEN_AUTH".into(),
                "ALLOW_USER_SRP_AUTH".into(),
                "ALLOW_CUSTOM_AUTH".into(),
            ];
        }
        client.explicit_auth_flows = flows;
    }
    if let Some(p) = input.opt_string("PreventUserExistenceErrors", 1, 16)? {
        enum_value("preventUserExistenceErrors", &p, &["LEGACY", "ENABLED"])?;
        client.prevent_user_existence_errors = p;
    }
    if let Some(units) = input.opt_object("TokenValidityUnits")? {
        let unit = |k: &str, current: &str| -> ApiResult<String> {
            match units.get(k).and_then(Value::as_str) {
                Some(u) => {
                    enum_value(
                        "tokenValidityUnits",
                        u,
                        &["seconds", "minutes", "hours", "days"],
                    )?;
                    Ok(u.to_owned())
                }
                None => Ok(current.to_owned()),
            }
        };
        client.access_token_unit = unit("AccessToken", &client.access_token_unit)?;
        client.id_token_unit = unit("IdToken", &client.id_token_unit)?;
        client.refresh_token_unit = unit("RefreshToken", &client.refresh_token_unit)?;
    }
    if let Some(v) = input.opt_i64("AccessTokenValidity")? {
        client.access_token_validity = v;
    }
    if let Some(v) = input.opt_i64("IdTokenValidity")? {
        client.id_token_validity = v;
    }
    if let Some(v) = input.opt_i64("RefreshTokenValidity")? {
        client.refresh_token_validity = v;
    }
    let minutes = |ms: u64| ms / 60_000;
    if !(5..=1440).contains(&minutes(client.access_token_ms()))
        || !(5..=1440).contains(&minutes(client.id_token_ms()))
    {
        return Err(ApiError::invalid_parameter(
            "Access and ID token validity must be between 5 minutes and 1 day.",
        ));
    }
    if !(60..=5_256_000).contains(&minutes(client.refresh_token_ms())) {
        return Err(ApiError::invalid_parameter(
            "Refresh token validity must be between 60 minutes and 10 years.",
        ));
    }
    if let Some(v) = input.opt_i64("AuthSessionValidity")? {
        if !(3..=15).contains(&v) {
            return Err(ApiError::invalid_parameter(
                "1 validation error detected: Value at 'authSessionValidity' failed to satisfy constraint: Member must have value between 3 and 15",
            ));
        }
        client.auth_session_validity_minutes = v;
    }
    if let Some(v) = input.opt_bool("EnableTokenRevocation")? {
        client.enable_token_revocation = v;
    }
    if let Some(name) = input.opt_string("ClientName", 1, 128)? {
        client.name = name;
    }
    const INTERPRETED: &[&str] = &[
        "UserPoolId",
        "ClientId",
        "ClientName",
        "GenerateSecret",
        "ExplicitAuthFlows",
        "PreventUserExistenceErrors",
        "TokenValidityUnits",
        "AccessTokenValidity",
        "IdTokenValidity",
        "RefreshTokenValidity",
        "AuthSessionValidity",
        "EnableTokenRevocation",
    ];
    client.extra.extend(extra_members(input, INTERPRETED));
    Ok(())
}

fn describe_client(pool_id: &str, c: &AppClient) -> Value {
    let mut out = c.extra.clone();
    let fixed = json!({
        "UserPoolId": pool_id,
        "ClientName": c.name,
        "ClientId": c.id,
        "LastModifiedDate": epoch_seconds(c.modified_ms),
        "CreationDate": epoch_seconds(c.created_ms),
        "RefreshTokenValidity": c.refresh_token_validity,
        "AccessTokenValidity": c.access_token_validity,
        "IdTokenValidity": c.id_token_validity,
        "TokenValidityUnits": {
            "AccessToken": c.access_token_unit,
            "IdToken": c.id_token_unit,
            "RefreshToken": c.refresh_token_unit,
        },
        "ExplicitAuthFlows": c.explicit_auth_flows,
        "PreventUserExistenceErrors": c.prevent_user_existence_errors,
        "EnableTokenRevocation": c.enable_token_revocation,
        "EnablePropagateAdditionalUserContextData": false,
        "AuthSessionValidity": c.auth_session_validity_minutes,
    });
    if let Value::Object(fixed) = fixed {
        out.extend(fixed);
    }
    if let Some(secret) = &c.secret {
        out.insert("ClientSecret".into(), json!(secret));
    }
    Value::Object(out)
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html>
pub fn create_user_pool_client(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let pool_id = pool_id_input(input)?;
    let name = input.string("ClientName", 1, 128)?;
    let mut client = AppClient {
        id: random_string(LOWER_ALNUM, 26),
        name,
        secret: input
            .opt_bool("GenerateSecret")?
            .unwrap_or(false)
            .then(|| random_string(LOWER_ALNUM, 51)),
        explicit_auth_flows: Vec::new(),
        prevent_user_existence_errors: "LEGACY".into(),
        access_token_validity: 60,
        id_token_validity: 60,
        refresh_token_validity: 30,
        access_token_unit: "minutes".into(),
        id_token_unit: "minutes".into(),
        refresh_token_unit: "days".into(),
        auth_session_validity_minutes: 3,
        enable_token_revocation: true,
        created_ms: ctx.now_ms,
        modified_ms: ctx.now_ms,
        extra: Map::new(),
    };
    // Validities given without units are in Cognito's legacy units.
    let units = input.opt_object("TokenValidityUnits")?;
    let has_unit = |k: &str| units.is_some_and(|u| u.contains_key(k));
    if input.raw().contains_key("AccessTokenValidity") && !has_unit("AccessToken") {
        client.access_token_unit = "hours".into();
    }
    if input.raw().contains_key("IdTokenValidity") && !has_unit("IdToken") {
        client.id_token_unit = "hours".into();
    }
    apply_client_settings(&mut client, input, true)?;
    ctx.svc.store.write(|s| {
        let pool = s.pool_mut(&pool_id)?;
        let out = describe_client(&pool.id, &client);
        pool.clients.insert(client.id.clone(), client);
        Ok(json!({ "UserPoolClient": out }))
    })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeUserPoolClient.html>
pub fn describe_user_pool_client(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let pool_id = pool_id_input(input)?;
    let client_id = input.string("ClientId", 1, 128)?;
    ctx.svc.store.read(|s| {
        let pool = s.pool(&pool_id)?;
        let client = pool.client(&client_id)?;
        Ok(json!({ "UserPoolClient": describe_client(&pool.id, client) }))
    })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPoolClient.html>
pub fn update_user_pool_client(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let pool_id = pool_id_input(input)?;
    let client_id = input.string("ClientId", 1, 128)?;
    ctx.svc.store.write(|s| {
        let pool = s.pool_mut(&pool_id)?;
        let client = pool
            .clients
            .get_mut(&client_id)
            .ok_or_else(|| ApiError::resource_not_found("User pool client does not exist."))?;
        let mut updated = client.clone();
        apply_client_settings(&mut updated, input, false)?;
        updated.modified_ms = ctx.now_ms;
        *client = updated;
        Ok(json!({ "UserPoolClient": describe_client(&pool_id, client) }))
    })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUserPoolClients.html>
pub fn list_user_pool_clients(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let pool_id = pool_id_input(input)?;
    ctx.svc.store.read(|s| {
        let pool = s.pool(&pool_id)?;
        let clients: Vec<Value> = pool
            .clients
            .values()
            .map(|c| json!({ "ClientId": c.id, "UserPoolId": pool.id, "ClientName": c.name }))
            .collect();
        Ok(json!({ "UserPoolClients": clients }))
    })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUserPoolClient.html>
pub fn delete_user_pool_client(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let pool_id = pool_id_input(input)?;
    let client_id = input.string("ClientId", 1, 128)?;
    ctx.svc.store.write(|s| {
        let pool = s.pool_mut(&pool_id)?;
        pool.client(&client_id)?;
        pool.clients.remove(&client_id);
        Ok(json!({}))
    })
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
    })
}

fn user_type(user: &User, attributes_key: &str) -> Value {
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
fn generate_temporary_password(pool: &Pool) -> String {
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
        let (preferred, list) = mfa_fields(pool, user);
        if let Some(p) = preferred {
            out["PreferredMfaSetting"] = json!(p);
        }
        if !list.is_empty() {
            out["UserMFASettingList"] = json!(list);
        }
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

/// Deletes a user and everything issued to them.
pub fn remove_user(pool: &mut Pool, username: &str) {
    pool.users.remove(username);
    pool.refresh_tokens.retain(|_, r| r.username != username);
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
        }
        user.modified_ms = ctx.now_ms;
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

/// Revokes every refresh token (and so every access token) of a user.
pub fn revoke_all(pool: &mut Pool, username: &str) {
    for record in pool.refresh_tokens.values_mut() {
        if record.username == username {
            record.revoked = true;
        }
    }
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminUpdateUserAttributes.html>
pub fn admin_update_user_attributes(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let pool_id = pool_id_input(input)?;
    let name = input.string("Username", 1, 128)?;
    let attributes = input.attribute_list("UserAttributes")?;
    ctx.svc.store.write(|s| {
        let pool = s.pool_mut(&pool_id)?;
        let username = resolve_user(pool, &name)?;
        super::user::validate_attribute_update(pool, &username, &attributes, true)?;
        let user = pool.user_mut(&username)?;
        for (k, v) in attributes {
            if (k == "email" || k == "phone_number") && user.attr(&k) != Some(v.as_str()) {
                let flag = format!("{k}_verified");
                if !user.attributes.contains_key(&flag) || user.attr_true(&flag) {
                    user.attributes.insert(flag, "false".into());
                }
            }
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
