//! One-time codes: sign-up, password reset, attribute verification and
//! SMS/email MFA codes, plus TOTP (RFC 6238).
//!
//! Lifetimes are the ones Cognito documents: sign-up and attribute codes
//! 24 hours, reset codes 1 hour; SMS and email MFA codes last as long as
//! the app client's sign-in session (`AppClient::session_ms`).
//! <https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html>

use serde::{Deserialize, Serialize};

use crate::error::ApiError;

pub const SIGN_UP_TTL_MS: u64 = 24 * 3_600_000;
pub const ATTRIBUTE_TTL_MS: u64 = 24 * 3_600_000;
pub const RESET_TTL_MS: u64 = 3_600_000;
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingCode {
    pub code: String,
    pub expires_ms: u64,
    /// The attribute (email or phone_number) the code was sent to, which a
    /// successful confirmation marks verified.
    #[serde(default)]
    pub attribute: Option<String>,
}

/// Why a code was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeFailure {
    /// No code outstanding (never sent, or already used).
    Missing,
    Expired,
    Mismatch,
}

impl CodeFailure {
    /// Cognito's answer: ExpiredCodeException or CodeMismatchException.
    /// Too many of them in an hour is the caller's business
    /// (`users::limited_attempt`).
    pub fn to_error(self) -> ApiError {
        match self {
            Self::Missing | Self::Expired => ApiError::expired_code(),
            Self::Mismatch => ApiError::code_mismatch(),
        }
    }
}

impl PendingCode {
    pub fn new(ttl_ms: u64, now_ms: u64) -> Self {
        Self {
            code: six_digits(),
            expires_ms: now_ms.saturating_add(ttl_ms),
            attribute: None,
        }
    }

    pub fn for_attribute(ttl_ms: u64, now_ms: u64, attribute: &str) -> Self {
        Self {
            attribute: Some(attribute.to_owned()),
            ..Self::new(ttl_ms, now_ms)
        }
    }
}

/// Checks `given` against `slot` and consumes the code on success.
pub fn check(slot: &mut Option<PendingCode>, given: &str, now_ms: u64) -> Result<(), CodeFailure> {
    let Some(pending) = slot.as_mut() else {
        return Err(CodeFailure::Missing);
    };
    if now_ms >= pending.expires_ms {
        return Err(CodeFailure::Expired);
    }
    if !constant_time_eq(pending.code.as_bytes(), given.trim().as_bytes()) {
        return Err(CodeFailure::Mismatch);
    }
    *slot = None;
    Ok(())
}

/// Like [`check`] but leaves a correct code in place (ConfirmForgotPassword
/// must not burn the code when the new password is then refused).
pub fn peek(slot: &mut Option<PendingCode>, given: &str, now_ms: u64) -> Result<(), CodeFailure> {
    let saved = slot.clone();
    check(slot, given, now_ms)?;
    *slot = saved;
    Ok(())
}

pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    aws_lc_rs::constant_time::verify_slices_are_equal(a, b).is_ok()
}

pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut buf = [0u8; N];
    // aws-lc-rs's system RNG only fails if the OS has no entropy source, in
    // which case nothing here can work; zeros would be unsafe, so fall back
    // to `rand`'s thread RNG, which panics-free reseeds from the OS too.
    if aws_lc_rs::rand::fill(&mut buf).is_err() {
        use rand::RngCore as _;
        rand::rng().fill_bytes(&mut buf);
    }
    buf
}

fn six_digits() -> String {
    let n = u32::from_be_bytes(random_bytes::<4>()) % 1_000_000;
    format!("{n:06}")
}

/// Random string over `alphabet`, rejection-sampled so each symbol is equally likely.
pub fn random_string(alphabet: &[u8], len: usize) -> String {
    let mut out = String::with_capacity(len);
    let limit = 256 - (256 % alphabet.len().max(1));
    while out.len() < len {
        for b in random_bytes::<64>() {
            if usize::from(b) < limit && out.len() < len {
                out.push(char::from(alphabet[usize::from(b) % alphabet.len()]));
            }
        }
    }
    out
}

