//! Where a visitor may be sent after signing in.
//!
//! `?return_to=` is attacker-controlled input. Accepting any URL would turn
//! the sign-in page into an open redirect (a phishing link that passes
//! through a trusted domain), so only same-site paths and origins the
//! operator listed are kept; everything else is dropped silently and the
//! visitor lands on the account page.

use serde::{Deserialize, Serialize};
use url::{Origin, Url};

/// Origins besides this site that `return_to` may point at.
#[derive(Debug, Clone, Default)]
pub struct Allowlist(Vec<Origin>);

impl Allowlist {
    pub fn new(origins: Vec<Origin>) -> Self {
        Self(origins)
    }
}

/// A validated destination: either a path on this site or a URL on an
/// allowed origin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnTo(String);

impl ReturnTo {
    /// Longest destination kept; longer ones are dropped rather than truncated.
    const MAX_LEN: usize = 2048;

    pub fn parse(raw: &str, allowlist: &Allowlist) -> Option<Self> {
        let raw = raw.trim();
        if raw.is_empty() || raw.len() > Self::MAX_LEN || raw.chars().any(char::is_control) {
            return None;
        }
        if raw.starts_with('/') {
            // `//evil.example` and `/\evil.example` are protocol-relative
            // URLs to browsers, not paths.
            if !is_plain_path(raw) {
                return None;
            }
            // Resolve against a dummy origin to normalise the path and make
            // sure nothing in it escapes to another host.
            let base = Url::parse("https://threshold.invalid/").ok()?;
            let resolved = base.join(raw).ok()?;
            if resolved.origin() != base.origin() {
                return None;
            }
            let mut path = resolved.path().to_owned();
            if let Some(query) = resolved.query() {
                path.push('?');
                path.push_str(query);
            }
            if let Some(fragment) = resolved.fragment() {
                path.push('#');
                path.push_str(fragment);
            }
            // Checked again on the output: dot segments and backslashes
            // (`/.//evil.example`, `/%2e//…`, `/.\/…`) normalise into a
            // protocol-relative URL that the input check never saw.
            if !is_plain_path(&path) {
                return None;
            }
            return Some(Self(path));
        }
        let url = Url::parse(raw).ok()?;
        if !matches!(url.scheme(), "https" | "http") {
            return None;
        }
        if allowlist.0.contains(&url.origin()) {
            return Some(Self(url.into()));
        }
        None
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A path that browsers read as a path: one leading slash, not followed
/// by a second slash or a backslash (which they read as `//host`).
fn is_plain_path(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && !path.starts_with("/\\")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allow(origins: &[&str]) -> Allowlist {
        Allowlist::new(
            origins
                .iter()
                .map(|o| Url::parse(o).expect("test origin").origin())
                .collect(),
        )
    }

    #[test]
    fn same_site_paths_are_kept_with_their_query() {
        let r = ReturnTo::parse("/account?tab=security", &Allowlist::default());
        assert_eq!(r.map(|r| r.0), Some("/account?tab=security".to_owned()));
    }

    #[test]
    fn protocol_relative_urls_are_refused() {
        for raw in ["//evil.example/", "/\\evil.example", "///evil.example"] {
            assert_eq!(ReturnTo::parse(raw, &Allowlist::default()), None, "{raw}");
        }
    }

    #[test]
    fn paths_that_normalise_to_another_host_are_refused() {
        for raw in [
            "/.//evil.example",
            "/x/..//evil.example",
            "/%2e//evil.example",
            "/.\\/evil.example",
            "/./\\evil.example",
        ] {
            assert_eq!(ReturnTo::parse(raw, &Allowlist::default()), None, "{raw}");
        }
    }

    #[test]
    fn other_origins_are_refused_unless_listed() {
        let list = allow(&["https://app.example.com"]);
        assert_eq!(ReturnTo::parse("https://evil.example/x", &list), None);
        assert_eq!(
            ReturnTo::parse("https://app.example.com/welcome", &list).map(|r| r.0),
            Some("https://app.example.com/welcome".to_owned())
        );
        // Same host, other port or scheme: another origin.
        assert_eq!(
            ReturnTo::parse("http://app.example.com/welcome", &list),
            None
        );
    }

    #[test]
    fn scripts_and_control_characters_are_refused() {
        let list = Allowlist::default();
        assert_eq!(ReturnTo::parse("javascript:alert(1)", &list), None);
        assert_eq!(ReturnTo::parse("/ok\r\nSet-Cookie: x", &list), None);
        assert_eq!(ReturnTo::parse("", &list), None);
    }

    #[test]
    fn dot_segments_cannot_climb_out_of_the_site() {
        let r = ReturnTo::parse("/a/../../b", &Allowlist::default());
        assert_eq!(r.map(|r| r.0), Some("/b".to_owned()));
    }
}
