//! Signing in without a password: a confirmed sign-up signs straight in
//! with the session SignUp and ConfirmSignUp hand out, through the AWS
//! SDK as an app would.
//! <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmSignUp.html>
//! <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html>

mod harness;

use aws_sdk_cognitoidentityprovider::types::{
    AuthFactorType, AuthFlowType, ChallengeNameType, PasswordPolicyType, SignInPolicyType,
    UserPoolPolicyType,
};

use harness::{Harness, PASSWORD, attr};

/// Lets the harness pool sign in with `factors` first (its password
/// policy unchanged).
async fn allow_first_factors(h: &Harness, factors: &[AuthFactorType]) {
    h.admin
        .update_user_pool()
        .user_pool_id(&h.pool_id)
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
                .sign_in_policy(
                    SignInPolicyType::builder()
                        .set_allowed_first_auth_factors(Some(factors.to_vec()))
                        .build(),
                )
                .build(),
        )
        .send()
        .await
        .expect("UpdateUserPool");
}

/// Signs `email` up; returns SignUp's session.
async fn sign_up(h: &Harness, email: &str) -> String {
    h.user
        .sign_up()
        .client_id(&h.client_id)
        .secret_hash(h.hash(email))
        .username(email)
        .password(PASSWORD)
        .user_attributes(attr("email", email))
        .send()
        .await
        .expect("SignUp")
        .session()
        .expect("SignUp hands out a session")
        .to_owned()
}

/// Confirms `email` with the emailed code, passing `session`; returns
/// ConfirmSignUp's session, if any.
async fn confirm(h: &Harness, email: &str, session: Option<&str>) -> Option<String> {
    h.user
        .confirm_sign_up()
        .client_id(&h.client_id)
        .secret_hash(h.hash(email))
        .username(email)
        .confirmation_code(h.latest_code(email))
        .set_session(session.map(str::to_owned))
        .send()
        .await
        .expect("ConfirmSignUp")
        .session()
        .map(str::to_owned)
}

async fn sign_in_with(
    h: &Harness,
    email: &str,
    session: &str,
) -> Result<
    aws_sdk_cognitoidentityprovider::operation::initiate_auth::InitiateAuthOutput,
    aws_sdk_cognitoidentityprovider::operation::initiate_auth::InitiateAuthError,
> {
    h.user
        .initiate_auth()
        .client_id(&h.client_id)
        .auth_flow(AuthFlowType::UserAuth)
        .auth_parameters("USERNAME", email)
        .auth_parameters("SECRET_HASH", h.hash(email))
        .session(session)
        .send()
        .await
        .map_err(|e| e.into_service_error())
}

#[tokio::test]
async fn a_confirmed_sign_up_signs_in_with_its_session_once() {
    let h = Harness::start().await;
    allow_first_factors(&h, &[AuthFactorType::Password, AuthFactorType::EmailOtp]).await;
    let email = "straight-in@example.com";
    let started = sign_up(&h, email).await;
    let confirmed = confirm(&h, email, Some(&started))
        .await
        .expect("ConfirmSignUp hands out a session for the sign-in");

    let out = sign_in_with(&h, email, &confirmed)
        .await
        .expect("USER_AUTH");
    let result = out.authentication_result().expect("signed in, no password");
    assert!(result.access_token().is_some() && result.id_token().is_some());

    // Spent: the same session signs in no one again.
    let again = sign_in_with(&h, email, &confirmed)
        .await
        .expect_err("a session signs in once");
    assert!(again.is_not_authorized_exception(), "{again:?}");
}

#[tokio::test]
async fn only_a_confirmed_sign_up_of_the_same_user_signs_in() {
    let h = Harness::start().await;
    allow_first_factors(&h, &[AuthFactorType::Password, AuthFactorType::EmailOtp]).await;
    let (ada, bob) = ("ada@example.com", "bob@example.com");
    let ada_started = sign_up(&h, ada).await;
    let bob_started = sign_up(&h, bob).await;

    // SignUp's own session is not a sign-in: the code was not entered yet.
    let err = sign_in_with(&h, ada, &ada_started)
        .await
        .expect_err("unconfirmed");
    assert!(err.is_not_authorized_exception(), "{err:?}");

    // Bob's confirmed session does not sign Ada in.
    let bob_confirmed = confirm(&h, bob, Some(&bob_started))
        .await
        .expect("a session");
    let err = sign_in_with(&h, ada, &bob_confirmed)
        .await
        .expect_err("another user's session");
    assert!(err.is_not_authorized_exception(), "{err:?}");

    // Confirming without the session confirms, and hands out none.
    assert_eq!(confirm(&h, ada, None).await, None);
}

