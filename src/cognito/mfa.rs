//! Multi-factor authentication: the methods Cognito knows, enrolling an
//! authenticator app (during a sign-in's MFA_SETUP challenge, or later by
//! access token) and the user's MFA preferences.

use aws_sdk_cognitoidentityprovider::types::{
    EmailMfaSettingsType, SmsMfaSettingsType, SoftwareTokenMfaSettingsType,
    VerifySoftwareTokenResponseType,
};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use super::errors::{CognitoError, Operation};
use super::gateway::{Gateway, Result};
use crate::domain::OtpCode;

/// One MFA method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Factor {
    /// An authenticator app (TOTP), `SOFTWARE_TOKEN_MFA`.
    Totp,
    /// A code by text message, `SMS_MFA`.
    Sms,
    /// A code by email, `EMAIL_OTP`.
    Email,
}

impl Factor {
    pub const ALL: [Factor; 3] = [Factor::Totp, Factor::Sms, Factor::Email];

    /// The name Cognito uses in challenges and MFA settings.
    pub(crate) fn cognito_name(self) -> &'static str {
        match self {
            Factor::Totp => "SOFTWARE_TOKEN_MFA",
            Factor::Sms => "SMS_MFA",
            Factor::Email => "EMAIL_OTP",
        }
    }

    pub(crate) fn from_cognito(name: &str) -> Option<Self> {
        match name {
            "SOFTWARE_TOKEN_MFA" => Some(Factor::Totp),
            "SMS_MFA" => Some(Factor::Sms),
            "EMAIL_OTP" | "EMAIL_MFA" => Some(Factor::Email),
            _ => None,
        }
    }

    /// Stable id used in form values, settings and message ids.
    pub fn id(self) -> &'static str {
        match self {
            Factor::Totp => "totp",
            Factor::Sms => "sms",
            Factor::Email => "email",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Factor::ALL.into_iter().find(|f| f.id() == id.trim())
    }
}

/// Who is enrolling: a user in the middle of signing in (the challenge
/// session) or a signed-in user (the access token).
pub enum Enrolment<'a> {
    Session(&'a SecretString),
    AccessToken(&'a SecretString),
}

/// A new authenticator-app secret, and the session to continue with when
/// enrolling during sign-in.
pub struct TotpSecret {
    pub secret: SecretString,
    pub session: Option<SecretString>,
}

/// A change to the user's MFA settings.
pub struct Preference {
    pub factor: Factor,
    pub enabled: bool,
    pub preferred: bool,
}

impl Gateway {
    /// Starts enrolling an authenticator app.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AssociateSoftwareToken.html>
    pub async fn associate_software_token(&self, who: Enrolment<'_>) -> Result<TotpSecret> {
        let operation = Operation::AssociateSoftwareToken;
        let request = self.client.associate_software_token();
        let request = match who {
            Enrolment::Session(session) => request.session(session.expose_secret()),
            Enrolment::AccessToken(token) => request.access_token(token.expose_secret()),
        };
        let output = request
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk(operation, e))?;
        let secret = output
            .secret_code()
            .ok_or_else(|| CognitoError::unexpected(operation, "no secret in the answer"))?;
        Ok(TotpSecret {
            secret: SecretString::from(secret.to_owned()),
            session: output.session().map(|s| SecretString::from(s.to_owned())),
        })
    }

    /// Proves the app was set up by checking its first code. Returns the
    /// session to finish an MFA_SETUP challenge with, when enrolling by session.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_VerifySoftwareToken.html>
    pub async fn verify_software_token(
        &self,
        who: Enrolment<'_>,
        code: &OtpCode,
        device_name: Option<&str>,
    ) -> Result<Option<SecretString>> {
        let operation = Operation::VerifySoftwareToken;
        let request = self
            .client
            .verify_software_token()
            .user_code(code.as_str())
            .set_friendly_device_name(device_name.map(str::to_owned));
        let request = match who {
            Enrolment::Session(session) => request.session(session.expose_secret()),
            Enrolment::AccessToken(token) => request.access_token(token.expose_secret()),
        };
        let output = request
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk(operation, e))?;
        if output.status() != Some(&VerifySoftwareTokenResponseType::Success) {
            return Err(CognitoError::CodeMismatch);
        }
        Ok(output.session().map(|s| SecretString::from(s.to_owned())))
    }

    /// Turns a method on or off, and sets the preferred one.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserMFAPreference.html>
    pub async fn set_mfa_preference(
        &self,
        access_token: &SecretString,
        change: Preference,
    ) -> Result<()> {
        let request = self
            .client
            .set_user_mfa_preference()
            .access_token(access_token.expose_secret());
        let (enabled, preferred) = (change.enabled, change.enabled && change.preferred);
        let request = match change.factor {
            Factor::Totp => request.software_token_mfa_settings(
                SoftwareTokenMfaSettingsType::builder()
                    .enabled(enabled)
                    .preferred_mfa(preferred)
                    .build(),
            ),
            Factor::Sms => request.sms_mfa_settings(
                SmsMfaSettingsType::builder()
                    .enabled(enabled)
                    .preferred_mfa(preferred)
                    .build(),
            ),
            Factor::Email => request.email_mfa_settings(
                EmailMfaSettingsType::builder()
                    .enabled(enabled)
                    .preferred_mfa(preferred)
                    .build(),
            ),
        };
        request
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk(Operation::SetUserMfaPreference, e))?;
        Ok(())
    }
}
