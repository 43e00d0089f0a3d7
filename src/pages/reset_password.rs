//! `GET /reset-password`: the code from the email and a new password;
//! "send a new code". Handlers `POST /api/reset-password` and
//! `POST /api/resend-reset-code`.

use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;

use super::components::{
    CsrfField, DevOutboxNote, ErrorSummary, Field, Layout, PasswordChecklist, PasswordScript,
};
use super::{ctx, see_other};
use crate::flows::recovery::{self, ResetInput};
use crate::i18n::{t, t_args};
use crate::routes::{Location, Page};

#[server(prefix = "/api", endpoint = "reset-password")]
pub async fn reset_password(
    #[server(default)] code: String,
    #[server(default)] password: String,
) -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    let input = ResetInput { code, password };
    see_other(&recovery::reset(&ctx.app, &ctx.session, input).await);
    Ok(())
}

#[server(prefix = "/api", endpoint = "resend-reset-code")]
pub async fn resend_reset_code() -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    see_other(&recovery::resend(&ctx.app, &ctx.session).await);
    Ok(())
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let Ok(ctx) = ctx() else { return ().into_any() };
    let Some(flow) = recovery::current(&ctx.session) else {
        see_other(&Location::page(Page::ForgotPassword));
        return ().into_any();
    };
    let lang = ctx.lang.clone();
    let form = ctx.session.take_form(Page::ResetPassword);
    // One sentence says where the code went, hedged alike for a known
    // and an unknown account (no notice box repeating it): for a reset
    // the visitor asked for, "if … belongs to an account"; for one
    // sign-in required, that the password must be reset first.
    let (with_destination, without) = if flow.required {
        ("reset_password.required", "reset_password.required_account")
    } else {
        ("reset_password.intro", "reset_password.intro_account")
    };
    let (intro_id, intro) = match &flow.destination {
        Some(destination) => {
            let mut args = std::collections::BTreeMap::new();
            args.insert("destination".to_owned(), destination.clone());
            (with_destination, t_args(&lang, with_destination, &args))
        }
        None => (without, t(&lang, without)),
    };
    view! {
        <Layout ctx=ctx.clone() title_id="reset_password.title">
            <p data-message-id=intro_id>{intro}</p>
            <form method="post" action=ResetPassword::PATH novalidate>
                <ErrorSummary lang=lang.clone() form=form.clone()/>
                <CsrfField ctx=ctx.clone()/>
                <Field lang=lang.clone() form=form.clone() name="code" label=t(&lang, "field.reset_code")
                    kind="text" inputmode="numeric" autocomplete="one-time-code" autofocus=true/>
                <Field lang=lang.clone() form=form.clone() name="password" label=t(&lang, "field.new_password")
                    kind="password" autocomplete="new-password" hint_id="password-rules"/>
                <PasswordChecklist lang=lang.clone() policy=ctx.app.password_policy.clone()
                    form=form.clone()/>
                <button type="submit" class="primary">{t(&lang, "reset_password.submit")}</button>
            </form>
            <PasswordScript lang=lang.clone()/>
            <form method="post" action=ResendResetCode::PATH class="secondary-form">
                <CsrfField ctx=ctx.clone()/>
                <button type="submit" class="secondary">{t(&lang, "confirm.resend")}</button>
            </form>
            <p class="alternatives">
                <a href=Location::with_return_to(Page::ForgotPassword, flow.return_to.as_ref()).to_string()>{t(&lang, "reset_password.start_over")}</a>
            </p>
            <DevOutboxNote ctx=ctx.clone()/>
        </Layout>
    }
    .into_any()
}
