//! Where the local pool once differed from Cognito, one test per
//! difference, each through the AWS SDK. The behaviour each test asserts
//! is the one Cognito's API reference or developer guide documents (the
//! page is named in the test); every test failed on the pool before the
//! difference was removed.

mod harness;

use std::time::Duration;

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::operation::create_user_pool_client::builders::CreateUserPoolClientFluentBuilder;
use aws_sdk_cognitoidentityprovider::types::{
    AccountRecoverySettingType, AdminCreateUserConfigType, AttributeDataType, AuthFlowType,
    ChallengeNameType, EmailMfaSettingsType, ExplicitAuthFlowsType, MessageActionType,
    PreventUserExistenceErrorTypes, RecoveryOptionNameType, RecoveryOptionType,
    SchemaAttributeType, UserPoolMfaType, UsernameConfigurationType,
};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::Value;

use harness::{Harness, PASSWORD, Setup, attr, totp_now};

const TEMPORARY: &str = "Temporary-Pass-1";

/// A client without a secret on the harness pool, allowed the password
/// flows and USER_AUTH, configured further by `configure`.
async fn public_client(
    h: &Harness,
    configure: impl FnOnce(CreateUserPoolClientFluentBuilder) -> CreateUserPoolClientFluentBuilder,
) -> String {
    let request = h
        .admin
        .create_user_pool_client()
        .user_pool_id(&h.pool_id)
        .client_name("public")
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserPasswordAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowRefreshTokenAuth)
        .prevent_user_existence_errors(PreventUserExistenceErrorTypes::Enabled);
    configure(request)
        .send()
        .await
        .expect("CreateUserPoolClient")
        .user_pool_client()
        .and_then(|c| c.client_id())
        .expect("client id")
        .to_owned()
}

/// A second pool, named by its usernames (no username attributes), with
/// `name` required, and a public client that prevents user existence
/// errors; returns (pool id, client id).
async fn username_pool(admin: &Client, case_sensitive: Option<bool>) -> (String, String) {
    let mut request = admin.create_user_pool().pool_name("names").schema(
        SchemaAttributeType::builder()
            .name("name")
            .attribute_data_type(AttributeDataType::String)
            .required(true)
            .mutable(true)
            .build(),
    );
    if let Some(case_sensitive) = case_sensitive {
        request = request.username_configuration(
            UsernameConfigurationType::builder()
                .case_sensitive(case_sensitive)
                .build()
                .expect("case sensitivity set"),
        );
    }
    let pool_id = request
        .send()
        .await
        .expect("CreateUserPool")
        .user_pool()
        .and_then(|p| p.id())
        .expect("pool id")
        .to_owned();
    let client_id = admin
        .create_user_pool_client()
        .user_pool_id(&pool_id)
        .client_name("public")
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserPasswordAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserSrpAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowRefreshTokenAuth)
        .prevent_user_existence_errors(PreventUserExistenceErrorTypes::Enabled)
        .send()
        .await
        .expect("CreateUserPoolClient")
        .user_pool_client()
        .and_then(|c| c.client_id())
        .expect("client id")
        .to_owned();
    (pool_id, client_id)
}

/// Creates `name` with a temporary password (no invitation sent).
async fn invite(admin: &Client, pool_id: &str, name: &str, full_name: &str) {
    admin
        .admin_create_user()
        .user_pool_id(pool_id)
        .username(name)
        .temporary_password(TEMPORARY)
        .message_action(MessageActionType::Suppress)
        .user_attributes(attr("name", full_name))
        .send()
        .await
        .expect("AdminCreateUser");
}

async fn sign_in(
    user: &Client,
    client_id: &str,
    name: &str,
    password: &str,
) -> Result<
    aws_sdk_cognitoidentityprovider::operation::initiate_auth::InitiateAuthOutput,
    aws_sdk_cognitoidentityprovider::operation::initiate_auth::InitiateAuthError,
> {
    user.initiate_auth()
        .client_id(client_id)
        .auth_flow(AuthFlowType::UserPasswordAuth)
        .auth_parameters("USERNAME", name)
        .auth_parameters("PASSWORD", password)
        .send()
        .await
        .map_err(|e| e.into_service_error())
}

/// Gives `username` a verified phone number, as an administrator would.
async fn give_verified_phone(h: &Harness, username: &str, phone: &str) {
    h.admin
        .admin_update_user_attributes()
        .user_pool_id(&h.pool_id)
        .username(username)
        .user_attributes(attr("phone_number", phone))
        .user_attributes(attr("phone_number_verified", "true"))
        .send()
        .await
        .expect("AdminUpdateUserAttributes");
}

/// The claims of a JWT, unverified (the tests look at what is in it).
fn claims(token: &str) -> Value {
    let payload = token.split('.').nth(1).expect("three parts");
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).expect("base64url")).expect("JSON")
}

fn header(token: &str) -> Value {
    let head = token.split('.').next().expect("three parts");
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(head).expect("base64url")).expect("JSON")
}

