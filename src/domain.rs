//! Validated input. Each type parses raw form text once, at the edge, and
//! cannot hold an invalid value afterwards. Errors are catalog ids.

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

/// An email address as a sign-in name or contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    /// Deliberately loose: the mailbox proves itself with the code Cognito
    /// sends. This only catches typos that can never be delivered.
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let value = raw.trim();
        if value.is_empty() {
            return Err("email.missing");
        }
        let valid = value.len() <= 254
            && !value.chars().any(|c| c.is_whitespace() || c.is_control())
            && value.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
            });
        if valid {
            Ok(Self(value.to_owned()))
        } else {
            Err("email.invalid")
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `jane@example.com` → `j***@e***`, the way Cognito masks
    /// delivery destinations, so every path shows the same shape.
    pub fn masked(&self) -> String {
        let (local, domain) = self.0.split_once('@').unwrap_or((&self.0, ""));
        let first = |s: &str| s.chars().next().map(String::from).unwrap_or_default();
        // Cognito's own shape (`u***@e***`), so a code's destination reads
        // the same on every page, whichever side masked it.
        format!("{}***@{}***", first(local), first(domain))
    }
}

/// Which name a pool signs people in with: email addresses (`UsernameAttributes =
/// [email]`) or free-form usernames.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInNameKind {
    Email,
    Username,
}

impl std::str::FromStr for SignInNameKind {
    type Err = String;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "email" => Ok(Self::Email),
            "username" => Ok(Self::Username),
            other => Err(format!("`{other}` is neither `email` nor `username`")),
        }
    }
}

/// A sign-in name as typed: an email address in email pools, a username
/// (or an alias Cognito resolves) in username pools.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInName(String);

impl SignInName {
    /// The username of the signed-in user, as the pool gave it: trusted,
    /// not typed, so not parsed.
    pub fn signed_in(username: &str) -> Self {
        Self(username.to_owned())
    }

