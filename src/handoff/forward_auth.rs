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
//! The original address comes from the proxy, in `X-Forwarded-Proto`,
//! `X-Forwarded-Host` and `X-Forwarded-Uri` (Caddy and Traefik send them;
//! nginx as the README sets it up), and from nothing else: a proxy passes
//! the visitor's own headers on too, and only these three does it
//! overwrite. The rules compare a path percent-decoded, with empty and `.`
//! segments and `;` parameters dropped, in any capitalisation, so that
//! another spelling of a path is still covered; a path with a `..`
//! segment, a missing address, or an unknown host where a host's rule
//! could apply is refused (403) while rules are set.
//!
//! The access token goes only to a caller that presents the shared
//! `THRESHOLD_FORWARD_AUTH_SECRET` in `X-Threshold-Forward-Secret`: the
//! proxy, never a browser that reached `/auth/verify` directly.
//!
//! A valid session is answered from the session store and the claims
//! verified when its tokens were issued: no call to Cognito, unless the
//! ID or access token is due for a refresh.

use std::sync::Arc;

use axum::Extension;
use axum::extract::RawQuery;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use secrecy::{ExposeSecret as _, SecretString};
use url::Url;

use super::AuthUser;
use crate::flows::signed_in::NotSignedIn;
use crate::routes::{Location, Page};
use crate::security::return_to::ReturnTo;
use crate::session::Session;
use crate::state::AppState;

/// One `THRESHOLD_FORWARD_AUTH_GROUPS` entry: requests to `host` (any
/// host when `None`) under the path `prefix` need one of `groups`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupRule {
    host: Option<String>,
    /// The prefix's path segments, normalised like a request's.
    prefix: Vec<String>,
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
        let (host, path) = match target.find('/') {
            Some(0) => (None, target),
            Some(at) => {
                let written = target[..at].trim_end_matches('.').to_ascii_lowercase();
                let host = normal_host(&written)
                    .filter(|h| *h == written)
                    .ok_or_else(|| {
                        format!(
                            "`{entry}`: `{}` is not a host name (no scheme, port or wildcard)",
                            &target[..at]
                        )
                    })?;
                (Some(host), &target[at..])
            }
            None => {
                return Err(format!(
                    "`{entry}`: the address must be a path (`/admin`) or a host and a path \
                     (`app.example.com/admin`)"
                ));
            }
        };
        if path.contains(['?', '#']) {
            return Err(format!("`{entry}`: a prefix is a path, without `?` or `#`"));
        }
        let prefix =
            segments(path).ok_or_else(|| format!("`{entry}`: a prefix cannot contain `..`"))?;
        Ok(Self {
            host,
            prefix,
            groups,
        })
    }

    /// Whether the rule covers the request for `path` (its segments) on
    /// `host` (`None`: any host, for a request whose host is unknown). A
    /// prefix matches whole segments: `/admin` covers `/admin` and
    /// `/admin/users`, not `/administrators`.
    fn covers(&self, host: Option<&str>, path: &[String]) -> bool {
        if let (Some(rule_host), Some(host)) = (&self.host, host)
            && rule_host != host
        {
            return false;
        }
        path.starts_with(&self.prefix)
    }
}

