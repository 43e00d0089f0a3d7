//! Fingerprinted addresses for static files, so browsers keep them.
//!
//! Pages link every stylesheet, script and image as
//! `/assets/{fingerprint}/{path}`, where the fingerprint is a digest of the
//! file's bytes. The address changes whenever the file does, so it can be
//! cached for a year without revalidation (`immutable`): a returning
//! visitor's browser loads the sign-in page with one request instead of
//! three or four. The plain addresses (`/style/main.css`, `/public/…`,
//! `/brand/…`) keep working with an hour's caching, for links from outside.
//!
//! Threshold's own files (`style/`, `public/`) are the same for every app in
//! the process and are read once; a brand's files are fingerprinted when the
//! brand loads ([`crate::brand`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::SystemTime;

use axum::extract::{Path as UrlPath, Request};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse as _, Response};
use tower::ServiceExt as _;

use crate::routes;

/// How much of the SHA-256 digest names a version: 48 bits, so two
/// versions of one file collide with a chance of one in 2^48.
const FINGERPRINT_HEX: usize = 12;

/// A year, the longest lifetime caches honour (RFC 9111 suggests no more).
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// The plain addresses: fresh for an hour, like before fingerprints.
pub const HOUR: &str = "public, max-age=3600";

/// The fingerprint of a file's contents.
pub fn fingerprint(bytes: &[u8]) -> String {
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, bytes);
    let mut hex = String::with_capacity(FINGERPRINT_HEX);
    for byte in digest.as_ref() {
        if hex.len() >= FINGERPRINT_HEX {
            break;
        }
        hex.push_str(&format!("{byte:02x}"));
    }
    hex
}

/// The fingerprinted address of a file served at `path` (`/style/main.css`).
pub fn versioned(path: &str, fingerprint: &str) -> String {
    format!("{}/{fingerprint}{path}", routes::ASSETS_DIR)
}

/// One of Threshold's own files, as it was when fingerprinted.
struct Own {
    fingerprint: String,
    file: PathBuf,
    modified: Option<SystemTime>,
}

impl Own {
    /// Whether the file on disk is still the one fingerprinted: files are
    /// served from disk, and one edited while the server runs (in
    /// development) must not be cached for a year under the old digest.
    fn unchanged(&self) -> bool {
        let now = std::fs::metadata(&self.file)
            .and_then(|m| m.modified())
            .ok();
        now.is_some() && now == self.modified
    }
}

/// Threshold's own files by their plain address.
static OWN: LazyLock<HashMap<String, Own>> = LazyLock::new(|| {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = HashMap::new();
    for (prefix, dir) in [(routes::STYLE_DIR, "style"), (routes::PUBLIC_DIR, "public")] {
        collect(&root.join(dir), prefix, &mut files);
    }
    files
});

/// Every file under `dir`, recursively, as `prefix/relative/path`.
fn collect(dir: &Path, prefix: &str, into: &mut HashMap<String, Own>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let address = format!("{prefix}/{name}");
        if path.is_dir() {
            collect(&path, &address, into);
        } else if let Ok(bytes) = std::fs::read(&path) {
            let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
            into.insert(
                address,
                Own {
                    fingerprint: fingerprint(&bytes),
                    file: path,
                    modified,
                },
            );
        }
    }
}

/// The address pages link for one of Threshold's own files: fingerprinted
/// when the file exists, the plain address otherwise (which then answers 404
/// as it would have anyway).
pub fn href(path: &str) -> String {
    match OWN.get(path) {
        Some(own) => versioned(path, &own.fingerprint),
        None => path.to_owned(),
    }
}

/// The current fingerprint of the file at a plain address, whether
/// Threshold's own (`None` inside when it changed on disk since) or the
/// brand's (read into memory once, so never changed).
fn current<'a>(path: &str, files: &'a StaticFiles) -> Option<Option<&'a str>> {
    if let Some(own) = OWN.get(path) {
        return Some(own.unchanged().then_some(own.fingerprint.as_str()));
    }
    files.brand.get(path).map(|f| Some(f.as_str()))
}

/// `GET /assets/{fingerprint}/{*path}`: the file at `/{path}`, answered by
/// the plain static routes. The current version is cached for a year; an
/// older fingerprint (a page rendered before a deploy) still gets the
/// current file, but one the browser must revalidate, so no cache ever
/// holds the wrong bytes under an immutable address.
pub async fn serve(
    axum::extract::State(files): axum::extract::State<StaticFiles>,
    UrlPath((fingerprint, path)): UrlPath<(String, String)>,
    mut request: Request,
) -> Response {
    let plain = format!("/{path}");
    let Some(current) = current(&plain, &files).map(|f| f.map(str::to_owned)) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let Ok(uri) = plain.parse::<Uri>() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    *request.uri_mut() = uri;
    // The routes below extract path parameters of their own; this route's
    // (fingerprint and path) must not be among them.
    *request.extensions_mut() = axum::http::Extensions::new();
    // The router's error type is `Infallible`.
    let Ok(mut response) = files.router.oneshot(request).await;
    if response.status().is_success() {
        let caching = if current.as_deref() == Some(fingerprint.as_str()) {
            IMMUTABLE
        } else {
            "no-cache"
        };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(caching));
    }
    response
}

/// What [`serve`] needs: the plain static routes, and the fingerprints of
/// the brand's files they include, by plain address (`/brand/logo.svg`).
#[derive(Clone)]
pub struct StaticFiles {
    pub router: axum::Router,
    pub brand: std::sync::Arc<HashMap<String, String>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_follow_the_bytes() {
        assert_eq!(fingerprint(b"body{}"), fingerprint(b"body{}"));
        assert_ne!(fingerprint(b"body{}"), fingerprint(b"body{ }"));
        assert_eq!(fingerprint(b"").len(), FINGERPRINT_HEX);
    }

    #[test]
    fn a_file_edited_after_its_fingerprint_is_not_the_fingerprinted_one() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let file = dir.path().join("main.css");
        std::fs::write(&file, "body{}").expect("write");
        let modified = std::fs::metadata(&file).and_then(|m| m.modified()).ok();
        let own = Own {
            fingerprint: fingerprint(b"body{}"),
            file: file.clone(),
            modified,
        };
        assert!(own.unchanged());
        let later = modified.expect("a modification time") + std::time::Duration::from_secs(5);
        std::fs::File::options()
            .write(true)
            .open(&file)
            .and_then(|f| f.set_modified(later))
            .expect("touch");
        assert!(!own.unchanged(), "edited on disk since");
    }

    #[test]
    fn own_files_are_linked_by_fingerprint() {
        let linked = href(routes::STYLESHEET);
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/style/main.css"))
            .expect("style/main.css is part of the source tree");
        assert_eq!(
            linked,
            format!("/assets/{}/style/main.css", fingerprint(&bytes))
        );
        assert_eq!(href("/public/none.svg"), "/public/none.svg");
    }
}
