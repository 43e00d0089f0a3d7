//! The control plane for app clients: CreateUserPoolClient,
//! DescribeUserPoolClient, UpdateUserPoolClient, ListUserPoolClients and
//! DeleteUserPoolClient (auth flows, token validity, secrets,
//! PreventUserExistenceErrors). Callers sign these with any AWS credentials
//! (there is no IAM here).

use serde_json::{Map, Value, json};

use super::context::Ctx;
use super::users::{enum_value, epoch_seconds, extra_members, pool_id_input};
use crate::codes::random_string;
use crate::error::{ApiError, ApiResult};
use crate::input::Input;
use crate::state::AppClient;

const LOWER_ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";

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
