//! `GET /`: the account page for a signed-in visitor, sign-in for everyone else.

use leptos::prelude::*;

use super::{ctx, see_other};
use crate::flows::signed_in;
use crate::routes::{Location, Page};

#[component]
pub fn HomePage() -> impl IntoView {
    if let Ok(ctx) = ctx() {
        let page = if signed_in::peek(&ctx.session).is_some() {
            Page::Account
        } else {
            Page::SignIn
        };
        see_other(&Location::page(page));
    }
}
