//! Forward auth: `GET /auth/verify`, which a reverse proxy (nginx
//! `auth_request`, Caddy `forward_auth`, Traefik `ForwardAuth`) asks
//! before each request to the app behind it, forwarding the visitor's
//! cookies.
//!
//! - **200**, signed in (and in the required group): the user in
//!   `X-Auth-Request-User` (the `sub`), `X-Auth-Request-Email`,
//!   `X-Auth-Request-Preferred-Username` (the `cognito:username`),
//!   `X-Auth-Request-Groups` (`cognito:groups`, comma separated) and, when
//!   configured, `X-Auth-Request-Access-Token`: the proxy copies them to
//!   the upstream request. The names are oauth2-proxy's, so upstreams
//!   written for it work unchanged.
//! - **401**, not signed in: the proxy sends the visitor to sign-in. With
//!   `?redirect=1` (for proxies that pass the answer on to the browser as
//!   it is: Caddy, Traefik) the answer is instead a 302 to sign-in, with
//!   `return_to` set to the original address when it is allowlisted.
//! - **403**, signed in but outside the required group: `?group=a,b`
//!   (any of them) and the configured rules by address
//!   (`THRESHOLD_FORWARD_AUTH_GROUPS`) both apply.
//! - **503**, the session store or the pool cannot be reached.
//!
//! The original address comes from the proxy: `X-Forwarded-Proto`,
//! `X-Forwarded-Host` and `X-Forwarded-Uri` (Caddy, Traefik; nginx sets
//! them as documented), or `X-Original-URL` (a whole URL) and
//! `X-Original-URI` (path and query).
//!
//! A valid session is answered from the session store and the claims
//! verified when its tokens were issued: no call to Cognito, unless the
//! access token is due for a refresh.

use std::sync::Arc;

use axum::Extension;
use axum::extract::RawQuery;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use secrecy::ExposeSecret as _;
use url::Url;

use super::AuthUser;
use crate::flows::signed_in::NotSignedIn;
use crate::routes::{Location, Page};
use crate::security::return_to::ReturnTo;
use crate::session::Session;
use crate::state::AppState;

/// One `THRESHOLD_FORWARD_AUTH_GROUPS` entry: requests to `host` (any
/// host when `None`) under `path_prefix` need one of `groups`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupRule {
    host: Option<String>,
    path_prefix: String,
    groups: Vec<String>,
}

impl GroupRule {
    /// `/admin=admins`, `app.example.com/billing=finance|admins`.
    pub fn parse(entry: &str) -> Result<Self, String> {
        let entry = entry.trim();
        let (target, groups) = entry.rsplit_once('=').ok_or_else(|| {
            format!("`{entry}` is not `<path prefix>=<group>` (e.g. `/admin=admins`)")
        })?;
        let groups: Vec<String> = groups
            .split('|')
            .map(str::trim)
            .filter(|g| !g.is_empty())
            .map(str::to_owned)
            .collect();
        if groups.is_empty() {
            return Err(format!("`{entry}` names no group after `=`"));
        }
        let target = target.trim();
        let (host, path_prefix) = match target.find('/') {
            Some(0) => (None, target.to_owned()),
            Some(at) => (
                Some(target[..at].to_ascii_lowercase()),
                target[at..].to_owned(),
            ),
            None => {
                return Err(format!(
                    "`{entry}`: the address must be a path (`/admin`) or a host and a path \
                     (`app.example.com/admin`)"
                ));
            }
        };
        if path_prefix.contains(['?', '#']) {
            return Err(format!("`{entry}`: a prefix is a path, without `?` or `#`"));
        }
        Ok(Self {
            host,
            path_prefix,
            groups,
        })
    }

    /// Whether the rule covers `path` on `host`. A prefix matches whole
    /// path segments: `/admin` covers `/admin` and `/admin/users`, not
    /// `/administrators`.
    fn covers(&self, host: Option<&str>, path: &str) -> bool {
        if let Some(rule_host) = &self.host
            && host.is_none_or(|h| !h.eq_ignore_ascii_case(rule_host))
        {
            return false;
        }
        match path.strip_prefix(&self.path_prefix) {
            None => false,
            Some(rest) => {
                self.path_prefix.ends_with('/') || rest.is_empty() || rest.starts_with('/')
            }
        }
    }
}

/// The forward-auth settings.
#[derive(Debug, Clone, Default)]
pub struct ForwardAuth {
    pub rules: Vec<GroupRule>,
    /// Answer with the access token too (`THRESHOLD_FORWARD_ACCESS_TOKEN`).
    pub forward_access_token: bool,
    /// Where browsers reach Threshold (`THRESHOLD_PUBLIC_URL`), for the
    /// sign-in redirect when Threshold is on another host than the app.
    pub public_url: Option<Url>,
}

