//! Signing in and out: InitiateAuth (with SRP), RespondToAuthChallenge,
//! refreshing tokens, RevokeToken and GlobalSignOut.

use std::collections::HashMap;
use std::time::{SystemTime, UNIX_EPOCH};

use aws_cognito_srp::{SrpClient, User as SrpUser};
use aws_sdk_cognitoidentityprovider::types::{
    AuthFlowType, AuthenticationResultType, ChallengeNameType,
};
use secrecy::{ExposeSecret, SecretString};

use super::challenge::{Answer, Challenge, FirstFactor, PendingChallenge};
use super::errors::{CognitoError, Operation};
use super::gateway::{AuthFlow, Gateway, Result};
use crate::domain::{Password, SignInName};

/// Tokens from a successful sign-in or refresh, already verified.
pub struct Tokens {
    pub id_token: SecretString,
    pub access_token: SecretString,
    /// Absent after a refresh (Cognito keeps the old one valid).
    pub refresh_token: Option<SecretString>,
    /// Unix seconds at which the access token expires.
    pub access_expires_at: u64,
    /// Unix seconds at which the ID token expires (the pool may give it
    /// another lifetime than the access token).
    pub id_expires_at: u64,
    /// The real username (`cognito:username`), needed for SECRET_HASH on refresh.
    pub username: String,
    pub sub: String,
    pub email: Option<String>,
    /// `cognito:groups` from the verified ID token (empty when in none).
    pub groups: Vec<String>,
    /// In a pool that tracks devices, the device this sign-in made
    /// (`NewDeviceMetadata`), which can be confirmed and remembered with
    /// these tokens; `None` after a refresh or a remembered device's sign-in.
    pub new_device: Option<NewDevice>,
    /// The device these tokens belong to once it is known (the new device
    /// confirmed, or the remembered one that signed in): a pool that
    /// tracks devices refreshes them only with its key. Set by the flows.
    pub device_key: Option<String>,
}

/// The device a sign-in made in a pool that tracks devices, not yet
/// confirmed (`NewDeviceMetadata`); see [`super::devices`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDevice {
    pub device_key: String,
    pub group_key: String,
}

/// Where a sign-in stands after a call to the pool.
pub enum SignInStep {
    SignedIn(Tokens),
    Challenge(PendingChallenge),
}

/// What InitiateAuth and RespondToAuthChallenge answer, before it is read.
struct Reply<'a> {
    challenge: Option<&'a ChallengeNameType>,
    session: Option<&'a str>,
    parameters: Option<&'a HashMap<String, String>>,
    result: Option<&'a AuthenticationResultType>,
    /// InitiateAuth's `AvailableChallenges` (SELECT_CHALLENGE only).
    available: &'a [ChallengeNameType],
}

