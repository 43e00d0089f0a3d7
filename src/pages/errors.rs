//! Pages for requests that go wrong: not found, refused for a missing CSRF
//! token, too large, store unavailable. None of them is a bare status code.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use axum::response::Response;
use leptos::prelude::*;

use axum::http::header;
use axum::response::IntoResponse as _;

use std::sync::Arc;

use super::components::{Layout, SiteFooter, SiteHeader};
use super::{ctx, set_status};
use crate::brand::Brand;
use crate::i18n::{Lang, t, t_args};
use crate::routes::{self, Page};
use crate::session::layer::{Refusal, Refusals};

#[component]
pub fn NotFound() -> impl IntoView {
    set_status(StatusCode::NOT_FOUND);
    let Ok(ctx) = ctx() else { return ().into_any() };
    let lang = ctx.lang.clone();
    view! {
        <Layout ctx=ctx.clone() title_id="not_found.title">
            <p data-message-id="not_found.body">{t(&lang, "not_found.body")}</p>
            <p><a href=Page::Home.path()>{t(&lang, "not_found.home")}</a></p>
        </Layout>
    }
    .into_any()
}

/// A complete page rendered outside the router, for answers the session
/// layer gives before Leptos runs, in the visitor's language and the
/// product's brand.
fn standalone(page: &Standalone, title_id: &str, body_id: &str, link: (Page, &str)) -> String {
    standalone_with(page, title_id, body_id, &BTreeMap::new(), link)
}

/// Who a standalone page is for: their language, and the brand.
pub struct Standalone<'a> {
    pub lang: &'a Lang,
    pub brand: &'a Arc<Brand>,
}

fn standalone_with(
    page: &Standalone,
    title_id: &str,
    body_id: &str,
    args: &BTreeMap<String, String>,
    link: (Page, &str),
) -> String {
    let lang = page.lang.clone();
    let brand = page.brand.clone();
    let title = t(&lang, title_id);
    let body = t_args(&lang, body_id, args);
    let link_text = t(&lang, link.1);
    let html = Owner::new().with(|| {
        let lang = lang.clone();
        let brand = brand.clone();
        view! {
            <SiteHeader lang=lang.clone() brand=brand.clone()/>
            <main id="main" class="card" data-title-id=title_id.to_owned()>
                <h1>{title.clone()}</h1>
                <p role="alert" data-message-id=body_id.to_owned()>{body}</p>
                <p><a href=link.0.path()>{link_text}</a></p>
            </main>
            <SiteFooter lang=lang brand=brand here=Page::Home.path().to_owned()/>
        }
        .to_html()
    });
    let stylesheets: String = std::iter::once(crate::assets::href(routes::STYLESHEET))
        .chain(page.brand.stylesheets.iter().cloned())
        .map(|href| format!("<link rel=\"stylesheet\" href=\"{}\"/>", escape(&href)))
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"{}\" dir=\"{}\"><head><meta charset=\"utf-8\"/>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\
         <meta name=\"color-scheme\" content=\"light dark\"/>\
         <title>{} · {}</title>{stylesheets}<link rel=\"icon\" href=\"{}\"/></head>\
         <body>{html}</body></html>",
        page.lang.tag(),
        page.lang.dir(),
        escape(&title),
        escape(&page.brand.name),
        escape(&page.brand.favicon_href),
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A complete HTML response outside the router.
fn status_page(status: StatusCode, html: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        html,
    )
        .into_response()
}

/// 403 for a POST without a valid CSRF token.
fn csrf_refused(page: &Standalone) -> Response {
    status_page(
        StatusCode::FORBIDDEN,
        standalone(
            page,
            "csrf.title",
            "csrf.invalid",
            (Page::SignIn, "csrf.back"),
        ),
    )
}

/// 413 for a form body over the limit.
fn too_large(page: &Standalone) -> Response {
    status_page(
        StatusCode::PAYLOAD_TOO_LARGE,
        standalone(
            page,
            "too_large.title",
            "too_large.body",
            (Page::Home, "not_found.home"),
        ),
    )
}

/// 503 when the session store cannot be reached.
fn unavailable(page: &Standalone) -> Response {
    status_page(
        StatusCode::SERVICE_UNAVAILABLE,
        standalone(
            page,
            "unavailable.title",
            "error.unavailable",
            (Page::Home, "not_found.home"),
        ),
    )
}

/// 403 for a signed-in user outside the group a page requires. The
/// link goes to the account page, where their groups are listed.
pub fn forbidden(page: &Standalone) -> Response {
    status_page(
        StatusCode::FORBIDDEN,
        standalone(
            page,
            "forbidden.title",
            "forbidden.body",
            (Page::Account, "forbidden.account"),
        ),
    )
}

/// 400 for a form post no page of ours would send (a field twice, bytes
/// that are not UTF-8, nested names, another content type).
pub fn bad_request(page: &Standalone) -> Response {
    status_page(
        StatusCode::BAD_REQUEST,
        standalone(
            page,
            "bad_request.title",
            "error.invalid_input",
            (Page::Home, "not_found.home"),
        ),
    )
}

/// 429 when a brute-force limit is reached: says when to try again, in
/// minutes, and in `Retry-After` for scripts.
pub fn too_many_requests(page: &Standalone, retry_after_secs: u64) -> Response {
    let minutes = retry_after_secs.div_ceil(60).max(1);
    let args = BTreeMap::from([("minutes".to_owned(), minutes.to_string())]);
    let mut response = status_page(
        StatusCode::TOO_MANY_REQUESTS,
        standalone_with(
            page,
            "rate_limited.title",
            "rate_limited.body",
            &args,
            (Page::Home, "not_found.home"),
        ),
    );
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, retry_after_secs.into());
    response
}

/// The pages the session layer answers with before any handler runs.
pub fn refusals(brand: Arc<Brand>) -> Refusals {
    Refusals::new(move |refusal, lang| {
        let page = Standalone {
            lang,
            brand: &brand,
        };
        match refusal {
            Refusal::Csrf => csrf_refused(&page),
            Refusal::TooLarge => too_large(&page),
            Refusal::Unavailable => unavailable(&page),
            Refusal::Forbidden => forbidden(&page),
        }
    })
}
