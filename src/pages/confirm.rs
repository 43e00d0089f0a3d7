//! `GET /sign-up/confirm`: the confirmation code, and "send a new code".

use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;

use super::components::{CsrfField, DevOutboxNote, ErrorSummary, Field, Layout};
use super::{ctx, see_other};
use crate::flows::sign_up;
use crate::i18n::{t, t_args};
use crate::routes::{Location, Page};

#[server(prefix = "/api", endpoint = "confirm-sign-up")]
pub async fn confirm_sign_up(#[server(default)] code: String) -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    let location = match sign_up::confirm(&ctx.app, &ctx.session, &code).await {
        sign_up::Confirmed::Page(location) => location,
        sign_up::Confirmed::SignIn(next) => {
            crate::flows::sign_in::after_sign_up(&ctx.app, &ctx.session, next).await
        }
    };
    see_other(&location);
    Ok(())
}

#[server(prefix = "/api", endpoint = "resend-code")]
pub async fn resend_code() -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    see_other(&sign_up::resend(&ctx.app, &ctx.session).await);
    Ok(())
}

#[component]
pub fn ConfirmPage() -> impl IntoView {
    let Ok(ctx) = ctx() else { return ().into_any() };
    let Some(flow) = sign_up::current(&ctx.session) else {
        see_other(&Location::page(Page::SignUp));
        return ().into_any();
    };
    let lang = ctx.lang.clone();
    let form = ctx.session.take_form(Page::SignUpConfirm);
    let args = std::collections::BTreeMap::from([("destination".to_owned(), flow.destination)]);
    view! {
        <Layout ctx=ctx.clone() title_id="confirm.title">
            <p data-message-id="confirm.intro">{t_args(&lang, "confirm.intro", &args)}</p>
            <form method="post" action=ConfirmSignUp::PATH novalidate>
                <ErrorSummary lang=lang.clone() form=form.clone()/>
                <CsrfField ctx=ctx.clone()/>
                <Field lang=lang.clone() form=form.clone() name="code" label=t(&lang, "field.confirmation_code")
                    kind="text" inputmode="numeric" autocomplete="one-time-code" autofocus=true/>
                <button type="submit" class="primary">{t(&lang, "confirm.submit")}</button>
            </form>
            <form method="post" action=ResendCode::PATH class="secondary-form">
                <CsrfField ctx=ctx.clone()/>
                <button type="submit" class="secondary">{t(&lang, "confirm.resend")}</button>
            </form>
            <p class="alternatives">
                <a href=Location::with_return_to(Page::SignUp, flow.return_to.as_ref()).to_string()>
                    {t(&lang, "confirm.wrong_address")}
                </a>
            </p>
            <DevOutboxNote ctx=ctx.clone()/>
        </Layout>
    }
    .into_any()
}
