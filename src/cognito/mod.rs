//! The one gateway to the user pool. Only this module calls the AWS SDK:
//! it computes SECRET_HASH, runs SRP, verifies tokens and turns every SDK
//! answer into project types, so flows and pages never see the SDK.

pub mod account;
pub mod errors;
pub mod mfa;
pub mod secret_hash;
pub mod tokens;

use std::collections::BTreeMap;
use std::time::{SystemTime, UNIX_EPOCH};

use aws_cognito_srp::{SrpClient, User as SrpUser};
use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::types::{
    AttributeType, AuthFlowType, AuthenticationResultType, ChallengeNameType,
};
use secrecy::{ExposeSecret, SecretString};

use crate::config::AuthFlow;
use crate::domain::{OtpCode, Password, PasswordPolicy, SignInName};
pub use errors::CognitoError;
pub use tokens::{TokenError, TokenVerifier};

type Result<T, E = CognitoError> = std::result::Result<T, E>;

/// Tokens from a successful sign-in or refresh, already verified.
pub struct Tokens {
    pub id_token: SecretString,
    pub access_token: SecretString,
    /// Absent after a refresh (Cognito keeps the old one valid).
    pub refresh_token: Option<SecretString>,
    /// Unix seconds at which the access token expires.
    pub access_expires_at: u64,
    /// The real username (`cognito:username`), needed for SECRET_HASH on refresh.
    pub username: String,
    pub sub: String,
    pub email: Option<String>,
}

/// A challenge Cognito wants answered before it hands out tokens.
pub struct Challenge {
    /// Cognito's challenge name, e.g. `SOFTWARE_TOKEN_MFA`.
    pub name: String,
    /// The opaque challenge session; answers must send it back.
    pub session: SecretString,
    pub parameters: BTreeMap<String, String>,
    /// The real username, for SECRET_HASH and `USERNAME` in the answer.
    pub username: String,
}

/// Where a sign-in stands after a call to the pool.
pub enum SignInStep {
    SignedIn(Tokens),
    Challenge(Challenge),
}

/// What GetUser says about the signed-in user.
pub struct UserProfile {
    pub username: String,
    pub attributes: BTreeMap<String, String>,
    /// MFA methods turned on for the user.
    pub mfa_enabled: Vec<mfa::Factor>,
    pub mfa_preferred: Option<mfa::Factor>,
}

/// Whether the pool asks for MFA (DescribeUserPool's `MfaConfiguration`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MfaRequirement {
    Off,
    Optional,
    On,
}

impl MfaRequirement {
    pub fn parse(value: &str) -> Option<Self> {
        match value.to_ascii_uppercase().as_str() {
            "OFF" => Some(Self::Off),
            "OPTIONAL" => Some(Self::Optional),
            "ON" => Some(Self::On),
            _ => None,
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Self::Off => "off",
            Self::Optional => "optional",
            Self::On => "on",
        }
    }
}

/// What DescribeUserPool says that the pages need.
pub struct PoolDescription {
    pub mfa: MfaRequirement,
    /// The MFA methods the pool allows (GetUserPoolMfaConfig).
    pub mfa_factors: Vec<mfa::Factor>,
    pub password_policy: PasswordPolicy,
    pub required_attributes: Vec<String>,
    pub email_is_username: bool,
}

pub struct Gateway {
    client: Client,
    pool_id: String,
    client_id: String,
    client_secret: Option<SecretString>,
    auth_flow: AuthFlow,
    verifier: TokenVerifier,
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

impl Gateway {
    pub fn new(
        client: Client,
        pool_id: String,
        client_id: String,
        client_secret: Option<SecretString>,
        auth_flow: AuthFlow,
        verifier: TokenVerifier,
    ) -> Self {
        Self {
            client,
            pool_id,
            client_id,
            client_secret,
            auth_flow,
            verifier,
        }
    }

    pub fn pool_id(&self) -> &str {
        &self.pool_id
    }

    fn hash(&self, username: &str) -> Option<String> {
        self.client_secret
            .as_ref()
            .map(|secret| secret_hash::secret_hash(secret, username, &self.client_id))
    }

