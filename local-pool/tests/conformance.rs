//! One user's life, run against this pool and against moto's Cognito server,
//! both through the real AWS SDK: sign-up, confirmation, password sign-in,
//! GetUser, an administrator blanking an attribute (checked on this pool
//! only), a sign-in name in other capitals, ChangePassword, TOTP association, MFA sign-in and GlobalSignOut.
//!
//! Each step records what a caller could observe (which documented fields
//! came back, or which exception) into a [`Transcript`]; the two backends'
//! transcripts must match. Where moto is more lenient than Cognito (any
//! confirmation code, no SECRET_HASH check on some operations, no TOTP replay
//! protection, …) the step says so and checks only this pool's stricter answer.
//!
//! The moto test needs `pip install 'moto[server]'`.

#[path = "support/moto.rs"]
mod moto;

use std::collections::BTreeSet;
use std::fmt::Debug;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{Context as _, anyhow, bail, ensure};
use aws_lc_rs::hmac;
use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_cognitoidentityprovider::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_cognitoidentityprovider::operation::initiate_auth::InitiateAuthOutput;
use aws_sdk_cognitoidentityprovider::operation::respond_to_auth_challenge::RespondToAuthChallengeOutput;
use aws_sdk_cognitoidentityprovider::types::{
    AttributeType, AuthFlowType, AuthenticationResultType, ChallengeNameType, DeliveryMediumType,
    ExplicitAuthFlowsType, PasswordPolicyType, PreventUserExistenceErrorTypes,
    SoftwareTokenMfaConfigType, SoftwareTokenMfaSettingsType, UserPoolMfaType, UserPoolPolicyType,
    VerifiedAttributeType, VerifySoftwareTokenResponseType,
};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use local_pool::{Options, Purpose, RunningPool};
use moto::Moto;

const REGION: &str = "us-east-1";
const USERNAME: &str = "ada";
const EMAIL: &str = "ada@example.com";
const PASSWORD: &str = "Correct-Horse-1";
const NEW_PASSWORD: &str = "Battery-Staple-2";

#[tokio::test]
async fn local_pool_walks_a_user_through_the_shared_scenario() -> anyhow::Result<()> {
    let local = Backend::local().await?;
    scenario(&local).await?;
    local.stop().await;
    Ok(())
}

#[tokio::test]
async fn local_pool_answers_the_shared_scenario_like_moto() -> anyhow::Result<()> {
    let moto = Backend::moto().await?;
    let from_moto = scenario(&moto).await.context("moto")?;
    let local = Backend::local().await?;
    let from_local = scenario(&local).await.context("local pool")?;
    local.stop().await;
    assert_eq!(
        from_local.steps, from_moto.steps,
        "the local pool and moto answered the same calls differently (left: local pool, right: moto)"
    );
    Ok(())
}