/// The parts of an InitiateAuth or RespondToAuthChallenge answer that say
/// where the sign-in stands (the two SDK outputs have them, but share no trait).
macro_rules! reply {
    ($output:expr) => {
        reply!($output, &[])
    };
    ($output:expr, $available:expr) => {
        Reply {
            challenge: $output.challenge_name(),
            session: $output.session(),
            parameters: $output.challenge_parameters(),
            result: $output.authentication_result(),
            available: $available,
        }
    };
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

impl Gateway {
    /// Starts a sign-in with a password. With SRP, answers the
    /// PASSWORD_VERIFIER challenge itself so the password never leaves
    /// this server.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html>
    pub async fn sign_in(&self, name: &SignInName, password: &Password) -> Result<SignInStep> {
        self.sign_in_on(name, password, None).await
    }

    /// [`Self::sign_in`] from a browser that has a remembered device:
    /// `DEVICE_KEY` goes with the password (and with the SRP proof, where
    /// Cognito takes it too), and a pool that remembers the device asks
    /// DEVICE_SRP_AUTH instead of MFA ([`Self::answer_device_challenge`]).
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html>
    pub async fn sign_in_on(
        &self,
        name: &SignInName,
        password: &Password,
        device_key: Option<&str>,
    ) -> Result<SignInStep> {
        match self.app.auth_flow {
            AuthFlow::UserPasswordAuth => {
                let mut parameters = HashMap::from([
                    ("USERNAME".to_owned(), name.as_str().to_owned()),
                    (
                        "PASSWORD".to_owned(),
                        password.secret().expose_secret().to_owned(),
                    ),
                ]);
                if let Some(key) = device_key {
                    parameters.insert("DEVICE_KEY".to_owned(), key.to_owned());
                }
                let output = self
                    .client
                    .initiate_auth()
                    .client_id(&self.app.client_id)
                    .auth_flow(AuthFlowType::UserPasswordAuth)
                    .set_auth_parameters(self.with_secret_hash(name.as_str(), parameters))
                    .send()
                    .await
                    .map_err(|e| CognitoError::from_sdk(Operation::InitiateAuth, e))?;
                self.step(name.as_str(), reply!(output)).await
            }
            AuthFlow::UserSrpAuth => self.sign_in_srp(name, password, device_key).await,
        }
    }

    /// Signs a user in right after ConfirmSignUp, with the session it
    /// answered: the code they just confirmed with is their first factor
    /// (USER_AUTH). The pool must allow that factor (EMAIL_OTP or SMS_OTP)
    /// in its sign-in policy.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html>
    pub async fn sign_in_after_sign_up(
        &self,
        username: &str,
        session: &SecretString,
    ) -> Result<SignInStep> {
        let parameters = HashMap::from([("USERNAME".to_owned(), username.to_owned())]);
        let output = self
            .client
            .initiate_auth()
            .client_id(&self.app.client_id)
            .auth_flow(AuthFlowType::UserAuth)
            .set_auth_parameters(self.with_secret_hash(username, parameters))
            .session(session.expose_secret())
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk(Operation::InitiateAuth, e))?;
        self.step(username, reply!(output)).await
    }

    /// `parameters` with SECRET_HASH for `username` added (confidential
    /// clients), as the map the SDK's `set_*` builders take.
    pub(super) fn with_secret_hash(
        &self,
        username: &str,
        mut parameters: HashMap<String, String>,
    ) -> Option<HashMap<String, String>> {
        if let Some(hash) = self.secret_hash(username) {
            parameters.insert("SECRET_HASH".to_owned(), hash);
        }
        (!parameters.is_empty()).then_some(parameters)
    }

    async fn sign_in_srp(
        &self,
        name: &SignInName,
        password: &Password,
        device_key: Option<&str>,
    ) -> Result<SignInStep> {
        let srp = self.srp_client(name.as_str(), password);
        let mut parameters = HashMap::from([
            ("USERNAME".to_owned(), name.as_str().to_owned()),
            ("SRP_A".to_owned(), srp.get_auth_parameters().a),
        ]);
        if let Some(key) = device_key {
            parameters.insert("DEVICE_KEY".to_owned(), key.to_owned());
        }
        let output = self
            .client
            .initiate_auth()
            .client_id(&self.app.client_id)
            .auth_flow(AuthFlowType::UserSrpAuth)
            .set_auth_parameters(self.with_secret_hash(name.as_str(), parameters))
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk(Operation::InitiateAuth, e))?;
        self.prove_password(&srp, name.as_str(), reply!(output), device_key)
            .await
    }

    fn srp_client(&self, name: &str, password: &Password) -> SrpClient<SrpUser> {
        SrpClient::new(
            SrpUser::new(&self.app.pool_id, name, password.secret().expose_secret()),
            &self.app.client_id,
            self.app.client_secret.as_ref().map(|s| s.expose_secret()),
        )
    }

    /// Answers the PASSWORD_VERIFIER challenge that follows SRP_A (from
    /// USER_SRP_AUTH, or PASSWORD_SRP in choice-based sign-in) with the
    /// proof that `srp` knows the password; any other answer is read as is.
    async fn prove_password(
        &self,
        srp: &SrpClient<SrpUser>,
        name: &str,
        reply: Reply<'_>,
        device_key: Option<&str>,
    ) -> Result<SignInStep> {
        let operation = Operation::RespondToAuthChallenge;
        if reply.challenge != Some(&ChallengeNameType::PasswordVerifier) {
            return self.step(name, reply).await;
        }
        let empty = HashMap::new();
        let params = reply.parameters.unwrap_or(&empty);
        let get = |key: &str| {
            params.get(key).cloned().ok_or_else(|| {
                CognitoError::unexpected(operation, format!("PASSWORD_VERIFIER without {key}"))
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
            .map_err(|e| CognitoError::unexpected(operation, format!("SRP parameters: {e}")))?;
        // From here on Cognito knows the real username (a UUID in pools
        // that sign in with email), and SECRET_HASH must use it.
        let mut responses = HashMap::from([
            ("USERNAME".to_owned(), user_id.clone()),
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
        if let Some(key) = device_key {
            responses.insert("DEVICE_KEY".to_owned(), key.to_owned());
        }
        self.send_answer(
            ChallengeNameType::PasswordVerifier,
            reply.session,
            &user_id,
            responses,
        )
        .await
    }

    /// Starts choice-based sign-in (InitiateAuth with USER_AUTH) for
    /// `name`: the first factor's challenge when `preferred` names one that
    /// needs nothing typed first (a code sent, a passkey asked for), else
    /// SELECT_CHALLENGE with the factors this name may use. The password
    /// is never preferred here: it is typed on the page SELECT_CHALLENGE
    /// shows, and sent with the choice.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html>
    pub async fn start_choice(
        &self,
        name: &SignInName,
        preferred: Option<FirstFactor>,
    ) -> Result<SignInStep> {
        let mut parameters = HashMap::from([("USERNAME".to_owned(), name.as_str().to_owned())]);
        if let Some(factor) = preferred.filter(|f| *f != FirstFactor::Password) {
            parameters.insert(
                "PREFERRED_CHALLENGE".to_owned(),
                factor.cognito_name().to_owned(),
            );
        }
        let output = self
            .client
            .initiate_auth()
            .client_id(&self.app.client_id)
            .auth_flow(AuthFlowType::UserAuth)
            .set_auth_parameters(self.with_secret_hash(name.as_str(), parameters))
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk(Operation::InitiateAuth, e))?;
        self.step(name.as_str(), reply!(output, output.available_challenges()))
            .await
    }

    /// Answers SELECT_CHALLENGE with `factor`. The password goes with the
    /// choice: as PASSWORD_SRP (then PASSWORD_VERIFIER, answered here) or,
    /// where the app proves passwords in the clear, as PASSWORD. Other
    /// factors answer with the challenge they start (a code sent, a
    /// passkey asked for).
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html>
    ///
    /// `device_key`, a remembered device's, goes with the password (in
    /// the answer, or with the SRP proof): the pool then asks the device
    /// to prove itself (DEVICE_SRP_AUTH) instead of MFA.
    pub async fn choose_first_factor(
        &self,
        session: &SecretString,
        username: &str,
        factor: FirstFactor,
        password: Option<&Password>,
        device_key: Option<&str>,
    ) -> Result<SignInStep> {
        let mut responses = HashMap::from([("USERNAME".to_owned(), username.to_owned())]);
        let srp = match (factor, password) {
            (FirstFactor::Password, None) => {
                return Err(CognitoError::unexpected(
                    Operation::RespondToAuthChallenge,
                    "the password factor chosen without a password",
                ));
            }
            (FirstFactor::Password, Some(password)) => match self.app.auth_flow {
                AuthFlow::UserSrpAuth => {
                    let srp = self.srp_client(username, password);
                    responses.insert("ANSWER".to_owned(), "PASSWORD_SRP".to_owned());
                    responses.insert("SRP_A".to_owned(), srp.get_auth_parameters().a);
                    Some(srp)
                }
                AuthFlow::UserPasswordAuth => {
                    responses.insert("ANSWER".to_owned(), "PASSWORD".to_owned());
                    responses.insert(
                        "PASSWORD".to_owned(),
                        password.secret().expose_secret().to_owned(),
                    );
                    if let Some(key) = device_key {
                        responses.insert("DEVICE_KEY".to_owned(), key.to_owned());
                    }
                    None
                }
            },
            (other, _) => {
                responses.insert("ANSWER".to_owned(), other.cognito_name().to_owned());
                None
            }
        };
        let output = self
            .client
            .respond_to_auth_challenge()
            .client_id(&self.app.client_id)
            .challenge_name(ChallengeNameType::SelectChallenge)
            .session(session.expose_secret())
            .set_challenge_responses(self.with_secret_hash(username, responses))
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk(Operation::RespondToAuthChallenge, e))?;
        match srp {
            Some(srp) => {
                self.prove_password(&srp, username, reply!(output), device_key)
                    .await
            }
            None => self.step(username, reply!(output)).await,
        }
    }

    /// Answers the challenge `pending` asked with `answer`.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html>
    pub async fn respond(
        &self,
        session: &SecretString,
        username: &str,
        answer: Answer<'_>,
    ) -> Result<SignInStep> {
        let (name, responses) = answer.to_wire();
        self.send_answer(
            ChallengeNameType::from(name),
            Some(session.expose_secret()),
            username,
            responses,
        )
        .await
    }

    pub(super) async fn send_answer(
        &self,
        challenge: ChallengeNameType,
        session: Option<&str>,
        username: &str,
        mut responses: HashMap<String, String>,
    ) -> Result<SignInStep> {
        responses
            .entry("USERNAME".to_owned())
            .or_insert_with(|| username.to_owned());
        let output = self
            .client
            .respond_to_auth_challenge()
            .client_id(&self.app.client_id)
            .challenge_name(challenge)
            .set_session(session.map(str::to_owned))
            .set_challenge_responses(self.with_secret_hash(username, responses))
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk(Operation::RespondToAuthChallenge, e))?;
        self.step(username, reply!(output)).await
    }

    /// Reads an answer: tokens, or the next challenge.
    async fn step(&self, username: &str, reply: Reply<'_>) -> Result<SignInStep> {
        if let Some(result) = reply.result {
            return Ok(SignInStep::SignedIn(self.tokens(result, None).await?));
        }
        let Some(name) = reply.challenge else {
            return Err(CognitoError::unexpected(
                Operation::InitiateAuth,
                "neither tokens nor a challenge",
            ));
        };
        let empty = HashMap::new();
        let parameters = reply.parameters.unwrap_or(&empty);
        let username = parameters
            .get("USER_ID_FOR_SRP")
            .or_else(|| parameters.get("USERNAME"))
            .cloned()
            .unwrap_or_else(|| username.to_owned());
        let available: Vec<&str> = reply
            .available
            .iter()
            .map(ChallengeNameType::as_str)
            .collect();
        Ok(SignInStep::Challenge(PendingChallenge {
            challenge: Challenge::from_wire(name.as_str(), parameters, &available),
            session: SecretString::from(reply.session.unwrap_or_default().to_owned()),
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
        let unexpected = |detail: String| CognitoError::unexpected(Operation::Tokens, detail);
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
            id_expires_at: id.exp,
            username: id.username,
            sub: id.sub,
            email: id.email,
            groups: id.groups,
            new_device: result.new_device_metadata().and_then(|m| {
                Some(NewDevice {
                    device_key: m.device_key()?.to_owned(),
                    group_key: m.device_group_key()?.to_owned(),
                })
            }),
            device_key: None,
        })
    }

    /// New ID and access tokens from the refresh token. A refusal means
    /// the sign-in is over ([`CognitoError::SessionEnded`]).
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html>
    /// (REFRESH_TOKEN_AUTH; SECRET_HASH uses the real username). In a pool
    /// that tracks devices the tokens' `device_key` must go with it.
    /// <https://repost.aws/knowledge-center/cognito-invalid-refresh-token-error>
    pub async fn refresh(
        &self,
        username: &str,
        refresh_token: &SecretString,
        device_key: Option<&str>,
    ) -> Result<Tokens> {
        let operation = Operation::RefreshTokenAuth;
        let mut parameters = HashMap::from([(
            "REFRESH_TOKEN".to_owned(),
            refresh_token.expose_secret().to_owned(),
        )]);
        if let Some(key) = device_key {
            parameters.insert("DEVICE_KEY".to_owned(), key.to_owned());
        }
        let output = self
            .client
            .initiate_auth()
            .client_id(&self.app.client_id)
            .auth_flow(AuthFlowType::RefreshTokenAuth)
            .set_auth_parameters(self.with_secret_hash(username, parameters))
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk(operation, e))?;
        let result = output
            .authentication_result()
            .ok_or_else(|| CognitoError::unexpected(operation, "no tokens in the answer"))?;
        self.tokens(result, Some(refresh_token)).await
    }

    /// Revokes the refresh token and the access tokens issued from it.
    /// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RevokeToken.html>
    pub async fn revoke(&self, refresh_token: &SecretString) -> Result<()> {
        self.client
            .revoke_token()
            .client_id(&self.app.client_id)
            .token(refresh_token.expose_secret())
            .set_client_secret(
                self.app
                    .client_secret
                    .as_ref()
                    .map(|s| s.expose_secret().to_owned()),
            )
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk(Operation::RevokeToken, e))?;
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
            .map_err(|e| CognitoError::from_sdk(Operation::GlobalSignOut, e))?;
        Ok(())
    }
}
