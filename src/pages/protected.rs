//! Pages that need a signed-in user: they render after the one guard
//! (`handoff::AuthUser::resolve`, which the `AuthUser` extractor also
//! uses) let them, and answer a visitor who is not (or no longer) signed
//! in with a redirect to sign-in that comes back, a 403 page to a user
//! outside the group a page requires, or a 503 page when the pool cannot
//! be reached.
//!
//! A page of your own, for signed-in users only (see the README):
//!
//! ```ignore
//! #[component]
//! pub fn ReportsPage() -> impl IntoView {
//!     protected_page("reports.title", |ctx, user| async move {
//!         view! { <Layout ctx=ctx title_id="reports.title">{user.sub}</Layout> }.into_any()
//!     })
//! }
//! ```

use std::future::Future;

use leptos::prelude::*;

use super::components::Layout;
use super::{Ctx, ctx, current_path, see_other, set_status};
use crate::cognito::self_service::UserProfile;
use crate::flows::account;
use crate::flows::signed_in::{self, NotSignedIn, SignedInUser};
use crate::handoff::AuthUser;
use crate::i18n::t;

/// Renders `render` on the server before the response starts, so the page
/// never shows a loading state.
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

/// A page for signed-in users only: `render` gets the user; anyone else
/// is answered by [`refused`]. `title_id` titles the 503 page.
pub fn protected_page<F, Fut>(title_id: &'static str, render: F) -> AnyView
where
    F: Fn(Ctx, SignedInUser) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = AnyView> + Send + 'static,
{
    guarded_page(title_id, Sign::In, render)
}

/// A page for signed-in members of `group` only (`cognito:groups`);
/// other signed-in users get the 403 page.
pub fn group_page<F, Fut>(title_id: &'static str, group: &'static str, render: F) -> AnyView
where
    F: Fn(Ctx, SignedInUser) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = AnyView> + Send + 'static,
{
    guarded_page(title_id, Sign::InGroup(group), render)
}

/// Who may see a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sign {
    /// Anyone signed in.
    In,
    /// Anyone who signed in recently (`THRESHOLD_REAUTH_AFTER_SECS`):
    /// pages whose form makes a sensitive change ask for the password
    /// first, rather than after the visitor filled them in.
    InRecently,
    /// Members of this group.
    InGroup(&'static str),
}

/// What a signed-in user gets on a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Admission {
    Render,
    /// The password again first (the sign-in is not recent enough).
    ConfirmIdentity,
    /// The 403 page (not in the page's group).
    Forbidden,
}

impl Sign {
    /// Whether a user who signed in `recent`ly (or not), in `groups`, may
    /// see the page.
    fn admits(self, recent: bool, groups: &[String]) -> Admission {
        match self {
            Sign::InRecently if !recent => Admission::ConfirmIdentity,
            Sign::InGroup(group) if !groups.iter().any(|g| g == group) => Admission::Forbidden,
            _ => Admission::Render,
        }
    }
}

/// [`protected_page`], with the sign-in as recent as `sign` says.
pub fn guarded_page<F, Fut>(title_id: &'static str, sign: Sign, render: F) -> AnyView
where
    F: Fn(Ctx, SignedInUser) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = AnyView> + Send + 'static,
{
    async_page(move |ctx| {
        let render = render.clone();
        async move {
            let user = match AuthUser::resolve(&ctx.app, &ctx.session).await {
                Ok(user) => user,
                Err(why) => return refused(&ctx, why, title_id),
            };
            let recent = signed_in::is_recent(&ctx.app, user.signed_in());
            match sign.admits(recent, user.groups()) {
                Admission::Render => render(ctx, user.into_signed_in()).await,
                Admission::ConfirmIdentity => {
                    see_other(&signed_in::confirm_identity_first(
                        &ctx.app,
                        &ctx.session,
                        &current_path(),
                    ));
                    ().into_any()
                }
                Admission::Forbidden => forbidden(&ctx),
            }
        }
    })
}

/// A page that shows the signed-in user's profile (GetUser): `render` gets
/// the user and it. A token refused on the way ends the session, as the
/// guard would.
pub fn profile_page<F>(title_id: &'static str, sign: Sign, render: F) -> AnyView
where
    F: Fn(Ctx, SignedInUser, UserProfile) -> AnyView + Clone + Send + Sync + 'static,
{
    guarded_page(title_id, sign, move |ctx, user| {
        let render = render.clone();
        async move {
            match account::profile(&ctx.app, &ctx.session, &user).await {
                Ok(profile) => render(ctx, user, profile),
                Err(why) => refused(&ctx, why, title_id),
            }
        }
    })
}

/// The 403 page for a signed-in user outside a page's group.
fn forbidden(ctx: &Ctx) -> AnyView {
    set_status(axum::http::StatusCode::FORBIDDEN);
    let lang = ctx.lang.clone();
    view! {
        <Layout ctx=ctx.clone() title_id="forbidden.title">
            <p role="alert" data-message-id="forbidden.body">{t(&lang, "forbidden.body")}</p>
            <p><a href=crate::routes::Page::Account.path()>{t(&lang, "forbidden.account")}</a></p>
        </Layout>
    }
    .into_any()
}

/// The answer for a visitor the guard (or a refused token) turned away:
/// sign-in, coming back to this page; or a 503 page titled `title_id`.
pub fn refused(ctx: &Ctx, why: NotSignedIn, title_id: &'static str) -> AnyView {
    match why {
        NotSignedIn::Anonymous | NotSignedIn::Ended => {
            see_other(&signed_in::sign_in_to_see(&ctx.app, &current_path()));
            ().into_any()
        }
        NotSignedIn::Unavailable => {
            set_status(axum::http::StatusCode::SERVICE_UNAVAILABLE);
            let lang = ctx.lang.clone();
            let id = crate::flows::FlowError::message_id(&why);
            // The same page again, once the pool or the store is back.
            let again = current_path();
            view! {
                <Layout ctx=ctx.clone() title_id=title_id>
                    <p role="alert" data-message-id=id>{t(&lang, id)}</p>
                    <p><a href=again data-testid="try-again">{t(&lang, "error.try_again")}</a></p>
                </Layout>
            }
            .into_any()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_page_admits_members_only_and_a_recent_page_a_recent_sign_in_only() {
        let groups = vec!["staff".to_owned(), "admins".to_owned()];
        assert_eq!(
            Sign::InGroup("admins").admits(false, &groups),
            Admission::Render
        );
        assert_eq!(
            Sign::InGroup("finance").admits(true, &groups),
            Admission::Forbidden
        );
        assert_eq!(
            Sign::InGroup("Admins").admits(true, &groups),
            Admission::Forbidden
        );
        assert_eq!(
            Sign::InGroup("admins").admits(true, &[]),
            Admission::Forbidden
        );
        assert_eq!(Sign::InRecently.admits(true, &[]), Admission::Render);
        assert_eq!(
            Sign::InRecently.admits(false, &groups),
            Admission::ConfirmIdentity
        );
        assert_eq!(Sign::In.admits(false, &[]), Admission::Render);
    }
}
