//! The foundation scenario against moto's Cognito server, an independent
//! implementation, so Threshold is not only tested against the pool this
//! project wrote. moto has no SRP worth the name, so this runs with
//! `USER_PASSWORD_AUTH`; it accepts any confirmation code, so the code
//! typed here is arbitrary (the local-pool tests check real codes).
//! moto signs tokens with the AWS issuer but serves its keys at its own
//! address, which is what `--issuer` is for.
//!
//! Needs moto's server: `pip install 'moto[server]==5.2.1'` (`scripts/test-all` installs it).

mod support;

#[path = "../local-pool/tests/support/moto.rs"]
mod moto;

use reqwest::StatusCode;
use secrecy::ExposeSecret as _;
use support::{PASSWORD, TestApp, action};
use threshold::cognito::admin::{Admin, ClientAuthFlow, ClientSpec, MfaRequirement, PoolSpec};
use threshold::cognito::client::Endpoint;
use threshold::cognito::mfa::Factor;
use threshold::config::Config;
use threshold::routes::Page;

#[tokio::test]
async fn sign_up_confirm_sign_in_account_and_sign_out_work_against_moto() {
    let moto = moto::Moto::start().await.expect("moto's server starts");
    let app = threshold_on_moto(&moto, "threshold-moto", Mfa::Off).await;

    let page = app
        .submit(
            Page::SignUp.path(),
            action::SIGN_UP,
            &[
                ("username", "ada"),
                ("email", "ada@example.com"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::SignUpConfirm.path()));
    // moto accepts any code (see the module comment).
    let page = app.confirm("123456").await;
    assert_eq!(page.location.as_deref(), Some(Page::SignIn.path()));

    let page = app.sign_in("ada", "Wrong-password-1").await;
    assert_eq!(page.location.as_deref(), Some(Page::SignIn.path()));
    assert_eq!(
        app.get(Page::SignIn.path()).await.message_ids(),
        vec!["sign_in.incorrect_credentials".to_owned()]
    );

    let page = app.sign_in("ada", PASSWORD).await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
    let account = app.get(Page::Account.path()).await;
    assert_eq!(account.status, StatusCode::OK);
    assert!(account.body.contains("ada@example.com"));

    let token = account.csrf();
    let page = app
        .post_raw(action::SIGN_OUT, &[("csrf_token", &token)])
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::SignIn.path()));
    assert_eq!(
        app.get(Page::Account.path()).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn an_authenticator_app_is_enrolled_and_asked_for_at_sign_in_against_moto() {
    use support::totp::{fresh_code, secret_on};

    let moto = moto::Moto::start().await.expect("moto's server starts");
    let app = threshold_on_moto(&moto, "threshold-moto-mfa", Mfa::OptionalApp).await;
    sign_up_and_in(&app, "lin").await;

    let token = app.get(Page::Account.path()).await.csrf();
    let page = app
        .post_raw(action::START_TOTP, &[("csrf_token", &token)])
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::TotpSetup.path()));
    // moto hands every user the same secret; it is read off the page like any other.
    let secret = secret_on(&app.get(Page::TotpSetup.path()).await);
    let code = fresh_code(&secret).await;
    let page = app
        .submit(
            Page::TotpSetup.path(),
            action::VERIFY_TOTP,
            &[("code", &code)],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
    let token = app.get(Page::Account.path()).await.csrf();
    app.post_raw(action::SIGN_OUT, &[("csrf_token", &token)])
        .await;

    let page = app.sign_in("lin", PASSWORD).await;
    assert_eq!(page.location.as_deref(), Some(Page::SignInChallenge.path()));
    let code = fresh_code(&secret).await;
    let page = app
        .submit(
            Page::SignInChallenge.path(),
            action::ANSWER_CHALLENGE,
            &[("code", &code)],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
}

/// Whether the moto pool offers MFA.
enum Mfa {
    Off,
    /// Optional, with authenticator apps.
    OptionalApp,
}

/// A moto pool with a confidential client, and Threshold in front of it
/// (username sign-in, USER_PASSWORD_AUTH).
async fn threshold_on_moto(moto: &moto::Moto, name: &str, mfa: Mfa) -> TestApp {
    threshold_on_moto_with(moto, name, mfa, &[], axum::Router::new()).await
}

/// `threshold_on_moto`, with more settings and the product's `routes`.
async fn threshold_on_moto_with(
    moto: &moto::Moto,
    name: &str,
    mfa: Mfa,
    extra: &[&str],
    routes: axum::Router,
) -> TestApp {
    let (pool_id, client) = moto_pool(moto, name, mfa).await;
    threshold_on(moto, &pool_id, &client, extra, routes).await
}

/// A user pool in moto and a confidential client of it.
async fn moto_pool(
    moto: &moto::Moto,
    name: &str,
    mfa: Mfa,
) -> (String, threshold::cognito::admin::ClientCredentials) {
    let admin = Admin::for_local_pool(&Endpoint {
        region: "us-east-1".to_owned(),
        url: Some(url::Url::parse(&moto.endpoint()).expect("moto's URL")),
    });
    let (mfa, mfa_factors) = match mfa {
        Mfa::Off => (MfaRequirement::Off, Vec::new()),
        Mfa::OptionalApp => (MfaRequirement::Optional, vec![Factor::Totp]),
    };
    let pool_id = admin
        .create_pool(&PoolSpec {
            mfa,
            mfa_factors,
            ..PoolSpec::named(name)
        })
        .await
        .expect("CreateUserPool");
    let client = admin
        .create_client(
            &pool_id,
            &ClientSpec {
                name: "threshold".to_owned(),
                auth_flows: vec![ClientAuthFlow::UserPassword, ClientAuthFlow::RefreshToken],
                prevent_user_existence_errors: false,
                write_attributes: None,
            },
        )
        .await
        .expect("CreateUserPoolClient");
    (pool_id, client)
}

/// Threshold on moto's `pool_id` as `client`.
async fn threshold_on(
    moto: &moto::Moto,
    pool_id: &str,
    client: &threshold::cognito::admin::ClientCredentials,
    extra: &[&str],
    routes: axum::Router,
) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let issuer = moto::Moto::issuer(pool_id);
    let endpoint = moto.endpoint();
    let mut args = vec![
        "threshold",
        "--addr",
        "127.0.0.1:0",
        "--data-dir",
        dir.path().to_str().expect("utf-8 path"),
        "--user-pool-id",
        pool_id,
        "--client-id",
        &client.client_id,
        "--client-secret",
        client.client_secret.expose_secret(),
        "--auth-flow",
        "USER_PASSWORD_AUTH",
        "--endpoint-url",
        &endpoint,
        "--issuer",
        &issuer,
        "--sign-in-name",
        "username",
    ];
    args.extend_from_slice(extra);
    let config = Config::from_args(args).expect("configuration");
    TestApp::start_with_routes(config, local_pool::Clock::system(), dir, routes).await
}

