//! The embedded default: with no Cognito pool configured, Threshold starts
//! the local pool in-process, provisions a pool and a confidential client
//! on first start, and remembers them in the data directory.

use std::path::Path;

use anyhow::Context as _;
use aws_config::BehaviorVersion;
use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::{Credentials, Region};
use aws_sdk_cognitoidentityprovider::types::{
    AttributeDataType, EmailMfaConfigType, ExplicitAuthFlowsType, PasswordPolicyType,
    PreventUserExistenceErrorTypes, SchemaAttributeType, SmsMfaConfigType,
    SoftwareTokenMfaConfigType, UserAttributeUpdateSettingsType, UserPoolMfaType,
    UserPoolPolicyType, UsernameAttributeType, VerifiedAttributeType,
};
use local_pool::{Clock, Options, RunningPool};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};

use crate::config::Config;

pub const REGION: &str = "us-east-1";

/// The provisioned pool and client, as saved in `dev-pool.json`.
#[derive(Serialize, Deserialize)]
struct Saved {
    pool_id: String,
    client_id: String,
    client_secret: String,
}

pub struct DevPool {
    pub running: RunningPool,
    pub pool_id: String,
    pub client_id: String,
    pub client_secret: SecretString,
    /// A client that signs requests with placeholder credentials, which
    /// the local pool accepts for its admin operations.
    pub admin: Client,
}

pub fn admin_client(endpoint: &str) -> Client {
    let config = aws_sdk_cognitoidentityprovider::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(REGION))
        .endpoint_url(endpoint)
        .credentials_provider(Credentials::new(
            "local",
            "local",
            None,
            None,
            "threshold-dev-pool",
        ))
        .build();
    Client::from_conf(config)
}

pub async fn start(config: &Config, clock: Clock) -> anyhow::Result<DevPool> {
    let running = local_pool::spawn(
        config.local_pool_addr,
        Options {
            data_dir: Some(config.data_dir.join("local-pool")),
            clock,
        },
    )
    .await
    .context("starting the embedded local pool")?;
    let admin = admin_client(&running.endpoint());
    let saved_path = config.data_dir.join("dev-pool.json");
    let saved = match read_saved(&saved_path) {
        Some(saved) if still_exists(&admin, &saved).await => saved,
        _ => {
            let saved = provision(&admin).await?;
            write_saved(&saved_path, &saved)?;
            saved
        }
    };
    tracing::warn!(
        endpoint = %running.endpoint(),
        pool_id = %saved.pool_id,
        "using the embedded local development pool, not Amazon Cognito; codes are shown at /_dev/outbox"
    );
    Ok(DevPool {
        running,
        pool_id: saved.pool_id,
        client_id: saved.client_id,
        client_secret: SecretString::from(saved.client_secret),
        admin,
    })
}

fn read_saved(path: &Path) -> Option<Saved> {
    let text = std::fs::read_to_string(path).ok()?;
    serde_json::from_str(&text).ok()
}

fn write_saved(path: &Path, saved: &Saved) -> anyhow::Result<()> {
    let text = serde_json::to_string_pretty(saved).context("serialising dev-pool.json")?;
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, text).with_context(|| format!("writing {}", tmp.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The file holds the client secret.
        std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o600))
            .with_context(|| format!("restricting {}", tmp.display()))?;
    }
    std::fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()))
}

async fn still_exists(admin: &Client, saved: &Saved) -> bool {
    admin
        .describe_user_pool_client()
        .user_pool_id(&saved.pool_id)
        .client_id(&saved.client_id)
        .send()
        .await
        .is_ok()
}

/// Creates the development pool: email as the sign-in name, MFA optional
/// with authenticator apps, SMS and email, every auth flow Threshold uses,
/// the original email kept until a new one is verified, and one custom
/// attribute (`custom:company`).
async fn provision(admin: &Client) -> anyhow::Result<Saved> {
    let pool = admin
        .create_user_pool()
        .pool_name("threshold-dev")
        .username_attributes(UsernameAttributeType::Email)
        .auto_verified_attributes(VerifiedAttributeType::Email)
        // A changed email only replaces the verified one once its code is
        // entered; until then the old address keeps signing in.
        .user_attribute_update_settings(
            UserAttributeUpdateSettingsType::builder()
                .attributes_require_verification_before_update(VerifiedAttributeType::Email)
                .build(),
        )
        .mfa_configuration(UserPoolMfaType::Optional)
        // A custom attribute, so THRESHOLD_PROFILE_ATTRIBUTES=custom:company
        // has something to edit in development.
        .schema(
            SchemaAttributeType::builder()
                .name("company")
                .attribute_data_type(AttributeDataType::String)
                .mutable(true)
                .build(),
        )
        .policies(
            UserPoolPolicyType::builder()
                .password_policy(
                    PasswordPolicyType::builder()
                        .minimum_length(8)
                        .require_uppercase(true)
                        .require_lowercase(true)
                        .require_numbers(true)
                        .require_symbols(true)
                        .build(),
                )
                .build(),
        )
        .send()
        .await
        .context("CreateUserPool on the local pool")?;
    let pool_id = pool
        .user_pool()
        .and_then(|p| p.id())
        .context("CreateUserPool answered without a pool id")?
        .to_owned();
    admin
        .set_user_pool_mfa_config()
        .user_pool_id(&pool_id)
        .mfa_configuration(UserPoolMfaType::Optional)
        .software_token_mfa_configuration(
            SoftwareTokenMfaConfigType::builder().enabled(true).build(),
        )
        .sms_mfa_configuration(
            SmsMfaConfigType::builder()
                .sms_authentication_message("Your code is {####}")
                .build(),
        )
        .email_mfa_configuration(
            EmailMfaConfigType::builder()
                .message("Your sign-in code is {####}")
                .subject("Your sign-in code")
                .build(),
        )
        .send()
        .await
        .context("SetUserPoolMfaConfig on the local pool")?;
    let client = admin
        .create_user_pool_client()
        .user_pool_id(&pool_id)
        .client_name("threshold")
        .generate_secret(true)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserSrpAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserPasswordAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowRefreshTokenAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserAuth)
        .prevent_user_existence_errors(PreventUserExistenceErrorTypes::Enabled)
        .send()
        .await
        .context("CreateUserPoolClient on the local pool")?;
    let client = client
        .user_pool_client()
        .context("CreateUserPoolClient answered without a client")?;
    Ok(Saved {
        pool_id,
        client_id: client.client_id().context("no client id")?.to_owned(),
        client_secret: client
            .client_secret()
            .context("no client secret")?
            .to_owned(),
    })
}
