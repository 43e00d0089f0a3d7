//! The product's look: its name, logo, favicon, colours, corners, fonts,
//! footer links and sign-up consent, read once at start-up from
//! `THRESHOLD_BRAND_DIR/brand.toml` (see `docs/branding.md`). Nothing
//! here needs a rebuild: an operator edits the folder and restarts.
//!
//! Every value that ends up in CSS is checked against a narrow shape
//! (a colour, a length, a font list), so a brand file cannot smuggle
//! rules into the stylesheet; the optional custom stylesheet is the one
//! place meant for arbitrary CSS, and it is served as its own file, so
//! the CSP still forbids inline styles.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use url::Url;

use crate::routes;

/// The colour tokens a brand may set, as named in `style/main.css`
/// (without the leading `--`). Each scheme may set any of them.
pub const COLOR_TOKENS: [&str; 14] = [
    "brand-color",
    "brand-color-strong",
    "brand-contrast",
    "text",
    "text-muted",
    "surface",
    "background",
    "border",
    "error",
    "error-surface",
    "info-surface",
    "success",
    "danger-button",
    "on-danger-button",
];

/// Largest logo, favicon or stylesheet accepted: these go to every visitor.
const MAX_ASSET_BYTES: usize = 256 * 1024;

/// `brand.toml`. Unknown keys are refused, so a typo is reported at
/// start-up instead of silently ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct BrandFile {
    name: Option<String>,
    /// A file in the brand folder: SVG, PNG or WebP.
    logo: Option<String>,
    /// Whether the logo already shows the name (a wordmark); the header
    /// then shows the logo alone, with the name as its text alternative.
    #[serde(default)]
    logo_includes_name: bool,
    favicon: Option<String>,
    /// Extra CSS loaded after Threshold's own.
    stylesheet: Option<String>,
    /// Font files (WOFF2) the stylesheet's `@font-face` rules load from
    /// `/brand/<file>`; the CSP allows fonts from this origin only.
    #[serde(default)]
    fonts: Vec<String>,
    radius: Option<String>,
    font: Option<String>,
    #[serde(default)]
    colors: Schemes,
    #[serde(default)]
    links: LinksFile,
    #[serde(default)]
    sign_up: SignUpFile,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Schemes {
    #[serde(default)]
    light: BTreeMap<String, String>,
    #[serde(default)]
    dark: BTreeMap<String, String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct LinksFile {
    terms: Option<String>,
    privacy: Option<String>,
    support: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SignUpFile {
    /// Sign-up asks visitors to accept the terms (`links.terms`).
    #[serde(default)]
    require_consent: bool,
}

/// A file the brand serves under `/brand/`, held in memory.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Its address, under [`routes::BRAND_DIR`].
    /// The fingerprinted address pages link ([`crate::assets`]).
    pub href: String,
    pub fingerprint: String,
    pub content_type: &'static str,
    pub bytes: axum::body::Bytes,
}

impl Asset {
    /// The brand file `name`, linked by the fingerprint of its bytes.
    fn new(name: &str, content_type: &'static str, bytes: Vec<u8>) -> Asset {
        let fingerprint = crate::assets::fingerprint(&bytes);
        Asset {
            href: crate::assets::versioned(&format!("{}/{name}", routes::BRAND_DIR), &fingerprint),
            fingerprint,
            content_type,
            bytes: axum::body::Bytes::from(bytes),
        }
    }
}

/// The footer's links, in the order they show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FooterLink {
    Terms,
    Privacy,
    Support,
}

impl FooterLink {
    pub fn message_id(self) -> &'static str {
        match self {
            FooterLink::Terms => "footer.terms",
            FooterLink::Privacy => "footer.privacy",
            FooterLink::Support => "footer.support",
        }
    }
}

/// The brand every page is rendered with.
#[derive(Debug, Clone)]
pub struct Brand {
    /// The product's name: the header, every title, the TOTP issuer.
    pub name: String,
    /// The header's logo: the brand's own, or Threshold's mark.
    pub logo_href: String,
    pub logo_includes_name: bool,
    pub favicon_href: String,
    /// The brand's stylesheets after `main.css`: the generated theme (its
    /// tokens) and the custom file, when there are any.
    pub stylesheets: Vec<String>,
    pub footer_links: Vec<(FooterLink, String)>,
    /// The terms a new account must accept, when consent is required.
    pub consent_terms: Option<String>,
    /// Everything served under `/brand/`, by file name.
    pub assets: BTreeMap<String, Asset>,
}