#[tokio::test]
async fn the_session_signs_in_only_where_the_pool_allows_code_sign_in() {
    let h = Harness::start().await;
    // The pool's default: the password is the only first factor.
    let email = "password-only@example.com";
    let started = sign_up(&h, email).await;
    let confirmed = confirm(&h, email, Some(&started)).await.expect("a session");
    let err = sign_in_with(&h, email, &confirmed)
        .await
        .expect_err("EMAIL_OTP not allowed");
    assert!(err.is_invalid_parameter_exception(), "{err:?}");
}

/// USER_AUTH for `name` with `preferred` as the first factor.
async fn start(
    h: &Harness,
    name: &str,
    preferred: Option<&str>,
) -> aws_sdk_cognitoidentityprovider::operation::initiate_auth::InitiateAuthOutput {
    let mut parameters = std::collections::HashMap::from([
        ("USERNAME".to_owned(), name.to_owned()),
        ("SECRET_HASH".to_owned(), h.hash(name)),
    ]);
    if let Some(preferred) = preferred {
        parameters.insert("PREFERRED_CHALLENGE".to_owned(), preferred.to_owned());
    }
    h.user
        .initiate_auth()
        .client_id(&h.client_id)
        .auth_flow(AuthFlowType::UserAuth)
        .set_auth_parameters(Some(parameters))
        .send()
        .await
        .expect("USER_AUTH")
}

/// Answers a one-time-code challenge (`EMAIL_OTP` or `SMS_OTP`).
async fn answer(
    h: &Harness,
    name: &str,
    challenge: ChallengeNameType,
    session: &str,
    code: &str,
) -> Result<
    aws_sdk_cognitoidentityprovider::operation::respond_to_auth_challenge::RespondToAuthChallengeOutput,
    aws_sdk_cognitoidentityprovider::operation::respond_to_auth_challenge::RespondToAuthChallengeError,
>{
    let key = if challenge == ChallengeNameType::SmsOtp {
        "SMS_OTP_CODE"
    } else {
        "EMAIL_OTP_CODE"
    };
    h.user
        .respond_to_auth_challenge()
        .client_id(&h.client_id)
        .challenge_name(challenge)
        .session(session)
        .challenge_responses("USERNAME", name)
        .challenge_responses("SECRET_HASH", h.hash(name))
        .challenge_responses(key, code)
        .send()
        .await
        .map_err(|e| e.into_service_error())
}

#[tokio::test]
async fn a_code_by_email_signs_in_without_the_password_and_a_wrong_one_does_not() {
    let h = Harness::start().await;
    allow_first_factors(&h, &[AuthFactorType::Password, AuthFactorType::EmailOtp]).await;
    let email = "coded@example.com";
    h.confirmed_user(email).await;

    let out = start(&h, email, Some("EMAIL_OTP")).await;
    assert_eq!(out.challenge_name(), Some(&ChallengeNameType::EmailOtp));
    let params = out.challenge_parameters().expect("parameters");
    assert_eq!(
        params.get("CODE_DELIVERY_DESTINATION").map(String::as_str),
        Some("c***@e***")
    );
    let session = out.session().expect("session");
    let code = h.latest_code(email);

    let wrong = if code == "000000" { "111111" } else { "000000" };
    let err = answer(&h, email, ChallengeNameType::EmailOtp, session, wrong)
        .await
        .expect_err("a wrong code");
    assert!(err.is_code_mismatch_exception(), "{err:?}");
    let done = answer(&h, email, ChallengeNameType::EmailOtp, session, &code)
        .await
        .expect("the emailed code");
    assert!(
        done.authentication_result()
            .is_some_and(|r| r.access_token().is_some())
    );
}

#[tokio::test]
async fn a_name_with_no_account_gets_the_same_challenge_and_every_code_is_wrong() {
    let h = Harness::start().await;
    allow_first_factors(&h, &[AuthFactorType::Password, AuthFactorType::EmailOtp]).await;
    let name = "nobody@example.com";
    let before = h.pool.outbox(None).len();

    let out = start(&h, name, Some("EMAIL_OTP")).await;
    assert_eq!(out.challenge_name(), Some(&ChallengeNameType::EmailOtp));
    let params = out.challenge_parameters().expect("parameters");
    assert_eq!(
        params.get("CODE_DELIVERY_DESTINATION").map(String::as_str),
        Some("n***@e***")
    );
    assert_eq!(h.pool.outbox(None).len(), before, "nothing was sent");
    let err = answer(
        &h,
        name,
        ChallengeNameType::EmailOtp,
        out.session().expect("session"),
        "123456",
    )
    .await
    .expect_err("no code is right");
    assert!(err.is_code_mismatch_exception(), "{err:?}");
}

