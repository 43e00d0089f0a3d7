//! Every operation of the local pool, driven through the real AWS SDK for
//! Rust (endpoint override; admin calls signed with fake credentials, user
//! calls unsigned), including the failures Cognito produces.

mod harness;

use std::time::Duration;

use aws_sdk_cognitoidentityprovider::operation::initiate_auth::InitiateAuthError;
use aws_sdk_cognitoidentityprovider::operation::respond_to_auth_challenge::RespondToAuthChallengeError;
use aws_sdk_cognitoidentityprovider::types::{
    AuthFlowType, ChallengeNameType, EmailMfaSettingsType, ExplicitAuthFlowsType,
    PreventUserExistenceErrorTypes, SmsMfaSettingsType, SoftwareTokenMfaSettingsType,
    UserPoolMfaType, UsernameAttributeType, VerifiedAttributeType,
};
use local_pool::{Channel, Options, Purpose, RunningPool};

use harness::{Harness, PASSWORD, Setup, attr, sdk_client, secret_hash, totp_now};

#[tokio::test]
async fn the_app_provisioning_sequence_is_described_back() {
    let h = Harness::start().await;
    let described = h
        .admin
        .describe_user_pool()
        .user_pool_id(&h.pool_id)
        .send()
        .await
        .expect("DescribeUserPool");
    let pool = described.user_pool().expect("pool");
    assert!(h.pool_id.starts_with("us-east-1_"));
    assert_eq!(pool.id(), Some(h.pool_id.as_str()));
    assert_eq!(pool.mfa_configuration(), Some(&UserPoolMfaType::Optional));
    assert_eq!(pool.username_attributes(), &[UsernameAttributeType::Email]);
    assert_eq!(
        pool.auto_verified_attributes(),
        &[VerifiedAttributeType::Email]
    );
    let policy = pool
        .policies()
        .and_then(|p| p.password_policy())
        .expect("policy");
    assert_eq!(policy.minimum_length(), Some(10));
    assert!(
        pool.schema_attributes()
            .iter()
            .any(|a| a.name() == Some("custom:tenant"))
    );

    let mfa = h
        .admin
        .get_user_pool_mfa_config()
        .user_pool_id(&h.pool_id)
        .send()
        .await
        .expect("GetUserPoolMfaConfig");
    assert_eq!(
        mfa.software_token_mfa_configuration().map(|c| c.enabled()),
        Some(true)
    );
    assert!(mfa.email_mfa_configuration().is_some());

    let client = h
        .admin
        .describe_user_pool_client()
        .user_pool_id(&h.pool_id)
        .client_id(&h.client_id)
        .send()
        .await
        .expect("DescribeUserPoolClient");
    let client = client.user_pool_client().expect("client");
    assert_eq!(client.client_secret(), Some(h.secret.as_str()));
    assert_eq!(client.client_id().map(str::len), Some(26));
    assert_eq!(
        client.prevent_user_existence_errors(),
        Some(&PreventUserExistenceErrorTypes::Enabled)
    );
    assert!(
        client
            .explicit_auth_flows()
            .contains(&ExplicitAuthFlowsType::AllowUserSrpAuth)
    );

    let pools = h
        .admin
        .list_user_pools()
        .max_results(10)
        .send()
        .await
        .expect("ListUserPools");
    assert_eq!(pools.user_pools().len(), 1);

    h.admin
        .update_user_pool()
        .user_pool_id(&h.pool_id)
        .mfa_configuration(UserPoolMfaType::On)
        .send()
        .await
        .expect("UpdateUserPool");
    let again = h
        .admin
        .describe_user_pool()
        .user_pool_id(&h.pool_id)
        .send()
        .await
        .expect("describe");
    assert_eq!(
        again.user_pool().and_then(|p| p.mfa_configuration()),
        Some(&UserPoolMfaType::On)
    );
}

#[tokio::test]
async fn an_unknown_pool_is_a_resource_not_found_exception() {
    let h = Harness::start().await;
    let err = h
        .admin
        .describe_user_pool()
        .user_pool_id("us-east-1_nope")
        .send()
        .await
        .expect_err("unknown pool")
        .into_service_error();
    assert!(err.is_resource_not_found_exception(), "{err:?}");
}

#[tokio::test]
async fn admin_operations_need_a_signature_but_any_signature_will_do() {
    let h = Harness::start().await;
    let body = serde_json::json!({ "UserPoolId": h.pool_id }).to_string();
    let call = |authorization: Option<&str>| {
        let mut request = reqwest::Client::new()
            .post(h.pool.endpoint())
            .header("content-type", "application/x-amz-json-1.1")
            .header(
                "x-amz-target",
                "AWSCognitoIdentityProviderService.DescribeUserPool",
            )
            .body(body.clone());
        if let Some(a) = authorization {
            request = request.header("authorization", a);
        }
        request.send()
    };
    let unsigned = call(None).await.expect("request");
    assert_eq!(unsigned.status().as_u16(), 400);
    let body: serde_json::Value = unsigned.json().await.expect("json");
    assert_eq!(body["__type"], "MissingAuthenticationTokenException");
    let signed = call(Some(
        "AWS4-HMAC-SHA256 Credential=anything/20240101/us-east-1/cognito-idp/aws4_request, \
         SignedHeaders=host;x-amz-date, Signature=0000",
    ))
    .await
    .expect("request");
    assert_eq!(signed.status().as_u16(), 200);
}

#[tokio::test]
async fn sign_up_with_the_email_as_username_creates_a_uuid_user_and_sends_a_code() {
    let h = Harness::start().await;
    let out = h
        .user
        .sign_up()
        .client_id(&h.client_id)
        .secret_hash(h.hash("jane@example.com"))
        .username("jane@example.com")
        .password(PASSWORD)
        .user_attributes(attr("email", "jane@example.com"))
        .user_attributes(attr("custom:tenant", "acme"))
        .send()
        .await
        .expect("SignUp");
    assert!(!out.user_confirmed());
    assert!(uuid::Uuid::parse_str(out.user_sub()).is_ok());
    let details = out.code_delivery_details().expect("delivery");
    assert_eq!(details.destination(), Some("j***@e***"));
    assert_eq!(details.attribute_name(), Some("email"));

    let messages = h.pool.outbox(Some("jane@example.com"));
    assert_eq!(messages.len(), 1);
    let m = &messages[0];
    assert_eq!(m.channel, Channel::Email);
    assert_eq!(m.purpose, Purpose::SignUp);
    assert_eq!(m.username, out.user_sub());
    let code = m.code.clone().expect("code");
    assert!(code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()));
    assert!(m.message.contains(&code));

    let user = h
        .admin
        .admin_get_user()
        .user_pool_id(&h.pool_id)
        .username("jane@example.com")
        .send()
        .await
        .expect("AdminGetUser by email alias");
    assert_eq!(user.username(), out.user_sub());
    assert_eq!(user.user_status().map(|s| s.as_str()), Some("UNCONFIRMED"));
}

#[tokio::test]
async fn a_password_that_breaks_the_policy_is_refused_at_sign_up() {
    let h = Harness::start().await;
    for weak in [
        "Short-1a",
        "alllowercase-1",
        "ALLUPPERCASE-1",
        "NoNumbers-here",
        "NoSymbols123x",
    ] {
        let err = h
            .user
            .sign_up()
            .client_id(&h.client_id)
            .secret_hash(h.hash("weak@example.com"))
            .username("weak@example.com")
            .password(weak)
            .send()
            .await
            .expect_err("weak password")
            .into_service_error();
        assert!(err.is_invalid_password_exception(), "{weak}: {err:?}");
    }
}

#[tokio::test]
async fn signing_up_twice_with_the_same_email_is_a_username_exists_exception() {
    let h = Harness::start().await;
    h.sign_up("twice@example.com", PASSWORD).await;
    let err = h
        .user
        .sign_up()
        .client_id(&h.client_id)
        .secret_hash(h.hash("Twice@Example.com"))
        .username("Twice@Example.com")
        .password(PASSWORD)
        .send()
        .await
        .expect_err("duplicate")
        .into_service_error();
    assert!(err.is_username_exists_exception(), "{err:?}");
}

#[tokio::test]
async fn a_wrong_or_missing_secret_hash_is_refused() {
    let h = Harness::start().await;
    h.confirmed_user("hash@example.com").await;
    let err = h
        .user
        .initiate_auth()
        .client_id(&h.client_id)
        .auth_flow(AuthFlowType::UserPasswordAuth)
        .auth_parameters("USERNAME", "hash@example.com")
        .auth_parameters("PASSWORD", PASSWORD)
        .auth_parameters("SECRET_HASH", h.hash("someone-else"))
        .send()
        .await
        .expect_err("wrong hash")
        .into_service_error();
    match err {
        InitiateAuthError::NotAuthorizedException(e) => {
            assert_eq!(
                e.message(),
                Some(format!("Unable to verify secret hash for client {}", h.client_id).as_str())
            );
        }
        other => panic!("expected NotAuthorizedException, got {other:?}"),
    }
    let err = h
        .user
        .sign_up()
        .client_id(&h.client_id)
        .username("nohash@example.com")
        .password(PASSWORD)
        .send()
        .await
        .expect_err("no hash")
        .into_service_error();
    assert!(err.is_not_authorized_exception(), "{err:?}");
}