fn tokens(
    out: &aws_sdk_cognitoidentityprovider::operation::initiate_auth::InitiateAuthOutput,
) -> (String, String) {
    let result = out.authentication_result().expect("tokens");
    (
        result.access_token().expect("access").to_owned(),
        result.id_token().expect("id").to_owned(),
    )
}

// 1. <https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html#user-pool-settings-attribute-permissions-and-scopes>
#[tokio::test]
async fn a_client_reads_and_writes_only_the_attributes_it_is_given() {
    let h = Harness::start().await;
    h.user
        .sign_up()
        .client_id(&h.client_id)
        .secret_hash(h.hash("reader@example.com"))
        .username("reader@example.com")
        .password(PASSWORD)
        .user_attributes(attr("email", "reader@example.com"))
        .user_attributes(attr("name", "Rea Der"))
        .user_attributes(attr("custom:tenant", "acme"))
        .send()
        .await
        .expect("SignUp");
    h.confirm("reader@example.com").await;
    let limited = public_client(&h, |c| {
        c.read_attributes("email")
            .read_attributes("email_verified")
            .read_attributes("name")
            .write_attributes("name")
    })
    .await;
    let out = sign_in(&h.user, &limited, "reader@example.com", PASSWORD)
        .await
        .expect("sign in");
    let (access, id) = tokens(&out);
    let got = h
        .user
        .get_user()
        .access_token(&access)
        .send()
        .await
        .expect("GetUser");
    let names: Vec<&str> = got.user_attributes().iter().map(|a| a.name()).collect();
    assert!(names.contains(&"email") && names.contains(&"name") && names.contains(&"sub"));
    assert!(!names.contains(&"custom:tenant"), "{names:?}");
    let id_claims = claims(&id);
    assert_eq!(id_claims["name"], "Rea Der");
    assert!(id_claims.get("custom:tenant").is_none(), "{id_claims}");
    // The client that may read everything still sees it.
    let all = h.access_token("reader@example.com").await;
    let got = h
        .user
        .get_user()
        .access_token(&all)
        .send()
        .await
        .expect("GetUser");
    assert!(
        got.user_attributes()
            .iter()
            .any(|a| a.name() == "custom:tenant")
    );

    let err = h
        .user
        .update_user_attributes()
        .access_token(&access)
        .user_attributes(attr("custom:tenant", "evil"))
        .send()
        .await
        .expect_err("not writable")
        .into_service_error();
    assert!(err.is_not_authorized_exception(), "{err:?}");
    h.user
        .update_user_attributes()
        .access_token(&access)
        .user_attributes(attr("name", "Rea"))
        .send()
        .await
        .expect("name is writable");
    let err = h
        .user
        .sign_up()
        .client_id(&limited)
        .username("writer@example.com")
        .password(PASSWORD)
        .user_attributes(attr("email", "writer@example.com"))
        .send()
        .await
        .expect_err("email is not writable through this client")
        .into_service_error();
    assert!(err.is_not_authorized_exception(), "{err:?}");
}

// 2. <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UsernameConfigurationType.html>
#[tokio::test]
async fn sign_in_names_are_case_sensitive_unless_the_pool_says_otherwise() {
    let h = Harness::start().await;
    for (case_sensitive, lower_signs_in) in
        [(None, false), (Some(true), false), (Some(false), true)]
    {
        let (pool_id, client_id) = username_pool(&h.admin, case_sensitive).await;
        invite(&h.admin, &pool_id, "Ada", "Ada L").await;
        h.admin
            .admin_set_user_password()
            .user_pool_id(&pool_id)
            .username("Ada")
            .password(PASSWORD)
            .permanent(true)
            .send()
            .await
            .expect("AdminSetUserPassword");
        sign_in(&h.user, &client_id, "Ada", PASSWORD)
            .await
            .expect("the exact name");
        let lower = sign_in(&h.user, &client_id, "ada", PASSWORD).await;
        assert_eq!(
            lower.is_ok(),
            lower_signs_in,
            "{case_sensitive:?}: {lower:?}"
        );
    }
    // The harness pool (email as username, created without the setting)
    // is case-sensitive too, emails included.
    h.confirmed_user("mixed@example.com").await;
    h.password_auth("Mixed@example.com", PASSWORD)
        .await
        .expect_err("another spelling");
}

// 3. <https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html>
// (ConfirmSignUp is in operations.rs.)
#[tokio::test]
async fn wrong_reset_codes_are_mismatches_until_the_hourly_limit_then_limit_exceeded() {
    let h = Harness::start().await;
    h.confirmed_user("reset@example.com").await;
    h.user
        .forgot_password()
        .client_id(&h.client_id)
        .secret_hash(h.hash("reset@example.com"))
        .username("reset@example.com")
        .send()
        .await
        .expect("ForgotPassword");
    let code = h.latest_code("reset@example.com");
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let confirm = |given: &str| {
        h.user
            .confirm_forgot_password()
            .client_id(&h.client_id)
            .secret_hash(h.hash("reset@example.com"))
            .username("reset@example.com")
            .confirmation_code(given)
            .password("Another-Pass-2")
            .send()
    };
    for attempt in 0..5 {
        let err = confirm(wrong)
            .await
            .expect_err("wrong")
            .into_service_error();
        assert!(
            err.is_code_mismatch_exception(),
            "attempt {attempt}: {err:?}"
        );
    }
    let err = confirm(&code)
        .await
        .expect_err("limited")
        .into_service_error();
    assert!(err.is_limit_exceeded_exception(), "{err:?}");
}

