//! `GET /account/sign-out-everywhere`: the confirmation before
//! GlobalSignOut; the form posts to `POST /api/sign-out` with `everywhere`.

use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;

use super::account::SignOut;
use super::components::{CsrfField, Layout};
use super::protected::protected_page;
use crate::i18n::t;
use crate::routes::Page;

#[component]
pub fn SignOutEverywherePage() -> impl IntoView {
    protected_page("sign_out_everywhere.title", |ctx, _user| async move {
        let lang = ctx.lang.clone();
        view! {
            <Layout ctx=ctx.clone() title_id="sign_out_everywhere.title">
                <p>{t(&lang, "sign_out_everywhere.intro")}</p>
                <form method="post" action=SignOut::PATH>
                    <CsrfField ctx=ctx.clone()/>
                    <input type="hidden" name="everywhere" value="true"/>
                    <button type="submit" class="primary">{t(&lang, "sign_out_everywhere.submit")}</button>
                </form>
                <p class="alternatives">
                    <a href=Page::Account.path()>{t(&lang, "account.cancel")}</a>
                </p>
            </Layout>
        }
        .into_any()
    })
}
