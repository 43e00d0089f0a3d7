//! The harness the operation tests share: a local pool provisioned the way
//! the app provisions its development pool, SDK clients for it, and the
//! steps most tests take (sign up, confirm, sign in, enrol a TOTP).
//!
//! Each test file uses part of it, so unused items are expected here.
#![allow(dead_code)]

use std::time::UNIX_EPOCH;

use aws_cognito_srp::{SrpClient, User as SrpUser};
use aws_lc_rs::hmac;
use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::{Credentials, Region};
use aws_sdk_cognitoidentityprovider::operation::initiate_auth::{
    InitiateAuthError, InitiateAuthOutput,
};
use aws_sdk_cognitoidentityprovider::operation::respond_to_auth_challenge::RespondToAuthChallengeError;
use aws_sdk_cognitoidentityprovider::types::{
    AttributeType, AuthFlowType, ChallengeNameType, EmailMfaConfigType, ExplicitAuthFlowsType,
    PasswordPolicyType, PreventUserExistenceErrorTypes, SchemaAttributeType, SmsConfigurationType,
    SmsMfaConfigType, SoftwareTokenMfaConfigType, SoftwareTokenMfaSettingsType, UserPoolMfaType,
    UserPoolPolicyType, UsernameAttributeType, VerifiedAttributeType,
};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use local_pool::{Options, RunningPool};

pub const PASSWORD: &str = "Correct-Horse-1";

pub fn sdk_client(endpoint: &str, signed: bool) -> Client {
    let mut conf = aws_sdk_cognitoidentityprovider::Config::builder()
        .endpoint_url(endpoint)
        .region(Region::new("us-east-1"))
        .behavior_version_latest();
    if signed {
        conf = conf.credentials_provider(Credentials::new("local", "local", None, None, "test"));
    }
    Client::from_conf(conf.build())
}

pub fn secret_hash(secret: &str, username: &str, client_id: &str) -> String {
    let key = hmac::Key::new(hmac::HMAC_SHA256, secret.as_bytes());
    let mut ctx = hmac::Context::with_key(&key);
    ctx.update(username.as_bytes());
    ctx.update(client_id.as_bytes());
    BASE64.encode(ctx.sign().as_ref())
}

pub fn attr(name: &str, value: &str) -> AttributeType {
    AttributeType::builder()
        .name(name)
        .value(value)
        .build()
        .expect("name is set")
}

pub fn totp_now(secret: &str, at_secs: u64) -> String {
    let secret = totp_rs::Secret::try_from_base32(secret).expect("base32 secret");
    let totp = totp_rs::Builder::new()
        .with_secret(secret)
        .build()
        .expect("valid totp");
    totp.generate(at_secs).to_string()
}

/// A pool provisioned the way the app provisions its development pool.
pub struct Harness {
    pub pool: RunningPool,
    pub admin: Client,
    pub user: Client,
    pub pool_id: String,
    pub client_id: String,
    pub secret: String,
}

pub struct Setup {
    pub data_dir: Option<std::path::PathBuf>,
    pub mfa: UserPoolMfaType,
    pub prevent: PreventUserExistenceErrorTypes,
    pub clock_control: bool,
}

impl Default for Setup {
    fn default() -> Self {
        Self {
            data_dir: None,
            mfa: UserPoolMfaType::Optional,
            prevent: PreventUserExistenceErrorTypes::Enabled,
            clock_control: false,
        }
    }
}

impl Harness {
    pub async fn start() -> Self {
        Self::with(Setup::default()).await
    }

