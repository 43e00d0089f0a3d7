//! Where sessions live. A trait, so SQLite (one instance) and a shared
//! store such as Redis (several instances behind a load balancer) are
//! interchangeable; the app only sees `Arc<dyn SessionStore>`.
//!
//! A store keeps opaque bytes (sessions are encrypted before they get
//! here, see [`super::keys`]) and a version per row. Saves are
//! conditional on the version a request loaded, so a request still
//! running when the session is deleted (sign-out) or replaced cannot
//! write it back: deleted stays deleted, and the first of two
//! conflicting writes wins.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::Context as _;
use rusqlite::{Connection, OptionalExtension, params};

/// A stored session: the sealed bytes and the row's version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub data: Vec<u8>,
    pub version: u64,
}

/// What a conditional save did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    Written,
    /// The row changed, or was deleted, since it was loaded.
    Conflict,
}

#[async_trait::async_trait]
pub trait SessionStore: Send + Sync {
    /// The session stored under `key`, unless it is missing or expired.
    async fn load(&self, key: &str) -> anyhow::Result<Option<Stored>>;
    /// Stores `data` under `key` until `expires_at` (unix seconds), if the
    /// row is still at `loaded` (the version read), or still absent when
    /// `loaded` is `None`.
    async fn save(
        &self,
        key: &str,
        data: &[u8],
        loaded: Option<u64>,
        expires_at: u64,
    ) -> anyhow::Result<Saved>;
    async fn delete(&self, key: &str) -> anyhow::Result<()>;
    /// Deletes `key` only if it is still at `version`; whether it did.
    async fn delete_if(&self, key: &str, version: u64) -> anyhow::Result<bool>;
    /// Removes expired sessions; returns how many.
    async fn delete_expired(&self) -> anyhow::Result<usize>;
    /// Records that every session of the user `sub` signed in before
    /// `at_ms` (unix milliseconds) is over: "sign out everywhere" reaches
    /// the other sessions at their next request, not only at their next
    /// call to Cognito.
    async fn end_sessions_before(&self, sub: &str, at_ms: u64) -> anyhow::Result<()>;
    /// The newest such marker for `sub`, if any.
    async fn sessions_ended_before(&self, sub: &str) -> anyhow::Result<Option<u64>>;
    /// Counts one more event for `counter`: a window of `window_secs` that
    /// opens at its first event and is forgotten when it ends. For rate
    /// limits, shared by every instance that shares the store.
    async fn hit(&self, counter: &str, window_secs: u64) -> anyhow::Result<Hit>;
}

/// A counter after one more event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Events in the current window, this one included.
    pub count: u64,
    /// When the window ends (unix seconds).
    pub resets_at: u64,
}

/// Creates `dir` (and its parents) readable by the owner only.
pub fn private_dir(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("creating the data directory {}", dir.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .with_context(|| format!("restricting {}", dir.display()))?;
    }
    Ok(())
}

/// Writes `bytes` to a new file at `path`, readable by the owner only.
pub fn write_private(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    use std::io::Write as _;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .with_context(|| format!("writing {}", path.display()))
}

/// Makes an existing file owner-only (a database from an older version).
fn restrict(path: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    if path.exists() {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .with_context(|| format!("restricting {}", path.display()))?;
    }
    Ok(())
}

pub(crate) fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