/// The scenario, written once. Asserts what every Cognito stand-in must do,
/// plus this pool's stricter answers where [`Backend::is_strict`].
async fn scenario(backend: &Backend) -> anyhow::Result<Transcript> {
    let cognito = &backend.cognito;
    let mut transcript = Transcript::default();

    // --- Provisioning, as the app's setup script would do it.
    let pool = cognito
        .create_user_pool()
        .pool_name("conformance")
        .auto_verified_attributes(VerifiedAttributeType::Email)
        .policies(
            UserPoolPolicyType::builder()
                .password_policy(
                    PasswordPolicyType::builder()
                        .minimum_length(8)
                        .require_uppercase(true)
                        .require_lowercase(true)
                        .require_numbers(true)
                        .require_symbols(true)
                        .build(),
                )
                .build(),
        )
        .send()
        .await
        .context("CreateUserPool")?;
    let pool_id = pool
        .user_pool
        .and_then(|p| p.id)
        .ok_or_else(|| anyhow!("CreateUserPool returned no pool id"))?;
    ensure!(
        pool_id.starts_with("us-east-1_"),
        "pool id {pool_id} does not name its region"
    );
    cognito
        .set_user_pool_mfa_config()
        .user_pool_id(&pool_id)
        .software_token_mfa_configuration(
            SoftwareTokenMfaConfigType::builder().enabled(true).build(),
        )
        .mfa_configuration(UserPoolMfaType::Optional)
        .send()
        .await
        .context("SetUserPoolMfaConfig")?;
    let app = cognito
        .create_user_pool_client()
        .user_pool_id(&pool_id)
        .client_name("conformance-web")
        .generate_secret(true)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserPasswordAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserSrpAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowRefreshTokenAuth)
        .prevent_user_existence_errors(PreventUserExistenceErrorTypes::Enabled)
        .send()
        .await
        .context("CreateUserPoolClient")?
        .user_pool_client
        .ok_or_else(|| anyhow!("CreateUserPoolClient returned no client"))?;
    let client_id = app.client_id.context("client has no id")?;
    let client_secret = app.client_secret.context("client has no secret")?;
    let app = App {
        cognito,
        client_id: &client_id,
        secret: &client_secret,
    };

    // --- Sign-up.
    let weak = cognito
        .sign_up()
        .client_id(&client_id)
        .secret_hash(app.secret_hash(USERNAME))
        .username(USERNAME)
        .password("short")
        .user_attributes(email_attribute()?)
        .send()
        .await;
    transcript.record(
        "SignUp with a password the policy refuses",
        exception(weak)?,
    );

    if backend.is_strict() {
        // moto does not check SECRET_HASH on SignUp.
        let forged = cognito
            .sign_up()
            .client_id(&client_id)
            .secret_hash("bm90IHRoZSByaWdodCBoYXNo")
            .username(USERNAME)
            .password(PASSWORD)
            .user_attributes(email_attribute()?)
            .send()
            .await;
        assert_eq!(exception(forged)?, "NotAuthorizedException");
    }

    let signed_up = cognito
        .sign_up()
        .client_id(&client_id)
        .secret_hash(app.secret_hash(USERNAME))
        .username(USERNAME)
        .password(PASSWORD)
        .user_attributes(email_attribute()?)
        .send()
        .await
        .context("SignUp")?;
    ensure!(
        !signed_up.user_confirmed,
        "a new user was confirmed without a code"
    );
    let sub = signed_up.user_sub.clone();
    let delivery = signed_up
        .code_delivery_details
        .context("SignUp did not say where the code went")?;
    ensure!(delivery.delivery_medium == Some(DeliveryMediumType::Email));
    ensure!(delivery.attribute_name.as_deref() == Some("email"));
    let masked = delivery.destination.unwrap_or_default();
    ensure!(
        masked.contains('*') && masked != EMAIL,
        "the code destination {masked:?} is not masked"
    );
    transcript.record(
        "SignUp",
        fields([
            ("UserConfirmed=false", !signed_up.user_confirmed),
            ("UserSub", !sub.is_empty()),
            ("CodeDeliveryDetails.Destination", !masked.is_empty()),
        ]),
    );

    let again = cognito
        .sign_up()
        .client_id(&client_id)
        .secret_hash(app.secret_hash(USERNAME))
        .username(USERNAME)
        .password(PASSWORD)
        .user_attributes(email_attribute()?)
        .send()
        .await;
    transcript.record("SignUp with a taken username", exception(again)?);

    let unconfirmed = app.password_sign_in(USERNAME, PASSWORD).await;
    transcript.record("InitiateAuth before confirming", exception(unconfirmed)?);

    // --- Confirmation.
    if backend.is_strict() {
        // moto accepts any confirmation code, and no SECRET_HASH.
        let wrong = cognito
            .confirm_sign_up()
            .client_id(&client_id)
            .secret_hash(app.secret_hash(USERNAME))
            .username(USERNAME)
            .confirmation_code(wrong_code(&backend.confirmation_code(EMAIL)?))
            .send()
            .await;
        assert_eq!(exception(wrong)?, "CodeMismatchException");
        let forged = cognito
            .confirm_sign_up()
            .client_id(&client_id)
            .secret_hash("bm90IHRoZSByaWdodCBoYXNo")
            .username(USERNAME)
            .confirmation_code(backend.confirmation_code(EMAIL)?)
            .send()
            .await;
        assert_eq!(exception(forged)?, "NotAuthorizedException");
    }
    cognito
        .confirm_sign_up()
        .client_id(&client_id)
        .secret_hash(app.secret_hash(USERNAME))
        .username(USERNAME)
        .confirmation_code(backend.confirmation_code(EMAIL)?)
        .send()
        .await
        .context("ConfirmSignUp")?;
    transcript.record("ConfirmSignUp", "ok".to_owned());

    // --- Password sign-in.
    let wrong_password = app.password_sign_in(USERNAME, "Wrong-Horse-1").await;
    transcript.record(
        "InitiateAuth with a wrong password",
        exception(wrong_password)?,
    );

    if backend.is_strict() {
        // moto ignores PreventUserExistenceErrors and answers
        // UserNotFoundException, telling the caller the account is missing.
        let unknown = app.password_sign_in("nobody", PASSWORD).await;
        assert_eq!(exception(unknown)?, "NotAuthorizedException");

        // moto does not check SECRET_HASH on USER_PASSWORD_AUTH.
        let forged = cognito
            .initiate_auth()
            .client_id(&client_id)
            .auth_flow(AuthFlowType::UserPasswordAuth)
            .auth_parameters("USERNAME", USERNAME)
            .auth_parameters("PASSWORD", PASSWORD)
            .auth_parameters("SECRET_HASH", "bm90IHRoZSByaWdodCBoYXNo")
            .send()
            .await;
        assert_eq!(exception(forged)?, "NotAuthorizedException");
    }

    let first = app
        .password_sign_in(USERNAME, PASSWORD)
        .await
        .context("InitiateAuth USER_PASSWORD_AUTH")?;
    transcript.record(
        "InitiateAuth USER_PASSWORD_AUTH",
        initiate_auth_shape(&first),
    );
    let first = tokens(first.authentication_result)?;
    transcript.record(
        "access token claims",
        backend
            .check_token(&pool_id, &first.access, "access", &client_id)
            .await?,
    );
    transcript.record(
        "ID token claims",
        backend
            .check_token(&pool_id, &first.id, "id", &client_id)
            .await?,
    );

    // --- GetUser.
    let me = cognito
        .get_user()
        .access_token(&first.access)
        .send()
        .await
        .context("GetUser")?;
    ensure!(me.username == USERNAME, "GetUser names {:?}", me.username);
    let attribute = |name: &str| {
        me.user_attributes
            .iter()
            .find(|a| a.name == name)
            .and_then(|a| a.value.clone())
    };
    ensure!(
        attribute("sub").as_deref() == Some(sub.as_str()),
        "GetUser's sub is not SignUp's"
    );
    ensure!(attribute("email").as_deref() == Some(EMAIL));
    transcript.record(
        "GetUser",
        fields([
            ("Username", true),
            ("UserAttributes.sub", attribute("sub").is_some()),
            ("UserAttributes.email", attribute("email").is_some()),
        ]),
    );

    // --- What an administrator sets: a blank value deletes the attribute.
    for value in ["Ada", ""] {
        cognito
            .admin_update_user_attributes()
            .user_pool_id(&pool_id)
            .username(USERNAME)
            .user_attributes(AttributeType::builder().name("name").value(value).build()?)
            .send()
            .await
            .context("AdminUpdateUserAttributes")?;
    }
    let seen_by_admin = cognito
        .admin_get_user()
        .user_pool_id(&pool_id)
        .username(USERNAME)
        .send()
        .await
        .context("AdminGetUser")?;
    let name_left = seen_by_admin
        .user_attributes()
        .iter()
        .any(|a| a.name() == "name");
    if backend.is_strict() {
        // moto keeps the blank value.
        ensure!(!name_left, "a blank value did not delete the attribute");
    }

    // --- A pool created without UsernameConfiguration is case-sensitive.
    let capitals = app
        .password_sign_in(&USERNAME.to_uppercase(), PASSWORD)
        .await;
    transcript.record(
        "InitiateAuth with the username in capitals",
        fields([("refused", capitals.is_err())]),
    );

    // --- Groups: membership, listing, and the claim in new tokens.
    cognito
        .create_group()
        .user_pool_id(&pool_id)
        .group_name("admins")
        .precedence(1)
        .send()
        .await
        .context("CreateGroup")?;
    let twice = cognito
        .create_group()
        .user_pool_id(&pool_id)
        .group_name("admins")
        .send()
        .await;
    transcript.record("CreateGroup with a taken name", exception(twice)?);
    let no_group = cognito
        .admin_add_user_to_group()
        .user_pool_id(&pool_id)
        .username(USERNAME)
        .group_name("nobody-made-this")
        .send()
        .await;
    transcript.record("AdminAddUserToGroup to no group", exception(no_group)?);
    cognito
        .admin_add_user_to_group()
        .user_pool_id(&pool_id)
        .username(USERNAME)
        .group_name("admins")
        .send()
        .await
        .context("AdminAddUserToGroup")?;
    let listed = cognito
        .admin_list_groups_for_user()
        .user_pool_id(&pool_id)
        .username(USERNAME)
        .send()
        .await
        .context("AdminListGroupsForUser")?;
    let names: Vec<&str> = listed
        .groups()
        .iter()
        .filter_map(|g| g.group_name())
        .collect();
    transcript.record("AdminListGroupsForUser", format!("{names:?}"));
    let member = tokens(
        app.password_sign_in(USERNAME, PASSWORD)
            .await
            .context("sign-in as a group member")?
            .authentication_result,
    )?;
    transcript.record(
        "cognito:groups in new tokens",
        format!(
            "id {} access {}",
            claims(&member.id)["cognito:groups"],
            claims(&member.access)["cognito:groups"]
        ),
    );

    // --- ChangePassword.
    let wrong_previous = cognito
        .change_password()
        .access_token(&first.access)
        .previous_password("Wrong-Horse-1")
        .proposed_password(NEW_PASSWORD)
        .send()
        .await;
    transcript.record(
        "ChangePassword with a wrong previous password",
        exception(wrong_previous)?,
    );
    let weak = cognito
        .change_password()
        .access_token(&first.access)
        .previous_password(PASSWORD)
        .proposed_password("short")
        .send()
        .await;
    transcript.record("ChangePassword to a weak password", exception(weak)?);
    cognito
        .change_password()
        .access_token(&first.access)
        .previous_password(PASSWORD)
        .proposed_password(NEW_PASSWORD)
        .send()
        .await
        .context("ChangePassword")?;
    transcript.record("ChangePassword", "ok".to_owned());
    let old_password = app.password_sign_in(USERNAME, PASSWORD).await;
    transcript.record(
        "InitiateAuth with the old password",
        exception(old_password)?,
    );

    // --- TOTP association.
    let associated = cognito
        .associate_software_token()
        .access_token(&first.access)
        .send()
        .await
        .context("AssociateSoftwareToken")?;
    let secret = associated
        .secret_code
        .context("AssociateSoftwareToken returned no secret")?;
    transcript.record("AssociateSoftwareToken", fields([("SecretCode", true)]));
    if backend.is_strict() {
        // moto gives every user the same 12-character secret; Cognito's are
        // random and long enough for RFC 4226 (at least 128 bits).
        ensure!(secret != Moto::TOTP_SECRET);
        let bytes = totp_rs::Secret::try_from_base32(&secret)
            .map_err(|e| anyhow!("secret {secret:?} is not base32: {e:?}"))?;
        ensure!(
            bytes.as_bytes().len() >= 16,
            "TOTP secret shorter than 128 bits"
        );
    }
    let authenticator = Authenticator::new(&secret)?;

    let wrong = cognito
        .verify_software_token()
        .access_token(&first.access)
        .user_code(wrong_code(&authenticator.code_at(backend.now())))
        .friendly_device_name("phone")
        .send()
        .await;
    // Cognito and moto disagree on the name here; record it so a change on
    // either side shows up, but do not require equality.
    let wrong = exception(wrong)?;
    ensure!(
        wrong == "EnableSoftwareTokenMFAException" || wrong == "CodeMismatchException",
        "VerifySoftwareToken with a wrong code answered {wrong}"
    );

    let verification_code = authenticator.fresh_code(backend).await;
    let verified = cognito
        .verify_software_token()
        .access_token(&first.access)
        .user_code(&verification_code)
        .friendly_device_name("phone")
        .send()
        .await
        .context("VerifySoftwareToken")?;
    ensure!(verified.status == Some(VerifySoftwareTokenResponseType::Success));
    transcript.record("VerifySoftwareToken", fields([("Status=SUCCESS", true)]));

    cognito
        .set_user_mfa_preference()
        .access_token(&first.access)
        .software_token_mfa_settings(
            SoftwareTokenMfaSettingsType::builder()
                .enabled(true)
                .preferred_mfa(true)
                .build(),
        )
        .send()
        .await
        .context("SetUserMFAPreference")?;
    let me = cognito
        .get_user()
        .access_token(&first.access)
        .send()
        .await
        .context("GetUser after enabling MFA")?;
    ensure!(me.preferred_mfa_setting.as_deref() == Some("SOFTWARE_TOKEN_MFA"));
    ensure!(me.user_mfa_setting_list.as_deref() == Some(&["SOFTWARE_TOKEN_MFA".to_owned()][..]));
    transcript.record(
        "GetUser after SetUserMFAPreference",
        fields([
            ("PreferredMfaSetting=SOFTWARE_TOKEN_MFA", true),
            ("UserMFASettingList=[SOFTWARE_TOKEN_MFA]", true),
        ]),
    );

    // --- MFA sign-in.
    let challenged = app
        .password_sign_in(USERNAME, NEW_PASSWORD)
        .await
        .context("InitiateAuth with MFA on")?;
    ensure!(challenged.challenge_name == Some(ChallengeNameType::SoftwareTokenMfa));
    ensure!(
        challenged.authentication_result.is_none(),
        "tokens issued before the MFA code"
    );
    transcript.record("InitiateAuth with MFA on", initiate_auth_shape(&challenged));

    let wrong = app
        .answer_totp(
            &challenged,
            USERNAME,
            &wrong_code(&authenticator.code_at(backend.now())),
        )
        .await;
    transcript.record("SOFTWARE_TOKEN_MFA with a wrong code", exception(wrong)?);

    let challenged = app.password_sign_in(USERNAME, NEW_PASSWORD).await?;
    let session = challenged
        .session
        .clone()
        .context("challenge without a session")?;
    let forged = cognito
        .respond_to_auth_challenge()
        .client_id(&client_id)
        .challenge_name(ChallengeNameType::SoftwareTokenMfa)
        .session(&session)
        .challenge_responses("USERNAME", USERNAME)
        .challenge_responses(
            "SOFTWARE_TOKEN_MFA_CODE",
            authenticator.code_at(backend.now()),
        )
        .challenge_responses("SECRET_HASH", "bm90IHRoZSByaWdodCBoYXNo")
        .send()
        .await;
    transcript.record(
        "SOFTWARE_TOKEN_MFA with a wrong SECRET_HASH",
        exception(forged)?,
    );

    if backend.is_strict() {
        // moto lets a TOTP code be used again; Cognito does not (RFC 6238 §5.2).
        let challenged = app.password_sign_in(USERNAME, NEW_PASSWORD).await?;
        let replayed = app
            .answer_totp(&challenged, USERNAME, &verification_code)
            .await;
        assert_eq!(exception(replayed)?, "CodeMismatchException");
    }

    let challenged = app.password_sign_in(USERNAME, NEW_PASSWORD).await?;
    let code = authenticator.fresh_code(backend).await;
    let signed_in = app
        .answer_totp(&challenged, USERNAME, &code)
        .await
        .context("RespondToAuthChallenge SOFTWARE_TOKEN_MFA")?;
    transcript.record(
        "RespondToAuthChallenge SOFTWARE_TOKEN_MFA",
        fields([
            ("ChallengeName", signed_in.challenge_name.is_some()),
            (
                "AuthenticationResult",
                signed_in.authentication_result.is_some(),
            ),
        ]),
    );
    let second = tokens(signed_in.authentication_result)?;
    transcript.record(
        "tokens after MFA",
        backend
            .check_token(&pool_id, &second.access, "access", &client_id)
            .await?,
    );

    // --- GlobalSignOut.
    cognito
        .global_sign_out()
        .access_token(&second.access)
        .send()
        .await
        .context("GlobalSignOut")?;
    transcript.record("GlobalSignOut", "ok".to_owned());
    let after = cognito.get_user().access_token(&second.access).send().await;
    transcript.record("GetUser after GlobalSignOut", exception(after)?);
    let older = cognito.get_user().access_token(&first.access).send().await;
    transcript.record(
        "GetUser with an older token after GlobalSignOut",
        exception(older)?,
    );
    let refreshed = cognito
        .initiate_auth()
        .client_id(&client_id)
        .auth_flow(AuthFlowType::RefreshTokenAuth)
        .auth_parameters("REFRESH_TOKEN", &second.refresh)
        .auth_parameters("SECRET_HASH", app.secret_hash(USERNAME))
        .send()
        .await;
    transcript.record(
        "REFRESH_TOKEN_AUTH after GlobalSignOut",
        exception(refreshed)?,
    );

    Ok(transcript)
}

