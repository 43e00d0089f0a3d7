//! Self-service calls: password recovery (by name, with SECRET_HASH) and
//! everything the signed-in user does to their own account (with the
//! access token). A second `impl Gateway` block beside the sign-in calls.

use std::collections::BTreeMap;

use secrecy::{ExposeSecret, SecretString};

use super::{CognitoError, Gateway, Result, attribute};
use crate::domain::{OtpCode, Password};

/// Where a verification code went, as Cognito reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeDelivery {
    /// `email` or `phone_number`.
    pub attribute: String,
    /// Masked by Cognito (`j***@e***`).
    pub destination: String,
}

/// ChangePassword answers NotAuthorizedException both for a wrong previous
/// password and for a dead access token; only the latter talks about the
/// token (Cognito: "Access Token has been revoked"/"…expired"/"Invalid
/// Access Token"; moto puts the token itself in the message).
fn change_password_error(error: CognitoError) -> CognitoError {
    match error {
        CognitoError::SessionEnded(message) => {
            let lower = message.to_ascii_lowercase();
            if message.starts_with("eyJ") {
                // Never carry a token into a log line.
                CognitoError::SessionEnded("access token refused".into())
            } else if lower.contains("token") {
                CognitoError::SessionEnded(message)
            } else {
                CognitoError::IncorrectCredentials
            }
        }
        other => other,
    }
}

/// Writing attributes the client may not write (or immutable ones) is a
/// NotAuthorizedException too; only token trouble ends the session.
fn attribute_write_error(error: CognitoError) -> CognitoError {
    match error {
        CognitoError::SessionEnded(message)
            if !message.to_ascii_lowercase().contains("token") && !message.starts_with("eyJ") =>
        {
            CognitoError::InvalidParameter(message)
        }
        CognitoError::SessionEnded(message) if message.starts_with("eyJ") => {
            CognitoError::SessionEnded("access token refused".into())
        }
        other => other,
    }
}

impl Gateway {
    /// Sends a password-reset code. With PreventUserExistenceErrors an
    /// unknown name succeeds too (Cognito pretends); callers hide the other
    /// answers that would reveal an account.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ForgotPassword.html>
    pub async fn forgot_password(&self, username: &str) -> Result<Option<String>> {
        let output = self
            .client
            .forgot_password()
            .client_id(&self.client_id)
            .username(username)
            .set_secret_hash(self.hash(username))
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk("ForgotPassword", e))?;
        Ok(output
            .code_delivery_details()
            .and_then(|d| d.destination())
            .map(str::to_owned))
    }

    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmForgotPassword.html>
    pub async fn confirm_forgot_password(
        &self,
        username: &str,
        code: &OtpCode,
        password: &Password,
    ) -> Result<()> {
        self.client
            .confirm_forgot_password()
            .client_id(&self.client_id)
            .username(username)
            .confirmation_code(code.as_str())
            .password(password.secret().expose_secret())
            .set_secret_hash(self.hash(username))
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk("ConfirmForgotPassword", e))?;
        Ok(())
    }

    /// A wrong `previous` password is `IncorrectCredentials`; a dead token
    /// is `SessionEnded`.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ChangePassword.html>
    pub async fn change_password(
        &self,
        access_token: &SecretString,
        previous: &Password,
        proposed: &Password,
    ) -> Result<()> {
        self.client
            .change_password()
            .access_token(access_token.expose_secret())
            .previous_password(previous.secret().expose_secret())
            .proposed_password(proposed.secret().expose_secret())
            .send()
            .await
            .map_err(|e| change_password_error(CognitoError::from_sdk("ChangePassword", e)))?;
        Ok(())
    }

    /// Writes attributes; returns where verification codes went (a changed
    /// email or phone in a pool that verifies it).
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserAttributes.html>
    pub async fn update_attributes(
        &self,
        access_token: &SecretString,
        attributes: &BTreeMap<String, String>,
    ) -> Result<Vec<CodeDelivery>> {
        let mut request = self
            .client
            .update_user_attributes()
            .access_token(access_token.expose_secret());
        for (name, value) in attributes {
            request = request.user_attributes(attribute(name, value)?);
        }
        let output = request.send().await.map_err(|e| {
            attribute_write_error(CognitoError::from_sdk("UpdateUserAttributes", e))
        })?;
        Ok(output
            .code_delivery_details_list()
            .iter()
            .map(|d| CodeDelivery {
                attribute: d.attribute_name().unwrap_or_default().to_owned(),
                destination: d.destination().unwrap_or_default().to_owned(),
            })
            .collect())
    }

    /// Removes optional attributes the user emptied.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUserAttributes.html>
    pub async fn delete_attributes(
        &self,
        access_token: &SecretString,
        names: &[String],
    ) -> Result<()> {
        self.client
            .delete_user_attributes()
            .access_token(access_token.expose_secret())
            .set_user_attribute_names(Some(names.to_vec()))
            .send()
            .await
            .map_err(|e| {
                attribute_write_error(CognitoError::from_sdk("DeleteUserAttributes", e))
            })?;
        Ok(())
    }

    /// Sends a (new) code for `attribute` (`email` or `phone_number`).
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUserAttributeVerificationCode.html>
    pub async fn attribute_verification_code(
        &self,
        access_token: &SecretString,
        attribute: &str,
    ) -> Result<Option<String>> {
        let output = self
            .client
            .get_user_attribute_verification_code()
            .access_token(access_token.expose_secret())
            .attribute_name(attribute)
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk("GetUserAttributeVerificationCode", e))?;
        Ok(output
            .code_delivery_details()
            .and_then(|d| d.destination())
            .map(str::to_owned))
    }

    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_VerifyUserAttribute.html>
    pub async fn verify_attribute(
        &self,
        access_token: &SecretString,
        attribute: &str,
        code: &OtpCode,
    ) -> Result<()> {
        self.client
            .verify_user_attribute()
            .access_token(access_token.expose_secret())
            .attribute_name(attribute)
            .code(code.as_str())
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk("VerifyUserAttribute", e))?;
        Ok(())
    }

    /// Deletes the signed-in user's account.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUser.html>
    pub async fn delete_user(&self, access_token: &SecretString) -> Result<()> {
        self.client
            .delete_user()
            .access_token(access_token.expose_secret())
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk("DeleteUser", e))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrong_previous_password_is_not_a_session_end() {
        let wrong = CognitoError::from_exception(
            "ChangePassword",
            "NotAuthorizedException",
            "Incorrect username or password.",
        );
        assert!(matches!(
            change_password_error(wrong),
            CognitoError::IncorrectCredentials
        ));
        let revoked = CognitoError::from_exception(
            "ChangePassword",
            "NotAuthorizedException",
            "Access Token has been revoked",
        );
        assert!(matches!(
            change_password_error(revoked),
            CognitoError::SessionEnded(_)
        ));
    }
}
