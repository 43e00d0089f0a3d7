//! What a form post must look like before a server function decodes it.
//!
//! Leptos decodes form bodies with serde and answers a decoding error
//! with a 500 (or, for a browser, a redirect that carries the error text
//! in `__err` and trusts the Referer). Threshold's forms are flat lists of
//! named text fields, so anything else is a request no page of ours
//! sends: it is refused here with a 400 before serde sees it.

/// Why a body was refused (for the log; the visitor sees one page).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Malformed {
    #[error("a field name or value is not UTF-8")]
    NotUtf8,
    #[error("the field `{0}` is given more than once")]
    Duplicate(String),
    #[error("the field name `{0}` is not a plain name")]
    OddName(String),
}

/// Checks an `application/x-www-form-urlencoded` body: every name and
/// value decodes to UTF-8, names are plain (`[a-z0-9_]`) or one map
/// entry (`attributes[custom:company]`, as the profile form sends), and
/// no name appears twice. Whether a name suits the server function (a map
/// where a value belongs) is serde's to find; the middleware answers its
/// error with the same 400.
pub fn check(body: &[u8]) -> Result<(), Malformed> {
    let mut seen = std::collections::BTreeSet::new();
    for pair in body.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
        let (name, value) = match pair.iter().position(|b| *b == b'=') {
            Some(at) => (&pair[..at], &pair[at + 1..]),
            None => (pair, &[][..]),
        };
        let name = decode(name)?;
        decode(value)?;
        if !is_field_name(&name) {
            return Err(Malformed::OddName(name.chars().take(40).collect()));
        }
        if !seen.insert(name.clone()) {
            return Err(Malformed::Duplicate(name));
        }
    }
    Ok(())
}

fn is_field_name(name: &str) -> bool {
    let plain = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    };
    match name.split_once('[') {
        None => plain(name),
        Some((map, rest)) => {
            let Some(key) = rest.strip_suffix(']') else {
                return false;
            };
            // Cognito attribute names: letters, digits and `_:-.`.
            plain(map)
                && !key.is_empty()
                && key.len() <= 64
                && key
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"_:-.".contains(&b))
        }
    }
}

/// Percent- and plus-decodes one name or value, strictly as UTF-8
/// (the `url` crate's decoder would replace bad bytes silently).
fn decode(raw: &[u8]) -> Result<String, Malformed> {
    let plus_as_space: Vec<u8> = raw
        .iter()
        .map(|b| if *b == b'+' { b' ' } else { *b })
        .collect();
    let bytes: Vec<u8> = percent_encoding::percent_decode(&plus_as_space).collect();
    String::from_utf8(bytes).map_err(|_| Malformed::NotUtf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forms_our_pages_send_pass() {
        assert_eq!(
            check(b"username=ada%40example.com&password=a+b%26c&csrf_token=x&return_to="),
            Ok(())
        );
        assert_eq!(check(b""), Ok(()));
        // Non-ASCII text, correctly encoded, is welcome.
        assert_eq!(check("name=Ad%C3%A1".as_bytes()), Ok(()));
    }

    #[test]
    fn what_no_page_sends_is_refused() {
        assert_eq!(check(b"a=1&a=2"), Err(Malformed::Duplicate("a".into())));
        assert_eq!(check(b"a=%FF"), Err(Malformed::NotUtf8));
        assert_eq!(check(b"a=\xff"), Err(Malformed::NotUtf8));
        assert_eq!(
            check(b"attributes%5Bcustom%3Acompany%5D=x&attributes[name]=y"),
            Ok(())
        );
        assert!(matches!(check(b"a[b][c]=1"), Err(Malformed::OddName(_))));
        assert!(matches!(check(b"a[]=1"), Err(Malformed::OddName(_))));
        assert!(matches!(check(b"=1"), Err(Malformed::OddName(_))));
    }
}
