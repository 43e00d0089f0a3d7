//! `GET /account/delete`: the confirmation (type the word, DELETE in
//! English, `delete_account.word`), handler
//! `POST /api/delete-account`; then `GET /goodbye`.

use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;

use super::components::{CsrfField, ErrorSummary, Field, Layout};
use super::protected::{Sign, guarded_page};
use super::{ctx, see_other};
use crate::flows::account;
use crate::i18n::{t, t_args};
use crate::routes::Page;

#[server(prefix = "/api", endpoint = "delete-account")]
pub async fn delete_account(#[server(default)] confirm: String) -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    let word = t(&ctx.lang, "delete_account.word");
    see_other(&account::delete_account(&ctx.app, &ctx.session, &confirm, &word).await);
    Ok(())
}

#[component]
pub fn DeleteAccountPage() -> impl IntoView {
    guarded_page(
        "delete_account.title",
        Sign::InRecently,
        |ctx, _user| async move {
            let lang = ctx.lang.clone();
            let form = ctx.session.take_form(Page::DeleteAccount);
            let args = std::collections::BTreeMap::from([(
                "word".to_owned(),
                t(&lang, "delete_account.word"),
            )]);
            view! {
            <Layout ctx=ctx.clone() title_id="delete_account.title">
                <p>{t(&lang, "delete_account.intro")}</p>
                <form method="post" action=DeleteAccount::PATH novalidate>
                    <ErrorSummary lang=lang.clone() form=form.clone()/>
                    <CsrfField ctx=ctx.clone()/>
                    <Field lang=lang.clone() form=form.clone() name="confirm"
                        label=t_args(&lang, "field.delete_confirm", &args) kind="text"
                        autocomplete="off"/>
                    <button type="submit" class="danger">{t(&lang, "delete_account.submit")}</button>
                </form>
                <p class="alternatives">
                    <a href=Page::Account.path()>{t(&lang, "account.cancel")}</a>
                </p>
            </Layout>
        }
        .into_any()
        },
    )
}

/// `GET /goodbye`: where a deleted account ends up, signed out.
#[component]
pub fn GoodbyePage() -> impl IntoView {
    let Ok(ctx) = ctx() else { return ().into_any() };
    let lang = ctx.lang.clone();
    view! {
        <Layout ctx=ctx.clone() title_id="goodbye.title">
            <p>{t(&lang, "goodbye.body")}</p>
            <p class="alternatives">
                <a href=Page::SignUp.path()>{t(&lang, "goodbye.sign_up")}</a>
            </p>
        </Layout>
    }
    .into_any()
}
