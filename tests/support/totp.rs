//! Reading an authenticator-app secret off a page and computing its codes,
//! as a person with an authenticator app would.

use std::time::{SystemTime, UNIX_EPOCH};

use super::Reply;

/// The text of the element with `data-testid="<id>"`.
pub fn test_id_text(page: &Reply, id: &str) -> Option<String> {
    let at = page.body.find(&format!("data-testid=\"{id}\""))?;
    let start = at + page.body[at..].find('>')? + 1;
    let end = start + page.body[start..].find('<')?;
    Some(page.body[start..end].to_owned())
}

/// The authenticator-app secret shown on the page, without its spaces.
pub fn secret_on(page: &Reply) -> String {
    test_id_text(page, "totp-secret")
        .expect("the secret is shown as text")
        .replace(' ', "")
}

/// The code an authenticator app shows at `at`. Any case is accepted and
/// the RFC's minimum length is not enforced, because moto's fixed secret
/// is short and lower case.
pub fn code_at(secret: &str, at: SystemTime) -> String {
    let bytes =
        totp_rs::Secret::try_from_base32(secret.to_ascii_uppercase()).expect("base32 secret");
    let totp = totp_rs::Builder::new()
        .with_secret(bytes)
        .build_noncompliant();
    totp.generate(at.duration_since(UNIX_EPOCH).expect("after 1970").as_secs())
        .to_string()
}

/// The code an authenticator app shows now, taken early enough in its
/// 30-second step that it is still current when the server checks it: a
/// code read in the step's last seconds waits for the next step first
/// (servers that accept only the current step, as moto does, would refuse
/// it a moment later). Waiting for a clock edge, not timing a result.
pub async fn fresh_code(secret: &str) -> String {
    let into_step = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_millis()
        % 30_000;
    if into_step > 27_000 {
        tokio::time::sleep(std::time::Duration::from_millis(
            u64::try_from(30_000 - into_step).unwrap_or(3_000) + 100,
        ))
        .await;
    }
    code_at(secret, SystemTime::now())
}