/// What the caller of each step saw, in order.
#[derive(Default)]
struct Transcript {
    steps: Vec<(&'static str, String)>,
}

impl Transcript {
    fn record(&mut self, step: &'static str, answer: String) {
        self.steps.push((step, answer));
    }
}

/// The documented fields that came back, e.g. `fields: AccessToken, IdToken`.
fn fields<const N: usize>(present: [(&str, bool); N]) -> String {
    let names: BTreeSet<&str> = present
        .iter()
        .filter(|(_, p)| *p)
        .map(|(n, _)| *n)
        .collect();
    format!(
        "fields: {}",
        names.into_iter().collect::<Vec<_>>().join(", ")
    )
}

fn initiate_auth_shape(out: &InitiateAuthOutput) -> String {
    let result = out.authentication_result.as_ref();
    fields([
        ("ChallengeName", out.challenge_name.is_some()),
        ("Session", out.session.is_some()),
        (
            "AuthenticationResult.AccessToken",
            result.is_some_and(|r| r.access_token.is_some()),
        ),
        (
            "AuthenticationResult.IdToken",
            result.is_some_and(|r| r.id_token.is_some()),
        ),
        (
            "AuthenticationResult.RefreshToken",
            result.is_some_and(|r| r.refresh_token.is_some()),
        ),
        (
            "AuthenticationResult.ExpiresIn=3600",
            result.is_some_and(|r| r.expires_in == 3600),
        ),
        (
            "AuthenticationResult.TokenType=Bearer",
            result.is_some_and(|r| r.token_type.as_deref() == Some("Bearer")),
        ),
    ])
}

/// The Cognito exception name of a call that must fail.
fn exception<T: Debug, E: ProvideErrorMetadata + Debug, R: Debug>(
    result: Result<T, SdkError<E, R>>,
) -> anyhow::Result<String> {
    match result {
        Ok(output) => bail!("expected a Cognito exception, got {output:?}"),
        Err(error) => match error.code() {
            Some(code) => Ok(code.to_owned()),
            None => bail!("expected a Cognito exception, got {error:?}"),
        },
    }
}

/// A six-digit code that differs from `code` in every digit.
fn wrong_code(code: &str) -> String {
    code.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_digit((d + 5) % 10, 10).unwrap_or('0'),
            None => '0',
        })
        .collect()
}

