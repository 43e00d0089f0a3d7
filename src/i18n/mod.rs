//! Every sentence a visitor reads comes from the message catalog in
//! `src/i18n/locales/<lang>/main.ftl` (Fluent). Code refers to messages by
//! stable ids (`sign_in.incorrect_credentials`), which tests, themes and
//! translations share; the English text can change without breaking them.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use fluent_templates::{LanguageIdentifier, Loader, fluent_bundle::FluentValue, langid};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./src/i18n/locales",
        fallback_language: "en",
        // Bidi isolation marks around values make labels unspeakable for
        // voice control and leak into copied text; right-to-left catalogs
        // will isolate values in their own messages where needed.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The language pages are rendered in. Only English ships today; the
/// catalog layout is ready for more (Fluent falls back to English per message).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lang(LanguageIdentifier);

impl Default for Lang {
    fn default() -> Self {
        Self(langid!("en"))
    }
}

impl Lang {
    /// The value for `<html lang>`.
    pub fn tag(&self) -> String {
        self.0.to_string()
    }

    /// Writing direction for `<html dir>`.
    pub fn dir(&self) -> &'static str {
        match self.0.language.as_str() {
            "ar" | "he" | "fa" | "ur" => "rtl",
            _ => "ltr",
        }
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
const NUMERIC_ARGS: &[&str] = &["minutes"];

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

/// Whether the catalog has message `id` (used by tests).
pub fn has(lang: &Lang, id: &str) -> bool {
    LOCALES.try_lookup(&lang.0, &fluent_id(id)).is_some()
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
        assert!(has(&Lang::default(), "brand.name"), "the catalog loads");
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
        let text = t_args(&Lang::default(), "sign_up.code_sent", &args);
        assert!(text.contains("a***@e***"), "{text}");
    }
}
