//! One error type for everything the user pool can answer.
//!
//! Every SDK error is mapped here, once, by its Cognito exception name, so
//! pages and flows never see SDK types. Each variant documents what the
//! visitor is shown; `message_id` is the stable catalog id for it.

use aws_sdk_cognitoidentityprovider::error::{ProvideErrorMetadata, SdkError};

#[derive(Debug, thiserror::Error)]
pub enum CognitoError {
    /// Wrong password or unknown user (Cognito does not tell them apart
    /// when PreventUserExistenceErrors is on, and neither do we).
    /// Shown: "Incorrect email or password."
    #[error("incorrect username or password")]
    IncorrectCredentials,
    /// The account exists but its sign-up was never confirmed. Only
    /// reported after the password was proven, so it reveals nothing.
    #[error("user is not confirmed")]
    UserNotConfirmed,
    /// Cognito requires a password reset before sign-in.
    #[error("password reset required")]
    PasswordResetRequired,
    /// Sign-up with a name that is taken. Flows hide this from the visitor.
    #[error("username exists")]
    UsernameExists,
    /// Shown: "That code is not right."
    #[error("code mismatch")]
    CodeMismatch,
    /// Shown: "That code has expired."
    #[error("code expired")]
    ExpiredCode,
    /// Shown: "Too many wrong codes. Wait a while, then ask for a new code."
    #[error("too many failed attempts")]
    TooManyFailedAttempts,
    /// Shown: "Too many attempts. Wait a few minutes and try again."
    #[error("rate limited")]
    TooManyRequests,
    /// The password breaks the pool's policy; Cognito's text is logged,
    /// the visitor sees the checklist.
    #[error("password does not meet the policy: {0}")]
    InvalidPassword(String),
    /// The tokens or the challenge session are no longer valid (revoked,
    /// expired, signed out elsewhere). Shown: "Your session has ended."
    #[error("not authorized: {0}")]
    SessionEnded(String),
    /// A parameter Cognito refused; logged, shown as a generic input error.
    #[error("invalid parameter: {0}")]
    InvalidParameter(String),
    /// Anything else: network, configuration, an exception we did not
    /// expect. Logged with its cause; shown: "Something went wrong on our side."
    #[error("unexpected answer from the user pool in {operation}: {detail}")]
    Unexpected {
        operation: &'static str,
        detail: String,
    },
}

impl CognitoError {
    /// The catalog id of the message the visitor sees.
    pub fn message_id(&self) -> &'static str {
        match self {
            Self::IncorrectCredentials => "sign_in.incorrect_credentials",
            Self::UserNotConfirmed => "sign_in.not_confirmed",
            Self::PasswordResetRequired => "sign_in.reset_required",
            Self::UsernameExists => "sign_up.code_sent",
            Self::CodeMismatch => "code.mismatch",
            Self::ExpiredCode => "code.expired",
            Self::TooManyFailedAttempts => "code.too_many_attempts",
            Self::TooManyRequests => "error.rate_limited",
            Self::InvalidPassword(_) => "password.rejected",
            Self::SessionEnded(_) => "session.ended",
            Self::InvalidParameter(_) => "error.invalid_input",
            Self::Unexpected { .. } => "error.unexpected",
        }
    }

    /// Maps an SDK error by exception name. `operation` names the API call
    /// for the log.
    pub fn from_sdk<E, R>(operation: &'static str, err: SdkError<E, R>) -> Self
    where
        E: ProvideErrorMetadata + std::error::Error + 'static,
        R: std::fmt::Debug,
    {
        let code = err.code().map(str::to_owned);
        let message = err.message().unwrap_or_default().to_owned();
        match code.as_deref() {
            Some(code) => Self::from_exception(operation, code, &message),
            None => Self::Unexpected {
                operation,
                detail: format!(
                    "{}",
                    aws_sdk_cognitoidentityprovider::error::DisplayErrorContext(&err)
                ),
            },
        }
    }

    /// The mapping itself, by Cognito exception name (the `__type` of the
    /// JSON error), kept free of SDK types so it can be tested directly.
    pub fn from_exception(operation: &'static str, code: &str, message: &str) -> Self {
        match code {
            "NotAuthorizedException" => {
                // The same exception covers a wrong password, a revoked
                // token and an expired challenge session; only sign-in
                // operations mean the first.
                if matches!(operation, "InitiateAuth" | "RespondToAuthChallenge")
                    && !message.to_ascii_lowercase().contains("session")
                    && !message.to_ascii_lowercase().contains("refresh token")
                {
                    Self::IncorrectCredentials
                } else {
                    Self::SessionEnded(message.to_owned())
                }
            }
            "UserNotFoundException" => Self::IncorrectCredentials,
            "UserNotConfirmedException" => Self::UserNotConfirmed,
            "PasswordResetRequiredException" => Self::PasswordResetRequired,
            "UsernameExistsException" | "AliasExistsException" => Self::UsernameExists,
            "CodeMismatchException" => Self::CodeMismatch,
            "ExpiredCodeException" => Self::ExpiredCode,
            "TooManyFailedAttemptsException" => Self::TooManyFailedAttempts,
            "TooManyRequestsException" | "LimitExceededException" => Self::TooManyRequests,
            "InvalidPasswordException" => Self::InvalidPassword(message.to_owned()),
            "InvalidParameterException" => Self::InvalidParameter(message.to_owned()),
            other => Self::Unexpected {
                operation,
                detail: format!("{other}: {message}"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_user_and_wrong_password_look_the_same() {
        let unknown = CognitoError::from_exception(
            "InitiateAuth",
            "UserNotFoundException",
            "User does not exist.",
        );
        let wrong = CognitoError::from_exception(
            "InitiateAuth",
            "NotAuthorizedException",
            "Incorrect username or password.",
        );
        assert_eq!(unknown.message_id(), wrong.message_id());
        assert_eq!(unknown.message_id(), "sign_in.incorrect_credentials");
    }

    #[test]
    fn a_revoked_token_is_a_session_end_not_a_wrong_password() {
        let e = CognitoError::from_exception(
            "GetUser",
            "NotAuthorizedException",
            "Access Token has been revoked",
        );
        assert_eq!(e.message_id(), "session.ended");
        let e = CognitoError::from_exception(
            "RespondToAuthChallenge",
            "NotAuthorizedException",
            "Invalid session for the user, session is expired.",
        );
        assert_eq!(e.message_id(), "session.ended");
    }

    #[test]
    fn exceptions_we_do_not_know_are_unexpected() {
        let e = CognitoError::from_exception("SignUp", "InternalErrorException", "boom");
        assert_eq!(e.message_id(), "error.unexpected");
    }
}
