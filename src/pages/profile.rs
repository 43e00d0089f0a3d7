//! `GET /account/profile`: the attributes the user may edit (name, given
//! and family name, language, and `THRESHOLD_PROFILE_ATTRIBUTES`), and its
//! handler `POST /api/update-profile`.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;

use super::components::{CsrfField, Layout};
use super::protected::{Sign, profile_page};
use super::{Ctx, ctx, see_other};
use crate::flows::account;
use crate::i18n::{Lang, t};
use crate::routes::Page;
use crate::session::FormState;

#[server(prefix = "/api", endpoint = "update-profile")]
pub async fn update_profile(
    #[server(default)] attributes: BTreeMap<String, String>,
) -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    see_other(&account::update_profile(&ctx.app, &ctx.session, attributes).await);
    Ok(())
}

/// The input type and autocomplete token for a profile attribute.
fn autocomplete(name: &str) -> &'static str {
    match name {
        "name" => "name",
        "given_name" => "given-name",
        "family_name" => "family-name",
        "locale" => "language",
        _ => "off",
    }
}

/// A field's label: the catalog's `attribute.<name>`, or the name
/// without its `custom:` prefix.
pub fn attribute_label(lang: &Lang, name: &str) -> String {
    let id = format!("attribute.{name}");
    if crate::i18n::has(lang, &id) {
        t(lang, &id)
    } else {
        name.strip_prefix("custom:")
            .unwrap_or(name)
            .replace('_', " ")
    }
}

const TITLE: &str = "profile.title";

#[component]
pub fn ProfilePage() -> impl IntoView {
    profile_page(TITLE, Sign::In, |ctx, _user, profile| {
        render(ctx, profile.attributes)
    })
}

fn render(ctx: Ctx, current: std::collections::BTreeMap<String, String>) -> AnyView {
    let lang = ctx.lang.clone();
    let form = ctx.session.take_form(Page::Profile);
    // After a failed save, show what was typed; otherwise the account's values.
    let typed = !form.values.is_empty();
    let fields = account::profile_attributes(&ctx.app)
        .into_iter()
        .map(|name| {
            let value = if typed {
                form.values.get(&name).cloned()
            } else {
                current.get(&name).cloned()
            };
            let hint = (name == "locale").then(|| t(&lang, "profile.locale_hint"));
            view! {
                <ProfileField lang=lang.clone() form=form.clone() label=attribute_label(&lang, &name)
                    autocomplete=autocomplete(&name) value=value hint=hint name=name/>
            }
        })
        .collect_view();
    view! {
        <Layout ctx=ctx.clone() title_id=TITLE>
            <p>{t(&lang, "profile.intro")}</p>
            <form method="post" action=UpdateProfile::PATH novalidate>
                <CsrfField ctx=ctx.clone()/>
                {fields}
                <button type="submit" class="primary">{t(&lang, "profile.submit")}</button>
            </form>
            <p class="alternatives">
                <a href=Page::Account.path()>{t(&lang, "account.back")}</a>
            </p>
        </Layout>
    }
    .into_any()
}

/// An optional text field posted as `attributes[<name>]`; errors and kept
/// values use the bare name.
#[component]
fn ProfileField(
    lang: Lang,
    form: FormState,
    name: String,
    label: String,
    autocomplete: &'static str,
    value: Option<String>,
    hint: Option<String>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let error_id = format!("{name}-error");
    let hint_id = format!("{name}-hint");
    let error_message_id = form.errors.get(&name).cloned();
    let error = error_message_id.as_ref().map(|m| t(&lang, m));
    let mut described = Vec::new();
    if error.is_some() {
        described.push(error_id.clone());
    }
    if hint.is_some() {
        described.push(hint_id.clone());
    }
    let described_by = (!described.is_empty()).then(|| described.join(" "));
    let invalid = error.as_ref().map(|_| "true");
    let autofocus = error.as_ref().map(|_| "");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id name=format!("attributes[{name}]") type="text" autocomplete=autocomplete
                value=value aria-invalid=invalid aria-describedby=described_by autofocus=autofocus/>
            {hint.map(|text| view! { <p id=hint_id class="hint">{text}</p> })}
            {error.map(|text| view! { <p id=error_id class="field-error" data-message-id=error_message_id>{text}</p> })}
        </div>
    }
}
