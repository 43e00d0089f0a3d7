//! The command-line companion (`threshold users …`, `threshold outbox`,
//! `threshold check-config`), run as the built binary beside an app
//! serving from the same data directory, the way a developer runs it in a
//! second terminal next to `cargo run`, or a test suite seeds its users.

mod support;

use std::process::Stdio;
use std::time::{Duration, SystemTime};

use serde_json::Value;
use support::cli::{Run, command, threshold, threshold_with};
use support::totp::code_at;
use support::{PASSWORD, TestApp, unique_email};
use threshold::routes::Page;
use tokio::io::{AsyncBufReadExt as _, BufReader};

#[tokio::test]
async fn a_seeded_user_with_an_authenticator_app_signs_in_with_its_codes() {
    let app = TestApp::spawn().await;
    let email = unique_email();
    let run = threshold(
        app.data_dir(),
        &[
            "users",
            "create",
            "--email",
            &email,
            "--confirmed",
            "--totp",
            "--group",
            "admins",
            "--group",
            "beta",
        ],
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let created = run.json();
    assert_eq!(created["email"], email.as_str());
    assert_eq!(created["status"], "CONFIRMED");
    assert!(!created["sub"].as_str().unwrap_or_default().is_empty());
    assert_eq!(created["groups"], serde_json::json!(["admins", "beta"]));
    let password = created["password"].as_str().expect("a generated password");
    let secret = created["totp_secret"].as_str().expect("the app's secret");

    // The generated password and the app's current code sign in: the
    // enrolment left the current 30-second step unused.
    let page = app.sign_in(&email, password).await;
    assert_eq!(page.location.as_deref(), Some(Page::SignInChallenge.path()));
    let challenge = app.get(Page::SignInChallenge.path()).await;
    assert_eq!(
        challenge.title_id().as_deref(),
        Some("challenge.app_code_title")
    );
    let page = app
        .answer(&[("code", &code_at(secret, SystemTime::now()))])
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
    let account = app.get(Page::Account.path()).await;
    assert_eq!(
        account.state_of("mfa-state-totp").as_deref(),
        Some("preferred")
    );
    let groups = account
        .body
        .split("data-testid=\"groups\"")
        .nth(1)
        .expect("groups shown");
    assert!(groups.contains("<li>admins</li>") && groups.contains("<li>beta</li>"));
}

#[tokio::test]
async fn a_given_password_is_used_and_not_printed_and_without_confirmed_it_is_temporary() {
    let app = TestApp::spawn().await;
    let email = unique_email();
    let run = threshold(
        app.data_dir(),
        &["users", "create", "--email", &email, "--password", PASSWORD],
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let created = run.json();
    assert_eq!(created["status"], "FORCE_CHANGE_PASSWORD");
    assert!(created.get("password").is_none(), "{created}");
    assert!(!run.stdout.contains(PASSWORD));

    // An invited user: the password signs in once, to choose a new one.
    app.sign_in(&email, PASSWORD).await;
    let challenge = app.get(Page::SignInChallenge.path()).await;
    assert_eq!(
        challenge.title_id().as_deref(),
        Some("challenge.new_password_title")
    );
}

#[tokio::test]
async fn users_are_listed_and_deleted_and_a_deleted_user_cannot_sign_in() {
    let app = TestApp::spawn().await;
    let (ada, bob) = (unique_email(), unique_email());
    for email in [&ada, &bob] {
        let run = threshold(
            app.data_dir(),
            &[
                "users",
                "create",
                "--email",
                email,
                "--password",
                PASSWORD,
                "--confirmed",
            ],
        )
        .await;
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let emails = |run: &Run| -> Vec<String> {
        run.json_lines()
            .iter()
            .filter_map(|u| u["email"].as_str().map(str::to_owned))
            .collect()
    };
    let listed = threshold(app.data_dir(), &["users", "list"]).await;
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    assert!(emails(&listed).contains(&ada) && emails(&listed).contains(&bob));

    let run = threshold(app.data_dir(), &["users", "delete", "--email", &bob]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let listed = threshold(app.data_dir(), &["users", "list"]).await;
    assert!(emails(&listed).contains(&ada) && !emails(&listed).contains(&bob));
    let page = app.sign_in(&bob, PASSWORD).await;
    assert_eq!(page.location.as_deref(), Some(app.password_retry_page()));

    // Deleting again says there is no such user, and fails.
    let run = threshold(app.data_dir(), &["users", "delete", "--email", &bob]).await;
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("no user"), "{}", run.stderr);
}

#[tokio::test]
async fn an_existing_user_is_refused_and_left_as_it_was() {
    let app = TestApp::spawn().await;
    let email = app.signed_in_user().await;
    let run = threshold(
        app.data_dir(),
        &["users", "create", "--email", &email, "--confirmed"],
    )
    .await;
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
    // The existing account still signs in with its own password.
    app.sign_out().await;
    let page = app.sign_in(&email, PASSWORD).await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
}

#[tokio::test]
async fn the_outbox_prints_the_codes_the_pool_sent_and_follows_new_ones() {
    let app = TestApp::spawn().await;
    let email = unique_email();
    app.sign_up(&email, PASSWORD).await;

    let run = threshold(app.data_dir(), &["outbox", "--destination", &email]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let messages = run.json_lines();
    assert_eq!(messages.len(), 1, "{}", run.stdout);
    assert_eq!(messages[0]["purpose"], "sign_up");
    assert_eq!(messages[0]["destination"], email.as_str());
    let code = messages[0]["code"].as_str().expect("a code");
    // The printed code is the one that confirms the account (and signs
    // the new user in).
    let page = app.confirm(code).await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
    app.sign_out().await;

    // --follow prints what was there, then each new message as it is sent.
    let mut follower = command(
        app.data_dir(),
        &[],
        &["outbox", "--destination", &email, "--follow"],
    )
    .stdout(Stdio::piped())
    .spawn()
    .expect("the binary runs");
    let mut lines = BufReader::new(follower.stdout.take().expect("stdout")).lines();
    assert_eq!(next_line(&mut lines).await["purpose"], "sign_up");
    app.forgot_password(&email).await;
    let reset = next_line(&mut lines).await;
    assert_eq!(reset["purpose"], "forgot_password");
    assert_eq!(reset["code"].as_str(), app.try_last_code(&email).as_deref());
    follower.kill().await.expect("stopped");
}

/// The next line `--follow` prints, as JSON. The bound only turns a
/// missing line into a failure instead of a hang.
async fn next_line(lines: &mut tokio::io::Lines<BufReader<tokio::process::ChildStdout>>) -> Value {
    let line = tokio::time::timeout(Duration::from_secs(20), lines.next_line())
        .await
        .expect("a line within the bound")
        .expect("stdout readable")
        .expect("a line, not the end");
    serde_json::from_str(&line).expect("a JSON line")
}

#[tokio::test]
async fn with_no_threshold_running_a_command_starts_the_embedded_pool_and_the_app_finds_its_users()
{
    let dir = tempfile::tempdir().expect("temp dir");
    let email = unique_email();
    let run = threshold(
        dir.path(),
        &[
            "users",
            "create",
            "--email",
            &email,
            "--password",
            PASSWORD,
            "--confirmed",
        ],
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.stderr);

    let app = TestApp::spawn_in(dir).await;
    let page = app.sign_in(&email, PASSWORD).await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
}

#[tokio::test]
async fn check_config_passes_on_a_working_setup_and_names_a_wrong_secret() {
    let app = TestApp::spawn().await;
    let run = threshold(app.data_dir(), &["check-config"]).await;
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    for check in [
        "settings",
        "pool",
        "app client",
        "signing keys",
        "app client settings",
    ] {
        assert!(
            run.stdout
                .lines()
                .any(|l| l.starts_with("ok") && l.contains(&format!(" {check}:"))),
            "{check}: {}",
            run.stdout
        );
    }

    // The same pool as a remote one, with a wrong secret.
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let mut args: Vec<String> = app.remote_pool_args(&app.pool_url());
    let secret_at = args
        .iter()
        .position(|a| a == "--client-secret")
        .expect("a secret")
        + 1;
    args[secret_at] = "not-the-secret".into();
    let mut all: Vec<&str> = args.iter().map(String::as_str).collect();
    all.push("check-config");
    let run = threshold(elsewhere.path(), &all).await;
    assert_eq!(run.code, 1, "{}", run.stdout);
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with("error") && l.contains(" app client:"))
        .unwrap_or_else(|| panic!("an app-client error: {}", run.stdout));
    assert!(line.contains("COGNITO_CLIENT_SECRET"), "{line}");
    // The secret itself is never printed.
    assert!(!run.stdout.contains("not-the-secret"));
}

#[tokio::test]
async fn bad_arguments_say_what_is_wrong_and_exit_with_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases: &[(&[&str], &str)] = &[
        (&["users", "create"], "--email"),
        (
            &["users", "create", "--email", "not-an-address"],
            "not an email address",
        ),
        (
            &["users", "create", "--email", "a@example.com", "--totp"],
            "--confirmed",
        ),
        (
            &[
                "users",
                "create",
                "--email",
                "a@example.com",
                "--phone",
                "12",
            ],
            "international format",
        ),
        (
            &[
                "users",
                "create",
                "--email",
                "a@example.com",
                "--password",
                "",
            ],
            "--password",
        ),
        (&["users", "delete"], "--email"),
        (
            &[
                "users",
                "delete",
                "--email",
                "a@example.com",
                "--username",
                "a",
            ],
            "--username",
        ),
        (&["users", "rename"], "rename"),
        (&["outbox", "--since", "1"], "--since"),
        (&["users", "list", "--all"], "--all"),
        (&["check-config", "--fix"], "--fix"),
        (&["users", "delete", "--username", "  "], "--username"),
        (
            &[
                "users",
                "create",
                "--email",
                "a@example.com",
                "--group",
                "two words",
            ],
            "--group",
        ),
    ];
    for (args, says) in cases {
        let run = threshold(dir.path(), args).await;
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
    }
    // Nothing was started or written for a refused command line.
    assert!(!dir.path().join("dev-pool.json").exists());
}

#[tokio::test]
async fn an_unreachable_pool_is_named_and_every_command_fails() {
    // A port nothing listens on: bound, then released.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let dir = tempfile::tempdir().expect("temp dir");
    let endpoint = format!("http://127.0.0.1:{port}");
    let env = [
        ("COGNITO_USER_POOL_ID", "us-east-1_Unreach01"),
        ("COGNITO_CLIENT_ID", "client"),
        ("COGNITO_CLIENT_SECRET", "secret"),
        (
            "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER",
            endpoint.as_str(),
        ),
        ("AWS_ACCESS_KEY_ID", "test"),
        ("AWS_SECRET_ACCESS_KEY", "test"),
        ("THRESHOLD_POOL_TIMEOUT_MS", "2000"),
    ];
    for args in [
        &["users", "list"][..],
        &["users", "create", "--email", "a@example.com", "--confirmed"],
        &["users", "delete", "--email", "a@example.com"],
        &["outbox"],
    ] {
        let run = threshold_with(dir.path(), &env, args).await;
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("cannot reach"),
            "{args:?}: {}",
            run.stderr
        );
    }
    let run = threshold_with(dir.path(), &env, &["check-config"]).await;
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.lines().any(|l| l.starts_with("error")
            && l.contains(" app client:")
            && l.contains("cannot reach")),
        "{}",
        run.stdout
    );
}

