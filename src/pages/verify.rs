//! `GET /account/verify?attribute=email|phone_number`: the code sent to a
//! new (or unverified) address; handlers `POST /api/verify-contact` and
//! `POST /api/send-contact-code` (also used by the account page's banner).

use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;

use super::components::{CsrfField, Field, Layout};
use super::guard::{async_page, attributes, signed_in};
use super::{Ctx, ctx, query_param, see_other};
use crate::flows::profile::{self, ACCOUNT_PAGE};
use crate::i18n::{t, t_args};

#[server(prefix = "/api", endpoint = "verify-contact")]
pub async fn verify_contact(
    #[server(default)] attribute: String,
    #[server(default)] code: String,
) -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    let location = match profile::contact_attribute(&attribute) {
        Some(attribute) => profile::verify_contact(&ctx.app, &ctx.session, attribute, &code).await,
        None => ACCOUNT_PAGE.to_owned(),
    };
    see_other(&location);
    Ok(())
}

#[server(prefix = "/api", endpoint = "send-contact-code")]
pub async fn send_contact_code(#[server(default)] attribute: String) -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    let location = match profile::contact_attribute(&attribute) {
        Some(attribute) => profile::send_contact_code(&ctx.app, &ctx.session, attribute).await,
        None => ACCOUNT_PAGE.to_owned(),
    };
    see_other(&location);
    Ok(())
}

#[component]
pub fn VerifyPage() -> impl IntoView {
    async_page(render)
}

async fn render(ctx: Ctx) -> AnyView {
    let Some(attribute) = query_param("attribute")
        .as_deref()
        .and_then(profile::contact_attribute)
    else {
        see_other(ACCOUNT_PAGE);
        return ().into_any();
    };
    let title_id = if attribute == "email" {
        "verify.email_title"
    } else {
        "verify.phone_title"
    };
    let user = match signed_in(&ctx, title_id).await {
        Ok(user) => user,
        Err(view) => return view,
    };
    let current = match attributes(&ctx, &user, title_id).await {
        Ok(current) => current,
        Err(view) => return view,
    };
    let lang = ctx.lang.clone();
    let form = ctx.session.take_form("verify");
    let pending = profile::pending(&ctx.session, &user.sub).remove(attribute);
    let mut args = std::collections::BTreeMap::new();
    let intro = match (&pending, current.get(attribute)) {
        (Some(p), old) if p.keeps_original => {
            args.insert("value".to_owned(), p.value.clone());
            args.insert("old".to_owned(), old.cloned().unwrap_or_default());
            t_args(&lang, "verify.intro_pending", &args)
        }
        (Some(p), _) => {
            args.insert("value".to_owned(), p.value.clone());
            t_args(&lang, "verify.intro", &args)
        }
        (None, Some(value)) => {
            args.insert("value".to_owned(), value.clone());
            t_args(&lang, "verify.intro", &args)
        }
        (None, None) => {
            see_other(ACCOUNT_PAGE);
            return ().into_any();
        }
    };
    let outbox = ctx.app.dev_pool.is_some().then(|| {
        view! {
            <p class="dev-note">
                {t(&lang, "confirm.dev_outbox_intro")} " "
                <a href="/_dev/outbox">{t(&lang, "confirm.dev_outbox_link")}</a>
            </p>
        }
    });
    view! {
        <Layout ctx=ctx.clone() title=t(&lang, title_id)>
            <p>{intro}</p>
            <form method="post" action=VerifyContact::PATH novalidate>
                <CsrfField ctx=ctx.clone()/>
                <input type="hidden" name="attribute" value=attribute/>
                <Field lang=lang.clone() form=form.clone() name="code" label=t(&lang, "field.verification_code")
                    kind="text" inputmode="numeric" autocomplete="one-time-code" autofocus=true/>
                <button type="submit" class="primary">{t(&lang, "verify.submit")}</button>
            </form>
            <form method="post" action=SendContactCode::PATH class="secondary-form">
                <CsrfField ctx=ctx.clone()/>
                <input type="hidden" name="attribute" value=attribute/>
                <button type="submit" class="secondary">{t(&lang, "confirm.resend")}</button>
            </form>
            <p class="alternatives">
                <a href=ACCOUNT_PAGE>{t(&lang, "account.back")}</a>
            </p>
            {outbox}
        </Layout>
    }
    .into_any()
}