// 3, for names with no account: the same counts, so that the limit
// reveals nothing where the client prevents user existence errors.
#[tokio::test]
async fn an_unknown_name_meets_the_wrong_code_limits_as_an_account_does() {
    let h = Harness::start().await;
    let name = "nobody@example.com";
    for attempt in 0..6 {
        let err = h
            .user
            .confirm_forgot_password()
            .client_id(&h.client_id)
            .secret_hash(h.hash(name))
            .username(name)
            .confirmation_code("123456")
            .password("Another-Pass-2")
            .send()
            .await
            .expect_err("no account")
            .into_service_error();
        if attempt < 5 {
            assert!(
                err.is_code_mismatch_exception(),
                "attempt {attempt}: {err:?}"
            );
        } else {
            assert!(err.is_limit_exceeded_exception(), "{err:?}");
        }
    }
    for attempt in 0..16 {
        let err = h
            .user
            .confirm_sign_up()
            .client_id(&h.client_id)
            .secret_hash(h.hash(name))
            .username(name)
            .confirmation_code("123456")
            .send()
            .await
            .expect_err("no account")
            .into_service_error();
        if attempt < 15 {
            assert!(
                err.is_code_mismatch_exception(),
                "attempt {attempt}: {err:?}"
            );
        } else {
            assert!(err.is_limit_exceeded_exception(), "{err:?}");
        }
    }
}

// 4. <https://docs.aws.amazon.com/cognito/latest/developerguide/authentication.html#authentication-flow-lockout-behavior>
#[tokio::test]
async fn wrong_passwords_lock_sign_in_out_for_a_doubling_time_known_names_or_not() {
    let h = Harness::start().await;
    h.confirmed_user("locked@example.com").await;
    for name in ["locked@example.com", "nobody@example.com"] {
        // Five failures, then one more as each lockout ends (the clock
        // moved past it): the eleventh starts a lockout of 64 s, which the
        // steps below fall inside however slow the machine.
        for attempt in 0..11 {
            if attempt >= 5 {
                h.pool
                    .clock()
                    .advance(Duration::from_secs(1 << (attempt - 5)));
            }
            let err = h
                .password_auth(name, "Wrong-Password-9")
                .await
                .expect_err("wrong");
            assert_eq!(
                err.meta().message(),
                Some("Incorrect username or password."),
                "{name} attempt {attempt}"
            );
        }
        // Locked: even the right password is refused, and an unknown name
        // is refused the same way.
        let err = h.password_auth(name, PASSWORD).await.expect_err("locked");
        assert!(err.is_not_authorized_exception(), "{err:?}");
        assert_eq!(err.meta().message(), Some("Password attempts exceeded"));
    }
    let err = h
        .srp_auth("locked@example.com", PASSWORD)
        .await
        .expect_err("SRP is locked out too");
    assert_eq!(err.meta().message(), Some("Password attempts exceeded"));
    h.pool.clock().advance(Duration::from_secs(64));
    h.password_auth("locked@example.com", PASSWORD)
        .await
        .expect("the lockout is over");
}

/// Wrong passwords for `name` through the public `client_id`: five, then
/// one more as each lockout ends (the pool's clock moved past it), so the
/// eleventh starts a lockout of 64 s, long enough for the next step on any
/// machine.
async fn lock_out(h: &Harness, client_id: &str, name: &str) {
    for attempt in 0..11 {
        if attempt >= 5 {
            h.pool
                .clock()
                .advance(Duration::from_secs(1 << (attempt - 5)));
        }
        sign_in(&h.user, client_id, name, "Wrong-Password-9")
            .await
            .expect_err("wrong");
    }
}

// 4, for names: in a case-sensitive pool another spelling is another name,
// and in a case-insensitive one the same name. That holds for an account
// and, alike, for a name with no account, or the lockout would tell them
// apart.
#[tokio::test]
async fn a_lockout_follows_the_pools_case_sensitivity_for_accounts_and_unknown_names() {
    let h = Harness::start().await;
    for case_sensitive in [true, false] {
        let (pool_id, client_id) = username_pool(&h.admin, Some(case_sensitive)).await;
        invite(&h.admin, &pool_id, "Bob", "Bob B").await;
        h.admin
            .admin_set_user_password()
            .user_pool_id(&pool_id)
            .username("Bob")
            .password(PASSWORD)
            .permanent(true)
            .send()
            .await
            .expect("AdminSetUserPassword");
        // "Bob" has an account, "Carl" has none.
        for (lower, capital) in [("bob", "Bob"), ("carl", "Carl")] {
            lock_out(&h, &client_id, lower).await;
            let err = sign_in(&h.user, &client_id, capital, "Wrong-Password-9")
                .await
                .expect_err("wrong");
            let locked = err.meta().message() == Some("Password attempts exceeded");
            assert_eq!(
                locked, !case_sensitive,
                "{capital}, case-sensitive {case_sensitive}: {err:?}"
            );
        }
    }
}