impl Default for Brand {
    /// Threshold's own brand.
    fn default() -> Self {
        Self {
            name: "Threshold".to_owned(),
            logo_href: crate::assets::href(routes::LOGO),
            logo_includes_name: false,
            favicon_href: crate::assets::href(routes::FAVICON),
            stylesheets: Vec::new(),
            footer_links: Vec::new(),
            consent_terms: None,
            assets: BTreeMap::new(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("THRESHOLD_BRAND_DIR: {0}")]
pub struct BrandError(String);

fn fail<T>(message: impl Into<String>) -> Result<T, BrandError> {
    Err(BrandError(message.into()))
}

impl Brand {
    /// Reads `dir/brand.toml` and the files it names. Also returns
    /// warnings for colour pairs whose contrast is below WCAG AA, which
    /// start-up logs (a brand is the operator's call, so they do not stop it).
    pub fn load(dir: &Path) -> Result<(Brand, Vec<String>), BrandError> {
        let file = dir.join("brand.toml");
        let text = std::fs::read_to_string(&file)
            .or_else(|e| fail(format!("cannot read {}: {e}", file.display())))?;
        let parsed: BrandFile =
            toml::from_str(&text).or_else(|e| fail(format!("{}: {e}", file.display())))?;
        Brand::from_file(dir, parsed)
    }

    fn from_file(dir: &Path, file: BrandFile) -> Result<(Brand, Vec<String>), BrandError> {
        let mut brand = Brand::default();
        if let Some(name) = file.name {
            let name = name.trim().to_owned();
            if name.is_empty() || name.chars().count() > 60 || name.chars().any(char::is_control) {
                return fail("name must be 1 to 60 printable characters");
            }
            brand.name = name;
        }
        if let Some(logo) = &file.logo {
            let asset = read_asset(dir, logo, &["svg", "png", "webp"])?;
            brand.logo_href = asset.href.clone();
            brand.assets.insert(logo.clone(), asset);
        }
        if file.logo_includes_name && file.logo.is_none() {
            return fail("logo_includes_name needs the brand's own logo");
        }
        brand.logo_includes_name = file.logo_includes_name;
        if let Some(favicon) = &file.favicon {
            let asset = read_asset(dir, favicon, &["svg", "png", "ico"])?;
            brand.favicon_href = asset.href.clone();
            brand.assets.insert(favicon.clone(), asset);
        }

        let theme = theme_css(&file.colors, file.radius.as_deref(), file.font.as_deref())?;
        if !theme.is_empty() {
            let asset = Asset::new(THEME_FILE, "text/css; charset=utf-8", theme.into_bytes());
            brand.stylesheets.push(asset.href.clone());
            brand.assets.insert(THEME_FILE.to_owned(), asset);
        }
        for font in &file.fonts {
            let asset = read_asset(dir, font, &["woff2"])?;
            brand.assets.insert(font.clone(), asset);
        }
        if let Some(css) = &file.stylesheet {
            if css == THEME_FILE {
                return fail(format!("stylesheet cannot be named {THEME_FILE}"));
            }
            let asset = read_asset(dir, css, &["css"])?;
            brand.stylesheets.push(asset.href.clone());
            brand.assets.insert(css.clone(), asset);
        }

        for (kind, link) in [
            (FooterLink::Terms, &file.links.terms),
            (FooterLink::Privacy, &file.links.privacy),
            (FooterLink::Support, &file.links.support),
        ] {
            if let Some(link) = link {
                brand.footer_links.push((kind, checked_link(link)?));
            }
        }
        if file.sign_up.require_consent {
            let Some(terms) = file.links.terms.as_deref() else {
                return fail("sign_up.require_consent needs links.terms");
            };
            brand.consent_terms = Some(checked_link(terms)?);
        }
        let warnings = contrast_warnings(&file.colors);
        Ok((brand, warnings))
    }

    /// The brand file served at `/brand/{name}`, if any.
    pub fn asset(&self, name: &str) -> Option<&Asset> {
        self.assets.get(name)
    }
}

/// `GET /brand/{file}`: the brand's logo, favicon and stylesheets, from
/// memory. Cacheable for an hour, like Threshold's own files.
pub async fn serve(
    axum::extract::State(brand): axum::extract::State<std::sync::Arc<Brand>>,
    axum::extract::Path(file): axum::extract::Path<String>,
) -> axum::response::Response {
    use axum::http::{StatusCode, header};
    use axum::response::IntoResponse as _;
    match brand.asset(&file) {
        Some(asset) => (
            [
                (header::CONTENT_TYPE, asset.content_type),
                (header::CACHE_CONTROL, crate::assets::HOUR),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            ],
            asset.bytes.clone(),
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// The generated stylesheet of a brand's tokens.
const THEME_FILE: &str = "theme.css";

/// A file of the brand folder, by its plain name (no directories), with
/// one of the allowed extensions and within the size limit.
fn read_asset(dir: &Path, name: &str, allowed: &[&str]) -> Result<Asset, BrandError> {
    let plain = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !name.starts_with('.');
    if !plain {
        return fail(format!(
            "{name:?}: name a file directly inside the brand folder (letters, digits, - _ .)"
        ));
    }
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    let content_type = match extension.as_deref() {
        Some(e) if allowed.contains(&e) => content_type(e),
        _ => return fail(format!("{name}: expected a .{} file", allowed.join(", ."))),
    };
    let path: PathBuf = dir.join(name);
    let bytes = std::fs::read(&path).or_else(|e| fail(format!("{}: {e}", path.display())))?;
    if bytes.len() > MAX_ASSET_BYTES {
        return fail(format!(
            "{name} is {} KiB; brand files can be at most {} KiB",
            bytes.len() / 1024,
            MAX_ASSET_BYTES / 1024
        ));
    }
    Ok(Asset::new(name, content_type, bytes))
}

fn content_type(extension: &str) -> &'static str {
    match extension {
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "css" => "text/css; charset=utf-8",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Footer and terms links: absolute `https:`, `http:` or `mailto:`
/// addresses (never `javascript:` or a relative path).
fn checked_link(link: &str) -> Result<String, BrandError> {
    match Url::parse(link) {
        Ok(url) if matches!(url.scheme(), "https" | "http" | "mailto") => Ok(url.to_string()),
        _ => fail(format!(
            "{link:?} is not an absolute https:, http: or mailto: address"
        )),
    }
}

/// The custom properties a brand sets, as a stylesheet: radius and font in
/// `:root`, each scheme's colours in its own media query, so a colour set
/// for light only leaves the dark scheme's default in place (a dark link
/// colour on a dark surface would be unreadable).
fn theme_css(
    colors: &Schemes,
    radius: Option<&str>,
    font: Option<&str>,
) -> Result<String, BrandError> {
    let mut root = Vec::new();
    for (scheme, tokens) in [("light", &colors.light), ("dark", &colors.dark)] {
        for (token, value) in tokens {
            if !COLOR_TOKENS.contains(&token.as_str()) {
                return fail(format!(
                    "colors.{scheme}.{token}: unknown; the colours are {}",
                    COLOR_TOKENS.join(", ")
                ));
            }
            if !is_color(value) {
                return fail(format!(
                    "colors.{scheme}.{token} = {value:?} is not a colour like #1a2b3c or rgb(26 43 60)"
                ));
            }
        }
    }
    if let Some(radius) = radius {
        if !is_length(radius) {
            return fail(format!(
                "radius = {radius:?} is not a length like 0.5rem or 6px"
            ));
        }
        root.push(format!("  --radius: {radius};"));
    }
    if let Some(font) = font {
        if !is_font_list(font) {
            return fail(format!(
                "font = {font:?}: use family names separated by commas, like \"Inter\", sans-serif"
            ));
        }
        root.push(format!("  --font: {font};"));
    }
    let mut css = String::new();
    if !root.is_empty() {
        css.push_str(":root {\n");
        css.push_str(&root.join("\n"));
        css.push_str("\n}\n");
    }
    for (scheme, tokens) in [("light", &colors.light), ("dark", &colors.dark)] {
        if tokens.is_empty() {
            continue;
        }
        css.push_str(&format!(
            "@media (prefers-color-scheme: {scheme}) {{\n  :root {{\n"
        ));
        for (token, value) in tokens {
            css.push_str(&format!("    --{token}: {value};\n"));
        }
        css.push_str("  }\n}\n");
    }
    Ok(css)
}

fn is_color(value: &str) -> bool {
    if let Some(hex) = value.strip_prefix('#') {
        return matches!(hex.len(), 3 | 4 | 6 | 8) && hex.chars().all(|c| c.is_ascii_hexdigit());
    }
    let functional = [
        "rgb(", "rgba(", "hsl(", "hsla(", "oklch(", "oklab(", "lab(", "lch(",
    ];
    functional.iter().any(|f| value.starts_with(f))
        && value.ends_with(')')
        && value.matches('(').count() == 1
        && value.matches(')').count() == 1
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " .,%/()-".contains(c))
}

fn is_length(value: &str) -> bool {
    ["rem", "em", "px"].iter().any(|unit| {
        value.strip_suffix(unit).is_some_and(|n| {
            !n.is_empty() && n.len() <= 6 && n.chars().all(|c| c.is_ascii_digit() || c == '.')
        })
    }) || value == "0"
}

/// Family names separated by commas, each bare (`system-ui`) or quoted
/// whole (`"Times New Roman"`): a quote opens a name and the same quote
/// closes it, so nothing is left unclosed to swallow the next rule.
fn is_font_list(value: &str) -> bool {
    if value.trim().is_empty() || value.len() > 200 {
        return false;
    }
    value.split(',').all(|family| {
        let family = family.trim();
        let name = match family.chars().next() {
            Some(q @ ('"' | '\'')) => match family[1..].strip_suffix(q) {
                Some(inner) => inner,
                None => return false,
            },
            _ => family,
        };
        !name.trim().is_empty()
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || " -_".contains(c))
    })
}

/// Threshold's own stylesheet, where the default colours are written
/// (read here rather than copied, so the contrast check measures what
/// the pages use).
const DEFAULT_STYLESHEET: &str = include_str!("../style/main.css");

/// Threshold's default colour for `token` in `scheme`, for pairs a brand
/// only half sets: the `--token: value;` of `:root`, or of the dark
/// scheme's media query.
fn default_color(scheme: &str, token: &str) -> Option<&'static str> {
    let (light, dark) = DEFAULT_STYLESHEET.split_once("@media (prefers-color-scheme: dark)")?;
    let block = if scheme == "dark" { dark } else { light };
    let declaration = format!("--{token}: ");
    let value = &block[block.find(&declaration)? + declaration.len()..];
    value.split_once(';').map(|(value, _)| value.trim())
}

/// The colour pairs the pages use: text on its background needs 4.5:1
/// (WCAG 1.4.3), the focus ring around a control 3:1 against what it sits
/// on (1.4.11). Only `#rrggbb` values are measured; other notations are
/// the operator's to check (the test suite's axe scans measure what renders).
fn contrast_warnings(colors: &Schemes) -> Vec<String> {
    const PAIRS: [(&str, &str, f64); 13] = [
        ("text", "background", 4.5),
        ("text", "surface", 4.5),
        ("text-muted", "surface", 4.5),
        ("text-muted", "background", 4.5),
        ("brand-contrast", "brand-color", 4.5),
        ("brand-color-strong", "surface", 4.5),
        ("error", "surface", 4.5),
        ("error", "error-surface", 4.5),
        ("text", "info-surface", 4.5),
        ("success", "surface", 4.5),
        ("on-danger-button", "danger-button", 4.5),
        ("brand-color", "surface", 3.0),
        ("brand-color", "background", 3.0),
    ];
    let mut warnings = Vec::new();
    for (scheme, tokens) in [("light", &colors.light), ("dark", &colors.dark)] {
        if tokens.is_empty() {
            continue;
        }
        let value = |token: &str| {
            tokens
                .get(token)
                .map(String::as_str)
                .or_else(|| default_color(scheme, token))
        };
        for (fg, bg, needed) in PAIRS {
            let (Some(f), Some(b)) = (value(fg).and_then(rgb), value(bg).and_then(rgb)) else {
                continue;
            };
            let ratio = contrast(f, b);
            if ratio < needed {
                warnings.push(format!(
                    "brand colours, {scheme} scheme: {fg} on {bg} has a contrast of {ratio:.1}:1, below the {needed}:1 WCAG AA asks for"
                ));
            }
        }
    }
    warnings
}

fn rgb(value: &str) -> Option<[f64; 3]> {
    let hex = value.strip_prefix('#')?;
    if hex.len() != 6 {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some([
        f64::from(channel(0)?),
        f64::from(channel(2)?),
        f64::from(channel(4)?),
    ])
}

/// WCAG 2's contrast ratio of two sRGB colours.
fn contrast(a: [f64; 3], b: [f64; 3]) -> f64 {
    let luminance = |c: [f64; 3]| {
        let lin = |v: f64| {
            let v = v / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])
    };
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) {
        std::fs::write(dir.join(name), text).expect("a temporary file");
    }

    fn load(toml: &str) -> Result<(Brand, Vec<String>), BrandError> {
        let dir = tempfile::tempdir().expect("a temporary folder");
        write(dir.path(), "brand.toml", toml);
        write(
            dir.path(),
            "logo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        );
        write(dir.path(), "extra.css", "h1 { letter-spacing: 0.01em; }");
        Brand::load(dir.path())
    }

    #[test]
    fn a_brand_sets_name_logo_colours_links_and_consent() {
        let (brand, warnings) = load(
            r##"
            name = "Acme Cloud"
            logo = "logo.svg"
            stylesheet = "extra.css"
            radius = "2px"
            font = "\"Inter\", sans-serif"
            [colors.light]
            brand-color = "#0b6e4f"
            [colors.dark]
            brand-color = "#7fe0bd"
            brand-contrast = "#062a1e"
            [links]
            terms = "https://acme.example/terms"
            support = "mailto:help@acme.example"
            [sign_up]
            require_consent = true
            "##,
        )
        .expect("a valid brand");
        assert_eq!(brand.name, "Acme Cloud");
        // Linked by fingerprint, so browsers may keep them for a year.
        let linked = |href: &str, plain: &str| {
            let fingerprint = href
                .strip_prefix("/assets/")
                .and_then(|rest| rest.strip_suffix(plain))
                .unwrap_or_default();
            fingerprint.len() == 12 && fingerprint.bytes().all(|b| b.is_ascii_hexdigit())
        };
        assert!(
            linked(&brand.logo_href, "/brand/logo.svg"),
            "{}",
            brand.logo_href
        );
        assert_eq!(brand.stylesheets.len(), 2);
        assert!(linked(&brand.stylesheets[0], "/brand/theme.css"));
        assert!(linked(&brand.stylesheets[1], "/brand/extra.css"));
        let theme =
            String::from_utf8_lossy(&brand.asset("theme.css").expect("a theme").bytes).into_owned();
        assert!(theme.contains("--brand-color: #0b6e4f;"), "{theme}");
        assert!(theme.contains("--radius: 2px;"), "{theme}");
        assert!(theme.contains("prefers-color-scheme: dark"), "{theme}");
        // Light colours apply to the light scheme only.
        let (before_dark, _) = theme
            .split_once("prefers-color-scheme: dark")
            .expect("dark");
        assert!(
            before_dark.contains("prefers-color-scheme: light"),
            "{theme}"
        );
        assert_eq!(
            brand.footer_links,
            [
                (FooterLink::Terms, "https://acme.example/terms".to_owned()),
                (FooterLink::Support, "mailto:help@acme.example".to_owned()),
            ]
        );
        assert_eq!(
            brand.consent_terms.as_deref(),
            Some("https://acme.example/terms")
        );
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn values_that_could_escape_the_stylesheet_are_refused() {
        for bad in [
            "[colors.light]\nbrand-color = \"red; } body { display: none\"",
            "[colors.light]\nbrand-color = \"url(https://evil.example/x)\"",
            "[colors.light]\nlink-color = \"#000\"",
            "radius = \"1rem; color: red\"",
            "font = \"Inter; } * { color: red\"",
            "font = \"'a\\\" \\\"c' \\\"b'\"",
            "logo_includes_name = true",
            "logo = \"../secret.svg\"",
            "logo = \"logo.exe\"",
            "[links]\nterms = \"javascript:alert(1)\"",
            "[sign_up]\nrequire_consent = true",
            "colour = \"typo\"",
        ] {
            assert!(load(bad).is_err(), "accepted {bad:?}");
        }
    }

    #[test]
    fn low_contrast_colours_are_reported() {
        let (_, warnings) =
            load("[colors.dark]\nbrand-color = \"#ffc0cb\"\nbrand-contrast = \"#ffffff\"")
                .expect("a valid brand");
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("dark") && w.contains("brand-contrast on brand-color")),
            "{warnings:?}"
        );
    }

    /// Every colour token has a default in each scheme of the stylesheet.
    #[test]
    fn the_stylesheet_sets_every_colour_in_both_schemes() {
        for scheme in ["light", "dark"] {
            for token in COLOR_TOKENS {
                assert!(
                    default_color(scheme, token).is_some_and(|v| !v.is_empty()),
                    "{scheme} --{token} in style/main.css"
                );
            }
        }
        assert_eq!(default_color("dark", "danger-button"), Some("#93000a"));
        assert_eq!(default_color("light", "danger-button"), Some("#b3261e"));
    }

    #[test]
    fn the_default_colours_meet_aa_contrast() {
        let full = |scheme: &str| -> BTreeMap<String, String> {
            COLOR_TOKENS
                .iter()
                .filter_map(|t| default_color(scheme, t).map(|v| (t.to_string(), v.to_owned())))
                .collect()
        };
        let schemes = Schemes {
            light: full("light"),
            dark: full("dark"),
        };
        assert_eq!(contrast_warnings(&schemes), Vec::<String>::new());
    }
}