/// A host as a rule compares it: the first of a list, without a port or a
/// trailing dot, in lower case; `None` when what is left is not a host
/// name or a bracketed IPv6 address. Proxies route on the part before the
/// first `:` and check the port no further, so neither does this.
fn normal_host(raw: &str) -> Option<String> {
    let first = raw.split(',').next().unwrap_or_default().trim();
    let host = if first.starts_with('[') {
        &first[..=first.find(']')?]
    } else {
        first.split(':').next().unwrap_or_default()
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let valid = if host.starts_with('[') {
        host[1..host.len() - 1]
            .bytes()
            .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
    } else {
        host.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
    };
    (valid && !host.is_empty() && host != "[]").then_some(host)
}

/// A path's segments as the rules compare them: percent-decoded, `;`
/// parameters, empty and `.` segments dropped, in lower case. Each of
/// these makes a rule cover more spellings, never fewer (and other
/// capitalisations too: a refusal, never a way in). `None` for a path
/// with a `..` segment: upstreams resolve those differently (before or
/// after decoding, counting dropped segments or not), so no single reading
/// is safe, and browsers never send one.
fn segments(path: &str) -> Option<Vec<String>> {
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let mut out: Vec<String> = Vec::new();
    for raw in decoded.split(['/', '\\']) {
        let segment = raw.split(';').next().unwrap_or_default();
        match segment {
            "" | "." => {}
            ".." => return None,
            _ => out.push(segment.to_lowercase()),
        }
    }
    Some(out)
}

/// What the configured rules ask of one request.
#[derive(Debug, PartialEq, Eq)]
enum Requirement<'r> {
    Nothing,
    AnyOf(&'r [String]),
    /// The request's address is missing or ambiguous: no rule can be
    /// trusted to apply or not.
    Refused,
}

/// The forward-auth settings.
#[derive(Debug, Clone, Default)]
pub struct ForwardAuth {
    pub rules: Vec<GroupRule>,
    /// Answer with the access token too (`THRESHOLD_FORWARD_ACCESS_TOKEN`),
    /// to callers presenting this secret (`THRESHOLD_FORWARD_AUTH_SECRET`).
    pub access_token_secret: Option<SecretString>,
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

    /// What the rules require of a request for `path` on `host`: one of
    /// the groups of the most specific covering rule (the longest prefix
    /// wins, then a rule naming the host). Without an address they cannot
    /// be applied, and with an unknown host a host's rule that covers the
    /// path cannot be ruled out: both are refused.
    fn requirement(&self, host: Option<&str>, path: Option<&[String]>) -> Requirement<'_> {
        if self.rules.is_empty() {
            return Requirement::Nothing;
        }
        let Some(path) = path else {
            return Requirement::Refused;
        };
        if host.is_none()
            && self
                .rules
                .iter()
                .any(|r| r.host.is_some() && r.covers(None, path))
        {
            return Requirement::Refused;
        }
        match self
            .rules
            .iter()
            .filter(|r| r.covers(host, path))
            .max_by_key(|r| (r.prefix.len(), r.host.is_some()))
        {
            Some(rule) => Requirement::AnyOf(&rule.groups),
            None => Requirement::Nothing,
        }
    }

    /// Whether the caller is the proxy, by the shared secret, and so may
    /// have the access token.
    fn gets_access_token(&self, headers: &HeaderMap) -> bool {
        let Some(secret) = &self.access_token_secret else {
            return false;
        };
        let presented = header_str(headers, "x-threshold-forward-secret").unwrap_or_default();
        !presented.is_empty()
            && aws_lc_rs::constant_time::verify_slices_are_equal(
                presented.as_bytes(),
                secret.expose_secret().as_bytes(),
            )
            .is_ok()
    }
}