#[tokio::test]
async fn outbox_on_a_pool_without_one_says_so() {
    let app = TestApp::spawn().await;
    // moto and Cognito keep no outbox: a server answering 404 to
    // everything stands in for them.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let base = format!("http://{}", listener.local_addr().expect("its address"));
    tokio::spawn(async move { axum::serve(listener, axum::Router::new()).await });
    let dir = tempfile::tempdir().expect("temp dir");
    let mut args = app.remote_pool_args(&base);
    args.push("outbox".into());
    let all: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = threshold(dir.path(), &all).await;
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("no outbox"), "{}", run.stderr);
}

#[tokio::test]
async fn a_failed_create_leaves_no_user_behind_and_groups_that_exist_are_joined() {
    let app = TestApp::spawn().await;
    let email = unique_email();
    // The pool's policy refuses the password after the user was created.
    let run = threshold(
        app.data_dir(),
        &[
            "users",
            "create",
            "--email",
            &email,
            "--password",
            "short",
            "--confirmed",
        ],
    )
    .await;
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("refused the password"),
        "{}",
        run.stderr
    );
    let listed = threshold(app.data_dir(), &["users", "list"]).await;
    assert!(
        !listed.stdout.contains(&email),
        "the half-made user was removed: {}",
        listed.stdout
    );

    // A second user joins the group the first one's command created, and
    // keeps the phone number given.
    for phone in ["+15555550101", "+15555550102"] {
        let run = threshold(
            app.data_dir(),
            &[
                "users",
                "create",
                "--email",
                &unique_email(),
                "--confirmed",
                "--group",
                "staff",
                "--phone",
                phone,
            ],
        )
        .await;
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(run.json()["groups"], serde_json::json!(["staff"]));
        assert_eq!(run.json()["phone_number"], phone);
    }
}