/// The version a new row starts at: random below 2^48 (exact in a Lua
/// number and an SQLite integer), so versions of a deleted row and of one
/// created again under the same key do not repeat.
pub(crate) fn first_version() -> u64 {
    let mut bytes = [0u8; 8];
    // A failing system RNG leaves zeros: version 1, as before versions
    // were random, which only weakens this one guard.
    if aws_lc_rs::rand::fill(&mut bytes[2..]).is_err() {
        tracing::error!("the system random number generator failed");
    }
    u64::from_be_bytes(bytes).max(1)
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
            private_dir(parent)?;
        }
        // SQLite creates the file (and its -wal and -shm files, with the
        // same mode) under the process umask; creating it first makes it
        // owner-only whatever the umask is.
        if !path.exists() {
            write_private(path, &[])?;
        }
        restrict(path)?;
        let conn = Connection::open(path)
            .with_context(|| format!("opening the session database {}", path.display()))?;
        // Sessions written before encryption and versions (a `sessions`
        // table without `version`) held tokens in clear: they are dropped,
        // which signs their visitors out once.
        let has_version: bool = conn
            .prepare("SELECT 1 FROM pragma_table_info('sessions') WHERE name = 'version'")
            .and_then(|mut s| s.exists([]))
            .context("reading the session database's schema")?;
        if !has_version {
            conn.execute_batch("DROP TABLE IF EXISTS sessions;")
                .context("dropping sessions stored in clear")?;
        }
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = NORMAL;
             PRAGMA busy_timeout = 5000;
             CREATE TABLE IF NOT EXISTS sessions (
                 key TEXT PRIMARY KEY,
                 data BLOB NOT NULL,
                 version INTEGER NOT NULL,
                 expires_at INTEGER NOT NULL
             );
             CREATE INDEX IF NOT EXISTS sessions_expires_at ON sessions (expires_at);
             CREATE TABLE IF NOT EXISTS signed_out (
                 sub TEXT PRIMARY KEY,
                 before_ms INTEGER NOT NULL
             );
             CREATE TABLE IF NOT EXISTS counters (
                 key TEXT PRIMARY KEY,
                 count INTEGER NOT NULL,
                 expires_at INTEGER NOT NULL
             );",
        )
        .context("preparing the session database")?;
        for suffix in ["-wal", "-shm"] {
            let mut side = path.as_os_str().to_owned();
            side.push(suffix);
            restrict(Path::new(&side))?;
        }
        Ok(Self {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// Runs `f` on the connection off the async runtime. Queries go through
    /// `prepare_cached`: a signed-in request reads twice (its session, the
    /// sign-out markers), and parsing the SQL each time was a measurable
    /// share of serving `/account` (docs/benchmarks.md).
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
    async fn load(&self, key: &str) -> anyhow::Result<Option<Stored>> {
        let key = key.to_owned();
        let now = unix_now();
        self.with(move |c| {
            c.prepare_cached(
                "SELECT data, version FROM sessions WHERE key = ?1 AND expires_at > ?2",
            )?
            .query_row(params![key, sql_time(now)], |row| {
                Ok(Stored {
                    data: row.get(0)?,
                    version: u64::try_from(row.get::<_, i64>(1)?).unwrap_or_default(),
                })
            })
            .optional()
        })
        .await
    }

    async fn save(
        &self,
        key: &str,
        data: &[u8],
        loaded: Option<u64>,
        expires_at: u64,
    ) -> anyhow::Result<Saved> {
        let key = key.to_owned();
        let data = data.to_vec();
        let changed = self
            .with(move |c| match loaded {
                // An expired row counts as absent, as `load` saw it.
                // A new row starts at a random version, so a row deleted
                // and created again never matches a version read before.
                None => c.prepare_cached("INSERT INTO sessions (key, data, version, expires_at) VALUES (?1, ?2, ?5, ?3)
                     ON CONFLICT (key) DO UPDATE SET data = excluded.data, version = excluded.version,
                         expires_at = excluded.expires_at
                     WHERE sessions.expires_at <= ?4")?.execute(
                    params![key, data, sql_time(expires_at), sql_time(unix_now()), sql_time(first_version())],
                ),
                Some(version) => c.prepare_cached("UPDATE sessions SET data = ?2, version = version + 1, expires_at = ?3
                     WHERE key = ?1 AND version = ?4")?.execute(
                    params![key, data, sql_time(expires_at), sql_time(version)],
                ),
            })
            .await?;
        Ok(if changed == 1 {
            Saved::Written
        } else {
            Saved::Conflict
        })
    }

    async fn delete(&self, key: &str) -> anyhow::Result<()> {
        let key = key.to_owned();
        self.with(move |c| {
            c.prepare_cached("DELETE FROM sessions WHERE key = ?1")?
                .execute(params![key])
        })
        .await?;
        Ok(())
    }

    async fn delete_if(&self, key: &str, version: u64) -> anyhow::Result<bool> {
        let key = key.to_owned();
        let deleted = self
            .with(move |c| {
                c.prepare_cached("DELETE FROM sessions WHERE key = ?1 AND version = ?2")?
                    .execute(params![key, sql_time(version)])
            })
            .await?;
        Ok(deleted == 1)
    }

    async fn delete_expired(&self) -> anyhow::Result<usize> {
        let now = unix_now();
        self.with(move |c| {
            let sessions = c
                .prepare_cached("DELETE FROM sessions WHERE expires_at <= ?1")?
                .execute(params![sql_time(now)])?;
            c.prepare_cached("DELETE FROM counters WHERE expires_at <= ?1")?
                .execute(params![sql_time(now)])?;
            Ok(sessions)
        })
        .await
    }

    async fn hit(&self, counter: &str, window_secs: u64) -> anyhow::Result<Hit> {
        let counter = counter.to_owned();
        let now = unix_now();
        let (count, resets_at): (i64, i64) = self
            .with(move |c| {
                c.prepare_cached("INSERT INTO counters (key, count, expires_at) VALUES (?1, 1, ?2)
                     ON CONFLICT (key) DO UPDATE SET
                         count = CASE WHEN counters.expires_at <= ?3 THEN 1 ELSE counters.count + 1 END,
                         expires_at = CASE WHEN counters.expires_at <= ?3 THEN excluded.expires_at ELSE counters.expires_at END
                     RETURNING count, expires_at")?.query_row(
                    params![counter, sql_time(now + window_secs), sql_time(now)],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
            })
            .await?;
        Ok(Hit {
            count: u64::try_from(count).unwrap_or_default(),
            resets_at: u64::try_from(resets_at).unwrap_or_default(),
        })
    }

    async fn end_sessions_before(&self, sub: &str, at_ms: u64) -> anyhow::Result<()> {
        let sub = sub.to_owned();
        self.with(move |c| {
            c.prepare_cached(
                "INSERT INTO signed_out (sub, before_ms) VALUES (?1, ?2)
                 ON CONFLICT (sub) DO UPDATE SET before_ms = max(before_ms, excluded.before_ms)",
            )?
            .execute(params![sub, sql_time(at_ms)])
        })
        .await?;
        Ok(())
    }

    async fn sessions_ended_before(&self, sub: &str) -> anyhow::Result<Option<u64>> {
        let sub = sub.to_owned();
        let before: Option<i64> = self
            .with(move |c| {
                c.prepare_cached("SELECT before_ms FROM signed_out WHERE sub = ?1")?
                    .query_row(params![sub], |row| row.get(0))
                    .optional()
            })
            .await?;
        Ok(before.map(|b| u64::try_from(b).unwrap_or_default()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(dir: &tempfile::TempDir) -> SqliteStore {
        SqliteStore::open(&dir.path().join("sessions.sqlite3")).expect("open")
    }

    #[tokio::test]
    async fn sessions_survive_reopening_the_database() {
        let dir = tempfile::tempdir().expect("temp dir");
        let saved = store(&dir)
            .save("k", b"sealed", None, unix_now() + 60)
            .await
            .expect("save");
        assert_eq!(saved, Saved::Written);
        let loaded = store(&dir).load("k").await.expect("load").expect("present");
        assert_eq!(loaded.data, b"sealed");
    }

    #[tokio::test]
    async fn a_save_from_a_stale_load_changes_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store(&dir);
        let later = unix_now() + 60;
        store.save("k", b"v1", None, later).await.expect("save");
        let first = store.load("k").await.expect("load").expect("present");
        let second = first.clone();
        // Two requests loaded the same version; the first to save wins.
        assert_eq!(
            store
                .save("k", b"a", Some(first.version), later)
                .await
                .expect("save"),
            Saved::Written
        );
        assert_eq!(
            store
                .save("k", b"b", Some(second.version), later)
                .await
                .expect("save"),
            Saved::Conflict
        );
        assert_eq!(
            store.load("k").await.expect("load").expect("present").data,
            b"a"
        );
        // A deleted session stays deleted, whoever saves it afterwards.
        let loaded = store.load("k").await.expect("load").expect("present");
        store.delete("k").await.expect("delete");
        assert_eq!(
            store
                .save("k", b"back", Some(loaded.version), later)
                .await
                .expect("save"),
            Saved::Conflict
        );
        assert_eq!(store.load("k").await.expect("load"), None);
        // Deleted and created again: a version read before does not match.
        let old = store.load("k").await.expect("load");
        assert_eq!(old, None);
        store.save("k", b"again", None, later).await.expect("save");
        let again = store.load("k").await.expect("load").expect("present");
        assert_ne!(Some(again.version), Some(loaded.version));
        assert!(!store.delete_if("k", loaded.version).await.expect("delete"));
        assert!(store.delete_if("k", again.version).await.expect("delete"));
        // A new session is written once; a second "new" write conflicts.
        assert_eq!(
            store.save("n", b"1", None, later).await.expect("save"),
            Saved::Written
        );
        assert_eq!(
            store.save("n", b"2", None, later).await.expect("save"),
            Saved::Conflict
        );
    }

    #[tokio::test]
    async fn the_newest_sign_out_everywhere_marker_is_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store(&dir);
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
        let store = store(&dir);
        store
            .save("old", b"x", None, unix_now() - 1)
            .await
            .expect("save");
        assert!(store.load("old").await.expect("load").is_none());
        assert_eq!(store.delete_expired().await.expect("sweep"), 1);
    }

    #[tokio::test]
    async fn counters_count_until_their_window_ends() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store(&dir);
        let first = store.hit("c", 60).await.expect("hit");
        assert_eq!(first.count, 1);
        let second = store.hit("c", 60).await.expect("hit");
        assert_eq!((second.count, second.resets_at), (2, first.resets_at));
        assert_eq!(store.hit("other", 60).await.expect("hit").count, 1);
        store.hit("old", 0).await.expect("hit");
        assert_eq!(
            store.hit("old", 60).await.expect("hit").count,
            1,
            "ended: starts over"
        );
    }

    #[tokio::test]
    async fn sessions_stored_in_clear_by_an_older_version_are_dropped() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("sessions.sqlite3");
        Connection::open(&path)
            .and_then(|c| {
                c.execute_batch(
                    "CREATE TABLE sessions (key TEXT PRIMARY KEY, data TEXT NOT NULL, expires_at INTEGER NOT NULL);
                     INSERT INTO sessions VALUES ('k', '{\"refresh\":\"eyJ\"}', 99999999999);",
                )
            })
            .expect("an old database");
        let store = SqliteStore::open(&path).expect("open");
        assert_eq!(store.load("k").await.expect("load"), None);
    }
}