    pub fn parse(raw: &str, kind: SignInNameKind) -> Result<Self, &'static str> {
        match kind {
            SignInNameKind::Email => Email::parse(raw).map(|e| Self(e.0)),
            SignInNameKind::Username => {
                let value = raw.trim();
                if value.is_empty() {
                    return Err("username.missing");
                }
                if value.chars().count() > 128 || value.chars().any(char::is_control) {
                    return Err("username.invalid");
                }
                Ok(Self(value.to_owned()))
            }
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The address codes go to, masked, when the name is an email address.
    pub fn masked_email(&self) -> Option<String> {
        Email::parse(&self.0).ok().map(|e| e.masked())
    }
}

/// A username chosen at sign-up in a username pool: no spaces, no `@`
/// (Cognito would take it for an email alias), at most 128 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUsername(String);

impl NewUsername {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let name = raw.trim();
        if name.is_empty() {
            return Err("username.missing");
        }
        if name.contains('@')
            || name.chars().any(|c| c.is_whitespace() || c.is_control())
            || name.chars().count() > 128
        {
            return Err("username.invalid");
        }
        Ok(Self(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password as typed. Never logged, never echoed back into a form.
#[derive(Debug)]
pub struct Password(SecretString);

impl Password {
    pub fn parse(raw: String) -> Result<Self, &'static str> {
        if raw.is_empty() {
            return Err("password.missing");
        }
        // Cognito's limit; longer input is refused before it reaches the pool.
        if raw.chars().count() > 256 {
            return Err("password.too_long");
        }
        Ok(Self(SecretString::from(raw)))
    }

    pub fn secret(&self) -> &SecretString {
        &self.0
    }
}

/// A new password: a [`Password`] that meets the pool's policy. Cognito
/// checks again and has the last word; this catches what it would refuse
/// before a round trip, with the rules shown on the page.
#[derive(Debug)]
pub struct NewPassword(Password);

impl NewPassword {
    pub fn parse(raw: String, policy: &PasswordPolicy) -> Result<Self, &'static str> {
        let password = Password::parse(raw)?;
        // The first rule the password breaks, by name: "Add a number."
        // says what to do, where "does not meet the requirements" did not.
        match policy.broken_rules(&password).first() {
            None => Ok(Self(password)),
            Some(rule) => Err(rule.needs_id()),
        }
    }

    pub fn secret(&self) -> &SecretString {
        self.0.secret()
    }
}

/// A six-digit code from an email, a text message or an authenticator app.
#[derive(Debug, Clone)]
pub struct OtpCode(String);

impl OtpCode {
    /// Accepts `123456`, `123 456` and `123-456`, since people copy codes
    /// with the separators some apps show.
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let digits: String = raw
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '\u{a0}'))
            .collect();
        if digits.is_empty() {
            return Err("code.missing");
        }
        if digits.len() != 6 || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err("code.format");
        }
        Ok(Self(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A phone number in E.164 form (`+15555550123`), from what people type:
/// spaces, dashes, dots and brackets are dropped; the country code is required.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone(String);

impl Phone {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let cleaned: String = raw
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')' | '\u{a0}'))
            .collect();
        let digits = cleaned.strip_prefix('+').ok_or("phone.invalid")?;
        if (8..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Self(cleaned))
        } else {
            Err("phone.invalid")
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A language tag like `en`, `pt-BR` or `zh-Hant-TW` (the shape of BCP 47).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locale(String);

impl Locale {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let value = raw.trim();
        let mut parts = value.split(['-', '_']);
        let first_ok = parts.next().is_some_and(|p| {
            (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic())
        });
        let valid = first_ok
            && parts.all(|p| {
                (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric())
            })
            && value.len() <= 35;
        if valid {
            Ok(Self(value.to_owned()))
        } else {
            Err("profile.locale_invalid")
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The value of a free-text attribute (a name, a custom attribute), trimmed:
/// at most 256 characters (Cognito's limit) and no control characters.
/// Empty is allowed: on the profile page it removes the attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributeValue(String);

impl AttributeValue {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let value = raw.trim();
        if value.chars().count() > 256 {
            return Err("attribute.too_long");
        }
        if value.chars().any(char::is_control) {
            return Err("attribute.invalid_characters");
        }
        Ok(Self(value.to_owned()))
    }

    /// Like `parse`, for a field that must not be empty.
    pub fn parse_required(raw: &str) -> Result<Self, &'static str> {
        let value = Self::parse(raw)?;
        if value.0.is_empty() {
            return Err("attribute.missing");
        }
        Ok(value)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// What people call the device an authenticator app runs on, for
/// Cognito's records: optional, trimmed, at most 64 characters (longer
/// names are cut, not refused: the name only labels the device).
pub fn device_name(raw: &str) -> Option<String> {
    let name = raw.trim();
    (!name.is_empty()).then(|| name.chars().take(64).collect())
}

/// The attributes that are verified with a code: email and phone number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContactAttribute {
    Email,
    Phone,
}

impl ContactAttribute {
    /// Cognito's attribute name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Phone => "phone_number",
        }
    }

    /// From Cognito's attribute name, as forms and query strings carry it.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "email" => Some(Self::Email),
            "phone_number" => Some(Self::Phone),
            _ => None,
        }
    }
}

/// The pool's password policy, for the sign-up checklist and early,
/// per-rule messages (Cognito checks again; it has the last word).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordPolicy {
    pub min_length: usize,
    pub require_uppercase: bool,
    pub require_lowercase: bool,
    pub require_digit: bool,
    pub require_symbol: bool,
}

impl Default for PasswordPolicy {
    /// Cognito's default policy for new pools.
    fn default() -> Self {
        Self {
            min_length: 8,
            require_uppercase: true,
            require_lowercase: true,
            require_digit: true,
            require_symbol: true,
        }
    }
}

/// The symbols Cognito counts as special characters
/// (<https://docs.aws.amazon.com/cognito/latest/developerguide/managing-users-passwords.html>).
const SYMBOLS: &str = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ";

/// One line of the checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    MinLength(usize),
    Uppercase,
    Lowercase,
    Digit,
    Symbol,
}

