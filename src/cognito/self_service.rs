//! What people do for themselves: sign up and confirm, recover a password
//! (by name, with SECRET_HASH), and everything a signed-in user does to
//! their own account (with the access token).

use std::collections::BTreeMap;

use aws_sdk_cognitoidentityprovider::error::ProvideErrorMetadata as _;
use secrecy::{ExposeSecret, SecretString};

use super::errors::{CognitoError, Operation};
use super::gateway::{Gateway, Result, attribute, destination};
use super::mfa::Factor;
use crate::domain::{ContactAttribute, NewPassword, OtpCode, Password};

/// What GetUser says about the signed-in user.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct UserProfile {
    pub username: String,
    pub attributes: BTreeMap<String, String>,
    /// MFA methods turned on for the user.
    pub mfa_enabled: Vec<Factor>,
    pub mfa_preferred: Option<Factor>,
}

/// What SignUp answers.
pub struct SignedUp {
    /// Where the code went, masked, if Cognito says.
    pub destination: Option<String>,
    /// For ConfirmSignUp, to sign the user in once confirmed.
    pub session: Option<SecretString>,
}

/// Where a verification code went, as Cognito reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeDelivery {
    /// `email` or `phone_number`.
    pub attribute: String,
    /// Masked by Cognito (`j***@e***`).
    pub destination: String,
}

