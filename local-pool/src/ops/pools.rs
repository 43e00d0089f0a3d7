//! The control plane for user pools: CreateUserPool, DescribeUserPool,
//! UpdateUserPool, ListUserPools, DeleteUserPool and the pool's MFA
//! configuration (SetUserPoolMfaConfig, GetUserPoolMfaConfig).
//! Callers sign these with any AWS credentials (there is no IAM here).

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::context::Ctx;
use super::users::{
    ALNUM, STANDARD_ATTRIBUTES, enum_value, epoch_seconds, extra_members, pool_id_input,
};
use crate::codes::random_string;
use crate::error::{ApiError, ApiResult};
use crate::input::{Input, check_length};
use crate::passkeys::WebAuthnConfig;
use crate::state::{PasswordPolicy, Pool, new_fake_key};

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
    let mut policies = json!({ "PasswordPolicy": {
            "MinimumLength": p.minimum_length,
            "RequireUppercase": p.require_uppercase,
            "RequireLowercase": p.require_lowercase,
            "RequireNumbers": p.require_numbers,
            "RequireSymbols": p.require_symbols,
            "TemporaryPasswordValidityDays": p.temporary_password_validity_days,
    }});
    if let Some(sign_in) = &pool.sign_in_policy {
        policies["SignInPolicy"] = sign_in.clone();
    }
    set("Policies", policies);
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
        pool.sign_in_policy = input
            .opt_object("Policies")?
            .and_then(|p| p.get("SignInPolicy"))
            .cloned();
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
        sign_in_policy: None,
        fake_key: new_fake_key(),
        groups: BTreeMap::new(),
        webauthn: None,
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
    if let Some(webauthn) = &pool.webauthn {
        out["WebAuthnConfiguration"] = webauthn.to_json();
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
    // The relying party of the pool's passkeys (and whether they must
    // verify the user), which the WebAuthn operations need.
    let webauthn = input
        .opt_object("WebAuthnConfiguration")?
        .map(WebAuthnConfig::parse)
        .transpose()?;
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
        if let Some(webauthn) = webauthn {
            pool.webauthn = Some(webauthn);
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