#[tokio::test]
async fn wrong_expired_and_reused_sign_up_codes_are_refused() {
    let h = Harness::start().await;
    h.sign_up("codes@example.com", PASSWORD).await;
    let code = h.latest_code("codes@example.com");
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let confirm = |c: String| {
        h.user
            .confirm_sign_up()
            .client_id(&h.client_id)
            .secret_hash(h.hash("codes@example.com"))
            .username("codes@example.com")
            .confirmation_code(c)
            .send()
    };
    let err = confirm(wrong.into())
        .await
        .expect_err("wrong")
        .into_service_error();
    assert!(err.is_code_mismatch_exception(), "{err:?}");

    h.pool.clock().advance(Duration::from_secs(24 * 3600 + 1));
    let err = confirm(code.clone())
        .await
        .expect_err("expired")
        .into_service_error();
    assert!(err.is_expired_code_exception(), "{err:?}");

    h.user
        .resend_confirmation_code()
        .client_id(&h.client_id)
        .secret_hash(h.hash("codes@example.com"))
        .username("codes@example.com")
        .send()
        .await
        .expect("ResendConfirmationCode");
    let fresh = h.latest_code("codes@example.com");
    confirm(fresh.clone()).await.expect("fresh code confirms");
    let err = confirm(fresh)
        .await
        .expect_err("reused")
        .into_service_error();
    assert!(err.is_not_authorized_exception(), "{err:?}");

    let user = h
        .admin
        .admin_get_user()
        .user_pool_id(&h.pool_id)
        .username("codes@example.com")
        .send()
        .await
        .expect("AdminGetUser");
    assert_eq!(user.user_status().map(|s| s.as_str()), Some("CONFIRMED"));
    assert!(
        user.user_attributes()
            .iter()
            .any(|a| a.name() == "email_verified" && a.value() == Some("true"))
    );
}