/// The request the proxy is asking about.
#[derive(Debug, Default)]
struct Original {
    /// `https://app.example.com/reports?q=1`, when the proxy said enough.
    url: Option<String>,
    /// The path and query as sent (`/reports?q=1`).
    path_and_query: Option<String>,
    host: Option<String>,
    /// The path's segments, normalised (see [`segments`]); `None` when the
    /// proxy did not say the address, or said it ambiguously.
    path: Option<Vec<String>>,
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
        let uri = header_str(headers, "x-forwarded-uri");
        let host = header_str(headers, "x-forwarded-host");
        let proto = match header_str(headers, "x-forwarded-proto") {
            Some("http") => "http",
            _ => "https",
        };
        let url = match (host, uri) {
            (Some(host), Some(uri)) if uri.starts_with('/') && !uri.starts_with("//") => {
                let host = host.split(',').next().unwrap_or_default().trim();
                Url::parse(&format!("{proto}://{host}{uri}"))
                    .ok()
                    .map(|u| u.to_string())
            }
            _ => None,
        };
        Self {
            url,
            path_and_query: uri.filter(|u| u.starts_with('/')).map(str::to_owned),
            host: host.and_then(normal_host),
            // Only an origin-form URI (`/path?query`) is read; anything
            // else counts as not said.
            path: uri
                .filter(|u| u.starts_with('/'))
                .and_then(|u| segments(u.split(['?', '#']).next().unwrap_or_default())),
        }
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
        Err(NotSignedIn::Anonymous | NotSignedIn::Ended) => {
            // An ended session's "your session has ended" would go to a
            // new session whose cookie the proxy drops: nobody would see
            // it, and it would only fill the store.
            session.clear_flash();
            return if redirect {
                sign_in_redirect(&app, &settings, &original)
            } else {
                bare(StatusCode::UNAUTHORIZED)
            };
        }
    };
    let by_rule = match settings.requirement(original.host.as_deref(), original.path.as_deref()) {
        Requirement::Nothing => None,
        Requirement::AnyOf(groups) => Some(groups),
        Requirement::Refused => {
            tracing::info!(
                "forward auth: THRESHOLD_FORWARD_AUTH_GROUPS is set and the request's address \
                 (X-Forwarded-Host, X-Forwarded-Uri) is missing or ambiguous; refused"
            );
            return bare(StatusCode::FORBIDDEN);
        }
    };
    let allowed = |any_of: &[String]| any_of.is_empty() || any_of.iter().any(|g| user.in_group(g));
    if !allowed(&asked_groups) || !by_rule.is_none_or(allowed) {
        tracing::info!("forward auth: signed in, but not in the required group");
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
    if settings.gets_access_token(&headers) {
        match HeaderValue::from_str(user.access_token().expose_secret()) {
            Ok(mut value) => {
                // Kept out of HTTP/2 header compression tables and logs.
                value.set_sensitive(true);
                out.insert(
                    HeaderName::from_static("x-auth-request-access-token"),
                    value,
                );
            }
            Err(_) => {
                tracing::warn!("forward auth: the access token could not be sent as a header")
            }
        }
    }
    response
}

/// An answer with no body, never cached: it is about one visitor at one
/// moment.
fn bare(status: StatusCode) -> Response {
    (status, [(header::CACHE_CONTROL, "no-store")]).into_response()
}

