//! Remembered devices, through the AWS SDK and the `aws-cognito-srp`
//! device client (tested against Cognito): a device confirmed and
//! remembered after an MFA sign-in proves itself with device SRP next
//! time, and MFA is skipped; forgotten, MFA is asked again.
//! <https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html>

mod harness;

use aws_cognito_srp::{SrpClient, TrackedDevice, UntrackedDevice};
use aws_sdk_cognitoidentityprovider::error::ProvideErrorMetadata as _;
use aws_sdk_cognitoidentityprovider::types::{
    AuthFlowType, ChallengeNameType, DeviceConfigurationType, DeviceRememberedStatusType,
    DeviceSecretVerifierConfigType, SmsMfaSettingsType,
};

use harness::{Harness, PASSWORD, attr};

const PHONE: &str = "+15555550177";

/// A user with SMS MFA in a pool that tracks devices (remembered only
/// when the user says so); returns their username.
async fn user_with_mfa(h: &Harness, email: &str) -> String {
    h.admin
        .update_user_pool()
        .user_pool_id(&h.pool_id)
        .device_configuration(
            DeviceConfigurationType::builder()
                .challenge_required_on_new_device(true)
                .device_only_remembered_on_user_prompt(true)
                .build(),
        )
        .send()
        .await
        .expect("UpdateUserPool");
    let sub = h.confirmed_user(email).await;
    h.admin
        .admin_update_user_attributes()
        .user_pool_id(&h.pool_id)
        .username(&sub)
        .user_attributes(attr("phone_number", PHONE))
        .user_attributes(attr("phone_number_verified", "true"))
        .send()
        .await
        .expect("AdminUpdateUserAttributes");
    h.admin
        .admin_set_user_mfa_preference()
        .user_pool_id(&h.pool_id)
        .username(&sub)
        .sms_mfa_settings(
            SmsMfaSettingsType::builder()
                .enabled(true)
                .preferred_mfa(true)
                .build(),
        )
        .send()
        .await
        .expect("AdminSetUserMFAPreference");
    sub
}

/// Signs in with the password, naming `device_key` if given; returns the
/// answer (a challenge or tokens).
async fn sign_in(
    h: &Harness,
    email: &str,
    device_key: Option<&str>,
) -> aws_sdk_cognitoidentityprovider::operation::initiate_auth::InitiateAuthOutput {
    let mut request = h
        .user
        .initiate_auth()
        .client_id(&h.client_id)
        .auth_flow(AuthFlowType::UserPasswordAuth)
        .auth_parameters("USERNAME", email)
        .auth_parameters("PASSWORD", PASSWORD)
        .auth_parameters("SECRET_HASH", h.hash(email));
    if let Some(key) = device_key {
        request = request.auth_parameters("DEVICE_KEY", key);
    }
    request.send().await.expect("InitiateAuth")
}