// 4. <https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html>
#[tokio::test]
async fn wrong_previous_passwords_in_change_password_hit_the_hourly_limit() {
    let h = Harness::start().await;
    h.confirmed_user("changer@example.com").await;
    let access = h.access_token("changer@example.com").await;
    for _ in 0..5 {
        let err = change_password(&h, &access, "Wrong-Password-9")
            .await
            .expect_err("wrong")
            .into_service_error();
        assert!(err.is_not_authorized_exception(), "{err:?}");
    }
    let err = change_password(&h, &access, PASSWORD)
        .await
        .expect_err("limited")
        .into_service_error();
    assert!(err.is_limit_exceeded_exception(), "{err:?}");
    h.pool.clock().advance(Duration::from_secs(3600));
    // The access token lasted the hour too; a fresh one.
    let access = h.access_token("changer@example.com").await;
    change_password(&h, &access, PASSWORD)
        .await
        .expect("the hour is over");
}

async fn change_password(
    h: &Harness,
    access: &str,
    previous: &str,
) -> Result<
    aws_sdk_cognitoidentityprovider::operation::change_password::ChangePasswordOutput,
    aws_sdk_cognitoidentityprovider::error::SdkError<
        aws_sdk_cognitoidentityprovider::operation::change_password::ChangePasswordError,
    >,
> {
    h.user
        .change_password()
        .access_token(access)
        .previous_password(previous)
        .proposed_password("Another-Pass-2")
        .send()
        .await
}

// 5. The format is the AWS SDKs' (the API reference shows only
// `[timestamp]`); the answer to a late proof is NotAuthorizedException
// (RespondToAuthChallenge: "respond to this challenge within a few seconds").
#[tokio::test]
async fn an_srp_timestamp_in_another_format_or_far_from_now_is_refused() {
    let h = Harness::start().await;
    h.confirmed_user("stamp@example.com").await;
    for bad in [
        // A zero-padded day; a weekday that is not that date's.
        "Mon Jan 02 03:04:05 UTC 2006",
        "Tue Jan 2 03:04:05 UTC 2006",
    ] {
        let err = h
            .srp_auth_stamped("stamp@example.com", PASSWORD, Some(bad))
            .await
            .expect_err(bad);
        assert!(err.is_invalid_parameter_exception(), "{bad}: {err:?}");
    }
    // Well formed, but twenty years ago.
    let err = h
        .srp_auth_stamped(
            "stamp@example.com",
            PASSWORD,
            Some("Mon Jan 2 03:04:05 UTC 2006"),
        )
        .await
        .expect_err("skewed");
    assert!(err.is_not_authorized_exception(), "{err:?}");
    assert!(
        err.meta()
            .message()
            .is_some_and(|m| m.contains("TIMESTAMP")),
        "refused for its time, not as a wrong password: {err:?}"
    );
    h.srp_auth("stamp@example.com", PASSWORD)
        .await
        .expect("the SDK's own timestamp");
}

// 7. <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html>
// ("The MFA types activated for the user pool will be listed in the
// challenge parameters MFAS_CAN_SETUP value.")
#[tokio::test]
async fn mfa_setup_lists_every_method_the_pool_allows() {
    let h = Harness::with(Setup {
        mfa: UserPoolMfaType::On,
        ..Setup::default()
    })
    .await;
    h.confirmed_user("nophone@example.com").await;
    let out = h
        .password_auth("nophone@example.com", PASSWORD)
        .await
        .expect("password accepted");
    assert_eq!(out.challenge_name(), Some(&ChallengeNameType::MfaSetup));
    let listed: Vec<String> = serde_json::from_str(
        out.challenge_parameters()
            .and_then(|p| p.get("MFAS_CAN_SETUP"))
            .expect("MFAS_CAN_SETUP"),
    )
    .expect("a JSON list");
    for method in ["SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP"] {
        assert!(listed.iter().any(|m| m == method), "{method} in {listed:?}");
    }
}

