//! `GET /account/password`: the current and a new password; handler
//! `POST /api/change-password`.

use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;

use super::components::{CsrfField, Field, Layout, PasswordChecklist};
use super::guard::{async_page, signed_in};
use super::{Ctx, ctx, see_other};
use crate::flows::profile::{self, ACCOUNT_PAGE};
use crate::i18n::t;

#[server(prefix = "/api", endpoint = "change-password")]
pub async fn change_password(
    #[server(default)] current_password: String,
    #[server(default)] new_password: String,
) -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    see_other(
        &profile::change_password(&ctx.app, &ctx.session, current_password, new_password).await,
    );
    Ok(())
}

#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    async_page(render)
}

async fn render(ctx: Ctx) -> AnyView {
    if let Err(view) = signed_in(&ctx, "change_password.title").await {
        return view;
    }
    let lang = ctx.lang.clone();
    let form = ctx.session.take_form("change_password");
    view! {
        <Layout ctx=ctx.clone() title=t(&lang, "change_password.title")>
            <form method="post" action=ChangePassword::PATH novalidate>
                <CsrfField ctx=ctx.clone()/>
                <Field lang=lang.clone() form=form.clone() name="current_password"
                    label=t(&lang, "field.current_password") kind="password"
                    autocomplete="current-password" autofocus=true/>
                <Field lang=lang.clone() form=form.clone() name="new_password"
                    label=t(&lang, "field.new_password") kind="password"
                    autocomplete="new-password" hint_id="password-rules"/>
                <PasswordChecklist lang=lang.clone() policy=ctx.app.password_policy.clone()/>
                <button type="submit" class="primary">{t(&lang, "change_password.submit")}</button>
            </form>
            <p class="alternatives">
                <a href=ACCOUNT_PAGE>{t(&lang, "account.back")}</a>
            </p>
        </Layout>
    }
    .into_any()
}
