//! `GET /account/profile`: the attributes the user may edit (name, given
//! and family name, language, and `THRESHOLD_PROFILE_ATTRIBUTES`), and its
//! handler `POST /api/update-profile`.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;

use super::components::{CsrfField, ErrorSummary, Layout};
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

/// A field's label: the catalog's label for a standard attribute, or the
/// name without its `custom:` prefix. The ids are written out (not built
/// from the name) so the catalog test sees every one in use.
pub fn attribute_label(lang: &Lang, name: &str) -> String {
    let id = match name {
        "email" => "attribute.email",
        "name" => "attribute.name",
        "given_name" => "attribute.given_name",
        "family_name" => "attribute.family_name",
        "middle_name" => "attribute.middle_name",
        "nickname" => "attribute.nickname",
        "preferred_username" => "attribute.preferred_username",
        "phone_number" => "attribute.phone_number",
        "locale" => "attribute.locale",
        "birthdate" => "attribute.birthdate",
        "website" => "attribute.website",
        "address" => "attribute.address",
        other => {
            return other
                .strip_prefix("custom:")
                .unwrap_or(other)
                .replace('_', " ");
        }
    };
    t(lang, id)
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
            if name == "locale" {
                return view! {
                    <LocaleField lang=lang.clone() form=form.clone() value=value/>
                }
                .into_any();
            }
            view! {
                <ProfileField lang=lang.clone() form=form.clone() label=attribute_label(&lang, &name)
                    autocomplete=autocomplete(&name) value=value hint=None name=name/>
            }
            .into_any()
        })
        .collect_view();
    view! {
        <Layout ctx=ctx.clone() title_id=TITLE>
            <p>{t(&lang, "profile.intro")}</p>
            <form method="post" action=UpdateProfile::PATH novalidate>
                <ErrorSummary lang=lang.clone() form=form.clone()/>
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

/// The `locale` attribute as a choice of the languages Threshold speaks,
/// each in its own name. A value set elsewhere (another language code)
/// stays a choice, so saving the form never loses it.
#[component]
fn LocaleField(lang: Lang, form: FormState, value: Option<String>) -> impl IntoView {
    let value = value.unwrap_or_default();
    let (error_message_id, error) = super::components::field_error(&lang, &form, "locale").unzip();
    let described_by = if error.is_some() {
        "locale-error locale-hint"
    } else {
        "locale-hint"
    };
    let invalid = error.as_ref().map(|_| "true");
    let autofocus = super::components::focus_here(&form, "locale", false).then_some("");
    // Each shipped language in its own name (and `lang`, so it is read
    // out in that language); another stored code as it is, with no `lang`.
    let mut choices: Vec<(String, String, Option<String>)> = Lang::all()
        .map(|l| (l.tag(), l.name().to_owned(), Some(l.tag())))
        .collect();
    if !value.is_empty() && !choices.iter().any(|(tag, _, _)| *tag == value) {
        choices.push((value.clone(), value.clone(), None));
    }
    let options = choices
        .into_iter()
        .map(|(tag, name, lang_attr)| {
            let selected = (tag == value).then_some("");
            view! { <option value=tag lang=lang_attr selected=selected>{name}</option> }
        })
        .collect_view();
    let none_selected = value.is_empty().then_some("");
    view! {
        <div class="field">
            <label for="field-locale">{t(&lang, "attribute.locale")}</label>
            <select id="field-locale" name="attributes[locale]" autocomplete="language"
                aria-invalid=invalid aria-describedby=described_by autofocus=autofocus>
                <option value="" selected=none_selected>{t(&lang, "profile.locale_none")}</option>
                {options}
            </select>
            <p id="locale-hint" class="hint">{t(&lang, "profile.locale_hint")}</p>
            {error.map(|text| view! { <p id="locale-error" class="field-error" data-message-id=error_message_id>{text}</p> })}
        </div>
    }
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
    let (error_message_id, error) = super::components::field_error(&lang, &form, &name).unzip();
    let mut described = Vec::new();
    if error.is_some() {
        described.push(error_id.clone());
    }
    if hint.is_some() {
        described.push(hint_id.clone());
    }
    let described_by = (!described.is_empty()).then(|| described.join(" "));
    let invalid = error.as_ref().map(|_| "true");
    let autofocus = super::components::focus_here(&form, &name, false).then_some("");
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