impl Gateway {
    /// Registers a new user. Returns where the confirmation code went
    /// (masked), if Cognito says, and the session that lets ConfirmSignUp
    /// sign the user in.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SignUp.html>
    /// Without a `password` where the pool lets codes or passkeys sign in
    /// (its AllowedFirstAuthFactors).
    pub async fn sign_up(
        &self,
        username: &str,
        password: Option<&NewPassword>,
        attributes: &BTreeMap<String, String>,
    ) -> Result<SignedUp> {
        let operation = Operation::SignUp;
        let mut request = self
            .client
            .sign_up()
            .client_id(&self.app.client_id)
            .username(username)
            .set_password(password.map(|p| p.secret().expose_secret().to_owned()))
            .set_secret_hash(self.secret_hash(username));
        for (name, value) in attributes {
            request = request.user_attributes(attribute(operation, name, value)?);
        }
        let output = request
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk(operation, e))?;
        Ok(SignedUp {
            destination: destination(output.code_delivery_details()),
            session: output.session().map(|s| SecretString::from(s.to_owned())),
        })
    }

    /// Confirms the sign-up with its code. Given SignUp's `session`, the
    /// answer carries a session that signs the user in
    /// (`sign_in_after_sign_up`). A session the pool no longer accepts
    /// (it lasts minutes, a code a day) does not stop the confirmation:
    /// it is tried again without.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmSignUp.html>
    pub async fn confirm_sign_up(
        &self,
        username: &str,
        code: &OtpCode,
        session: Option<&SecretString>,
    ) -> Result<Option<SecretString>> {
        let send = |session: Option<&SecretString>| {
            self.client
                .confirm_sign_up()
                .client_id(&self.app.client_id)
                .username(username)
                .confirmation_code(code.as_str())
                .set_secret_hash(self.secret_hash(username))
                .set_session(session.map(|s| s.expose_secret().to_owned()))
                .send()
        };
        let output = match send(session).await {
            Err(e)
                if session.is_some()
                    && matches!(
                        CognitoError::from_exception(
                            Operation::ConfirmSignUp,
                            e.code().unwrap_or_default(),
                            e.message().unwrap_or_default()
                        ),
                        CognitoError::SessionEnded(_)
                    ) =>
            {
                send(None).await
            }
            other => other,
        }
        .map_err(|e| CognitoError::from_sdk(Operation::ConfirmSignUp, e))?;
        Ok(output.session().map(|s| SecretString::from(s.to_owned())))
    }

    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ResendConfirmationCode.html>
    pub async fn resend_confirmation_code(&self, username: &str) -> Result<Option<String>> {
        let output = self
            .client
            .resend_confirmation_code()
            .client_id(&self.app.client_id)
            .username(username)
            .set_secret_hash(self.secret_hash(username))
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk(Operation::ResendConfirmationCode, e))?;
        Ok(destination(output.code_delivery_details()))
    }

    /// Sends a password-reset code. With PreventUserExistenceErrors an
    /// unknown name succeeds too (Cognito pretends); callers hide the other
    /// answers that would reveal an account.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ForgotPassword.html>
    pub async fn forgot_password(&self, username: &str) -> Result<Option<String>> {
        let output = self
            .client
            .forgot_password()
            .client_id(&self.app.client_id)
            .username(username)
            .set_secret_hash(self.secret_hash(username))
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk(Operation::ForgotPassword, e))?;
        Ok(destination(output.code_delivery_details()))
    }

    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmForgotPassword.html>
    pub async fn confirm_forgot_password(
        &self,
        username: &str,
        code: &OtpCode,
        password: &NewPassword,
    ) -> Result<()> {
        self.client
            .confirm_forgot_password()
            .client_id(&self.app.client_id)
            .username(username)
            .confirmation_code(code.as_str())
            .password(password.secret().expose_secret())
            .set_secret_hash(self.secret_hash(username))
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk(Operation::ConfirmForgotPassword, e))?;
        Ok(())
    }

    /// A wrong `previous` password is `IncorrectCredentials`; a dead token
    /// is `SessionEnded`.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ChangePassword.html>
    pub async fn change_password(
        &self,
        access_token: &SecretString,
        previous: &Password,
        proposed: &NewPassword,
    ) -> Result<()> {
        self.client
            .change_password()
            .access_token(access_token.expose_secret())
            .previous_password(previous.secret().expose_secret())
            .proposed_password(proposed.secret().expose_secret())
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk(Operation::ChangePassword, e))?;
        Ok(())
    }

    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUser.html>
    pub async fn get_user(&self, access_token: &SecretString) -> Result<UserProfile> {
        let output = self
            .client
            .get_user()
            .access_token(access_token.expose_secret())
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk(Operation::GetUser, e))?;
        Ok(UserProfile {
            mfa_enabled: output
                .user_mfa_setting_list()
                .iter()
                .filter_map(|name| Factor::from_cognito(name))
                .collect(),
            mfa_preferred: output
                .preferred_mfa_setting()
                .and_then(Factor::from_cognito),
            username: output.username().to_owned(),
            attributes: output
                .user_attributes()
                .iter()
                .map(|a| {
                    (
                        a.name().to_owned(),
                        a.value().unwrap_or_default().to_owned(),
                    )
                })
                .collect(),
        })
    }

    /// Writes attributes; returns where verification codes went (a changed
    /// email or phone in a pool that verifies it).
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserAttributes.html>
    pub async fn update_attributes(
        &self,
        access_token: &SecretString,
        attributes: &BTreeMap<String, String>,
    ) -> Result<Vec<CodeDelivery>> {
        let operation = Operation::UpdateUserAttributes;
        let mut request = self
            .client
            .update_user_attributes()
            .access_token(access_token.expose_secret());
        for (name, value) in attributes {
            request = request.user_attributes(attribute(operation, name, value)?);
        }
        let output = request
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk(operation, e))?;
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
            .map_err(|e| CognitoError::from_sdk(Operation::DeleteUserAttributes, e))?;
        Ok(())
    }

    /// Sends a (new) code for an email or phone number.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUserAttributeVerificationCode.html>
    pub async fn attribute_verification_code(
        &self,
        access_token: &SecretString,
        attribute: ContactAttribute,
    ) -> Result<Option<String>> {
        let output = self
            .client
            .get_user_attribute_verification_code()
            .access_token(access_token.expose_secret())
            .attribute_name(attribute.name())
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk(Operation::GetUserAttributeVerificationCode, e))?;
        Ok(destination(output.code_delivery_details()))
    }

    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_VerifyUserAttribute.html>
    pub async fn verify_attribute(
        &self,
        access_token: &SecretString,
        attribute: ContactAttribute,
        code: &OtpCode,
    ) -> Result<()> {
        self.client
            .verify_user_attribute()
            .access_token(access_token.expose_secret())
            .attribute_name(attribute.name())
            .code(code.as_str())
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk(Operation::VerifyUserAttribute, e))?;
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
            .map_err(|e| CognitoError::from_sdk(Operation::DeleteUser, e))?;
        Ok(())
    }
}