fn email_attribute() -> anyhow::Result<AttributeType> {
    Ok(AttributeType::builder()
        .name("email")
        .value(EMAIL)
        .build()?)
}

struct Tokens {
    access: String,
    id: String,
    refresh: String,
}

fn tokens(result: Option<AuthenticationResultType>) -> anyhow::Result<Tokens> {
    let result = result.context("no AuthenticationResult")?;
    Ok(Tokens {
        access: result.access_token.context("no AccessToken")?,
        id: result.id_token.context("no IdToken")?,
        refresh: result.refresh_token.context("no RefreshToken")?,
    })
}

/// The calls an app client with a secret makes.
struct App<'a> {
    cognito: &'a Client,
    client_id: &'a str,
    secret: &'a str,
}

impl App<'_> {
    /// <https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html#cognito-user-pools-computing-secret-hash>
    fn secret_hash(&self, username: &str) -> String {
        let key = hmac::Key::new(hmac::HMAC_SHA256, self.secret.as_bytes());
        let tag = hmac::sign(&key, format!("{username}{}", self.client_id).as_bytes());
        STANDARD.encode(tag.as_ref())
    }

    async fn password_sign_in(
        &self,
        username: &str,
        password: &str,
    ) -> Result<
        InitiateAuthOutput,
        SdkError<aws_sdk_cognitoidentityprovider::operation::initiate_auth::InitiateAuthError>,
    > {
        self.cognito
            .initiate_auth()
            .client_id(self.client_id)
            .auth_flow(AuthFlowType::UserPasswordAuth)
            .auth_parameters("USERNAME", username)
            .auth_parameters("PASSWORD", password)
            .auth_parameters("SECRET_HASH", self.secret_hash(username))
            .send()
            .await
    }

    async fn answer_totp(
        &self,
        challenge: &InitiateAuthOutput,
        username: &str,
        code: &str,
    ) -> Result<
        RespondToAuthChallengeOutput,
        SdkError<
            aws_sdk_cognitoidentityprovider::operation::respond_to_auth_challenge::RespondToAuthChallengeError,
        >,
    >{
        self.cognito
            .respond_to_auth_challenge()
            .client_id(self.client_id)
            .challenge_name(ChallengeNameType::SoftwareTokenMfa)
            .set_session(challenge.session.clone())
            .challenge_responses("USERNAME", username)
            .challenge_responses("SOFTWARE_TOKEN_MFA_CODE", code)
            .challenge_responses("SECRET_HASH", self.secret_hash(username))
            .send()
            .await
    }
}

