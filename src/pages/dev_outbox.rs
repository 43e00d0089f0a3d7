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
                    <td>{m.sent_at}</td>
                    <td>{m.destination}</td>
                    <td>{format!("{:?}", m.purpose)}</td>
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
