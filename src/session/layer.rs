//! The middleware that loads the session before a request, checks the
//! CSRF token on state-changing requests, and saves the session after.

use std::sync::Arc;

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::Response;
use tower_cookies::cookie::{Cookie, SameSite};
use tower_cookies::{Cookies, cookie::time::Duration as CookieDuration};

use super::store::{SessionStore, unix_now};
use super::{Session, SessionData, SessionId};

/// Largest form body read for the CSRF check; the router's body limit is the same.
pub const MAX_FORM_BYTES: usize = 64 * 1024;

/// The answers for requests the layer refuses before any handler runs.
/// They are pages of the app, handed in by the start-up code so that the
/// session layer depends on no page.
#[derive(Clone, Copy)]
pub struct Refusals {
    /// 403: a state-changing request without a valid CSRF token.
    pub csrf: fn() -> Response,
    /// 413: a form body over [`MAX_FORM_BYTES`].
    pub too_large: fn() -> Response,
    /// 503: the session store cannot be reached.
    pub unavailable: fn() -> Response,
}

#[derive(Clone)]
pub struct SessionConfig {
    pub store: Arc<dyn SessionStore>,
    pub secure_cookies: bool,
    pub refusals: Refusals,
}

impl SessionConfig {
    pub fn cookie_name(&self) -> &'static str {
        // `__Host-` makes browsers refuse the cookie unless it is Secure,
        // host-only and Path=/, so no subdomain can plant or read it.
        if self.secure_cookies {
            "__Host-threshold"
        } else {
            "threshold"
        }
    }
}

pub async fn session_layer(
    State(config): State<SessionConfig>,
    cookies: Cookies,
    mut request: Request,
    next: Next,
) -> Response {
    let id = cookies
        .get(config.cookie_name())
        .and_then(|c| SessionId::parse(c.value()));
    let (id, data) = match id {
        Some(id) => match config.store.load(&id.key()).await {
            Ok(Some(data)) => (Some(id), data),
            Ok(None) => (None, SessionData::default()),
            Err(e) => {
                tracing::error!(error = ?e, "the session store is unavailable");
                return (config.refusals.unavailable)();
            }
        },
        None => (None, SessionData::default()),
    };
    let session = Session::new(id, data);

    if is_state_changing(request.method()) {
        request = match check_csrf(&session, request, &config.refusals).await {
            Ok(request) => request,
            Err(response) => return response,
        };
    }

    request.extensions_mut().insert(session.clone());
    let response = next.run(request).await;
    save(&config, &cookies, &session).await;
    response
}

fn is_state_changing(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Compares the token the form (or the `X-CSRF-Token` header, for scripts)
/// carries with the one bound to this session. A new session has no token,
/// so a POST that arrives without a session cookie is refused too.
async fn check_csrf(
    session: &Session,
    request: Request,
    refusals: &Refusals,
) -> Result<Request, Response> {
    let expected = session.expected_csrf_token();
    let header_token = request
        .headers()
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let is_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let (parts, body) = request.into_parts();
    let bytes = match to_bytes(body, MAX_FORM_BYTES).await {
        Ok(bytes) => bytes,
        Err(_) => return Err((refusals.too_large)()),
    };
    let form_token = is_form
        .then(|| {
            url::form_urlencoded::parse(&bytes)
                .find(|(name, _)| name == "csrf_token")
                .map(|(_, value)| value.into_owned())
        })
        .flatten();
    let presented = form_token.or(header_token).unwrap_or_default();
    let valid = !expected.is_empty()
        && aws_lc_rs::constant_time::verify_slices_are_equal(
            presented.as_bytes(),
            expected.as_bytes(),
        )
        .is_ok();
    if !valid {
        tracing::warn!(path = %parts.uri.path(), "refused a request without a valid CSRF token");
        return Err((refusals.csrf)());
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

/// Writes the session back when something changed, and (re)sets the
/// cookie when the id is new.
async fn save(config: &SessionConfig, cookies: &Cookies, session: &Session) {
    let previous = session.id().map(|id| id.key());
    let Some((old, id, data)) = session.take_changes() else {
        return;
    };
    let ttl = data.ttl_secs();
    if let Some(old) = old
        && let Err(e) = config.store.delete(&old.key()).await
    {
        tracing::error!(error = ?e, "could not delete a renewed session");
    }
    if let Err(e) = config.store.save(&id.key(), &data, unix_now() + ttl).await {
        tracing::error!(error = ?e, "could not save the session");
        return;
    }
    // A long-lived session's cookie is set again with each save, so its
    // Max-Age follows the store's idle lifetime.
    if previous.as_deref() != Some(id.key().as_str()) || data.keep_for_secs.is_some() {
        let mut cookie = Cookie::new(config.cookie_name(), id.as_str().to_owned());
        cookie.set_http_only(true);
        cookie.set_secure(config.secure_cookies);
        cookie.set_same_site(SameSite::Lax);
        cookie.set_path("/");
        cookie.set_max_age(CookieDuration::seconds(
            i64::try_from(ttl).unwrap_or(i64::MAX),
        ));
        cookies.add(cookie);
    }
}
