//! Who the client is, for brute-force limits and the audit log: the TCP
//! peer, or what a trusted proxy says.

use std::net::SocketAddr;

use axum::http::HeaderMap;

/// Where the client address comes from (`THRESHOLD_CLIENT_IP_HEADER`,
/// `THRESHOLD_TRUSTED_PROXY_HOPS`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientIp {
    /// The TCP peer: Threshold faces the internet itself.
    Peer,
    /// A header proxies append to (`X-Forwarded-For`), read `hops` entries
    /// from the right: the entry the outermost trusted proxy added.
    /// Anything further left came from the client and is not trusted.
    Header { name: String, hops: usize },
}

impl ClientIp {
    /// The client's address for this request, as text.
    pub fn of(&self, headers: &HeaderMap, peer: Option<SocketAddr>) -> String {
        let peer = || peer.map_or_else(|| "unknown".to_owned(), |p| p.ip().to_string());
        match self {
            ClientIp::Peer => peer(),
            ClientIp::Header { name, hops } => {
                let entries: Vec<String> = headers
                    .get_all(name.as_str())
                    .iter()
                    .filter_map(|v| v.to_str().ok())
                    .flat_map(|v| v.split(','))
                    .map(|e| e.trim().to_owned())
                    .filter(|e| !e.is_empty())
                    .collect();
                match entries.len().checked_sub(*hops) {
                    Some(at) => entries[at].clone(),
                    // Fewer entries than trusted proxies: the request did
                    // not come through them; the peer is all we know.
                    None => peer(),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn the_client_is_the_entry_the_trusted_proxy_added() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            HeaderValue::from_static("6.6.6.6, 198.51.100.7, 10.0.0.2"),
        );
        let peer = Some(SocketAddr::from(([10, 0, 0, 1], 443)));
        let one = ClientIp::Header {
            name: "x-forwarded-for".into(),
            hops: 1,
        };
        assert_eq!(one.of(&headers, peer), "10.0.0.2");
        let two = ClientIp::Header {
            name: "x-forwarded-for".into(),
            hops: 2,
        };
        assert_eq!(
            two.of(&headers, peer),
            "198.51.100.7",
            "the spoofed entry is ignored"
        );
        let five = ClientIp::Header {
            name: "x-forwarded-for".into(),
            hops: 5,
        };
        assert_eq!(
            five.of(&headers, peer),
            "10.0.0.1",
            "not through the proxies"
        );
        assert_eq!(ClientIp::Peer.of(&headers, peer), "10.0.0.1");
    }
}
