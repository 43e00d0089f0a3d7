//! `GET /sign-in` and its form handler `POST /api/sign-in`.

use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;

use super::components::{CsrfField, Field, Layout, ReturnToField};
use super::{ctx, return_to_param, see_other};
use crate::config::SignInName;
use crate::flows::sign_in::{SignInInput, submit};
use crate::i18n::t;

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
    let form = ctx.session.take_form("sign_in");
    let return_to = return_to_param(&ctx);
    let sign_up_href = match &return_to {
        Some(r) => crate::flows::with_return_to(
            "/sign-up",
            crate::security::return_to::ReturnTo::parse(r, &ctx.app.allowlist).as_ref(),
        ),
        None => "/sign-up".to_owned(),
    };
    let forgot_href = crate::flows::with_return_to(
        crate::flows::recovery::FORGOT_PAGE,
        return_to
            .as_deref()
            .and_then(|r| crate::security::return_to::ReturnTo::parse(r, &ctx.app.allowlist))
            .as_ref(),
    );
    let name_label = match ctx.app.sign_in_name {
        SignInName::Email => t(&lang, "field.email"),
        SignInName::Username => t(&lang, "field.username"),
    };
    view! {
        <Layout ctx=ctx.clone() title=t(&lang, "sign_in.title")>
            <form method="post" action=SignIn::PATH novalidate>
                <CsrfField ctx=ctx.clone()/>
                <ReturnToField value=return_to.clone()/>
                <Field lang=lang.clone() form=form.clone() name="username" label=name_label
                    kind=match ctx.app.sign_in_name { SignInName::Email => "email", SignInName::Username => "text" }
                    autocomplete="username" keep_value=true autofocus=true/>
                <Field lang=lang.clone() form=form.clone() name="password" label=t(&lang, "field.password")
                    kind="password" autocomplete="current-password"/>
                <button type="submit" class="primary">{t(&lang, "sign_in.submit")}</button>
            </form>
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
