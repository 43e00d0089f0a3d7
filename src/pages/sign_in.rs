//! `GET /sign-in` and its form handler `POST /api/sign-in`.
//!
//! With choice-based sign-in the page asks for the name only; the ways in
//! follow on the challenge page (SELECT_CHALLENGE), or straight away the
//! one this browser used last, named by a cookie.

use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;
use leptos_axum::ResponseOptions;
use tower_cookies::cookie::{Cookie, SameSite, time::Duration};

use super::components::{CsrfField, ErrorSummary, Field, Layout, PasswordScript, ReturnToField};
use super::{Ctx, ctx, return_to_param, see_other};
use crate::cognito::challenge::FirstFactor;
use crate::domain::SignInNameKind;
use crate::flows::sign_in::{METHOD_COOKIE, SignInInput, SignedInWith, submit};
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
        preferred: preferred_method(),
    };
    see_other(&submit(&ctx.app, &ctx.session, input).await);
    remember_method(&ctx);
    Ok(())
}

/// The way in this browser used last, from its cookie.
pub fn preferred_method() -> Option<FirstFactor> {
    let parts = use_context::<Parts>()?;
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == METHOD_COOKIE)
        .and_then(|cookie| FirstFactor::from_id(cookie.value()))
}

/// After a choice-based sign-in succeeded: the way in, remembered in the
/// browser for a year, so the next sign-in starts with it.
pub fn remember_method(ctx: &Ctx) {
    let Some(SignedInWith(factor)) = ctx.session.take::<SignedInWith>() else {
        return;
    };
    let Some(response) = use_context::<ResponseOptions>() else {
        return;
    };
    let cookie = Cookie::build((METHOD_COOKIE, factor.id()))
        .path("/")
        .http_only(true)
        .secure(ctx.app.secure_cookies)
        .same_site(SameSite::Lax)
        .max_age(Duration::days(365))
        .build();
    if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
        response.append_header(header::SET_COOKIE, value);
    }
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
    let choice = ctx.app.choice_sign_in;
    let password = (!choice).then(|| {
        view! {
            <Field lang=lang.clone() form=form.clone() name="password" label=t(&lang, "field.password")
                kind="password" autocomplete="current-password" autofocus=retry/>
        }
    });
    let submit_id = if choice {
        "sign_in.continue"
    } else {
        "sign_in.submit"
    };
    view! {
        <Layout ctx=ctx.clone() title_id="sign_in.title">
            <form method="post" action=SignIn::PATH novalidate>
                <ErrorSummary lang=lang.clone() form=form.clone()/>
                <CsrfField ctx=ctx.clone()/>
                <ReturnToField value=return_to.clone()/>
                <Field lang=lang.clone() form=form.clone() name="username" label=name_label
                    kind=name_kind autocomplete="username" keep_value=true
                    autofocus=choice || !retry/>
                {password}
                <button type="submit" class="primary">{t(&lang, submit_id)}</button>
            </form>
            {(!choice).then(|| view! { <PasswordScript lang=lang.clone()/> })}
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