#[tokio::test]
async fn forgot_password_and_change_password_work_against_moto() {
    const RESET: &str = "Battery-staple-8";
    const CHANGED: &str = "Tr0ubador-and-3";
    let moto = moto::Moto::start().await.expect("moto's server starts");
    let app = threshold_on_moto(&moto, "threshold-moto-recovery", Mfa::Off).await;
    app.submit(
        Page::SignUp.path(),
        action::SIGN_UP,
        &[
            ("username", "grace"),
            ("email", "grace@example.com"),
            ("password", PASSWORD),
        ],
    )
    .await;
    app.confirm("123456").await;

    // Forgot password: moto accepts any code (see the module comment).
    let browser = app.another_browser();
    let page = browser
        .submit(
            Page::ForgotPassword.path(),
            action::FORGOT_PASSWORD,
            &[("username", "grace")],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::ResetPassword.path()));
    let reset_page = browser.get(Page::ResetPassword.path()).await;
    assert_eq!(reset_page.message_ids(), ["reset_password.intro_account"]);
    let page = browser
        .submit(
            Page::ResetPassword.path(),
            action::RESET_PASSWORD,
            &[("code", "123456"), ("password", RESET)],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::SignIn.path()));
    assert_eq!(
        browser.sign_in("grace", RESET).await.location.as_deref(),
        Some(Page::Account.path())
    );

    // Change password: a wrong current password is a field error.
    let page = browser
        .submit(
            Page::ChangePassword.path(),
            action::CHANGE_PASSWORD,
            &[("current_password", PASSWORD), ("new_password", CHANGED)],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::ChangePassword.path()));
    assert!(
        browser
            .get(Page::ChangePassword.path())
            .await
            .field_error("current_password")
            .is_some()
    );
    let page = browser
        .submit(
            Page::ChangePassword.path(),
            action::CHANGE_PASSWORD,
            &[("current_password", RESET), ("new_password", CHANGED)],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
    let later = app.another_browser();
    assert_eq!(
        later.sign_in("grace", CHANGED).await.location.as_deref(),
        Some(Page::Account.path())
    );
}

