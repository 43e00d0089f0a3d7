//! `GET /api/session`: the signed-in user's claims as JSON, for a server
//! that holds the visitor's session cookie (a backend for frontend, a
//! service behind the same domain). The claims are those of the ID token,
//! checked again against the pool's keys; the tokens themselves never
//! leave Threshold. Not signed in: `401 {"error":"not_signed_in"}`.

use axum::Extension;
use axum::Json;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::AuthUser;
use crate::flows::signed_in::NotSignedIn;
use crate::session::Session;
use crate::state::AppState;

/// `GET /api/session`.
pub async fn session(
    Extension(app): Extension<AppState>,
    Extension(session): Extension<Session>,
) -> Response {
    let user = match AuthUser::resolve(&app, &session).await {
        Ok(user) => user,
        Err(NotSignedIn::Anonymous | NotSignedIn::Ended) => {
            return answer(
                StatusCode::UNAUTHORIZED,
                json!({ "error": "not_signed_in" }),
            );
        }
        Err(NotSignedIn::Unavailable) => {
            return answer(
                StatusCode::SERVICE_UNAVAILABLE,
                json!({ "error": "unavailable" }),
            );
        }
    };
    match app
        .gateway
        .id_token_claims(user.signed_in().id_token.secret())
        .await
    {
        Ok(claims) => answer(
            StatusCode::OK,
            json!({
                "claims": Value::Object(claims),
                "groups": user.groups(),
                "signed_in_at": user.signed_in().signed_in_at_ms / 1000,
            }),
        ),
        Err(e) => {
            tracing::error!(error = %e, "the session's ID token did not verify");
            answer(
                StatusCode::SERVICE_UNAVAILABLE,
                json!({ "error": "unavailable" }),
            )
        }
    }
}

/// JSON about one visitor: never cached.
fn answer(status: StatusCode, body: Value) -> Response {
    (status, [(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
}
