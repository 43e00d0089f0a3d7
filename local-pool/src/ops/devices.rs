//! Remembered devices, with the user's access token: ConfirmDevice,
//! UpdateDeviceStatus, ListDevices, GetDevice and ForgetDevice; and for
//! administrators AdminListDevices and AdminForgetDevice. A device is
//! made when tokens are issued in a pool with a DeviceConfiguration
//! (`NewDeviceMetadata`); ConfirmDevice gives it its own SRP verifier, and
//! a remembered one then signs in without MFA (`challenges`).
//! <https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html>

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::{Value, json};

use super::context::Ctx;
use super::users::{access_token, authenticate, epoch_seconds, pool_id_input, resolve_user};
use crate::error::{ApiError, ApiResult};
use crate::input::Input;
use crate::srp::{Verifier, to_hex};
use crate::state::{Device, User};

fn no_device() -> ApiError {
    ApiError::resource_not_found("Device does not exist.")
}

fn device_key(input: &Input) -> ApiResult<String> {
    input.string("DeviceKey", 1, 55)
}

/// A DeviceType, as ListDevices and GetDevice answer it.
fn device_type(key: &str, device: &Device) -> Value {
    let mut attributes = vec![
        json!({ "Name": "device_status", "Value": "valid" }),
        json!({
            "Name": "dev:device_remembered_status",
            "Value": if device.remembered { "remembered" } else { "not_remembered" },
        }),
    ];
    if let Some(name) = &device.name {
        attributes.push(json!({ "Name": "device_name", "Value": name }));
    }
    json!({
        "DeviceKey": key,
        "DeviceAttributes": attributes,
        "DeviceCreateDate": epoch_seconds(device.created_ms),
        "DeviceLastModifiedDate": epoch_seconds(device.modified_ms),
        "DeviceLastAuthenticatedDate": epoch_seconds(device.last_authenticated_ms),
    })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmDevice.html>
pub fn confirm_device(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let token = access_token(input)?;
    let key = device_key(input)?;
    let name = input.opt_string("DeviceName", 1, 1024)?;
    let config = input
        .opt_object("DeviceSecretVerifierConfig")?
        .ok_or_else(|| {
            ApiError::invalid_parameter("Missing required parameter DeviceSecretVerifierConfig")
        })?;
    let decode = |field: &str| -> ApiResult<String> {
        config
            .get(field)
            .and_then(Value::as_str)
            .and_then(|b64| BASE64.decode(b64.trim()).ok())
            .filter(|bytes| !bytes.is_empty())
            .map(|bytes| to_hex(&bytes))
            .ok_or_else(|| {
                ApiError::invalid_parameter(format!(
                    "DeviceSecretVerifierConfig.{field} must be base64."
                ))
            })
    };
    let verifier = Verifier {
        salt: decode("Salt")?,
        verifier: decode("PasswordVerifier")?,
    };
    ctx.svc.store.write(|s| {
        let (pool_id, username, _) = authenticate(ctx, s, &token)?;
        let pool = s.pool_mut(&pool_id)?;
        let only_on_prompt = pool
            .device_tracking()
            .ok_or_else(|| ApiError::invalid_parameter("The user pool does not track devices."))?;
        let device = pool
            .user_mut(&username)?
            .devices
            .get_mut(&key)
            .ok_or_else(no_device)?;
        device.verifier = Some(verifier);
        device.name = name;
        // Without DeviceOnlyRememberedOnUserPrompt every confirmed device
        // is remembered; with it, only once UpdateDeviceStatus says so.
        device.remembered = !only_on_prompt;
        device.modified_ms = ctx.now_ms;
        Ok(json!({ "UserConfirmationNecessary": only_on_prompt }))
    })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateDeviceStatus.html>
pub fn update_device_status(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let token = access_token(input)?;
    let key = device_key(input)?;
    let status = input.opt_string("DeviceRememberedStatus", 1, 32)?;
    let remembered = match status.as_deref() {
        Some("remembered") => true,
        Some("not_remembered") | None => false,
        Some(other) => {
            return Err(ApiError::invalid_parameter(format!(
                "DeviceRememberedStatus must be remembered or not_remembered, not {other}."
            )));
        }
    };
    ctx.svc.store.write(|s| {
        let (pool_id, username, _) = authenticate(ctx, s, &token)?;
        let device = s
            .pool_mut(&pool_id)?
            .user_mut(&username)?
            .devices
            .get_mut(&key)
            .filter(|d| d.verifier.is_some())
            .ok_or_else(no_device)?;
        device.remembered = remembered;
        device.modified_ms = ctx.now_ms;
        Ok(json!({}))
    })
}

/// The devices ListDevices and AdminListDevices show: confirmed ones only
/// (one issued tokens but never confirmed is not listed, nor remembered).
fn listed_devices(user: &User) -> Value {
    let devices: Vec<Value> = user
        .devices
        .iter()
        .filter(|(_, d)| d.verifier.is_some())
        .map(|(key, d)| device_type(key, d))
        .collect();
    json!({ "Devices": devices })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListDevices.html>
pub fn list_devices(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let token = access_token(input)?;
    let _ = input.opt_i64("Limit")?;
    let _ = input.opt_string("PaginationToken", 1, 2048)?;
    ctx.svc.store.read(|s| {
        let (pool_id, username, _) = authenticate(ctx, s, &token)?;
        Ok(listed_devices(s.pool(&pool_id)?.user(&username)?))
    })
}

/// ListDevices for an administrator, naming the user (or an alias).
/// Every device fits on one page.
/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminListDevices.html>
pub fn admin_list_devices(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let pool_id = pool_id_input(input)?;
    let name = input.string("Username", 1, 128)?;
    if let Some(limit) = input.opt_i64("Limit")?
        && !(0..=60).contains(&limit)
    {
        return Err(ApiError::invalid_parameter(format!(
            "1 validation error detected: Value '{limit}' at 'limit' failed to satisfy constraint: Member must have value between 0 and 60"
        )));
    }
    let _ = input.opt_string("PaginationToken", 1, 2048)?;
    ctx.svc.store.read(|s| {
        let pool = s.pool(&pool_id)?;
        Ok(listed_devices(pool.user(&resolve_user(pool, &name)?)?))
    })
}

/// ForgetDevice for an administrator: the device is gone, and signs in
/// no more without MFA.
/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminForgetDevice.html>
pub fn admin_forget_device(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let pool_id = pool_id_input(input)?;
    let name = input.string("Username", 1, 128)?;
    let key = device_key(input)?;
    ctx.svc.store.write(|s| {
        let pool = s.pool_mut(&pool_id)?;
        let username = resolve_user(pool, &name)?;
        pool.user_mut(&username)?
            .devices
            .remove(&key)
            .ok_or_else(no_device)?;
        Ok(json!({}))
    })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetDevice.html>
pub fn get_device(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let token = access_token(input)?;
    let key = device_key(input)?;
    ctx.svc.store.read(|s| {
        let (pool_id, username, _) = authenticate(ctx, s, &token)?;
        let user = s.pool(&pool_id)?.user(&username)?;
        let device = user
            .devices
            .get(&key)
            .filter(|d| d.verifier.is_some())
            .ok_or_else(no_device)?;
        Ok(json!({ "Device": device_type(&key, device) }))
    })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ForgetDevice.html>
pub fn forget_device(ctx: &Ctx<'_>, input: &Input) -> ApiResult<Value> {
    let token = access_token(input)?;
    let key = device_key(input)?;
    ctx.svc.store.write(|s| {
        let (pool_id, username, _) = authenticate(ctx, s, &token)?;
        s.pool_mut(&pool_id)?
            .user_mut(&username)?
            .devices
            .remove(&key)
            .ok_or_else(no_device)?;
        Ok(json!({}))
    })
}
