//! What the signed-in pages share: rendering after an async check, and
//! the answer for a visitor who is not (or no longer) signed in.

use std::future::Future;

use leptos::prelude::*;

use super::components::Layout;
use super::{Ctx, ctx, see_other, set_status};
use crate::flows::account::{self, NotSignedIn};
use crate::i18n::t;
use crate::session::SignedInUser;

/// Renders `render` on the server before the response starts (the routes
/// are `SsrMode::Async`), so the page never shows a loading state.
pub fn async_page<F, Fut>(render: F) -> AnyView
where
    F: Fn(Ctx) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = AnyView> + Send + 'static,
{
    let Ok(ctx) = ctx() else { return ().into_any() };
    view! {
        <Suspense fallback=|| ()>
            {
                let ctx = ctx.clone();
                let render = render.clone();
                move || {
                    let ctx = ctx.clone();
                    let render = render.clone();
                    Suspend::new(async move { render(ctx).await })
                }
            }
        </Suspense>
    }
    .into_any()
}

/// The path and query of the current request, for `return_to`.
pub fn current_path() -> String {
    use_context::<axum::http::request::Parts>()
        .and_then(|p| p.uri.path_and_query().map(|pq| pq.as_str().to_owned()))
        .unwrap_or_else(|| "/account".to_owned())
}

/// The signed-in user, or the view to answer with instead: a redirect to
/// sign-in that comes back to this page, or a 503 page titled `title_id`.
pub async fn signed_in(ctx: &Ctx, title_id: &str) -> Result<SignedInUser, AnyView> {
    match account::fresh_user(&ctx.app, &ctx.session).await {
        Ok(user) => Ok(user),
        Err(NotSignedIn::Anonymous | NotSignedIn::Ended) => {
            see_other(&account::sign_in_to_see(&ctx.app, &current_path()));
            Err(().into_any())
        }
        Err(NotSignedIn::Unavailable) => Err(unavailable(ctx, title_id)),
    }
}

/// The user's attributes (GetUser), or the view to answer with instead.
pub async fn attributes(
    ctx: &Ctx,
    user: &SignedInUser,
    title_id: &str,
) -> Result<std::collections::BTreeMap<String, String>, AnyView> {
    match ctx.app.gateway.get_user(user.access_token.secret()).await {
        Ok(profile) => Ok(profile.attributes),
        Err(crate::cognito::CognitoError::SessionEnded(_)) => {
            account::end(&ctx.session);
            see_other(&account::sign_in_to_see(&ctx.app, &current_path()));
            Err(().into_any())
        }
        Err(e) => {
            crate::flows::report(&e);
            Err(unavailable(ctx, title_id))
        }
    }
}

/// A 503 page that says the pool cannot be reached.
pub fn unavailable(ctx: &Ctx, title_id: &str) -> AnyView {
    set_status(axum::http::StatusCode::SERVICE_UNAVAILABLE);
    let lang = ctx.lang.clone();
    view! {
        <Layout ctx=ctx.clone() title=t(&lang, title_id)>
            <p role="alert" data-message-id="error.unavailable">{t(&lang, "error.unavailable")}</p>
        </Layout>
    }
    .into_any()
}
