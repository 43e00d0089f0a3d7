//! The server side of Cognito's SRP-6a (USER_SRP_AUTH → PASSWORD_VERIFIER).
//!
//! Hand-written: SRP crates implement RFC 5054 servers, but none implements
//! the variant Cognito speaks, whose details all matter for interoperability:
//!
//! * group: RFC 5054's 3072-bit prime, g = 2;
//! * "padding" is Java's `BigInteger.toByteArray` style used by the AWS
//!   clients (a leading zero byte only when the top bit is set), not
//!   padding to the length of N;
//! * k = H(pad(N) | pad(g)), u = H(pad(A) | pad(B)),
//!   x = H(pad(salt) | H(poolName | username | ":" | password));
//! * S = (A · v^u)^b mod N;
//! * key = HKDF-SHA256(salt = pad(u), ikm = pad(S), info = "Caldera Derived Key"), 16 bytes;
//! * PASSWORD_CLAIM_SIGNATURE = HMAC-SHA256(key, poolName | userIdForSrp | secretBlock | timestamp).
//!
//! The byte layout was cross-checked against the `aws-cognito-srp` client
//! (tested against real Cognito), which the integration tests use.
//! <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html>

use std::sync::LazyLock;

use aws_lc_rs::{digest, hkdf, hmac};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use crypto_bigint::modular::{FixedMontyForm, FixedMontyParams};
use crypto_bigint::{Odd, U256, U1024, U3072, Uint};
use num_bigint::BigUint;
use serde::{Deserialize, Serialize};

use crate::codes::{constant_time_eq, random_bytes};

/// RFC 5054's 3072-bit group prime (also read by `benches/srp.rs`).
pub(crate) const N_HEX: &str = concat!(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1",
    "29024E088A67CC74020BBEA63B139B22514A08798E3404DD",
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245",
    "E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED",
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3D",
    "C2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F",
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D",
    "670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B",
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9",
    "DE2BCBF6955817183995497CEA956AE515D2261898FA0510",
    "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64",
    "ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7",
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6B",
    "F12FFA06D98A0864D87602733EC86A64521F2B18177B200C",
    "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB31",
    "43DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF"
);

// N_HEX is a valid hex literal, so parsing cannot fail; the fallback only
// satisfies the type (and would make every SRP proof fail loudly).
static N: LazyLock<BigUint> =
    LazyLock::new(|| BigUint::parse_bytes(N_HEX.as_bytes(), 16).unwrap_or_default());
static G: LazyLock<BigUint> = LazyLock::new(|| BigUint::from(2u32));
static K: LazyLock<BigUint> = LazyLock::new(|| {
    let mut ctx = digest::Context::new(&digest::SHA256);
    ctx.update(&pad(&N));
    ctx.update(&pad(&G));
    BigUint::from_bytes_be(ctx.finish().as_ref())
});

/// N's Montgomery parameters, for [`pow_mod_n`]. `N_HEX` is exactly 3072
/// bits of hex, which is what `from_be_hex` requires, and N is odd.
static MONTY: LazyLock<Option<FixedMontyParams<{ U3072::LIMBS }>>> = LazyLock::new(|| {
    Option::<Odd<U3072>>::from(Odd::new(U3072::from_be_hex(N_HEX)))
        .map(FixedMontyParams::new_vartime)
});