    /// Registers a new user.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SignUp.html>
    ///
    /// Returns where the confirmation code went (masked), if Cognito says.
    pub async fn sign_up(
        &self,
        username: &str,
        password: &Password,
        attributes: &BTreeMap<String, String>,
    ) -> Result<Option<String>> {
        let mut request = self
            .client
            .sign_up()
            .client_id(&self.client_id)
            .username(username)
            .password(password.secret().expose_secret())
            .set_secret_hash(self.hash(username));
        for (name, value) in attributes {
            request = request.user_attributes(attribute(name, value)?);
        }
        let output = request
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk("SignUp", e))?;
        Ok(output
            .code_delivery_details()
            .and_then(|d| d.destination())
            .map(str::to_owned))
    }

    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmSignUp.html>
    pub async fn confirm_sign_up(&self, username: &str, code: &OtpCode) -> Result<()> {
        self.client
            .confirm_sign_up()
            .client_id(&self.client_id)
            .username(username)
            .confirmation_code(code.as_str())
            .set_secret_hash(self.hash(username))
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk("ConfirmSignUp", e))?;
        Ok(())
    }

    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ResendConfirmationCode.html>
    pub async fn resend_confirmation_code(&self, username: &str) -> Result<Option<String>> {
        let output = self
            .client
            .resend_confirmation_code()
            .client_id(&self.client_id)
            .username(username)
            .set_secret_hash(self.hash(username))
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk("ResendConfirmationCode", e))?;
        Ok(output
            .code_delivery_details()
            .and_then(|d| d.destination())
            .map(str::to_owned))
    }

    /// Starts a sign-in with a password, answering the SRP
    /// PASSWORD_VERIFIER challenge itself so the password never leaves
    /// this server.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html>
    pub async fn sign_in(&self, name: &SignInName, password: &Password) -> Result<SignInStep> {
        match self.auth_flow {
            AuthFlow::UserPasswordAuth => {
                let mut request = self
                    .client
                    .initiate_auth()
                    .client_id(&self.client_id)
                    .auth_flow(AuthFlowType::UserPasswordAuth)
                    .auth_parameters("USERNAME", name.as_str())
                    .auth_parameters("PASSWORD", password.secret().expose_secret());
                if let Some(hash) = self.hash(name.as_str()) {
                    request = request.auth_parameters("SECRET_HASH", hash);
                }
                let output = request
                    .send()
                    .await
                    .map_err(|e| CognitoError::from_sdk("InitiateAuth", e))?;
                self.step(
                    name.as_str(),
                    output.challenge_name(),
                    output.session(),
                    output.challenge_parameters(),
                    output.authentication_result(),
                )
                .await
            }
            AuthFlow::UserSrpAuth => self.sign_in_srp(name, password).await,
        }
    }

    async fn sign_in_srp(&self, name: &SignInName, password: &Password) -> Result<SignInStep> {
        let srp = SrpClient::new(
            SrpUser::new(
                &self.pool_id,
                name.as_str(),
                password.secret().expose_secret(),
            ),
            &self.client_id,
            self.client_secret.as_ref().map(|s| s.expose_secret()),
        );
        let start = srp.get_auth_parameters();
        let mut request = self
            .client
            .initiate_auth()
            .client_id(&self.client_id)
            .auth_flow(AuthFlowType::UserSrpAuth)
            .auth_parameters("USERNAME", name.as_str())
            .auth_parameters("SRP_A", start.a);
        if let Some(hash) = self.hash(name.as_str()) {
            request = request.auth_parameters("SECRET_HASH", hash);
        }
        let output = request
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk("InitiateAuth", e))?;
        if output.challenge_name() != Some(&ChallengeNameType::PasswordVerifier) {
            return self
                .step(
                    name.as_str(),
                    output.challenge_name(),
                    output.session(),
                    output.challenge_parameters(),
                    output.authentication_result(),
                )
                .await;
        }
        let params = output.challenge_parameters().cloned().unwrap_or_default();
        let get = |key: &str| {
            params
                .get(key)
                .cloned()
                .ok_or_else(|| CognitoError::Unexpected {
                    operation: "InitiateAuth",
                    detail: format!("PASSWORD_VERIFIER without {key}"),
                })
        };
        let user_id = get("USER_ID_FOR_SRP")?;
        let proof = srp
            .verify(
                &get("SECRET_BLOCK")?,
                &user_id,
                &get("SALT")?,
                &get("SRP_B")?,
            )
            .map_err(|e| CognitoError::Unexpected {
                operation: "InitiateAuth",
                detail: format!("SRP parameters unusable: {e}"),
            })?;
        // From here on Cognito knows the real username (a UUID in pools
        // that sign in with email), and SECRET_HASH must use it.
        let mut responses = BTreeMap::new();
        responses.insert("USERNAME".to_owned(), user_id.clone());
        responses.insert(
            "PASSWORD_CLAIM_SECRET_BLOCK".to_owned(),
            proof.password_claim_secret_block,
        );
        responses.insert(
            "PASSWORD_CLAIM_SIGNATURE".to_owned(),
            proof.password_claim_signature,
        );
        responses.insert("TIMESTAMP".to_owned(), proof.timestamp);
        let session = output.session().map(|s| SecretString::from(s.to_owned()));
        self.respond(
            ChallengeNameType::PasswordVerifier.as_str(),
            session.as_ref(),
            &user_id,
            responses,
        )
        .await
    }

    /// Answers a challenge. `username` is the real username.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html>
    pub async fn respond(
        &self,
        challenge: &str,
        session: Option<&SecretString>,
        username: &str,
        mut responses: BTreeMap<String, String>,
    ) -> Result<SignInStep> {
        if let Some(hash) = self.hash(username) {
            responses.insert("SECRET_HASH".to_owned(), hash);
        }
        responses
            .entry("USERNAME".to_owned())
            .or_insert_with(|| username.to_owned());
        let output = self
            .client
            .respond_to_auth_challenge()
            .client_id(&self.client_id)
            .challenge_name(ChallengeNameType::from(challenge))
            .set_session(session.map(|s| s.expose_secret().to_owned()))
            .set_challenge_responses(Some(responses.into_iter().collect()))
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk("RespondToAuthChallenge", e))?;
        self.step(
            username,
            output.challenge_name(),
            output.session(),
            output.challenge_parameters(),
            output.authentication_result(),
        )
        .await
    }

    async fn step(
        &self,
        username: &str,
        challenge: Option<&ChallengeNameType>,
        session: Option<&str>,
        parameters: Option<&std::collections::HashMap<String, String>>,
        result: Option<&AuthenticationResultType>,
    ) -> Result<SignInStep> {
        if let Some(result) = result {
            return Ok(SignInStep::SignedIn(self.tokens(result, None).await?));
        }
        let Some(challenge) = challenge else {
            return Err(CognitoError::Unexpected {
                operation: "InitiateAuth",
                detail: "neither tokens nor a challenge".into(),
            });
        };
        let parameters: BTreeMap<String, String> = parameters
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .collect();
        let username = parameters
            .get("USER_ID_FOR_SRP")
            .or_else(|| parameters.get("USERNAME"))
            .cloned()
            .unwrap_or_else(|| username.to_owned());
        Ok(SignInStep::Challenge(Challenge {
            name: challenge.as_str().to_owned(),
            session: SecretString::from(session.unwrap_or_default().to_owned()),
            parameters,
            username,
        }))
    }

    /// Verifies the tokens and reads who they belong to. `previous_refresh`
    /// is kept when Cognito does not rotate the refresh token.
    async fn tokens(
        &self,
        result: &AuthenticationResultType,
        previous_refresh: Option<&SecretString>,
    ) -> Result<Tokens> {
        let unexpected = |detail: String| CognitoError::Unexpected {
            operation: "tokens",
            detail,
        };
        let id_token = SecretString::from(
            result
                .id_token()
                .ok_or_else(|| unexpected("no ID token".into()))?
                .to_owned(),
        );
        let access_token = SecretString::from(
            result
                .access_token()
                .ok_or_else(|| unexpected("no access token".into()))?
                .to_owned(),
        );
        let id = self
            .verifier
            .verify_id_token(&id_token)
            .await
            .map_err(|e| unexpected(e.to_string()))?;
        let access = self
            .verifier
            .verify_access_token(&access_token)
            .await
            .map_err(|e| unexpected(e.to_string()))?;
        if access.sub != id.sub {
            return Err(unexpected(
                "ID and access tokens name different users".into(),
            ));
        }
        let refresh_token = result
            .refresh_token()
            .map(|t| SecretString::from(t.to_owned()))
            .or_else(|| previous_refresh.cloned());
        Ok(Tokens {
            id_token,
            access_token,
            refresh_token,
            access_expires_at: access
                .exp
                .min(now() + u64::try_from(result.expires_in().max(0)).unwrap_or(0)),
            username: id.username,
            sub: id.sub,
            email: id.email,
        })
    }

    /// New ID and access tokens from the refresh token.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html>
    /// (REFRESH_TOKEN_AUTH; SECRET_HASH uses the real username).
    pub async fn refresh(&self, username: &str, refresh_token: &SecretString) -> Result<Tokens> {
        let mut request = self
            .client
            .initiate_auth()
            .client_id(&self.client_id)
            .auth_flow(AuthFlowType::RefreshTokenAuth)
            .auth_parameters("REFRESH_TOKEN", refresh_token.expose_secret());
        if let Some(hash) = self.hash(username) {
            request = request.auth_parameters("SECRET_HASH", hash);
        }
        let output = request.send().await.map_err(|e| {
            // A refused refresh always means the session is over, whatever
            // Cognito's wording.
            match CognitoError::from_sdk("RefreshTokenAuth", e) {
                CognitoError::IncorrectCredentials => {
                    CognitoError::SessionEnded("refresh refused".into())
                }
                other => other,
            }
        })?;
        let result = output
            .authentication_result()
            .ok_or_else(|| CognitoError::Unexpected {
                operation: "RefreshTokenAuth",
                detail: "no tokens in the answer".into(),
            })?;
        self.tokens(result, Some(refresh_token)).await
    }

    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUser.html>
    pub async fn get_user(&self, access_token: &SecretString) -> Result<UserProfile> {
        let output = self
            .client
            .get_user()
            .access_token(access_token.expose_secret())
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk("GetUser", e))?;
        Ok(UserProfile {
            mfa_enabled: output
                .user_mfa_setting_list()
                .iter()
                .filter_map(|name| mfa::Factor::from_cognito(name))
                .collect(),
            mfa_preferred: output
                .preferred_mfa_setting()
                .and_then(mfa::Factor::from_cognito),
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

    /// Revokes the refresh token and the access tokens issued from it.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RevokeToken.html>
    pub async fn revoke(&self, refresh_token: &SecretString) -> Result<()> {
        self.client
            .revoke_token()
            .client_id(&self.client_id)
            .token(refresh_token.expose_secret())
            .set_client_secret(
                self.client_secret
                    .as_ref()
                    .map(|s| s.expose_secret().to_owned()),
            )
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk("RevokeToken", e))?;
        Ok(())
    }

    /// Signs the user out of every device and app.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GlobalSignOut.html>
    pub async fn global_sign_out(&self, access_token: &SecretString) -> Result<()> {
        self.client
            .global_sign_out()
            .access_token(access_token.expose_secret())
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk("GlobalSignOut", e))?;
        Ok(())
    }

    /// Reads the policy and sign-up requirements; needs AWS credentials.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeUserPool.html>
    pub async fn describe_pool(client: &Client, pool_id: &str) -> Result<PoolDescription> {
        let output = client
            .describe_user_pool()
            .user_pool_id(pool_id)
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk("DescribeUserPool", e))?;
        let pool = output.user_pool().ok_or_else(|| CognitoError::Unexpected {
            operation: "DescribeUserPool",
            detail: "no pool in the answer".into(),
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
        // Which methods are allowed lives in a separate call.
        // <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUserPoolMfaConfig.html>
        let config = client
            .get_user_pool_mfa_config()
            .user_pool_id(pool_id)
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk("GetUserPoolMfaConfig", e))?;
        let mut mfa_factors = Vec::new();
        if config
            .software_token_mfa_configuration()
            .is_some_and(|c| c.enabled())
        {
            mfa_factors.push(mfa::Factor::Totp);
        }
        if config.sms_mfa_configuration().is_some() {
            mfa_factors.push(mfa::Factor::Sms);
        }
        if config.email_mfa_configuration().is_some() {
            mfa_factors.push(mfa::Factor::Email);
        }
        Ok(PoolDescription {
            mfa,
            mfa_factors,
            password_policy: policy,
            required_attributes,
            email_is_username,
        })
    }
}

fn attribute(name: &str, value: &str) -> Result<AttributeType> {
    AttributeType::builder()
        .name(name)
        .value(value)
        .build()
        .map_err(|e| CognitoError::InvalidParameter(e.to_string()))
}
