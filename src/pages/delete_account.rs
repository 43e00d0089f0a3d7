//! `GET /account/delete`: the confirmation (type DELETE), handler
//! `POST /api/delete-account`; then `GET /goodbye`.

use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;

use super::components::{CsrfField, Field, Layout};
use super::guard::{async_page, signed_in};
use super::{Ctx, ctx, see_other};
use crate::flows::profile::{self, ACCOUNT_PAGE, DELETE_WORD};
use crate::i18n::{t, t_args};

#[server(prefix = "/api", endpoint = "delete-account")]
pub async fn delete_account(#[server(default)] confirm: String) -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    see_other(&profile::delete_account(&ctx.app, &ctx.session, &confirm).await);
    Ok(())
}

#[component]
pub fn DeleteAccountPage() -> impl IntoView {
    async_page(render)
}

async fn render(ctx: Ctx) -> AnyView {
    if let Err(view) = signed_in(&ctx, "delete_account.title").await {
        return view;
    }
    let lang = ctx.lang.clone();
    let form = ctx.session.take_form("delete_account");
    let mut args = std::collections::BTreeMap::new();
    args.insert("word".to_owned(), DELETE_WORD.to_owned());
    view! {
        <Layout ctx=ctx.clone() title=t(&lang, "delete_account.title")>
            <p>{t(&lang, "delete_account.intro")}</p>
            <form method="post" action=DeleteAccount::PATH novalidate>
                <CsrfField ctx=ctx.clone()/>
                <Field lang=lang.clone() form=form.clone() name="confirm"
                    label=t_args(&lang, "field.delete_confirm", &args) kind="text"
                    autocomplete="off"/>
                <button type="submit" class="danger">{t(&lang, "delete_account.submit")}</button>
            </form>
            <p class="alternatives">
                <a href=ACCOUNT_PAGE>{t(&lang, "account.cancel")}</a>
            </p>
        </Layout>
    }
    .into_any()
}

/// `GET /goodbye`: where a deleted account ends up, signed out.
#[component]
pub fn GoodbyePage() -> impl IntoView {
    let Ok(ctx) = ctx() else { return ().into_any() };
    let lang = ctx.lang.clone();
    view! {
        <Layout ctx=ctx.clone() title=t(&lang, "goodbye.title")>
            <p>{t(&lang, "goodbye.body")}</p>
            <p class="alternatives">
                <a href="/sign-up">{t(&lang, "goodbye.sign_up")}</a>
            </p>
        </Layout>
    }
    .into_any()
}
