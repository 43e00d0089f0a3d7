//! Brute-force limits in front of Cognito's own: per client address and
//! per sign-in name, counted in the session store (so every instance that
//! shares it shares the counts), in windows that open at the first event.
//!
//! Cognito limits too, but per user and per account quota, and answers
//! with exceptions that differ between real and unknown accounts; these
//! limits answer everyone the same way (a 429 page that says when to try
//! again), and they stop a stream of reset emails to one person before
//! Cognito sends them. Hand-written: a counter per window in the store
//! Threshold already has is less than a general rate-limit crate would
//! need to be given (and the store is shared across instances, which an
//! in-process limiter is not).

use std::sync::Arc;

use crate::session::keys::SessionKeys;
use crate::session::store::{SessionStore, unix_now};

/// At most `max` events per `window_secs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    pub max: u64,
    pub window_secs: u64,
}

/// A limit on one kind of action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Names the counters (and the log line).
    pub name: &'static str,
    /// Per client address.
    pub per_client: Budget,
    /// Per sign-in name (or signed-in user), where the action has one.
    pub per_name: Option<Budget>,
}

const MINUTE: u64 = 60;
const HOUR: u64 = 60 * MINUTE;

/// Passwords tried (sign-in, confirming identity).
pub const PASSWORDS: Rule = Rule {
    name: "password",
    per_client: Budget {
        max: 60,
        window_secs: 5 * MINUTE,
    },
    // 96 an hour at most, under ASVS 2.2.1's 100 failed attempts an hour.
    per_name: Some(Budget {
        max: 8,
        window_secs: 5 * MINUTE,
    }),
};

/// Names typed on the first page of choice-based sign-in, which tries no
/// password: per client only. The password typed next, and a code sent,
/// count under [`PASSWORDS`] and [`MESSAGES`] for the name.
pub const SIGN_IN_NAMES: Rule = Rule {
    name: "sign_in_name",
    per_client: Budget {
        max: 60,
        window_secs: 5 * MINUTE,
    },
    per_name: None,
};

/// Codes entered (confirmation, reset, verification, MFA). Wrong codes are
/// also counted per flow (`flows::WrongCodes`).
pub const CODES: Rule = Rule {
    name: "code",
    per_client: Budget {
        max: 60,
        window_secs: 5 * MINUTE,
    },
    per_name: None,
};

/// Messages sent to one person (reset codes, new confirmation and
/// verification codes): 21 anonymous requests must not mean 21 emails.
pub const MESSAGES: Rule = Rule {
    name: "message",
    per_client: Budget {
        max: 20,
        window_secs: 15 * MINUTE,
    },
    per_name: Some(Budget {
        max: 5,
        window_secs: HOUR,
    }),
};

/// Accounts created.
pub const SIGN_UPS: Rule = Rule {
    name: "sign_up",
    per_client: Budget {
        max: 20,
        window_secs: HOUR,
    },
    per_name: Some(Budget {
        max: 5,
        window_secs: HOUR,
    }),
};

/// What a check found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Allowed,
    /// Over a budget: try again in this many seconds.
    Limited {
        retry_after_secs: u64,
    },
}

pub struct Limiter {
    store: Arc<dyn SessionStore>,
    keys: Arc<SessionKeys>,
    /// Multiplies every budget (`THRESHOLD_RATE_LIMIT_FACTOR`); 0 turns
    /// the limits off.
    factor: u64,
}

impl Limiter {
    pub fn new(store: Arc<dyn SessionStore>, keys: Arc<SessionKeys>, factor: u64) -> Self {
        Self {
            store,
            keys,
            factor,
        }
    }

    /// Counts one `rule` event from `client` (and for `name`), and says
    /// whether it is within the budgets. Both counters always count, so a
    /// client cannot reset one by tripping the other. A store that cannot
    /// count lets the request through (and logs): the session layer
    /// already refuses requests when the store is down.
    pub async fn check(&self, rule: &Rule, client: &str, name: Option<&str>) -> Verdict {
        if self.factor == 0 {
            return Verdict::Allowed;
        }
        let mut verdict = self
            .count(rule, rule.per_client, &format!("client:{client}"))
            .await;
        if let (Some(budget), Some(name)) = (rule.per_name, name.filter(|n| !n.trim().is_empty())) {
            let by_name = self
                .count(rule, budget, &format!("name:{}", self.keys.name_hash(name)))
                .await;
            verdict = later(verdict, by_name);
        }
        if let Verdict::Limited { retry_after_secs } = verdict {
            tracing::warn!(rule = rule.name, retry_after_secs, "rate limit reached");
        }
        verdict
    }

