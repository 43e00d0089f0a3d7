//! Remembered devices: confirming the device a sign-in made and
//! remembering it, proving a remembered device with device SRP at the
//! next sign-in (so the pool skips MFA), listing and forgetting devices.
//! The device's password is generated here and verified by the pool with
//! SRP, so it never travels; it is handed back as a secret to keep.
//! <https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html>

use std::collections::HashMap;

use aws_cognito_srp::{SrpClient, TrackedDevice, UntrackedDevice};
use aws_sdk_cognitoidentityprovider::types::{
    ChallengeNameType, DeviceRememberedStatusType, DeviceSecretVerifierConfigType, DeviceType,
};
use secrecy::{ExposeSecret, SecretString};

use super::errors::{CognitoError, Operation};
use super::gateway::{Gateway, Result};
pub use super::sign_in::NewDevice;
use super::sign_in::SignInStep;

/// What a browser needs to prove a remembered device: its key, its group
/// and the password only this server knows.
pub struct DeviceSecrets {
    pub device_key: String,
    pub group_key: String,
    pub password: SecretString,
}

impl std::fmt::Debug for DeviceSecrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeviceSecrets")
            .field("device_key", &self.device_key)
            .field("password", &"[redacted]")
            .finish_non_exhaustive()
    }
}

/// A device of the user, as ListDevices tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    pub device_key: String,
    /// The name given at ConfirmDevice (`device_name`), if any.
    pub name: Option<String>,
    /// When it last signed in, in unix seconds.
    pub last_used: Option<i64>,
    /// `dev:device_remembered_status` is `remembered`.
    pub remembered: bool,
}

/// Pages ListDevices is asked for at most (60 devices each, Cognito's
/// largest page): a user with more is shown the first 600.
const MAX_DEVICE_PAGES: usize = 10;

/// The most devices one ListDevices page holds.
/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListDevices.html>
const DEVICE_PAGE: i32 = 60;

impl Gateway {
    /// Confirms the device a sign-in made (ConfirmDevice, with a verifier
    /// for a fresh random device password), without remembering it: a pool
    /// that tracks devices refreshes tokens only for a confirmed device.
    /// The secrets come back for the caller to keep (or drop); the pool only
    /// ever sees the verifier.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmDevice.html>
    pub async fn confirm_device(
        &self,
        access_token: &SecretString,
        device: &NewDevice,
        name: &str,
    ) -> Result<DeviceSecrets> {
        let srp = SrpClient::new(
            UntrackedDevice::new(&self.app.pool_id, &device.group_key, &device.device_key),
            &self.app.client_id,
            self.app.client_secret.as_ref().map(|s| s.expose_secret()),
        );
        // The verifier and salt (base64) go to the pool; the password stays.
        let generated = srp.get_password_verifier();
        let password = SecretString::from(generated.password);
        let confirmed = self
            .client
            .confirm_device()
            .access_token(access_token.expose_secret())
            .device_key(&device.device_key)
            .device_name(name)
            .device_secret_verifier_config(
                DeviceSecretVerifierConfigType::builder()
                    .password_verifier(generated.verifier)
                    .salt(generated.salt)
                    .build(),
            )
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk(Operation::ConfirmDevice, e))?;
        // Without DeviceOnlyRememberedOnUserPrompt the pool remembers every
        // confirmed device itself (`UserConfirmationNecessary` false).
        tracing::debug!(
            user_confirmation_necessary = confirmed.user_confirmation_necessary(),
            "device confirmed"
        );
        Ok(DeviceSecrets {
            device_key: device.device_key.clone(),
            group_key: device.group_key.clone(),
            password,
        })
    }

    /// Remembers a confirmed device: it then signs in without MFA.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateDeviceStatus.html>
    pub async fn remember_device(
        &self,
        access_token: &SecretString,
        device_key: &str,
    ) -> Result<()> {
        self.client
            .update_device_status()
            .access_token(access_token.expose_secret())
            .device_key(device_key)
            .device_remembered_status(DeviceRememberedStatusType::Remembered)
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk(Operation::UpdateDeviceStatus, e))?;
        Ok(())
    }

    /// Every device of the signed-in user, page after page.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListDevices.html>
    pub async fn list_devices(&self, access_token: &SecretString) -> Result<Vec<Device>> {
        let mut devices = Vec::new();
        let mut next: Option<String> = None;
        for _ in 0..MAX_DEVICE_PAGES {
            let output = self
                .client
                .list_devices()
                .access_token(access_token.expose_secret())
                .limit(DEVICE_PAGE)
                .set_pagination_token(next.take())
                .send()
                .await
                .map_err(|e| CognitoError::from_sdk(Operation::ListDevices, e))?;
            devices.extend(output.devices().iter().filter_map(read_device));
            match output.pagination_token() {
                Some(token) if !token.is_empty() => next = Some(token.to_owned()),
                _ => break,
            }
        }
        Ok(devices)
    }

    /// Forgets a device: it is no longer remembered, and its key no longer
    /// skips MFA.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ForgetDevice.html>
    pub async fn forget_device(&self, access_token: &SecretString, device_key: &str) -> Result<()> {
        self.client
            .forget_device()
            .access_token(access_token.expose_secret())
            .device_key(device_key)
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk(Operation::ForgetDevice, e))?;
        Ok(())
    }

    /// Answers DEVICE_SRP_AUTH with the remembered device's secrets:
    /// SRP_A, then the proof for the DEVICE_PASSWORD_VERIFIER challenge
    /// that follows. Tokens, or whatever the pool asks next.
    /// `username` is the real username the challenge named.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html>
    pub async fn answer_device_challenge(
        &self,
        session: &SecretString,
        username: &str,
        device: &DeviceSecrets,
    ) -> Result<SignInStep> {
        let operation = Operation::RespondToAuthChallenge;
        let srp = SrpClient::new(
            TrackedDevice::new(
                &self.app.pool_id,
                &device.group_key,
                &device.device_key,
                device.password.expose_secret(),
            ),
            &self.app.client_id,
            self.app.client_secret.as_ref().map(|s| s.expose_secret()),
        );
        let start = srp.get_auth_parameters();
        let responses = HashMap::from([
            ("USERNAME".to_owned(), username.to_owned()),
            ("DEVICE_KEY".to_owned(), device.device_key.clone()),
            ("SRP_A".to_owned(), start.a),
        ]);
        let output = self
            .client
            .respond_to_auth_challenge()
            .client_id(&self.app.client_id)
            .challenge_name(ChallengeNameType::DeviceSrpAuth)
            .session(session.expose_secret())
            .set_challenge_responses(self.with_secret_hash(username, responses))
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk(operation, e))?;
        if output.challenge_name() != Some(&ChallengeNameType::DevicePasswordVerifier) {
            return Err(CognitoError::unexpected(
                operation,
                format!(
                    "DEVICE_SRP_AUTH answered with {:?}",
                    output.challenge_name().map(|c| c.as_str())
                ),
            ));
        }
        let params = output.challenge_parameters().cloned().unwrap_or_default();
        let get = |key: &str| {
            params.get(key).cloned().ok_or_else(|| {
                CognitoError::unexpected(
                    operation,
                    format!("DEVICE_PASSWORD_VERIFIER without {key}"),
                )
            })
        };
        let proof = srp
            .verify(&get("SECRET_BLOCK")?, &get("SALT")?, &get("SRP_B")?)
            .map_err(|e| CognitoError::unexpected(operation, format!("device SRP: {e}")))?;
        let responses = HashMap::from([
            ("DEVICE_KEY".to_owned(), device.device_key.clone()),
            (
                "PASSWORD_CLAIM_SECRET_BLOCK".to_owned(),
                proof.password_claim_secret_block,
            ),
            (
                "PASSWORD_CLAIM_SIGNATURE".to_owned(),
                proof.password_claim_signature,
            ),
            ("TIMESTAMP".to_owned(), proof.timestamp),
        ]);
        self.send_answer(
            ChallengeNameType::DevicePasswordVerifier,
            output.session(),
            username,
            responses,
        )
        .await
    }
}

