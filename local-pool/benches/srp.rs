//! CPU time of the local pool's side of one SRP sign-in, without HTTP,
//! and the big-integer libraries that could do its modular exponentiation.
//!
//! `cargo bench -p local-pool --bench srp` (about a minute
//! after building); `-- --quick` for a smoke run of a few seconds.
//!
//! Two kinds of group:
//!
//! * "one sign-in, the local pool's side": what `srp.rs` does for
//!   InitiateAuth (check A, B = k·v + g^b), for RespondToAuthChallenge
//!   (u, S = (A·v^u)^b, the key and the claim's HMAC), both together, and
//!   the verifier a sign-up (or a USER_PASSWORD_AUTH check) computes;
//! * "modpow 3072-bit N, …" (one group per operation): the
//!   exponentiations those steps spend their time in, for each library,
//!   with RFC 5054's 3072-bit group and the exponent sizes the protocol
//!   uses; bases other than g are full 3072-bit numbers.
//!
//! The pool's SRP module is private, so it is compiled into this bench
//! from its own source file: the code measured is the code the pool runs,
//! with no `pub` added for the bench's sake.

use std::hint::black_box;
use std::time::Duration;

use aws_cognito_srp::{SrpClient, User, VerificationParameters};
use cpu_time::ThreadCpuTime;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use crypto_bigint::modular::{BoxedMontyForm, BoxedMontyParams, FixedMontyForm, FixedMontyParams};
use crypto_bigint::{BoxedUint, Odd, U1024, U3072};
use num_bigint::BigUint;

/// Figures are the thread's CPU time, not wall time (see the file).
#[path = "support/cpu_time.rs"]
mod cpu_time;

#[path = "../src/srp.rs"]
// The bench calls only part of the module, and its `#[test]`s are not
// compiled into a bench.
#[allow(dead_code, unused_imports)]
mod srp;

/// `srp.rs` takes its two helpers from `codes.rs`, which brings the
/// pool's API error types with it; these are the same two bodies, so
/// the SRP module compiles here unchanged.
mod codes {
    pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
        aws_lc_rs::constant_time::verify_slices_are_equal(a, b).is_ok()
    }

    pub fn random_bytes<const N: usize>() -> [u8; N] {
        let mut buf = [0u8; N];
        if aws_lc_rs::rand::fill(&mut buf).is_err() {
            use rand::RngCore as _;
            rand::rng().fill_bytes(&mut buf);
        }
        buf
    }
}

/// The pool id as Cognito shapes it; the part after `_` is the name the
/// SRP hashes use (`state::UserPool::srp_name`).
const POOL_ID: &str = "us-east-1_BenchPool1";
const POOL_NAME: &str = "BenchPool1";
const USERNAME: &str = "6f1c2b8e-bench-user";
const PASSWORD: &str = "Correct-Horse-1";
const CLIENT_ID: &str = "bench-client";

fn client() -> SrpClient<User> {
    SrpClient::new(User::new(POOL_ID, USERNAME, PASSWORD), CLIENT_ID, None)
}

/// What the pool has in hand when a PASSWORD_VERIFIER answer arrives:
/// its half of the exchange, and the client's proof for it (computed by
/// `aws-cognito-srp`, as Threshold computes it).
struct Answer {
    exchange: srp::ServerExchange,
    secret_block: String,
    proof: VerificationParameters,
}

fn answer(verifier: &srp::Verifier) -> Answer {
    let client = client();
    let a = client.get_auth_parameters().a;
    let (exchange, srp_b) = srp::start(Some(verifier), &a).expect("A is valid");
    let secret_block = srp::new_secret_block();
    let proof = client
        .verify(&secret_block, USERNAME, &verifier.salt, &srp_b)
        .expect("the pool's challenge is well formed");
    Answer {
        exchange,
        secret_block,
        proof,
    }
}

fn check(answer: &Answer, verifier: &srp::Verifier) -> bool {
    srp::verify_claim(
        &answer.exchange,
        Some(verifier),
        POOL_NAME,
        USERNAME,
        &answer.secret_block,
        &answer.proof.timestamp,
        &answer.proof.password_claim_signature,
    )
}

fn pool_side(c: &mut Criterion<ThreadCpuTime>) {
    let verifier = srp::Verifier::new(POOL_NAME, USERNAME, PASSWORD);
    // Once, outside the timing: the exchange measured below is one that
    // signs the user in, so the figures are those of a real sign-in.
    assert!(
        check(&answer(&verifier), &verifier),
        "the proof is accepted"
    );
    let srp_a = client().get_auth_parameters().a;

    let mut group = c.benchmark_group("one sign-in, the local pool's side");
    group.bench_function("InitiateAuth: B = k·v + g^b", |b| {
        b.iter(|| srp::start(Some(black_box(&verifier)), black_box(&srp_a)))
    });
    group.bench_function("RespondToAuthChallenge: S = (A·v^u)^b, proof", |b| {
        b.iter_batched(
            || answer(&verifier),
            |answer| assert!(check(black_box(&answer), &verifier)),
            BatchSize::SmallInput,
        )
    });
    // Both steps in one timing. The client cannot answer a B it has not
    // seen without spending its own exponentiations inside the timing,
    // so this answer is a real client's for another exchange: the claim
    // fails, at the same cost (every step runs; the final comparison is
    // constant-time).
    let other = answer(&verifier);
    group.bench_function("both steps", |b| {
        b.iter(|| {
            let (exchange, _srp_b) =
                srp::start(Some(&verifier), black_box(&srp_a)).expect("A is valid");
            srp::verify_claim(
                &exchange,
                Some(&verifier),
                POOL_NAME,
                USERNAME,
                &other.secret_block,
                &other.proof.timestamp,
                &other.proof.password_claim_signature,
            )
        })
    });
    group.bench_function("sign-up: salt and v = g^x", |b| {
        b.iter(|| srp::Verifier::new(POOL_NAME, black_box(USERNAME), black_box(PASSWORD)))
    });
    group.bench_function("USER_PASSWORD_AUTH: v = g^x again", |b| {
        b.iter(|| verifier.matches_password(POOL_NAME, USERNAME, black_box(PASSWORD)))
    });
    group.finish();
}