impl ForwardAuth {
    pub fn parse_rules(entries: &[String]) -> Result<Vec<GroupRule>, String> {
        entries
            .iter()
            .filter(|e| !e.trim().is_empty())
            .map(|e| {
                GroupRule::parse(e).map_err(|why| format!("THRESHOLD_FORWARD_AUTH_GROUPS: {why}"))
            })
            .collect()
    }

    /// The groups (any of them) the most specific rule for the address
    /// requires: the longest prefix wins, a rule naming the host beats one
    /// that does not.
    fn required_by_rules(&self, host: Option<&str>, path: &str) -> Option<&[String]> {
        self.rules
            .iter()
            .filter(|r| r.covers(host, path))
            .max_by_key(|r| (r.path_prefix.len(), r.host.is_some()))
            .map(|r| r.groups.as_slice())
    }
}

/// The request the proxy is asking about.
#[derive(Debug, Default)]
struct Original {
    /// `https://app.example.com/reports?q=1`, when the proxy said enough.
    url: Option<String>,
    host: Option<String>,
    path: String,
}

fn header_str<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

impl Original {
    fn from_headers(headers: &HeaderMap) -> Self {
        if let Some(url) = header_str(headers, "x-original-url").and_then(|u| Url::parse(u).ok()) {
            return Self {
                host: url.host_str().map(|h| match url.port() {
                    Some(port) => format!("{h}:{port}"),
                    None => h.to_owned(),
                }),
                path: url.path().to_owned(),
                url: Some(url.to_string()),
            };
        }
        let uri = header_str(headers, "x-forwarded-uri")
            .or_else(|| header_str(headers, "x-original-uri"))
            .unwrap_or("/");
        let host = header_str(headers, "x-forwarded-host").map(str::to_owned);
        let proto = header_str(headers, "x-forwarded-proto").unwrap_or("https");
        let path = uri.split(['?', '#']).next().unwrap_or("/").to_owned();
        let url = host.as_ref().and_then(|host| {
            Url::parse(&format!("{proto}://{host}"))
                .and_then(|base| base.join(uri))
                .ok()
                .map(|u| u.to_string())
        });
        Self { url, host, path }
    }
}

/// `?group=a,b` and `?redirect=1`.
fn query_values(query: Option<&str>) -> (Vec<String>, bool) {
    let mut groups = Vec::new();
    let mut redirect = false;
    for (name, value) in url::form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        match name.as_ref() {
            "group" => groups.extend(
                value
                    .split(',')
                    .map(str::trim)
                    .filter(|g| !g.is_empty())
                    .map(str::to_owned),
            ),
            "redirect" => redirect = matches!(value.as_ref(), "" | "1" | "true"),
            _ => {}
        }
    }
    (groups, redirect)
}

/// `GET /auth/verify`.
pub async fn verify(
    Extension(settings): Extension<Arc<ForwardAuth>>,
    Extension(app): Extension<AppState>,
    Extension(session): Extension<Session>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let original = Original::from_headers(&headers);
    let (asked_groups, redirect) = query_values(query.as_deref());
    let user = match AuthUser::resolve(&app, &session).await {
        Ok(user) => user,
        Err(NotSignedIn::Unavailable) => return bare(StatusCode::SERVICE_UNAVAILABLE),
        Err(NotSignedIn::Anonymous | NotSignedIn::Ended) if redirect => {
            return sign_in_redirect(&app, &settings, &original);
        }
        Err(NotSignedIn::Anonymous | NotSignedIn::Ended) => {
            return bare(StatusCode::UNAUTHORIZED);
        }
    };
    let by_rule = settings.required_by_rules(original.host.as_deref(), &original.path);
    let allowed = |any_of: &[String]| any_of.is_empty() || any_of.iter().any(|g| user.in_group(g));
    if !allowed(&asked_groups) || !by_rule.is_none_or(allowed) {
        tracing::info!(path = %original.path, "forward auth: signed in, but not in the required group");
        return bare(StatusCode::FORBIDDEN);
    }
    let mut response = bare(StatusCode::OK);
    let out = response.headers_mut();
    let mut set = |name: &'static str, value: &str| match HeaderValue::from_str(value) {
        Ok(value) => {
            out.insert(HeaderName::from_static(name), value);
        }
        // Header values are visible ASCII; a value that is not (an email
        // with non-ASCII characters) is left out rather than mangled.
        Err(_) => tracing::warn!(
            header = name,
            "forward auth: a value could not be sent as a header"
        ),
    };
    set("x-auth-request-user", user.sub());
    set("x-auth-request-preferred-username", user.username());
    if let Some(email) = user.email() {
        set("x-auth-request-email", email);
    }
    if !user.groups().is_empty() {
        set("x-auth-request-groups", &user.groups().join(","));
    }
    if settings.forward_access_token {
        set(
            "x-auth-request-access-token",
            user.access_token().expose_secret(),
        );
    }
    response
}

