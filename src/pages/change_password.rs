//! `GET /account/password`: the current and a new password; handler
//! `POST /api/change-password`.

use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;

use super::components::{
    CsrfField, ErrorSummary, Field, Layout, PasswordChecklist, PasswordScript,
};
use super::protected::protected_page;
use super::{ctx, see_other};
use crate::flows::account::{self, ChangePasswordInput};
use crate::i18n::t;
use crate::routes::Page;

#[server(prefix = "/api", endpoint = "change-password")]
pub async fn change_password(
    #[server(default)] current_password: String,
    #[server(default)] new_password: String,
) -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    let input = ChangePasswordInput {
        current: current_password,
        proposed: new_password,
    };
    see_other(&account::change_password(&ctx.app, &ctx.session, input).await);
    Ok(())
}

#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    protected_page("change_password.title", |ctx, user| async move {
        let lang = ctx.lang.clone();
        // Password managers pair a new password with the account by the
        // username field beside it; this one is not shown and not sent.
        let account = user.account_name().to_owned();
        let form = ctx.session.take_form(Page::ChangePassword);
        view! {
            <Layout ctx=ctx.clone() title_id="change_password.title">
                <form method="post" action=ChangePassword::PATH novalidate>
                    <ErrorSummary lang=lang.clone() form=form.clone()/>
                    <CsrfField ctx=ctx.clone()/>
                    <input type="text" autocomplete="username" value=account hidden=""
                        aria-hidden="true" tabindex="-1"/>
                    <Field lang=lang.clone() form=form.clone() name="current_password"
                        label=t(&lang, "field.current_password") kind="password"
                        autocomplete="current-password" autofocus=true/>
                    <Field lang=lang.clone() form=form.clone() name="new_password"
                        label=t(&lang, "field.new_password") kind="password"
                        autocomplete="new-password" hint_id="password-rules"/>
                    <PasswordChecklist lang=lang.clone() policy=ctx.app.password_policy.clone()
                    form=form.clone()/>
                    <button type="submit" class="primary">{t(&lang, "change_password.submit")}</button>
                </form>
                <PasswordScript lang=lang.clone()/>
                <p class="alternatives">
                    <a href=Page::Account.path()>{t(&lang, "account.back")}</a>
                </p>
            </Layout>
        }
        .into_any()
    })
}