/// `base^exponent mod N` in constant time for exponents of up to
/// `LIMBS` limbs: the time depends on that width, never on the exponent's
/// value, which for b (the pool's SRP secret) and x (derived from the
/// password) must not leak. crypto-bigint, measured against num-bigint,
/// GMP and aws-lc in docs/benchmarks.md: the fastest constant-time option
/// in safe Rust (aws-lc's is faster, but only through raw FFI).
fn pow_mod_n<const LIMBS: usize>(base: &BigUint, exponent: &BigUint) -> BigUint {
    let base = (base % &*N).to_bytes_be();
    let exponent = exponent.to_bytes_be();
    let width = Uint::<LIMBS>::BYTES;
    let (Some(params), true) = (MONTY.as_ref(), exponent.len() <= width) else {
        // Wider than the callers' exponents ever are (SHA-256 outputs and
        // 128 random bytes): correct, if not constant time.
        return BigUint::from_bytes_be(&base).modpow(&BigUint::from_bytes_be(&exponent), &N);
    };
    let mut base_bytes = [0u8; U3072::BYTES];
    base_bytes[U3072::BYTES - base.len()..].copy_from_slice(&base);
    let mut exponent_bytes = vec![0u8; width];
    exponent_bytes[width - exponent.len()..].copy_from_slice(&exponent);
    let power = FixedMontyForm::new(&U3072::from_be_slice(&base_bytes), params)
        .pow(&Uint::<LIMBS>::from_be_slice(&exponent_bytes))
        .retrieve();
    BigUint::from_bytes_be(power.to_be_bytes().as_ref())
}

/// Exponent widths: x and u are SHA-256 outputs, b is 128 random bytes.
const HASH_LIMBS: usize = U256::LIMBS;
const SECRET_LIMBS: usize = U1024::LIMBS;

const DERIVE_KEY_INFO: &[u8] = b"Caldera Derived Key";

/// Java `BigInteger.toByteArray` of a non-negative number: big-endian,
/// minimal, with a 0x00 prefix when the top bit is set.
fn pad_bytes(bytes: &[u8]) -> Vec<u8> {
    match bytes.first() {
        Some(&b) if b >= 0x80 => {
            let mut out = Vec::with_capacity(bytes.len() + 1);
            out.push(0);
            out.extend_from_slice(bytes);
            out
        }
        _ => bytes.to_vec(),
    }
}

fn pad(n: &BigUint) -> Vec<u8> {
    pad_bytes(&n.to_bytes_be())
}

fn sha256(parts: &[&[u8]]) -> Vec<u8> {
    let mut ctx = digest::Context::new(&digest::SHA256);
    for part in parts {
        ctx.update(part);
    }
    ctx.finish().as_ref().to_vec()
}

pub fn to_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

fn from_hex(s: &str) -> Option<Vec<u8>> {
    let s = s.trim();
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let padded = if s.len() % 2 == 1 {
        format!("0{s}")
    } else {
        s.to_owned()
    };
    (0..padded.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&padded[i..i + 2], 16).ok())
        .collect()
}

fn compute_x(salt: &[u8], pool_name: &str, username: &str, password: &str) -> BigUint {
    let identity = sha256(&[
        pool_name.as_bytes(),
        username.as_bytes(),
        b":",
        password.as_bytes(),
    ]);
    BigUint::from_bytes_be(&sha256(&[&pad_bytes(salt), &identity]))
}

/// What the pool keeps instead of a password.
#[derive(Clone, Serialize, Deserialize)]
pub struct Verifier {
    /// Hex, first byte non-zero so every client reads the same bytes.
    pub salt: String,
    /// v = g^x mod N, hex.
    pub verifier: String,
}

impl std::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Verifier(..)")
    }
}

impl Verifier {
    pub fn new(pool_name: &str, username: &str, password: &str) -> Self {
        let mut salt = random_bytes::<16>();
        // A leading zero byte would be dropped by clients that parse the
        // salt as a number (the JavaScript SDK) but kept by others.
        salt[0] |= 0x01;
        let x = compute_x(&salt, pool_name, username, password);
        Self {
            salt: to_hex(&salt),
            verifier: pow_mod_n::<HASH_LIMBS>(&G, &x).to_str_radix(16),
        }
    }

    fn v(&self) -> Option<BigUint> {
        BigUint::parse_bytes(self.verifier.as_bytes(), 16)
    }

    /// USER_PASSWORD_AUTH and ChangePassword: recompute v from the password.
    pub fn matches_password(&self, pool_name: &str, username: &str, password: &str) -> bool {
        let (Some(salt), Some(v)) = (from_hex(&self.salt), self.v()) else {
            return false;
        };
        let x = compute_x(&salt, pool_name, username, password);
        constant_time_eq(
            &pow_mod_n::<HASH_LIMBS>(&G, &x).to_bytes_be(),
            &v.to_bytes_be(),
        )
    }
}