#[tokio::test]
async fn wrong_sign_up_codes_are_mismatches_until_the_hourly_limit_then_limit_exceeded() {
    // Cognito's quota: 15 ConfirmSignUp attempts per user per hour; each
    // wrong code is CodeMismatchException, the next attempt within the
    // hour LimitExceededException, even with the right code.
    let h = Harness::start().await;
    h.sign_up("locked@example.com", PASSWORD).await;
    let code = h.latest_code("locked@example.com");
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let confirm = |given: &str| {
        h.user
            .confirm_sign_up()
            .client_id(&h.client_id)
            .secret_hash(h.hash("locked@example.com"))
            .username("locked@example.com")
            .confirmation_code(given)
            .send()
    };
    for attempt in 0..15 {
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
        .expect_err("limited even for the right code")
        .into_service_error();
    assert!(err.is_limit_exceeded_exception(), "{err:?}");
    h.pool.clock().advance(Duration::from_secs(3600));
    // The code itself lasts 24 hours; after the hour it confirms.
    confirm(&code).await.expect("the hour is over");
}

#[tokio::test]
async fn an_unconfirmed_user_is_told_so_only_after_the_right_password() {
    let h = Harness::start().await;
    h.sign_up("pending@example.com", PASSWORD).await;
    let err = h
        .password_auth("pending@example.com", "Wrong-Password-1")
        .await
        .expect_err("wrong");
    assert!(
        matches!(err, InitiateAuthError::NotAuthorizedException(_)),
        "{err:?}"
    );
    let err = h
        .password_auth("pending@example.com", PASSWORD)
        .await
        .expect_err("unconfirmed");
    assert!(
        matches!(err, InitiateAuthError::UserNotConfirmedException(_)),
        "{err:?}"
    );

    let err = h
        .srp_auth("pending@example.com", "Wrong-Password-1")
        .await
        .expect_err("wrong srp");
    assert!(
        matches!(err, RespondToAuthChallengeError::NotAuthorizedException(_)),
        "{err:?}"
    );
    let err = h
        .srp_auth("pending@example.com", PASSWORD)
        .await
        .expect_err("unconfirmed srp");
    assert!(
        matches!(
            err,
            RespondToAuthChallengeError::UserNotConfirmedException(_)
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn srp_sign_in_with_the_right_password_issues_tokens_and_a_wrong_one_fails() {
    let h = Harness::start().await;
    let sub = h.confirmed_user("srp@example.com").await;
    let out = h
        .srp_auth("srp@example.com", PASSWORD)
        .await
        .expect("SRP sign-in");
    let result = out.authentication_result().expect("tokens");
    assert!(result.refresh_token().is_some());
    assert_eq!(result.token_type(), Some("Bearer"));
    assert_eq!(result.expires_in(), 3600);
    let me = h
        .user
        .get_user()
        .access_token(result.access_token().expect("access"))
        .send()
        .await
        .expect("GetUser");
    assert_eq!(me.username(), sub);

    let err = h
        .srp_auth("srp@example.com", "Correct-Horse-2")
        .await
        .expect_err("wrong password");
    match err {
        RespondToAuthChallengeError::NotAuthorizedException(e) => {
            assert_eq!(e.message(), Some("Incorrect username or password."));
        }
        other => panic!("expected NotAuthorizedException, got {other:?}"),
    }
}

#[tokio::test]
async fn unknown_users_get_the_same_answers_as_a_wrong_password() {
    let h = Harness::start().await;
    h.confirmed_user("known@example.com").await;
    let wrong = h
        .password_auth("known@example.com", "Wrong-Password-1")
        .await
        .expect_err("wrong");
    let unknown = h
        .password_auth("ghost@example.com", PASSWORD)
        .await
        .expect_err("unknown");
    assert_eq!(
        format!("{:?}", wrong.meta().message()),
        format!("{:?}", unknown.meta().message())
    );
    assert!(matches!(
        unknown,
        InitiateAuthError::NotAuthorizedException(_)
    ));

    // SRP: a plausible challenge, then the same failure at the verifier.
    let err = h
        .srp_auth("ghost@example.com", PASSWORD)
        .await
        .expect_err("unknown srp");
    match err {
        RespondToAuthChallengeError::NotAuthorizedException(e) => {
            assert_eq!(e.message(), Some("Incorrect username or password."));
        }
        other => panic!("expected NotAuthorizedException, got {other:?}"),
    }

    let forgot = h
        .user
        .forgot_password()
        .client_id(&h.client_id)
        .secret_hash(h.hash("ghost@example.com"))
        .username("ghost@example.com")
        .send()
        .await
        .expect("ForgotPassword answers for unknown users");
    let details = forgot.code_delivery_details().expect("plausible details");
    assert_eq!(details.destination(), Some("g***@e***"));
    assert!(h.pool.outbox(Some("ghost@example.com")).is_empty());
}

#[tokio::test]
async fn legacy_clients_reveal_unknown_users() {
    let h = Harness::with(Setup {
        prevent: PreventUserExistenceErrorTypes::Legacy,
        ..Setup::default()
    })
    .await;
    let err = h
        .password_auth("ghost@example.com", PASSWORD)
        .await
        .expect_err("unknown");
    assert!(
        matches!(err, InitiateAuthError::UserNotFoundException(_)),
        "{err:?}"
    );
}

#[tokio::test]
async fn tokens_verify_against_the_served_jwks() {
    use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode, decode_header};
    let h = Harness::start().await;
    let sub = h.confirmed_user("jwt@example.com").await;
    let out = h
        .password_auth("jwt@example.com", PASSWORD)
        .await
        .expect("sign in");
    let result = out.authentication_result().expect("tokens");
    let issuer = format!("{}/{}", h.pool.endpoint(), h.pool_id);

    let http = reqwest::Client::new();
    let config: serde_json::Value = http
        .get(format!("{issuer}/.well-known/openid-configuration"))
        .send()
        .await
        .expect("openid-configuration")
        .json()
        .await
        .expect("json");
    assert_eq!(config["issuer"], issuer.as_str());
    let jwks: serde_json::Value = http
        .get(config["jwks_uri"].as_str().expect("jwks_uri"))
        .send()
        .await
        .expect("jwks")
        .json()
        .await
        .expect("json");

    let key_for = |token: &str| {
        let kid = decode_header(token).expect("header").kid.expect("kid");
        let jwk = jwks["keys"]
            .as_array()
            .and_then(|keys| keys.iter().find(|k| k["kid"] == kid.as_str()))
            .expect("key in jwks");
        DecodingKey::from_rsa_components(
            jwk["n"].as_str().expect("n"),
            jwk["e"].as_str().expect("e"),
        )
        .expect("rsa key")
    };

    let id_token = result.id_token().expect("id token");
    let mut v = Validation::new(Algorithm::RS256);
    v.set_issuer(&[&issuer]);
    v.set_audience(&[&h.client_id]);
    let id =
        decode::<serde_json::Value>(id_token, &key_for(id_token), &v).expect("id token verifies");
    assert_eq!(id.claims["token_use"], "id");
    assert_eq!(id.claims["sub"], sub.as_str());
    assert_eq!(id.claims["cognito:username"], sub.as_str());
    assert_eq!(id.claims["email"], "jwt@example.com");
    assert_eq!(id.claims["email_verified"], true);
    for claim in ["auth_time", "exp", "iat", "jti", "origin_jti", "event_id"] {
        assert!(id.claims.get(claim).is_some(), "id token lacks {claim}");
    }

    let access_token = result.access_token().expect("access token");
    let mut v = Validation::new(Algorithm::RS256);
    v.set_issuer(&[&issuer]);
    v.validate_aud = false;
    let access = decode::<serde_json::Value>(access_token, &key_for(access_token), &v)
        .expect("access verifies");
    assert_eq!(access.claims["token_use"], "access");
    assert_eq!(access.claims["client_id"], h.client_id.as_str());
    assert_eq!(access.claims["username"], sub.as_str());
    assert_eq!(access.claims["scope"], "aws.cognito.signin.user.admin");
    assert!(access.claims.get("aud").is_none());

    // A token from another pool's issuer or tampered with is refused.
    let mut tampered = access_token.to_owned();
    tampered.pop();
    tampered.push(if access_token.ends_with('A') {
        'B'
    } else {
        'A'
    });
    let err = h
        .user
        .get_user()
        .access_token(tampered)
        .send()
        .await
        .expect_err("tampered")
        .into_service_error();
    assert!(err.is_not_authorized_exception(), "{err:?}");
}

#[tokio::test]
async fn refresh_token_auth_takes_a_secret_hash_over_the_real_username_only() {
    let h = Harness::start().await;
    let sub = h.confirmed_user("refresh@example.com").await;
    let out = h
        .password_auth("refresh@example.com", PASSWORD)
        .await
        .expect("sign in");
    let refresh = out
        .authentication_result()
        .and_then(|r| r.refresh_token())
        .expect("refresh")
        .to_owned();
    let renew = |name: &str| {
        h.user
            .initiate_auth()
            .client_id(&h.client_id)
            .auth_flow(AuthFlowType::RefreshTokenAuth)
            .auth_parameters("REFRESH_TOKEN", &refresh)
            .auth_parameters("SECRET_HASH", h.hash(name))
            .send()
    };
    let renewed = renew(&sub).await.expect("REFRESH_TOKEN_AUTH");
    let r = renewed.authentication_result().expect("tokens");
    assert!(r.access_token().is_some() && r.id_token().is_some());
    assert!(r.refresh_token().is_none());
    // The email signs in, but the hash of a refresh is over the username
    // (here the sub) only.
    let err = renew("refresh@example.com")
        .await
        .expect_err("a hash over the email")
        .into_service_error();
    assert!(err.is_not_authorized_exception(), "{err:?}");
    let err = h
        .user
        .initiate_auth()
        .client_id(&h.client_id)
        .auth_flow(AuthFlowType::RefreshTokenAuth)
        .auth_parameters("REFRESH_TOKEN", "not-a-token")
        .auth_parameters("SECRET_HASH", h.hash(&sub))
        .send()
        .await
        .expect_err("garbage")
        .into_service_error();
    assert!(err.is_not_authorized_exception(), "{err:?}");
}

#[tokio::test]
async fn global_sign_out_revokes_refresh_and_access_tokens() {
    let h = Harness::start().await;
    let sub = h.confirmed_user("out@example.com").await;
    let out = h
        .password_auth("out@example.com", PASSWORD)
        .await
        .expect("sign in");
    let r = out.authentication_result().expect("tokens");
    let access = r.access_token().expect("access").to_owned();
    let refresh = r.refresh_token().expect("refresh").to_owned();
    h.user
        .global_sign_out()
        .access_token(&access)
        .send()
        .await
        .expect("GlobalSignOut");
    let err = h
        .user
        .get_user()
        .access_token(&access)
        .send()
        .await
        .expect_err("revoked")
        .into_service_error();
    match err {
        aws_sdk_cognitoidentityprovider::operation::get_user::GetUserError::NotAuthorizedException(e) => {
            assert_eq!(e.message(), Some("Access Token has been revoked"));
        }
        other => panic!("expected NotAuthorizedException, got {other:?}"),
    }
    let err = h
        .user
        .initiate_auth()
        .client_id(&h.client_id)
        .auth_flow(AuthFlowType::RefreshTokenAuth)
        .auth_parameters("REFRESH_TOKEN", &refresh)
        .auth_parameters("SECRET_HASH", h.hash(&sub))
        .send()
        .await
        .expect_err("revoked refresh")
        .into_service_error();
    assert!(err.is_not_authorized_exception(), "{err:?}");
}

#[tokio::test]
async fn revoke_token_revokes_one_refresh_token_and_its_access_tokens() {
    let h = Harness::start().await;
    h.confirmed_user("revoke@example.com").await;
    let first = h
        .password_auth("revoke@example.com", PASSWORD)
        .await
        .expect("first");
    let second = h
        .password_auth("revoke@example.com", PASSWORD)
        .await
        .expect("second");
    let first = first.authentication_result().expect("tokens");
    let second = second.authentication_result().expect("tokens");
    let err = h
        .user
        .revoke_token()
        .client_id(&h.client_id)
        .client_secret("wrong")
        .token(first.refresh_token().expect("refresh"))
        .send()
        .await
        .expect_err("wrong secret")
        .into_service_error();
    assert!(err.is_unauthorized_exception(), "{err:?}");
    let err = h
        .user
        .revoke_token()
        .client_id(&h.client_id)
        .client_secret(&h.secret)
        .token(first.access_token().expect("access"))
        .send()
        .await
        .expect_err("access tokens cannot be revoked")
        .into_service_error();
    assert!(err.is_unsupported_token_type_exception(), "{err:?}");
    h.user
        .revoke_token()
        .client_id(&h.client_id)
        .client_secret(&h.secret)
        .token(first.refresh_token().expect("refresh"))
        .send()
        .await
        .expect("RevokeToken");
    let err = h
        .user
        .get_user()
        .access_token(first.access_token().expect("a"))
        .send()
        .await
        .expect_err("revoked");
    assert!(err.into_service_error().is_not_authorized_exception());
    h.user
        .get_user()
        .access_token(second.access_token().expect("a"))
        .send()
        .await
        .expect("the other sign-in is untouched");
}

#[tokio::test]
async fn an_expired_access_token_is_refused() {
    let h = Harness::start().await;
    h.confirmed_user("expired@example.com").await;
    let access = h.access_token("expired@example.com").await;
    h.pool.clock().advance(Duration::from_secs(3601));
    let err = h
        .user
        .get_user()
        .access_token(access)
        .send()
        .await
        .expect_err("expired")
        .into_service_error();
    match err {
        aws_sdk_cognitoidentityprovider::operation::get_user::GetUserError::NotAuthorizedException(e) => {
            assert_eq!(e.message(), Some("Access Token has expired"));
        }
        other => panic!("expected NotAuthorizedException, got {other:?}"),
    }
}

#[tokio::test]
async fn totp_sign_in_needs_a_fresh_code_that_cannot_be_replayed() {
    let h = Harness::start().await;
    h.confirmed_user("totp@example.com").await;
    let access = h.access_token("totp@example.com").await;
    let secret = h.enable_totp(&access).await;
    let me = h
        .user
        .get_user()
        .access_token(&access)
        .send()
        .await
        .expect("GetUser");
    assert_eq!(me.preferred_mfa_setting(), Some("SOFTWARE_TOKEN_MFA"));
    assert_eq!(
        me.user_mfa_setting_list(),
        &["SOFTWARE_TOKEN_MFA".to_owned()]
    );

    // The verification code's step is spent; move to the next one.
    h.pool.clock().advance(Duration::from_secs(30));
    let started = h
        .password_auth("totp@example.com", PASSWORD)
        .await
        .expect("first factor");
    assert_eq!(
        started.challenge_name(),
        Some(&ChallengeNameType::SoftwareTokenMfa)
    );
    let session = started.session().expect("session").to_owned();
    let user_id = started
        .challenge_parameters()
        .and_then(|p| p.get("USER_ID_FOR_SRP"))
        .expect("user id")
        .to_owned();
    let code = totp_now(&secret, h.now_secs());
    let respond = |code: String, session: String| {
        h.user
            .respond_to_auth_challenge()
            .client_id(&h.client_id)
            .challenge_name(ChallengeNameType::SoftwareTokenMfa)
            .session(session)
            .challenge_responses("USERNAME", &user_id)
            .challenge_responses("SOFTWARE_TOKEN_MFA_CODE", code)
            .challenge_responses("SECRET_HASH", h.hash(&user_id))
            .send()
    };
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let err = respond(wrong.into(), session.clone())
        .await
        .expect_err("wrong code")
        .into_service_error();
    assert!(err.is_code_mismatch_exception(), "{err:?}");
    let done = respond(code.clone(), session).await.expect("right code");
    assert!(
        done.authentication_result()
            .and_then(|r| r.access_token())
            .is_some()
    );

    let again = h
        .password_auth("totp@example.com", PASSWORD)
        .await
        .expect("first factor again");
    let err = respond(code, again.session().expect("session").to_owned())
        .await
        .expect_err("replayed code")
        .into_service_error();
    assert!(err.is_code_mismatch_exception(), "{err:?}");
}

#[tokio::test]
async fn an_expired_challenge_session_is_refused() {
    let h = Harness::start().await;
    h.confirmed_user("slow@example.com").await;
    let access = h.access_token("slow@example.com").await;
    let secret = h.enable_totp(&access).await;
    let started = h
        .password_auth("slow@example.com", PASSWORD)
        .await
        .expect("first factor");
    let user_id = started
        .challenge_parameters()
        .and_then(|p| p.get("USER_ID_FOR_SRP"))
        .expect("id")
        .to_owned();
    h.pool.clock().advance(Duration::from_secs(3 * 60 + 1));
    let err = h
        .user
        .respond_to_auth_challenge()
        .client_id(&h.client_id)
        .challenge_name(ChallengeNameType::SoftwareTokenMfa)
        .session(started.session().expect("session"))
        .challenge_responses("USERNAME", &user_id)
        .challenge_responses("SOFTWARE_TOKEN_MFA_CODE", totp_now(&secret, h.now_secs()))
        .challenge_responses("SECRET_HASH", h.hash(&user_id))
        .send()
        .await
        .expect_err("expired session")
        .into_service_error();
    match err {
        RespondToAuthChallengeError::NotAuthorizedException(e) => {
            assert_eq!(
                e.message(),
                Some("Invalid session for the user, session is expired.")
            );
        }
        other => panic!("expected NotAuthorizedException, got {other:?}"),
    }
}

#[tokio::test]
async fn email_otp_and_sms_mfa_codes_arrive_in_the_outbox_and_select_mfa_type_chooses() {
    let h = Harness::start().await;
    let email = "otp@example.com";
    h.confirmed_user(email).await;
    let access = h.access_token(email).await;
    h.user
        .update_user_attributes()
        .access_token(&access)
        .user_attributes(attr("phone_number", "+15555550123"))
        .send()
        .await
        .expect("add a phone");
    h.user
        .set_user_mfa_preference()
        .access_token(&access)
        .email_mfa_settings(EmailMfaSettingsType::builder().enabled(true).build())
        .sms_mfa_settings(SmsMfaSettingsType::builder().enabled(true).build())
        .send()
        .await
        .expect("enable email and SMS MFA");

    let started = h
        .password_auth(email, PASSWORD)
        .await
        .expect("first factor");
    assert_eq!(
        started.challenge_name(),
        Some(&ChallengeNameType::SelectMfaType)
    );
    let user_id = started
        .challenge_parameters()
        .and_then(|p| p.get("USER_ID_FOR_SRP"))
        .expect("id")
        .to_owned();
    let choose = |answer: &str, session: &str| {
        h.user
            .respond_to_auth_challenge()
            .client_id(&h.client_id)
            .challenge_name(ChallengeNameType::SelectMfaType)
            .session(session)
            .challenge_responses("USERNAME", &user_id)
            .challenge_responses("ANSWER", answer)
            .challenge_responses("SECRET_HASH", h.hash(&user_id))
            .send()
    };
    let otp = choose("EMAIL_OTP", started.session().expect("session"))
        .await
        .expect("choose email");
    assert_eq!(otp.challenge_name(), Some(&ChallengeNameType::EmailOtp));
    let message = h.pool.outbox(Some(email)).pop().expect("otp email");
    assert_eq!(message.purpose, Purpose::Mfa);
    assert!(message.message.starts_with("Your sign-in code is"));
    let done = h
        .user
        .respond_to_auth_challenge()
        .client_id(&h.client_id)
        .challenge_name(ChallengeNameType::EmailOtp)
        .session(otp.session().expect("session"))
        .challenge_responses("USERNAME", &user_id)
        .challenge_responses("EMAIL_OTP_CODE", message.code.expect("code"))
        .challenge_responses("SECRET_HASH", h.hash(&user_id))
        .send()
        .await
        .expect("EMAIL_OTP");
    assert!(done.authentication_result().is_some());

    let started = h
        .password_auth(email, PASSWORD)
        .await
        .expect("first factor");
    let sms = choose("SMS_MFA", started.session().expect("session"))
        .await
        .expect("choose sms");
    assert_eq!(sms.challenge_name(), Some(&ChallengeNameType::SmsMfa));
    assert_eq!(
        sms.challenge_parameters()
            .and_then(|p| p.get("CODE_DELIVERY_DESTINATION"))
            .map(String::as_str),
        Some("+*******0123")
    );
    let text = h.pool.outbox(Some("+15555550123")).pop().expect("sms");
    assert_eq!(text.channel, Channel::Sms);
    let done = h
        .user
        .respond_to_auth_challenge()
        .client_id(&h.client_id)
        .challenge_name(ChallengeNameType::SmsMfa)
        .session(sms.session().expect("session"))
        .challenge_responses("USERNAME", &user_id)
        .challenge_responses("SMS_MFA_CODE", text.code.expect("code"))
        .challenge_responses("SECRET_HASH", h.hash(&user_id))
        .send()
        .await
        .expect("SMS_MFA");
    assert!(done.authentication_result().is_some());
}

#[tokio::test]
async fn a_pool_that_requires_mfa_makes_new_users_set_up_totp_by_session() {
    let h = Harness::with(Setup {
        mfa: UserPoolMfaType::On,
        ..Setup::default()
    })
    .await;
    h.confirmed_user("setup@example.com").await;
    let started = h
        .password_auth("setup@example.com", PASSWORD)
        .await
        .expect("first factor");
    assert_eq!(started.challenge_name(), Some(&ChallengeNameType::MfaSetup));
    let user_id = started
        .challenge_parameters()
        .and_then(|p| p.get("USER_ID_FOR_SRP"))
        .expect("id")
        .to_owned();
    let associated = h
        .user
        .associate_software_token()
        .session(started.session().expect("session"))
        .send()
        .await
        .expect("AssociateSoftwareToken by session");
    let secret = associated.secret_code().expect("secret").to_owned();
    assert_eq!(secret.len(), 32);
    let err = h
        .user
        .verify_software_token()
        .session(associated.session().expect("session"))
        .user_code(if totp_now(&secret, h.now_secs()) == "000000" {
            "111111"
        } else {
            "000000"
        })
        .send()
        .await
        .expect_err("wrong code")
        .into_service_error();
    assert!(err.is_enable_software_token_mfa_exception(), "{err:?}");
    let verified = h
        .user
        .verify_software_token()
        .session(associated.session().expect("session"))
        .user_code(totp_now(&secret, h.now_secs()))
        .send()
        .await
        .expect("VerifySoftwareToken by session");
    let done = h
        .user
        .respond_to_auth_challenge()
        .client_id(&h.client_id)
        .challenge_name(ChallengeNameType::MfaSetup)
        .session(verified.session().expect("session"))
        .challenge_responses("USERNAME", &user_id)
        .challenge_responses("SECRET_HASH", h.hash(&user_id))
        .send()
        .await
        .expect("MFA_SETUP");
    assert!(done.authentication_result().is_some());
    h.pool.clock().advance(Duration::from_secs(30));
    let next = h
        .password_auth("setup@example.com", PASSWORD)
        .await
        .expect("first factor");
    assert_eq!(
        next.challenge_name(),
        Some(&ChallengeNameType::SoftwareTokenMfa)
    );
}

#[tokio::test]
async fn a_pool_that_requires_mfa_lets_new_users_set_up_email_codes_instead() {
    let h = Harness::with(Setup {
        mfa: UserPoolMfaType::On,
        ..Setup::default()
    })
    .await;
    h.confirmed_user("mailer@example.com").await;
    let started = h
        .password_auth("mailer@example.com", PASSWORD)
        .await
        .expect("first factor");
    assert_eq!(started.challenge_name(), Some(&ChallengeNameType::MfaSetup));
    let params = started.challenge_parameters().expect("parameters");
    assert!(params["MFAS_CAN_SETUP"].contains("EMAIL_OTP"), "{params:?}");
    let user_id = params["USER_ID_FOR_SRP"].clone();
    let respond = |session: &str, responses: &[(&str, &str)]| {
        let mut request = h
            .user
            .respond_to_auth_challenge()
            .client_id(&h.client_id)
            .session(session)
            .challenge_responses("USERNAME", &user_id)
            .challenge_responses("SECRET_HASH", h.hash(&user_id));
        for (k, v) in responses {
            request = request.challenge_responses(*k, *v);
        }
        request
    };
    let err = respond(
        started.session().expect("session"),
        &[("EMAIL", "someone-else@example.com")],
    )
    .challenge_name(ChallengeNameType::MfaSetup)
    .send()
    .await
    .expect_err("another address")
    .into_service_error();
    assert!(err.is_invalid_parameter_exception(), "{err:?}");
    let otp = respond(
        started.session().expect("session"),
        &[("EMAIL", "mailer@example.com")],
    )
    .challenge_name(ChallengeNameType::MfaSetup)
    .send()
    .await
    .expect("MFA_SETUP with EMAIL");
    assert_eq!(otp.challenge_name(), Some(&ChallengeNameType::EmailOtp));
    let code = h.latest_code("mailer@example.com");
    let done = respond(
        otp.session().expect("session"),
        &[("EMAIL_OTP_CODE", &code)],
    )
    .challenge_name(ChallengeNameType::EmailOtp)
    .send()
    .await
    .expect("EMAIL_OTP");
    let access = done
        .authentication_result()
        .and_then(|r| r.access_token())
        .expect("tokens");
    let user = h
        .user
        .get_user()
        .access_token(access)
        .send()
        .await
        .expect("GetUser");
    assert_eq!(user.user_mfa_setting_list(), ["EMAIL_OTP".to_owned()]);
}

#[tokio::test]
async fn forgot_password_sends_a_code_that_resets_the_password_once() {
    let h = Harness::start().await;
    let email = "forgot@example.com";
    h.confirmed_user(email).await;
    let sent = h
        .user
        .forgot_password()
        .client_id(&h.client_id)
        .secret_hash(h.hash(email))
        .username(email)
        .send()
        .await
        .expect("ForgotPassword");
    assert_eq!(
        sent.code_delivery_details().and_then(|d| d.destination()),
        Some("f***@e***")
    );
    let message = h.pool.outbox(Some(email)).pop().expect("reset email");
    assert_eq!(message.purpose, Purpose::ForgotPassword);
    let code = message.code.expect("code");
    let confirm = |code: &str, password: &str| {
        h.user
            .confirm_forgot_password()
            .client_id(&h.client_id)
            .secret_hash(h.hash(email))
            .username(email)
            .confirmation_code(code)
            .password(password)
            .send()
    };
    let err = confirm(&code, "weak")
        .await
        .expect_err("weak")
        .into_service_error();
    assert!(err.is_invalid_password_exception(), "{err:?}");
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let err = confirm(wrong, "New-Password-2")
        .await
        .expect_err("wrong code")
        .into_service_error();
    assert!(err.is_code_mismatch_exception(), "{err:?}");
    confirm(&code, "New-Password-2").await.expect("reset");
    let err = confirm(&code, "New-Password-3")
        .await
        .expect_err("reused")
        .into_service_error();
    assert!(err.is_expired_code_exception(), "{err:?}");
    h.password_auth(email, "New-Password-2")
        .await
        .expect("new password works");
    assert!(h.password_auth(email, PASSWORD).await.is_err());

    // Reset codes last one hour.
    h.user
        .forgot_password()
        .client_id(&h.client_id)
        .secret_hash(h.hash(email))
        .username(email)
        .send()
        .await
        .expect("ForgotPassword again");
    let code = h.latest_code(email);
    h.pool.clock().advance(Duration::from_secs(3601));
    let err = confirm(&code, "New-Password-4")
        .await
        .expect_err("expired")
        .into_service_error();
    assert!(err.is_expired_code_exception(), "{err:?}");
}

#[tokio::test]
async fn change_password_needs_the_previous_password_and_the_policy() {
    let h = Harness::start().await;
    let email = "change@example.com";
    h.confirmed_user(email).await;
    let access = h.access_token(email).await;
    let change = |previous: &str, proposed: &str| {
        h.user
            .change_password()
            .access_token(&access)
            .previous_password(previous)
            .proposed_password(proposed)
            .send()
    };
    let err = change("Wrong-Password-1", "New-Password-2")
        .await
        .expect_err("wrong")
        .into_service_error();
    assert!(err.is_not_authorized_exception(), "{err:?}");
    let err = change(PASSWORD, "short")
        .await
        .expect_err("policy")
        .into_service_error();
    assert!(err.is_invalid_password_exception(), "{err:?}");
    change(PASSWORD, "New-Password-2")
        .await
        .expect("ChangePassword");
    h.srp_auth(email, "New-Password-2")
        .await
        .expect("SRP with the new password");
}

#[tokio::test]
async fn an_invited_user_must_choose_a_new_password_at_first_sign_in() {
    let h = Harness::start().await;
    let email = "invited@example.com";
    let created = h
        .admin
        .admin_create_user()
        .user_pool_id(&h.pool_id)
        .username(email)
        .user_attributes(attr("email", email))
        .user_attributes(attr("email_verified", "true"))
        .desired_delivery_mediums(aws_sdk_cognitoidentityprovider::types::DeliveryMediumType::Email)
        .send()
        .await
        .expect("AdminCreateUser");
    let user = created.user().expect("user");
    assert_eq!(
        user.user_status().map(|s| s.as_str()),
        Some("FORCE_CHANGE_PASSWORD")
    );
    let invitation = h.pool.outbox(Some(email)).pop().expect("invitation");
    assert_eq!(invitation.purpose, Purpose::Invitation);
    let temporary = invitation.code.expect("temporary password");
    assert!(invitation.message.contains(&temporary));

    let started = h
        .password_auth(email, &temporary)
        .await
        .expect("temporary password");
    assert_eq!(
        started.challenge_name(),
        Some(&ChallengeNameType::NewPasswordRequired)
    );
    let user_id = started
        .challenge_parameters()
        .and_then(|p| p.get("USER_ID_FOR_SRP"))
        .expect("id")
        .to_owned();
    let respond = |password: &str| {
        h.user
            .respond_to_auth_challenge()
            .client_id(&h.client_id)
            .challenge_name(ChallengeNameType::NewPasswordRequired)
            .session(started.session().expect("session"))
            .challenge_responses("USERNAME", &user_id)
            .challenge_responses("NEW_PASSWORD", password)
            .challenge_responses("SECRET_HASH", h.hash(&user_id))
            .send()
    };
    let err = respond("weak")
        .await
        .expect_err("policy")
        .into_service_error();
    assert!(err.is_invalid_password_exception(), "{err:?}");
    let done = respond(PASSWORD).await.expect("NEW_PASSWORD_REQUIRED");
    assert!(done.authentication_result().is_some());
    h.password_auth(email, PASSWORD)
        .await
        .expect("the new password works");

    let err = h
        .admin
        .admin_create_user()
        .user_pool_id(&h.pool_id)
        .username(email)
        .send()
        .await
        .expect_err("duplicate")
        .into_service_error();
    assert!(err.is_username_exists_exception(), "{err:?}");
}

#[tokio::test]
async fn admin_user_management_operations_work_by_email_alias() {
    let h = Harness::start().await;
    let email = "managed@example.com";
    let sub = h.sign_up(email, PASSWORD).await;
    h.admin
        .admin_confirm_sign_up()
        .user_pool_id(&h.pool_id)
        .username(email)
        .send()
        .await
        .expect("AdminConfirmSignUp");
    let err = h
        .admin
        .admin_confirm_sign_up()
        .user_pool_id(&h.pool_id)
        .username(email)
        .send()
        .await
        .expect_err("already confirmed")
        .into_service_error();
    assert!(err.is_not_authorized_exception(), "{err:?}");
    h.admin
        .admin_set_user_password()
        .user_pool_id(&h.pool_id)
        .username(email)
        .password("Admin-Chosen-1")
        .permanent(true)
        .send()
        .await
        .expect("AdminSetUserPassword");
    let access = h
        .password_auth(email, "Admin-Chosen-1")
        .await
        .expect("admin password works")
        .authentication_result()
        .and_then(|r| r.access_token())
        .expect("access")
        .to_owned();
    let secret = {
        let s = h
            .user
            .associate_software_token()
            .access_token(&access)
            .send()
            .await
            .expect("associate");
        s.secret_code().expect("secret").to_owned()
    };
    h.user
        .verify_software_token()
        .access_token(&access)
        .user_code(totp_now(&secret, h.now_secs()))
        .send()
        .await
        .expect("verify");
    h.admin
        .admin_set_user_mfa_preference()
        .user_pool_id(&h.pool_id)
        .username(email)
        .software_token_mfa_settings(
            SoftwareTokenMfaSettingsType::builder()
                .enabled(true)
                .preferred_mfa(true)
                .build(),
        )
        .send()
        .await
        .expect("AdminSetUserMFAPreference");
    let got = h
        .admin
        .admin_get_user()
        .user_pool_id(&h.pool_id)
        .username(&sub)
        .send()
        .await
        .expect("AdminGetUser by username");
    assert_eq!(got.preferred_mfa_setting(), Some("SOFTWARE_TOKEN_MFA"));

    h.sign_up("other@example.com", PASSWORD).await;
    let listed = h
        .admin
        .list_users()
        .user_pool_id(&h.pool_id)
        .filter(format!("email = \"{email}\""))
        .send()
        .await
        .expect("ListUsers");
    assert_eq!(listed.users().len(), 1);
    assert_eq!(listed.users()[0].username(), Some(sub.as_str()));
    let all = h
        .admin
        .list_users()
        .user_pool_id(&h.pool_id)
        .limit(1)
        .send()
        .await
        .expect("page 1");
    assert_eq!(all.users().len(), 1);
    let next = h
        .admin
        .list_users()
        .user_pool_id(&h.pool_id)
        .limit(1)
        .pagination_token(all.pagination_token().expect("token"))
        .send()
        .await
        .expect("page 2");
    assert_eq!(next.users().len(), 1);
    assert_ne!(next.users()[0].username(), all.users()[0].username());
    let err = h
        .admin
        .list_users()
        .user_pool_id(&h.pool_id)
        .filter("email === nonsense")
        .send()
        .await
        .expect_err("bad filter")
        .into_service_error();
    assert!(err.is_invalid_parameter_exception(), "{err:?}");

    h.admin
        .admin_delete_user()
        .user_pool_id(&h.pool_id)
        .username(email)
        .send()
        .await
        .expect("AdminDeleteUser");
    let err = h
        .admin
        .admin_get_user()
        .user_pool_id(&h.pool_id)
        .username(email)
        .send()
        .await
        .expect_err("deleted")
        .into_service_error();
    assert!(err.is_user_not_found_exception(), "{err:?}");
    let err = h
        .user
        .get_user()
        .access_token(&access)
        .send()
        .await
        .expect_err("tokens of a deleted user");
    assert!(err.into_service_error().is_user_not_found_exception());
}

#[tokio::test]
async fn user_attributes_can_be_updated_verified_and_deleted() {
    let h = Harness::start().await;
    let email = "attrs@example.com";
    h.confirmed_user(email).await;
    let access = h.access_token(email).await;
    let err = h
        .user
        .update_user_attributes()
        .access_token(&access)
        .user_attributes(attr("favourite_colour", "blue"))
        .send()
        .await
        .expect_err("not in the schema")
        .into_service_error();
    assert!(err.is_invalid_parameter_exception(), "{err:?}");
    let updated = h
        .user
        .update_user_attributes()
        .access_token(&access)
        .user_attributes(attr("email", "new-attrs@example.com"))
        .user_attributes(attr("name", "Ada"))
        .user_attributes(attr("custom:tenant", "acme"))
        .send()
        .await
        .expect("UpdateUserAttributes");
    assert_eq!(updated.code_delivery_details_list().len(), 1);
    let me = h
        .user
        .get_user()
        .access_token(&access)
        .send()
        .await
        .expect("GetUser");
    let value = |n: &str| {
        me.user_attributes()
            .iter()
            .find(|a| a.name() == n)
            .and_then(|a| a.value())
            .map(str::to_owned)
    };
    assert_eq!(value("email").as_deref(), Some("new-attrs@example.com"));
    assert_eq!(value("email_verified").as_deref(), Some("false"));
    assert_eq!(value("custom:tenant").as_deref(), Some("acme"));

    let code = h.latest_code("new-attrs@example.com");
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let err = h
        .user
        .verify_user_attribute()
        .access_token(&access)
        .attribute_name("email")
        .code(wrong)
        .send()
        .await
        .expect_err("wrong code")
        .into_service_error();
    assert!(err.is_code_mismatch_exception(), "{err:?}");
    h.user
        .verify_user_attribute()
        .access_token(&access)
        .attribute_name("email")
        .code(code)
        .send()
        .await
        .expect("VerifyUserAttribute");
    h.user
        .get_user_attribute_verification_code()
        .access_token(&access)
        .attribute_name("email")
        .send()
        .await
        .expect("GetUserAttributeVerificationCode");
    let message = h
        .pool
        .outbox(Some("new-attrs@example.com"))
        .pop()
        .expect("code");
    assert_eq!(message.purpose, Purpose::VerifyAttribute);

    h.user
        .delete_user_attributes()
        .access_token(&access)
        .user_attribute_names("name")
        .send()
        .await
        .expect("DeleteUserAttributes");
    let err = h
        .user
        .delete_user_attributes()
        .access_token(&access)
        .user_attribute_names("email")
        .send()
        .await
        .expect_err("the username attribute stays")
        .into_service_error();
    assert!(err.is_invalid_parameter_exception(), "{err:?}");
    let me = h
        .user
        .get_user()
        .access_token(&access)
        .send()
        .await
        .expect("GetUser");
    assert!(me.user_attributes().iter().all(|a| a.name() != "name"));
    assert!(
        me.user_attributes()
            .iter()
            .any(|a| a.name() == "email_verified" && a.value() == Some("true"))
    );
    h.password_auth("new-attrs@example.com", PASSWORD)
        .await
        .expect("signs in with the new email");
}

#[tokio::test]
async fn delete_user_removes_the_account() {
    let h = Harness::start().await;
    h.confirmed_user("gone@example.com").await;
    let access = h.access_token("gone@example.com").await;
    h.user
        .delete_user()
        .access_token(&access)
        .send()
        .await
        .expect("DeleteUser");
    let err = h
        .password_auth("gone@example.com", PASSWORD)
        .await
        .expect_err("gone");
    assert!(
        matches!(err, InitiateAuthError::NotAuthorizedException(_)),
        "{err:?}"
    );
    h.sign_up("gone@example.com", PASSWORD).await;
}

#[tokio::test]
async fn a_disabled_user_cannot_sign_in() {
    let h = Harness::start().await;
    h.confirmed_user("disabled@example.com").await;
    h.admin
        .admin_disable_user()
        .user_pool_id(&h.pool_id)
        .username("disabled@example.com")
        .send()
        .await
        .expect("AdminDisableUser");
    match h
        .password_auth("disabled@example.com", PASSWORD)
        .await
        .expect_err("disabled")
    {
        InitiateAuthError::NotAuthorizedException(e) => {
            assert_eq!(e.message(), Some("User is disabled."))
        }
        other => panic!("expected NotAuthorizedException, got {other:?}"),
    }
}

#[tokio::test]
async fn a_restart_with_the_same_data_dir_keeps_users_mfa_and_refresh_tokens() {
    let dir = tempfile::tempdir().expect("tempdir");
    let h = Harness::with(Setup {
        data_dir: Some(dir.path().to_owned()),
        ..Setup::default()
    })
    .await;
    let email = "durable@example.com";
    let sub = h.confirmed_user(email).await;
    let access = h.access_token(email).await;
    let secret = h.enable_totp(&access).await;
    h.pool.clock().advance(Duration::from_secs(30));
    let started = h
        .password_auth(email, PASSWORD)
        .await
        .expect("first factor");
    let done = h
        .user
        .respond_to_auth_challenge()
        .client_id(&h.client_id)
        .challenge_name(ChallengeNameType::SoftwareTokenMfa)
        .session(started.session().expect("session"))
        .challenge_responses("USERNAME", &sub)
        .challenge_responses("SOFTWARE_TOKEN_MFA_CODE", totp_now(&secret, h.now_secs()))
        .challenge_responses("SECRET_HASH", h.hash(&sub))
        .send()
        .await
        .expect("TOTP");
    let result = done.authentication_result().expect("tokens");
    let refresh = result.refresh_token().expect("refresh").to_owned();
    let old_access = result.access_token().expect("access").to_owned();
    let Harness {
        pool,
        pool_id,
        client_id,
        secret: client_secret,
        ..
    } = h;
    pool.shutdown().await;

    let pool = local_pool::spawn(
        "127.0.0.1:0".parse().expect("addr"),
        Options {
            data_dir: Some(dir.path().to_owned()),
            ..Options::default()
        },
    )
    .await
    .expect("restart");
    let user = sdk_client(&pool.endpoint(), false);
    let admin = sdk_client(&pool.endpoint(), true);
    let got = admin
        .admin_get_user()
        .user_pool_id(&pool_id)
        .username(email)
        .send()
        .await
        .expect("the user survived");
    assert_eq!(got.preferred_mfa_setting(), Some("SOFTWARE_TOKEN_MFA"));
    assert!(!pool.outbox(Some(email)).is_empty(), "the outbox survived");
    let renewed = user
        .initiate_auth()
        .client_id(&client_id)
        .auth_flow(AuthFlowType::RefreshTokenAuth)
        .auth_parameters("REFRESH_TOKEN", &refresh)
        .auth_parameters("SECRET_HASH", secret_hash(&client_secret, &sub, &client_id))
        .send()
        .await
        .expect("the refresh token survived");
    assert!(
        renewed
            .authentication_result()
            .and_then(|r| r.access_token())
            .is_some()
    );
    // A new port means a new issuer, so tokens from before the restart are
    // only still valid when the address is the same; the signing key is.
    let key_file = dir.path().join("signing-key.pk8");
    assert!(key_file.exists());
    let _ = old_access;
    let started = user
        .initiate_auth()
        .client_id(&client_id)
        .auth_flow(AuthFlowType::UserPasswordAuth)
        .auth_parameters("USERNAME", email)
        .auth_parameters("PASSWORD", PASSWORD)
        .auth_parameters(
            "SECRET_HASH",
            secret_hash(&client_secret, email, &client_id),
        )
        .send()
        .await
        .expect("the password survived");
    assert_eq!(
        started.challenge_name(),
        Some(&ChallengeNameType::SoftwareTokenMfa)
    );
}

#[tokio::test]
async fn concurrent_sign_ups_are_all_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let h = Harness::with(Setup {
        data_dir: Some(dir.path().to_owned()),
        ..Setup::default()
    })
    .await;
    let mut tasks = Vec::new();
    for i in 0..24 {
        let client = h.user.clone();
        let client_id = h.client_id.clone();
        let email = format!("crowd{i}@example.com");
        let hash = h.hash(&email);
        tasks.push(tokio::spawn(async move {
            client
                .sign_up()
                .client_id(client_id)
                .secret_hash(hash)
                .username(&email)
                .password(PASSWORD)
                .send()
                .await
                .map(|_| ())
        }));
    }
    for t in tasks {
        t.await.expect("task").expect("SignUp");
    }
    let mut users = 0;
    let mut token = None;
    loop {
        let page = h
            .admin
            .list_users()
            .user_pool_id(&h.pool_id)
            .set_pagination_token(token)
            .send()
            .await
            .expect("ListUsers");
        users += page.users().len();
        token = page.pagination_token().map(str::to_owned);
        if token.is_none() {
            break;
        }
    }
    assert_eq!(users, 24);
    let saved: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("state.json")).expect("state file"))
            .expect("json");
    let saved_users = saved["pools"][&h.pool_id]["users"]
        .as_object()
        .map(|u| u.len());
    assert_eq!(saved_users, Some(24));
}