// 8. <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_VerifySoftwareToken.html>
#[tokio::test]
async fn each_step_of_enrolment_in_sign_in_hands_out_a_fresh_session() {
    let h = Harness::with(Setup {
        mfa: UserPoolMfaType::On,
        ..Setup::default()
    })
    .await;
    h.confirmed_user("enrol@example.com").await;
    let out = h
        .password_auth("enrol@example.com", PASSWORD)
        .await
        .expect("password accepted");
    let first = out.session().expect("session").to_owned();
    let user_id = out
        .challenge_parameters()
        .and_then(|p| p.get("USER_ID_FOR_SRP"))
        .expect("user id")
        .to_owned();
    // Two minutes per step: six in all, twice the three-minute session.
    h.pool.clock().advance(Duration::from_secs(120));
    let associated = h
        .user
        .associate_software_token()
        .session(&first)
        .send()
        .await
        .expect("AssociateSoftwareToken");
    let second = associated.session().expect("session").to_owned();
    assert_ne!(second, first);
    let secret = associated.secret_code().expect("secret").to_owned();
    h.pool.clock().advance(Duration::from_secs(120));
    let verified = h
        .user
        .verify_software_token()
        .session(&second)
        .user_code(totp_now(&secret, h.now_secs()))
        .send()
        .await
        .expect("VerifySoftwareToken, four minutes in");
    let third = verified.session().expect("session").to_owned();
    h.pool.clock().advance(Duration::from_secs(120));
    let done = h
        .user
        .respond_to_auth_challenge()
        .client_id(&h.client_id)
        .challenge_name(ChallengeNameType::MfaSetup)
        .session(&third)
        .challenge_responses("USERNAME", &user_id)
        .challenge_responses("SECRET_HASH", h.hash(&user_id))
        .send()
        .await
        .expect("MFA_SETUP, six minutes in");
    assert!(done.authentication_result().is_some());
}

// 9 and 10. <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html>
// ("you can't modify a required attribute that already has a value") and
// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminCreateUser.html>
// ("The temporary password is valid only once").
#[tokio::test]
async fn a_temporary_password_starts_one_new_password_challenge_which_keeps_set_attributes() {
    let h = Harness::start().await;
    let (pool_id, client_id) = username_pool(&h.admin, Some(false)).await;
    invite(&h.admin, &pool_id, "carol", "Carol").await;
    let out = sign_in(&h.user, &client_id, "carol", TEMPORARY)
        .await
        .expect("temporary password");
    assert_eq!(
        out.challenge_name(),
        Some(&ChallengeNameType::NewPasswordRequired)
    );
    let session = out.session().expect("session").to_owned();
    let answer = |name: Option<&str>| {
        let mut request = h
            .user
            .respond_to_auth_challenge()
            .client_id(&client_id)
            .challenge_name(ChallengeNameType::NewPasswordRequired)
            .session(&session)
            .challenge_responses("USERNAME", "carol")
            .challenge_responses("NEW_PASSWORD", PASSWORD);
        if let Some(name) = name {
            request = request.challenge_responses("userAttributes.name", name);
        }
        request.send()
    };
    let err = answer(Some("Mallory"))
        .await
        .expect_err("name is required and already set")
        .into_service_error();
    assert!(err.is_not_authorized_exception(), "{err:?}");
    // Used once: a second sign-in with it is refused.
    let err = sign_in(&h.user, &client_id, "carol", TEMPORARY)
        .await
        .expect_err("used already");
    assert!(err.is_not_authorized_exception(), "{err:?}");
    let done = answer(None).await.expect("the first challenge still works");
    let id = done
        .authentication_result()
        .and_then(|r| r.id_token())
        .expect("id token");
    assert_eq!(claims(id)["name"], "Carol");
}

// 11. <https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html>
// and <https://docs.aws.amazon.com/cognito/latest/developerguide/how-to-recover-a-user-account.html>
#[tokio::test]
async fn forgot_password_simulates_delivery_and_follows_the_recovery_order() {
    let h = Harness::start().await;
    let forgot = |name: &str| {
        h.user
            .forgot_password()
            .client_id(&h.client_id)
            .secret_hash(h.hash(name))
            .username(name)
            .send()
    };
    // Disabled, and never verified: simulated details, no message.
    let disabled = h.confirmed_user("disabled@example.com").await;
    h.admin
        .admin_disable_user()
        .user_pool_id(&h.pool_id)
        .username(&disabled)
        .send()
        .await
        .expect("AdminDisableUser");
    h.sign_up("unverified@example.com", PASSWORD).await;
    for name in ["disabled@example.com", "unverified@example.com"] {
        let before = h.pool.outbox(Some(name)).len();
        let out = forgot(name).await.expect(name);
        assert!(out.code_delivery_details().is_some(), "{name}");
        assert_eq!(
            h.pool.outbox(Some(name)).len(),
            before,
            "{name}: nothing sent"
        );
    }
    // Without AccountRecoverySetting: a verified phone comes first.
    let both = h.confirmed_user("both@example.com").await;
    give_verified_phone(&h, &both, "+15555550100").await;
    let out = forgot("both@example.com").await.expect("ForgotPassword");
    let medium = out
        .code_delivery_details()
        .and_then(|d| d.delivery_medium());
    assert_eq!(medium.map(|m| m.as_str()), Some("SMS"));
    // With it, its priorities.
    h.admin
        .update_user_pool()
        .user_pool_id(&h.pool_id)
        .account_recovery_setting(
            AccountRecoverySettingType::builder()
                .recovery_mechanisms(
                    RecoveryOptionType::builder()
                        .name(RecoveryOptionNameType::VerifiedEmail)
                        .priority(1)
                        .build()
                        .expect("option"),
                )
                .recovery_mechanisms(
                    RecoveryOptionType::builder()
                        .name(RecoveryOptionNameType::VerifiedPhoneNumber)
                        .priority(2)
                        .build()
                        .expect("option"),
                )
                .build(),
        )
        .send()
        .await
        .expect("UpdateUserPool");
    let out = forgot("both@example.com").await.expect("ForgotPassword");
    let medium = out
        .code_delivery_details()
        .and_then(|d| d.delivery_medium());
    assert_eq!(medium.map(|m| m.as_str()), Some("EMAIL"));
}

