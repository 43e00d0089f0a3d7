//! Where sessions live. A trait, so SQLite (one instance) and a shared
//! store such as Redis (several instances behind a load balancer) are
//! interchangeable; the app only sees `Arc<dyn SessionStore>`.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::Context as _;
use rusqlite::{Connection, OptionalExtension, params};

use super::SessionData;

#[async_trait::async_trait]
pub trait SessionStore: Send + Sync {
    /// The session stored under `key`, unless it is missing or expired.
    async fn load(&self, key: &str) -> anyhow::Result<Option<SessionData>>;
    /// Stores `data` under `key` until `expires_at` (unix seconds).
    async fn save(&self, key: &str, data: &SessionData, expires_at: u64) -> anyhow::Result<()>;
    async fn delete(&self, key: &str) -> anyhow::Result<()>;
    /// Removes expired sessions; returns how many.
    async fn delete_expired(&self) -> anyhow::Result<usize>;
    /// Records that every session of the user `sub` signed in before
    /// `at_ms` (unix milliseconds) is over: "sign out everywhere" reaches
    /// the other sessions at their next request, not only at their next
    /// call to Cognito.
    async fn end_sessions_before(&self, sub: &str, at_ms: u64) -> anyhow::Result<()>;
    /// The newest such marker for `sub`, if any.
    async fn sessions_ended_before(&self, sub: &str) -> anyhow::Result<Option<u64>>;
}

pub(crate) fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

/// SQLite integers are signed; unix seconds fit for the next few hundred
/// billion years.
fn sql_time(secs: u64) -> i64 {
    i64::try_from(secs).unwrap_or(i64::MAX)
}

/// Sessions in one SQLite file (WAL mode), the default: a restart of
/// Threshold signs nobody out.
#[derive(Clone)]
pub struct SqliteStore {
    conn: Arc<Mutex<Connection>>,
}

impl SqliteStore {
    pub fn open(path: &Path) -> anyhow::Result<Self> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating the data directory {}", parent.display()))?;
        }
        let conn = Connection::open(path)
            .with_context(|| format!("opening the session database {}", path.display()))?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = NORMAL;
             PRAGMA busy_timeout = 5000;
             CREATE TABLE IF NOT EXISTS sessions (
                 key TEXT PRIMARY KEY,
                 data TEXT NOT NULL,
                 expires_at INTEGER NOT NULL
             );
             CREATE INDEX IF NOT EXISTS sessions_expires_at ON sessions (expires_at);
             CREATE TABLE IF NOT EXISTS signed_out (
                 sub TEXT PRIMARY KEY,
                 before_ms INTEGER NOT NULL
             );",
        )
        .context("preparing the session database")?;
        Ok(Self {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// Runs `f` on the connection off the async runtime.
    async fn with<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Connection) -> rusqlite::Result<T> + Send + 'static,
    ) -> anyhow::Result<T> {
        let conn = self.conn.clone();
        tokio::task::spawn_blocking(move || {
            let conn = conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            f(&conn)
        })
        .await
        .context("the session database task failed")?
        .context("session database query")
    }
}

#[async_trait::async_trait]
impl SessionStore for SqliteStore {
    async fn load(&self, key: &str) -> anyhow::Result<Option<SessionData>> {
        let key = key.to_owned();
        let now = unix_now();
        let raw: Option<String> = self
            .with(move |c| {
                c.query_row(
                    "SELECT data FROM sessions WHERE key = ?1 AND expires_at > ?2",
                    params![key, sql_time(now)],
                    |row| row.get(0),
                )
                .optional()
            })
            .await?;
        match raw {
            None => Ok(None),
            // A session written by an older, incompatible version is
            // dropped rather than failing every request that carries it.
            Some(raw) => Ok(serde_json::from_str(&raw).ok()),
        }
    }

    async fn save(&self, key: &str, data: &SessionData, expires_at: u64) -> anyhow::Result<()> {
        let key = key.to_owned();
        let raw = serde_json::to_string(data).context("serialising the session")?;
        self.with(move |c| {
            c.execute(
                "INSERT INTO sessions (key, data, expires_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (key) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at",
                params![key, raw, sql_time(expires_at)],
            )
        })
        .await?;
        Ok(())
    }

    async fn delete(&self, key: &str) -> anyhow::Result<()> {
        let key = key.to_owned();
        self.with(move |c| c.execute("DELETE FROM sessions WHERE key = ?1", params![key]))
            .await?;
        Ok(())
    }

    async fn delete_expired(&self) -> anyhow::Result<usize> {
        let now = unix_now();
        self.with(move |c| {
            c.execute(
                "DELETE FROM sessions WHERE expires_at <= ?1",
                params![sql_time(now)],
            )
        })
        .await
    }

    async fn end_sessions_before(&self, sub: &str, at_ms: u64) -> anyhow::Result<()> {
        let sub = sub.to_owned();
        self.with(move |c| {
            c.execute(
                "INSERT INTO signed_out (sub, before_ms) VALUES (?1, ?2)
                 ON CONFLICT (sub) DO UPDATE SET before_ms = max(before_ms, excluded.before_ms)",
                params![sub, sql_time(at_ms)],
            )
        })
        .await?;
        Ok(())
    }

    async fn sessions_ended_before(&self, sub: &str) -> anyhow::Result<Option<u64>> {
        let sub = sub.to_owned();
        let before: Option<i64> = self
            .with(move |c| {
                c.query_row(
                    "SELECT before_ms FROM signed_out WHERE sub = ?1",
                    params![sub],
                    |row| row.get(0),
                )
                .optional()
            })
            .await?;
        Ok(before.map(|b| u64::try_from(b).unwrap_or_default()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn sessions_survive_reopening_the_database() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("sessions.sqlite3");
        let data = SessionData {
            csrf_token: "token".into(),
            ..SessionData::default()
        };
        SqliteStore::open(&path)
            .expect("open")
            .save("k", &data, unix_now() + 60)
            .await
            .expect("save");
        let reopened = SqliteStore::open(&path).expect("reopen");
        let loaded = reopened.load("k").await.expect("load").expect("present");
        assert_eq!(loaded.csrf_token, "token");
    }

    #[tokio::test]
    async fn the_newest_sign_out_everywhere_marker_is_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = SqliteStore::open(&dir.path().join("s.sqlite3")).expect("open");
        assert_eq!(
            store.sessions_ended_before("sub-1").await.expect("read"),
            None
        );
        store
            .end_sessions_before("sub-1", 2_000)
            .await
            .expect("mark");
        store
            .end_sessions_before("sub-1", 1_000)
            .await
            .expect("mark");
        assert_eq!(
            store.sessions_ended_before("sub-1").await.expect("read"),
            Some(2_000)
        );
        assert_eq!(
            store.sessions_ended_before("sub-2").await.expect("read"),
            None
        );
    }

    #[tokio::test]
    async fn expired_sessions_are_not_loaded_and_are_swept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = SqliteStore::open(&dir.path().join("s.sqlite3")).expect("open");
        store
            .save("old", &SessionData::default(), unix_now() - 1)
            .await
            .expect("save");
        assert!(store.load("old").await.expect("load").is_none());
        assert_eq!(store.delete_expired().await.expect("sweep"), 1);
    }
}
