//! The audit log: one event per security-relevant action, on the target
//! `threshold::audit`, with the request's id and client address, and the
//! account as a keyed hash, never an address or a secret.

mod support;

use std::sync::{Arc, Mutex};

use reqwest::StatusCode;
use support::{PASSWORD, TestApp, action, unique_email};
use threshold::routes::Page;

/// Where the JSON log lines of this test binary go.
#[derive(Clone, Default)]
struct Lines(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Lines {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("log lock").extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Lines {
    type Writer = Lines;
    fn make_writer(&'a self) -> Lines {
        self.clone()
    }
}

impl Lines {
    fn audit_events(&self) -> Vec<serde_json::Value> {
        let bytes = self.0.lock().expect("log lock").clone();
        String::from_utf8(bytes)
            .expect("utf-8 log")
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|v| v["target"] == "threshold::audit")
            .collect()
    }
}

#[tokio::test]
async fn security_events_are_audited_once_each_without_secrets() {
    let lines = Lines::default();
    tracing::subscriber::set_global_default(
        tracing_subscriber::fmt()
            .json()
            .with_current_span(true)
            .with_span_list(true)
            .with_env_filter("threshold=info")
            .with_writer(lines.clone())
            .finish(),
    )
    .expect("the only subscriber of this test binary");

    let app = TestApp::spawn().await;
    let email = app.signed_in_user().await;
    app.another_browser().sign_in(&email, "Wrong-horse-9").await;
    let new_password = "Another-horse-8";
    app.submit(
        Page::ChangePassword.path(),
        action::CHANGE_PASSWORD,
        &[
            ("current_password", PASSWORD),
            ("new_password", new_password),
        ],
    )
    .await;
    let token = app.get(Page::Account.path()).await.csrf();
    app.post_raw(
        action::SIGN_OUT,
        &[("csrf_token", &token), ("everywhere", "true")],
    )
    .await;
    assert_eq!(
        app.sign_in(&email, new_password).await.location.as_deref(),
        Some(Page::Account.path())
    );
    app.submit(
        Page::Account.path(),
        action::CHANGE_MFA,
        &[("factor", "email"), ("change", "enable")],
    )
    .await;
    let reply = app
        .submit(
            Page::DeleteAccount.path(),
            action::DELETE_ACCOUNT,
            &[("confirm", "DELETE")],
        )
        .await;
    assert_eq!(reply.location.as_deref(), Some(Page::Goodbye.path()));

    let other = app.another_browser();
    let other_email = other.signed_in_user().await;
    let new_email = unique_email();
    other
        .submit(
            Page::ChangeEmail.path(),
            action::CHANGE_CONTACT,
            &[("attribute", "email"), ("value", &new_email)],
        )
        .await;
    let code = app.last_code(&new_email);
    let reply = other
        .submit(
            &support::verify_page("email"),
            action::VERIFY_CONTACT,
            &[("attribute", "email"), ("code", &code)],
        )
        .await;
    assert_eq!(reply.location.as_deref(), Some(Page::Account.path()));
    assert_eq!(other.get(Page::Account.path()).await.status, StatusCode::OK);

    let events = lines.audit_events();
    let keys = app.state.sessions.keys().clone();
    let for_user = |name: &str| -> Vec<String> {
        let hash = keys.name_hash(name);
        events
            .iter()
            .filter(|e| e["fields"]["user"] == hash.as_str())
            .map(|e| e["fields"]["event"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    assert_eq!(
        for_user(&email),
        [
            "sign_in_succeeded",
            "sign_in_failed",
            "password_changed",
            "signed_out_everywhere",
            "sign_in_succeeded",
            "mfa_changed",
            "account_deleted",
        ]
    );
    assert_eq!(
        for_user(&other_email),
        ["sign_in_succeeded", "email_changed"]
    );

    for event in &events {
        let request = event["spans"]
            .as_array()
            .and_then(|spans| spans.iter().find(|s| s["name"] == "request"))
            .expect("recorded in the request's span");
        assert!(
            !request["request_id"]
                .as_str()
                .unwrap_or_default()
                .is_empty(),
            "{event}"
        );
        assert_eq!(request["client_ip"], "127.0.0.1", "{event}");
        let text = event.to_string();
        for secret in [
            email.as_str(),
            other_email.as_str(),
            PASSWORD,
            new_password,
            "eyJ",
        ] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
    }
}