impl Rule {
    pub fn message_id(&self) -> &'static str {
        match self {
            Rule::MinLength(_) => "password.rule.min_length",
            Rule::Uppercase => "password.rule.uppercase",
            Rule::Lowercase => "password.rule.lowercase",
            Rule::Digit => "password.rule.digit",
            Rule::Symbol => "password.rule.symbol",
        }
    }

    /// The message for a password that breaks this rule.
    pub fn needs_id(&self) -> &'static str {
        match self {
            Rule::MinLength(_) => "password.needs_min_length",
            Rule::Uppercase => "password.needs_uppercase",
            Rule::Lowercase => "password.needs_lowercase",
            Rule::Digit => "password.needs_digit",
            Rule::Symbol => "password.needs_symbol",
        }
    }

    /// The rule's name in the checklist's markup (`data-rule`), for the
    /// optional script that ticks rules as the visitor types.
    pub fn name(&self) -> &'static str {
        match self {
            Rule::MinLength(_) => "min_length",
            Rule::Uppercase => "uppercase",
            Rule::Lowercase => "lowercase",
            Rule::Digit => "digit",
            Rule::Symbol => "symbol",
        }
    }

    pub fn holds(&self, password: &str) -> bool {
        match self {
            Rule::MinLength(n) => password.chars().count() >= *n,
            Rule::Uppercase => password.chars().any(char::is_uppercase),
            Rule::Lowercase => password.chars().any(char::is_lowercase),
            Rule::Digit => password.chars().any(|c| c.is_ascii_digit()),
            Rule::Symbol => password.chars().any(|c| SYMBOLS.contains(c)),
        }
    }
}

