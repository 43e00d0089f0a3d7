//! `GET /sign-up/confirm`: the confirmation code, and "send a new code".

use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;

use super::components::{CsrfField, Field, Layout};
use super::{ctx, see_other};
use crate::flows::sign_up;
use crate::i18n::{t, t_args};

#[server(prefix = "/api", endpoint = "confirm-sign-up")]
pub async fn confirm_sign_up(#[server(default)] code: String) -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    see_other(&sign_up::confirm(&ctx.app, &ctx.session, &code).await);
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
    let Some(flow) = ctx.session.read(|d| d.sign_up.clone()) else {
        see_other("/sign-up");
        return ().into_any();
    };
    let lang = ctx.lang.clone();
    let form = ctx.session.take_form("confirm");
    let mut args = std::collections::BTreeMap::new();
    args.insert("destination".to_owned(), flow.destination.clone());
    let outbox = ctx.app.dev_pool.is_some().then(|| {
        view! {
            <p class="dev-note">
                {t(&lang, "confirm.dev_outbox_intro")} " "
                <a href="/_dev/outbox">{t(&lang, "confirm.dev_outbox_link")}</a>
            </p>
        }
    });
    view! {
        <Layout ctx=ctx.clone() title=t(&lang, "confirm.title")>
            <p>{t_args(&lang, "confirm.intro", &args)}</p>
            <form method="post" action=ConfirmSignUp::PATH novalidate>
                <CsrfField ctx=ctx.clone()/>
                <Field lang=lang.clone() form=form.clone() name="code" label=t(&lang, "field.confirmation_code")
                    kind="text" inputmode="numeric" autocomplete="one-time-code" autofocus=true/>
                <button type="submit" class="primary">{t(&lang, "confirm.submit")}</button>
            </form>
            <form method="post" action=ResendCode::PATH class="secondary-form">
                <CsrfField ctx=ctx.clone()/>
                <button type="submit" class="secondary">{t(&lang, "confirm.resend")}</button>
            </form>
            {outbox}
        </Layout>
    }
    .into_any()
}
