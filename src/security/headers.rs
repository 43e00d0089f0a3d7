//! Security headers on every response.
//!
//! Pages ship no inline script and no inline style, so the content security
//! policy can forbid both outright (`'self'` only).

use axum::http::{HeaderName, HeaderValue, header};
use tower_http::set_header::SetResponseHeaderLayer;

/// The content security policy. `form-action` also lists the origins
/// `return_to` may lead to, because browsers apply it to the redirect that
/// follows a form post.
pub fn content_security_policy(return_to_origins: &[String]) -> HeaderValue {
    let mut form_action = String::from("'self'");
    for origin in return_to_origins {
        form_action.push(' ');
        form_action.push_str(origin);
    }
    let policy = format!(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
         form-action {form_action}; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    );
    // Origins come from parsed URLs (ASCII serialisation), so the value is
    // a valid header; the fallback only guards against a future change.
    HeaderValue::from_str(&policy).unwrap_or_else(|_| {
        HeaderValue::from_static("default-src 'self'; form-action 'self'; frame-ancestors 'none'")
    })
}

/// The layers; each only sets its header when the handler did not.
///
/// - `Cache-Control: no-store` on everything but static files (which set
///   their own): pages carry CSRF tokens, personal data and, on the TOTP
///   page, a secret, none of which belongs in a shared or back-button cache.
/// - `Strict-Transport-Security` when `https` (secure cookies on, so the
///   site is served over HTTPS): a year, this host only, since other
///   subdomains are the operator's to decide. Browsers ignore it on plain
///   HTTP, so a local `http://127.0.0.1` is not pinned.
pub fn layers(
    return_to_origins: &[String],
    https: bool,
) -> Vec<SetResponseHeaderLayer<HeaderValue>> {
    let mut layers = vec![
        SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            content_security_policy(return_to_origins),
        ),
        SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ),
    ];
    if https {
        layers.push(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        ));
    }
    layers.extend(
        [
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::X_FRAME_OPTIONS, "DENY"),
            (header::REFERRER_POLICY, "same-origin"),
            (
                HeaderName::from_static("cross-origin-opener-policy"),
                "same-origin",
            ),
            (
                HeaderName::from_static("permissions-policy"),
                "camera=(), microphone=(), geolocation=()",
            ),
        ]
        .into_iter()
        .map(|(name, value)| {
            SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
        }),
    );
    layers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_return_to_origins_may_receive_the_post_redirect() {
        let csp = content_security_policy(&["https://app.example.com".to_owned()]);
        let csp = csp.to_str().expect("ascii");
        assert!(
            csp.contains("form-action 'self' https://app.example.com;"),
            "{csp}"
        );
        assert!(csp.contains("script-src 'self';"));
    }
}