async fn raw_call(
    endpoint: &str,
    target: &str,
    content_type: &str,
    body: impl Into<reqwest::Body>,
) -> (u16, serde_json::Value, Option<String>) {
    let response = reqwest::Client::new()
        .post(endpoint)
        .header("content-type", content_type)
        .header("x-amz-target", target)
        .body(body)
        .send()
        .await
        .expect("request");
    let status = response.status().as_u16();
    let kind = response
        .headers()
        .get("x-amzn-errortype")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = response.json().await.unwrap_or(serde_json::Value::Null);
    (status, body, kind)
}

#[tokio::test]
async fn bad_input_gets_cognito_errors_never_a_500() {
    let h = Harness::start().await;
    let endpoint = h.pool.endpoint();
    let json = "application/x-amz-json-1.1";

    let (status, body, kind) = raw_call(
        &endpoint,
        "AWSCognitoIdentityProviderService.Nope",
        json,
        "{}",
    )
    .await;
    assert_eq!(
        (status, body["__type"].as_str()),
        (400, Some("UnknownOperationException"))
    );
    assert_eq!(kind.as_deref(), Some("UnknownOperationException"));

    let (status, body, _) = raw_call(
        &endpoint,
        "AWSCognitoIdentityProviderService.SignUp",
        json,
        "{not json",
    )
    .await;
    assert_eq!(
        (status, body["__type"].as_str()),
        (400, Some("SerializationException"))
    );

    let (status, body, _) = raw_call(
        &endpoint,
        "AWSCognitoIdentityProviderService.SignUp",
        json,
        "{}",
    )
    .await;
    assert_eq!(
        (status, body["__type"].as_str()),
        (400, Some("InvalidParameterException"))
    );
    assert!(
        body["message"]
            .as_str()
            .is_some_and(|m| m.contains("'clientId'")),
        "{body}"
    );

    let long = serde_json::json!({ "ClientId": h.client_id, "Username": "x".repeat(200), "Password": PASSWORD });
    let (status, body, _) = raw_call(
        &endpoint,
        "AWSCognitoIdentityProviderService.SignUp",
        json,
        long.to_string(),
    )
    .await;
    assert_eq!(
        (status, body["__type"].as_str()),
        (400, Some("InvalidParameterException"))
    );
    assert!(
        body["message"]
            .as_str()
            .is_some_and(|m| m.contains("'username'")),
        "{body}"
    );

    let wrong_type = serde_json::json!({ "ClientId": 42 });
    let (status, _, _) = raw_call(
        &endpoint,
        "AWSCognitoIdentityProviderService.SignUp",
        json,
        wrong_type.to_string(),
    )
    .await;
    assert_eq!(status, 400);

    let (status, body, _) = raw_call(
        &endpoint,
        "AWSCognitoIdentityProviderService.SignUp",
        "text/plain",
        "{}",
    )
    .await;
    assert_eq!(
        (status, body["__type"].as_str()),
        (400, Some("UnknownOperationException"))
    );

    let huge = vec![b' '; 2 * 1024 * 1024];
    let (status, _, _) = raw_call(
        &endpoint,
        "AWSCognitoIdentityProviderService.SignUp",
        json,
        huge,
    )
    .await;
    assert_eq!(status, 413);

    let bad_a = serde_json::json!({
        "ClientId": h.client_id, "AuthFlow": "USER_SRP_AUTH",
        "AuthParameters": { "USERNAME": "a@example.com", "SRP_A": "0", "SECRET_HASH": h.hash("a@example.com") }
    });
    let (status, body, _) = raw_call(
        &endpoint,
        "AWSCognitoIdentityProviderService.InitiateAuth",
        json,
        bad_a.to_string(),
    )
    .await;
    assert_eq!(
        (status, body["__type"].as_str()),
        (400, Some("InvalidParameterException"))
    );

    let bad_flow =
        serde_json::json!({ "ClientId": h.client_id, "AuthFlow": "MAGIC", "AuthParameters": {} });
    let (status, _, _) = raw_call(
        &endpoint,
        "AWSCognitoIdentityProviderService.InitiateAuth",
        json,
        bad_flow.to_string(),
    )
    .await;
    assert_eq!(status, 400);

    let garbage_session = serde_json::json!({
        "ClientId": h.client_id, "ChallengeName": "SOFTWARE_TOKEN_MFA", "Session": "x".repeat(40),
        "ChallengeResponses": { "USERNAME": "a@example.com", "SOFTWARE_TOKEN_MFA_CODE": "123456", "SECRET_HASH": h.hash("a@example.com") }
    });
    let (status, body, _) = raw_call(
        &endpoint,
        "AWSCognitoIdentityProviderService.RespondToAuthChallenge",
        json,
        garbage_session.to_string(),
    )
    .await;
    assert_eq!(
        (status, body["__type"].as_str()),
        (400, Some("NotAuthorizedException"))
    );

    let bad_timestamp = serde_json::json!({
        "ClientId": h.client_id, "ChallengeName": "PASSWORD_VERIFIER",
        "ChallengeResponses": { "USERNAME": "a", "PASSWORD_CLAIM_SECRET_BLOCK": "AA==", "PASSWORD_CLAIM_SIGNATURE": "AA==", "TIMESTAMP": "yesterday", "SECRET_HASH": h.hash("a") }
    });
    let (status, body, _) = raw_call(
        &endpoint,
        "AWSCognitoIdentityProviderService.RespondToAuthChallenge",
        json,
        bad_timestamp.to_string(),
    )
    .await;
    assert_eq!(
        (status, body["__type"].as_str()),
        (400, Some("InvalidParameterException"))
    );
}