/// Spends the same modular exponentiation as a real check, so an unknown
/// user costs as much time as a wrong password.
pub fn burn_equivalent_time(pool_name: &str, username: &str, password: &str) {
    let salt = sha256(&[b"local-pool timing", username.as_bytes()]);
    let x = compute_x(&salt[..16], pool_name, username, password);
    let _ = pow_mod_n::<HASH_LIMBS>(&G, &x);
}

/// A fake salt for an unknown user from a keyed digest of the name
/// (`users::keyed_fake`), so repeated attempts see the same salt, as they
/// would for a real account.
pub fn fake_salt(keyed_digest: &[u8]) -> String {
    let mut salt = keyed_digest[..keyed_digest.len().min(16)].to_vec();
    if let Some(first) = salt.first_mut() {
        *first |= 0x01;
    }
    to_hex(&salt)
}

/// The server's private and public values for one exchange.
#[derive(Clone)]
pub struct ServerExchange {
    b: BigUint,
    big_b: BigUint,
    big_a: BigUint,
}

impl std::fmt::Debug for ServerExchange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ServerExchange(..)")
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum SrpError {
    /// SRP_A is not hex, or is ≡ 0 mod N (which would let a client force S = 0).
    InvalidA,
}

fn random_private() -> BigUint {
    BigUint::from_bytes_be(&random_bytes::<128>())
}

/// Starts an exchange: checks A and computes B = k·v + g^b mod N.
/// `verifier` is `None` for an unknown user; B is then random-looking but
/// costs the same to compute.
pub fn start(
    verifier: Option<&Verifier>,
    srp_a_hex: &str,
) -> Result<(ServerExchange, String), SrpError> {
    let big_a = from_hex(srp_a_hex)
        .map(|b| BigUint::from_bytes_be(&b))
        .ok_or(SrpError::InvalidA)?;
    if (&big_a % &*N) == BigUint::ZERO {
        return Err(SrpError::InvalidA);
    }
    let v = verifier
        .and_then(Verifier::v)
        .unwrap_or_else(|| BigUint::from_bytes_be(&random_bytes::<384>()) % &*N);
    loop {
        let b = random_private();
        let big_b = (&*K * &v + pow_mod_n::<SECRET_LIMBS>(&G, &b)) % &*N;
        if big_b != BigUint::ZERO {
            let hex = big_b.to_str_radix(16);
            return Ok((ServerExchange { b, big_b, big_a }, hex));
        }
    }
}

struct KeyLen(usize);

impl hkdf::KeyType for KeyLen {
    fn len(&self) -> usize {
        self.0
    }
}

/// Checks PASSWORD_CLAIM_SIGNATURE. Any malformed input is simply "wrong".
/// `verifier` is `None` for an unknown user: the same two modular
/// exponentiations run against a random verifier and the answer is `false`,
/// so an unknown name takes as long as a wrong password.
pub fn verify_claim(
    exchange: &ServerExchange,
    verifier: Option<&Verifier>,
    pool_name: &str,
    user_id_for_srp: &str,
    secret_block_b64: &str,
    timestamp: &str,
    signature_b64: &str,
) -> bool {
    let known = verifier.and_then(Verifier::v);
    let is_known = known.is_some();
    let v = known.unwrap_or_else(|| BigUint::from_bytes_be(&random_bytes::<384>()) % &*N);
    let u = BigUint::from_bytes_be(&sha256(&[&pad(&exchange.big_a), &pad(&exchange.big_b)]));
    if u == BigUint::ZERO {
        return false;
    }
    let s = pow_mod_n::<SECRET_LIMBS>(
        &(&exchange.big_a * pow_mod_n::<HASH_LIMBS>(&v, &u)),
        &exchange.b,
    );

    let mut key = [0u8; 16];
    let salt = hkdf::Salt::new(hkdf::HKDF_SHA256, &pad(&u));
    let prk = salt.extract(&pad(&s));
    let info = [DERIVE_KEY_INFO];
    let Ok(okm) = prk.expand(&info, KeyLen(16)) else {
        return false;
    };
    if okm.fill(&mut key).is_err() {
        return false;
    }

    let Ok(secret_block) = BASE64.decode(secret_block_b64.trim()) else {
        return false;
    };
    let Ok(signature) = BASE64.decode(signature_b64.trim()) else {
        return false;
    };
    let mac_key = hmac::Key::new(hmac::HMAC_SHA256, &key);
    let mut ctx = hmac::Context::with_key(&mac_key);
    ctx.update(pool_name.as_bytes());
    ctx.update(user_id_for_srp.as_bytes());
    ctx.update(&secret_block);
    ctx.update(timestamp.as_bytes());
    constant_time_eq(ctx.sign().as_ref(), &signature) && is_known
}

