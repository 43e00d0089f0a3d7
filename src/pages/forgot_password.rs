//! `GET /forgot-password` and its form handler `POST /api/forgot-password`.

use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;

use super::components::{CsrfField, Field, Layout, ReturnToField};
use super::{ctx, return_to_param, see_other};
use crate::config::SignInName;
use crate::flows::recovery::{ForgotInput, request};
use crate::i18n::t;

#[server(prefix = "/api", endpoint = "forgot-password")]
pub async fn forgot_password(
    #[server(default)] username: String,
    #[server(default)] return_to: String,
) -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    let input = ForgotInput {
        username,
        return_to,
    };
    see_other(&request(&ctx.app, &ctx.session, input).await);
    Ok(())
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let Ok(ctx) = ctx() else { return ().into_any() };
    let lang = ctx.lang.clone();
    let form = ctx.session.take_form("forgot_password");
    let return_to = return_to_param(&ctx);
    let (label, kind, intro) = match ctx.app.sign_in_name {
        SignInName::Email => (
            t(&lang, "field.email"),
            "email",
            t(&lang, "forgot_password.intro"),
        ),
        SignInName::Username => (
            t(&lang, "field.username"),
            "text",
            t(&lang, "forgot_password.intro_username"),
        ),
    };
    view! {
        <Layout ctx=ctx.clone() title=t(&lang, "forgot_password.title")>
            <p>{intro}</p>
            <form method="post" action=ForgotPassword::PATH novalidate>
                <CsrfField ctx=ctx.clone()/>
                <ReturnToField value=return_to/>
                <Field lang=lang.clone() form=form.clone() name="username" label=label
                    kind=kind autocomplete="username" keep_value=true autofocus=true/>
                <button type="submit" class="primary">{t(&lang, "forgot_password.submit")}</button>
            </form>
            <p class="alternatives">
                <a href="/sign-in">{t(&lang, "forgot_password.back_to_sign_in")}</a>
            </p>
        </Layout>
    }
    .into_any()
}