// 12. <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminUpdateUserAttributes.html>,
// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminCreateUserConfigType.html>,
// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDisableUser.html>
#[tokio::test]
async fn provisioning_sets_attributes_in_any_order_and_honours_the_pool() {
    let h = Harness::start().await;
    let sub = h.confirmed_user("prov@example.com").await;
    h.admin
        .admin_update_user_attributes()
        .user_pool_id(&h.pool_id)
        .username(&sub)
        .user_attributes(attr("email_verified", "true"))
        .user_attributes(attr("email", "moved@example.com"))
        .user_attributes(attr("name", "Prov"))
        .send()
        .await
        .expect("AdminUpdateUserAttributes");
    h.admin
        .admin_update_user_attributes()
        .user_pool_id(&h.pool_id)
        .username(&sub)
        .user_attributes(attr("name", ""))
        .send()
        .await
        .expect("a blank value");
    let user = h
        .admin
        .admin_get_user()
        .user_pool_id(&h.pool_id)
        .username(&sub)
        .send()
        .await
        .expect("AdminGetUser");
    let value = |name: &str| {
        user.user_attributes()
            .iter()
            .find(|a| a.name() == name)
            .and_then(|a| a.value())
            .map(str::to_owned)
    };
    assert_eq!(value("email").as_deref(), Some("moved@example.com"));
    assert_eq!(value("email_verified").as_deref(), Some("true"));
    assert_eq!(value("name"), None, "a blank value deletes");

    // Disabling revokes: enabling again does not bring the token back.
    let access = h.access_token("moved@example.com").await;
    for enabled in [false, true] {
        if enabled {
            h.admin
                .admin_enable_user()
                .user_pool_id(&h.pool_id)
                .username(&sub)
                .send()
                .await
                .expect("AdminEnableUser");
        } else {
            h.admin
                .admin_disable_user()
                .user_pool_id(&h.pool_id)
                .username(&sub)
                .send()
                .await
                .expect("AdminDisableUser");
        }
    }
    let err = h
        .user
        .get_user()
        .access_token(&access)
        .send()
        .await
        .expect_err("revoked")
        .into_service_error();
    assert!(err.is_not_authorized_exception(), "{err:?}");

    h.admin
        .update_user_pool()
        .user_pool_id(&h.pool_id)
        .admin_create_user_config(
            AdminCreateUserConfigType::builder()
                .allow_admin_create_user_only(true)
                .build(),
        )
        .send()
        .await
        .expect("UpdateUserPool");
    let err = h
        .user
        .sign_up()
        .client_id(&h.client_id)
        .secret_hash(h.hash("late@example.com"))
        .username("late@example.com")
        .password(PASSWORD)
        .user_attributes(attr("email", "late@example.com"))
        .send()
        .await
        .expect_err("admins only")
        .into_service_error();
    assert!(err.is_not_authorized_exception(), "{err:?}");
}

// 13. <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html>
#[tokio::test]
async fn user_auth_without_a_preference_offers_the_challenges_alike_for_known_and_unknown_names() {
    let h = Harness::start().await;
    h.confirmed_user("chooser@example.com").await;
    let client_id = public_client(&h, |c| c).await;
    for (name, signs_in) in [("chooser@example.com", true), ("nobody@example.com", false)] {
        let out = h
            .user
            .initiate_auth()
            .client_id(&client_id)
            .auth_flow(AuthFlowType::UserAuth)
            .auth_parameters("USERNAME", name)
            .send()
            .await
            .expect("USER_AUTH");
        assert_eq!(
            out.challenge_name(),
            Some(&ChallengeNameType::SelectChallenge),
            "{name}"
        );
        assert_eq!(
            out.available_challenges(),
            &[ChallengeNameType::Password, ChallengeNameType::PasswordSrp],
            "{name}"
        );
        let answered = h
            .user
            .respond_to_auth_challenge()
            .client_id(&client_id)
            .challenge_name(ChallengeNameType::SelectChallenge)
            .session(out.session().expect("session"))
            .challenge_responses("USERNAME", name)
            .challenge_responses("ANSWER", "PASSWORD")
            .challenge_responses("PASSWORD", PASSWORD)
            .send()
            .await;
        match answered {
            Ok(done) => {
                assert!(signs_in, "{name}");
                assert!(done.authentication_result().is_some());
            }
            Err(e) => {
                assert!(!signs_in, "{name}: {e:?}");
                assert!(e.into_service_error().is_not_authorized_exception());
            }
        }
    }
}

