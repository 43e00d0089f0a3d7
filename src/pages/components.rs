//! Building blocks every page uses: the layout, flash messages, the CSRF
//! field, labelled inputs with their errors, the password checklist.

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::Title;

use super::Ctx;
use crate::brand::Brand;
use crate::domain::{PasswordPolicy, Rule};
use crate::i18n::{Lang, t, t_args};
use crate::routes::{self, Page};
use crate::security::return_to::ReturnTo;
use crate::session::{Flash, FlashLevel, FormState};

/// The page frame: title, brand header, main landmark with the flash
/// messages, footer. `title_id` is the catalog id of the page's title,
/// also rendered as `data-title-id` so tests know the page by id. `wide`
/// pages (the account overview) use a desktop's width.
#[component]
pub fn Layout(
    ctx: Ctx,
    title_id: &'static str,
    #[prop(optional)] wide: bool,
    children: Children,
) -> impl IntoView {
    let lang = ctx.lang.clone();
    let brand = ctx.app.brand.clone();
    let flashes = ctx.session.take_flash();
    let title = t(&lang, title_id);
    let class = if wide { "card wide" } else { "card" };
    view! {
        <Title text=format!("{title} · {}", brand.name)/>
        <SiteHeader lang=lang.clone() brand=brand.clone()/>
        <main id="main" class=class data-title-id=title_id>
            <h1>{title}</h1>
            <Flashes lang=lang.clone() flashes=flashes/>
            {children()}
        </main>
        <SiteFooter lang=lang brand=brand here=super::current_path()/>
    }
}

/// The skip link and the header: the product's logo and name, linking home.
#[component]
pub fn SiteHeader(lang: Lang, brand: Arc<Brand>) -> impl IntoView {
    // A wordmark logo carries the name itself; otherwise the name is
    // text beside a decorative mark.
    let alt = if brand.logo_includes_name {
        brand.name.clone()
    } else {
        String::new()
    };
    let name = (!brand.logo_includes_name).then(|| view! { <span>{brand.name.clone()}</span> });
    view! {
        <a class="skip-link" href="#main">{t(&lang, "layout.skip")}</a>
        <header class="site-header">
            <a class="brand" href=Page::Home.path()>
                <img class="brand-logo" src=brand.logo_href.clone() alt=alt data-testid="brand-logo"/>
                {name}
            </a>
        </header>
    }
}

/// The footer: the brand's links (terms, privacy, support) and the
/// language picker, a plain GET form that works without JavaScript.
/// `here` is where the picker comes back to.
#[component]
pub fn SiteFooter(lang: Lang, brand: Arc<Brand>, here: String) -> impl IntoView {
    let links = (!brand.footer_links.is_empty()).then(|| {
        let items = brand
            .footer_links
            .iter()
            .map(|(kind, href)| {
                view! { <li><a href=href.clone()>{t(&lang, kind.message_id())}</a></li> }
            })
            .collect_view();
        view! {
            <nav aria-label=t(&lang, "footer.links")>
                <ul class="footer-links">{items}</ul>
            </nav>
        }
    });
    let current = lang.tag();
    let options = Lang::all()
        .map(|option| {
            let tag = option.tag();
            let selected = (tag == current).then_some("");
            view! {
                <option value=tag.clone() lang=tag dir=option.dir() selected=selected>
                    {option.name()}
                </option>
            }
        })
        .collect_view();
    view! {
        <footer class="site-footer">
            {links}
            <form class="language-picker" method="get" action=routes::LANGUAGE>
                <input type="hidden" name="next" value=here/>
                <label for="language-select">{t(&lang, "language.label")}</label>
                <select id="language-select" name="lang" autocomplete="off">{options}</select>
                <button type="submit" class="secondary">{t(&lang, "language.submit")}</button>
            </form>
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
    let (error_message_id, error) = field_error(&lang, &form, &name).unzip();
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
    let autofocus = focus_here(&form, &name, autofocus).then_some("");
    let dir = left_to_right(&kind, inputmode.as_deref()).then_some("ltr");
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
                dir=dir
                aria-invalid=invalid
                aria-describedby=described_by
            />
            {error.map(|text| view! {
                <p id=error_id class="field-error" data-message-id=error_message_id>{text}</p>
            })}
        </div>
    }
}

