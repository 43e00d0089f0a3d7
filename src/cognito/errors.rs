//! One error type for everything the user pool can answer, mapped from
//! the SDK in one place.
//!
//! Cognito reuses exception names across operations (a wrong password and
//! a revoked token are both `NotAuthorizedException`), so the mapping
//! takes the operation into account; what each variant means for a
//! visitor is decided by each flow's own error enum, not here.

use aws_sdk_cognitoidentityprovider::config::http::HttpResponse;
use aws_sdk_cognitoidentityprovider::error::{ProvideErrorMetadata, SdkError};

/// The user-pool operations Threshold calls, for the mapping and the logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    SignUp,
    ConfirmSignUp,
    ResendConfirmationCode,
    InitiateAuth,
    RespondToAuthChallenge,
    /// InitiateAuth with `REFRESH_TOKEN_AUTH`.
    RefreshTokenAuth,
    ForgotPassword,
    ConfirmForgotPassword,
    ChangePassword,
    GetUser,
    UpdateUserAttributes,
    DeleteUserAttributes,
    GetUserAttributeVerificationCode,
    VerifyUserAttribute,
    DeleteUser,
    RevokeToken,
    GlobalSignOut,
    AssociateSoftwareToken,
    VerifySoftwareToken,
    SetUserMfaPreference,
    StartWebAuthnRegistration,
    CompleteWebAuthnRegistration,
    ListWebAuthnCredentials,
    DeleteWebAuthnCredential,
    ConfirmDevice,
    UpdateDeviceStatus,
    ListDevices,
    ForgetDevice,
    /// Any operation that needs AWS credentials (pools, clients, admin
    /// user management); the name is the API's.
    Admin(&'static str),
    /// Reading and checking the tokens of a successful sign-in.
    Tokens,
}

impl Operation {
    /// The API name, for logs.
    pub fn name(self) -> &'static str {
        match self {
            Self::SignUp => "SignUp",
            Self::ConfirmSignUp => "ConfirmSignUp",
            Self::ResendConfirmationCode => "ResendConfirmationCode",
            Self::InitiateAuth => "InitiateAuth",
            Self::RespondToAuthChallenge => "RespondToAuthChallenge",
            Self::RefreshTokenAuth => "InitiateAuth(REFRESH_TOKEN_AUTH)",
            Self::ForgotPassword => "ForgotPassword",
            Self::ConfirmForgotPassword => "ConfirmForgotPassword",
            Self::ChangePassword => "ChangePassword",
            Self::GetUser => "GetUser",
            Self::UpdateUserAttributes => "UpdateUserAttributes",
            Self::DeleteUserAttributes => "DeleteUserAttributes",
            Self::GetUserAttributeVerificationCode => "GetUserAttributeVerificationCode",
            Self::VerifyUserAttribute => "VerifyUserAttribute",
            Self::DeleteUser => "DeleteUser",
            Self::RevokeToken => "RevokeToken",
            Self::GlobalSignOut => "GlobalSignOut",
            Self::AssociateSoftwareToken => "AssociateSoftwareToken",
            Self::VerifySoftwareToken => "VerifySoftwareToken",
            Self::SetUserMfaPreference => "SetUserMFAPreference",
            Self::StartWebAuthnRegistration => "StartWebAuthnRegistration",
            Self::CompleteWebAuthnRegistration => "CompleteWebAuthnRegistration",
            Self::ListWebAuthnCredentials => "ListWebAuthnCredentials",
            Self::DeleteWebAuthnCredential => "DeleteWebAuthnCredential",
            Self::ConfirmDevice => "ConfirmDevice",
            Self::UpdateDeviceStatus => "UpdateDeviceStatus",
            Self::ListDevices => "ListDevices",
            Self::ForgetDevice => "ForgetDevice",
            Self::Admin(name) => name,
            Self::Tokens => "verifying tokens",
        }
    }
}