/// Signs `name` up (`<name>@example.com`), confirms (moto takes any
/// code) and signs in, landing on the account page.
async fn sign_up_and_in(app: &TestApp, name: &str) {
    let email = format!("{name}@example.com");
    app.submit(
        Page::SignUp.path(),
        action::SIGN_UP,
        &[
            ("username", name),
            ("email", &email),
            ("password", PASSWORD),
        ],
    )
    .await;
    app.confirm("123456").await;
    assert_eq!(
        app.sign_in(name, PASSWORD).await.location.as_deref(),
        Some(Page::Account.path())
    );
}

/// moto's identity pool API, signed as an administrator would.
fn identity_client(moto: &moto::Moto) -> aws_sdk_cognitoidentity::Client {
    let config = aws_sdk_cognitoidentity::Config::builder()
        .behavior_version(aws_sdk_cognitoidentity::config::BehaviorVersion::latest())
        .region(aws_sdk_cognitoidentity::config::Region::new(
            moto::Moto::REGION,
        ))
        .endpoint_url(moto.endpoint())
        .credentials_provider(aws_sdk_cognitoidentity::config::Credentials::new(
            "moto", "moto", None, None, "test",
        ))
        .build();
    aws_sdk_cognitoidentity::Client::from_conf(config)
}

/// An identity pool in moto that trusts the user pool `pool_id` issued by.
async fn identity_pool(moto: &moto::Moto, issuer: &str, client_id: &str) -> String {
    let provider = issuer.trim_start_matches("https://");
    identity_client(moto)
        .create_identity_pool()
        .identity_pool_name("threshold")
        .allow_unauthenticated_identities(false)
        .cognito_identity_providers(
            aws_sdk_cognitoidentity::types::CognitoIdentityProvider::builder()
                .provider_name(provider)
                .client_id(client_id)
                .build(),
        )
        .send()
        .await
        .expect("CreateIdentityPool")
        .identity_pool_id
}

/// The identities moto's identity pool `id` has handed out.
async fn identities(moto: &moto::Moto, id: &str) -> Vec<String> {
    identity_client(moto)
        .list_identities()
        .identity_pool_id(id)
        .max_results(60)
        .send()
        .await
        .expect("ListIdentities")
        .identities()
        .iter()
        .filter_map(|i| i.identity_id().map(str::to_owned))
        .collect()
}

/// What the product's route shows of the credentials: never the secrets.
async fn show_credentials(user: threshold::handoff::AuthUser) -> String {
    match user.aws_credentials().await {
        Ok(c) => format!("{} {} {}", c.identity_id, c.access_key_id, c.expires_at),
        Err(e) => format!("no credentials: {e}"),
    }
}