#[tokio::test]
async fn commands_that_only_read_do_not_start_a_pool_nobody_serves() {
    let dir = tempfile::tempdir().expect("temp dir");
    for args in [&["users", "list"][..], &["outbox"]] {
        let run = threshold(dir.path(), args).await;
        assert_eq!(run.code, 1, "{args:?}");
        assert!(
            run.stderr.contains("no Threshold is serving"),
            "{}",
            run.stderr
        );
    }
    let run = threshold(dir.path(), &["check-config"]).await;
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("no Threshold is serving"),
        "{}",
        run.stdout
    );
    // Nothing was provisioned in a directory that may be the wrong one.
    assert!(!dir.path().join("dev-pool.json").exists());
}

#[tokio::test]
async fn commands_run_side_by_side_with_no_threshold_keep_every_user() {
    let dir = tempfile::tempdir().expect("temp dir");
    let emails: Vec<String> = (0..3).map(|_| unique_email()).collect();
    // Spawned together, before any is waited for.
    let children: Vec<_> = emails
        .iter()
        .map(|email| {
            command(
                dir.path(),
                &[],
                &[
                    "users",
                    "create",
                    "--email",
                    email,
                    "--password",
                    PASSWORD,
                    "--confirmed",
                ],
            )
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs")
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().await.expect("it ends");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    // They took turns with the pool: a Threshold started afterwards has all three.
    let app = TestApp::spawn_in(dir).await;
    let listed = threshold(app.data_dir(), &["users", "list"]).await;
    for email in &emails {
        assert!(
            listed.stdout.contains(email.as_str()),
            "{email}: {}",
            listed.stdout
        );
    }
}

#[tokio::test]
async fn in_a_pool_that_requires_mfa_the_app_is_enrolled_during_the_first_sign_in() {
    use threshold::cognito::admin::{MfaRequirement, PoolSpec};
    use threshold::cognito::mfa::Factor;

    let dev = TestApp::spawn().await;
    let pool = dev
        .other_pool(&PoolSpec {
            mfa: MfaRequirement::On,
            mfa_factors: vec![Factor::Totp],
            ..PoolSpec::named("cli-mfa-required")
        })
        .await;
    let settings = [
        ("COGNITO_USER_POOL_ID", pool.pool_id.as_str()),
        ("COGNITO_CLIENT_ID", pool.client_id.as_str()),
        ("COGNITO_CLIENT_SECRET", pool.client_secret.as_str()),
        (
            "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER",
            pool.endpoint.as_str(),
        ),
        ("THRESHOLD_SIGN_IN_NAME", "username"),
        ("AWS_ACCESS_KEY_ID", "local"),
        ("AWS_SECRET_ACCESS_KEY", "local"),
    ];
    let dir = tempfile::tempdir().expect("temp dir");
    let run = threshold_with(
        dir.path(),
        &settings,
        &[
            "users",
            "create",
            "--email",
            "grace@example.com",
            "--username",
            "grace",
            "--password",
            PASSWORD,
            "--confirmed",
            "--totp",
        ],
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let secret = run.json()["totp_secret"]
        .as_str()
        .expect("the app's secret")
        .to_owned();

    // Threshold on that pool asks for the app's code, not for a set-up.
    let args = pool.args();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let app = TestApp::spawn_with(&args).await;
    app.sign_in("grace", PASSWORD).await;
    let challenge = app.get(Page::SignInChallenge.path()).await;
    assert_eq!(
        challenge.title_id().as_deref(),
        Some("challenge.app_code_title")
    );
    // The set-up used the current 30-second step: the next one signs in.
    dev.clock.advance(Duration::from_secs(30));
    let page = app
        .answer(&[("code", &code_at(&secret, dev.clock.now()))])
        .await;
    assert_eq!(page.location.as_deref(), Some(Page::Account.path()));
}