impl std::fmt::Display for Operation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CognitoError {
    /// A wrong password, or an unknown user (Cognito does not tell them
    /// apart when PreventUserExistenceErrors is on, and neither do we).
    #[error("incorrect username or password")]
    IncorrectCredentials,
    /// Too many wrong passwords: Cognito locks sign-in for a while (one
    /// second after the fifth, doubling to about 15 minutes) and answers
    /// "Password attempts exceeded", even to the right password.
    /// <https://docs.aws.amazon.com/cognito/latest/developerguide/authentication.html#authentication-flow-lockout-behavior>
    #[error("password attempts exceeded")]
    PasswordAttemptsExceeded,
    /// The right temporary password, but spent or expired: it starts one
    /// NEW_PASSWORD_REQUIRED challenge ("valid only once") and lasts the
    /// pool's TemporaryPasswordValidityDays; an administrator must send a
    /// new one.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminCreateUser.html>
    #[error("temporary password spent or expired")]
    TemporaryPasswordSpent,
    /// The account exists but its sign-up was never confirmed. Only
    /// reported after the password was proven, so it reveals nothing.
    #[error("user is not confirmed")]
    UserNotConfirmed,
    /// Cognito requires a password reset before sign-in.
    #[error("password reset required")]
    PasswordResetRequired,
    /// The name or address belongs to another account (`UsernameExists`,
    /// `AliasExists`), or a group of that name exists (`GroupExists`).
    /// Flows never show this to the visitor.
    #[error("username or alias exists")]
    AlreadyTaken,
    #[error("code mismatch")]
    CodeMismatch,
    #[error("code expired")]
    ExpiredCode,
    #[error("too many failed attempts")]
    TooManyFailedAttempts,
    /// Throttled (`TooManyRequestsException`).
    #[error("rate limited")]
    TooManyRequests,
    /// An attempt limit of the pool (`LimitExceededException`): too many
    /// codes asked for or entered within the hour, too many password
    /// changes. Where a decoy could not meet it, flows answer it as the
    /// decoy would.
    #[error("limit exceeded")]
    LimitExceeded,
    /// The password breaks the pool's policy; the text is Cognito's.
    #[error("password does not meet the policy: {0}")]
    InvalidPassword(String),
    /// The tokens or the challenge session are no longer valid (revoked,
    /// expired, signed out elsewhere).
    #[error("not authorized: {0}")]
    SessionEnded(String),
    /// A passkey operation refused for a reason of its own (the
    /// `WebAuthn*Exception`s).
    #[error("passkey: {0:?}")]
    Passkey(PasskeyProblem),
    /// A device the request names does not exist
    /// (`ResourceNotFoundException`): forgotten already, say.
    #[error("not found: {0}")]
    NotFound(String),
    /// A parameter, or an attribute this client may not write, refused.
    #[error("invalid parameter: {0}")]
    InvalidParameter(String),
    /// The pool could not be reached or failed on its side: no answer in
    /// time (after the SDK's bounded retries), a connection refused, a
    /// 5xx. Visitors are told to try again in a moment.
    #[error("the user pool is unavailable in {operation}: {detail}")]
    Unavailable {
        operation: Operation,
        detail: String,
    },
    /// Anything else: configuration, an exception we did not expect.
    /// Logged with its cause.
    #[error("unexpected answer from the user pool in {operation}: {detail}")]
    Unexpected {
        operation: Operation,
        detail: String,
    },
}

/// Why the pool refused a passkey operation.
/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CompleteWebAuthnRegistration.html>
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasskeyProblem {
    /// The pool has no passkey configuration, or it does not fit this
    /// site (`WebAuthnNotEnabledException`,
    /// `WebAuthnConfigurationMissingException`,
    /// `WebAuthnRelyingPartyMismatchException`,
    /// `WebAuthnOriginNotAllowedException`,
    /// `WebAuthnClientMismatchException`): the operator's to fix, logged.
    NotAvailable,
    /// The registration took too long, or was answered twice
    /// (`WebAuthnChallengeNotFoundException`): start again.
    Expired,
    /// The authenticator made a credential the pool does not accept
    /// (`WebAuthnCredentialNotSupportedException`).
    NotSupported,
}

impl CognitoError {
    pub(crate) fn unexpected(operation: Operation, detail: impl Into<String>) -> Self {
        Self::Unexpected {
            operation,
            detail: detail.into(),
        }
    }

