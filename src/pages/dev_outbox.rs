//! `GET /_dev/outbox`: the messages the embedded local pool would have
//! emailed or texted. Exists only when no real pool is configured.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use leptos::prelude::*;
use serde::Deserialize;

use super::components::Layout;
use super::{ctx, query_param, set_status};
use crate::i18n::t;
use crate::state::AppState;

#[derive(Deserialize)]
pub struct OutboxQuery {
    destination: Option<String>,
}

/// `GET /_dev/outbox.json?destination=…`, for tests and scripts.
pub async fn outbox_json(
    State(app): State<AppState>,
    Query(query): Query<OutboxQuery>,
) -> Response {
    match &app.dev_pool {
        Some(pool) => Json(serde_json::json!({
            "messages": pool.outbox(query.destination.as_deref())
        }))
        .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// What a message was for, in the visitor's words.
fn purpose_id(purpose: &local_pool::Purpose) -> &'static str {
    use local_pool::Purpose;
    match purpose {
        Purpose::SignUp => "outbox.purpose_sign_up",
        Purpose::ForgotPassword => "outbox.purpose_forgot_password",
        Purpose::Mfa => "outbox.purpose_mfa",
        Purpose::VerifyAttribute => "outbox.purpose_verify_attribute",
        Purpose::Invitation => "outbox.purpose_invitation",
    }
}

/// When a message left, as the visitor's language writes dates; the
/// machine-readable moment stays in `<time datetime>`.
fn sent_at(lang: &crate::i18n::Lang, rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|at| lang.date_time(at.with_timezone(&chrono::Utc)))
        .unwrap_or_else(|_| rfc3339.to_owned())
}

#[component]
pub fn OutboxPage() -> impl IntoView {
    let Ok(ctx) = ctx() else { return ().into_any() };
    let lang = ctx.lang.clone();
    let Some(pool) = ctx.app.dev_pool.as_ref() else {
        return view! { <super::errors::NotFound/> }.into_any();
    };
    let destination = query_param("destination").filter(|d| !d.is_empty());
    let mut messages = pool.outbox(destination.as_deref());
    // Newest first on the page: the code someone is waiting for is on top.
    messages.reverse();
    let empty = messages
        .is_empty()
        .then(|| view! { <p>{t(&lang, "outbox.empty")}</p> });
    let rows = messages
        .into_iter()
        .map(|m| {
            view! {
                <tr>
                    <td><time datetime=m.sent_at.clone()>{sent_at(&lang, &m.sent_at)}</time></td>
                    <td>{m.destination}</td>
                    <td>{t(&lang, purpose_id(&m.purpose))}</td>
                    <td class="code">{m.code.unwrap_or_default()}</td>
                    <td>{m.message}</td>
                </tr>
            }
        })
        .collect_view();
    set_status(StatusCode::OK);
    view! {
        <Layout ctx=ctx.clone() title_id="outbox.title">
            <p>{t(&lang, "outbox.intro")}</p>
            {empty}
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="outbox-caption">
                <table>
                    <caption id="outbox-caption">{t(&lang, "outbox.caption")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t(&lang, "outbox.sent_at")}</th>
                            <th scope="col">{t(&lang, "outbox.destination")}</th>
                            <th scope="col">{t(&lang, "outbox.purpose")}</th>
                            <th scope="col">{t(&lang, "outbox.code")}</th>
                            <th scope="col">{t(&lang, "outbox.message")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </Layout>
    }
    .into_any()
}
