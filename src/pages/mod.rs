//! The pages: view code only. Each page reads what it needs from the
//! request's session and the app state, and its form posts to a server
//! function that hands the work to a flow. A page's file holds its
//! component and the server functions its forms post to.

pub mod account;
pub mod actions;
pub mod challenge;
pub mod change_password;
pub mod components;
pub mod confirm;
pub mod confirm_identity;
pub mod contact;
pub mod delete_account;
pub mod dev_outbox;
pub mod errors;
pub mod forgot_password;
pub mod home;
pub mod language;
pub mod passkeys;
pub mod profile;
pub mod protected;
pub mod reset_password;
pub mod sign_in;
pub mod sign_out_everywhere;
pub mod sign_up;
pub mod totp_setup;
pub mod verify;

use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

use crate::i18n::Lang;
use crate::routes::Location;
use crate::security::return_to::ReturnTo;
use crate::session::Session;
use crate::state::AppState;

/// What a page or server function needs from the request.
#[derive(Clone)]
pub struct Ctx {
    pub app: AppState,
    pub session: Session,
    pub lang: Lang,
}

/// The request context. The session and state layers always run before
/// Leptos, so they are only missing if the router is wired wrongly, which
/// every integration test would show at once.
pub fn ctx() -> Result<Ctx, ServerFnError> {
    let parts = use_context::<Parts>().ok_or_else(|| ServerFnError::new("no request parts"))?;
    let app = parts
        .extensions
        .get::<AppState>()
        .cloned()
        .ok_or_else(|| ServerFnError::new("no app state on the request"))?;
    let session = parts
        .extensions
        .get::<Session>()
        .cloned()
        .ok_or_else(|| ServerFnError::new("no session on the request"))?;
    let lang = parts.extensions.get::<Lang>().cloned().unwrap_or_default();
    Ok(Ctx { app, session, lang })
}

/// Answers with `303 See Other` to `location`: after a POST, the browser
/// follows with a GET, so reload never re-submits the form.
pub fn see_other(location: &Location) {
    if let Some(response) = use_context::<ResponseOptions>() {
        response.set_status(StatusCode::SEE_OTHER);
        match HeaderValue::from_str(location.as_str()) {
            Ok(value) => response.insert_header(header::LOCATION, value),
            // Locations are built from validated paths; fall back to a
            // safe page rather than fail the request.
            Err(_) => response.insert_header(header::LOCATION, HeaderValue::from_static("/")),
        }
    }
}

/// Sets the status of the page being rendered.
pub fn set_status(status: StatusCode) {
    if let Some(response) = use_context::<ResponseOptions>() {
        response.set_status(status);
    }
}

/// A query parameter of the current request.
pub fn query_param(name: &str) -> Option<String> {
    let parts = use_context::<Parts>()?;
    let query = parts.uri.query()?;
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

/// The validated `return_to` of the current request.
pub fn return_to_param(ctx: &Ctx) -> Option<ReturnTo> {
    query_param("return_to").and_then(|raw| ReturnTo::parse(&raw, &ctx.app.allowlist))
}

/// The path and query of the current request (for `return_to`).
pub fn current_path() -> String {
    use_context::<Parts>()
        .and_then(|p| p.uri.path_and_query().map(|pq| pq.as_str().to_owned()))
        .unwrap_or_default()
}
