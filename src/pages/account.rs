//! `GET /account`: who is signed in, and sign-out.

use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;

use super::components::{CsrfField, Layout};
use super::{ctx, see_other, set_status};
use crate::flows::account::{self, NotSignedIn, ProfileError};
use crate::i18n::t;

#[server(prefix = "/api", endpoint = "sign-out")]
pub async fn sign_out(#[server(default)] everywhere: String) -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    let everywhere = !everywhere.is_empty();
    see_other(&account::sign_out(&ctx.app, &ctx.session, everywhere).await);
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

#[component]
pub fn AccountPage() -> impl IntoView {
    super::guard::async_page(render)
}

async fn render(ctx: super::Ctx) -> AnyView {
    let lang = ctx.lang.clone();
    let profile = match account::profile(&ctx.app, &ctx.session).await {
        Ok(profile) => profile,
        Err(ProfileError::NotSignedIn(NotSignedIn::Anonymous | NotSignedIn::Ended)) => {
            see_other(&account::sign_in_to_see(&ctx.app, "/account"));
            return ().into_any();
        }
        Err(ProfileError::NotSignedIn(NotSignedIn::Unavailable) | ProfileError::Unavailable) => {
            set_status(axum::http::StatusCode::SERVICE_UNAVAILABLE);
            return view! {
                <Layout ctx=ctx.clone() title=t(&lang, "account.title")>
                    <p role="alert" data-message-id="error.unavailable">{t(&lang, "error.unavailable")}</p>
                </Layout>
            }
            .into_any();
        }
    };
    let rows = SHOWN
        .iter()
        .filter_map(|name| {
            profile
                .attributes
                .get(*name)
                .map(|value| (*name, value.clone()))
        })
        .map(|(name, value)| {
            let label_id = format!("attribute.{name}");
            let verified = match name {
                "email" => profile.attributes.get("email_verified"),
                "phone_number" => profile.attributes.get("phone_number_verified"),
                _ => None,
            };
            let badge = verified.map(|v| {
                if v == "true" {
                    t(&lang, "account.verified")
                } else {
                    t(&lang, "account.unverified")
                }
            });
            view! {
                <dt>{t(&lang, &label_id)}</dt>
                <dd>{value} {badge.map(|b| view! { " " <span class="badge">{b}</span> })}</dd>
            }
        })
        .collect_view();
    view! {
        <Layout ctx=ctx.clone() title=t(&lang, "account.title")>
            <super::contact::ContactStatus ctx=ctx.clone() attributes=profile.attributes.clone()/>
            <section aria-labelledby="profile-heading">
                <h2 id="profile-heading">{t(&lang, "account.profile")}</h2>
                <dl class="attributes">{rows}</dl>
                <super::contact::ManageLinks lang=lang.clone()/>
            </section>
            <super::security::SecuritySection ctx=ctx.clone() profile=profile.clone()/>
            <section aria-labelledby="sessions-heading">
                <h2 id="sessions-heading">{t(&lang, "account.sessions")}</h2>
                <form method="post" action=SignOut::PATH class="inline-form">
                    <CsrfField ctx=ctx.clone()/>
                    <button type="submit" class="primary">{t(&lang, "account.sign_out")}</button>
                </form>
                <a class="button secondary" href="/account/sign-out-everywhere">{t(&lang, "account.sign_out_everywhere")}</a>
                <p class="hint">{t(&lang, "account.sign_out_everywhere_hint")}</p>
            </section>
            <section aria-labelledby="delete-heading">
                <h2 id="delete-heading">{t(&lang, "account.delete_heading")}</h2>
                <p><a href="/account/delete">{t(&lang, "account.delete")}</a></p>
            </section>
        </Layout>
    }
    .into_any()
}