#[tokio::test]
async fn the_choice_offers_a_text_message_to_users_with_a_phone_and_it_signs_in() {
    let h = Harness::start().await;
    allow_first_factors(
        &h,
        &[
            AuthFactorType::Password,
            AuthFactorType::EmailOtp,
            AuthFactorType::SmsOtp,
        ],
    )
    .await;
    let (with_phone, without) = ("phoned@example.com", "plain@example.com");
    h.confirmed_user(with_phone).await;
    h.confirmed_user(without).await;
    h.admin
        .admin_update_user_attributes()
        .user_pool_id(&h.pool_id)
        .username(with_phone)
        .user_attributes(attr("phone_number", "+15555550123"))
        .user_attributes(attr("phone_number_verified", "true"))
        .send()
        .await
        .expect("AdminUpdateUserAttributes");

    let offered =
        |out: &aws_sdk_cognitoidentityprovider::operation::initiate_auth::InitiateAuthOutput| {
            out.available_challenges().to_vec()
        };
    // Every name is offered the same ways: an account without a phone
    // number, and no account at all, are offered a text too, which then
    // sends nothing.
    let plain = start(&h, without, None).await;
    let nobody = start(&h, "nobody@example.com", None).await;
    assert_eq!(offered(&nobody), offered(&plain));
    let decoy = h
        .user
        .respond_to_auth_challenge()
        .client_id(&h.client_id)
        .challenge_name(ChallengeNameType::SelectChallenge)
        .session(plain.session().expect("session"))
        .challenge_responses("USERNAME", without)
        .challenge_responses("SECRET_HASH", h.hash(without))
        .challenge_responses("ANSWER", "SMS_OTP")
        .send()
        .await
        .expect("SMS_OTP chosen without a phone");
    assert_eq!(decoy.challenge_name(), Some(&ChallengeNameType::SmsOtp));
    let shown = decoy.challenge_parameters().expect("parameters");
    assert!(
        shown["CODE_DELIVERY_DESTINATION"].starts_with("+*"),
        "a masked number, like a real one: {shown:?}"
    );
    assert!(
        h.pool
            .outbox(Some(without))
            .iter()
            .all(|m| m.purpose != local_pool::Purpose::Mfa)
    );
    let choice = start(&h, with_phone, None).await;
    assert_eq!(
        offered(&choice),
        [
            ChallengeNameType::Password,
            ChallengeNameType::PasswordSrp,
            ChallengeNameType::EmailOtp,
            ChallengeNameType::SmsOtp
        ]
    );
    let texted = h
        .user
        .respond_to_auth_challenge()
        .client_id(&h.client_id)
        .challenge_name(ChallengeNameType::SelectChallenge)
        .session(choice.session().expect("session"))
        .challenge_responses("USERNAME", with_phone)
        .challenge_responses("SECRET_HASH", h.hash(with_phone))
        .challenge_responses("ANSWER", "SMS_OTP")
        .send()
        .await
        .expect("SMS_OTP chosen");
    assert_eq!(texted.challenge_name(), Some(&ChallengeNameType::SmsOtp));
    let code = h.latest_code("+15555550123");
    let done = answer(
        &h,
        with_phone,
        ChallengeNameType::SmsOtp,
        texted.session().expect("session"),
        &code,
    )
    .await
    .expect("the texted code");
    assert!(done.authentication_result().is_some());
}

#[tokio::test]
async fn the_user_learns_which_ways_in_they_have() {
    let h = Harness::start().await;
    allow_first_factors(&h, &[AuthFactorType::Password, AuthFactorType::EmailOtp]).await;
    let email = "factors@example.com";
    h.confirmed_user(email).await;
    let tokens = h
        .user
        .initiate_auth()
        .client_id(&h.client_id)
        .auth_flow(AuthFlowType::UserPasswordAuth)
        .auth_parameters("USERNAME", email)
        .auth_parameters("PASSWORD", PASSWORD)
        .auth_parameters("SECRET_HASH", h.hash(email))
        .send()
        .await
        .expect("signed in");
    let access = tokens
        .authentication_result()
        .and_then(|r| r.access_token())
        .expect("an access token");
    let factors = h
        .user
        .get_user_auth_factors()
        .access_token(access)
        .send()
        .await
        .expect("GetUserAuthFactors");
    assert_eq!(
        factors.configured_user_auth_factors(),
        [AuthFactorType::Password, AuthFactorType::EmailOtp]
    );
}