/// An answer with no body, never cached: it is about one visitor at one
/// moment.
fn bare(status: StatusCode) -> Response {
    (status, [(header::CACHE_CONTROL, "no-store")]).into_response()
}

/// 302 to sign-in, coming back to the original address when it is
/// allowlisted (`THRESHOLD_RETURN_TO_ALLOWLIST`).
fn sign_in_redirect(app: &AppState, settings: &ForwardAuth, original: &Original) -> Response {
    let back = original
        .url
        .as_deref()
        .and_then(|url| ReturnTo::parse(url, &app.allowlist));
    let location = Location::with_return_to(Page::SignIn, back.as_ref());
    let target = match &settings.public_url {
        Some(base) => base
            .join(location.as_str())
            .map_or_else(|_| location.to_string(), |u| u.to_string()),
        None => location.to_string(),
    };
    let mut response = bare(StatusCode::FOUND);
    if let Ok(value) = HeaderValue::from_str(&target) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(entries: &[&str]) -> ForwardAuth {
        ForwardAuth {
            rules: ForwardAuth::parse_rules(
                &entries.iter().map(|e| (*e).to_owned()).collect::<Vec<_>>(),
            )
            .expect("valid rules"),
            ..ForwardAuth::default()
        }
    }

    #[test]
    fn the_longest_matching_prefix_decides_and_matches_whole_segments() {
        let settings = rules(&[
            "/admin=admins",
            "/admin/billing=finance|admins",
            "app.example.com/reports=analysts",
        ]);
        let groups = |host: Option<&str>, path: &str| {
            settings.required_by_rules(host, path).map(|g| g.join("|"))
        };
        assert_eq!(groups(None, "/admin").as_deref(), Some("admins"));
        assert_eq!(groups(None, "/admin/users").as_deref(), Some("admins"));
        assert_eq!(
            groups(None, "/admin/billing/2026").as_deref(),
            Some("finance|admins")
        );
        assert_eq!(groups(None, "/administrators"), None);
        assert_eq!(
            groups(Some("APP.example.com"), "/reports/q3").as_deref(),
            Some("analysts")
        );
        assert_eq!(groups(Some("other.example.com"), "/reports"), None);
        assert_eq!(groups(None, "/"), None);
    }

    #[test]
    fn a_rule_that_cannot_be_read_is_refused_with_its_text() {
        for wrong in ["admins", "/admin", "/admin=", "admin=admins", "/a?b=c"] {
            let err = ForwardAuth::parse_rules(&[wrong.to_owned()]).expect_err(wrong);
            assert!(err.contains("THRESHOLD_FORWARD_AUTH_GROUPS"), "{err}");
        }
    }

    #[test]
    fn the_original_address_comes_from_the_proxys_headers() {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-proto", HeaderValue::from_static("https"));
        headers.insert(
            "x-forwarded-host",
            HeaderValue::from_static("app.example.com"),
        );
        headers.insert(
            "x-forwarded-uri",
            HeaderValue::from_static("/admin/x?y=1&z=2"),
        );
        let original = Original::from_headers(&headers);
        assert_eq!(original.path, "/admin/x");
        assert_eq!(original.host.as_deref(), Some("app.example.com"));
        assert_eq!(
            original.url.as_deref(),
            Some("https://app.example.com/admin/x?y=1&z=2")
        );

        let mut headers = HeaderMap::new();
        headers.insert(
            "x-original-url",
            HeaderValue::from_static("http://127.0.0.1:8080/admin?q=1"),
        );
        let original = Original::from_headers(&headers);
        assert_eq!(original.path, "/admin");
        assert_eq!(original.host.as_deref(), Some("127.0.0.1:8080"));
    }

    #[test]
    fn the_query_names_groups_and_the_redirect_mode() {
        assert_eq!(
            query_values(Some("group=admins,%20staff&redirect=1")),
            (vec!["admins".to_owned(), "staff".to_owned()], true)
        );
        assert_eq!(query_values(None), (Vec::new(), false));
        assert_eq!(query_values(Some("redirect=0")), (Vec::new(), false));
    }
}
