//! `threshold users create | delete | list`: users as an operator or a
//! test suite seeds them, through the admin API.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rand::Rng as _;
use rand::distr::Alphanumeric;
use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;

use super::pool::{Access, Pool};
use super::{CreateUser, DeleteUser, Failure};
use crate::cognito::admin::{Invitation, NewUser, PoolUser};
use crate::cognito::challenge::{Answer, Challenge};
use crate::cognito::errors::CognitoError;
use crate::cognito::mfa::{Enrolment, Factor, Preference};
use crate::cognito::sign_in::{SignInStep, Tokens};
use crate::config::Config;
use crate::domain::{Email, NewUsername, OtpCode, Password, Phone, SignInName, SignInNameKind};

/// What `users create` prints.
#[derive(Serialize)]
struct Created {
    #[serde(flatten)]
    user: PoolUser,
    groups: Vec<String>,
    /// Only when generated here; a password given on the command line is
    /// not repeated.
    #[serde(skip_serializing_if = "Option::is_none")]
    password: Option<String>,
    /// The authenticator app's secret (base32), with `--totp`.
    #[serde(skip_serializing_if = "Option::is_none")]
    totp_secret: Option<String>,
}

/// The arguments checked before anything reaches the pool.
struct Checked {
    email: Email,
    username: String,
    phone: Option<Phone>,
    password: SecretString,
    generated: bool,
}

fn check(args: &CreateUser) -> Result<Checked, Failure> {
    let email = Email::parse(&args.email)
        .map_err(|_| Failure::Usage(format!("--email `{}` is not an email address", args.email)))?;
    let username = match &args.username {
        Some(raw) => NewUsername::parse(raw)
            .map_err(|_| {
                Failure::Usage(format!(
                    "--username `{raw}` is not a username (no spaces, no @, at most 128 characters)"
                ))
            })?
            .as_str()
            .to_owned(),
        None => email.as_str().to_owned(),
    };
    let phone = match &args.phone {
        Some(raw) => Some(Phone::parse(raw).map_err(|_| {
            Failure::Usage(format!(
                "--phone `{raw}` is not a phone number in international format, like +15555550100"
            ))
        })?),
        None => None,
    };
    // Cognito's group names: 1 to 128 characters, no spaces or controls.
    for group in &args.groups {
        let name = group.trim();
        if name.is_empty()
            || name.chars().count() > 128
            || name.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(Failure::Usage(format!(
                "--group `{group}` is not a group name (1 to 128 characters, no spaces)"
            )));
        }
    }
    let (password, generated) = match &args.password {
        Some(given) if given.is_empty() => {
            return Err(Failure::Usage(
                "--password is empty; leave it out to have one generated".into(),
            ));
        }
        Some(given) => (SecretString::from(given.clone()), false),
        None => (generate_password(), true),
    };
    Ok(Checked {
        email,
        username,
        phone,
        password,
        generated,
    })
}

/// 20 random letters and digits, then one of each class a policy may
/// ask for: 24 characters, which Cognito's default policy and any policy
/// of up to 24 characters accept (a longer minimum needs `--password`).
fn generate_password() -> SecretString {
    let random: String = rand::rng()
        .sample_iter(&Alphanumeric)
        .take(20)
        .map(char::from)
        .collect();
    SecretString::from(format!("{random}Aa1!"))
}

pub async fn create(config: &Config, args: CreateUser) -> Result<(), Failure> {
    let checked = check(&args)?;
    let pool = Pool::open(config, Access::MayStart).await?;
    let outcome = create_in(&pool, &args, &checked).await;
    let description = pool.description.clone();
    pool.close().await;
    let created = outcome?;
    eprintln!(
        "threshold: created {} in {description}",
        created.user.username
    );
    println!("{}", to_json(&created));
    Ok(())
}

async fn create_in(pool: &Pool, args: &CreateUser, checked: &Checked) -> Result<Created, Failure> {
    let mut attributes = vec![
        ("email", checked.email.as_str()),
        ("email_verified", "true"),
    ];
    if let Some(phone) = &checked.phone {
        attributes.push(("phone_number", phone.as_str()));
        attributes.push(("phone_number_verified", "true"));
    }
    let username = pool
        .admin
        .create_user(
            &pool.pool_id,
            &NewUser {
                username: &checked.username,
                attributes: &attributes,
                // The password comes next; nobody is emailed.
                invitation: Invitation::Suppressed,
            },
        )
        .await
        .map_err(|e| refused(pool, "AdminCreateUser", e))?;
    // From here a failure deletes the user again, so a command that
    // failed leaves nothing half made behind.
    match finish(pool, args, checked, &username).await {
        Ok(created) => Ok(created),
        Err(failure) => {
            if let Err(e) = pool.admin.delete_user(&pool.pool_id, &username).await {
                eprintln!("threshold: could not remove the half-made user {username}: {e}");
            }
            Err(failure)
        }
    }
}