    /// Maps an SDK error by its exception name. The one place SDK errors
    /// become project errors.
    pub(crate) fn from_sdk<E>(operation: Operation, err: SdkError<E, HttpResponse>) -> Self
    where
        E: ProvideErrorMetadata + std::error::Error + 'static,
    {
        let detail =
            || aws_sdk_cognitoidentityprovider::error::DisplayErrorContext(&err).to_string();
        let server_failed = matches!(&err, SdkError::ServiceError(e) if e.raw().status().is_server_error())
            || matches!(&err, SdkError::ResponseError(_));
        match err.code() {
            _ if matches!(
                &err,
                SdkError::DispatchFailure(_) | SdkError::TimeoutError(_)
            ) || server_failed =>
            {
                Self::Unavailable {
                    operation,
                    detail: detail(),
                }
            }
            Some(code) => Self::from_exception(operation, code, err.message().unwrap_or_default()),
            None => Self::unexpected(operation, detail()),
        }
    }

    /// The mapping itself, by Cognito exception name (the `__type` of the
    /// JSON error), free of SDK types so it can be tested directly.
    pub fn from_exception(operation: Operation, code: &str, message: &str) -> Self {
        // Some servers (moto) put the token itself in the message; a token
        // must never reach a log line.
        let message = if message.contains("eyJ") {
            "[a message quoting a token]"
        } else {
            message
        };
        let about_token = || {
            let lower = message.to_ascii_lowercase();
            lower.contains("token") || lower.contains("session")
        };
        match code {
            // A wrong client secret, or none for a client that has one
            // ("Unable to verify secret hash for client …"): the operator's
            // configuration, not the visitor's password, so it is logged
            // as unexpected instead of shown as a wrong password.
            "NotAuthorizedException" if message.to_ascii_lowercase().contains("secret") => {
                Self::unexpected(operation, message)
            }
            "NotAuthorizedException" => match operation {
                Operation::InitiateAuth | Operation::RespondToAuthChallenge
                    if message.contains("Password attempts exceeded") =>
                {
                    Self::PasswordAttemptsExceeded
                }
                Operation::InitiateAuth | Operation::RespondToAuthChallenge
                    if message.contains("Temporary password has expired") =>
                {
                    Self::TemporaryPasswordSpent
                }
                // The same exception covers a wrong password, a revoked
                // token and an expired challenge session.
                Operation::InitiateAuth | Operation::RespondToAuthChallenge if !about_token() => {
                    Self::IncorrectCredentials
                }
                // A wrong previous password, unless the token is the problem.
                Operation::ChangePassword if !about_token() => Self::IncorrectCredentials,
                // Writing an attribute the client may not write (or an
                // immutable one).
                Operation::UpdateUserAttributes | Operation::DeleteUserAttributes
                    if !about_token() =>
                {
                    Self::InvalidParameter(message.to_owned())
                }
                _ => Self::SessionEnded(message.to_owned()),
            },
            // Cognito reports a wrong first authenticator code this way.
            "EnableSoftwareTokenMFAException" if operation == Operation::VerifySoftwareToken => {
                Self::CodeMismatch
            }
            "UserNotFoundException" => Self::IncorrectCredentials,
            "UserNotConfirmedException" => Self::UserNotConfirmed,
            "PasswordResetRequiredException" => Self::PasswordResetRequired,
            "UsernameExistsException" | "AliasExistsException" | "GroupExistsException" => {
                Self::AlreadyTaken
            }
            "CodeMismatchException" => Self::CodeMismatch,
            "ExpiredCodeException" => Self::ExpiredCode,
            "TooManyFailedAttemptsException" => Self::TooManyFailedAttempts,
            "TooManyRequestsException" => Self::TooManyRequests,
            "LimitExceededException" => Self::LimitExceeded,
            "InvalidPasswordException" => Self::InvalidPassword(message.to_owned()),
            "InvalidParameterException" => Self::InvalidParameter(message.to_owned()),
            "WebAuthnChallengeNotFoundException" => Self::Passkey(PasskeyProblem::Expired),
            "WebAuthnCredentialNotSupportedException" => {
                Self::Passkey(PasskeyProblem::NotSupported)
            }
            "WebAuthnNotEnabledException"
            | "WebAuthnConfigurationMissingException"
            | "WebAuthnRelyingPartyMismatchException"
            | "WebAuthnOriginNotAllowedException"
            | "WebAuthnClientMismatchException" => {
                tracing::warn!(%operation, exception = code, %message, "the pool refused passkeys: check its WebAuthnConfiguration");
                Self::Passkey(PasskeyProblem::NotAvailable)
            }
            // Only for devices: elsewhere (a pool or client that is not
            // there) it is the operator's configuration, reported as such.
            "ResourceNotFoundException"
                if matches!(
                    operation,
                    Operation::ConfirmDevice
                        | Operation::UpdateDeviceStatus
                        | Operation::ForgetDevice
                        | Operation::RespondToAuthChallenge
                ) =>
            {
                Self::NotFound(message.to_owned())
            }
            // A remembered device's key the pool no longer knows, sent
            // with the password ("Device does not exist.").
            "ResourceNotFoundException"
                if operation == Operation::InitiateAuth
                    && message.to_ascii_lowercase().contains("device") =>
            {
                Self::NotFound(message.to_owned())
            }
            other => Self::unexpected(operation, format!("{other}: {message}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_user_and_wrong_password_are_the_same_error() {
        let unknown = CognitoError::from_exception(
            Operation::InitiateAuth,
            "UserNotFoundException",
            "User does not exist.",
        );
        let wrong = CognitoError::from_exception(
            Operation::InitiateAuth,
            "NotAuthorizedException",
            "Incorrect username or password.",
        );
        assert!(matches!(unknown, CognitoError::IncorrectCredentials));
        assert!(matches!(wrong, CognitoError::IncorrectCredentials));
    }

    #[test]
    fn a_wrong_client_secret_is_a_configuration_problem_not_a_wrong_password() {
        for operation in [Operation::InitiateAuth, Operation::SignUp] {
            let e = CognitoError::from_exception(
                operation,
                "NotAuthorizedException",
                "Unable to verify secret hash for client 4abc",
            );
            assert!(
                matches!(&e, CognitoError::Unexpected { detail, .. } if detail.contains("secret hash")),
                "{operation}: {e:?}"
            );
        }
    }

    #[test]
    fn a_revoked_token_or_expired_session_is_a_session_end_not_a_wrong_password() {
        let e = CognitoError::from_exception(
            Operation::GetUser,
            "NotAuthorizedException",
            "Access Token has been revoked",
        );
        assert!(matches!(e, CognitoError::SessionEnded(_)));
        let e = CognitoError::from_exception(
            Operation::RespondToAuthChallenge,
            "NotAuthorizedException",
            "Invalid session for the user, session is expired.",
        );
        assert!(matches!(e, CognitoError::SessionEnded(_)));
        let e = CognitoError::from_exception(
            Operation::RefreshTokenAuth,
            "NotAuthorizedException",
            "Refresh Token has been revoked",
        );
        assert!(matches!(e, CognitoError::SessionEnded(_)));
    }

    #[test]
    fn a_wrong_previous_password_is_not_a_session_end() {
        let wrong = CognitoError::from_exception(
            Operation::ChangePassword,
            "NotAuthorizedException",
            "Incorrect username or password.",
        );
        assert!(matches!(wrong, CognitoError::IncorrectCredentials));
        let revoked = CognitoError::from_exception(
            Operation::ChangePassword,
            "NotAuthorizedException",
            "Access Token has been revoked",
        );
        assert!(matches!(revoked, CognitoError::SessionEnded(_)));
    }

    #[test]
    fn an_attribute_the_client_may_not_write_is_an_invalid_parameter() {
        let e = CognitoError::from_exception(
            Operation::UpdateUserAttributes,
            "NotAuthorizedException",
            "A client attempted to write unauthorized attribute",
        );
        assert!(matches!(e, CognitoError::InvalidParameter(_)));
    }

    #[test]
    fn a_wrong_first_authenticator_code_is_a_code_mismatch() {
        let e = CognitoError::from_exception(
            Operation::VerifySoftwareToken,
            "EnableSoftwareTokenMFAException",
            "Code mismatch",
        );
        assert!(matches!(e, CognitoError::CodeMismatch));
    }

    #[test]
    fn a_token_quoted_in_a_message_never_reaches_the_error() {
        let e = CognitoError::from_exception(
            Operation::GetUser,
            "NotAuthorizedException",
            "eyJraWQiOiJrMSJ9.eyJzdWIiOiJ4In0.sig",
        );
        assert!(!e.to_string().contains("eyJ"), "{e}");
    }

    #[test]
    fn exceptions_we_do_not_know_are_unexpected() {
        let e = CognitoError::from_exception(Operation::SignUp, "InternalErrorException", "boom");
        assert!(matches!(e, CognitoError::Unexpected { .. }));
    }
}
