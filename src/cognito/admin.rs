//! The operations that need AWS credentials: reading a pool's settings at
//! start, creating a pool and its app client (the embedded development
//! pool), and managing users as an operator would (tests, and the
//! command-line companion). Typed in and out; the SDK stays in here.

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::types::{
    AccountRecoverySettingType, AttributeDataType, AuthFactorType, DeliveryMediumType,
    DeviceConfigurationType, EmailMfaConfigType, ExplicitAuthFlowsType, MessageActionType,
    PasswordPolicyType, PreventUserExistenceErrorTypes, RecoveryOptionNameType, RecoveryOptionType,
    SchemaAttributeType, SignInPolicyType, SmsMfaConfigType, SoftwareTokenMfaConfigType,
    UserAttributeUpdateSettingsType, UserPoolMfaType, UserPoolPolicyType, UserVerificationType,
    UsernameAttributeType, UsernameConfigurationType, VerifiedAttributeType,
    WebAuthnConfigurationType,
};
use secrecy::{ExposeSecret, SecretString};

use super::client::Endpoint;
use super::errors::{CognitoError, Operation};
use super::gateway::{Result, attribute};
use super::mfa::Factor;
use crate::domain::PasswordPolicy;

/// Whether the pool asks for MFA (`MfaConfiguration`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MfaRequirement {
    Off,
    Optional,
    On,
}

impl MfaRequirement {
    pub fn parse(value: &str) -> Option<Self> {
        match value.trim().to_ascii_uppercase().as_str() {
            "OFF" => Some(Self::Off),
            "OPTIONAL" => Some(Self::Optional),
            "ON" => Some(Self::On),
            _ => None,
        }
    }

    /// Stable id, for settings and message ids.
    pub fn id(self) -> &'static str {
        match self {
            Self::Off => "off",
            Self::Optional => "optional",
            Self::On => "on",
        }
    }

    fn to_sdk(self) -> UserPoolMfaType {
        match self {
            Self::Off => UserPoolMfaType::Off,
            Self::Optional => UserPoolMfaType::Optional,
            Self::On => UserPoolMfaType::On,
        }
    }
}

/// What DescribeUserPool and GetUserPoolMfaConfig say that the pages need.
pub struct PoolDescription {
    pub mfa: MfaRequirement,
    /// The MFA methods the pool allows.
    pub mfa_factors: Vec<Factor>,
    pub password_policy: PasswordPolicy,
    /// Attributes sign-up must ask for besides email and password.
    pub required_attributes: Vec<String>,
    pub email_is_username: bool,
    /// Sign-in names must match in capitalisation too
    /// (`UsernameConfiguration.CaseSensitive`, true when not set).
    pub case_sensitive_names: bool,
}

/// A pool to create.
pub struct PoolSpec {
    pub name: String,
    /// People sign in with their email address (`UsernameAttributes=[email]`).
    pub email_is_username: bool,
    /// Cognito sends a code to confirm the email at sign-up.
    pub verify_email: bool,
    /// A changed email replaces the verified one only once its code is
    /// entered; until then the old address keeps signing in.
    pub keep_original_email_until_verified: bool,
    pub mfa: MfaRequirement,
    /// The methods MFA may use; ignored when `mfa` is off.
    pub mfa_factors: Vec<Factor>,
    /// `None`: Cognito's default.
    pub password_policy: Option<PasswordPolicy>,
    /// Mutable string attributes, named without the `custom:` prefix.
    pub custom_attributes: Vec<String>,
    /// Password-reset codes go to the verified email first, then the
    /// verified phone (`AccountRecoverySetting`); without it Cognito's
    /// legacy order texts a verified phone first.
    pub recover_by_email_first: bool,
    /// Sign-in names (and email aliases) match in any capitalisation
    /// (`UsernameConfiguration.CaseSensitive=false`, what AWS recommends);
    /// Cognito's default when it is not set is case-sensitive.
    pub case_insensitive_names: bool,
    /// The first factors choice-based sign-in (USER_AUTH) may use
    /// (`Policies.SignInPolicy.AllowedFirstAuthFactors`); empty leaves
    /// Cognito's default, the password alone.
    pub first_factors: Vec<FirstFactor>,
    /// The relying party id passkeys are registered for
    /// (`WebAuthnConfiguration.RelyingPartyId`, the site's domain);
    /// `None` leaves passkeys unconfigured.
    pub passkey_relying_party: Option<String>,
    /// Device tracking (`DeviceConfiguration`): a new device must pass
    /// MFA, and is remembered only when the user asks ("Remember this
    /// browser"), after which it skips MFA.
    /// <https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html>
    pub remember_devices_on_prompt: bool,
}