// 14. <https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-sms-text-message.html>
// ("valid for the Authentication flow session duration that you set for
// your app client").
#[tokio::test]
async fn an_mfa_code_lasts_as_long_as_the_clients_sign_in_session() {
    let h = Harness::start().await;
    h.confirmed_user("slow@example.com").await;
    let client_id = public_client(&h, |c| c.auth_session_validity(10)).await;
    let out = sign_in(&h.user, &client_id, "slow@example.com", PASSWORD)
        .await
        .expect("sign in");
    let (access, _) = tokens(&out);
    h.user
        .set_user_mfa_preference()
        .access_token(&access)
        .email_mfa_settings(
            EmailMfaSettingsType::builder()
                .enabled(true)
                .preferred_mfa(true)
                .build(),
        )
        .send()
        .await
        .expect("SetUserMFAPreference");
    let out = sign_in(&h.user, &client_id, "slow@example.com", PASSWORD)
        .await
        .expect("password accepted");
    assert_eq!(out.challenge_name(), Some(&ChallengeNameType::EmailOtp));
    let code = h.latest_code("slow@example.com");
    h.pool.clock().advance(Duration::from_secs(5 * 60));
    let user_id = out
        .challenge_parameters()
        .and_then(|p| p.get("USER_ID_FOR_SRP"))
        .expect("user id");
    let done = h
        .user
        .respond_to_auth_challenge()
        .client_id(&client_id)
        .challenge_name(ChallengeNameType::EmailOtp)
        .session(out.session().expect("session"))
        .challenge_responses("USERNAME", user_id)
        .challenge_responses("EMAIL_OTP_CODE", code)
        .send()
        .await
        .expect("five minutes into a ten-minute session");
    assert!(done.authentication_result().is_some());
}

// 15. <https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html>
#[tokio::test]
async fn id_and_access_tokens_are_signed_by_two_keys_in_the_jwks() {
    let h = Harness::start().await;
    h.confirmed_user("keys@example.com").await;
    let out = h
        .password_auth("keys@example.com", PASSWORD)
        .await
        .expect("sign in");
    let (access, id) = tokens(&out);
    let jwks: jsonwebtoken::jwk::JwkSet = reqwest::get(format!(
        "{}/{}/.well-known/jwks.json",
        h.pool.endpoint(),
        h.pool_id
    ))
    .await
    .expect("JWKS")
    .json()
    .await
    .expect("a JWK set");
    assert_eq!(jwks.keys.len(), 2);
    let kid = |token: &str| header(token)["kid"].as_str().expect("kid").to_owned();
    assert_ne!(kid(&access), kid(&id));
    for (token, token_use) in [(&access, "access"), (&id, "id")] {
        let jwk = jwks.find(&kid(token)).expect("the token's key is listed");
        let key = jsonwebtoken::DecodingKey::from_jwk(jwk).expect("an RSA key");
        let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::RS256);
        validation.validate_aud = false;
        let data = jsonwebtoken::decode::<Value>(token, &key, &validation).expect("verifies");
        assert_eq!(data.claims["token_use"], token_use);
    }
    // An ID token is no access token, however it is presented.
    let err = h
        .user
        .get_user()
        .access_token(&id)
        .send()
        .await
        .expect_err("an ID token")
        .into_service_error();
    assert!(err.is_not_authorized_exception(), "{err:?}");
}

/// The SALT and USER_ID_FOR_SRP an SRP start answers for `name`.
async fn srp_stand_ins(h: &Harness, name: &str) -> (String, String) {
    let started = h.srp_start(name, &h.srp_client(name, PASSWORD)).await;
    let p = started.challenge_parameters().expect("parameters");
    (p["SALT"].clone(), p["USER_ID_FOR_SRP"].clone())
}

// 16. The stand-ins for an unknown name are keyed with a secret of the
// pool: stable for that name (as a real salt is) and across restarts, but
// not computable from the pool id and the name, as they once were.
#[tokio::test]
async fn an_unknown_names_srp_salt_is_stable_but_not_computable_from_its_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let h = Harness::with(Setup {
        data_dir: Some(dir.path().to_owned()),
        ..Setup::default()
    })
    .await;
    let (salt, user_id) = srp_stand_ins(&h, "ghost@example.com").await;
    assert_eq!(
        srp_stand_ins(&h, "ghost@example.com").await,
        (salt.clone(), user_id.clone())
    );
    let unkeyed = {
        let d = aws_lc_rs::digest::digest(
            &aws_lc_rs::digest::SHA256,
            format!("local-pool fake salt{}ghost@example.com", h.pool_id).as_bytes(),
        );
        let mut bytes = d.as_ref()[..16].to_vec();
        bytes[0] |= 1;
        bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
    };
    assert_ne!(salt, unkeyed);
    let (pool_id, client_id, secret) = (h.pool_id.clone(), h.client_id.clone(), h.secret.clone());
    h.pool.shutdown().await;
    let again = Harness::reopen(dir.path(), pool_id, client_id, secret).await;
    assert_eq!(
        srp_stand_ins(&again, "ghost@example.com").await,
        (salt, user_id)
    );
}

