//! `GET /account/email` and `GET /account/phone`: a new address, which
//! gets a code; handler `POST /api/change-contact`.

use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;

use super::components::{CsrfField, Field, Layout};
use super::guard::{async_page, attributes, signed_in};
use super::{Ctx, ctx, see_other};
use crate::flows::profile::{self, ACCOUNT_PAGE};
use crate::i18n::{t, t_args};

#[server(prefix = "/api", endpoint = "change-contact")]
pub async fn change_contact(
    #[server(default)] attribute: String,
    #[server(default)] value: String,
) -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    let location = match profile::contact_attribute(&attribute) {
        Some(attribute) => profile::change_contact(&ctx.app, &ctx.session, attribute, &value).await,
        None => ACCOUNT_PAGE.to_owned(),
    };
    see_other(&location);
    Ok(())
}

#[component]
pub fn EmailPage() -> impl IntoView {
    async_page(|ctx| render(ctx, "email"))
}

#[component]
pub fn PhonePage() -> impl IntoView {
    async_page(|ctx| render(ctx, "phone_number"))
}

async fn render(ctx: Ctx, attribute: &'static str) -> AnyView {
    let email = attribute == "email";
    let title_id = if email {
        "contact.email_title"
    } else {
        "contact.phone_title"
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
    let form = ctx.session.take_form("contact");
    let now = current.get(attribute).map(|value| {
        let mut args = std::collections::BTreeMap::new();
        args.insert("value".to_owned(), value.clone());
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
        <Layout ctx=ctx.clone() title=t(&lang, title_id)>
            {now}
            <form method="post" action=ChangeContact::PATH novalidate>
                <CsrfField ctx=ctx.clone()/>
                <input type="hidden" name="attribute" value=attribute/>
                <Field lang=lang.clone() form=form.clone() name="value" label=label kind=kind
                    autocomplete=autocomplete hint_id="value-hint" keep_value=true autofocus=true
                    optional=!email/>
                <p id="value-hint" class="hint">{hint}</p>
                <button type="submit" class="primary">{t(&lang, "contact.submit")}</button>
            </form>
            <p class="alternatives">
                <a href=ACCOUNT_PAGE>{t(&lang, "account.back")}</a>
            </p>
        </Layout>
    }
    .into_any()
}

/// The account page's notes on email and phone: a change waiting for its
/// code (and which address still signs in), or an unverified address with
/// a button that sends a code.
#[component]
pub fn ContactStatus(
    ctx: Ctx,
    attributes: std::collections::BTreeMap<String, String>,
) -> impl IntoView {
    let lang = ctx.lang.clone();
    let sub = ctx.session.user().map(|u| u.sub).unwrap_or_default();
    let pending = profile::pending(&ctx.session, &sub);
    ["email", "phone_number"]
        .into_iter()
        .filter_map(|attribute| {
            let email = attribute == "email";
            let mut args = std::collections::BTreeMap::new();
            if let Some(p) = pending.get(attribute) {
                args.insert("value".to_owned(), p.value.clone());
                let id = match (email, p.keeps_original, attributes.get(attribute)) {
                    (true, true, Some(old)) => {
                        args.insert("old".to_owned(), old.clone());
                        "account.pending_email_kept"
                    }
                    (true, _, _) => "account.pending_email",
                    (false, true, Some(old)) => {
                        args.insert("old".to_owned(), old.clone());
                        "account.pending_phone_kept"
                    }
                    (false, _, _) => "account.pending_phone",
                };
                let href = profile::verify_page(attribute);
                return Some(
                    view! {
                        <div class="banner" role="status" data-message-id=id>
                            <p>{t_args(&lang, id, &args)}</p>
                            <p><a href=href>{t(&lang, "account.enter_code")}</a></p>
                        </div>
                    }
                    .into_any(),
                );
            }
            let value = attributes.get(attribute)?;
            let verified = attributes
                .get(&format!("{attribute}_verified"))
                .is_some_and(|v| v == "true");
            if verified {
                return None;
            }
            args.insert("value".to_owned(), value.clone());
            let id = if email { "account.unverified_email" } else { "account.unverified_phone" };
            Some(
                view! {
                    <div class="banner" role="status" data-message-id=id>
                        <p>{t_args(&lang, id, &args)}</p>
                        <form method="post" action=super::verify::SendContactCode::PATH class="inline-form">
                            <CsrfField ctx=ctx.clone()/>
                            <input type="hidden" name="attribute" value=attribute/>
                            <button type="submit" class="secondary">{t(&lang, "account.verify_now")}</button>
                        </form>
                    </div>
                }
                .into_any(),
            )
        })
        .collect_view()
}

/// Links from the account page to the pages that change it.
#[component]
pub fn ManageLinks(lang: crate::i18n::Lang) -> impl IntoView {
    view! {
        <ul class="manage-links">
            <li><a href=profile::PROFILE_PAGE>{t(&lang, "account.edit_profile")}</a></li>
            <li><a href=profile::EMAIL_PAGE>{t(&lang, "account.change_email")}</a></li>
            <li><a href=profile::PHONE_PAGE>{t(&lang, "account.change_phone")}</a></li>
            <li><a href=profile::PASSWORD_PAGE>{t(&lang, "account.change_password")}</a></li>
        </ul>
    }
}