pub use super::challenge::FirstFactor;

fn first_factor_to_sdk(factor: FirstFactor) -> AuthFactorType {
    match factor {
        FirstFactor::Password => AuthFactorType::Password,
        FirstFactor::EmailCode => AuthFactorType::EmailOtp,
        FirstFactor::SmsCode => AuthFactorType::SmsOtp,
        FirstFactor::Passkey => AuthFactorType::WebAuthn,
    }
}

impl PoolSpec {
    /// A pool with Cognito's defaults and this name.
    pub fn named(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            email_is_username: false,
            verify_email: false,
            keep_original_email_until_verified: false,
            mfa: MfaRequirement::Off,
            mfa_factors: Vec::new(),
            password_policy: None,
            custom_attributes: Vec::new(),
            recover_by_email_first: false,
            case_insensitive_names: false,
            first_factors: Vec::new(),
            passkey_relying_party: None,
            remember_devices_on_prompt: false,
        }
    }
}

/// An auth flow an app client may use (`ExplicitAuthFlows`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientAuthFlow {
    UserSrp,
    UserPassword,
    RefreshToken,
    /// Choice-based sign-in (`USER_AUTH`).
    UserAuth,
}

impl ClientAuthFlow {
    fn to_sdk(self) -> ExplicitAuthFlowsType {
        match self {
            Self::UserSrp => ExplicitAuthFlowsType::AllowUserSrpAuth,
            Self::UserPassword => ExplicitAuthFlowsType::AllowUserPasswordAuth,
            Self::RefreshToken => ExplicitAuthFlowsType::AllowRefreshTokenAuth,
            Self::UserAuth => ExplicitAuthFlowsType::AllowUserAuth,
        }
    }
}

/// A confidential app client to create.
pub struct ClientSpec {
    pub name: String,
    pub auth_flows: Vec<ClientAuthFlow>,
    pub prevent_user_existence_errors: bool,
    /// The attributes its users may set (`WriteAttributes`); `None` leaves
    /// Cognito's default.
    pub write_attributes: Option<Vec<String>>,
}

/// What an app client may do with attributes, from DescribeUserPoolClient.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientDescription {
    /// `WriteAttributes`; `None` when the client does not list them.
    pub write_attributes: Option<Vec<String>>,
    /// `ExplicitAuthFlows`, like `ALLOW_USER_SRP_AUTH`.
    pub auth_flows: Vec<String>,
}

/// A created confidential client.
pub struct ClientCredentials {
    pub client_id: String,
    pub client_secret: SecretString,
}

/// How a user created by an administrator learns their temporary password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invitation {
    /// Emailed (the local pool puts it in its outbox).
    Email,
    /// Not sent; the operator sets a password.
    Suppressed,
}

/// A user an administrator creates (AdminCreateUser).
pub struct NewUser<'a> {
    pub username: &'a str,
    pub attributes: &'a [(&'a str, &'a str)],
    pub invitation: Invitation,
}

/// A user as AdminGetUser and ListUsers describe them.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PoolUser {
    pub username: String,
    pub sub: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// `UserStatus`: `CONFIRMED`, `UNCONFIRMED`, `FORCE_CHANGE_PASSWORD`, …
    pub status: String,
    pub enabled: bool,
}

impl PoolUser {
    /// From AdminGetUser's answer or a ListUsers entry (two SDK shapes
    /// of the same thing).
    fn read(
        username: &str,
        attributes: &[aws_sdk_cognitoidentityprovider::types::AttributeType],
        status: Option<&aws_sdk_cognitoidentityprovider::types::UserStatusType>,
        enabled: bool,
    ) -> Self {
        let attribute = |name: &str| {
            attributes
                .iter()
                .find(|a| a.name() == name)
                .and_then(|a| a.value())
                .map(str::to_owned)
        };
        Self {
            username: username.to_owned(),
            sub: attribute("sub").unwrap_or_default(),
            email: attribute("email"),
            phone_number: attribute("phone_number"),
            status: status.map(|s| s.as_str().to_owned()).unwrap_or_default(),
            enabled,
        }
    }
}