/// SALT and USER_ID_FOR_SRP for `name` from a client without a secret.
async fn public_srp_stand_ins(
    user: &Client,
    pool_id: &str,
    client_id: &str,
    name: &str,
) -> (String, String) {
    let srp = aws_cognito_srp::SrpClient::new(
        aws_cognito_srp::User::new(pool_id, name, PASSWORD),
        client_id,
        None,
    );
    let started = user
        .initiate_auth()
        .client_id(client_id)
        .auth_flow(AuthFlowType::UserSrpAuth)
        .auth_parameters("USERNAME", name)
        .auth_parameters("SRP_A", srp.get_auth_parameters().a)
        .send()
        .await
        .expect("a challenge");
    let p = started.challenge_parameters().expect("parameters");
    (p["SALT"].clone(), p["USER_ID_FOR_SRP"].clone())
}

// 16, where people type the username: a real account answers with its
// username as USER_ID_FOR_SRP, so an unknown name answers with itself, and
// every spelling a case-insensitive pool would match gets one stand-in.
#[tokio::test]
async fn an_unknown_username_stands_in_for_itself_in_every_spelling() {
    let h = Harness::start().await;
    let (pool_id, client_id) = username_pool(&h.admin, Some(false)).await;
    let (salt, user_id) = public_srp_stand_ins(&h.user, &pool_id, &client_id, "ghost").await;
    assert_eq!(user_id, "ghost");
    let (other_salt, _) = public_srp_stand_ins(&h.user, &pool_id, &client_id, "GHOST").await;
    assert_eq!(other_salt, salt, "one stand-in for every spelling");
}

// 11. <https://docs.aws.amazon.com/cognito/latest/developerguide/how-to-recover-a-user-account.html>:
// leaving out the MFA channel is a rule of AccountRecoverySetting; without
// the setting, the legacy order texts a verified phone even when SMS is
// also the user's second factor.
#[tokio::test]
async fn without_a_recovery_setting_the_mfa_phone_still_gets_the_reset_code() {
    let h = Harness::start().await;
    let sub = h.confirmed_user("texted@example.com").await;
    give_verified_phone(&h, &sub, "+15555550111").await;
    h.admin
        .admin_set_user_mfa_preference()
        .user_pool_id(&h.pool_id)
        .username(&sub)
        .sms_mfa_settings(
            aws_sdk_cognitoidentityprovider::types::SmsMfaSettingsType::builder()
                .enabled(true)
                .preferred_mfa(true)
                .build(),
        )
        .send()
        .await
        .expect("AdminSetUserMFAPreference");
    let out = h
        .user
        .forgot_password()
        .client_id(&h.client_id)
        .secret_hash(h.hash("texted@example.com"))
        .username("texted@example.com")
        .send()
        .await
        .expect("ForgotPassword");
    let medium = out
        .code_delivery_details()
        .and_then(|d| d.delivery_medium());
    assert_eq!(medium.map(|m| m.as_str()), Some("SMS"));
}

// An access token names its app client; once the client is deleted, the
// token is no longer good (not a missing resource).
#[tokio::test]
async fn a_token_of_a_deleted_client_is_refused_as_a_token() {
    let h = Harness::start().await;
    h.confirmed_user("orphan@example.com").await;
    let client_id = public_client(&h, |c| c).await;
    let out = sign_in(&h.user, &client_id, "orphan@example.com", PASSWORD)
        .await
        .expect("sign in");
    let (access, _) = tokens(&out);
    h.admin
        .delete_user_pool_client()
        .user_pool_id(&h.pool_id)
        .client_id(&client_id)
        .send()
        .await
        .expect("DeleteUserPoolClient");
    let err = h
        .user
        .get_user()
        .access_token(&access)
        .send()
        .await
        .expect_err("the client is gone")
        .into_service_error();
    assert!(err.is_not_authorized_exception(), "{err:?}");
}

// 16, across versions: a state file from before pools had a fake key gets
// one on the first start and keeps it, so stand-ins stay the same.
#[tokio::test]
async fn an_older_state_files_pools_keep_one_fake_key_across_restarts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let h = Harness::with(Setup {
        data_dir: Some(dir.path().to_owned()),
        ..Setup::default()
    })
    .await;
    let (pool_id, client_id, secret) = (h.pool_id.clone(), h.client_id.clone(), h.secret.clone());
    h.pool.shutdown().await;
    let path = dir.path().join("state.json");
    let mut state: Value =
        serde_json::from_slice(&std::fs::read(&path).expect("state.json")).expect("JSON");
    for pool in state["pools"].as_object_mut().expect("pools").values_mut() {
        pool.as_object_mut().expect("a pool").remove("fake_key");
    }
    std::fs::write(&path, state.to_string()).expect("an older state file");
    let mut seen = Vec::new();
    for _ in 0..2 {
        let again = Harness::reopen(
            dir.path(),
            pool_id.clone(),
            client_id.clone(),
            secret.clone(),
        )
        .await;
        seen.push(srp_stand_ins(&again, "ghost@example.com").await);
        again.pool.shutdown().await;
    }
    assert_eq!(seen[0], seen[1]);
}