    pub async fn with(setup: Setup) -> Self {
        let pool = local_pool::spawn(
            "127.0.0.1:0".parse().expect("addr"),
            Options {
                data_dir: setup.data_dir,
                clock_control: setup.clock_control,
                ..Options::default()
            },
        )
        .await
        .expect("pool starts");
        let admin = sdk_client(&pool.endpoint(), true);
        let user = sdk_client(&pool.endpoint(), false);
        let created = admin
            .create_user_pool()
            .pool_name("threshold-dev")
            .username_attributes(UsernameAttributeType::Email)
            .auto_verified_attributes(VerifiedAttributeType::Email)
            .mfa_configuration(UserPoolMfaType::Optional)
            .policies(
                UserPoolPolicyType::builder()
                    .password_policy(
                        PasswordPolicyType::builder()
                            .minimum_length(10)
                            .require_lowercase(true)
                            .require_uppercase(true)
                            .require_numbers(true)
                            .require_symbols(true)
                            .build(),
                    )
                    .build(),
            )
            .schema(
                SchemaAttributeType::builder()
                    .name("tenant")
                    .attribute_data_type(
                        aws_sdk_cognitoidentityprovider::types::AttributeDataType::String,
                    )
                    .mutable(true)
                    .build(),
            )
            .send()
            .await
            .expect("CreateUserPool");
        let pool_id = created
            .user_pool()
            .and_then(|p| p.id())
            .expect("pool id")
            .to_owned();
        admin
            .set_user_pool_mfa_config()
            .user_pool_id(&pool_id)
            .mfa_configuration(setup.mfa)
            .software_token_mfa_configuration(
                SoftwareTokenMfaConfigType::builder().enabled(true).build(),
            )
            .sms_mfa_configuration(
                SmsMfaConfigType::builder()
                    .sms_authentication_message("Your code is {####}")
                    .sms_configuration(
                        SmsConfigurationType::builder()
                            .sns_caller_arn("arn:aws:iam::000000000000:role/sns")
                            .build()
                            .expect("arn set"),
                    )
                    .build(),
            )
            .email_mfa_configuration(
                EmailMfaConfigType::builder()
                    .message("Your sign-in code is {####}")
                    .subject("Sign-in code")
                    .build(),
            )
            .send()
            .await
            .expect("SetUserPoolMfaConfig");
        let client = admin
            .create_user_pool_client()
            .user_pool_id(&pool_id)
            .client_name("threshold")
            .generate_secret(true)
            .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserSrpAuth)
            .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserPasswordAuth)
            .explicit_auth_flows(ExplicitAuthFlowsType::AllowRefreshTokenAuth)
            .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserAuth)
            .prevent_user_existence_errors(setup.prevent)
            .send()
            .await
            .expect("CreateUserPoolClient");
        let client = client.user_pool_client().expect("client");
        Self {
            client_id: client.client_id().expect("client id").to_owned(),
            secret: client.client_secret().expect("secret").to_owned(),
            pool,
            admin,
            user,
            pool_id,
        }
    }

    /// The pool kept in `dir`, started again (on a new port), with the
    /// pool and client a previous harness provisioned there.
    pub async fn reopen(
        dir: &std::path::Path,
        pool_id: String,
        client_id: String,
        secret: String,
    ) -> Self {
        let pool = local_pool::spawn(
            "127.0.0.1:0".parse().expect("addr"),
            Options {
                data_dir: Some(dir.to_owned()),
                ..Options::default()
            },
        )
        .await
        .expect("pool starts again");
        Self {
            admin: sdk_client(&pool.endpoint(), true),
            user: sdk_client(&pool.endpoint(), false),
            pool,
            pool_id,
            client_id,
            secret,
        }
    }

    pub fn hash(&self, username: &str) -> String {
        secret_hash(&self.secret, username, &self.client_id)
    }

    pub fn latest_code(&self, destination: &str) -> String {
        self.pool
            .outbox(Some(destination))
            .last()
            .and_then(|m| m.code.clone())
            .expect("a message with a code")
    }

    pub async fn sign_up(&self, email: &str, password: &str) -> String {
        let out = self
            .user
            .sign_up()
            .client_id(&self.client_id)
            .secret_hash(self.hash(email))
            .username(email)
            .password(password)
            .user_attributes(attr("email", email))
            .send()
            .await
            .expect("SignUp");
        out.user_sub().to_owned()
    }

    pub async fn confirm(&self, email: &str) {
        let code = self.latest_code(email);
        self.user
            .confirm_sign_up()
            .client_id(&self.client_id)
            .secret_hash(self.hash(email))
            .username(email)
            .confirmation_code(code)
            .send()
            .await
            .expect("ConfirmSignUp");
    }

    pub async fn confirmed_user(&self, email: &str) -> String {
        let sub = self.sign_up(email, PASSWORD).await;
        self.confirm(email).await;
        sub
    }

    pub async fn password_auth(
        &self,
        email: &str,
        password: &str,
    ) -> Result<InitiateAuthOutput, InitiateAuthError> {
        self.user
            .initiate_auth()
            .client_id(&self.client_id)
            .auth_flow(AuthFlowType::UserPasswordAuth)
            .auth_parameters("USERNAME", email)
            .auth_parameters("PASSWORD", password)
            .auth_parameters("SECRET_HASH", self.hash(email))
            .send()
            .await
            .map_err(|e| e.into_service_error())
    }

    pub async fn access_token(&self, email: &str) -> String {
        let out = self.password_auth(email, PASSWORD).await.expect("sign in");
        out.authentication_result()
            .and_then(|r| r.access_token())
            .expect("access token")
            .to_owned()
    }

    /// USER_SRP_AUTH then PASSWORD_VERIFIER with the aws-cognito-srp client.
    pub async fn srp_auth(
        &self,
        email: &str,
        password: &str,
    ) -> Result<aws_sdk_cognitoidentityprovider::operation::respond_to_auth_challenge::RespondToAuthChallengeOutput, RespondToAuthChallengeError>
    {
        self.srp_auth_stamped(email, password, None).await
    }

    /// An SRP client for `name` on this pool and app client.
    pub fn srp_client(&self, name: &str, password: &str) -> SrpClient<SrpUser> {
        SrpClient::new(
            SrpUser::new(&self.pool_id, name, password),
            &self.client_id,
            Some(&self.secret),
        )
    }

    /// InitiateAuth USER_SRP_AUTH for `name` with `srp`'s SRP_A.
    pub async fn srp_start(&self, name: &str, srp: &SrpClient<SrpUser>) -> InitiateAuthOutput {
        self.user
            .initiate_auth()
            .client_id(&self.client_id)
            .auth_flow(AuthFlowType::UserSrpAuth)
            .auth_parameters("USERNAME", name)
            .auth_parameters("SRP_A", srp.get_auth_parameters().a)
            .auth_parameters("SECRET_HASH", self.hash(name))
            .send()
            .await
            .expect("InitiateAuth USER_SRP_AUTH")
    }

    /// [`Harness::srp_auth`], sending `timestamp` as TIMESTAMP instead of
    /// the one the proof was made with when it is given.
    pub async fn srp_auth_stamped(
        &self,
        email: &str,
        password: &str,
        timestamp: Option<&str>,
    ) -> Result<aws_sdk_cognitoidentityprovider::operation::respond_to_auth_challenge::RespondToAuthChallengeOutput, RespondToAuthChallengeError>
    {
        let srp = self.srp_client(email, password);
        let started = self.srp_start(email, &srp).await;
        assert_eq!(
            started.challenge_name(),
            Some(&ChallengeNameType::PasswordVerifier)
        );
        let p = started.challenge_parameters().expect("parameters");
        let user_id = p.get("USER_ID_FOR_SRP").expect("USER_ID_FOR_SRP");
        let proof = srp
            .verify(
                p.get("SECRET_BLOCK").expect("SECRET_BLOCK"),
                user_id,
                p.get("SALT").expect("SALT"),
                p.get("SRP_B").expect("SRP_B"),
            )
            .expect("client computes the proof");
        self.user
            .respond_to_auth_challenge()
            .client_id(&self.client_id)
            .challenge_name(ChallengeNameType::PasswordVerifier)
            .challenge_responses("USERNAME", user_id)
            .challenge_responses(
                "PASSWORD_CLAIM_SECRET_BLOCK",
                &proof.password_claim_secret_block,
            )
            .challenge_responses("PASSWORD_CLAIM_SIGNATURE", &proof.password_claim_signature)
            .challenge_responses("TIMESTAMP", timestamp.unwrap_or(&proof.timestamp))
            .challenge_responses("SECRET_HASH", self.hash(user_id))
            .send()
            .await
            .map_err(|e| e.into_service_error())
    }

    pub fn now_secs(&self) -> u64 {
        self.pool
            .clock()
            .now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or_default()
    }

    /// Associates and verifies a TOTP for the holder of `access`, enables it
    /// as preferred, and returns the secret.
    pub async fn enable_totp(&self, access: &str) -> String {
        let secret = self
            .user
            .associate_software_token()
            .access_token(access)
            .send()
            .await
            .expect("AssociateSoftwareToken")
            .secret_code()
            .expect("secret")
            .to_owned();
        let verified = self
            .user
            .verify_software_token()
            .access_token(access)
            .user_code(totp_now(&secret, self.now_secs()))
            .send()
            .await
            .expect("VerifySoftwareToken");
        assert_eq!(verified.status().map(|s| s.as_str()), Some("SUCCESS"));
        self.user
            .set_user_mfa_preference()
            .access_token(access)
            .software_token_mfa_settings(
                SoftwareTokenMfaSettingsType::builder()
                    .enabled(true)
                    .preferred_mfa(true)
                    .build(),
            )
            .send()
            .await
            .expect("SetUserMFAPreference");
        secret
    }
}