impl PasswordPolicy {
    /// Parses `min=12,upper,lower,digit,symbol`; rules not named are off.
    pub fn parse(spec: &str) -> Result<Self, String> {
        let mut policy = Self {
            min_length: 6,
            require_uppercase: false,
            require_lowercase: false,
            require_digit: false,
            require_symbol: false,
        };
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match part {
                "upper" => policy.require_uppercase = true,
                "lower" => policy.require_lowercase = true,
                "digit" => policy.require_digit = true,
                "symbol" => policy.require_symbol = true,
                other => {
                    let n = other
                        .strip_prefix("min=")
                        .and_then(|n| n.parse::<usize>().ok())
                        .filter(|n| (6..=99).contains(n))
                        .ok_or_else(|| {
                            format!("unknown password policy part `{other}` (use min=N with 6 ≤ N ≤ 99, upper, lower, digit, symbol)")
                        })?;
                    policy.min_length = n;
                }
            }
        }
        Ok(policy)
    }

    pub fn rules(&self) -> Vec<Rule> {
        let mut rules = vec![Rule::MinLength(self.min_length)];
        if self.require_lowercase {
            rules.push(Rule::Lowercase);
        }
        if self.require_uppercase {
            rules.push(Rule::Uppercase);
        }
        if self.require_digit {
            rules.push(Rule::Digit);
        }
        if self.require_symbol {
            rules.push(Rule::Symbol);
        }
        rules
    }

    /// The rules this password breaks, in checklist order.
    pub fn broken_rules(&self, password: &Password) -> Vec<Rule> {
        let text = password.secret().expose_secret();
        self.rules()
            .into_iter()
            .filter(|r| !r.holds(text))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_missing_at_symbol_is_rejected() {
        assert_eq!(Email::parse("jane.example.com"), Err("email.invalid"));
    }

    #[test]
    fn email_is_trimmed() {
        assert_eq!(
            Email::parse("  jane@example.com ").map(|e| e.0),
            Ok("jane@example.com".into())
        );
    }

    #[test]
    fn email_is_masked_like_cognito_does() {
        let email = Email::parse("jane@example.com").expect("valid");
        assert_eq!(email.masked(), "j***@e***");
    }

    #[test]
    fn codes_accept_spaces_and_dashes() {
        assert_eq!(OtpCode::parse("123 456").map(|c| c.0), Ok("123456".into()));
        assert_eq!(OtpCode::parse("123-456").map(|c| c.0), Ok("123456".into()));
        assert_eq!(OtpCode::parse("12345").map(|c| c.0), Err("code.format"));
        assert_eq!(OtpCode::parse("12345a").map(|c| c.0), Err("code.format"));
        assert_eq!(OtpCode::parse("  ").map(|c| c.0), Err("code.missing"));
    }

    #[test]
    fn default_policy_reports_each_broken_rule() {
        let policy = PasswordPolicy::default();
        let password = Password::parse("abc".into()).expect("non-empty");
        assert_eq!(
            policy.broken_rules(&password),
            vec![
                Rule::MinLength(8),
                Rule::Uppercase,
                Rule::Digit,
                Rule::Symbol
            ]
        );
        let strong = Password::parse("Correct-horse-7".into()).expect("non-empty");
        assert!(policy.broken_rules(&strong).is_empty());
    }

    #[test]
    fn policy_spec_is_parsed_and_checked() {
        let policy = PasswordPolicy::parse("min=12,digit").expect("valid spec");
        assert_eq!(policy.rules(), vec![Rule::MinLength(12), Rule::Digit]);
        assert!(PasswordPolicy::parse("min=3").is_err());
        assert!(PasswordPolicy::parse("shouty").is_err());
    }

    #[test]
    fn sign_in_names_follow_the_pool_kind() {
        assert_eq!(
            SignInName::parse(" ada@example.com ", SignInNameKind::Email).map(|n| n.0),
            Ok("ada@example.com".into())
        );
        assert_eq!(
            SignInName::parse("ada", SignInNameKind::Email),
            Err("email.invalid")
        );
        assert_eq!(
            SignInName::parse("ada", SignInNameKind::Username).map(|n| n.0),
            Ok("ada".into())
        );
        assert_eq!(
            SignInName::parse("  ", SignInNameKind::Username),
            Err("username.missing")
        );
    }

    #[test]
    fn new_usernames_have_no_spaces_or_at_signs() {
        assert!(NewUsername::parse("grace").is_ok());
        assert_eq!(NewUsername::parse("grace hopper"), Err("username.invalid"));
        assert_eq!(NewUsername::parse("g@h"), Err("username.invalid"));
        assert_eq!(NewUsername::parse(""), Err("username.missing"));
    }

    #[test]
    fn a_new_password_must_meet_the_policy() {
        let policy = PasswordPolicy::default();
        // The first rule broken, by name.
        assert_eq!(
            NewPassword::parse("short".into(), &policy).map(|_| ()),
            Err("password.needs_min_length")
        );
        assert_eq!(
            NewPassword::parse("long-enough-1".into(), &policy).map(|_| ()),
            Err("password.needs_uppercase")
        );
        assert_eq!(
            NewPassword::parse("Long-enough-one".into(), &policy).map(|_| ()),
            Err("password.needs_digit")
        );
        assert_eq!(
            NewPassword::parse(String::new(), &policy).map(|_| ()),
            Err("password.missing")
        );
        assert!(NewPassword::parse("Correct-horse-7".into(), &policy).is_ok());
    }

    #[test]
    fn phone_numbers_lose_their_separators() {
        assert_eq!(
            Phone::parse("+1 (555) 555-0123").map(|p| p.0),
            Ok("+15555550123".into())
        );
        assert_eq!(Phone::parse("555 0123"), Err("phone.invalid"));
        assert_eq!(Phone::parse("+12"), Err("phone.invalid"));
    }

    #[test]
    fn locales_are_language_tags() {
        for ok in ["en", "pt-BR", "zh-Hant-TW", "fr_CA"] {
            assert!(Locale::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["", "e", "english language", "en--US", "12"] {
            assert_eq!(Locale::parse(bad), Err("profile.locale_invalid"), "{bad}");
        }
    }

    #[test]
    fn attribute_values_are_trimmed_and_bounded() {
        assert_eq!(
            AttributeValue::parse("  Ada ").map(|v| v.0),
            Ok("Ada".into())
        );
        assert_eq!(
            AttributeValue::parse(&"x".repeat(257)),
            Err("attribute.too_long")
        );
        assert_eq!(
            AttributeValue::parse("a\u{7}b"),
            Err("attribute.invalid_characters")
        );
        assert_eq!(
            AttributeValue::parse_required("  "),
            Err("attribute.missing")
        );
    }

    #[test]
    fn device_names_are_optional_and_cut_to_64_characters() {
        assert_eq!(device_name("   "), None);
        assert_eq!(device_name(&"d".repeat(70)).map(|n| n.len()), Some(64));
    }

    #[test]
    fn overlong_passwords_are_refused_before_cognito() {
        assert_eq!(
            Password::parse("x".repeat(257)).map(|_| ()),
            Err("password.too_long")
        );
    }
}
