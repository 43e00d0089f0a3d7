//! Groups through the AWS SDK: creating them, adding and removing members,
//! listing a user's groups, and the group claims in the tokens issued
//! afterwards (<https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-user-groups.html>).

mod harness;

use aws_sdk_cognitoidentityprovider::operation::initiate_auth::InitiateAuthOutput;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

use harness::{Harness, PASSWORD};

fn claims(token: &str) -> Value {
    let payload = token.split('.').nth(1).expect("a JWT has a payload");
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).expect("base64url")).expect("JSON")
}

/// The ID and access token claims of a fresh sign-in.
async fn signed_in_claims(h: &Harness, email: &str) -> (Value, Value) {
    let out: InitiateAuthOutput = h.password_auth(email, PASSWORD).await.expect("sign in");
    let result = out.authentication_result().expect("tokens");
    (
        claims(result.id_token().expect("ID token")),
        claims(result.access_token().expect("access token")),
    )
}

async fn create_group(h: &Harness, name: &str, precedence: Option<i32>, role: Option<&str>) {
    h.admin
        .create_group()
        .user_pool_id(&h.pool_id)
        .group_name(name)
        .set_precedence(precedence)
        .set_role_arn(role.map(str::to_owned))
        .send()
        .await
        .expect("CreateGroup");
}

async fn add(h: &Harness, email: &str, group: &str) {
    h.admin
        .admin_add_user_to_group()
        .user_pool_id(&h.pool_id)
        .username(email)
        .group_name(group)
        .send()
        .await
        .expect("AdminAddUserToGroup");
}

#[tokio::test]
async fn members_carry_their_groups_in_new_tokens_ordered_by_precedence() {
    let h = Harness::start().await;
    h.confirmed_user("ada@example.com").await;

    // In no group, the claims are absent rather than empty, as on Cognito.
    let (id, access) = signed_in_claims(&h, "ada@example.com").await;
    assert_eq!(id.get("cognito:groups"), None);
    assert_eq!(access.get("cognito:groups"), None);

    create_group(&h, "staff", None, None).await;
    create_group(
        &h,
        "admins",
        Some(1),
        Some("arn:aws:iam::000000000000:role/admins"),
    )
    .await;
    create_group(
        &h,
        "editors",
        Some(5),
        Some("arn:aws:iam::000000000000:role/editors"),
    )
    .await;
    // By email (the sign-in name), as admin operations accept.
    add(&h, "ada@example.com", "staff").await;
    add(&h, "ada@example.com", "editors").await;
    add(&h, "ada@example.com", "admins").await;

    let (id, access) = signed_in_claims(&h, "ada@example.com").await;
    assert_eq!(id["cognito:groups"], json!(["admins", "editors", "staff"]));
    assert_eq!(
        access["cognito:groups"],
        json!(["admins", "editors", "staff"])
    );
    assert_eq!(
        id["cognito:preferred_role"],
        json!("arn:aws:iam::000000000000:role/admins")
    );
    assert_eq!(
        id["cognito:roles"],
        json!([
            "arn:aws:iam::000000000000:role/admins",
            "arn:aws:iam::000000000000:role/editors"
        ])
    );

    let listed = h
        .admin
        .admin_list_groups_for_user()
        .user_pool_id(&h.pool_id)
        .username("ada@example.com")
        .limit(2)
        .send()
        .await
        .expect("AdminListGroupsForUser");
    let names: Vec<&str> = listed
        .groups()
        .iter()
        .filter_map(|g| g.group_name())
        .collect();
    assert_eq!(names, ["admins", "editors"]);
    let rest = h
        .admin
        .admin_list_groups_for_user()
        .user_pool_id(&h.pool_id)
        .username("ada@example.com")
        .limit(2)
        .set_next_token(listed.next_token().map(str::to_owned))
        .send()
        .await
        .expect("the next page");
    let names: Vec<&str> = rest
        .groups()
        .iter()
        .filter_map(|g| g.group_name())
        .collect();
    assert_eq!(names, ["staff"]);
    assert_eq!(rest.next_token(), None);

    h.admin
        .admin_remove_user_from_group()
        .user_pool_id(&h.pool_id)
        .username("ada@example.com")
        .group_name("admins")
        .send()
        .await
        .expect("AdminRemoveUserFromGroup");
    h.admin
        .delete_group()
        .user_pool_id(&h.pool_id)
        .group_name("staff")
        .send()
        .await
        .expect("DeleteGroup");
    let (id, _) = signed_in_claims(&h, "ada@example.com").await;
    assert_eq!(id["cognito:groups"], json!(["editors"]));
    assert_eq!(
        id["cognito:preferred_role"],
        json!("arn:aws:iam::000000000000:role/editors")
    );
}