#[tokio::test]
async fn the_outbox_endpoint_lists_messages_newest_last_and_filters_by_destination() {
    let h = Harness::start().await;
    h.sign_up("first@example.com", PASSWORD).await;
    h.sign_up("second@example.com", PASSWORD).await;
    let all: serde_json::Value = reqwest::get(format!("{}/_local/outbox", h.pool.endpoint()))
        .await
        .expect("outbox")
        .json()
        .await
        .expect("json");
    let messages = all["messages"].as_array().expect("messages");
    assert_eq!(messages.len(), 2);
    assert_eq!(messages[1]["destination"], "second@example.com");
    assert_eq!(messages[1]["purpose"], "sign_up");
    assert_eq!(messages[1]["channel"], "EMAIL");
    assert!(
        messages[1]["sent_at"]
            .as_str()
            .is_some_and(|s| s.ends_with('Z'))
    );
    let one: serde_json::Value = reqwest::get(format!(
        "{}/_local/outbox?destination=first@example.com",
        h.pool.endpoint()
    ))
    .await
    .expect("outbox")
    .json()
    .await
    .expect("json");
    assert_eq!(one["messages"].as_array().map(Vec::len), Some(1));
}

#[tokio::test]
async fn user_auth_with_a_preferred_password_challenge_signs_in() {
    let h = Harness::start().await;
    h.confirmed_user("choice@example.com").await;
    let out = h
        .user
        .initiate_auth()
        .client_id(&h.client_id)
        .auth_flow(AuthFlowType::UserAuth)
        .auth_parameters("USERNAME", "choice@example.com")
        .auth_parameters("PREFERRED_CHALLENGE", "PASSWORD")
        .auth_parameters("PASSWORD", PASSWORD)
        .auth_parameters("SECRET_HASH", h.hash("choice@example.com"))
        .send()
        .await
        .expect("USER_AUTH");
    assert!(out.authentication_result().is_some());
}