/// The format of TIMESTAMP: Java's `EEE MMM d HH:mm:ss z yyyy` in UTC, as
/// the AWS SDKs send it (`Mon Jan 2 03:04:05 UTC 2006`, the day without a
/// leading zero). Cognito's documentation does not spell it out; the SDKs
/// and Cognito's own error message do.
const TIMESTAMP_FORMAT: &str = "%a %b %-d %H:%M:%S UTC %Y";

/// The instant a TIMESTAMP names (seconds since the epoch), if it is in
/// exactly the SDKs' format: a padded day, a weekday that does not fall on
/// that date or any other spelling is refused, because formatting the
/// parsed instant again must give back the same text.
pub fn timestamp_seconds(ts: &str) -> Option<i64> {
    let parsed = chrono::NaiveDateTime::parse_from_str(ts, TIMESTAMP_FORMAT).ok()?;
    (parsed.format(TIMESTAMP_FORMAT).to_string() == ts).then(|| parsed.and_utc().timestamp())
}

/// A fresh SECRET_BLOCK: opaque to the client, which signs it.
pub fn new_secret_block() -> String {
    BASE64.encode(random_bytes::<96>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn k_matches_the_value_every_cognito_client_computes() {
        // k = H(00 | N | 02) from amazon-cognito-identity-js.
        assert_eq!(
            K.to_str_radix(16),
            "538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6"
        );
    }

    #[test]
    fn a_password_matches_its_own_verifier_only() {
        let v = Verifier::new("AbC123xyz", "user-1", "Correct1!");
        assert!(v.matches_password("AbC123xyz", "user-1", "Correct1!"));
        assert!(!v.matches_password("AbC123xyz", "user-1", "Wrong1!"));
        assert!(!v.matches_password("AbC123xyz", "user-2", "Correct1!"));
    }

    #[test]
    fn a_zero_a_is_refused() {
        let v = Verifier::new("p", "u", "x");
        assert_eq!(start(Some(&v), "0").err(), Some(SrpError::InvalidA));
        assert_eq!(start(Some(&v), N_HEX).err(), Some(SrpError::InvalidA));
        assert_eq!(start(Some(&v), "zz").err(), Some(SrpError::InvalidA));
    }

    #[test]
    fn the_timestamp_format_is_checked_exactly() {
        assert_eq!(
            timestamp_seconds("Mon Feb 10 18:30:12 UTC 2025"),
            Some(1_739_212_212)
        );
        assert_eq!(
            timestamp_seconds("Mon Jan 2 03:04:05 UTC 2006"),
            Some(1_136_171_045)
        );
        // A padded day, a weekday that is not that date's, another zone,
        // ISO 8601, extra spaces.
        for bad in [
            "Mon Jan 02 03:04:05 UTC 2006",
            "Tue Jan 2 03:04:05 UTC 2006",
            "Mon Jan 2 03:04:05 GMT 2006",
            "2006-01-02T03:04:05Z",
            "Mon  Jan 2 03:04:05 UTC 2006",
            "Mon Jan 2 3:04:05 UTC 2006",
            "",
        ] {
            assert_eq!(timestamp_seconds(bad), None, "{bad}");
        }
    }
}
