//! `GET /sign-up` and its form handler `POST /api/sign-up`.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;

use super::components::{
    CsrfField, ErrorSummary, Field, Layout, PasswordChecklist, PasswordScript, ReturnToField,
    field_error, focus_here,
};
use super::profile::attribute_label;
use super::{ctx, return_to_param, see_other};
use crate::domain::SignInNameKind;
use crate::flows::sign_up::{SignUpInput, submit};
use crate::i18n::t;
use crate::routes::{Location, Page};

/// Standard attributes the form knows how to ask for, with their input
/// type and autocomplete token. Others are asked as plain text.
pub fn attribute_input(name: &str) -> (&'static str, &'static str) {
    match name {
        "name" => ("text", "name"),
        "given_name" => ("text", "given-name"),
        "family_name" => ("text", "family-name"),
        "middle_name" => ("text", "additional-name"),
        "nickname" | "preferred_username" => ("text", "nickname"),
        "phone_number" => ("tel", "tel"),
        "birthdate" => ("date", "bday"),
        "locale" => ("text", "language"),
        "zoneinfo" => ("text", "off"),
        "website" | "profile" | "picture" => ("url", "url"),
        "address" => ("text", "street-address"),
        "gender" => ("text", "sex"),
        _ => ("text", "off"),
    }
}

#[server(prefix = "/api", endpoint = "sign-up")]
pub async fn sign_up(
    #[server(default)] email: String,
    #[server(default)] username: String,
    #[server(default)] password: String,
    #[server(default)] return_to: String,
    #[server(default)] attributes: BTreeMap<String, String>,
    #[server(default)] consent: String,
) -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    let input = SignUpInput {
        email,
        username,
        password,
        attributes,
        return_to,
        consent: consent == "yes",
    };
    see_other(&submit(&ctx.app, &ctx.session, input).await);
    Ok(())
}

#[component]
pub fn SignUpPage() -> impl IntoView {
    let Ok(ctx) = ctx() else { return ().into_any() };
    let lang = ctx.lang.clone();
    let form = ctx.session.take_form(Page::SignUp);
    let return_to = return_to_param(&ctx);
    let sign_in_href = Location::with_return_to(Page::SignIn, return_to.as_ref()).to_string();
    let username_field = (ctx.app.sign_in_name == SignInNameKind::Username).then(|| {
        view! {
            <Field lang=lang.clone() form=form.clone() name="username" label=t(&lang, "field.username")
                kind="text" autocomplete="username" keep_value=true/>
        }
    });
    let attribute_fields = ctx
        .app
        .sign_up_attributes
        .iter()
        .map(|name| {
            let (kind, autocomplete) = attribute_input(name);
            let label = attribute_label(&lang, name);
            // Attribute inputs post as `attributes[name]`, which the server
            // function reads into a map; errors and values use the bare name.
            view! {
                <AttributeField lang=lang.clone() form=form.clone() name=name.clone() label=label
                    kind=kind autocomplete=autocomplete/>
            }
        })
        .collect_view();
    let consent = ctx.app.brand.consent_terms.clone().map(|terms| {
        let (error_id, error) = field_error(&lang, &form, "consent").unzip();
        let invalid = error.as_ref().map(|_| "true");
        let described = error.as_ref().map(|_| "consent-error");
        let autofocus = focus_here(&form, "consent", false).then_some("");
        view! {
            <div class="field checkbox">
                <input type="checkbox" id="field-consent" name="consent" value="yes" required=""
                    aria-invalid=invalid aria-describedby=described autofocus=autofocus/>
                <label for="field-consent">{t(&lang, "sign_up.consent")}</label>
                <p class="hint"><a href=terms>{t(&lang, "sign_up.consent_link")}</a></p>
                {error.map(|text| view! {
                    <p id="consent-error" class="field-error" data-message-id=error_id>{text}</p>
                })}
            </div>
        }
    });
    view! {
        <Layout ctx=ctx.clone() title_id="sign_up.title">
            <form method="post" action=SignUp::PATH novalidate>
                <ErrorSummary lang=lang.clone() form=form.clone()/>
                <CsrfField ctx=ctx.clone()/>
                <ReturnToField value=return_to/>
                {username_field}
                <Field lang=lang.clone() form=form.clone() name="email" label=t(&lang, "field.email")
                    kind="email" autocomplete="email" keep_value=true autofocus=true/>
                {attribute_fields}
                <Field lang=lang.clone() form=form.clone() name="password" label=t(&lang, "field.password")
                    kind="password" autocomplete="new-password" hint_id="password-rules"
                    optional=ctx.app.choice_sign_in/>
                <PasswordChecklist lang=lang.clone() policy=ctx.app.password_policy.clone()
                    form=form.clone()/>
                {ctx.app.choice_sign_in.then(|| view! {
                    <p class="hint" data-message-id="sign_up.password_optional">{t(&lang, "sign_up.password_optional")}</p>
                })}
                {consent}
                <button type="submit" class="primary">{t(&lang, "sign_up.submit")}</button>
            </form>
            <PasswordScript lang=lang.clone()/>
            <p class="alternatives">
                {t(&lang, "sign_up.have_account")} " "
                <a href=sign_in_href>{t(&lang, "sign_up.sign_in")}</a>
            </p>
        </Layout>
    }
    .into_any()
}

/// Like `Field`, but posted as `attributes[<name>]`.
#[component]
pub fn AttributeField(
    lang: crate::i18n::Lang,
    form: crate::session::FormState,
    name: String,
    label: String,
    kind: &'static str,
    autocomplete: &'static str,
) -> impl IntoView {
    let id = format!("field-{name}");
    let error_id = format!("{name}-error");
    let (error_message_id, error) = super::components::field_error(&lang, &form, &name).unzip();
    let value = form.values.get(&name).cloned();
    let described_by = error.as_ref().map(|_| error_id.clone());
    let invalid = error.as_ref().map(|_| "true");
    let autofocus = focus_here(&form, &name, false).then_some("");
    let dir = super::components::left_to_right(kind, None).then_some("ltr");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id name=format!("attributes[{name}]") type=kind autocomplete=autocomplete
                value=value required="" aria-invalid=invalid aria-describedby=described_by
                autofocus=autofocus dir=dir/>
            {error.map(|text| view! {
                <p id=error_id class="field-error" data-message-id=error_message_id>{text}</p>
            })}
        </div>
    }
}