#[tokio::test]
async fn a_flow_the_client_does_not_allow_is_refused() {
    let h = Harness::start().await;
    let restricted = h
        .admin
        .create_user_pool_client()
        .user_pool_id(&h.pool_id)
        .client_name("srp-only")
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserSrpAuth)
        .send()
        .await
        .expect("client");
    let client_id = restricted
        .user_pool_client()
        .and_then(|c| c.client_id())
        .expect("id");
    let err = h
        .user
        .initiate_auth()
        .client_id(client_id)
        .auth_flow(AuthFlowType::UserPasswordAuth)
        .auth_parameters("USERNAME", "a@example.com")
        .auth_parameters("PASSWORD", PASSWORD)
        .send()
        .await
        .expect_err("not allowed")
        .into_service_error();
    assert!(err.is_invalid_parameter_exception(), "{err:?}");
}

#[tokio::test]
async fn a_pool_that_keeps_the_original_email_switches_only_after_verification() {
    use aws_sdk_cognitoidentityprovider::types::UserAttributeUpdateSettingsType;
    let h = Harness::start().await;
    h.admin
        .update_user_pool()
        .user_pool_id(&h.pool_id)
        .auto_verified_attributes(VerifiedAttributeType::Email)
        .user_attribute_update_settings(
            UserAttributeUpdateSettingsType::builder()
                .attributes_require_verification_before_update(VerifiedAttributeType::Email)
                .build(),
        )
        .send()
        .await
        .expect("UpdateUserPool");
    let described = h
        .admin
        .describe_user_pool()
        .user_pool_id(&h.pool_id)
        .send()
        .await
        .expect("DescribeUserPool");
    assert_eq!(
        described
            .user_pool()
            .and_then(|p| p.user_attribute_update_settings())
            .map(|s| s.attributes_require_verification_before_update().to_vec()),
        Some(vec![VerifiedAttributeType::Email])
    );
    h.confirmed_user("keep@example.com").await;
    let access = h.access_token("keep@example.com").await;
    let updated = h
        .user
        .update_user_attributes()
        .access_token(&access)
        .user_attributes(attr("email", "moved@example.com"))
        .send()
        .await
        .expect("UpdateUserAttributes");
    assert_eq!(updated.code_delivery_details_list().len(), 1);
    let email_now = |me: &aws_sdk_cognitoidentityprovider::operation::get_user::GetUserOutput| {
        let value = |n: &str| {
            me.user_attributes()
                .iter()
                .find(|a| a.name() == n)
                .and_then(|a| a.value())
                .map(str::to_owned)
        };
        (value("email"), value("email_verified"))
    };
    let me = h
        .user
        .get_user()
        .access_token(&access)
        .send()
        .await
        .expect("GetUser");
    assert_eq!(
        email_now(&me),
        (Some("keep@example.com".into()), Some("true".into())),
        "the verified original stays until the new address is verified"
    );
    h.password_auth("keep@example.com", PASSWORD)
        .await
        .expect("the original still signs in");
    assert!(
        h.password_auth("moved@example.com", PASSWORD)
            .await
            .is_err(),
        "the unverified address does not sign in yet"
    );

    // A new code goes to the pending address, not the original.
    h.user
        .get_user_attribute_verification_code()
        .access_token(&access)
        .attribute_name("email")
        .send()
        .await
        .expect("GetUserAttributeVerificationCode");
    assert_eq!(h.pool.outbox(Some("moved@example.com")).len(), 2);
    let code = h.latest_code("moved@example.com");
    h.user
        .verify_user_attribute()
        .access_token(&access)
        .attribute_name("email")
        .code(code)
        .send()
        .await
        .expect("VerifyUserAttribute");
    let me = h
        .user
        .get_user()
        .access_token(&access)
        .send()
        .await
        .expect("GetUser");
    assert_eq!(
        email_now(&me),
        (Some("moved@example.com".into()), Some("true".into()))
    );
    h.password_auth("moved@example.com", PASSWORD)
        .await
        .expect("the new address signs in");
    assert!(h.password_auth("keep@example.com", PASSWORD).await.is_err());

    // Keeping an address Cognito would not send a code to is refused.
    let err = h
        .admin
        .update_user_pool()
        .user_pool_id(&h.pool_id)
        .user_attribute_update_settings(
            UserAttributeUpdateSettingsType::builder()
                .attributes_require_verification_before_update(VerifiedAttributeType::PhoneNumber)
                .build(),
        )
        .send()
        .await
        .expect_err("phone is not auto-verified")
        .into_service_error();
    assert!(err.is_invalid_parameter_exception(), "{err:?}");
}

