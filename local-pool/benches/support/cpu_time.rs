//! A criterion measurement of CPU time: what the benchmarking thread
//! itself spent, read from the thread's CPU clock.
//!
//! The question these benches answer is what one sign-in costs in CPU,
//! and on a small machine shared with builds and browsers, wall time
//! also counts the moments the thread waited for a core. Everything
//! measured runs on the benchmarking thread (the token checks run inside
//! `block_on` on it), so nothing is missed. Figures print as durations,
//! like criterion's own wall-time ones.
//!
//! Shared by `local-pool/benches/srp.rs` and the root crate's
//! `benches/sign_in.rs`; a file under `benches/support/` is not taken
//! for a bench of its own.

use std::time::Duration;

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use rustix::time::{ClockId, clock_gettime};

pub struct ThreadCpuTime;

fn now() -> Duration {
    let t = clock_gettime(ClockId::ThreadCPUTime);
    // The clock starts at zero when the thread does, so both fields are
    // non-negative and the nanoseconds below a second.
    Duration::new(
        u64::try_from(t.tv_sec).unwrap_or(0),
        u32::try_from(t.tv_nsec).unwrap_or(0),
    )
}

/// Criterion's wall-time measurement, only for its duration formatter.
static DURATIONS: WallTime = WallTime;

impl Measurement for ThreadCpuTime {
    type Intermediate = Duration;
    type Value = Duration;

    fn start(&self) -> Duration {
        now()
    }

    fn end(&self, started: Duration) -> Duration {
        now().saturating_sub(started)
    }

    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }

    fn zero(&self) -> Duration {
        Duration::ZERO
    }

    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }

    fn formatter(&self) -> &dyn ValueFormatter {
        DURATIONS.formatter()
    }
}