/// `j***@e***`, the way Cognito shows an email in CodeDeliveryDetails.
pub fn mask_email(email: &str) -> String {
    let (local, domain) = email.split_once('@').unwrap_or((email, ""));
    let first = |s: &str| s.chars().next().map(String::from).unwrap_or_default();
    format!("{}***@{}***", first(local), first(domain))
}

/// `+*******1234`, the way Cognito shows a phone number.
pub fn mask_phone(phone: &str) -> String {
    let digits: Vec<char> = phone.chars().collect();
    let keep = digits.len().min(4);
    let hidden = digits.len().saturating_sub(keep + 1);
    let tail: String = digits[digits.len() - keep..].iter().collect();
    format!("+{}{}", "*".repeat(hidden), tail)
}

/// A TOTP (RFC 6238: HMAC-SHA1, 6 digits, 30 s steps) with a ±1 step window.
pub mod totp {
    use totp_rs::{Builder, Secret};

    /// 20 random bytes (160 bits, RFC 4226's recommendation), base32 without
    /// padding: 32 characters, like Cognito's SecretCode.
    pub fn new_secret() -> String {
        Secret::new_stack(crate::codes::random_bytes::<20>()).to_base32()
    }

    /// The time step `code` is valid for at `now_secs`, if any.
    pub fn matching_step(secret_b32: &str, code: &str, now_secs: u64) -> Option<u64> {
        if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let secret = Secret::try_from_base32(secret_b32).ok()?;
        let totp = Builder::new()
            .with_secret(secret)
            .with_skew(1)
            .with_step_duration(30)
            .build()
            .ok()?;
        totp.check(code, now_secs).map(|counter| counter.max(1))
    }

    /// The current code; for tests and the benchmark.
    #[cfg(test)]
    pub fn code_at(secret_b32: &str, now_secs: u64) -> Option<String> {
        let secret = Secret::try_from_base32(secret_b32).ok()?;
        let totp = Builder::new().with_secret(secret).build().ok()?;
        Some(totp.generate(now_secs).to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_single_use() {
        let mut slot = Some(PendingCode::new(1000, 0));
        let code = slot.as_ref().map(|c| c.code.clone()).unwrap_or_default();
        assert_eq!(check(&mut slot, &code, 10), Ok(()));
        assert_eq!(check(&mut slot, &code, 10), Err(CodeFailure::Missing));
    }

    #[test]
    fn a_code_expires() {
        let mut slot = Some(PendingCode::new(1000, 0));
        let code = slot.as_ref().map(|c| c.code.clone()).unwrap_or_default();
        assert_eq!(check(&mut slot, &code, 1000), Err(CodeFailure::Expired));
    }

    #[test]
    fn a_wrong_guess_leaves_the_code_in_place() {
        let mut slot = Some(PendingCode::new(1000, 0));
        let code = slot.as_ref().map(|c| c.code.clone()).unwrap_or_default();
        let wrong = if code == "000000" { "111111" } else { "000000" };
        assert_eq!(check(&mut slot, wrong, 1), Err(CodeFailure::Mismatch));
        assert_eq!(check(&mut slot, &code, 1), Ok(()));
    }

    #[test]
    fn codes_are_six_digits() {
        for _ in 0..100 {
            let c = six_digits();
            assert_eq!(c.len(), 6);
            assert!(c.bytes().all(|b| b.is_ascii_digit()));
        }
    }

    #[test]
    fn masks_look_like_cognitos() {
        assert_eq!(mask_email("jane@example.com"), "j***@e***");
        assert_eq!(mask_phone("+15555550123"), "+*******0123");
    }

    #[test]
    fn totp_accepts_the_neighbouring_steps_only() {
        let secret = totp::new_secret();
        assert_eq!(secret.len(), 32);
        let now = 1_700_000_000;
        let code = totp::code_at(&secret, now).unwrap_or_default();
        assert!(totp::matching_step(&secret, &code, now).is_some());
        assert!(totp::matching_step(&secret, &code, now + 30).is_some());
        assert!(totp::matching_step(&secret, &code, now + 90).is_none());
    }
}
