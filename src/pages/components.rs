//! Building blocks every page uses: the layout, flash messages, the CSRF
//! field, labelled inputs with their errors, the password checklist.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_meta::Title;

use super::Ctx;
use crate::domain::{PasswordPolicy, Rule};
use crate::i18n::{Lang, t, t_args};
use crate::routes::Page;
use crate::security::return_to::ReturnTo;
use crate::session::{Flash, FlashLevel, FormState};

/// The page frame: title, brand header, main landmark with the flash
/// messages, footer. `title_id` is the catalog id of the page's title,
/// also rendered as `data-title-id` so tests know the page by id.
#[component]
pub fn Layout(ctx: Ctx, title_id: &'static str, children: Children) -> impl IntoView {
    let lang = ctx.lang.clone();
    let flashes = ctx.session.take_flash();
    let brand = t(&lang, "brand.name");
    let title = t(&lang, title_id);
    view! {
        <Title text=format!("{title} · {brand}")/>
        <a class="skip-link" href="#main">{t(&lang, "layout.skip")}</a>
        <header class="site-header">
            <a class="brand" href=Page::Home.path()>{brand}</a>
        </header>
        <main id="main" class="card" data-title-id=title_id>
            <h1>{title}</h1>
            <Flashes lang=lang.clone() flashes=flashes/>
            {children()}
        </main>
        <footer class="site-footer">
            <p>{t(&lang, "layout.footer")}</p>
        </footer>
    }
}

#[component]
pub fn Flashes(lang: Lang, flashes: Vec<Flash>) -> impl IntoView {
    flashes
        .into_iter()
        .map(|flash| {
            let text = t_args(&lang, &flash.id, &flash.args);
            match flash.level {
                FlashLevel::Info => view! {
                    <p class="flash flash-info" role="status" data-message-id=flash.id>{text}</p>
                }
                .into_any(),
                FlashLevel::Error => view! {
                    <p class="flash flash-error" role="alert" data-message-id=flash.id>{text}</p>
                }
                .into_any(),
            }
        })
        .collect_view()
}

/// The hidden field every form carries (checked by the session layer).
#[component]
pub fn CsrfField(ctx: Ctx) -> impl IntoView {
    view! { <input type="hidden" name="csrf_token" value=ctx.session.csrf_token()/> }
}

/// A labelled input. Its error, if any, sits below it and is tied to it
/// with `aria-describedby`; `hint_id` adds a description (such as the
/// password checklist) the same way.
#[component]
pub fn Field(
    lang: Lang,
    form: FormState,
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(into)] kind: String,
    #[prop(into)] autocomplete: String,
    #[prop(optional, into)] hint_id: Option<String>,
    #[prop(optional, into)] inputmode: Option<String>,
    #[prop(optional)] keep_value: bool,
    #[prop(optional)] optional: bool,
    #[prop(optional)] autofocus: bool,
) -> impl IntoView {
    let id = format!("field-{name}");
    let error_id = format!("{name}-error");
    let error_message_id = form.errors.get(&name).cloned();
    let error = error_message_id.as_ref().map(|message| t(&lang, message));
    let value = if keep_value {
        form.values.get(&name).cloned()
    } else {
        None
    };
    let described_by = {
        let mut ids = Vec::new();
        if error.is_some() {
            ids.push(error_id.clone());
        }
        if let Some(hint) = &hint_id {
            ids.push(hint.clone());
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    let invalid = error.as_ref().map(|_| "true");
    let required = (!optional).then_some("");
    let autofocus = (autofocus || error.is_some()).then_some("");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                name=name
                type=kind
                autocomplete=autocomplete
                inputmode=inputmode
                value=value
                required=required
                autofocus=autofocus
                aria-invalid=invalid
                aria-describedby=described_by
            />
            {error.map(|text| view! {
                <p id=error_id class="field-error" data-message-id=error_message_id>{text}</p>
            })}
        </div>
    }
}

/// The password policy as a list the password field points at.
#[component]
pub fn PasswordChecklist(lang: Lang, policy: PasswordPolicy) -> impl IntoView {
    let items = policy
        .rules()
        .into_iter()
        .map(|rule| {
            let mut args = BTreeMap::new();
            if let Rule::MinLength(n) = rule {
                args.insert("count".to_owned(), n.to_string());
            }
            let text = t_args(&lang, rule.message_id(), &args);
            view! { <li>{text}</li> }
        })
        .collect_view();
    view! {
        <div id="password-rules" class="checklist">
            <p id="password-rules-title">{t(&lang, "password.rules_title")}</p>
            <ul aria-labelledby="password-rules-title">{items}</ul>
        </div>
    }
}

/// A hidden `return_to` field, when the page was opened with one.
#[component]
pub fn ReturnToField(value: Option<ReturnTo>) -> impl IntoView {
    value.map(
        |value| view! { <input type="hidden" name="return_to" value=value.as_str().to_owned()/> },
    )
}

/// The note on pages that wait for a code, when codes go to the embedded
/// pool's outbox instead of anyone's inbox.
#[component]
pub fn DevOutboxNote(ctx: Ctx) -> impl IntoView {
    let lang = ctx.lang.clone();
    ctx.app.dev_pool.is_some().then(|| {
        view! {
            <p class="dev-note">
                {t(&lang, "confirm.dev_outbox_intro")} " "
                <a href=Page::DevOutbox.path()>{t(&lang, "confirm.dev_outbox_link")}</a>
            </p>
        }
    })
}