/// The messages the embedded pool sends MFA codes with.
const SMS_MFA_MESSAGE: &str = "Your code is {####}";
const EMAIL_MFA_MESSAGE: &str = "Your sign-in code is {####}";
const EMAIL_MFA_SUBJECT: &str = "Your sign-in code";

/// Admin operations on user pools, with AWS credentials.
pub struct Admin {
    client: Client,
}

fn admin_error<E>(
    name: &'static str,
) -> impl FnOnce(
    aws_sdk_cognitoidentityprovider::error::SdkError<
        E,
        aws_sdk_cognitoidentityprovider::config::http::HttpResponse,
    >,
) -> CognitoError
where
    E: aws_sdk_cognitoidentityprovider::error::ProvideErrorMetadata + std::error::Error + 'static,
{
    move |e| CognitoError::from_sdk(Operation::Admin(name), e)
}

impl Admin {
    /// With credentials from the environment (`AWS_ACCESS_KEY_ID`), if any.
    pub async fn from_environment(endpoint: &Endpoint) -> Option<Self> {
        Some(Self {
            client: endpoint.admin_client_from_environment().await?,
        })
    }

    /// With the SDK's credential chain (environment, shared profiles with
    /// keys, an assumed role or web identity, container or instance
    /// roles; SSO and credential_process are features left out of the
    /// build), for operators' commands. Whether any credentials were
    /// found shows at the first call.
    pub async fn with_default_credentials(endpoint: &Endpoint) -> Self {
        Self {
            client: endpoint.admin_client_with_default_credentials().await,
        }
    }

    /// For the local pool or moto, which want a signature but check none.
    pub fn for_local_pool(endpoint: &Endpoint) -> Self {
        Self {
            client: endpoint.admin_client_for_local_pool(),
        }
    }

    /// Reads the policy, the sign-up requirements and the MFA settings.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeUserPool.html>
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUserPoolMfaConfig.html>
    pub async fn describe_pool(&self, pool_id: &str) -> Result<PoolDescription> {
        let output = self
            .client
            .describe_user_pool()
            .user_pool_id(pool_id)
            .send()
            .await
            .map_err(admin_error("DescribeUserPool"))?;
        let pool = output.user_pool().ok_or_else(|| {
            CognitoError::unexpected(
                Operation::Admin("DescribeUserPool"),
                "no pool in the answer",
            )
        })?;
        let mut policy = PasswordPolicy::default();
        if let Some(p) = pool.policies().and_then(|p| p.password_policy()) {
            policy.min_length = p
                .minimum_length()
                .and_then(|n| usize::try_from(n).ok())
                .unwrap_or(8);
            policy.require_uppercase = p.require_uppercase();
            policy.require_lowercase = p.require_lowercase();
            policy.require_digit = p.require_numbers();
            policy.require_symbol = p.require_symbols();
        }
        let email_is_username = pool
            .username_attributes()
            .iter()
            .any(|a| a.as_str() == "email");
        let required_attributes = pool
            .schema_attributes()
            .iter()
            .filter(|a| a.required() == Some(true))
            .filter_map(|a| a.name().map(str::to_owned))
            // `sub` is required but written by Cognito; email is always asked.
            .filter(|name| name != "email" && name != "sub")
            .filter(|name| {
                !name.starts_with("email_verified") && !name.starts_with("phone_number_verified")
            })
            .collect();
        let mfa = pool
            .mfa_configuration()
            .and_then(|m| MfaRequirement::parse(m.as_str()))
            .unwrap_or(MfaRequirement::Off);
        let config = self
            .client
            .get_user_pool_mfa_config()
            .user_pool_id(pool_id)
            .send()
            .await
            .map_err(admin_error("GetUserPoolMfaConfig"))?;
        let mut mfa_factors = Vec::new();
        if config
            .software_token_mfa_configuration()
            .is_some_and(|c| c.enabled())
        {
            mfa_factors.push(Factor::Totp);
        }
        if config.sms_mfa_configuration().is_some() {
            mfa_factors.push(Factor::Sms);
        }
        if config.email_mfa_configuration().is_some() {
            mfa_factors.push(Factor::Email);
        }
        Ok(PoolDescription {
            mfa,
            mfa_factors,
            password_policy: policy,
            required_attributes,
            email_is_username,
            case_sensitive_names: pool
                .username_configuration()
                .is_none_or(|c| c.case_sensitive()),
        })
    }

