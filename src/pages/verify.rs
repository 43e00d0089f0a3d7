//! `GET /account/verify?attribute=email|phone_number`: the code sent to a
//! new (or unverified) address; handlers `POST /api/verify-contact` and
//! `POST /api/send-contact-code` (also used by the account page's banner).

use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;

use super::components::{CsrfField, DevOutboxNote, ErrorSummary, Field, Layout};
use super::protected::{Sign, profile_page};
use super::{Ctx, ctx, query_param, see_other};
use crate::domain::ContactAttribute;
use crate::flows::account;
use crate::i18n::{t, t_args};
use crate::routes::{Location, Page};

#[server(prefix = "/api", endpoint = "verify-contact")]
pub async fn verify_contact(
    #[server(default)] attribute: String,
    #[server(default)] code: String,
) -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    let location = match ContactAttribute::parse(&attribute) {
        Some(attribute) => account::verify_contact(&ctx.app, &ctx.session, attribute, &code).await,
        None => Location::page(Page::Account),
    };
    see_other(&location);
    Ok(())
}

#[server(prefix = "/api", endpoint = "send-contact-code")]
pub async fn send_contact_code(#[server(default)] attribute: String) -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    let location = match ContactAttribute::parse(&attribute) {
        Some(attribute) => account::send_contact_code(&ctx.app, &ctx.session, attribute).await,
        None => Location::page(Page::Account),
    };
    see_other(&location);
    Ok(())
}

fn title_id(attribute: ContactAttribute) -> &'static str {
    match attribute {
        ContactAttribute::Email => "verify.email_title",
        ContactAttribute::Phone => "verify.phone_title",
    }
}

#[component]
pub fn VerifyPage() -> impl IntoView {
    let Some(attribute) = query_param("attribute")
        .as_deref()
        .and_then(ContactAttribute::parse)
    else {
        see_other(&Location::page(Page::Account));
        return ().into_any();
    };
    profile_page(title_id(attribute), Sign::In, move |ctx, _user, profile| {
        render(ctx, attribute, profile.attributes)
    })
}

fn render(
    ctx: Ctx,
    attribute: ContactAttribute,
    current: std::collections::BTreeMap<String, String>,
) -> AnyView {
    let lang = ctx.lang.clone();
    let form = ctx.session.take_form(Page::VerifyContact);
    let pending = account::pending(&ctx.session, attribute);
    let mut args = std::collections::BTreeMap::new();
    let (intro_id, intro) = match (&pending, current.get(attribute.name())) {
        (Some(p), old) if p.keeps_original => {
            args.insert("value".to_owned(), p.value.clone());
            args.insert("old".to_owned(), old.cloned().unwrap_or_default());
            (
                "verify.intro_pending",
                t_args(&lang, "verify.intro_pending", &args),
            )
        }
        (Some(p), _) => {
            args.insert("value".to_owned(), p.value.clone());
            ("verify.intro", t_args(&lang, "verify.intro", &args))
        }
        (None, Some(value)) => {
            args.insert("value".to_owned(), value.clone());
            ("verify.intro", t_args(&lang, "verify.intro", &args))
        }
        (None, None) => {
            see_other(&Location::page(Page::Account));
            return ().into_any();
        }
    };
    view! {
        <Layout ctx=ctx.clone() title_id=title_id(attribute)>
            <p data-message-id=intro_id>{intro}</p>
            <form method="post" action=VerifyContact::PATH novalidate>
                <ErrorSummary lang=lang.clone() form=form.clone()/>
                <CsrfField ctx=ctx.clone()/>
                <input type="hidden" name="attribute" value=attribute.name()/>
                <Field lang=lang.clone() form=form.clone() name="code" label=t(&lang, "field.verification_code")
                    kind="text" inputmode="numeric" autocomplete="one-time-code" autofocus=true/>
                <button type="submit" class="primary">{t(&lang, "verify.submit")}</button>
            </form>
            <form method="post" action=SendContactCode::PATH class="secondary-form">
                <CsrfField ctx=ctx.clone()/>
                <input type="hidden" name="attribute" value=attribute.name()/>
                <button type="submit" class="secondary">{t(&lang, "confirm.resend")}</button>
            </form>
            <p class="alternatives">
                <a href=Page::Account.path()>{t(&lang, "account.back")}</a>
            </p>
            <DevOutboxNote ctx=ctx.clone()/>
        </Layout>
    }
    .into_any()
}