/// An authenticator app holding the secret from AssociateSoftwareToken.
struct Authenticator {
    totp: totp_rs::Totp,
    /// The time step of the last code handed out, so no code is used twice.
    last_step: std::sync::Mutex<Option<u64>>,
}

impl Authenticator {
    fn new(secret: &str) -> anyhow::Result<Self> {
        // moto's secret is lower case and shorter than RFC 4226 allows, so
        // accept any case and skip totp-rs's length check (the strict
        // backend's length is asserted separately).
        let bytes = totp_rs::Secret::try_from_base32(secret.to_ascii_uppercase())
            .map_err(|e| anyhow!("TOTP secret {secret:?} is not base32: {e:?}"))?;
        Ok(Self {
            totp: totp_rs::Builder::new()
                .with_secret(bytes)
                .build_noncompliant(),
            last_step: std::sync::Mutex::new(None),
        })
    }

    fn code_at(&self, at: SystemTime) -> String {
        self.totp.generate(unix_seconds(at)).to_string()
    }

    /// A code from a time step not used before, as a person would wait for
    /// their app to show a new code before signing in again.
    async fn fresh_code(&self, backend: &Backend) -> String {
        let last = *self.last_step.lock().unwrap_or_else(|e| e.into_inner());
        let now = backend.time_for_new_code(last).await;
        *self.last_step.lock().unwrap_or_else(|e| e.into_inner()) = Some(unix_seconds(now) / 30);
        self.code_at(now)
    }
}