    /// Creates a pool and sets its MFA methods; returns its id.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPool.html>
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserPoolMfaConfig.html>
    pub async fn create_pool(&self, spec: &PoolSpec) -> Result<String> {
        let mut request = self
            .client
            .create_user_pool()
            .pool_name(&spec.name)
            .mfa_configuration(spec.mfa.to_sdk());
        if spec.email_is_username {
            request = request.username_attributes(UsernameAttributeType::Email);
        }
        if spec.verify_email {
            request = request.auto_verified_attributes(VerifiedAttributeType::Email);
        }
        if spec.recover_by_email_first {
            let mechanism = |name, priority| {
                RecoveryOptionType::builder()
                    .name(name)
                    .priority(priority)
                    .build()
                    .map_err(|e| {
                        CognitoError::unexpected(Operation::Admin("CreateUserPool"), e.to_string())
                    })
            };
            request = request.account_recovery_setting(
                AccountRecoverySettingType::builder()
                    .recovery_mechanisms(mechanism(RecoveryOptionNameType::VerifiedEmail, 1)?)
                    .recovery_mechanisms(mechanism(RecoveryOptionNameType::VerifiedPhoneNumber, 2)?)
                    .build(),
            );
        }
        if spec.case_insensitive_names {
            request = request.username_configuration(
                UsernameConfigurationType::builder()
                    .case_sensitive(false)
                    .build()
                    .map_err(|e| {
                        CognitoError::unexpected(Operation::Admin("CreateUserPool"), e.to_string())
                    })?,
            );
        }
        if spec.keep_original_email_until_verified {
            request = request.user_attribute_update_settings(
                UserAttributeUpdateSettingsType::builder()
                    .attributes_require_verification_before_update(VerifiedAttributeType::Email)
                    .build(),
            );
        }
        for name in &spec.custom_attributes {
            request = request.schema(
                SchemaAttributeType::builder()
                    .name(name)
                    .attribute_data_type(AttributeDataType::String)
                    .mutable(true)
                    .build(),
            );
        }
        if spec.password_policy.is_some() || !spec.first_factors.is_empty() {
            let mut policies = UserPoolPolicyType::builder();
            if let Some(p) = &spec.password_policy {
                policies = policies.password_policy(
                    PasswordPolicyType::builder()
                        .minimum_length(i32::try_from(p.min_length).unwrap_or(8))
                        .require_uppercase(p.require_uppercase)
                        .require_lowercase(p.require_lowercase)
                        .require_numbers(p.require_digit)
                        .require_symbols(p.require_symbol)
                        .build(),
                );
            }
            if !spec.first_factors.is_empty() {
                policies = policies.sign_in_policy(
                    SignInPolicyType::builder()
                        .set_allowed_first_auth_factors(Some(
                            spec.first_factors
                                .iter()
                                .map(|f| first_factor_to_sdk(*f))
                                .collect(),
                        ))
                        .build(),
                );
            }
            request = request.policies(policies.build());
        }
        if spec.remember_devices_on_prompt {
            request = request.device_configuration(
                DeviceConfigurationType::builder()
                    .challenge_required_on_new_device(true)
                    .device_only_remembered_on_user_prompt(true)
                    .build(),
            );
        }
        let output = request
            .send()
            .await
            .map_err(admin_error("CreateUserPool"))?;
        let pool_id = output
            .user_pool()
            .and_then(|p| p.id())
            .ok_or_else(|| {
                CognitoError::unexpected(Operation::Admin("CreateUserPool"), "no pool id")
            })?
            .to_owned();
        // Passkeys are configured with MFA, so a pool without MFA that
        // offers passkeys is configured here too.
        if spec.mfa != MfaRequirement::Off || spec.passkey_relying_party.is_some() {
            let mut request = self
                .client
                .set_user_pool_mfa_config()
                .user_pool_id(&pool_id)
                .mfa_configuration(spec.mfa.to_sdk());
            if let Some(rp) = &spec.passkey_relying_party {
                request = request.web_authn_configuration(
                    WebAuthnConfigurationType::builder()
                        .relying_party_id(rp)
                        .user_verification(UserVerificationType::Preferred)
                        .build(),
                );
            }
            if spec.mfa_factors.contains(&Factor::Totp) {
                request = request.software_token_mfa_configuration(
                    SoftwareTokenMfaConfigType::builder().enabled(true).build(),
                );
            }
            if spec.mfa_factors.contains(&Factor::Sms) {
                request = request.sms_mfa_configuration(
                    SmsMfaConfigType::builder()
                        .sms_authentication_message(SMS_MFA_MESSAGE)
                        .build(),
                );
            }
            if spec.mfa_factors.contains(&Factor::Email) {
                request = request.email_mfa_configuration(
                    EmailMfaConfigType::builder()
                        .message(EMAIL_MFA_MESSAGE)
                        .subject(EMAIL_MFA_SUBJECT)
                        .build(),
                );
            }
            request
                .send()
                .await
                .map_err(admin_error("SetUserPoolMfaConfig"))?;
        }
        Ok(pool_id)
    }

