//! What the product behind Threshold gets: the signed-in user.
//!
//! - Inside the same app: the [`AuthUser`], [`MaybeAuthUser`] and
//!   [`InGroup`] axum extractors (Threshold's own pages go through the
//!   same [`AuthUser::resolve`]).
//! - In front of any app: forward auth for reverse proxies
//!   (`forward_auth`, `GET /auth/verify`).
//! - Server to server: the session's claims as JSON (`session_json`,
//!   `GET /api/session`).
//! - AWS credentials for the user from an identity pool (`credentials`).
//!
//! Every one of them answers from the session store and the tokens
//! verified when they were issued; Cognito is called only when the access
//! token is due for a refresh (see `flows::signed_in::require`).

pub mod credentials;
pub mod forward_auth;
pub mod session_json;

use std::marker::PhantomData;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use secrecy::SecretString;

use crate::cognito::identity::AwsCredentials;
use crate::flows::signed_in::{self, NotSignedIn, SignedInUser};
use crate::i18n::Lang;
use crate::session::Session;
use crate::session::layer::{Refusal, Refusals};
use crate::state::AppState;

pub use credentials::CredentialsError;

/// The signed-in user, for a handler that needs one. A visitor who is not
/// (or no longer) signed in is sent to sign-in, coming back to this
/// address afterwards; when the pool or the store cannot be reached, the
/// answer is the "unavailable" page (503).
///
/// ```no_run
/// use threshold::handoff::AuthUser;
///
/// async fn reports(user: AuthUser) -> String {
///     format!("Reports for {}", user.email().unwrap_or(user.username()))
/// }
/// ```
#[derive(Clone)]
pub struct AuthUser {
    user: SignedInUser,
    app: AppState,
    session: Session,
}

impl std::fmt::Debug for AuthUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthUser")
            .field("sub", &self.user.sub)
            .field("groups", &self.user.groups)
            .finish_non_exhaustive()
    }
}

impl AuthUser {
    /// The signed-in user of `session`, with fresh tokens, or why there is
    /// none. The one path every extractor, page guard and forward-auth
    /// answer takes.
    pub async fn resolve(app: &AppState, session: &Session) -> Result<AuthUser, NotSignedIn> {
        let user = signed_in::require(app, session).await?;
        Ok(AuthUser {
            user,
            app: app.clone(),
            session: session.clone(),
        })
    }

    /// The user's immutable id (`sub`): the key to store data under.
    pub fn sub(&self) -> &str {
        &self.user.sub
    }

    /// The user's username (`cognito:username`); in pools that sign in by
    /// email it is a UUID, not something to show.
    pub fn username(&self) -> &str {
        &self.user.username
    }

    pub fn email(&self) -> Option<&str> {
        self.user.email.as_deref()
    }

    /// `cognito:groups`, as of the last sign-in or token refresh.
    pub fn groups(&self) -> &[String] {
        &self.user.groups
    }

    pub fn in_group(&self, group: &str) -> bool {
        self.user.groups.iter().any(|g| g == group)
    }

    /// The access token, for calling an API that accepts Cognito access
    /// tokens as this user. Keep it on the server.
    pub fn access_token(&self) -> &SecretString {
        self.user.access_token.secret()
    }

    /// Temporary AWS credentials for this user from the identity pool
    /// (`COGNITO_IDENTITY_POOL_ID`), cached in the session until shortly
    /// before they expire. Keep them on the server.
    pub async fn aws_credentials(&self) -> Result<AwsCredentials, CredentialsError> {
        credentials::for_user(&self.app, &self.session, &self.user).await
    }

    /// The CSRF token a form of the product must post (as `csrf_token`,
    /// or in an `X-CSRF-Token` header): every POST behind the session
    /// layer is checked for it.
    pub fn csrf_token(&self) -> String {
        self.session.csrf_token()
    }

    /// The session's signed-in user, for Threshold's own flows.
    pub fn signed_in(&self) -> &SignedInUser {
        &self.user
    }

    pub fn into_signed_in(self) -> SignedInUser {
        self.user
    }
}

/// Why an extractor turned the request away.
#[derive(Debug)]
pub enum AuthRejection {
    /// Not signed in: sign-in, coming back to `return_to`.
    SignIn { location: String },
    /// Signed in, but outside the group the handler requires.
    Forbidden { refusals: Refusals, lang: Lang },
    /// The pool or the store could not be reached.
    Unavailable { refusals: Refusals, lang: Lang },
    /// The route is not behind Threshold's session layer: a wiring
    /// mistake, which the first request to the route shows.
    NotWired,
}

