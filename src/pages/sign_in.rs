//! `GET /sign-in` and its form handler `POST /api/sign-in`.

use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;

use super::components::{CsrfField, ErrorSummary, Field, Layout, PasswordScript, ReturnToField};
use super::{ctx, return_to_param, see_other};
use crate::domain::SignInNameKind;
use crate::flows::sign_in::{SignInInput, submit};
use crate::i18n::t;
use crate::routes::{Location, Page};

#[server(prefix = "/api", endpoint = "sign-in")]
pub async fn sign_in(
    #[server(default)] username: String,
    #[server(default)] password: String,
    #[server(default)] return_to: String,
) -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    let input = SignInInput {
        username,
        password,
        return_to,
    };
    see_other(&submit(&ctx.app, &ctx.session, input).await);
    Ok(())
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let Ok(ctx) = ctx() else { return ().into_any() };
    let lang = ctx.lang.clone();
    let form = ctx.session.take_form(Page::SignIn);
    let return_to = return_to_param(&ctx);
    let sign_up_href = Location::with_return_to(Page::SignUp, return_to.as_ref()).to_string();
    let forgot_href =
        Location::with_return_to(Page::ForgotPassword, return_to.as_ref()).to_string();
    let (name_label, name_kind) = match ctx.app.sign_in_name {
        SignInNameKind::Email => (t(&lang, "field.email"), "email"),
        SignInNameKind::Username => (t(&lang, "field.username"), "text"),
    };
    // Back after a wrong password, the name is kept: focus goes to the
    // password, the field to type again.
    let retry = form.values.contains_key("username") && !form.has_errors();
    view! {
        <Layout ctx=ctx.clone() title_id="sign_in.title">
            <form method="post" action=SignIn::PATH novalidate>
                <ErrorSummary lang=lang.clone() form=form.clone()/>
                <CsrfField ctx=ctx.clone()/>
                <ReturnToField value=return_to.clone()/>
                <Field lang=lang.clone() form=form.clone() name="username" label=name_label
                    kind=name_kind autocomplete="username" keep_value=true autofocus=!retry/>
                <Field lang=lang.clone() form=form.clone() name="password" label=t(&lang, "field.password")
                    kind="password" autocomplete="current-password" autofocus=retry/>
                <button type="submit" class="primary">{t(&lang, "sign_in.submit")}</button>
            </form>
            <PasswordScript lang=lang.clone()/>
            <p class="alternatives">
                <a href=forgot_href>{t(&lang, "sign_in.forgot_password")}</a>
            </p>
            <p class="alternatives">
                {t(&lang, "sign_in.no_account")} " "
                <a href=sign_up_href>{t(&lang, "sign_in.create_account")}</a>
            </p>
        </Layout>
    }
    .into_any()
}
