//! A clock that tests can move forward.
//!
//! Codes, challenge sessions and tokens all expire. Tests must be able to see
//! that happen without sleeping, so every "now" in this crate comes from a
//! [`Clock`]: the system time plus an offset shared by all clones.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The system clock plus a shared, only-growing offset.
///
/// Clones share the offset (it lives behind an [`Arc`]), so a test that keeps
/// the clock returned by `RunningPool::clock` moves the server's time too.
#[derive(Clone, Default, Debug)]
pub struct Clock {
    offset_ms: Arc<AtomicU64>,
}

impl Clock {
    /// The real time, with no offset.
    pub fn system() -> Self {
        Self::default()
    }

    /// The current time as this pool sees it.
    pub fn now(&self) -> SystemTime {
        SystemTime::now() + Duration::from_millis(self.offset_ms.load(Ordering::SeqCst))
    }

    /// Moves this clock (and every clone of it) forward.
    pub fn advance(&self, by: Duration) {
        let ms = u64::try_from(by.as_millis()).unwrap_or(u64::MAX);
        // Saturating, so that no number of advances can wrap the clock
        // back to the present (the HTTP clock control makes many possible).
        let _ = self
            .offset_ms
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |old| {
                Some(old.saturating_add(ms))
            });
    }

    /// How far this clock has been moved ahead of the system time, in total.
    pub fn offset(&self) -> Duration {
        Duration::from_millis(self.offset_ms.load(Ordering::SeqCst))
    }

    /// Milliseconds since the Unix epoch; the unit the stored state uses.
    pub fn now_ms(&self) -> u64 {
        let since = self.now().duration_since(UNIX_EPOCH).unwrap_or_default();
        u64::try_from(since.as_millis()).unwrap_or(u64::MAX)
    }
}

/// Formats milliseconds since the epoch as RFC 3339 UTC (`2024-01-02T03:04:05Z`).
pub(crate) fn rfc3339(ms: u64) -> String {
    let secs = ms / 1000;
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(i64::try_from(days).unwrap_or(0));
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian calendar).
/// <https://howardhinnant.github.io/date_algorithms.html#civil_from_days>
pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    // d is in 1..=31 and m in 1..=12 by construction, so the casts are lossless.
    (
        y,
        u32::try_from(m).unwrap_or(1),
        u32::try_from(d).unwrap_or(1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advancing_a_clone_moves_the_original() {
        let clock = Clock::system();
        let before = clock.now();
        clock.clone().advance(Duration::from_secs(3600));
        let moved = clock.now().duration_since(before).unwrap_or_default();
        assert!(moved >= Duration::from_secs(3600));
    }

    #[test]
    fn the_offset_is_the_sum_of_every_advance_and_never_wraps() {
        let clock = Clock::system();
        assert_eq!(clock.offset(), Duration::ZERO);
        clock.advance(Duration::from_secs(90));
        clock.clone().advance(Duration::from_millis(500));
        assert_eq!(clock.offset(), Duration::from_millis(90_500));
        clock.advance(Duration::MAX);
        clock.advance(Duration::from_secs(1));
        assert_eq!(clock.offset(), Duration::from_millis(u64::MAX));
    }

    #[test]
    fn rfc3339_formats_a_known_instant() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_136_171_045_000), "2006-01-02T03:04:05Z");
        assert_eq!(rfc3339(951_782_400_000), "2000-02-29T00:00:00Z");
    }
}