fn unix_seconds(at: SystemTime) -> u64 {
    at.duration_since(UNIX_EPOCH).unwrap_or_default().as_secs()
}

/// A Cognito stand-in and an SDK client pointed at it.
struct Backend {
    server: Server,
    cognito: Client,
}

enum Server {
    Local(RunningPool),
    Moto(Moto),
}

impl Backend {
    async fn local() -> anyhow::Result<Self> {
        let pool = local_pool::spawn("127.0.0.1:0".parse()?, Options::default()).await?;
        let cognito = sdk_client(&pool.endpoint());
        Ok(Self {
            server: Server::Local(pool),
            cognito,
        })
    }

    async fn moto() -> anyhow::Result<Self> {
        let moto = Moto::start().await?;
        let cognito = sdk_client(&moto.endpoint());
        Ok(Self {
            server: Server::Moto(moto),
            cognito,
        })
    }

    async fn stop(self) {
        if let Server::Local(pool) = self.server {
            pool.shutdown().await;
        }
    }

    /// Whether this backend is strict where Cognito is; moto is not.
    fn is_strict(&self) -> bool {
        matches!(self.server, Server::Local(_))
    }

    fn endpoint(&self) -> String {
        match &self.server {
            Server::Local(pool) => pool.endpoint(),
            Server::Moto(moto) => moto.endpoint(),
        }
    }