async fn finish(
    pool: &Pool,
    args: &CreateUser,
    checked: &Checked,
    username: &str,
) -> Result<Created, Failure> {
    pool.admin
        .set_password(&pool.pool_id, username, &checked.password, args.confirmed)
        .await
        .map_err(|e| refused(pool, "AdminSetUserPassword", e))?;
    for group in &args.groups {
        let group = group.trim();
        // Created when missing; one that exists (made by another command
        // at the same moment, say) is what was wanted.
        match pool.admin.create_group(&pool.pool_id, group).await {
            Ok(()) | Err(CognitoError::AlreadyTaken) => {}
            Err(e) => return Err(refused(pool, "CreateGroup", e)),
        }
        pool.admin
            .add_user_to_group(&pool.pool_id, username, group)
            .await
            .map_err(|e| refused(pool, "AdminAddUserToGroup", e))?;
    }
    let totp_secret = if args.totp {
        let name = match pool.sign_in_name {
            SignInNameKind::Email => checked.email.as_str(),
            SignInNameKind::Username => checked.username.as_str(),
        };
        Some(enrol_totp(pool, name, &checked.password).await?)
    } else {
        None
    };
    let user = pool
        .admin
        .get_user(&pool.pool_id, username)
        .await
        .map_err(|e| refused(pool, "AdminGetUser", e))?;
    Ok(Created {
        user,
        groups: args.groups.iter().map(|g| g.trim().to_owned()).collect(),
        password: checked
            .generated
            .then(|| checked.password.expose_secret().to_owned()),
        totp_secret: totp_secret.map(|s| s.expose_secret().to_owned()),
    })
}

/// Signs in as the user and sets up an authenticator app, as a person
/// would on the account page (or at sign-in, in a pool that requires
/// MFA): AssociateSoftwareToken, VerifySoftwareToken with a code computed
/// here, then the app as the preferred method. The session it made is
/// revoked. Returns the secret.
async fn enrol_totp(
    pool: &Pool,
    name: &str,
    password: &SecretString,
) -> Result<SecretString, Failure> {
    let name = SignInName::parse(name, pool.sign_in_name)
        .map_err(|id| Failure::Failed(format!("cannot sign in as `{name}` to enrol: {id}")))?;
    let password = Password::parse(password.expose_secret().to_owned())
        .map_err(|id| Failure::Failed(format!("cannot sign in to enrol: {id}")))?;
    let gateway = &pool.gateway;
    let step = gateway
        .sign_in(&name, &password)
        .await
        .map_err(|e| refused(pool, "InitiateAuth", e))?;
    let (tokens, secret) = match step {
        SignInStep::SignedIn(tokens) => {
            let who = Enrolment::AccessToken(&tokens.access_token);
            let secret = gateway
                .associate_software_token(who)
                .await
                .map_err(|e| refused(pool, "AssociateSoftwareToken", e))?
                .secret;
            verify(pool, Enrolment::AccessToken(&tokens.access_token), &secret).await?;
            (tokens, secret)
        }
        // A pool that requires MFA asks a user without any to set it up
        // during sign-in, with the challenge session instead of a token.
        SignInStep::Challenge(pending)
            if matches!(pending.challenge, Challenge::MfaSetup { .. }) =>
        {
            let association = gateway
                .associate_software_token(Enrolment::Session(&pending.session))
                .await
                .map_err(|e| refused(pool, "AssociateSoftwareToken", e))?;
            let session = association.session.unwrap_or(pending.session);
            let session = verify(pool, Enrolment::Session(&session), &association.secret)
                .await?
                .unwrap_or(session);
            let step = gateway
                .respond(&session, &pending.username, Answer::SetUpAppVerified)
                .await
                .map_err(|e| refused(pool, "RespondToAuthChallenge", e))?;
            match step {
                SignInStep::SignedIn(tokens) => (tokens, association.secret),
                SignInStep::Challenge(next) => return Err(unexpected_step(&next.challenge)),
            }
        }
        SignInStep::Challenge(pending) => return Err(unexpected_step(&pending.challenge)),
    };
    gateway
        .set_mfa_preference(
            &tokens.access_token,
            Preference {
                factor: Factor::Totp,
                enabled: true,
                preferred: true,
            },
        )
        .await
        .map_err(|e| refused(pool, "SetUserMFAPreference", e))?;
    sign_out(pool, &tokens).await;
    Ok(secret)
}

fn unexpected_step(challenge: &Challenge) -> Failure {
    Failure::Failed(format!(
        "signing in to enrol the authenticator app, the pool asked for `{}`, which a new user \
         should not be asked; is a Lambda trigger or a custom flow in the way?",
        challenge.kind()
    ))
}

