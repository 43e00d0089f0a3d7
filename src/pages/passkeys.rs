//! `GET /account/security/passkeys`: the user's passkeys, with a button
//! to add one and one to delete each. Adding needs `public/js/passkey.js`
//! (WebAuthn is a browser API); listing and deleting work without it.

use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;

use super::components::{CsrfField, ErrorSummary, Layout};
use super::protected::{Sign, guarded_page, refused};
use super::{ctx, see_other};
use crate::flows::passkeys::{self, PasskeyError};
use crate::flows::signed_in::NotSignedIn;
use crate::flows::{FlowError as _, passkeys::registration};
use crate::i18n::t;
use crate::routes::{self, Page};

#[server(prefix = "/api", endpoint = "passkey-start")]
pub async fn start_passkey() -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    see_other(&passkeys::start(&ctx.app, &ctx.session).await);
    Ok(())
}

#[server(prefix = "/api", endpoint = "passkey-complete")]
pub async fn complete_passkey(#[server(default)] credential: String) -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    see_other(&passkeys::complete(&ctx.app, &ctx.session, &credential).await);
    Ok(())
}

#[server(prefix = "/api", endpoint = "passkey-cancel")]
pub async fn cancel_passkey() -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    see_other(&passkeys::cancel(&ctx.session));
    Ok(())
}

#[server(prefix = "/api", endpoint = "passkey-delete")]
pub async fn delete_passkey(#[server(default)] id: String) -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    see_other(&passkeys::delete(&ctx.app, &ctx.session, &id).await);
    Ok(())
}

const TITLE: &str = "passkeys.title";

#[component]
pub fn PasskeysPage() -> impl IntoView {
    guarded_page(TITLE, Sign::In, |ctx, user| async move {
        let lang = ctx.lang.clone();
        let form = ctx.session.take_form(Page::Passkeys);
        let listed = match passkeys::list(&ctx.app, &user).await {
            Err(PasskeyError::SessionEnded) => {
                crate::flows::signed_in::end(&ctx.session);
                return refused(&ctx, NotSignedIn::Ended, TITLE);
            }
            other => other,
        };
        let available = !matches!(listed, Err(PasskeyError::NotAvailable));
        let list = match listed {
            Ok(list) if list.is_empty() => view! {
                <p data-testid="passkeys-none">{t(&lang, "passkeys.none")}</p>
            }
            .into_any(),
            Ok(list) => {
                let items = list
                    .into_iter()
                    .map(|passkey| {
                        let created = chrono::DateTime::from_timestamp(passkey.created_at, 0)
                            .map(|at| lang.date_time(at))
                            .unwrap_or_default();
                        let name = if passkey.name.trim().is_empty() {
                            t(&lang, "passkeys.unnamed")
                        } else {
                            passkey.name.clone()
                        };
                        view! {
                            <li class="passkey" data-testid="passkey">
                                <p><strong><bdi>{name}</bdi></strong><br/>
                                    <span class="hint">{t(&lang, "passkeys.created")} " " {created}</span></p>
                                <form method="post" action=DeletePasskey::PATH class="inline-form">
                                    <CsrfField ctx=ctx.clone()/>
                                    <input type="hidden" name="id" value=passkey.id/>
                                    <button type="submit" class="secondary">{t(&lang, "passkeys.delete")}</button>
                                </form>
                            </li>
                        }
                    })
                    .collect_view();
                view! { <ul class="passkeys" data-testid="passkeys">{items}</ul> }.into_any()
            }
            Err(error) => {
                let id = error.message_id();
                view! { <p role="alert" data-message-id=id>{t(&lang, id)}</p> }.into_any()
            }
        };
        // The buttons that need WebAuthn start hidden; the script shows
        // them, and hides the note, where the browser has it.
        let add = available.then(|| match registration(&ctx.session) {
            Some(pending) => view! {
                <p>{t(&lang, "passkeys.create_intro")}</p>
                <form method="post" action=CompletePasskey::PATH novalidate data-passkey-create=pending.options>
                    <CsrfField ctx=ctx.clone()/>
                    <input type="hidden" name="credential" value=""/>
                    <button type="submit" class="primary" hidden data-passkey-option="" data-testid="create-passkey">
                        {t(&lang, "passkeys.create")}
                    </button>
                </form>
                <form method="post" action=CancelPasskey::PATH class="secondary-form">
                    <CsrfField ctx=ctx.clone()/>
                    <button type="submit" class="secondary">{t(&lang, "passkeys.cancel")}</button>
                </form>
            }
            .into_any(),
            None => view! {
                <form method="post" action=StartPasskey::PATH>
                    <CsrfField ctx=ctx.clone()/>
                    <button type="submit" class="primary" hidden data-passkey-option="" data-testid="add-passkey">
                        {t(&lang, "passkeys.add")}
                    </button>
                </form>
            }
            .into_any(),
        });
        let note = available.then(|| {
            view! {
                <p class="hint" data-passkey-unavailable data-message-id="passkey.needs_script">
                    {t(&lang, "passkey.needs_script")}
                </p>
                <script src=crate::assets::href(routes::PASSKEY_SCRIPT) defer></script>
            }
        });
        view! {
            <Layout ctx=ctx.clone() title_id=TITLE>
                <ErrorSummary lang=lang.clone() form=form/>
                <p>{t(&lang, "passkeys.intro")}</p>
                {list}
                {add}
                {note}
                <p><a href=Page::Account.path()>{t(&lang, "passkeys.back")}</a></p>
            </Layout>
        }
        .into_any()
    })
}
