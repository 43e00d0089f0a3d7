//! Cognito's error answers, in the AWS JSON 1.1 shape.
//!
//! Every failure is HTTP 400 (except the few the protocol puts elsewhere)
//! with `{"__type": "<ExceptionName>", "message": "..."}` and the
//! `x-amzn-ErrorType` header, which is what the AWS SDKs parse into their
//! modelled error variants.
//! <https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html#operation-error-serialization>

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// One Cognito exception: its modelled name and its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub kind: &'static str,
    pub message: String,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(kind: &'static str, message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            kind,
            message: message.into(),
        }
    }

    pub fn with_status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }

    pub fn invalid_parameter(message: impl Into<String>) -> Self {
        Self::new("InvalidParameterException", message)
    }

    pub fn not_authorized(message: impl Into<String>) -> Self {
        Self::new("NotAuthorizedException", message)
    }

    /// The answer for a wrong password and, with PreventUserExistenceErrors,
    /// for an unknown user: the two must be indistinguishable.
    pub fn incorrect_credentials() -> Self {
        Self::not_authorized("Incorrect username or password.")
    }

    pub fn resource_not_found(message: impl Into<String>) -> Self {
        Self::new("ResourceNotFoundException", message)
    }

    pub fn user_not_found() -> Self {
        Self::new("UserNotFoundException", "User does not exist.")
    }

    pub fn code_mismatch() -> Self {
        Self::new(
            "CodeMismatchException",
            "Invalid verification code provided, please try again.",
        )
    }

    pub fn expired_code() -> Self {
        Self::new(
            "ExpiredCodeException",
            "Invalid code provided, please request a code again.",
        )
    }

    pub fn session_expired() -> Self {
        Self::not_authorized("Invalid session for the user, session is expired.")
    }

    pub fn invalid_session() -> Self {
        Self::not_authorized("Invalid session for the user.")
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new("InternalErrorException", message).with_status(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.kind, self.message)
    }
}

impl std::error::Error for ApiError {}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "__type": self.kind, "message": self.message });
        let mut response = (self.status, body.to_string()).into_response();
        let headers = response.headers_mut();
        headers.insert(
            "content-type",
            HeaderValue::from_static("application/x-amz-json-1.1"),
        );
        if let Ok(kind) = HeaderValue::from_str(self.kind) {
            headers.insert("x-amzn-errortype", kind);
        }
        response
    }
}