/// Checks the app's first code. With an access token, the code is that
/// of the 30-second step BEFORE the pool's current one (pools accept one
/// step either side): pools refuse a step at or before the last they
/// accepted, so the current step stays free for the user's first sign-in.
/// A pool that accepts only the current step (moto) gets that one
/// instead.
async fn verify(
    pool: &Pool,
    who: Enrolment<'_>,
    secret: &SecretString,
) -> Result<Option<SecretString>, Failure> {
    let now = pool_time(pool).await;
    // A sign-in's set-up session may not survive a wrong code, so it gets
    // the current step only.
    let steps = match who {
        Enrolment::AccessToken(_) => vec![now.saturating_sub(Duration::from_secs(30)), now],
        Enrolment::Session(_) => vec![now],
    };
    let mut last = None;
    for at in steps {
        let code = totp_code(secret, at)?;
        let who = match &who {
            Enrolment::AccessToken(token) => Enrolment::AccessToken(token),
            Enrolment::Session(session) => Enrolment::Session(session),
        };
        match pool
            .gateway
            .verify_software_token(who, &code, Some("threshold users create"))
            .await
        {
            Ok(session) => return Ok(session),
            Err(CognitoError::CodeMismatch) => last = Some(CognitoError::CodeMismatch),
            Err(e) => return Err(refused(pool, "VerifySoftwareToken", e)),
        }
    }
    Err(refused(
        pool,
        "VerifySoftwareToken",
        last.unwrap_or(CognitoError::CodeMismatch),
    ))
}

/// The pool's time: the local pool's clock when it says (tests move it),
/// this machine's otherwise.
async fn pool_time(pool: &Pool) -> Duration {
    let system = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let Some(base) = &pool.local_endpoint else {
        return system;
    };
    let Ok(url) = base.join("_local/clock") else {
        return system;
    };
    #[derive(serde::Deserialize)]
    struct Clock {
        now_ms: u64,
    }
    match super::http().get(url).send().await {
        Ok(reply) if reply.status().is_success() => match reply.json::<Clock>().await {
            Ok(clock) => Duration::from_millis(clock.now_ms),
            Err(_) => system,
        },
        _ => system,
    }
}

/// RFC 6238 as Cognito uses it (HMAC-SHA1, six digits, 30 seconds).
/// Non-compliant build: moto's fixed secret is shorter than the RFC's
/// minimum.
fn totp_code(secret: &SecretString, at: Duration) -> Result<OtpCode, Failure> {
    let bytes = totp_rs::Secret::try_from_base32(secret.expose_secret().to_ascii_uppercase())
        .map_err(|_| Failure::Failed("the pool's authenticator secret is not base32".into()))?;
    let totp = totp_rs::Builder::new()
        .with_secret(bytes)
        .build_noncompliant();
    OtpCode::parse(&totp.generate(at.as_secs()).to_string())
        .map_err(|id| Failure::Failed(format!("the computed code was refused: {id}")))
}

/// Ends the session enrolling made (best effort: it expires anyway).
async fn sign_out(pool: &Pool, tokens: &Tokens) {
    if let Some(refresh) = &tokens.refresh_token {
        let _ = pool.gateway.revoke(refresh).await;
    }
}

pub async fn delete(config: &Config, args: DeleteUser) -> Result<(), Failure> {
    let name = match (&args.email, &args.username) {
        (Some(email), _) => Email::parse(email)
            .map_err(|_| Failure::Usage(format!("--email `{email}` is not an email address")))?
            .as_str()
            .to_owned(),
        (None, Some(username)) if !username.trim().is_empty() => username.trim().to_owned(),
        (None, Some(_)) => return Err(Failure::Usage("--username is empty".into())),
        // clap's group makes one of them required.
        (None, None) => return Err(Failure::Usage("--email or --username is required".into())),
    };
    let pool = Pool::open(config, Access::MayStart).await?;
    let outcome = match pool.admin.delete_user(&pool.pool_id, &name).await {
        Ok(()) => Ok(()),
        Err(CognitoError::IncorrectCredentials) => Err(Failure::Failed(format!(
            "no user `{name}` in {}",
            pool.description
        ))),
        Err(e) => Err(refused(&pool, "AdminDeleteUser", e)),
    };
    pool.close().await;
    outcome?;
    println!("{}", serde_json::json!({ "deleted": name }));
    Ok(())
}

pub async fn list(config: &Config) -> Result<(), Failure> {
    let pool = Pool::open(config, Access::ReadOnly).await?;
    let outcome = pool.admin.list_users(&pool.pool_id).await;
    let outcome = outcome.map_err(|e| refused(&pool, "ListUsers", e));
    pool.close().await;
    for user in outcome? {
        println!("{}", to_json(&user));
    }
    Ok(())
}

/// A pool's refusal in plain words.
fn refused(pool: &Pool, operation: &str, e: CognitoError) -> Failure {
    Failure::Failed(match e {
        CognitoError::AlreadyTaken => {
            "a user with this email address or username already exists".to_owned()
        }
        CognitoError::InvalidPassword(why) => format!("the pool refused the password: {why}"),
        CognitoError::InvalidParameter(why) => format!("{operation}: the pool refused it: {why}"),
        CognitoError::Unavailable { detail, .. } => {
            format!("cannot reach {}: {detail}", pool.description)
        }
        CognitoError::IncorrectCredentials if operation == "InitiateAuth" => {
            "signing in with the new password failed; is the password policy or a Lambda trigger \
             refusing it?"
                .to_owned()
        }
        other => format!("{operation} on {}: {other}", pool.description),
    })
}

fn to_json<T: Serialize>(value: &T) -> String {
    // Plain structs of strings and booleans always serialise.
    serde_json::to_string(value).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}
