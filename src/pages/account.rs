//! `GET /account`: who is signed in, their email and phone with any change
//! waiting for a code, links to the pages that change the account, the
//! two-step verification section, and sign-out.

use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;

use super::components::{CsrfField, Layout};
use super::protected::{Sign, guarded_page, refused};
use super::{Ctx, ctx, see_other};
use crate::cognito::mfa::Factor;
use crate::cognito::self_service::UserProfile;
use crate::domain::ContactAttribute;
use crate::flows::devices::{self, DeviceError, RememberedBrowser};
use crate::flows::{FlowError, account, mfa_settings, signed_in};
use crate::i18n::{t, t_args};
use crate::routes::Page;

#[server(prefix = "/api", endpoint = "sign-out")]
pub async fn sign_out(#[server(default)] everywhere: String) -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    let everywhere = !everywhere.is_empty();
    see_other(&signed_in::sign_out(&ctx.app, &ctx.session, everywhere).await);
    Ok(())
}

#[server(prefix = "/api", endpoint = "mfa-change")]
pub async fn change_mfa(
    #[server(default)] factor: String,
    #[server(default)] change: String,
) -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    see_other(&mfa_settings::change(&ctx.app, &ctx.session, &factor, &change).await);
    Ok(())
}

#[server(prefix = "/api", endpoint = "device-forget")]
pub async fn forget_device(#[server(default)] device_key: String) -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    see_other(&devices::forget(&ctx.app, &ctx.session, &device_key).await);
    Ok(())
}

#[server(prefix = "/api", endpoint = "mfa-totp-start")]
pub async fn start_totp() -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    see_other(&mfa_settings::start_totp(&ctx.app, &ctx.session).await);
    Ok(())
}

/// Attributes shown on the account page, in this order, when present.
const SHOWN: &[&str] = &[
    "email",
    "name",
    "given_name",
    "family_name",
    "preferred_username",
    "phone_number",
    "locale",
];

const TITLE: &str = "account.title";

#[component]
pub fn AccountPage() -> impl IntoView {
    // Coming back to the page asks the pool nothing for a minute; pressing
    // reload (browsers then send `Cache-Control: max-age=0` or `no-cache`)
    // asks again, for whoever changed something elsewhere meanwhile.
    let reload = use_context::<axum::http::request::Parts>().is_some_and(|parts| {
        parts
            .headers
            .get_all(axum::http::header::CACHE_CONTROL)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .any(|directive| matches!(directive.trim(), "no-cache" | "max-age=0"))
    });
    guarded_page(TITLE, Sign::In, move |ctx, user| async move {
        let (profile, browsers) =
            match account::overview(&ctx.app, &ctx.session, &user, reload).await {
                Ok(overview) => overview,
                Err(why) => return refused(&ctx, why, TITLE),
            };
        render(ctx, user, profile, browsers)
    })
}

fn render(
    ctx: Ctx,
    user: signed_in::SignedInUser,
    profile: UserProfile,
    browsers: Option<Result<Vec<RememberedBrowser>, DeviceError>>,
) -> AnyView {
    let lang = ctx.lang.clone();
    // From the verified ID token: the groups the product's pages and the
    // forward-auth checks go by. Shown only to members of some group.
    let groups = (!user.groups.is_empty()).then(|| {
        let items = user
            .groups
            .iter()
            .map(|g| view! { <li>{g.clone()}</li> })
            .collect_view();
        view! {
            <dt>{t(&lang, "account.groups")}</dt>
            <dd>
                <ul class="groups" data-testid="groups">{items}</ul>
                <p class="hint">{t(&lang, "account.groups_hint")}</p>
            </dd>
        }
    });
    let rows = SHOWN
        .iter()
        .filter_map(|name| {
            profile
                .attributes
                .get(*name)
                .map(|value| (*name, value.clone()))
        })
        .map(|(name, value)| {
            let label = super::profile::attribute_label(&lang, name);
            let verified = match name {
                "email" => profile.attributes.get("email_verified"),
                "phone_number" => profile.attributes.get("phone_number_verified"),
                _ => None,
            };
            let badge = verified.map(|v| {
                if v == "true" {
                    ("verified", t(&lang, "account.verified"))
                } else {
                    ("unverified", t(&lang, "account.unverified"))
                }
            });
            view! {
                <dt>{label}</dt>
                <dd><bdi>{value}</bdi> {badge.map(|(state, b)| view! { " " <span class=format!("badge badge-{state}")>{b}</span> })}</dd>
            }
        })
        .collect_view();
    view! {
        <Layout ctx=ctx.clone() title_id=TITLE wide=true>
            <ContactStatus ctx=ctx.clone() attributes=profile.attributes.clone()/>
            <div class="panels">
                <section class="panel" aria-labelledby="profile-heading">
                    <h2 id="profile-heading">{t(&lang, "account.profile")}</h2>
                    <dl class="attributes">{rows}{groups}</dl>
                    <div class="actions">
                        <a class="button secondary" href=Page::Profile.path()>{t(&lang, "account.edit_profile")}</a>
                        <a class="button secondary" href=Page::ChangeEmail.path()>{t(&lang, "account.change_email")}</a>
                        <a class="button secondary" href=Page::ChangePhone.path()>{t(&lang, "account.change_phone")}</a>
                        <a class="button secondary" href=Page::ChangePassword.path()>{t(&lang, "account.change_password")}</a>
                    </div>
                </section>
                <SecuritySection ctx=ctx.clone() profile=profile/>
                {browsers.map(|browsers| view! { <BrowsersSection ctx=ctx.clone() browsers=browsers/> })}
                <section class="panel" aria-labelledby="sessions-heading">
                    <h2 id="sessions-heading">{t(&lang, "account.sessions")}</h2>
                    <div class="actions">
                        <form method="post" action=SignOut::PATH class="inline-form">
                            <CsrfField ctx=ctx.clone()/>
                            <button type="submit" class="secondary">{t(&lang, "account.sign_out")}</button>
                        </form>
                        <a class="button secondary" href=Page::SignOutEverywhere.path()>{t(&lang, "account.sign_out_everywhere")}</a>
                    </div>
                    <p class="hint">{t(&lang, "account.sign_out_everywhere_hint")}</p>
                </section>
                <section class="panel" aria-labelledby="delete-heading">
                    <h2 id="delete-heading">{t(&lang, "account.delete_heading")}</h2>
                    <div class="actions">
                        <a class="button danger-outline" href=Page::DeleteAccount.path()>{t(&lang, "account.delete")}</a>
                    </div>
                </section>
            </div>
        </Layout>
    }
    .into_any()
}