#[tokio::test]
async fn server_code_gets_the_users_aws_credentials_from_the_identity_pool() {
    let moto = moto::Moto::start().await.expect("moto's server starts");
    // The user pool first: the identity pool trusts its issuer and client.
    let (pool_id, client) = moto_pool(&moto, "threshold-moto-identity", Mfa::Off).await;
    let identity_pool_id =
        identity_pool(&moto, &moto::Moto::issuer(&pool_id), &client.client_id).await;
    let endpoint = moto.endpoint();
    let app = threshold_on(
        &moto,
        &pool_id,
        &client,
        &[
            "--identity-pool-id",
            &identity_pool_id,
            "--identity-endpoint-url",
            &endpoint,
        ],
        axum::Router::new().route("/aws", axum::routing::get(show_credentials)),
    )
    .await;

    sign_up_and_in(&app, "mary").await;

    // Not signed in, the route sends the visitor to sign-in first.
    assert_eq!(
        app.another_browser().get("/aws").await.status,
        StatusCode::SEE_OTHER
    );
    let first = app.get("/aws").await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let [identity, key, expires] = first
        .body
        .split(' ')
        .collect::<Vec<_>>()
        .try_into()
        .unwrap_or_else(|_| panic!("credentials: {}", first.body));
    assert!(!key.is_empty(), "an access key id");
    assert_eq!(
        identities(&moto, &identity_pool_id).await,
        vec![identity.to_owned()]
    );

    // Cached in the session: the same credentials, no second exchange
    // (moto hands out a new identity on every GetId).
    assert_eq!(app.get("/aws").await.body, first.body);
    assert_eq!(identities(&moto, &identity_pool_id).await.len(), 1);

    // Near their expiry they are renewed for the same identity.
    app.edit_session(|data| {
        data.values
            .get_mut("aws_credentials")
            .expect("cached credentials")["expires_at"] = serde_json::json!(0);
    })
    .await;
    let renewed = app.get("/aws").await;
    let parts: Vec<&str> = renewed.body.split(' ').collect();
    assert_eq!(parts[0], identity, "the same identity");
    let seconds = |s: &str| s.parse::<u64>().expect("unix seconds");
    assert!(
        seconds(parts[2]) >= seconds(expires),
        "fresh: {}",
        renewed.body
    );
    assert_eq!(identities(&moto, &identity_pool_id).await.len(), 1);
}

#[tokio::test]
async fn the_command_line_seeds_a_user_with_an_authenticator_app_on_moto() {
    use support::totp::fresh_code;

    let moto = moto::Moto::start().await.expect("moto's server starts");
    let (pool_id, client) = moto_pool(&moto, "threshold-moto-cli", Mfa::OptionalApp).await;
    let endpoint = moto.endpoint();
    let issuer = moto::Moto::issuer(&pool_id);
    let env = [
        ("COGNITO_USER_POOL_ID", pool_id.as_str()),
        ("COGNITO_CLIENT_ID", client.client_id.as_str()),
        (
            "COGNITO_CLIENT_SECRET",
            client.client_secret.expose_secret(),
        ),
        ("COGNITO_AUTH_FLOW", "USER_PASSWORD_AUTH"),
        ("COGNITO_ISSUER", issuer.as_str()),
        ("THRESHOLD_SIGN_IN_NAME", "username"),
        (
            "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER",
            endpoint.as_str(),
        ),
        // moto checks no signature, but the SDK wants credentials to sign with.
        ("AWS_ACCESS_KEY_ID", "moto"),
        ("AWS_SECRET_ACCESS_KEY", "moto"),
    ];
    let dir = tempfile::tempdir().expect("temp dir");
    let run = support::cli::threshold_with(
        dir.path(),
        &env,
        &[
            "users",
            "create",
            "--email",
            "kai@example.com",
            "--username",
            "kai",
            "--password",
            PASSWORD,
            "--confirmed",
            "--totp",
            "--group",
            "admins",
        ],
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let created = run.json();
    assert_eq!(created["status"], "CONFIRMED");
    let secret = created["totp_secret"].as_str().expect("the app's secret");

    let listed = support::cli::threshold_with(dir.path(), &env, &["users", "list"]).await;
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    assert!(
        listed
            .json_lines()
            .iter()
            .any(|u| u["email"] == "kai@example.com"),
        "{}",
        listed.stdout
    );
    let checked = support::cli::threshold_with(dir.path(), &env, &["check-config"]).await;
    assert_eq!(checked.code, 0, "{}", checked.stdout);

    // Threshold in front of the same pool asks the seeded user for the
    // app's code, which the printed secret gives.
    let app = threshold_on(&moto, &pool_id, &client, &[], axum::Router::new()).await;
    let page = app.sign_in("kai", PASSWORD).await;
    assert_eq!(page.location.as_deref(), Some(Page::SignInChallenge.path()));
    let page = app
        .submit(
            Page::SignInChallenge.path(),
            action::ANSWER_CHALLENGE,
            &[("code", &fresh_code(secret).await)],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
}
