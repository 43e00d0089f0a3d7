//! `GET /account/confirm-identity`: the password again before a
//! sensitive change when the sign-in is not recent; handler
//! `POST /api/confirm-identity`. Any MFA step follows on the sign-in
//! challenge page, and the visitor comes back to `return_to`.

use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;

use super::components::{CsrfField, ErrorSummary, Field, Layout, ReturnToField};
use super::protected::protected_page;
use super::{ctx, return_to_param, see_other};
use crate::flows::sign_in;
use crate::i18n::t;
use crate::routes::Page;

#[server(prefix = "/api", endpoint = "confirm-identity")]
pub async fn confirm_identity(
    #[server(default)] password: String,
    #[server(default)] return_to: String,
) -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    let preferred = super::sign_in::preferred_method();
    see_other(
        &sign_in::reauthenticate(&ctx.app, &ctx.session, password, &return_to, preferred).await,
    );
    Ok(())
}

#[component]
pub fn ConfirmIdentityPage() -> impl IntoView {
    protected_page("confirm_identity.title", |ctx, user| async move {
        let lang = ctx.lang.clone();
        let form = ctx.session.take_form(Page::ConfirmIdentity);
        let return_to = return_to_param(&ctx);
        let cancel = return_to.as_ref().map_or_else(
            || Page::Account.path().to_owned(),
            |r| r.as_str().to_owned(),
        );
        // The name the password belongs to, for password managers.
        let name = user.email.clone().unwrap_or_else(|| user.username.clone());
        if ctx.app.choice_sign_in {
            // Signing in again, in any way the account has.
            return view! {
                <Layout ctx=ctx.clone() title_id="confirm_identity.title">
                    <p data-message-id="confirm_identity.intro_choice">{t(&lang, "confirm_identity.intro_choice")}</p>
                    <form method="post" action=ConfirmIdentity::PATH novalidate>
                        <ErrorSummary lang=lang.clone() form=form.clone()/>
                        <CsrfField ctx=ctx.clone()/>
                        <ReturnToField value=return_to.clone()/>
                        <button type="submit" class="primary" autofocus>{t(&lang, "confirm_identity.submit")}</button>
                    </form>
                    <p class="alternatives">
                        <a href=cancel>{t(&lang, "account.cancel")}</a>
                    </p>
                </Layout>
            }
            .into_any();
        }
        view! {
            <Layout ctx=ctx.clone() title_id="confirm_identity.title">
                <p>{t(&lang, "confirm_identity.intro")}</p>
                <form method="post" action=ConfirmIdentity::PATH novalidate>
                    <ErrorSummary lang=lang.clone() form=form.clone()/>
                    <CsrfField ctx=ctx.clone()/>
                    <ReturnToField value=return_to.clone()/>
                    <input type="hidden" name="username" value=name autocomplete="username"/>
                    <Field lang=lang.clone() form=form.clone() name="password"
                        label=t(&lang, "field.password") kind="password"
                        autocomplete="current-password" autofocus=true/>
                    <button type="submit" class="primary">{t(&lang, "confirm_identity.submit")}</button>
                </form>
                <p class="alternatives">
                    <a href=cancel>{t(&lang, "account.cancel")}</a>
                </p>
            </Layout>
        }
        .into_any()
    })
}
