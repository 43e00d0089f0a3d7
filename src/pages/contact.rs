//! `GET /account/email` and `GET /account/phone`: a new address, which
//! gets a code; handler `POST /api/change-contact`.

use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;

use super::components::{CsrfField, ErrorSummary, Field, Layout};
use super::protected::{Sign, profile_page};
use super::{Ctx, ctx, see_other};
use crate::domain::ContactAttribute;
use crate::flows::account;
use crate::i18n::{t, t_args};
use crate::routes::{Location, Page};

#[server(prefix = "/api", endpoint = "change-contact")]
pub async fn change_contact(
    #[server(default)] attribute: String,
    #[server(default)] value: String,
) -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    let location = match ContactAttribute::parse(&attribute) {
        Some(attribute) => account::change_contact(&ctx.app, &ctx.session, attribute, &value).await,
        None => Location::page(Page::Account),
    };
    see_other(&location);
    Ok(())
}

#[component]
pub fn EmailPage() -> impl IntoView {
    page(ContactAttribute::Email)
}

#[component]
pub fn PhonePage() -> impl IntoView {
    page(ContactAttribute::Phone)
}

fn title_id(attribute: ContactAttribute) -> &'static str {
    match attribute {
        ContactAttribute::Email => "contact.email_title",
        ContactAttribute::Phone => "contact.phone_title",
    }
}

fn page(attribute: ContactAttribute) -> AnyView {
    // A new email or phone is the way to take an account over (codes sent
    // to the thief), so both ask for a recent sign-in.
    profile_page(
        title_id(attribute),
        Sign::InRecently,
        move |ctx, _user, profile| render(ctx, attribute, profile.attributes),
    )
}

fn render(
    ctx: Ctx,
    attribute: ContactAttribute,
    current: std::collections::BTreeMap<String, String>,
) -> AnyView {
    let lang = ctx.lang.clone();
    let email = attribute == ContactAttribute::Email;
    let form = ctx.session.take_form(account::contact_page(attribute));
    let now = current.get(attribute.name()).map(|value| {
        let args = std::collections::BTreeMap::from([("value".to_owned(), value.clone())]);
        let id = if email {
            "contact.current_email"
        } else {
            "contact.current_phone"
        };
        view! { <p>{t_args(&lang, id, &args)}</p> }
    });
    let (label, kind, autocomplete, hint) = if email {
        (
            t(&lang, "field.new_email"),
            "email",
            "email",
            t(&lang, "contact.email_hint"),
        )
    } else {
        (
            t(&lang, "field.new_phone"),
            "tel",
            "tel",
            t(&lang, "contact.phone_hint"),
        )
    };
    view! {
        <Layout ctx=ctx.clone() title_id=title_id(attribute)>
            {now}
            <form method="post" action=ChangeContact::PATH novalidate>
                <ErrorSummary lang=lang.clone() form=form.clone()/>
                <CsrfField ctx=ctx.clone()/>
                <input type="hidden" name="attribute" value=attribute.name()/>
                <Field lang=lang.clone() form=form.clone() name="value" label=label kind=kind
                    autocomplete=autocomplete hint_id="value-hint" keep_value=true autofocus=true
                    optional=!email/>
                <p id="value-hint" class="hint">{hint}</p>
                <button type="submit" class="primary">{t(&lang, "contact.submit")}</button>
            </form>
            <p class="alternatives">
                <a href=Page::Account.path()>{t(&lang, "account.back")}</a>
            </p>
        </Layout>
    }
    .into_any()
}
