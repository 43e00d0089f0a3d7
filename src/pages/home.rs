//! `GET /`: the account page for a signed-in visitor, sign-in for everyone else.

use leptos::prelude::*;

use super::{ctx, see_other};

#[component]
pub fn HomePage() -> impl IntoView {
    if let Ok(ctx) = ctx() {
        see_other(if ctx.session.user().is_some() {
            "/account"
        } else {
            "/sign-in"
        });
    }
}