    /// Creates a confidential app client (with a secret).
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html>
    pub async fn create_client(
        &self,
        pool_id: &str,
        spec: &ClientSpec,
    ) -> Result<ClientCredentials> {
        let operation = Operation::Admin("CreateUserPoolClient");
        let output = self
            .client
            .create_user_pool_client()
            .user_pool_id(pool_id)
            .client_name(&spec.name)
            .generate_secret(true)
            .set_explicit_auth_flows(Some(spec.auth_flows.iter().map(|f| f.to_sdk()).collect()))
            .set_prevent_user_existence_errors(
                spec.prevent_user_existence_errors
                    .then_some(PreventUserExistenceErrorTypes::Enabled),
            )
            .set_write_attributes(spec.write_attributes.clone())
            .send()
            .await
            .map_err(admin_error("CreateUserPoolClient"))?;
        let client = output
            .user_pool_client()
            .ok_or_else(|| CognitoError::unexpected(operation, "no client in the answer"))?;
        Ok(ClientCredentials {
            client_id: client
                .client_id()
                .ok_or_else(|| CognitoError::unexpected(operation, "no client id"))?
                .to_owned(),
            client_secret: SecretString::from(
                client
                    .client_secret()
                    .ok_or_else(|| CognitoError::unexpected(operation, "no client secret"))?
                    .to_owned(),
            ),
        })
    }

    /// The attributes the app client may write, so the profile page offers
    /// only those.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeUserPoolClient.html>
    pub async fn describe_client(
        &self,
        pool_id: &str,
        client_id: &str,
    ) -> Result<ClientDescription> {
        let output = self
            .client
            .describe_user_pool_client()
            .user_pool_id(pool_id)
            .client_id(client_id)
            .send()
            .await
            .map_err(admin_error("DescribeUserPoolClient"))?;
        let client = output.user_pool_client().ok_or_else(|| {
            CognitoError::unexpected(
                Operation::Admin("DescribeUserPoolClient"),
                "no client in the answer",
            )
        })?;
        let write = client.write_attributes();
        Ok(ClientDescription {
            write_attributes: (!write.is_empty()).then(|| write.to_vec()),
            auth_flows: client
                .explicit_auth_flows()
                .iter()
                .map(|f| f.as_str().to_owned())
                .collect(),
        })
    }

    /// Whether the app client still exists.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeUserPoolClient.html>
    pub async fn client_exists(&self, pool_id: &str, client_id: &str) -> bool {
        self.client
            .describe_user_pool_client()
            .user_pool_id(pool_id)
            .client_id(client_id)
            .send()
            .await
            .is_ok()
    }

    /// Creates a user with a temporary password; returns the username.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminCreateUser.html>
    pub async fn create_user(&self, pool_id: &str, user: &NewUser<'_>) -> Result<String> {
        let operation = Operation::Admin("AdminCreateUser");
        let mut request = self
            .client
            .admin_create_user()
            .user_pool_id(pool_id)
            .username(user.username);
        for (name, value) in user.attributes {
            request = request.user_attributes(attribute(operation, name, value)?);
        }
        request = match user.invitation {
            Invitation::Email => request.desired_delivery_mediums(DeliveryMediumType::Email),
            Invitation::Suppressed => request.message_action(MessageActionType::Suppress),
        };
        let output = request
            .send()
            .await
            .map_err(admin_error("AdminCreateUser"))?;
        Ok(output
            .user()
            .and_then(|u| u.username())
            .unwrap_or(user.username)
            .to_owned())
    }

    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminSetUserPassword.html>
    pub async fn set_password(
        &self,
        pool_id: &str,
        username: &str,
        password: &SecretString,
        permanent: bool,
    ) -> Result<()> {
        self.client
            .admin_set_user_password()
            .user_pool_id(pool_id)
            .username(username)
            .password(password.expose_secret())
            .permanent(permanent)
            .send()
            .await
            .map_err(admin_error("AdminSetUserPassword"))?;
        Ok(())
    }

    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminUpdateUserAttributes.html>
    pub async fn update_attributes(
        &self,
        pool_id: &str,
        username: &str,
        attributes: &[(&str, &str)],
    ) -> Result<()> {
        let operation = Operation::Admin("AdminUpdateUserAttributes");
        let mut request = self
            .client
            .admin_update_user_attributes()
            .user_pool_id(pool_id)
            .username(username);
        for (name, value) in attributes {
            request = request.user_attributes(attribute(operation, name, value)?);
        }
        request
            .send()
            .await
            .map_err(admin_error("AdminUpdateUserAttributes"))?;
        Ok(())
    }