#[tokio::test]
async fn a_remembered_device_skips_mfa_until_it_is_forgotten() {
    let h = Harness::start().await;
    let email = "devices@example.com";
    let username = user_with_mfa(&h, email).await;

    // The first sign-in asks for the texted code, then hands out a device.
    let first = sign_in(&h, email, None).await;
    assert_eq!(first.challenge_name(), Some(&ChallengeNameType::SmsMfa));
    let done = h
        .user
        .respond_to_auth_challenge()
        .client_id(&h.client_id)
        .challenge_name(ChallengeNameType::SmsMfa)
        .session(first.session().expect("session"))
        .challenge_responses("USERNAME", &username)
        .challenge_responses("SECRET_HASH", h.hash(&username))
        .challenge_responses("SMS_MFA_CODE", h.latest_code(PHONE))
        .send()
        .await
        .expect("the texted code");
    let result = done.authentication_result().expect("tokens");
    let access = result.access_token().expect("access token");
    let metadata = result.new_device_metadata().expect("a new device");
    let (key, group) = (
        metadata.device_key().expect("key").to_owned(),
        metadata.device_group_key().expect("group key").to_owned(),
    );

    // Confirmed with the device's own verifier, then remembered.
    let device = SrpClient::new(
        UntrackedDevice::new(&h.pool_id, &group, &key),
        &h.client_id,
        Some(&h.secret),
    );
    let secret = device.get_password_verifier();
    let confirmed = h
        .user
        .confirm_device()
        .access_token(access)
        .device_key(&key)
        .device_name("Test browser")
        .device_secret_verifier_config(
            DeviceSecretVerifierConfigType::builder()
                .password_verifier(&secret.verifier)
                .salt(&secret.salt)
                .build(),
        )
        .send()
        .await
        .expect("ConfirmDevice");
    assert!(confirmed.user_confirmation_necessary());
    h.user
        .update_device_status()
        .access_token(access)
        .device_key(&key)
        .device_remembered_status(DeviceRememberedStatusType::Remembered)
        .send()
        .await
        .expect("UpdateDeviceStatus");
    let listed = h
        .user
        .list_devices()
        .access_token(access)
        .send()
        .await
        .expect("ListDevices");
    assert_eq!(listed.devices().len(), 1);
    assert_eq!(listed.devices()[0].device_key(), Some(key.as_str()));

    // Next time the device proves itself, and no code is texted.
    let texts = h.pool.outbox(Some(PHONE)).len();
    let again = sign_in(&h, email, Some(&key)).await;
    assert_eq!(
        again.challenge_name(),
        Some(&ChallengeNameType::DeviceSrpAuth)
    );
    let tracked = SrpClient::new(
        TrackedDevice::new(&h.pool_id, &group, &key, &secret.password),
        &h.client_id,
        Some(&h.secret),
    );
    let start = tracked.get_auth_parameters();
    let verifier = h
        .user
        .respond_to_auth_challenge()
        .client_id(&h.client_id)
        .challenge_name(ChallengeNameType::DeviceSrpAuth)
        .session(again.session().expect("session"))
        .challenge_responses("USERNAME", &username)
        .challenge_responses("SECRET_HASH", h.hash(&username))
        .challenge_responses("DEVICE_KEY", &key)
        .challenge_responses("SRP_A", &start.a)
        .send()
        .await
        .expect("DEVICE_SRP_AUTH");
    assert_eq!(
        verifier.challenge_name(),
        Some(&ChallengeNameType::DevicePasswordVerifier)
    );
    let params = verifier.challenge_parameters().expect("parameters");
    let proof = tracked
        .verify(&params["SECRET_BLOCK"], &params["SALT"], &params["SRP_B"])
        .expect("device proof");
    let signed_in = h
        .user
        .respond_to_auth_challenge()
        .client_id(&h.client_id)
        .challenge_name(ChallengeNameType::DevicePasswordVerifier)
        .session(verifier.session().expect("session"))
        .challenge_responses("USERNAME", &username)
        .challenge_responses("SECRET_HASH", h.hash(&username))
        .challenge_responses("DEVICE_KEY", &key)
        .challenge_responses(
            "PASSWORD_CLAIM_SECRET_BLOCK",
            &proof.password_claim_secret_block,
        )
        .challenge_responses("PASSWORD_CLAIM_SIGNATURE", &proof.password_claim_signature)
        .challenge_responses("TIMESTAMP", &proof.timestamp)
        .send()
        .await
        .expect("DEVICE_PASSWORD_VERIFIER");
    let result = signed_in.authentication_result().expect("tokens, no MFA");
    assert!(result.new_device_metadata().is_none(), "the same device");
    assert_eq!(
        h.pool.outbox(Some(PHONE)).len(),
        texts,
        "no code was texted"
    );

    // The tokens the device signed in with refresh only with its key.
    let refresh = |key: Option<&str>| {
        let mut request = h
            .user
            .initiate_auth()
            .client_id(&h.client_id)
            .auth_flow(AuthFlowType::RefreshTokenAuth)
            .auth_parameters(
                "REFRESH_TOKEN",
                result.refresh_token().expect("refresh token"),
            )
            .auth_parameters("SECRET_HASH", h.hash(&username));
        if let Some(key) = key {
            request = request.auth_parameters("DEVICE_KEY", key);
        }
        request.send()
    };
    refresh(Some(&key))
        .await
        .expect("refreshed with the device's key");
    let refused = refresh(None).await.expect_err("refused without it");
    assert_eq!(refused.code(), Some("NotAuthorizedException"));

    // Forgotten, the device's key is refused with the password ("Device
    // does not exist"), and without it the device is a stranger: MFA.
    h.user
        .forget_device()
        .access_token(result.access_token().expect("access token"))
        .device_key(&key)
        .send()
        .await
        .expect("ForgetDevice");
    let refused = h
        .user
        .initiate_auth()
        .client_id(&h.client_id)
        .auth_flow(AuthFlowType::UserPasswordAuth)
        .auth_parameters("USERNAME", email)
        .auth_parameters("PASSWORD", PASSWORD)
        .auth_parameters("SECRET_HASH", h.hash(email))
        .auth_parameters("DEVICE_KEY", &key)
        .send()
        .await
        .expect_err("a forgotten device");
    assert_eq!(refused.code(), Some("ResourceNotFoundException"));
    let after = sign_in(&h, email, None).await;
    assert_eq!(after.challenge_name(), Some(&ChallengeNameType::SmsMfa));
}