/// The operands of one exponentiation, as big-endian bytes, so that every
/// library starts from the same input and is checked against num-bigint.
struct Case {
    name: &'static str,
    base: Vec<u8>,
    exponent: Vec<u8>,
}

fn random_below_n(n: &BigUint) -> Vec<u8> {
    (BigUint::from_bytes_be(&codes::random_bytes::<384>()) % n).to_bytes_be()
}

/// The exponentiations of one SRP sign-in (both sides) and of sign-up.
/// Exponents: the pool's b and the client's a are 128 random bytes (1024
/// bits); the client's a + u·x is at most 1025 bits, which costs the same
/// as 1024 to within a squaring; u and x are SHA-256 outputs (256 bits).
fn cases(n: &BigUint) -> Vec<Case> {
    vec![
        Case {
            name: "g^b, b 1024 bits (B; the client's A)",
            base: vec![2],
            exponent: codes::random_bytes::<128>().to_vec(),
        },
        Case {
            name: "base^b, b 1024 bits (S, both sides)",
            base: random_below_n(n),
            exponent: codes::random_bytes::<128>().to_vec(),
        },
        Case {
            name: "base^u, u 256 bits (v^u; g^x, x 256 bits)",
            base: random_below_n(n),
            exponent: codes::random_bytes::<32>().to_vec(),
        },
    ]
}

/// A big-endian number left-padded to `len` bytes.
fn left_pad(bytes: &[u8], len: usize) -> Vec<u8> {
    let mut out = vec![0u8; len.saturating_sub(bytes.len())];
    out.extend_from_slice(bytes);
    out
}

fn modpow(c: &mut Criterion<ThreadCpuTime>) {
    let n = BigUint::parse_bytes(srp::N_HEX.as_bytes(), 16).expect("N is hex");
    // Montgomery parameters are per modulus, so a pool would compute them
    // once (like srp.rs's LazyLock statics); here too, outside the timing.
    let fixed_params =
        FixedMontyParams::new_vartime(Odd::new(U3072::from_be_hex(srp::N_HEX)).expect("N is odd"));
    let boxed_n = BoxedUint::from_be_slice(&n.to_bytes_be(), 3072).expect("N fits 3072 bits");
    let boxed_params = BoxedMontyParams::new_vartime(Odd::new(boxed_n).expect("N is odd"));

    for case in cases(&n) {
        let base = BigUint::from_bytes_be(&case.base);
        let exponent = BigUint::from_bytes_be(&case.exponent);
        let expected = left_pad(&base.modpow(&exponent, &n).to_bytes_be(), 384);

        // Each routine takes the same bytes and gives back an integer of
        // its own library: conversion in is timed (a base arrives as
        // bytes), turning the result back into bytes is not. The
        // fixed-size type wants exact widths, so its operands are padded
        // beforehand.
        let exponent_bits = case.exponent.len() as u32 * 8;
        let padded_base = left_pad(&case.base, 384);
        let padded_exponent = left_pad(&case.exponent, 128);
        let fixed = |base: &[u8], exp: &[u8]| {
            // U1024 holds the widest exponent; `pow_bounded_exp` walks
            // only the low `exponent_bits` bits, in constant time (the
            // bound itself, the exponent's public size, is what may show).
            FixedMontyForm::new(&U3072::from_be_slice(base), &fixed_params)
                .pow_bounded_exp(&U1024::from_be_slice(exp), exponent_bits)
                .retrieve()
        };
        let boxed = |base: &[u8], exp: &[u8]| {
            let base = BoxedUint::from_be_slice(base, 3072).expect("base fits 3072 bits");
            let e = BoxedUint::from_be_slice(exp, exponent_bits).expect("exponent fits");
            BoxedMontyForm::new(base, &boxed_params)
                .pow_bounded_exp(&e, exponent_bits)
                .retrieve()
        };

        assert_eq!(
            fixed(&padded_base, &padded_exponent).to_be_bytes().as_ref(),
            &expected[..],
            "crypto-bigint U3072 agrees with num-bigint: {}",
            case.name
        );
        assert_eq!(
            &left_pad(&boxed(&case.base, &case.exponent).to_be_bytes(), 384)[..],
            &expected[..],
            "crypto-bigint BoxedUint agrees with num-bigint: {}",
            case.name
        );

        let mut group = c.benchmark_group(format!("modpow 3072-bit N, {}", case.name));
        group.bench_function("num-bigint 0.4", |b| {
            b.iter(|| {
                BigUint::from_bytes_be(black_box(&case.base))
                    .modpow(&BigUint::from_bytes_be(black_box(&case.exponent)), &n)
            })
        });
        group.bench_function("crypto-bigint 0.7 U3072, constant time", |b| {
            b.iter(|| fixed(black_box(&padded_base), black_box(&padded_exponent)))
        });
        group.bench_function("crypto-bigint 0.7 BoxedUint, constant time", |b| {
            b.iter(|| boxed(black_box(&case.base), black_box(&case.exponent)))
        });
        group.finish();
    }
}

criterion_group! {
    name = benches;
    // A few seconds per figure: the whole run stays near a minute on two
    // cores; `-- --quick` cuts it to seconds for CI.
    config = Criterion::default()
        .with_measurement(ThreadCpuTime)
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    targets = pool_side, modpow
}
criterion_main!(benches);
