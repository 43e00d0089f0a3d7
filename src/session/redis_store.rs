//! Sessions, sign-out markers and rate-limit counters in Redis, for
//! several Threshold instances behind one load balancer
//! (`THRESHOLD_SESSION_STORE=redis://…`). Rows expire by Redis's own
//! clock; conditional saves are one Lua script each, so two instances
//! never interleave a check and a write.

use std::time::Duration;

use anyhow::Context as _;
use redis::AsyncCommands as _;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};

use super::store::{Hit, Saved, SessionStore, Stored, unix_now};

/// How long "signed out everywhere" markers are kept: longer than any
/// session can live, after which they can end nothing.
const MARKER_TTL_SECS: u64 = 400 * 24 * 60 * 60;

/// Writes `data` if the row's version is still the one loaded (`""`: the
/// row must be absent, and starts at the random version `ARGV[4]`), bumps
/// the version and sets the expiry.
const SAVE: &str = r"
local version = redis.call('HGET', KEYS[1], 'version')
if ARGV[2] == '' then
  if version then return 0 end
  redis.call('HSET', KEYS[1], 'data', ARGV[1], 'version', ARGV[4])
elseif version ~= ARGV[2] then
  return 0
else
  -- HINCRBY, not Lua arithmetic: tostring() of a large number gives
  -- scientific notation.
  redis.call('HSET', KEYS[1], 'data', ARGV[1])
  redis.call('HINCRBY', KEYS[1], 'version', 1)
end
redis.call('EXPIREAT', KEYS[1], ARGV[3])
return 1
";

/// Deletes the row if it is still at the version given.
const DELETE_IF: &str = r"
if redis.call('HGET', KEYS[1], 'version') == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
";

/// Keeps the larger of the stored and the given marker.
const MARK: &str = r"
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then
  redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
end
return 1
";

/// Counts one more event; the first one opens the window. Returns the
/// count and the seconds left in the window.
const HIT: &str = r"
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('TTL', KEYS[1])}
";

#[derive(Clone)]
pub struct RedisStore {
    conn: ConnectionManager,
    save: redis::Script,
    delete_if: redis::Script,
    mark: redis::Script,
    hit: redis::Script,
}

impl RedisStore {
    /// Connects to `url` (`redis://host:port/db`). Commands time out after
    /// `timeout`, so a stalled Redis answers the visitor with a 503 page
    /// instead of hanging; the connection is re-established on its own.
    pub async fn connect(url: &str, timeout: Duration) -> anyhow::Result<Self> {
        let client =
            redis::Client::open(url).context("THRESHOLD_SESSION_STORE is not a Redis URL")?;
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(timeout)
            .set_response_timeout(timeout)
            .set_number_of_retries(2);
        let conn = ConnectionManager::new_with_config(client, config)
            .await
            .context("connecting to the Redis session store")?;
        Ok(Self {
            conn,
            save: redis::Script::new(SAVE),
            delete_if: redis::Script::new(DELETE_IF),
            mark: redis::Script::new(MARK),
            hit: redis::Script::new(HIT),
        })
    }

    fn session_key(key: &str) -> String {
        format!("threshold:session:{key}")
    }
}

#[async_trait::async_trait]
impl SessionStore for RedisStore {
    async fn load(&self, key: &str) -> anyhow::Result<Option<Stored>> {
        let mut conn = self.conn.clone();
        let (data, version): (Option<Vec<u8>>, Option<u64>) = redis::cmd("HMGET")
            .arg(Self::session_key(key))
            .arg("data")
            .arg("version")
            .query_async(&mut conn)
            .await
            .context("loading a session from Redis")?;
        Ok(match (data, version) {
            (Some(data), Some(version)) => Some(Stored { data, version }),
            _ => None,
        })
    }

    async fn save(
        &self,
        key: &str,
        data: &[u8],
        loaded: Option<u64>,
        expires_at: u64,
    ) -> anyhow::Result<Saved> {
        let mut conn = self.conn.clone();
        let written: i64 = self
            .save
            .key(Self::session_key(key))
            .arg(data)
            .arg(loaded.map(|v| v.to_string()).unwrap_or_default())
            .arg(expires_at)
            .arg(super::store::first_version())
            .invoke_async(&mut conn)
            .await
            .context("saving a session to Redis")?;
        Ok(if written == 1 {
            Saved::Written
        } else {
            Saved::Conflict
        })
    }

    async fn delete(&self, key: &str) -> anyhow::Result<()> {
        let mut conn = self.conn.clone();
        let _: i64 = conn
            .del(Self::session_key(key))
            .await
            .context("deleting a session from Redis")?;
        Ok(())
    }

    async fn delete_if(&self, key: &str, version: u64) -> anyhow::Result<bool> {
        let mut conn = self.conn.clone();
        let deleted: i64 = self
            .delete_if
            .key(Self::session_key(key))
            .arg(version)
            .invoke_async(&mut conn)
            .await
            .context("deleting a session from Redis")?;
        Ok(deleted == 1)
    }

    /// Redis expires rows itself.
    async fn delete_expired(&self) -> anyhow::Result<usize> {
        Ok(0)
    }

    async fn end_sessions_before(&self, sub: &str, at_ms: u64) -> anyhow::Result<()> {
        let mut conn = self.conn.clone();
        let _: i64 = self
            .mark
            .key(format!("threshold:signed-out:{sub}"))
            .arg(at_ms)
            .arg(MARKER_TTL_SECS)
            .invoke_async(&mut conn)
            .await
            .context("recording a sign-out marker in Redis")?;
        Ok(())
    }

    async fn sessions_ended_before(&self, sub: &str) -> anyhow::Result<Option<u64>> {
        let mut conn = self.conn.clone();
        conn.get(format!("threshold:signed-out:{sub}"))
            .await
            .context("reading a sign-out marker from Redis")
    }

    async fn hit(&self, counter: &str, window_secs: u64) -> anyhow::Result<Hit> {
        let mut conn = self.conn.clone();
        let (count, ttl): (u64, i64) = self
            .hit
            .key(format!("threshold:count:{counter}"))
            .arg(window_secs.max(1))
            .invoke_async(&mut conn)
            .await
            .context("counting in Redis")?;
        Ok(Hit {
            count,
            resets_at: unix_now() + u64::try_from(ttl).unwrap_or(1),
        })
    }
}
