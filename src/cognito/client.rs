//! Building SDK clients for a pool: the region, and the endpoint override
//! that points the SDK at the local pool or moto instead of AWS.

use std::time::Duration;

use aws_config::BehaviorVersion;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::{Credentials, Region};
use url::Url;

/// Where a user pool's API is: a region of AWS, or another endpoint.
#[derive(Debug, Clone)]
pub struct Endpoint {
    pub region: String,
    /// A non-AWS endpoint (the local pool, moto); `None` is AWS itself.
    pub url: Option<Url>,
}

impl Endpoint {
    /// The base the pool's token issuer and keys hang off:
    /// `https://cognito-idp.<region>.amazonaws.com/<pool>` on AWS,
    /// `<endpoint>/<pool>` behind an override.
    pub fn pool_base(&self, pool_id: &str) -> String {
        match &self.url {
            Some(url) => format!("{}/{pool_id}", url.as_str().trim_end_matches('/')),
            None => format!(
                "https://cognito-idp.{}.amazonaws.com/{pool_id}",
                self.region
            ),
        }
    }

    fn loader(&self) -> aws_config::ConfigLoader {
        let loader = aws_config::defaults(BehaviorVersion::latest())
            .region(Region::new(self.region.clone()));
        match &self.url {
            Some(url) => loader.endpoint_url(url.as_str().trim_end_matches('/')),
            None => loader,
        }
    }

    /// A client for the user operations: unsigned, as Cognito expects
    /// them (no AWS credentials involved). A call gives up after
    /// `timeout`, retries included, so a pool that hangs costs the visitor
    /// a few seconds and a friendly page, not a hung request; throttling
    /// and 5xx answers are retried at most twice, with the SDK's backoff.
    /// A single attempt may take the whole `timeout`: an attempt cut short
    /// and retried could send a second email or spend a single-use code
    /// the first attempt already used.
    pub(crate) async fn user_client(&self, timeout: Duration) -> Client {
        let config = self
            .loader()
            .no_credentials()
            .retry_config(RetryConfig::standard().with_max_attempts(3))
            .timeout_config(
                TimeoutConfig::builder()
                    .connect_timeout(timeout.min(Duration::from_secs(3)))
                    .operation_attempt_timeout(timeout)
                    .operation_timeout(timeout)
                    .build(),
            )
            .load()
            .await;
        Client::new(&config)
    }

    /// A client for admin operations with credentials from the
    /// environment, when there are any (`AWS_ACCESS_KEY_ID`).
    pub(crate) async fn admin_client_from_environment(&self) -> Option<Client> {
        std::env::var_os("AWS_ACCESS_KEY_ID")?;
        let loader = self.loader().credentials_provider(
            aws_config::environment::EnvironmentVariableCredentialsProvider::new(),
        );
        Some(Client::new(&loader.load().await))
    }

    /// A client for admin operations with the SDK's default credential chain.
    pub(crate) async fn admin_client_with_default_credentials(&self) -> Client {
        Client::new(&self.loader().load().await)
    }

    /// A client for admin operations on a local stand-in (the local pool,
    /// moto), which wants a signature but checks none.
    pub(crate) fn admin_client_for_local_pool(&self) -> Client {
        let mut config = aws_sdk_cognitoidentityprovider::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new(self.region.clone()))
            .credentials_provider(Credentials::new(
                "local",
                "local",
                None,
                None,
                "threshold-local-pool",
            ));
        if let Some(url) = &self.url {
            config = config.endpoint_url(url.as_str().trim_end_matches('/'));
        }
        Client::from_conf(config.build())
    }
}
