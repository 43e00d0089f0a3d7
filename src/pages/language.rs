//! `GET /language?lang=ar&next=/sign-in`: the language picker in every
//! page's footer. A plain GET form, so it works without JavaScript; the
//! choice is remembered in a cookie that holds only the language tag.
//!
//! A GET that sets a cookie is safe here: the worst a third-party link
//! can do is switch someone's language, which the same picker undoes.

use axum::extract::{Extension, RawQuery};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower_cookies::cookie::{Cookie, SameSite, time::Duration};

use crate::i18n::{LANG_COOKIE, Lang};
use crate::routes::Page;
use crate::security::return_to::ReturnTo;
use crate::state::AppState;

/// The picker's two fields. Read by hand, first occurrence wins, so that
/// no query (a field twice, bytes that are not UTF-8) is ever refused:
/// the worst it gets is the start page in the language it had.
#[derive(Debug, Default)]
struct Choice {
    lang: String,
    next: String,
}

impl Choice {
    fn parse(query: Option<&str>) -> Self {
        let pairs = url::form_urlencoded::parse(query.unwrap_or_default().as_bytes());
        let (mut lang, mut next) = (None, None);
        for (key, value) in pairs {
            match key.as_ref() {
                "lang" if lang.is_none() => lang = Some(value.into_owned()),
                "next" if next.is_none() => next = Some(value.into_owned()),
                _ => {}
            }
        }
        Choice {
            lang: lang.unwrap_or_default(),
            next: next.unwrap_or_default(),
        }
    }
}

/// How the language cookie is set: `Secure` wherever the session cookie is.
#[derive(Debug, Clone, Copy)]
pub struct PickerConfig {
    pub secure_cookies: bool,
}

pub async fn choose(
    Extension(app): Extension<AppState>,
    Extension(config): Extension<PickerConfig>,
    RawQuery(query): RawQuery,
) -> Response {
    let choice = Choice::parse(query.as_deref());
    // Back to the page the picker was on: a path of this site only. The
    // picker only ever sends a path, so even an allow-listed origin's
    // address is dropped here.
    let next = ReturnTo::parse(&choice.next, &app.allowlist)
        .map(|r| r.as_str().to_owned())
        .filter(|n| n.starts_with('/'))
        .unwrap_or_else(|| Page::Home.path().to_owned());
    let location = HeaderValue::from_str(&next).unwrap_or(HeaderValue::from_static("/"));
    let mut response = (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response();
    if let Some(lang) = Lang::supported(&choice.lang) {
        let cookie = Cookie::build((LANG_COOKIE, lang.tag()))
            .path("/")
            .http_only(true)
            .secure(config.secure_cookies)
            .same_site(SameSite::Lax)
            .max_age(Duration::days(365))
            .build();
        if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}
