//! The middleware that loads the session before a request, checks the
//! CSRF token on state-changing requests, and saves the session after.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::Response;
use tower_cookies::cookie::{Cookie, SameSite};
use tower_cookies::{Cookies, cookie::time::Duration as CookieDuration};

use std::sync::Arc;

use super::store::Saved;
use super::{Session, SessionId, SessionVault, Write};
use crate::i18n::Lang;

/// Largest form body read (for the CSRF check, and then by the form
/// action); past it the visitor gets the "too much data" page. No other
/// route reads a body.
pub const MAX_FORM_BYTES: usize = 64 * 1024;

/// Why a request is refused before (or instead of) its handler.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// 403: a state-changing request without a valid CSRF token.
    Csrf,
    /// 413: a form body over [`MAX_FORM_BYTES`].
    TooLarge,
    /// 503: the session store cannot be reached.
    Unavailable,
    /// 403: a signed-in user outside the group a page requires (for the
    /// extractors in `handoff`, which find these in the request).
    Forbidden,
}

/// The answers for requests the layer refuses before any handler runs.
/// They are pages of the app in the visitor's language, handed in by the
/// start-up code so that the session layer depends on no page.
#[derive(Clone)]
pub struct Refusals(Arc<RefusalPage>);

/// Renders the page for a refusal, in a language.
type RefusalPage = dyn Fn(Refusal, &Lang) -> Response + Send + Sync;

impl Refusals {
    pub fn new(answer: impl Fn(Refusal, &Lang) -> Response + Send + Sync + 'static) -> Self {
        Self(Arc::new(answer))
    }

    pub fn answer(&self, refusal: Refusal, lang: &Lang) -> Response {
        (self.0)(refusal, lang)
    }
}

impl std::fmt::Debug for Refusals {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Refusals")
    }
}

/// The most a sealed session may take in the store. A signed-in session
/// with Cognito's three tokens and a flow in progress takes a few KiB.
pub const MAX_SESSION_BYTES: usize = 32 * 1024;

#[derive(Clone)]
pub struct SessionConfig {
    pub vault: SessionVault,
    pub secure_cookies: bool,
    /// Shared with this domain's subdomains (`THRESHOLD_COOKIE_DOMAIN`);
    /// `None` keeps the cookie to Threshold's own host.
    pub cookie_domain: Option<String>,
    /// How long the browser keeps a signed-in session's cookie: the
    /// absolute lifetime (`THRESHOLD_SESSION_MAX_SECS`). Idleness is
    /// enforced by the store and the guard, not by the cookie, because
    /// behind forward auth a visitor may use only the product, whose
    /// proxy never passes on the cookie Threshold renews.
    pub signed_in_cookie_secs: u64,
    pub refusals: Refusals,
}

impl SessionConfig {
    pub fn cookie_name(&self) -> &'static str {
        match (self.secure_cookies, &self.cookie_domain) {
            // `__Host-` makes browsers refuse the cookie unless it is
            // Secure, host-only and Path=/, so no subdomain can plant or
            // read it.
            (true, None) => "__Host-threshold",
            // Shared with subdomains on purpose, `__Host-` cannot apply;
            // `__Secure-` still keeps plain-HTTP pages from setting it.
            (true, Some(_)) => "__Secure-threshold",
            (false, _) => "threshold",
        }
    }
}

impl SessionConfig {
    /// The device cookie (see [`Session::device_id`]): host-only always
    /// (no subdomain needs it), `__Host-` whenever cookies are Secure.
    pub fn device_cookie_name(&self) -> &'static str {
        if self.secure_cookies {
            "__Host-threshold-device"
        } else {
            "threshold-device"
        }
    }
}

pub async fn session_layer(
    State(config): State<SessionConfig>,
    cookies: Cookies,
    mut request: Request,
    next: Next,
) -> Response {
    // Worked out here, once, because this layer's own refusals are pages
    // too; handlers and pages find it in the request's extensions.
    let lang = Lang::from_headers(request.headers());
    let id = cookies
        .get(config.cookie_name())
        .and_then(|c| SessionId::parse(c.value()));
    let loaded = match &id {
        Some(id) => match config.vault.load(id).await {
            Ok(loaded) => loaded,
            Err(e) => {
                tracing::error!(error = ?e, "the session store is unavailable");
                return config.refusals.answer(Refusal::Unavailable, &lang);
            }
        },
        None => None,
    };
    let session = Session::new(id, loaded, config.vault.keys().clone());
    session.set_sent_device_id(
        cookies
            .get(config.device_cookie_name())
            .and_then(|c| SessionId::parse(c.value())),
    );

    if is_state_changing(request.method()) {
        request = match check_csrf(&session, request, &config.refusals, &lang).await {
            Ok(request) => request,
            Err(response) => return response,
        };
    }

    request.extensions_mut().insert(session.clone());
    request.extensions_mut().insert(config.refusals.clone());
    request.extensions_mut().insert(lang.clone());
    let response = next.run(request).await;
    send_device_cookie(&config, &cookies, &session);
    match save(&config, &cookies, &session).await {
        Ok(()) => response,
        // The handler's answer ("signed out", say) would not be true: the
        // store did not take the change.
        Err(e) => {
            tracing::error!(error = ?e, "could not save the session");
            config.refusals.answer(Refusal::Unavailable, &lang)
        }
    }
}

