//! The pool's core state, below the HTTP layer: the store (pools, users,
//! challenge sessions, the outbox), the token signer, the clock and the
//! bound address that names the token issuer. The Cognito operations
//! (`ops`) and the HTTP routes (`http`) use it; it uses neither.

use std::net::SocketAddr;
use std::path::PathBuf;

use crate::clock::Clock;
use crate::outbox::OutboxMessage;
use crate::state::Store;
use crate::tokens::Signer;

/// Everything a request handler needs.
pub struct Service {
    pub addr: SocketAddr,
    pub store: Store,
    pub signer: Signer,
    clock: Clock,
}

impl Service {
    pub fn load(addr: SocketAddr, data_dir: Option<PathBuf>, clock: Clock) -> anyhow::Result<Self> {
        let store = Store::load(data_dir.clone())?;
        let signer = Signer::load_or_create(data_dir.as_deref())?;
        Ok(Self {
            addr,
            store,
            signer,
            clock,
        })
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// `http://<bound addr>/<pool id>`, the `iss` of every token.
    pub fn issuer(&self, pool_id: &str) -> String {
        format!("http://{}/{pool_id}", self.addr)
    }

    pub fn outbox(&self, destination: Option<&str>) -> Vec<OutboxMessage> {
        self.store.read(|s| {
            s.outbox
                .iter()
                .filter(|m| destination.is_none_or(|d| m.destination == d))
                .cloned()
                .collect()
        })
    }
}