impl IntoResponse for AuthRejection {
    fn into_response(self) -> Response {
        match self {
            AuthRejection::SignIn { location } => {
                let location = HeaderValue::from_str(&location)
                    .unwrap_or_else(|_| HeaderValue::from_static("/"));
                (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()
            }
            AuthRejection::Forbidden { refusals, lang } => {
                refusals.answer(Refusal::Forbidden, &lang)
            }
            AuthRejection::Unavailable { refusals, lang } => {
                refusals.answer(Refusal::Unavailable, &lang)
            }
            AuthRejection::NotWired => {
                tracing::error!(
                    "an AuthUser extractor ran on a route outside Threshold's session layer; \
                     add the route with Application::build_with_routes"
                );
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            }
        }
    }
}

/// What the extractors find on a request behind the session layer.
fn wiring(parts: &Parts) -> Result<(AppState, Session, (Refusals, Lang)), AuthRejection> {
    let app = parts.extensions.get::<AppState>().cloned();
    let session = parts.extensions.get::<Session>().cloned();
    let refusals = parts.extensions.get::<Refusals>().cloned();
    let lang = parts.extensions.get::<Lang>().cloned().unwrap_or_default();
    match (app, session, refusals) {
        (Some(app), Some(session), Some(refusals)) => Ok((app, session, (refusals, lang))),
        _ => Err(AuthRejection::NotWired),
    }
}

/// The signed-in user of the request, `None` for a visitor who is not
/// signed in, or a rejection when that cannot be known.
async fn optional_user(parts: &Parts) -> Result<Option<AuthUser>, AuthRejection> {
    let (app, session, (refusals, lang)) = wiring(parts)?;
    match AuthUser::resolve(&app, &session).await {
        Ok(user) => Ok(Some(user)),
        Err(NotSignedIn::Anonymous | NotSignedIn::Ended) => Ok(None),
        Err(NotSignedIn::Unavailable) => Err(AuthRejection::Unavailable { refusals, lang }),
    }
}

fn sign_in_rejection(parts: &Parts) -> AuthRejection {
    let here = parts
        .uri
        .path_and_query()
        .map_or("/", |pq| pq.as_str())
        .to_owned();
    let location = match parts.extensions.get::<AppState>() {
        Some(app) => signed_in::sign_in_to_see(app, &here).to_string(),
        None => "/".to_owned(),
    };
    AuthRejection::SignIn { location }
}

impl<S: Send + Sync> FromRequestParts<S> for AuthUser {
    type Rejection = AuthRejection;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        optional_user(parts)
            .await?
            .ok_or_else(|| sign_in_rejection(parts))
    }
}

/// The signed-in user if there is one: for pages that show more to
/// signed-in visitors but are open to everyone.
#[derive(Debug, Clone)]
pub struct MaybeAuthUser(pub Option<AuthUser>);

impl<S: Send + Sync> FromRequestParts<S> for MaybeAuthUser {
    type Rejection = AuthRejection;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        optional_user(parts).await.map(MaybeAuthUser)
    }
}

/// A group a handler can require, named once:
///
/// ```no_run
/// use threshold::handoff::{Group, InGroup};
///
/// struct Admins;
/// impl Group for Admins {
///     const NAME: &'static str = "admins";
/// }
///
/// async fn admin_page(InGroup(user, ..): InGroup<Admins>) -> String {
///     format!("Hello, administrator {}", user.sub())
/// }
/// ```
pub trait Group {
    const NAME: &'static str;
}

/// The signed-in user, who must be in the group `G`: anyone else signed
/// in gets the 403 page, a visitor who is not signed in goes to sign-in.
pub struct InGroup<G: Group>(pub AuthUser, pub PhantomData<G>);

impl<G: Group, S: Send + Sync> FromRequestParts<S> for InGroup<G> {
    type Rejection = AuthRejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let user = AuthUser::from_request_parts(parts, state).await?;
        if !user.in_group(G::NAME) {
            let (refusals, lang) = wiring(parts)?.2;
            return Err(AuthRejection::Forbidden { refusals, lang });
        }
        Ok(InGroup(user, PhantomData))
    }
}
