//! What stands in front of every form action (`POST /api/…`), before
//! Leptos decodes the form: the shape of the body, and the brute-force
//! limits. The session layer (CSRF) has run already.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Request};
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
use leptos::server_fn::ServerFn as _;

use super::errors;
use crate::flows::recovery::RecoveryFlow;
use crate::flows::sign_in::SignInFlow;
use crate::flows::sign_up::SignUpFlow;
use crate::flows::signed_in;
use crate::i18n::Lang;
use crate::security::audit::{self, Event};
use crate::security::form_body;
use crate::security::limits::{CODES, MESSAGES, PASSWORDS, Rule, SIGN_IN_NAMES, SIGN_UPS, Verdict};
use crate::session::Session;
use crate::session::layer::MAX_FORM_BYTES;
use crate::state::AppState;

/// The middleware on `POST /api/{fn}`.
pub async fn guard(request: Request, next: Next) -> Response {
    let lang = request
        .extensions()
        .get::<Lang>()
        .cloned()
        .unwrap_or_default();
    let brand = request
        .extensions()
        .get::<AppState>()
        .map(|app| app.brand.clone())
        .unwrap_or_default();
    let page = errors::Standalone {
        lang: &lang,
        brand: &brand,
    };
    let is_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        tracing::info!(path = %request.uri().path(), "refused a form action that is not a form post");
        return errors::bad_request(&page);
    }
    let (parts, body) = request.into_parts();
    // The session layer has read (and size-checked) the body already.
    let Ok(bytes) = axum::body::to_bytes(body, MAX_FORM_BYTES).await else {
        return errors::bad_request(&page);
    };
    if let Err(e) = form_body::check(&bytes) {
        tracing::info!(path = %parts.uri.path(), reason = %e, "refused a malformed form post");
        return errors::bad_request(&page);
    }
    let path = parts.uri.path().to_owned();
    if let (Some(app), Some(session)) = (
        parts.extensions.get::<AppState>(),
        parts.extensions.get::<Session>(),
    ) && let Some((rule, name)) = limit_for(&path, &bytes, session, app.choice_sign_in)
    {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| *addr);
        let client = app.client_ip.of(&parts.headers, peer);
        if let Verdict::Limited { retry_after_secs } =
            app.limiter.check(rule, &client, name.as_deref()).await
        {
            audit::record(
                app.sessions.keys(),
                Event::LockedOut,
                name.as_deref().unwrap_or_default(),
                rule.name,
            );
            return errors::too_many_requests(&page, retry_after_secs);
        }
    }
    // Whatever the action changes, the account page shows it next time.
    if let Some(session) = parts.extensions.get::<Session>() {
        crate::flows::account::forget_overview(session);
    }
    let request = Request::from_parts(parts, axum::body::Body::from(bytes));
    let response = next.run(request).await;
    let leaked_error = response.status().is_server_error()
        || response
            .headers()
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|l| l.contains("__err"));
    // Flows report every failure of their own as a redirect with a
    // message; the errors a server function returns are Leptos's, for
    // arguments it could not decode (a map where a value belongs).
    if leaked_error {
        tracing::info!(%path, status = %response.status(), "refused a form post its handler could not decode");
        return errors::bad_request(&page);
    }
    response
}

/// The limit an action counts against, and the name it counts for.
/// With `choice_sign_in` the first sign-in page (and confirming identity)
/// takes no password: the password is counted where it is typed, on the
/// page of the ways in.
fn limit_for(
    path: &str,
    body: &[u8],
    session: &Session,
    choice_sign_in: bool,
) -> Option<(&'static Rule, Option<String>)> {
    let field = |name: &str| {
        url::form_urlencoded::parse(body)
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    let user = || signed_in::peek(session).map(|u| u.sub);
    let limit = match path {
        p if (choice_sign_in
            && (p == super::sign_in::SignIn::PATH
                || p == super::confirm_identity::ConfirmIdentity::PATH))
            || p == super::challenge::OtherWays::PATH =>
        {
            (&SIGN_IN_NAMES, None)
        }
        p if p == super::sign_in::SignIn::PATH => (&PASSWORDS, field("username")),
        p if p == super::confirm_identity::ConfirmIdentity::PATH
            || p == super::change_password::ChangePassword::PATH =>
        {
            (&PASSWORDS, user())
        }
        p if p == super::sign_up::SignUp::PATH => {
            (&SIGN_UPS, field("email").or_else(|| field("username")))
        }
        p if p == super::forgot_password::ForgotPassword::PATH => (&MESSAGES, field("username")),
        p if p == super::reset_password::ResendResetCode::PATH => {
            (&MESSAGES, session.get::<RecoveryFlow>().map(|f| f.username))
        }
        p if p == super::confirm::ResendCode::PATH => {
            (&MESSAGES, session.get::<SignUpFlow>().map(|f| f.username))
        }
        // Choice-based sign-in: the password typed where the ways in are
        // offered counts as a password for the name, and a code asked for
        // there as a message to it, as on the pages that do only that.
        p if p == super::challenge::AnswerChallenge::PATH
            && matches!(field("choice").as_deref(), Some("password")) =>
        {
            (
                &PASSWORDS,
                session.get::<SignInFlow>().map(|f| f.typed_name),
            )
        }
        p if p == super::challenge::AnswerChallenge::PATH
            && matches!(field("choice").as_deref(), Some("email_code" | "sms_code")) =>
        {
            (&MESSAGES, session.get::<SignInFlow>().map(|f| f.typed_name))
        }
        // Counted for the address that receives the code, so one account
        // cannot send an address more than another could.
        p if p == super::contact::ChangeContact::PATH => (&MESSAGES, field("value")),
        p if p == super::verify::SendContactCode::PATH => (&MESSAGES, user()),
        p if p == super::confirm::ConfirmSignUp::PATH
            || p == super::reset_password::ResetPassword::PATH
            || p == super::verify::VerifyContact::PATH
            || p == super::challenge::AnswerChallenge::PATH
            || p == super::challenge::AnswerPasskey::PATH
            || p == super::totp_setup::VerifyTotp::PATH =>
        {
            (&CODES, None)
        }
        _ => return None,
    };
    Some(limit)
}