/// A device from ListDevices; `None` without a key.
fn read_device(device: &DeviceType) -> Option<Device> {
    let attribute = |name: &str| {
        device
            .device_attributes()
            .iter()
            .find(|a| a.name() == name)
            .and_then(|a| a.value())
    };
    Some(Device {
        device_key: device.device_key()?.to_owned(),
        name: attribute("device_name").map(str::to_owned),
        last_used: device
            .device_last_authenticated_date()
            .or(device.device_last_modified_date())
            .map(|d| d.secs()),
        remembered: attribute("dev:device_remembered_status") == Some("remembered"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_cognitoidentityprovider::primitives::DateTime;
    use aws_sdk_cognitoidentityprovider::types::AttributeType;

    fn attr(name: &str, value: &str) -> AttributeType {
        AttributeType::builder()
            .name(name)
            .value(value)
            .build()
            .expect("a name is set")
    }

    #[test]
    fn a_listed_device_reads_its_name_status_and_last_use() {
        let device = DeviceType::builder()
            .device_key("eu-west-1_abc")
            .device_attributes(attr("device_name", "Firefox on Linux"))
            .device_attributes(attr("dev:device_remembered_status", "remembered"))
            .device_last_authenticated_date(DateTime::from_secs(1_700_000_000))
            .build();
        assert_eq!(
            read_device(&device),
            Some(Device {
                device_key: "eu-west-1_abc".to_owned(),
                name: Some("Firefox on Linux".to_owned()),
                last_used: Some(1_700_000_000),
                remembered: true,
            })
        );
        let forgotten_status = DeviceType::builder()
            .device_key("k")
            .device_attributes(attr("dev:device_remembered_status", "not_remembered"))
            .build();
        assert_eq!(
            read_device(&forgotten_status).map(|d| d.remembered),
            Some(false)
        );
        assert_eq!(read_device(&DeviceType::builder().build()), None);
    }

    #[test]
    fn device_secrets_do_not_print_the_password() {
        let secrets = DeviceSecrets {
            device_key: "k".into(),
            group_key: "g".into(),
            password: SecretString::from("hunter2-device".to_owned()),
        };
        assert!(!format!("{secrets:?}").contains("hunter2"));
    }
}