/// Signs `email` in with the password and the texted code, then confirms
/// and remembers the device that sign-in made; returns its key.
async fn remembered_device(h: &Harness, email: &str, username: &str) -> String {
    let first = sign_in(h, email, None).await;
    let done = h
        .user
        .respond_to_auth_challenge()
        .client_id(&h.client_id)
        .challenge_name(ChallengeNameType::SmsMfa)
        .session(first.session().expect("session"))
        .challenge_responses("USERNAME", username)
        .challenge_responses("SECRET_HASH", h.hash(username))
        .challenge_responses("SMS_MFA_CODE", h.latest_code(PHONE))
        .send()
        .await
        .expect("the texted code");
    let result = done.authentication_result().expect("tokens");
    let access = result.access_token().expect("access token");
    let metadata = result.new_device_metadata().expect("a new device");
    let (key, group) = (
        metadata.device_key().expect("key"),
        metadata.device_group_key().expect("group key"),
    );
    let device = SrpClient::new(
        UntrackedDevice::new(&h.pool_id, group, key),
        &h.client_id,
        Some(&h.secret),
    );
    let secret = device.get_password_verifier();
    h.user
        .confirm_device()
        .access_token(access)
        .device_key(key)
        .device_secret_verifier_config(
            DeviceSecretVerifierConfigType::builder()
                .password_verifier(&secret.verifier)
                .salt(&secret.salt)
                .build(),
        )
        .send()
        .await
        .expect("ConfirmDevice");
    h.user
        .update_device_status()
        .access_token(access)
        .device_key(key)
        .device_remembered_status(DeviceRememberedStatusType::Remembered)
        .send()
        .await
        .expect("UpdateDeviceStatus");
    key.to_owned()
}

/// Cognito takes DEVICE_KEY with USER_SRP_AUTH in InitiateAuth's
/// AuthParameters (and in the PASSWORD_VERIFIER answer); named only in
/// InitiateAuth, the device is still asked to prove itself.
/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html>
#[tokio::test]
async fn an_srp_sign_in_may_name_the_device_in_initiate_auth_alone() {
    let h = Harness::start().await;
    let email = "devices-srp@example.com";
    let username = user_with_mfa(&h, email).await;
    let key = remembered_device(&h, email, &username).await;

    let answer = |named: Option<String>| {
        let h = &h;
        async move {
            let srp = h.srp_client(email, PASSWORD);
            let mut request = h
                .user
                .initiate_auth()
                .client_id(&h.client_id)
                .auth_flow(AuthFlowType::UserSrpAuth)
                .auth_parameters("USERNAME", email)
                .auth_parameters("SRP_A", srp.get_auth_parameters().a)
                .auth_parameters("SECRET_HASH", h.hash(email));
            if let Some(key) = named {
                request = request.auth_parameters("DEVICE_KEY", key);
            }
            let started = request.send().await.expect("InitiateAuth USER_SRP_AUTH");
            let p = started.challenge_parameters().expect("parameters");
            let user_id = &p["USER_ID_FOR_SRP"];
            let proof = srp
                .verify(&p["SECRET_BLOCK"], user_id, &p["SALT"], &p["SRP_B"])
                .expect("proof");
            h.user
                .respond_to_auth_challenge()
                .client_id(&h.client_id)
                .challenge_name(ChallengeNameType::PasswordVerifier)
                .challenge_responses("USERNAME", user_id)
                .challenge_responses("SECRET_HASH", h.hash(user_id))
                .challenge_responses(
                    "PASSWORD_CLAIM_SECRET_BLOCK",
                    &proof.password_claim_secret_block,
                )
                .challenge_responses("PASSWORD_CLAIM_SIGNATURE", &proof.password_claim_signature)
                .challenge_responses("TIMESTAMP", &proof.timestamp)
                .send()
                .await
                .expect("PASSWORD_VERIFIER")
        }
    };
    assert_eq!(
        answer(Some(key)).await.challenge_name(),
        Some(&ChallengeNameType::DeviceSrpAuth)
    );
    assert_eq!(
        answer(None).await.challenge_name(),
        Some(&ChallengeNameType::SmsMfa),
        "without the key, MFA"
    );
}
