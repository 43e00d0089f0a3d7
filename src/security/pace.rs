//! Decoys that take as long as the real thing.
//!
//! Where an account must not be revealed, Threshold answers a decoy (an
//! address another account holds, say) as if it were real. A decoy that
//! asks nobody would answer sooner than a real step that calls the pool,
//! and the difference is measurable. So each real step records how long
//! it took, and its decoy waits until the same time has passed.
//! Hand-written: a moving average per step is a few lines, and no crate
//! does this job.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The steps that have decoys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    /// Changing the email or phone: UpdateUserAttributes, then GetUser
    /// and perhaps GetUserAttributeVerificationCode.
    ChangeContact,
    /// VerifyUserAttribute.
    VerifyContact,
    /// GetUserAttributeVerificationCode.
    SendContactCode,
}

/// How long each step takes: an exponentially weighted moving average of
/// the real ones (weight 1/8 for each new sample, as TCP's RTT estimate).
#[derive(Debug, Default)]
pub struct Pace(Mutex<HashMap<Step, Duration>>);

impl Pace {
    /// A real `step` took `took`.
    pub fn record(&self, step: Step, took: Duration) {
        let mut typical = self.0.lock().unwrap_or_else(|p| p.into_inner());
        typical
            .entry(step)
            .and_modify(|avg| *avg = (*avg * 7 + took) / 8)
            .or_insert(took);
    }

    /// What a real `step` typically takes; zero before the first.
    pub fn typical(&self, step: Step) -> Duration {
        let typical = self.0.lock().unwrap_or_else(|p| p.into_inner());
        typical.get(&step).copied().unwrap_or_default()
    }

    /// Waits until a decoy of `step` that began at `started` has taken as
    /// long as a real one.
    pub async fn finish_like_real(&self, step: Step, started: Instant) {
        let until = started + self.typical(step);
        tokio::time::sleep_until(until.into()).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_typical_time_follows_the_real_ones() {
        let pace = Pace::default();
        assert_eq!(pace.typical(Step::VerifyContact), Duration::ZERO);
        pace.record(Step::VerifyContact, Duration::from_millis(80));
        assert_eq!(pace.typical(Step::VerifyContact), Duration::from_millis(80));
        pace.record(Step::VerifyContact, Duration::from_millis(160));
        assert_eq!(pace.typical(Step::VerifyContact), Duration::from_millis(90));
        assert_eq!(
            pace.typical(Step::ChangeContact),
            Duration::ZERO,
            "per step"
        );
    }
}