#[tokio::test]
async fn admin_reset_user_password_demands_a_reset_at_sign_in() {
    let h = Harness::start().await;
    h.confirmed_user("reset@example.com").await;
    let before = h.pool.outbox(Some("reset@example.com")).len();
    h.admin
        .admin_reset_user_password()
        .user_pool_id(&h.pool_id)
        .username("reset@example.com")
        .send()
        .await
        .expect("AdminResetUserPassword");
    let sent = h.pool.outbox(Some("reset@example.com"));
    assert_eq!(sent.len(), before + 1);
    assert_eq!(
        sent.last().map(|m| m.purpose),
        Some(Purpose::ForgotPassword)
    );
    let err = h
        .password_auth("reset@example.com", PASSWORD)
        .await
        .expect_err("a reset is required");
    assert!(
        matches!(err, InitiateAuthError::PasswordResetRequiredException(_)),
        "{err:?}"
    );
    let code = h.latest_code("reset@example.com");
    h.user
        .confirm_forgot_password()
        .client_id(&h.client_id)
        .secret_hash(h.hash("reset@example.com"))
        .username("reset@example.com")
        .confirmation_code(code)
        .password("Another-Horse-2")
        .send()
        .await
        .expect("ConfirmForgotPassword");
    h.password_auth("reset@example.com", "Another-Horse-2")
        .await
        .expect("the new password signs in");
}