#[tokio::test]
async fn a_refresh_brings_group_changes_into_the_tokens() {
    let h = Harness::start().await;
    h.confirmed_user("ada@example.com").await;
    let out = h
        .password_auth("ada@example.com", PASSWORD)
        .await
        .expect("sign in");
    let result = out.authentication_result().expect("tokens");
    let refresh = result.refresh_token().expect("refresh token").to_owned();
    let username = claims(result.id_token().expect("ID token"))["cognito:username"]
        .as_str()
        .expect("a username")
        .to_owned();
    create_group(&h, "admins", None, None).await;
    add(&h, "ada@example.com", "admins").await;

    let refreshed = h
        .user
        .initiate_auth()
        .client_id(&h.client_id)
        .auth_flow(aws_sdk_cognitoidentityprovider::types::AuthFlowType::RefreshTokenAuth)
        .auth_parameters("REFRESH_TOKEN", refresh)
        .auth_parameters("SECRET_HASH", h.hash(&username))
        .send()
        .await
        .expect("REFRESH_TOKEN_AUTH");
    let id = claims(
        refreshed
            .authentication_result()
            .and_then(|r| r.id_token())
            .expect("a new ID token"),
    );
    assert_eq!(id["cognito:groups"], json!(["admins"]));
}

#[tokio::test]
async fn group_operations_answer_cognitos_exceptions() {
    let h = Harness::start().await;
    h.confirmed_user("ada@example.com").await;
    create_group(&h, "admins", None, None).await;

    let again = h
        .admin
        .create_group()
        .user_pool_id(&h.pool_id)
        .group_name("admins")
        .send()
        .await
        .expect_err("a second group of the same name");
    assert!(
        again.into_service_error().is_group_exists_exception(),
        "GroupExistsException"
    );

    let no_group = h
        .admin
        .admin_add_user_to_group()
        .user_pool_id(&h.pool_id)
        .username("ada@example.com")
        .group_name("nobody-made-this")
        .send()
        .await
        .expect_err("an unknown group");
    assert!(
        no_group
            .into_service_error()
            .is_resource_not_found_exception()
    );

    let no_user = h
        .admin
        .admin_add_user_to_group()
        .user_pool_id(&h.pool_id)
        .username("nobody@example.com")
        .group_name("admins")
        .send()
        .await
        .expect_err("an unknown user");
    assert!(no_user.into_service_error().is_user_not_found_exception());

    let negative = h
        .admin
        .create_group()
        .user_pool_id(&h.pool_id)
        .group_name("odd")
        .precedence(-1)
        .send()
        .await
        .expect_err("a negative precedence");
    assert_eq!(
        aws_sdk_cognitoidentityprovider::error::ProvideErrorMetadata::code(&negative),
        Some("InvalidParameterException")
    );

    // Spaces are not in Cognito's pattern for group names.
    let spaced = h
        .admin
        .create_group()
        .user_pool_id(&h.pool_id)
        .group_name("two words")
        .send()
        .await
        .expect_err("a group name with a space");
    assert_eq!(
        aws_sdk_cognitoidentityprovider::error::ProvideErrorMetadata::code(&spaced),
        Some("InvalidParameterException")
    );

    // A page token from nowhere is no reason to fail: an empty page.
    let far = h
        .admin
        .admin_list_groups_for_user()
        .user_pool_id(&h.pool_id)
        .username("ada@example.com")
        .next_token(format!("groups-{}", usize::MAX))
        .send()
        .await
        .expect("a page past the end");
    assert!(far.groups().is_empty());
    assert_eq!(far.next_token(), None);

    // Group names are case-sensitive.
    let other_case = h
        .admin
        .get_group()
        .user_pool_id(&h.pool_id)
        .group_name("Admins")
        .send()
        .await
        .expect_err("another capitalisation is another group");
    assert!(
        other_case
            .into_service_error()
            .is_resource_not_found_exception()
    );
}

#[tokio::test]
async fn groups_of_equal_precedence_with_different_roles_leave_no_preferred_role() {
    let h = Harness::start().await;
    h.confirmed_user("ada@example.com").await;
    create_group(
        &h,
        "red",
        Some(2),
        Some("arn:aws:iam::000000000000:role/red"),
    )
    .await;
    create_group(
        &h,
        "blue",
        Some(2),
        Some("arn:aws:iam::000000000000:role/blue"),
    )
    .await;
    add(&h, "ada@example.com", "red").await;
    add(&h, "ada@example.com", "blue").await;
    let (id, _) = signed_in_claims(&h, "ada@example.com").await;
    assert_eq!(id["cognito:groups"], json!(["blue", "red"]));
    assert_eq!(id.get("cognito:preferred_role"), None);
    assert_eq!(
        id["cognito:roles"],
        json!([
            "arn:aws:iam::000000000000:role/blue",
            "arn:aws:iam::000000000000:role/red"
        ])
    );
}