/// 302 to sign-in, coming back to the original address. With
/// `THRESHOLD_PUBLIC_URL` (Threshold on its own host) that is the whole
/// URL, when its origin is allowlisted (`THRESHOLD_RETURN_TO_ALLOWLIST`);
/// without it (Threshold's pages served on the app's host), the path.
fn sign_in_redirect(app: &AppState, settings: &ForwardAuth, original: &Original) -> Response {
    let back = match &settings.public_url {
        Some(_) => original.url.as_deref(),
        None => original.path_and_query.as_deref(),
    }
    .and_then(|target| ReturnTo::parse(target, &app.allowlist));
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

    /// The groups the rules require (`|`-joined), "refused", or `None`.
    fn required(settings: &ForwardAuth, host: Option<&str>, path: &str) -> Option<String> {
        let host = host.and_then(normal_host);
        let path = segments(path);
        match settings.requirement(host.as_deref(), path.as_deref()) {
            Requirement::Nothing => None,
            Requirement::AnyOf(groups) => Some(groups.join("|")),
            Requirement::Refused => Some("refused".to_owned()),
        }
    }

    #[test]
    fn the_longest_matching_prefix_decides_and_matches_whole_segments() {
        let settings = rules(&[
            "/admin=admins",
            "/admin/billing=finance|admins",
            "app.example.com/reports=analysts",
        ]);
        let groups = |host: Option<&str>, path: &str| required(&settings, host, path);
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
    fn another_spelling_of_a_path_or_host_is_still_covered() {
        let settings = rules(&["/admin/=admins", "app.example.com/billing=finance"]);
        for path in [
            "/admin",
            "/ADMIN/users",
            "/%61dmin/users",
            "//admin/x",
            "/admin;jsessionid=1/users",
            "/./admin",
            "/admin%2Fusers",
            "\\admin\\users",
        ] {
            assert_eq!(
                required(&settings, Some("app.example.com"), path).as_deref(),
                Some("admins"),
                "{path}"
            );
        }
        for host in [
            "app.example.com:443",
            "app.example.com:x",
            "app.example.com:443:443",
            "APP.example.com.",
            "app.example.com, evil.example",
        ] {
            assert_eq!(
                required(&settings, Some(host), "/billing").as_deref(),
                Some("finance"),
                "{host}"
            );
        }
        assert_eq!(
            required(&settings, Some("other.example.com"), "/billing"),
            None
        );
        assert_eq!(required(&settings, Some("[::1]:8080"), "/billing"), None);
    }

    #[test]
    fn an_ambiguous_address_is_refused_while_rules_are_set() {
        let settings = rules(&[
            "/admin=admins",
            "staging.example.com/admin/reports=analysts",
        ]);
        // `..` is read differently by different upstreams.
        for path in [
            "/x/../admin",
            "/admin//%2e%2e",
            "/admin/;/%2e%2e",
            "/admin/a%2F..%2F../%2e%2e",
            "/admin/..;/x",
        ] {
            assert_eq!(
                required(&settings, Some("app.example.com"), path).as_deref(),
                Some("refused"),
                "{path}"
            );
        }
        // An unknown host, where a host's rule covers the path.
        assert_eq!(
            required(&settings, None, "/admin/reports").as_deref(),
            Some("refused")
        );
        assert_eq!(
            required(&settings, Some("bad host"), "/admin/reports").as_deref(),
            Some("refused")
        );
        // An unknown host is fine where no host's rule applies.
        assert_eq!(
            required(&settings, None, "/admin").as_deref(),
            Some("admins")
        );
        assert_eq!(required(&settings, None, "/public"), None);
        // No rules: nothing to refuse.
        assert_eq!(required(&ForwardAuth::default(), None, "/x/../admin"), None);
    }

    #[test]
    fn a_rule_that_cannot_be_read_is_refused_with_its_text() {
        for wrong in [
            "admins",
            "/admin",
            "/admin=",
            "admin=admins",
            "/a?b=c",
            "/a/../b=admins",
            "https://app.example.com/admin=admins",
            "*.example.com/admin=admins",
            "app.example.com:8443/admin=admins",
            "2001:db8::5:1/admin=admins",
        ] {
            let err = ForwardAuth::parse_rules(&[wrong.to_owned()]).expect_err(wrong);
            assert!(err.contains("THRESHOLD_FORWARD_AUTH_GROUPS"), "{err}");
        }
    }

    #[test]
    fn the_original_address_comes_from_the_forwarded_headers_only() {
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
        // What a visitor could add: ignored.
        headers.insert(
            "x-original-url",
            HeaderValue::from_static("https://app.example.com/public"),
        );
        headers.insert("x-original-uri", HeaderValue::from_static("/public"));
        let original = Original::from_headers(&headers);
        assert_eq!(
            original.path,
            Some(vec!["admin".to_owned(), "x".to_owned()])
        );
        assert_eq!(original.host.as_deref(), Some("app.example.com"));
        assert_eq!(
            original.url.as_deref(),
            Some("https://app.example.com/admin/x?y=1&z=2")
        );
        assert_eq!(original.path_and_query.as_deref(), Some("/admin/x?y=1&z=2"));

        let unsaid = Original::from_headers(&HeaderMap::new());
        assert_eq!(unsaid.path, None);
        assert_eq!(unsaid.url, None);

        // Only the origin form is read: an absolute URI counts as not said.
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-uri",
            HeaderValue::from_static("https://app.example.com/admin"),
        );
        assert_eq!(Original::from_headers(&headers).path, None);

        // A protocol-relative "path" names no address to come back to.
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-host",
            HeaderValue::from_static("app.example.com"),
        );
        headers.insert(
            "x-forwarded-uri",
            HeaderValue::from_static("//evil.example/x"),
        );
        assert_eq!(Original::from_headers(&headers).url, None);
    }

    #[test]
    fn the_access_token_goes_only_to_a_caller_with_the_shared_secret() {
        let settings = ForwardAuth {
            access_token_secret: Some(SecretString::from("proxy-secret-1")),
            ..ForwardAuth::default()
        };
        let with = |value: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(
                "x-threshold-forward-secret",
                HeaderValue::from_static(value),
            );
            headers
        };
        assert!(settings.gets_access_token(&with("proxy-secret-1")));
        assert!(!settings.gets_access_token(&with("proxy-secret-2")));
        assert!(!settings.gets_access_token(&HeaderMap::new()));
        assert!(!ForwardAuth::default().gets_access_token(&with("proxy-secret-1")));
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