// The test clock control: `Options::clock_control` (`--test-clock`) serves
// GET /_local/clock and POST /_local/clock/advance.

async fn clock_pool(clock_control: bool) -> RunningPool {
    local_pool::spawn(
        "127.0.0.1:0".parse().expect("addr"),
        Options {
            clock_control,
            ..Options::default()
        },
    )
    .await
    .expect("pool starts")
}

async fn get_clock(endpoint: &str) -> (u16, serde_json::Value) {
    let response = reqwest::get(format!("{endpoint}/_local/clock"))
        .await
        .expect("request");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or_default())
}

async fn advance_clock(endpoint: &str, body: &str) -> (u16, serde_json::Value) {
    let response = reqwest::Client::new()
        .post(format!("{endpoint}/_local/clock/advance"))
        .header("content-type", "application/json")
        .body(body.to_owned())
        .send()
        .await
        .expect("request");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or_default())
}

#[tokio::test]
async fn advancing_the_clock_over_http_expires_a_sign_up_code_and_get_reports_the_new_time() {
    let h = Harness::with(Setup {
        clock_control: true,
        ..Setup::default()
    })
    .await;
    let endpoint = h.pool.endpoint();
    h.sign_up("later@example.com", PASSWORD).await;
    let code = h.latest_code("later@example.com");

    let (status, before) = get_clock(&endpoint).await;
    assert_eq!(status, 200);
    assert_eq!(before["offset_ms"], 0);
    let before_ms = before["now_ms"].as_u64().expect("now_ms");

    let day_and_an_hour = 25 * 3600;
    let (status, advanced) =
        advance_clock(&endpoint, &format!(r#"{{"seconds": {day_and_an_hour}}}"#)).await;
    assert_eq!(status, 200, "{advanced}");
    assert_eq!(advanced["offset_ms"], day_and_an_hour * 1000);
    assert!(advanced["now_ms"].as_u64().expect("now_ms") >= before_ms + day_and_an_hour * 1000);
    assert_eq!(
        h.pool.clock().offset(),
        Duration::from_secs(day_and_an_hour),
        "the route moves the clock the pool shares"
    );

    let (status, after) = get_clock(&endpoint).await;
    assert_eq!(status, 200);
    assert_eq!(after["offset_ms"], day_and_an_hour * 1000);
    assert!(after["now_ms"].as_u64().expect("now_ms") >= before_ms + day_and_an_hour * 1000);

    let err = h
        .user
        .confirm_sign_up()
        .client_id(&h.client_id)
        .secret_hash(h.hash("later@example.com"))
        .username("later@example.com")
        .confirmation_code(code)
        .send()
        .await
        .expect_err("a 24-hour code is expired after 25 hours")
        .into_service_error();
    assert!(err.is_expired_code_exception(), "{err:?}");
}

#[tokio::test]
async fn without_clock_control_the_clock_routes_are_not_found() {
    let pool = clock_pool(false).await;
    let endpoint = pool.endpoint();
    let (status, body) = get_clock(&endpoint).await;
    assert_eq!(
        (status, body),
        (404, serde_json::json!({ "message": "Not Found" }))
    );
    let (status, body) = advance_clock(&endpoint, r#"{"seconds": 3600}"#).await;
    assert_eq!(
        (status, body),
        (404, serde_json::json!({ "message": "Not Found" }))
    );
    assert_eq!(pool.clock().offset(), Duration::ZERO);
}

#[tokio::test]
async fn a_bad_clock_advance_body_is_a_400_that_names_the_problem() {
    let pool = clock_pool(true).await;
    let endpoint = pool.endpoint();
    let ten_years = 10 * 365 * 86_400_u64;
    let cases = [
        ("not json", "JSON object"),
        ("", "JSON object"),
        ("[60]", "JSON object"),
        ("{}", "seconds is required"),
        (r#"{"secs": 60}"#, "seconds is required"),
        (r#"{"seconds": -1}"#, "non-negative integer"),
        (r#"{"seconds": 1.5}"#, "non-negative integer"),
        (r#"{"seconds": "60"}"#, "non-negative integer"),
        (r#"{"seconds": null}"#, "non-negative integer"),
        (&format!(r#"{{"seconds": {}}}"#, ten_years + 1), "at most"),
        (r#"{"seconds": 1e30}"#, "non-negative integer"),
    ];
    for (body, problem) in cases {
        let (status, answer) = advance_clock(&endpoint, body).await;
        assert_eq!(status, 400, "{body}: {answer}");
        let message = answer["message"].as_str().expect("a message");
        assert!(message.contains(problem), "{body}: {message}");
    }
    assert_eq!(pool.clock().offset(), Duration::ZERO, "nothing moved");

    let (status, answer) =
        advance_clock(&endpoint, &format!(r#"{{"seconds": {ten_years}}}"#)).await;
    assert_eq!(status, 200, "ten years is allowed: {answer}");
    assert_eq!(pool.clock().offset(), Duration::from_secs(ten_years));
}
