//! HTTP: the AWS JSON 1.1 endpoint, the JWKS and OpenID metadata, the
//! development outbox and, for tests only, the clock control.
//!
//! Every Cognito operation is a `POST /` whose `X-Amz-Target` header names
//! it (`AWSCognitoIdentityProviderService.InitiateAuth`) and whose body is a
//! JSON object. Operations run on a blocking thread: they take a std mutex,
//! may do a 3072-bit modular exponentiation (SRP) and fsync the state file.
//! <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/CommonParameters.html>

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::error::ApiError;
use crate::input::Input;
use crate::ops;
use crate::service::Service;

/// Requests above this size are refused before they are parsed.
pub const BODY_LIMIT: usize = 1024 * 1024;
const TARGET_PREFIX: &str = "AWSCognitoIdentityProviderService.";
/// The most one `POST /_local/clock/advance` may move the clock: ten years
/// of 365 days, far more than any expiry in the pool.
const MAX_ADVANCE_SECONDS: u64 = 10 * 365 * 86_400;

/// The routes; `clock_control` adds `/_local/clock` and
/// `/_local/clock/advance` (without it they answer 404 like any unknown path).
pub fn router(service: Arc<Service>, clock_control: bool) -> Router {
    let mut router = Router::new()
        .route("/", post(api))
        .route("/_local/outbox", get(outbox))
        .route("/{pool_id}/.well-known/jwks.json", get(jwks))
        .route(
            "/{pool_id}/.well-known/openid-configuration",
            get(openid_configuration),
        );
    if clock_control {
        router = router
            .route("/_local/clock", get(clock))
            .route("/_local/clock/advance", post(advance_clock));
    }
    router.fallback(not_found).with_state(service)
}

fn json_response(status: StatusCode, body: &Value, content_type: &'static str) -> Response {
    let mut response = (status, body.to_string()).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

/// The region in a SigV4 credential scope (`Credential=AKID/20240101/us-east-1/cognito-idp/aws4_request`).
fn signed_region(headers: &HeaderMap) -> Option<String> {
    let auth = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    if !auth.starts_with("AWS4-HMAC-SHA256") {
        return None;
    }
    let credential = auth.split("Credential=").nth(1)?;
    let scope = credential.split([',', ' ']).next()?;
    scope.split('/').nth(2).map(str::to_owned)
}

async fn api(State(service): State<Arc<Service>>, headers: HeaderMap, body: Body) -> Response {
    let request_id = uuid::Uuid::new_v4().to_string();
    let mut response = match handle(service, &headers, body).await {
        Ok(value) => json_response(StatusCode::OK, &value, "application/x-amz-json-1.1"),
        Err(error) => error.into_response(),
    };
    if let Ok(id) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert("x-amzn-requestid", id);
    }
    response
}

async fn handle(service: Arc<Service>, headers: &HeaderMap, body: Body) -> Result<Value, ApiError> {
    let bytes = axum::body::to_bytes(body, BODY_LIMIT).await.map_err(|_| {
        ApiError::new(
            "SerializationException",
            format!("Request body is larger than {BODY_LIMIT} bytes."),
        )
        .with_status(StatusCode::PAYLOAD_TOO_LARGE)
    })?;
    let unknown = || ApiError::new("UnknownOperationException", "");
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    // AWS JSON 1.1 requests say so; Coral answers anything else as an
    // operation it does not know.
    let media = content_type.split(';').next().unwrap_or("").trim();
    if !matches!(
        media,
        "application/x-amz-json-1.1" | "application/x-amz-json-1.0" | "application/json"
    ) {
        return Err(unknown());
    }
    let target = headers
        .get("x-amz-target")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(unknown)?;
    let operation = target
        .strip_prefix(TARGET_PREFIX)
        .ok_or_else(unknown)?
        .to_owned();
    if !ops::is_known(&operation) {
        return Err(unknown());
    }
    let region = signed_region(headers);
    if ops::needs_signature(&operation) && region.is_none() {
        return Err(ApiError::new(
            "MissingAuthenticationTokenException",
            "Missing Authentication Token",
        ));
    }
    let input = Input::parse(&bytes)?;
    tracing::debug!(%operation, "cognito request");
    let region = region.unwrap_or_else(|| "us-east-1".to_owned());
    let joined =
        tokio::task::spawn_blocking(move || ops::dispatch(&service, &operation, &input, &region))
            .await;
    match joined {
        Ok(result) => result,
        Err(error) => {
            tracing::error!(%error, "an operation panicked");
            Err(ApiError::internal("Internal error."))
        }
    }
}

