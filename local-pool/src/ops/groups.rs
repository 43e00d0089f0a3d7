//! Groups: CreateGroup, GetGroup, DeleteGroup, AdminAddUserToGroup,
//! AdminRemoveUserFromGroup and AdminListGroupsForUser. A user's groups go
//! into their ID and access tokens as `cognito:groups` (see `tokens`), so a
//! change shows in the next tokens issued, at sign-in or refresh, as on
//! Cognito. Callers sign these with any AWS credentials (there is no IAM).

use serde_json::{Value, json};

use super::context::Ctx;
use super::users::{epoch_seconds, pool_id_input, resolve_user};
use crate::error::{ApiError, ApiResult};
use crate::input::Input;
use crate::state::{Group, Pool};

/// A GroupType, as every operation here answers it.
fn group_type(pool_id: &str, group: &Group) -> Value {
    let mut out = json!({
        "GroupName": group.name,
        "UserPoolId": pool_id,
        "CreationDate": epoch_seconds(group.created_ms),
        "LastModifiedDate": epoch_seconds(group.modified_ms),
    });
    if let Some(d) = &group.description {
        out["Description"] = json!(d);
    }
    if let Some(p) = group.precedence {
        out["Precedence"] = json!(p);
    }
    if let Some(r) = &group.role_arn {
        out["RoleArn"] = json!(r);
    }
    out
}

/// Cognito's pattern `[\p{L}\p{M}\p{S}\p{N}\p{P}]+`: letters, marks,
/// symbols, numbers and punctuation; no spaces or control characters.
fn group_name(input: &Input) -> ApiResult<String> {
    let name = input.string("GroupName", 1, 128)?;
    if name.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(ApiError::invalid_parameter(
            "1 validation error detected: Value at 'groupName' failed to satisfy constraint: \
             Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+",
        ));
    }
    Ok(name)
}

fn group<'p>(pool: &'p Pool, name: &str) -> ApiResult<&'p Group> {
    pool.groups
        .get(name)
        .ok_or_else(|| ApiError::resource_not_found("Group not found."))
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateGroup.html>
pub fn create_group(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let pool_id = pool_id_input(input)?;
    let name = group_name(input)?;
    let description = input.opt_string("Description", 0, 2048)?;
    let role_arn = input.opt_string("RoleArn", 20, 2048)?;
    let precedence = input.opt_i64("Precedence")?;
    if precedence.is_some_and(|p| !(0..=i64::from(i32::MAX)).contains(&p)) {
        return Err(ApiError::invalid_parameter(
            "1 validation error detected: Value at 'precedence' failed to satisfy constraint: \
             Member must have value between 0 and 2147483647",
        ));
    }
    ctx.svc.store.write(|s| {
        let pool = s.pool_mut(&pool_id)?;
        if pool.groups.contains_key(&name) {
            return Err(ApiError::new(
                "GroupExistsException",
                format!("A group with the name {name} already exists."),
            ));
        }
        let group = Group {
            name: name.clone(),
            description,
            precedence,
            role_arn,
            created_ms: ctx.now_ms,
            modified_ms: ctx.now_ms,
        };
        let out = group_type(&pool_id, &group);
        pool.groups.insert(name, group);
        Ok(json!({ "Group": out }))
    })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetGroup.html>
pub fn get_group(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let pool_id = pool_id_input(input)?;
    let name = group_name(input)?;
    ctx.svc.store.read(|s| {
        let pool = s.pool(&pool_id)?;
        Ok(json!({ "Group": group_type(&pool_id, group(pool, &name)?) }))
    })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteGroup.html>
/// Members lose the group; tokens already issued keep naming it until
/// they expire, as on Cognito.
pub fn delete_group(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let pool_id = pool_id_input(input)?;
    let name = group_name(input)?;
    ctx.svc.store.write(|s| {
        let pool = s.pool_mut(&pool_id)?;
        group(pool, &name)?;
        pool.groups.remove(&name);
        for user in pool.users.values_mut() {
            user.groups.remove(&name);
        }
        Ok(json!({}))
    })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminAddUserToGroup.html>
pub fn admin_add_user_to_group(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    change_membership(ctx, input, true)
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminRemoveUserFromGroup.html>
/// Removing a user from a group they are not in succeeds, as on Cognito.
pub fn admin_remove_user_from_group(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    change_membership(ctx, input, false)
}

fn change_membership(ctx: &Ctx<'_>, input: &Input, add: bool) -> ApiResult<Value> {
    let pool_id = pool_id_input(input)?;
    let name = input.string("Username", 1, 128)?;
    let group_name = group_name(input)?;
    ctx.svc.store.write(|s| {
        let pool = s.pool_mut(&pool_id)?;
        let username = resolve_user(pool, &name)?;
        group(pool, &group_name)?;
        let user = pool.user_mut(&username)?;
        if add {
            user.groups.insert(group_name);
        } else {
            user.groups.remove(&group_name);
        }
        Ok(json!({}))
    })
}

/// Most groups AdminListGroupsForUser returns in one page (its `Limit`'s
/// ceiling).
const MAX_PAGE: usize = 60;

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminListGroupsForUser.html>
/// Pages by `Limit` (at most 60) with an opaque `NextToken`.
pub fn admin_list_groups_for_user(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let pool_id = pool_id_input(input)?;
    let name = input.string("Username", 1, 128)?;
    let limit = match input.opt_i64("Limit")? {
        None | Some(0) => MAX_PAGE,
        Some(n) => usize::try_from(n)
            .ok()
            .filter(|n| *n <= MAX_PAGE)
            .ok_or_else(|| {
                ApiError::invalid_parameter(
                    "1 validation error detected: Value at 'limit' failed to satisfy constraint: \
                     Member must have value between 0 and 60",
                )
            })?,
    };
    let start = match input.opt_string("NextToken", 1, 131_072)? {
        None => 0,
        Some(token) => token
            .strip_prefix("groups-")
            .and_then(|n| n.parse::<usize>().ok())
            .ok_or_else(|| ApiError::invalid_parameter("Invalid pagination token."))?,
    };
    ctx.svc.store.read(|s| {
        let pool = s.pool(&pool_id)?;
        let username = resolve_user(pool, &name)?;
        let groups = pool.groups_of(pool.user(&username)?);
        let page: Vec<Value> = groups
            .iter()
            .skip(start)
            .take(limit)
            .map(|g| group_type(&pool_id, g))
            .collect();
        let mut out = json!({ "Groups": page });
        let next = start.saturating_add(limit);
        if next < groups.len() {
            out["NextToken"] = json!(format!("groups-{next}"));
        }
        Ok(out)
    })
}