    /// The `iss` the backend's tokens must carry.
    fn issuer(&self, pool_id: &str) -> String {
        match &self.server {
            Server::Local(pool) => format!("{}/{pool_id}", pool.endpoint()),
            // moto names the real Cognito issuer, not its own address.
            Server::Moto(_) => Moto::issuer(pool_id),
        }
    }

    /// The backend's "now", which TOTP codes are computed from.
    fn now(&self) -> SystemTime {
        match &self.server {
            Server::Local(pool) => pool.clock().now(),
            Server::Moto(_) => SystemTime::now(),
        }
    }

    /// A moment at which a new TOTP code can be read and used, given the
    /// time step of the last code used.
    async fn time_for_new_code(&self, last_step: Option<u64>) -> SystemTime {
        match &self.server {
            Server::Local(pool) => {
                // This pool refuses a code from a step already used, as
                // Cognito does: move its clock on instead of waiting.
                if last_step.is_some_and(|last| unix_seconds(pool.clock().now()) / 30 <= last) {
                    pool.clock().advance(Duration::from_secs(30));
                }
                pool.clock().now()
            }
            Server::Moto(_) => {
                // moto takes a reused code but checks only the current step
                // (no ±30 s window), so a code read in the last moments of a
                // step could expire on the way. Not a timing assertion: this
                // waits at most two seconds for a step with room to spare.
                let left = 30 - unix_seconds(SystemTime::now()) % 30;
                if left <= 2 {
                    tokio::time::sleep(Duration::from_secs(left)).await;
                }
                SystemTime::now()
            }
        }
    }

