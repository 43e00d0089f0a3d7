//! Every sentence a visitor reads comes from the message catalog in
//! `src/i18n/locales/<lang>/main.ftl` (Fluent). Code refers to messages by
//! stable ids (`sign_in.incorrect_credentials`), which tests, themes and
//! translations share; the English text can change without breaking them.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use axum::http::{HeaderMap, header};
use fluent_templates::{LanguageIdentifier, Loader, fluent_bundle::FluentValue, langid};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./src/i18n/locales",
        fallback_language: "en",
        // Values inside a right-to-left sentence (an email address, a
        // masked phone number) are wrapped in bidi isolation marks, so
        // they keep their own direction and do not reorder the sentence
        // around them. Left-to-right catalogs go without: the marks would
        // make labels unspeakable for voice control and leak into copied
        // text, with nothing to gain.
        customise: |bundle| {
            let rtl = bundle.locales.first().is_some_and(|l| l.character_direction() == unic_langid::CharacterDirection::RTL);
            bundle.set_use_isolating(rtl);
        },
    };
}

/// The languages Threshold ships, each with its name in itself (what the
/// language picker shows: a visitor looks for their own language's name).
/// English comes first and is the fallback for anything unmatched.
pub const LANGUAGES: [(&str, &str); 8] = [
    ("en", "English"),
    ("es", "Español"),
    ("fr", "Français"),
    ("de", "Deutsch"),
    ("pt-BR", "Português (Brasil)"),
    ("ja", "日本語"),
    ("zh-CN", "简体中文"),
    ("ar", "العربية"),
];

/// The cookie that remembers the language a visitor picked. It holds
/// only a language tag from [`LANGUAGES`].
pub const LANG_COOKIE: &str = "threshold-lang";

/// The language pages are rendered in: one of [`LANGUAGES`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lang(LanguageIdentifier);

impl Default for Lang {
    fn default() -> Self {
        Self(langid!("en"))
    }
}

impl Lang {
    /// Every shipped language, in the picker's order.
    pub fn all() -> impl Iterator<Item = Lang> {
        LANGUAGES
            .iter()
            .filter_map(|(tag, _)| tag.parse().ok().map(Lang))
    }

    /// The shipped language with this exact tag (any letter case), as
    /// the picker and the cookie send it. Anything else is `None`.
    pub fn supported(tag: &str) -> Option<Lang> {
        Lang::all().find(|lang| lang.tag().eq_ignore_ascii_case(tag.trim()))
    }

    /// The visitor's language: the one they picked (the cookie), else the
    /// best match for their browser's `Accept-Language`, else English.
    pub fn from_headers(headers: &HeaderMap) -> Lang {
        let picked = headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == LANG_COOKIE)
            .and_then(|(_, value)| Lang::supported(value));
        picked
            .or_else(|| {
                let accept = headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
                Lang::negotiate(accept)
            })
            .unwrap_or_default()
    }

    /// The best shipped language for an `Accept-Language` value, honouring
    /// its q-values (`fr;q=0.5, de` prefers German). `pt` finds `pt-BR`
    /// and `zh` finds `zh-CN`: a regional variant beats English.
    fn negotiate(accept: &str) -> Option<Lang> {
        let mut requested: Vec<(f32, LanguageIdentifier)> = accept
            .split(',')
            .take(20)
            .filter_map(|entry| {
                let mut parts = entry.split(';');
                let tag: LanguageIdentifier = parts.next()?.trim().parse().ok()?;
                let q = parts
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                (q > 0.0).then_some((q, tag))
            })
            .collect();
        // Stable: equal weights keep the browser's order.
        requested.sort_by(|a, b| b.0.total_cmp(&a.0));
        let requested: Vec<LanguageIdentifier> = requested.into_iter().map(|(_, l)| l).collect();
        let available: Vec<LanguageIdentifier> = Lang::all().map(|l| l.0).collect();
        let chosen = fluent_langneg::negotiate_languages(
            &requested,
            &available,
            None,
            fluent_langneg::NegotiationStrategy::Lookup,
        );
        chosen.first().map(|l| Lang((*l).clone()))
    }

    /// The value for `<html lang>`.
    pub fn tag(&self) -> String {
        self.0.to_string()
    }

    /// Writing direction for `<html dir>`.
    pub fn dir(&self) -> &'static str {
        match self.0.character_direction() {
            unic_langid::CharacterDirection::RTL => "rtl",
            _ => "ltr",
        }
    }

    /// The language's own name, for the picker.
    pub fn name(&self) -> &'static str {
        let tag = self.tag();
        LANGUAGES
            .iter()
            .find(|(t, _)| *t == tag)
            .map_or("English", |(_, name)| name)
    }

    /// A moment as this language writes a date and time (the development
    /// outbox shows when each message left).
    pub fn date_time(&self, at: chrono::DateTime<chrono::Utc>) -> String {
        let locale = match self.tag().as_str() {
            "es" => chrono::Locale::es_ES,
            "fr" => chrono::Locale::fr_FR,
            "de" => chrono::Locale::de_DE,
            "pt-BR" => chrono::Locale::pt_BR,
            "ja" => chrono::Locale::ja_JP,
            "zh-CN" => chrono::Locale::zh_CN,
            "ar" => chrono::Locale::ar_EG,
            _ => chrono::Locale::en_GB,
        };
        format!("{} UTC", at.format_localized("%x %X", locale))
    }
}