    /// Counts one `rule` event for `name` only, for messages a flow sends
    /// on its own (a new confirmation code at sign-in, say), where the
    /// action that led there counted its client already.
    pub async fn check_name(&self, rule: &Rule, name: &str) -> Verdict {
        let (Some(budget), false) = (rule.per_name, self.factor == 0) else {
            return Verdict::Allowed;
        };
        let verdict = self
            .count(rule, budget, &format!("name:{}", self.keys.name_hash(name)))
            .await;
        if let Verdict::Limited { retry_after_secs } = verdict {
            tracing::warn!(rule = rule.name, retry_after_secs, "rate limit reached");
        }
        verdict
    }

    async fn count(&self, rule: &Rule, budget: Budget, who: &str) -> Verdict {
        // A window opens at a counter's first event (not at fixed clock
        // times, which would allow twice the budget across a boundary).
        let counter = format!("{}:{who}", rule.name);
        match self.store.hit(&counter, budget.window_secs.max(1)).await {
            Ok(hit) if hit.count > budget.max.saturating_mul(self.factor) => Verdict::Limited {
                retry_after_secs: hit.resets_at.saturating_sub(unix_now()).max(1),
            },
            Ok(_) => Verdict::Allowed,
            Err(e) => {
                tracing::error!(error = ?e, "could not count for a rate limit");
                Verdict::Allowed
            }
        }
    }
}

/// The stricter of two verdicts.
fn later(a: Verdict, b: Verdict) -> Verdict {
    match (a, b) {
        (Verdict::Allowed, other) | (other, Verdict::Allowed) => other,
        (
            Verdict::Limited {
                retry_after_secs: x,
            },
            Verdict::Limited {
                retry_after_secs: y,
            },
        ) => Verdict::Limited {
            retry_after_secs: x.max(y),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::store::SqliteStore;

    fn limiter(dir: &tempfile::TempDir, factor: u64) -> Limiter {
        let store = SqliteStore::open(&dir.path().join("s.sqlite3")).expect("store");
        Limiter::new(
            Arc::new(store),
            Arc::new(SessionKeys::from_master(&[3; 32])),
            factor,
        )
    }

    #[tokio::test]
    async fn a_name_is_limited_whichever_client_asks() {
        let dir = tempfile::tempdir().expect("temp dir");
        let limiter = limiter(&dir, 1);
        for i in 0..5 {
            let client = format!("198.51.100.{i}");
            assert_eq!(
                limiter
                    .check(&MESSAGES, &client, Some("ada@example.com"))
                    .await,
                Verdict::Allowed
            );
        }
        let sixth = limiter
            .check(&MESSAGES, "203.0.113.9", Some("Ada@Example.com"))
            .await;
        assert!(matches!(sixth, Verdict::Limited { retry_after_secs } if retry_after_secs <= HOUR));
        assert_eq!(
            limiter
                .check(&MESSAGES, "203.0.113.9", Some("bob@example.com"))
                .await,
            Verdict::Allowed,
            "another person is not affected"
        );
    }

    #[tokio::test]
    async fn a_client_is_limited_whatever_names_it_tries() {
        let dir = tempfile::tempdir().expect("temp dir");
        let limiter = limiter(&dir, 1);
        for i in 0..60 {
            let name = format!("user{i}@example.com");
            assert_eq!(
                limiter.check(&PASSWORDS, "198.51.100.7", Some(&name)).await,
                Verdict::Allowed
            );
        }
        assert!(matches!(
            limiter
                .check(&PASSWORDS, "198.51.100.7", Some("new@example.com"))
                .await,
            Verdict::Limited { .. }
        ));
    }

    #[tokio::test]
    async fn the_factor_scales_the_budgets_and_zero_turns_them_off() {
        let dir = tempfile::tempdir().expect("temp dir");
        let off = limiter(&dir, 0);
        for _ in 0..100 {
            assert_eq!(off.check(&CODES, "c", None).await, Verdict::Allowed);
        }
        let doubled = limiter(&dir, 2);
        for _ in 0..10 {
            assert_eq!(
                doubled.check(&MESSAGES, "c2", Some("x@example.com")).await,
                Verdict::Allowed
            );
        }
        assert!(matches!(
            doubled.check(&MESSAGES, "c2", Some("x@example.com")).await,
            Verdict::Limited { .. }
        ));
    }
}
