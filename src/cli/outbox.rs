//! `threshold outbox [--destination D] [--follow]`: the codes the local
//! pool would have emailed or texted, as JSON lines, for scripts and for
//! a developer without a mailbox.

use std::time::Duration;

use local_pool::OutboxMessage;
use url::Url;

use super::pool::{Access, Pool};
use super::{Failure, OutboxArgs};
use crate::config::Config;

/// How often `--follow` asks the pool for new messages.
const POLL: Duration = Duration::from_millis(300);

pub async fn print(config: &Config, args: OutboxArgs) -> Result<(), Failure> {
    let pool = Pool::open(config, Access::ReadOnly).await?;
    let outcome = run(&pool, &args).await;
    pool.close().await;
    outcome
}

async fn run(pool: &Pool, args: &OutboxArgs) -> Result<(), Failure> {
    let Some(base) = &pool.local_endpoint else {
        return Err(Failure::Failed(format!(
            "{} is Amazon Cognito, which delivers its emails and text messages itself: only the \
             local pool keeps an outbox",
            pool.description
        )));
    };
    let mut url = base
        .join("_local/outbox")
        .map_err(|e| Failure::Failed(format!("the outbox address: {e}")))?;
    if let Some(destination) = &args.destination {
        url.query_pairs_mut()
            .append_pair("destination", destination.trim());
    }
    let mut printed = fetch(&url, pool).await?;
    for message in &printed {
        print_line(message);
    }
    if !args.follow {
        return Ok(());
    }
    // One Ctrl-C future for the whole loop, so an interrupt that comes
    // while the pool is being asked is not lost.
    let interrupted = tokio::signal::ctrl_c();
    tokio::pin!(interrupted);
    let mut failing = false;
    loop {
        tokio::select! {
            _ = &mut interrupted => return Ok(()),
            () = tokio::time::sleep(POLL) => {}
        }
        // A Threshold restarting is gone for a moment: keep asking, and
        // say so once.
        match fetch(&url, pool).await {
            Ok(now) => {
                if failing {
                    eprintln!("threshold: the outbox answers again");
                    failing = false;
                }
                for message in new_since(&printed, &now) {
                    print_line(message);
                }
                printed = now;
            }
            Err(Failure::Failed(why) | Failure::Usage(why)) => {
                if !failing {
                    eprintln!("threshold: {why}; still trying");
                    failing = true;
                }
            }
        }
    }
}

/// The messages of `now` after the last one of `before`. The pool keeps
/// only its latest messages, so the old list may have lost its head: the
/// last message printed is looked for, not a count.
fn new_since<'a>(before: &[OutboxMessage], now: &'a [OutboxMessage]) -> &'a [OutboxMessage] {
    match before.last() {
        None => now,
        Some(last) => match now.iter().rposition(|m| m == last) {
            Some(at) => &now[at + 1..],
            // Everything printed has been dropped since: all are new.
            None => now,
        },
    }
}

async fn fetch(url: &Url, pool: &Pool) -> Result<Vec<OutboxMessage>, Failure> {
    #[derive(serde::Deserialize)]
    struct Reply {
        messages: Vec<OutboxMessage>,
    }
    let reply = super::http()
        .get(url.clone())
        .send()
        .await
        .map_err(|e| Failure::Failed(format!("cannot reach {}: {e}", pool.description)))?;
    if reply.status() == reqwest::StatusCode::NOT_FOUND {
        return Err(Failure::Failed(format!(
            "{} has no outbox: only the local pool keeps one (moto and Cognito do not)",
            pool.description
        )));
    }
    if !reply.status().is_success() {
        return Err(Failure::Failed(format!(
            "the outbox of {} answered {}",
            pool.description,
            reply.status()
        )));
    }
    reply
        .json::<Reply>()
        .await
        .map(|r| r.messages)
        .map_err(|e| Failure::Failed(format!("the outbox answered something else: {e}")))
}

fn print_line(message: &OutboxMessage) {
    if let Ok(line) = serde_json::to_string(message) {
        println!("{line}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use local_pool::{Channel, Purpose};

    fn message(code: &str) -> OutboxMessage {
        OutboxMessage {
            pool_id: "p".into(),
            username: "u".into(),
            channel: Channel::Email,
            destination: "a@example.com".into(),
            purpose: Purpose::SignUp,
            code: Some(code.into()),
            message: format!("Your code is {code}"),
            sent_at: "2026-12-01T00:00:00Z".into(),
        }
    }

    #[test]
    fn following_prints_only_what_came_after_the_last_message_printed() {
        let before = vec![message("1"), message("2")];
        // The pool dropped its oldest message and recorded two more.
        let now = vec![message("2"), message("3"), message("4")];
        let new: Vec<_> = new_since(&before, &now)
            .iter()
            .map(|m| m.code.clone())
            .collect();
        assert_eq!(new, [Some("3".into()), Some("4".into())]);
        assert!(new_since(&now, &now).is_empty());
        // Everything printed was dropped: all of it is new.
        assert_eq!(new_since(&before, &[message("9")]).len(), 1);
    }
}
