//! `GET /account/sign-out-everywhere`: the confirmation before
//! GlobalSignOut; the form posts to `POST /api/sign-out` with `everywhere`.

use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;

use super::Ctx;
use super::account::SignOut;
use super::components::{CsrfField, Layout};
use super::guard::{async_page, signed_in};
use crate::flows::profile::ACCOUNT_PAGE;
use crate::i18n::t;

#[component]
pub fn SignOutEverywherePage() -> impl IntoView {
    async_page(render)
}

async fn render(ctx: Ctx) -> AnyView {
    if let Err(view) = signed_in(&ctx, "sign_out_everywhere.title").await {
        return view;
    }
    let lang = ctx.lang.clone();
    view! {
        <Layout ctx=ctx.clone() title=t(&lang, "sign_out_everywhere.title")>
            <p>{t(&lang, "sign_out_everywhere.intro")}</p>
            <form method="post" action=SignOut::PATH>
                <CsrfField ctx=ctx.clone()/>
                <input type="hidden" name="everywhere" value="true"/>
                <button type="submit" class="primary">{t(&lang, "sign_out_everywhere.submit")}</button>
            </form>
            <p class="alternatives">
                <a href=ACCOUNT_PAGE>{t(&lang, "account.cancel")}</a>
            </p>
        </Layout>
    }
    .into_any()
}