    /// Makes the user reset their password at the next sign-in.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminResetUserPassword.html>
    pub async fn reset_password(&self, pool_id: &str, username: &str) -> Result<()> {
        self.client
            .admin_reset_user_password()
            .user_pool_id(pool_id)
            .username(username)
            .send()
            .await
            .map_err(admin_error("AdminResetUserPassword"))?;
        Ok(())
    }

    /// Revokes every refresh token the user has.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminUserGlobalSignOut.html>
    pub async fn sign_out_everywhere(&self, pool_id: &str, username: &str) -> Result<()> {
        self.client
            .admin_user_global_sign_out()
            .user_pool_id(pool_id)
            .username(username)
            .send()
            .await
            .map_err(admin_error("AdminUserGlobalSignOut"))?;
        Ok(())
    }

    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDeleteUser.html>
    pub async fn delete_user(&self, pool_id: &str, username: &str) -> Result<()> {
        self.client
            .admin_delete_user()
            .user_pool_id(pool_id)
            .username(username)
            .send()
            .await
            .map_err(admin_error("AdminDeleteUser"))?;
        Ok(())
    }

    /// One user as an operator sees them.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminGetUser.html>
    pub async fn get_user(&self, pool_id: &str, username: &str) -> Result<PoolUser> {
        let output = self
            .client
            .admin_get_user()
            .user_pool_id(pool_id)
            .username(username)
            .send()
            .await
            .map_err(admin_error("AdminGetUser"))?;
        Ok(PoolUser::read(
            output.username(),
            output.user_attributes(),
            output.user_status(),
            output.enabled(),
        ))
    }

    /// Every user of the pool, page by page (ListUsers answers at most 60 at a time).
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUsers.html>
    pub async fn list_users(&self, pool_id: &str) -> Result<Vec<PoolUser>> {
        let mut users = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let output = self
                .client
                .list_users()
                .user_pool_id(pool_id)
                .limit(60)
                .set_pagination_token(token.take())
                .send()
                .await
                .map_err(admin_error("ListUsers"))?;
            users.extend(output.users().iter().map(|user| {
                PoolUser::read(
                    user.username().unwrap_or_default(),
                    user.attributes(),
                    user.user_status(),
                    user.enabled(),
                )
            }));
            match output.pagination_token() {
                Some(next) if !next.is_empty() => token = Some(next.to_owned()),
                _ => return Ok(users),
            }
        }
    }

    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateGroup.html>
    pub async fn create_group(&self, pool_id: &str, group: &str) -> Result<()> {
        self.client
            .create_group()
            .user_pool_id(pool_id)
            .group_name(group)
            .send()
            .await
            .map_err(admin_error("CreateGroup"))?;
        Ok(())
    }

    /// The user is in `group` from their next tokens on (next sign-in or
    /// refresh).
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminAddUserToGroup.html>
    pub async fn add_user_to_group(
        &self,
        pool_id: &str,
        username: &str,
        group: &str,
    ) -> Result<()> {
        self.client
            .admin_add_user_to_group()
            .user_pool_id(pool_id)
            .username(username)
            .group_name(group)
            .send()
            .await
            .map_err(admin_error("AdminAddUserToGroup"))?;
        Ok(())
    }

    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminRemoveUserFromGroup.html>
    pub async fn remove_user_from_group(
        &self,
        pool_id: &str,
        username: &str,
        group: &str,
    ) -> Result<()> {
        self.client
            .admin_remove_user_from_group()
            .user_pool_id(pool_id)
            .username(username)
            .group_name(group)
            .send()
            .await
            .map_err(admin_error("AdminRemoveUserFromGroup"))?;
        Ok(())
    }
}