fn is_state_changing(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Compares the token the form (or the `X-CSRF-Token` header, for scripts)
/// carries with the one derived from this session's id. A browser that
/// sent no session cookie has no token, so its POST is refused too.
async fn check_csrf(
    session: &Session,
    request: Request,
    refusals: &Refusals,
    lang: &Lang,
) -> Result<Request, Response> {
    let expected = session.expected_csrf_token().unwrap_or_default();
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
        Err(_) => return Err(refusals.answer(Refusal::TooLarge, lang)),
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
        return Err(refusals.answer(Refusal::Csrf, lang));
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

/// Sets or removes the device cookie when the request changed it:
/// HttpOnly, SameSite=Lax, Path=/, Secure as the session cookie is.
fn send_device_cookie(config: &SessionConfig, cookies: &Cookies, session: &Session) {
    let Some(change) = session.take_device_change() else {
        return;
    };
    let value = change
        .as_ref()
        .map(|(id, _)| id.as_str().to_owned())
        .unwrap_or_default();
    let mut cookie = Cookie::new(config.device_cookie_name(), value);
    cookie.set_http_only(true);
    cookie.set_secure(config.secure_cookies);
    cookie.set_same_site(SameSite::Lax);
    cookie.set_path("/");
    match change {
        Some((_, max_age)) => {
            cookie.set_max_age(CookieDuration::seconds(
                i64::try_from(max_age).unwrap_or(i64::MAX),
            ));
            cookies.add(cookie);
        }
        None => cookies.remove(cookie),
    }
}

/// Writes the session back when something changed, and (re)sets the
/// cookie when the id is new. A session that holds nothing is not
/// written at all: the cookie alone carries a visitor who only looks. An
/// error means the store did not take a change the response announces.
async fn save(config: &SessionConfig, cookies: &Cookies, session: &Session) -> anyhow::Result<()> {
    let changes = session.take_changes();
    if let Some((old, guard)) = &changes.delete {
        match guard {
            Some(version) => {
                if !config.vault.delete_if(old, *version).await? {
                    // Signed out (or changed) by another request meanwhile:
                    // its outcome stands, and the data does not move.
                    tracing::info!("a session changed meanwhile; it was not moved to a new id");
                    return Ok(());
                }
            }
            None => config.vault.delete(old).await?,
        }
    }
    match changes.write {
        Write::Nothing => {}
        Write::Remove => config.vault.delete(&changes.id).await?,
        Write::Save(mut data, loaded) => {
            if serde_json::to_vec(&data).map_or(0, |b| b.len()) > MAX_SESSION_BYTES {
                // Only a form could grow this far; it goes, the rest stays.
                data.form = None;
                tracing::warn!("a session outgrew its limit; its form values were dropped");
            }
            if config.vault.save(&changes.id, &data, loaded).await? == Saved::Conflict {
                // Another request changed or deleted the session since this
                // one loaded it (sign-out in another tab): its write stands.
                tracing::debug!("a session changed meanwhile; this request's changes were dropped");
                return Ok(());
            }
        }
    }
    if changes.set_cookie {
        let mut cookie = Cookie::new(config.cookie_name(), changes.id.as_str().to_owned());
        cookie.set_http_only(true);
        cookie.set_secure(config.secure_cookies);
        cookie.set_same_site(SameSite::Lax);
        cookie.set_path("/");
        if let Some(domain) = &config.cookie_domain {
            cookie.set_domain(domain.clone());
        }
        let max_age = if changes.kept {
            changes.ttl_secs.max(config.signed_in_cookie_secs)
        } else {
            changes.ttl_secs
        };
        cookie.set_max_age(CookieDuration::seconds(
            i64::try_from(max_age).unwrap_or(i64::MAX),
        ));
        cookies.add(cookie);
    }
    Ok(())
}
