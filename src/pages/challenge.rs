//! `GET /sign-in/challenge`: the step Cognito asked for after the password.
//! Challenges Threshold does not answer yet end here, clearly, with a way
//! to start over.

use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;

use super::components::{CsrfField, Layout};
use super::{ctx, see_other};
use crate::flows::sign_in::{self, SignInState};
use crate::i18n::{t, t_args};

#[server(prefix = "/api", endpoint = "sign-in-cancel")]
pub async fn cancel_sign_in() -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    see_other(&sign_in::cancel(&ctx.session));
    Ok(())
}

#[component]
pub fn ChallengePage() -> impl IntoView {
    let Ok(ctx) = ctx() else { return ().into_any() };
    let Some(flow) = sign_in::current(&ctx.session) else {
        see_other("/sign-in");
        return ().into_any();
    };
    let lang = ctx.lang.clone();
    let SignInState::Challenge { name, .. } = &flow.state;
    let mut args = std::collections::BTreeMap::new();
    args.insert("challenge".to_owned(), name.clone());
    view! {
        <Layout ctx=ctx.clone() title=t(&lang, "challenge.unsupported_title")>
            <p data-message-id="challenge.unsupported">{t_args(&lang, "challenge.unsupported", &args)}</p>
            <form method="post" action=CancelSignIn::PATH>
                <CsrfField ctx=ctx.clone()/>
                <button type="submit" class="primary">{t(&lang, "challenge.start_over")}</button>
            </form>
        </Layout>
    }
    .into_any()
}
