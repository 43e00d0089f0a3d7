//! docs/testing.md promises test authors a set of stable hooks: the
//! `data-testid`s and the `data-title-id`s of the pages. These tests
//! read both from the source and fail when the tables and the pages
//! drift apart, in either direction.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The Rust files under `dir`, with their comment lines removed (a doc
/// comment's example page is not a page).
fn sources(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable source dir") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("readable source");
                out.push(
                    text.lines()
                        .filter(|l| !l.trim_start().starts_with("//"))
                        .collect::<Vec<_>>()
                        .join("\n"),
                );
            }
        }
    }
    out
}

/// The first backticked cell of each row of the table under `heading`
/// (every backticked value in that cell).
fn table(doc: &str, heading: &str) -> BTreeSet<String> {
    let at = doc
        .find(heading)
        .unwrap_or_else(|| panic!("docs/testing.md has the heading {heading}"));
    let mut rows = BTreeSet::new();
    let mut in_table = false;
    for line in doc[at..].lines().skip(1) {
        if line.starts_with('#') {
            break;
        }
        if !line.starts_with('|') {
            if in_table {
                break;
            }
            continue;
        }
        // The header row (and the `|---|` below it) names no hook.
        if !in_table || line.starts_with("|---") {
            in_table = true;
            continue;
        }
        let cell = line.split('|').nth(1).unwrap_or_default();
        for (i, part) in cell.split('`').enumerate() {
            if i % 2 == 1 {
                rows.insert(part.to_owned());
            }
        }
    }
    rows
}

fn doc() -> String {
    std::fs::read_to_string(root().join("docs/testing.md")).expect("docs/testing.md")
}

/// The values after each `marker` in `text`, up to the closing quote.
fn quoted_after<'a>(text: &'a str, marker: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    text.match_indices(marker).filter_map(move |(at, _)| {
        let rest = &text[at + marker.len()..];
        rest.find('"').map(|end| &rest[..end])
    })
}

#[test]
fn the_data_testid_table_lists_exactly_what_the_pages_carry() {
    let mut in_pages = BTreeSet::new();
    for source in sources(&root().join("src")) {
        for id in quoted_after(&source, "data-testid=\"") {
            in_pages.insert(id.to_owned());
        }
        // A generated id, `data-testid=format!("mfa-state-{}", …)`: its prefix
        // with a placeholder, as the table writes it.
        for pattern in quoted_after(&source, "data-testid=format!(\"") {
            in_pages.insert(pattern.replace("{}", "<method>"));
        }
    }
    assert!(
        in_pages.len() >= 5,
        "the pages' test ids were found: {in_pages:?}"
    );
    assert_eq!(table(&doc(), "### `data-testid`"), in_pages);
}

#[test]
fn the_title_table_lists_exactly_the_titles_pages_carry() {
    let mut in_pages = BTreeSet::new();
    for source in sources(&root().join("src/pages")) {
        for marker in ["title_id=\"", "const TITLE: &str = \"", "\""] {
            for value in quoted_after(&source, marker) {
                let is_title = value.ends_with(".title") || value.ends_with("_title");
                let is_id = value
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_' || c == '.')
                    && value.contains('.');
                if is_title && is_id {
                    in_pages.insert(value.to_owned());
                }
            }
        }
    }
    // Message ids that end in "title" but name no page.
    for not_a_page in [
        "challenge.lost_app_title",
        "password.rules_title",
        "error_summary.title",
    ] {
        in_pages.remove(not_a_page);
    }
    assert!(in_pages.contains("sign_in.title") && in_pages.contains("challenge.app_code_title"));
    assert_eq!(table(&doc(), "the message id of its title"), in_pages);
}