/// The notes on email and phone: a change waiting for its code (and which
/// address still signs in), or an unverified address with a button that
/// sends a code.
#[component]
fn ContactStatus(
    ctx: Ctx,
    attributes: std::collections::BTreeMap<String, String>,
) -> impl IntoView {
    let lang = ctx.lang.clone();
    [ContactAttribute::Email, ContactAttribute::Phone]
        .into_iter()
        .filter_map(|attribute| {
            let email = attribute == ContactAttribute::Email;
            let name = attribute.name();
            let mut args = std::collections::BTreeMap::new();
            if let Some(p) = account::pending(&ctx.session, attribute) {
                args.insert("value".to_owned(), p.value.clone());
                let id = match (email, p.keeps_original, attributes.get(name)) {
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
                let href = account::verify_page(attribute).to_string();
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
            let value = attributes.get(name)?;
            let verified = attributes
                .get(&format!("{name}_verified"))
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
                            <input type="hidden" name="attribute" value=name/>
                            <button type="submit" class="secondary">{t(&lang, "account.verify_now")}</button>
                        </form>
                    </div>
                }
                .into_any(),
            )
        })
        .collect_view()
}

/// The two-step verification section: what the pool requires, and each
/// method it allows with its state and buttons. States are rendered as
/// `data-state` (`off`, `on`, `preferred`) for tests and styles.
#[component]
fn SecuritySection(ctx: Ctx, profile: UserProfile) -> impl IntoView {
    let lang = ctx.lang.clone();
    let requirement = ctx.app.mfa.id();
    let requirement_id = match requirement {
        "off" => "mfa.pool.off",
        "on" => "mfa.pool.on",
        _ => "mfa.pool.optional",
    };
    let has_phone = profile.attributes.contains_key("phone_number");
    let factors = ctx
        .app
        .mfa_factors
        .iter()
        .copied()
        .map(|factor| {
            let on = profile.mfa_enabled.contains(&factor);
            let preferred = profile.mfa_preferred == Some(factor);
            let ids = factor_ids(factor);
            let name = t(&lang, ids.name);
            let (state, state_id) = if preferred {
                ("preferred", "mfa.state_preferred")
            } else if on {
                ("on", "mfa.state_on")
            } else {
                ("off", "mfa.state_off")
            };
            let button = |change: &'static str, label_id: &str, class: &'static str| {
                let label = t(&lang, label_id);
                view! {
                    <form method="post" action=ChangeMfa::PATH class="inline-form">
                        <CsrfField ctx=ctx.clone()/>
                        <input type="hidden" name="factor" value=factor.id()/>
                        <input type="hidden" name="change" value=change/>
                        <button type="submit" class=class>{label}</button>
                    </form>
                }
                .into_any()
            };
            let actions = match (factor, on) {
                (Factor::Sms, false) if !has_phone => view! {
                    <p class="hint" data-message-id="mfa.sms_needs_phone">{t(&lang, "mfa.sms_needs_phone")}</p>
                }
                .into_any(),
                (Factor::Totp, false) => view! {
                    <form method="post" action=StartTotp::PATH class="inline-form">
                        <CsrfField ctx=ctx.clone()/>
                        <button type="submit" class="secondary">{t(&lang, "mfa.set_up_app")}</button>
                    </form>
                }
                .into_any(),
                (_, false) => button("enable", ids.enable, "primary"),
                (_, true) => view! {
                    {(!preferred).then(|| button("prefer", "mfa.make_preferred", "secondary"))}
                    {button("disable", ids.disable, "secondary")}
                }
                .into_any(),
            };
            view! {
                <li class="factor">
                    <p class="factor-name">
                        <strong>{name}</strong> " "
                        <span class=format!("badge badge-{state}") data-testid=format!("mfa-state-{}", factor.id()) data-state=state>{t(&lang, state_id)}</span>
                    </p>
                    <div class="actions">{actions}</div>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="security-heading">
            <h2 id="security-heading">{t(&lang, "account.security")}</h2>
            <p data-testid="mfa-requirement" data-state=requirement>{t(&lang, requirement_id)}</p>
            <ul class="factors">{factors}</ul>
            {ctx.app.choice_sign_in.then(|| view! {
                <div class="actions">
                    <a class="button secondary" href=Page::Passkeys.path() data-testid="manage-passkeys">{t(&lang, "account.passkeys")}</a>
                </div>
            })}
        </section>
    }
}

/// A method's catalog ids, written out so the catalog test sees them.
struct FactorIds {
    name: &'static str,
    enable: &'static str,
    disable: &'static str,
}

fn factor_ids(factor: Factor) -> FactorIds {
    match factor {
        Factor::Totp => FactorIds {
            name: "mfa.factor.totp",
            enable: "mfa.enable.totp",
            disable: "mfa.disable.totp",
        },
        Factor::Sms => FactorIds {
            name: "mfa.factor.sms",
            enable: "mfa.enable.sms",
            disable: "mfa.disable.sms",
        },
        Factor::Email => FactorIds {
            name: "mfa.factor.email",
            enable: "mfa.enable.email",
            disable: "mfa.disable.email",
        },
    }
}

/// The catalog id of a method's name.
pub fn factor_name_id(factor: Factor) -> &'static str {
    factor_ids(factor).name
}

/// "Remembered browsers": the user's remembered devices (name, last
/// use), this browser marked, each with a Forget button that works
/// without JavaScript. Rows carry `data-testid="device"` and
/// `data-this-browser` for tests.
#[component]
fn BrowsersSection(
    ctx: Ctx,
    browsers: Result<Vec<RememberedBrowser>, DeviceError>,
) -> impl IntoView {
    let lang = ctx.lang.clone();
    let body = match browsers {
        Err(e) => {
            let id = e.message_id();
            view! { <p role="alert" data-message-id=id>{t(&lang, id)}</p> }.into_any()
        }
        Ok(list) if list.is_empty() => view! {
            <p class="hint" data-message-id="devices.none">{t(&lang, "devices.none")}</p>
        }
        .into_any(),
        Ok(list) => {
            let rows = list
                .into_iter()
                .map(|browser| {
                    let name = browser
                        .name
                        .clone()
                        .unwrap_or_else(|| t(&lang, "devices.unnamed"));
                    let last_used = browser
                        .last_used
                        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
                        .map(|at| {
                            let args = std::collections::BTreeMap::from([(
                                "when".to_owned(),
                                lang.date_time(at),
                            )]);
                            view! { <span class="hint">{t_args(&lang, "devices.last_used", &args)}</span> }
                        });
                    let here = browser.this_browser.then(|| {
                        view! { " " <span class="badge badge-on" data-message-id="devices.this_browser">{t(&lang, "devices.this_browser")}</span> }
                    });
                    let this = if browser.this_browser { "true" } else { "false" };
                    view! {
                        <li class="factor" data-testid="device" data-this-browser=this>
                            <p class="factor-name"><strong><bdi>{name}</bdi></strong>{here}</p>
                            <p>{last_used}</p>
                            <form method="post" action=ForgetDevice::PATH class="inline-form">
                                <CsrfField ctx=ctx.clone()/>
                                <input type="hidden" name="device_key" value=browser.device_key/>
                                <button type="submit" class="secondary">{t(&lang, "devices.forget")}</button>
                            </form>
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class="factors">{rows}</ul> }.into_any()
        }
    };
    view! {
        <section class="panel" aria-labelledby="devices-heading">
            <h2 id="devices-heading">{t(&lang, "devices.heading")}</h2>
            <p class="hint">{t(&lang, "devices.intro")}</p>
            {body}
        </section>
    }
}