    /// The sign-up code sent to `destination`.
    fn confirmation_code(&self, destination: &str) -> anyhow::Result<String> {
        match &self.server {
            Server::Local(pool) => pool
                .outbox(Some(destination))
                .into_iter()
                .rev()
                .find(|m| m.purpose == Purpose::SignUp)
                .and_then(|m| m.code)
                .ok_or_else(|| anyhow!("no sign-up code in the outbox for {destination}")),
            // moto sends nothing and accepts any code.
            Server::Moto(_) => Ok("123456".to_owned()),
        }
    }

    /// Checks a token's signature against the backend's JWKS, its issuer,
    /// audience and `token_use`, and returns the names of its claims.
    async fn check_token(
        &self,
        pool_id: &str,
        token: &str,
        token_use: &str,
        client_id: &str,
    ) -> anyhow::Result<String> {
        use jsonwebtoken::{Algorithm, DecodingKey, Validation};

        let header = jsonwebtoken::decode_header(token)?;
        ensure!(
            header.alg == Algorithm::RS256,
            "{token_use} token is not RS256"
        );
        let kid = header.kid.context("token has no kid")?;
        let jwks_url = format!("{}/{pool_id}/.well-known/jwks.json", self.endpoint());
        let jwks: serde_json::Value = reqwest::get(&jwks_url)
            .await?
            .error_for_status()?
            .json()
            .await
            .with_context(|| format!("reading {jwks_url}"))?;
        let key = jwks["keys"]
            .as_array()
            .and_then(|keys| keys.iter().find(|k| k["kid"] == kid.as_str()))
            .with_context(|| format!("kid {kid} is not in {jwks_url}"))?;
        let key = DecodingKey::from_rsa_components(
            key["n"].as_str().context("key has no n")?,
            key["e"].as_str().context("key has no e")?,
        )?;
        let mut validation = Validation::new(Algorithm::RS256);
        validation.set_issuer(&[self.issuer(pool_id)]);
        if token_use == "id" {
            validation.set_audience(&[client_id]);
        } else {
            // Access tokens carry `client_id` instead of `aud`.
            validation.validate_aud = false;
        }
        let claims: serde_json::Map<String, serde_json::Value> =
            jsonwebtoken::decode(token, &key, &validation)
                .with_context(|| format!("{token_use} token does not verify against {jwks_url}"))?
                .claims;
        ensure!(claims["token_use"] == token_use);
        if token_use == "access" {
            ensure!(claims["client_id"] == client_id);
            ensure!(claims["scope"] == "aws.cognito.signin.user.admin");
        }
        // Only the claims moto also writes are compared; this pool adds more
        // (email, email_verified, event_id).
        let common = [
            "sub",
            "iss",
            "aud",
            "client_id",
            "token_use",
            "auth_time",
            "exp",
            "iat",
            "jti",
            "origin_jti",
            "username",
            "cognito:username",
            "scope",
        ];
        let present: Vec<&str> = common
            .into_iter()
            .filter(|c| claims.contains_key(*c))
            .collect();
        Ok(format!("claims: {}", present.join(", ")))
    }
}

fn sdk_client(endpoint: &str) -> Client {
    let config = aws_sdk_cognitoidentityprovider::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(REGION))
        .endpoint_url(endpoint)
        // Admin calls are signed; neither backend checks the signature.
        .credentials_provider(Credentials::new(
            "local",
            "local",
            None,
            None,
            "conformance",
        ))
        .build();
    Client::from_conf(config)
}

/// A JWT's claims, read without checking the signature (the step that
/// uses it compares claims only; signatures are checked elsewhere).
fn claims(token: &str) -> serde_json::Value {
    token
        .split('.')
        .nth(1)
        .and_then(|payload| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(payload)
                .ok()
        })
        .and_then(|json| serde_json::from_slice(&json).ok())
        .unwrap_or_default()
}
