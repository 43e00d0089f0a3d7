//! `GET /forgot-password` and its form handler `POST /api/forgot-password`.

use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;

use super::components::{CsrfField, ErrorSummary, Field, Layout, ReturnToField};
use super::{ctx, return_to_param, see_other};
use crate::domain::SignInNameKind;
use crate::flows::recovery::{ForgotInput, request};
use crate::i18n::t;
use crate::routes::{Location, Page};

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
    let form = ctx.session.take_form(Page::ForgotPassword);
    let return_to = return_to_param(&ctx);
    let sign_in_href = Location::with_return_to(Page::SignIn, return_to.as_ref()).to_string();
    let (label, kind, intro) = match ctx.app.sign_in_name {
        SignInNameKind::Email => (
            t(&lang, "field.email"),
            "email",
            t(&lang, "forgot_password.intro"),
        ),
        SignInNameKind::Username => (
            t(&lang, "field.username"),
            "text",
            t(&lang, "forgot_password.intro_username"),
        ),
    };
    view! {
        <Layout ctx=ctx.clone() title_id="forgot_password.title">
            <p>{intro}</p>
            <form method="post" action=ForgotPassword::PATH novalidate>
                <ErrorSummary lang=lang.clone() form=form.clone()/>
                <CsrfField ctx=ctx.clone()/>
                <ReturnToField value=return_to/>
                <Field lang=lang.clone() form=form.clone() name="username" label=label
                    kind=kind autocomplete="username" keep_value=true autofocus=true/>
                <button type="submit" class="primary">{t(&lang, "forgot_password.submit")}</button>
            </form>
            <p class="alternatives">
                <a href=sign_in_href>{t(&lang, "forgot_password.back_to_sign_in")}</a>
            </p>
        </Layout>
    }
    .into_any()
}