/// The error beside field `name`, if any: its message id and its text in
/// `lang`, with the values the form's messages take.
pub fn field_error(lang: &Lang, form: &FormState, name: &str) -> Option<(String, String)> {
    let id = form.error_for(name)?.to_owned();
    let text = t_args(lang, &id, &form.message_args);
    Some((id, text))
}

/// Whether an input holds left-to-right text whatever the page's language:
/// addresses, phone numbers, codes. In an Arabic page they would otherwise
/// start at the right and show `+44 20` as `20 44+`.
pub fn left_to_right(kind: &str, inputmode: Option<&str>) -> bool {
    matches!(kind, "email" | "tel" | "url") || inputmode == Some("numeric")
}

/// Whether focus goes to field `name` when the page opens: on a form with
/// errors, the first field in error, and only it (one `autofocus` per
/// page); otherwise the field the page asked for.
pub fn focus_here(form: &FormState, name: &str, requested: bool) -> bool {
    match form.first_error() {
        Some(first) => first == name,
        None => requested,
    }
}

/// The box at the top of a failed form: a heading, then each error as a
/// link to its field, in the form's order (WCAG 3.3.1; the pattern
/// GOV.UK's design system made common). Focus goes to the first field in
/// error, which announces its own message, so the box is not a live region.
#[component]
pub fn ErrorSummary(lang: Lang, form: FormState) -> impl IntoView {
    let errors = form.errors_in_order();
    (!errors.is_empty()).then(|| {
        let items = errors
            .into_iter()
            .map(|(field, message_id)| {
                let text = t_args(&lang, &message_id, &form.message_args);
                view! {
                    <li><a href=format!("#field-{field}") data-message-id=message_id>{text}</a></li>
                }
            })
            .collect_view();
        view! {
            <div class="error-summary" data-testid="error-summary">
                <h2 id="error-summary-title">{t(&lang, "error_summary.title")}</h2>
                <ul aria-labelledby="error-summary-title">{items}</ul>
            </div>
        }
    })
}

/// The password policy as a list the password field points at. After a
/// submit, each rule says whether the password met it (`form.unmet_rules`);
/// the optional `password.js` ticks them while the visitor types.
#[component]
pub fn PasswordChecklist(
    lang: Lang,
    policy: PasswordPolicy,
    #[prop(optional)] form: Option<FormState>,
) -> impl IntoView {
    // Marked only when the password broke a rule: after a form that failed
    // on another field the password field comes back empty, and "done"
    // beside it would say something that is no longer true.
    let unmet = form
        .and_then(|f| f.unmet_rules)
        .filter(|unmet| !unmet.is_empty());
    let met_label = t(&lang, "password.rule_met");
    let unmet_label = t(&lang, "password.rule_unmet");
    let items = policy
        .rules()
        .into_iter()
        .map(|rule| {
            let mut args = BTreeMap::new();
            let mut min = None;
            if let Rule::MinLength(n) = rule {
                args.insert("count".to_owned(), n.to_string());
                min = Some(n.to_string());
            }
            let text = t_args(&lang, rule.message_id(), &args);
            let state = unmet
                .as_ref()
                .map(|unmet| !unmet.iter().any(|r| r == rule.name()));
            let class = match state {
                Some(true) => "rule met",
                Some(false) => "rule unmet",
                None => "rule",
            };
            let status = state.map(|met| {
                let label = if met {
                    met_label.clone()
                } else {
                    unmet_label.clone()
                };
                view! { <span class="rule-status">{format!(" ({label})")}</span> }
            });
            view! { <li class=class data-rule=rule.name() data-min=min>{text}{status}</li> }
        })
        .collect_view();
    view! {
        <div id="password-rules" class="checklist" data-met-label=met_label.clone()
            data-unmet-label=unmet_label.clone()>
            <p id="password-rules-title">{t(&lang, "password.rules_title")}</p>
            <ul aria-labelledby="password-rules-title">{items}</ul>
        </div>
    }
}

/// The optional script for password fields: a show-password button and
/// the checklist ticking as the visitor types. Pages work without it.
#[component]
pub fn PasswordScript(lang: Lang) -> impl IntoView {
    view! {
        <script src=crate::assets::href(routes::PASSWORD_SCRIPT) defer data-show=t(&lang, "password.show")></script>
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