/// Fluent identifiers cannot contain dots, so `sign_in.title` is stored as
/// `sign_in-title`.
fn fluent_id(id: &str) -> String {
    id.replace('.', "-")
}

/// The text of message `id`. A missing id shows the id itself, which the
/// catalog test below makes impossible for ids used in code.
pub fn t(lang: &Lang, id: &str) -> String {
    LOCALES.lookup(&lang.0, &fluent_id(id))
}

/// Message arguments that are counts.
const NUMERIC_ARGS: &[&str] = &["minutes", "count"];

/// The text of message `id` with named arguments.
pub fn t_args(lang: &Lang, id: &str, args: &BTreeMap<String, String>) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(k, v)| {
            // Counts go in as numbers, so plural forms (`[one]`) apply to
            // them; everything else stays text (a phone number must not be
            // formatted as a number).
            let value = if NUMERIC_ARGS.contains(&k.as_str()) {
                FluentValue::try_number(v.as_str())
            } else {
                FluentValue::from(v.clone())
            };
            (Cow::Owned(k.clone()), value)
        })
        .collect();
    LOCALES.lookup_with_args(&lang.0, &fluent_id(id), &args)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every message id written in the source must exist in the English
    /// catalog, so no page can show a raw id. An id is any string literal
    /// shaped `namespace.name[.more]` whose namespace the catalog uses
    /// (`code.mismatch` in a flow's error enum, `email.invalid` in the
    /// domain, `t(&lang, "sign_in.title")` in a page). Read from the files:
    /// a lookup without its arguments would fail for messages that take some.
    #[test]
    fn counts_choose_their_plural_form() {
        let lang = Lang::default();
        let with = |n: &str| {
            t_args(
                &lang,
                "rate_limited.body",
                &BTreeMap::from([("minutes".to_owned(), n.to_owned())]),
            )
        };
        // One minute and two minutes are worded differently, not only
        // numbered differently.
        assert_ne!(with("1").replace('1', "N"), with("2").replace('2', "N"));
        assert_eq!(with("2").replace('2', "N"), with("3").replace('3', "N"));
    }

    #[test]
    fn every_message_id_used_in_code_is_in_the_catalog() {
        let catalog =
            std::fs::read_to_string("src/i18n/locales/en/main.ftl").expect("the English catalog");
        let defined: std::collections::BTreeSet<String> = catalog
            .lines()
            .filter_map(|line| line.split_once(" = ").map(|(id, _)| id.trim().to_owned()))
            .filter(|id| !id.starts_with('#') && !id.is_empty())
            .collect();
        let namespaces: std::collections::BTreeSet<&str> = defined
            .iter()
            .filter_map(|id| id.split_once('-').map(|(ns, _)| ns))
            .collect();
        let mut missing = Vec::new();
        let mut seen = 0;
        for entry in walk("src") {
            let text = std::fs::read_to_string(&entry).unwrap_or_default();
            for id in message_ids(&text, &namespaces) {
                seen += 1;
                if !defined.contains(&fluent_id(&id)) {
                    missing.push(format!("{}: {id}", entry.display()));
                }
            }
        }
        assert!(missing.is_empty(), "missing from the catalog: {missing:#?}");
        assert!(seen > 100, "the scan finds the ids in use ({seen})");
    }

    fn walk(dir: &str) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(dir)];
        while let Some(path) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&path) else {
                continue;
            };
            for entry in entries.flatten() {
                let p = entry.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|e| e == "rs") {
                    out.push(p);
                }
            }
        }
        out
    }

    /// Finds string literals passed as message ids: `msg("a.b")`, `t(.., "a.b")`,
    /// `Msg::new("a.b")` all use the `"word.word"` shape with a known prefix.
    /// A message defined twice makes Fluent refuse the whole catalog at
    /// the first page view, so duplicates are caught here instead.
    #[test]
    fn no_message_is_defined_twice() {
        let catalog =
            std::fs::read_to_string("src/i18n/locales/en/main.ftl").expect("the English catalog");
        let mut seen = std::collections::BTreeSet::new();
        let duplicates: Vec<&str> = catalog
            .lines()
            .filter(|line| !line.starts_with('#') && !line.starts_with(' '))
            .filter_map(|line| line.split_once(" = ").map(|(id, _)| id.trim()))
            .filter(|id| !seen.insert(*id))
            .collect();
        assert!(duplicates.is_empty(), "defined twice: {duplicates:?}");
        assert!(
            LOCALES
                .try_lookup(&Lang::default().0, "sign_in-title")
                .is_some(),
            "the catalog loads"
        );
    }

    /// String literals in `text` shaped like message ids of `namespaces`.
    fn message_ids(text: &str, namespaces: &std::collections::BTreeSet<&str>) -> Vec<String> {
        let is_id = |s: &str| {
            s.split_once('.').is_some_and(|(ns, rest)| {
                namespaces.contains(ns)
                    && !rest.is_empty()
                    && s.chars().all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.'
                    })
            })
        };
        // The string literals of `text`: from a quote to the next one not
        // escaped, skipping the character literal `'"'`.
        let chars: Vec<char> = text.chars().collect();
        let mut literals = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            match chars[i] {
                '\'' if chars.get(i + 1) == Some(&'"') && chars.get(i + 2) == Some(&'\'') => i += 3,
                '"' => {
                    let mut literal = String::new();
                    i += 1;
                    while i < chars.len() && chars[i] != '"' {
                        if chars[i] == '\\' {
                            i += 1;
                        }
                        if let Some(c) = chars.get(i) {
                            literal.push(*c);
                        }
                        i += 1;
                    }
                    literals.push(literal);
                    i += 1;
                }
                _ => i += 1,
            }
        }
        literals.into_iter().filter(|s| is_id(s)).collect()
    }

    #[test]
    fn arguments_are_filled_in() {
        let mut args = BTreeMap::new();
        args.insert("destination".to_owned(), "a***@e***".to_owned());
        let text = t_args(&Lang::default(), "confirm.intro", &args);
        assert!(text.contains("a***@e***"), "{text}");
    }

    /// The ids a catalog defines, with the `$variables` each message uses.
    fn catalog(
        tag: &str,
    ) -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
        let path = format!("src/i18n/locales/{tag}/main.ftl");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let mut messages = std::collections::BTreeMap::new();
        let mut current: Option<String> = None;
        for line in text.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if !line.starts_with(' ')
                && let Some((id, _)) = line.split_once(" =")
            {
                current = Some(id.trim().to_owned());
                messages.insert(id.trim().to_owned(), std::collections::BTreeSet::new());
            }
            if let Some(id) = &current {
                let vars = messages.entry(id.clone()).or_default();
                for part in line.split("{ $").skip(1) {
                    let name: String = part
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    vars.insert(name);
                }
            }
        }
        messages
    }

    /// Every shipped language has exactly English's messages, with the
    /// same variables: a missing message would fall back to English in
    /// the middle of a page, an extra one is dead text, and a dropped
    /// variable hides the address a code went to.
    #[test]
    fn every_language_has_every_message_and_no_other() {
        let english = catalog("en");
        assert!(english.len() > 200, "the English catalog is read");
        for lang in Lang::all().filter(|l| l.tag() != "en") {
            let tag = lang.tag();
            let other = catalog(&tag);
            let missing: Vec<&String> =
                english.keys().filter(|k| !other.contains_key(*k)).collect();
            let extra: Vec<&String> = other.keys().filter(|k| !english.contains_key(*k)).collect();
            assert!(missing.is_empty(), "{tag} lacks {missing:?}");
            assert!(
                extra.is_empty(),
                "{tag} has messages English does not: {extra:?}"
            );
            for (id, vars) in &english {
                assert_eq!(&other[id], vars, "{tag}: {id} uses other variables");
            }
            // Each message formats in this language itself (not by falling
            // back to English), with its values: a selector without a
            // default variant, say, would fail here rather than on a page.
            for (id, vars) in &english {
                let args: HashMap<Cow<'static, str>, FluentValue> = vars
                    .iter()
                    .map(|v| (Cow::Owned(v.clone()), FluentValue::try_number("1")))
                    .collect();
                assert!(
                    LOCALES
                        .lookup_single_language(&lang.0, id, Some(&args))
                        .is_ok(),
                    "{tag}: {id} does not format"
                );
            }
        }
    }

    /// Every message of the English catalog is used by the code: a message
    /// nobody shows is one more thing to translate eight times for nothing.
    #[test]
    fn every_message_in_the_catalog_is_used() {
        let english = catalog("en");
        let namespaces: std::collections::BTreeSet<&str> = english
            .keys()
            .filter_map(|id| id.split_once('-').map(|(ns, _)| ns))
            .collect();
        let mut used = std::collections::BTreeSet::new();
        for entry in walk("src") {
            let text = std::fs::read_to_string(&entry).unwrap_or_default();
            used.extend(
                message_ids(&text, &namespaces)
                    .iter()
                    .map(|id| fluent_id(id)),
            );
        }
        let unused: Vec<&String> = english.keys().filter(|id| !used.contains(*id)).collect();
        assert!(
            unused.is_empty(),
            "in the catalog but used nowhere: {unused:#?}"
        );
    }

    /// A message that takes values cannot be formatted without them: the
    /// page would show "Unknown localization key" in its place. Every
    /// literal `t(…, "id")` call must name a message without variables
    /// (`t_args` passes them).
    #[test]
    fn messages_with_variables_are_never_looked_up_without_them() {
        let english = catalog("en");
        let mut wrong = Vec::new();
        for entry in walk("src") {
            let text = std::fs::read_to_string(&entry).unwrap_or_default();
            for (at, _) in text.match_indices("t(&") {
                // `t(&lang, "sign_in.title")`: the first argument, then a literal id.
                let call = &text[at..text.len().min(at + 120)];
                let Some(rest) = call.split_once(", \"").map(|(_, rest)| rest) else {
                    continue;
                };
                let Some(id) = rest.split_once('"').map(|(id, _)| id) else {
                    continue;
                };
                if english
                    .get(&fluent_id(id))
                    .is_some_and(|vars| !vars.is_empty())
                {
                    wrong.push(format!("{}: {id}", entry.display()));
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "looked up without their values: {wrong:#?}"
        );
    }

    #[test]
    fn the_language_follows_the_cookie_then_accept_language() {
        let headers = |pairs: &[(&str, &str)]| {
            let mut map = HeaderMap::new();
            for (name, value) in pairs {
                map.append(
                    axum::http::HeaderName::from_bytes(name.as_bytes()).expect("a header name"),
                    value.parse().expect("a header value"),
                );
            }
            map
        };
        let lang = |pairs: &[(&str, &str)]| Lang::from_headers(&headers(pairs)).tag();
        assert_eq!(lang(&[]), "en");
        assert_eq!(
            lang(&[("accept-language", "de-DE,de;q=0.9,en;q=0.8")]),
            "de"
        );
        assert_eq!(lang(&[("accept-language", "fr;q=0.5, ar")]), "ar");
        assert_eq!(lang(&[("accept-language", "pt")]), "pt-BR");
        assert_eq!(lang(&[("accept-language", "zh")]), "zh-CN");
        assert_eq!(lang(&[("accept-language", "ja-JP")]), "ja");
        assert_eq!(lang(&[("accept-language", "ko, sw")]), "en");
        assert_eq!(lang(&[("accept-language", "es;q=0")]), "en");
        assert_eq!(lang(&[("accept-language", "not a language, ===")]), "en");
        // The picked language wins over the browser's.
        assert_eq!(
            lang(&[
                ("cookie", "a=b; threshold-lang=ja"),
                ("accept-language", "de")
            ]),
            "ja"
        );
        // A cookie with anything else is ignored.
        assert_eq!(
            lang(&[("cookie", "threshold-lang=xx"), ("accept-language", "es")]),
            "es"
        );
    }

    #[test]
    fn arabic_is_right_to_left_and_isolates_values() {
        let arabic = Lang::supported("ar").expect("Arabic ships");
        assert_eq!(arabic.dir(), "rtl");
        let args = BTreeMap::from([("destination".to_owned(), "a***@e***".to_owned())]);
        let text = t_args(&arabic, "confirm.intro", &args);
        // FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE around the address.
        assert!(text.contains("\u{2068}a***@e***\u{2069}"), "{text:?}");
        let english = t_args(&Lang::default(), "confirm.intro", &args);
        assert!(!english.contains('\u{2068}'), "{english:?}");
        assert_eq!(Lang::default().dir(), "ltr");
    }

    #[test]
    fn dates_are_written_each_languages_way() {
        let at = chrono::DateTime::parse_from_rfc3339("2026-12-01T15:04:05Z")
            .expect("a moment")
            .with_timezone(&chrono::Utc);
        let english = Lang::default().date_time(at);
        let german = Lang::supported("de").expect("de").date_time(at);
        let japanese = Lang::supported("ja").expect("ja").date_time(at);
        assert!(german.starts_with("01.12.2026"), "{german}");
        assert!(japanese.starts_with("2026"), "{japanese}");
        assert_ne!(english, german);
    }
}