#[derive(Deserialize)]
struct OutboxQuery {
    destination: Option<String>,
}

async fn outbox(State(service): State<Arc<Service>>, Query(q): Query<OutboxQuery>) -> Response {
    let messages = service.outbox(q.destination.as_deref());
    json_response(
        StatusCode::OK,
        &json!({ "messages": messages }),
        "application/json",
    )
}

fn pool_exists(service: &Service, pool_id: &str) -> bool {
    service.store.read(|s| s.pools.contains_key(pool_id))
}

async fn jwks(State(service): State<Arc<Service>>, Path(pool_id): Path<String>) -> Response {
    if !pool_exists(&service, &pool_id) {
        return not_found().await;
    }
    json_response(StatusCode::OK, &service.signer.jwks(), "application/json")
}

/// OpenID Provider metadata, enough for libraries that discover the JWKS.
/// <https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderMetadata>
async fn openid_configuration(
    State(service): State<Arc<Service>>,
    Path(pool_id): Path<String>,
) -> Response {
    if !pool_exists(&service, &pool_id) {
        return not_found().await;
    }
    let issuer = service.issuer(&pool_id);
    json_response(
        StatusCode::OK,
        &json!({
            "issuer": issuer,
            "jwks_uri": format!("{issuer}/.well-known/jwks.json"),
            "id_token_signing_alg_values_supported": ["RS256"],
            "response_types_supported": ["code", "token"],
            "scopes_supported": ["openid", "email", "phone", "profile"],
            "subject_types_supported": ["public"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "claims_supported": ["sub", "iss", "aud", "exp", "iat", "auth_time", "email", "email_verified", "phone_number", "phone_number_verified", "cognito:username"],
        }),
        "application/json",
    )
}

/// The pool's time and how far it has been moved, as the clock routes answer.
fn clock_state(service: &Service) -> Response {
    let clock = service.clock();
    let offset_ms = u64::try_from(clock.offset().as_millis()).unwrap_or(u64::MAX);
    json_response(
        StatusCode::OK,
        &json!({ "now_ms": clock.now_ms(), "offset_ms": offset_ms }),
        "application/json",
    )
}

/// `GET /_local/clock` (tests only): `{"now_ms": .., "offset_ms": ..}`.
async fn clock(State(service): State<Arc<Service>>) -> Response {
    clock_state(&service)
}

/// `POST /_local/clock/advance` with `{"seconds": N}` (tests only): moves
/// the pool's clock forward as `Clock::advance` does, then answers like
/// `GET /_local/clock`. A bad body is a 400 naming the problem.
async fn advance_clock(State(service): State<Arc<Service>>, body: Bytes) -> Response {
    match advance_seconds(&body) {
        Ok(seconds) => {
            service.clock().advance(Duration::from_secs(seconds));
            clock_state(&service)
        }
        Err(message) => json_response(
            StatusCode::BAD_REQUEST,
            &json!({ "message": message }),
            "application/json",
        ),
    }
}

/// The `seconds` of a clock advance body, or why the body is refused.
fn advance_seconds(body: &[u8]) -> Result<u64, String> {
    let value: Value = serde_json::from_slice(body).map_err(|error| {
        format!(r#"The body must be a JSON object like {{"seconds": 60}}: {error}."#)
    })?;
    let object = value
        .as_object()
        .ok_or(r#"The body must be a JSON object like {"seconds": 60}."#)?;
    let seconds = object
        .get("seconds")
        .ok_or("seconds is required: how far to move the clock forward, in seconds.")?;
    let seconds = seconds
        .as_u64()
        .ok_or("seconds must be a non-negative integer (the clock never moves back).")?;
    if seconds > MAX_ADVANCE_SECONDS {
        return Err(format!(
            "seconds must be at most {MAX_ADVANCE_SECONDS} (ten years)."
        ));
    }
    Ok(seconds)
}

async fn not_found() -> Response {
    json_response(
        StatusCode::NOT_FOUND,
        &json!({ "message": "Not Found" }),
        "application/json",
    )
}
