//! Sign-in: a password, then whatever challenges the pool asks for, then
//! tokens. The flow's `Step` mirrors Cognito's challenge; the challenge
//! `Session` string stays here, server-side, and every answer sends the
//! newest one (each answer returns a fresh session: reusing an old one is
//! the classic "Invalid session" trap between chained challenges).
//! The diagram is in docs/flows.md.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Failure, SIGN_IN_FLOW_SECS, now, report, with_return_to};
use crate::cognito::mfa::{Enrolment, Factor};
use crate::cognito::{Challenge, CognitoError, SignInStep, Tokens};
use crate::config::SignInName as NameKind;
use crate::domain::{Email, OtpCode, Password, SignInName};
use crate::security::return_to::ReturnTo;
use crate::session::{Flash, Session, SignedInUser, StoredSecret};
use crate::state::AppState;

pub const CHALLENGE_PAGE: &str = "/sign-in/challenge";

/// A sign-in waiting for the visitor to answer a challenge.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SignInFlow {
    pub step: Step,
    /// Cognito's challenge session for the current step.
    pub session: StoredSecret,
    /// The real username, for SECRET_HASH and `USERNAME` in answers.
    pub username: String,
    /// The name as typed, to prefill the form when starting over.
    pub typed_name: String,
    pub return_to: Option<ReturnTo>,
    pub expires_at: u64,
}

/// The challenge being answered, one variant per Cognito challenge.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Step {
    /// NEW_PASSWORD_REQUIRED: an invited user sets their own password, and
    /// any attributes the pool requires that they do not have yet.
    NewPassword { required_attributes: Vec<String> },
    /// SOFTWARE_TOKEN_MFA: the authenticator-app code.
    AppCode,
    /// SMS_MFA: the code texted to `destination` (masked).
    SmsCode { destination: String },
    /// EMAIL_OTP: the code emailed to `destination` (masked).
    EmailCode { destination: String },
    /// SELECT_MFA_TYPE: the user has several methods and picks one.
    SelectMfa { options: Vec<Factor> },
    /// MFA_SETUP: the pool requires MFA and the user has none. Once an
    /// authenticator app is chosen, `totp_secret` holds its new secret.
    MfaSetup {
        options: Vec<Factor>,
        totp_secret: Option<StoredSecret>,
    },
    /// A challenge Threshold does not answer (custom auth, devices…).
    Unsupported { name: String },
}

impl Step {
    fn from_challenge(challenge: &Challenge) -> Self {
        let p = &challenge.parameters;
        let factors = |key: &str| -> Vec<Factor> {
            p.get(key)
                .and_then(|raw| serde_json::from_str::<Vec<String>>(raw).ok())
                .unwrap_or_default()
                .iter()
                .filter_map(|name| Factor::from_cognito(name))
                .collect()
        };
        let destination = || {
            p.get("CODE_DELIVERY_DESTINATION")
                .cloned()
                .unwrap_or_default()
        };
        match challenge.name.as_str() {
            "NEW_PASSWORD_REQUIRED" => Step::NewPassword {
                required_attributes: p
                    .get("requiredAttributes")
                    .and_then(|raw| serde_json::from_str::<Vec<String>>(raw).ok())
                    .unwrap_or_default()
                    .into_iter()
                    .map(|a| a.trim_start_matches("userAttributes.").to_owned())
                    .collect(),
            },
            "SOFTWARE_TOKEN_MFA" => Step::AppCode,
            "SMS_MFA" => Step::SmsCode {
                destination: destination(),
            },
            "EMAIL_OTP" => Step::EmailCode {
                destination: destination(),
            },
            "SELECT_MFA_TYPE" => Step::SelectMfa {
                options: factors("MFAS_CAN_CHOOSE"),
            },
            "MFA_SETUP" => Step::MfaSetup {
                options: factors("MFAS_CAN_SETUP"),
                totp_secret: None,
            },
            other => Step::Unsupported {
                name: other.to_owned(),
            },
        }
    }
}

pub struct SignInInput {
    pub username: String,
    pub password: String,
    pub return_to: String,
}

/// Handles the sign-in form; returns where to go next.
pub async fn submit(app: &AppState, session: &Session, input: SignInInput) -> String {
    let return_to = ReturnTo::parse(&input.return_to, &app.allowlist);
    let back = with_return_to("/sign-in", return_to.as_ref());
    let mut failure = Failure::new("sign_in").keep("username", &input.username);

    let name = match app.sign_in_name {
        NameKind::Email => {
            Email::parse(&input.username).and_then(|e| SignInName::parse(e.as_str()))
        }
        NameKind::Username => SignInName::parse(&input.username),
    };
    if let Err(id) = &name {
        failure = failure.field("username", id);
    }
    let password = Password::parse(input.password);
    if let Err(id) = &password {
        failure = failure.field("password", id);
    }
    let (Ok(name), Ok(password)) = (name, password) else {
        return failure.save(session, None, back);
    };

    match app.gateway.sign_in(&name, &password).await {
        Ok(SignInStep::SignedIn(tokens)) => complete(session, tokens, return_to),
        Ok(SignInStep::Challenge(challenge)) => {
            start_challenge(session, challenge, name.as_str(), return_to)
        }
        Err(CognitoError::UserNotConfirmed) => {
            super::sign_up::resume_unconfirmed(app, session, name.as_str(), return_to).await
        }
        Err(CognitoError::PasswordResetRequired) => {
            super::recovery::start_required_reset(app, session, name.as_str(), return_to).await
        }
        Err(e) => {
            let flash = report(&e);
            failure.save(session, Some(flash), back)
        }
    }
}

fn start_challenge(
    session: &Session,
    challenge: Challenge,
    typed_name: &str,
    return_to: Option<ReturnTo>,
) -> String {
    let flow = SignInFlow {
        step: Step::from_challenge(&challenge),
        session: StoredSecret::new(challenge.session),
        username: challenge.username,
        typed_name: typed_name.to_owned(),
        return_to,
        expires_at: now() + SIGN_IN_FLOW_SECS,
    };
    session.update(|d| d.sign_in = Some(flow));
    CHALLENGE_PAGE.to_owned()
}

/// What the challenge page posts; which fields matter depends on the step.
#[derive(Default)]
pub struct ChallengeInput {
    pub code: String,
    pub new_password: String,
    pub attributes: BTreeMap<String, String>,
    pub choice: String,
    pub device_name: String,
}

/// Handles an answer on the challenge page; returns where to go next.
pub async fn answer(app: &AppState, session: &Session, input: ChallengeInput) -> String {
    let Some(flow) = current(session) else {
        return "/sign-in".to_owned();
    };
    let back = CHALLENGE_PAGE.to_owned();
    let code_answer = |key: &str| -> Result<BTreeMap<String, String>, String> {
        let code = OtpCode::parse(&input.code).map_err(|id| {
            Failure::new("challenge")
                .field("code", id)
                .save(session, None, back.clone())
        })?;
        Ok(BTreeMap::from([(key.to_owned(), code.as_str().to_owned())]))
    };
    let (challenge, responses) = match &flow.step {
        Step::AppCode => match code_answer("SOFTWARE_TOKEN_MFA_CODE") {
            Ok(r) => ("SOFTWARE_TOKEN_MFA", r),
            Err(location) => return location,
        },
        Step::SmsCode { .. } => match code_answer("SMS_MFA_CODE") {
            Ok(r) => ("SMS_MFA", r),
            Err(location) => return location,
        },
        Step::EmailCode { .. } => match code_answer("EMAIL_OTP_CODE") {
            Ok(r) => ("EMAIL_OTP", r),
            Err(location) => return location,
        },
        Step::NewPassword {
            required_attributes,
        } => {
            let mut failure = Failure::new("challenge");
            for (name, value) in &input.attributes {
                failure = failure.keep(name, value);
            }
            let password = match Password::parse(input.new_password) {
                Ok(p) if app.password_policy.broken_rules(&p).is_empty() => Some(p),
                Ok(_) => {
                    failure = failure.field("new_password", "password.policy_unmet");
                    None
                }
                Err(id) => {
                    failure = failure.field("new_password", id);
                    None
                }
            };
            let mut responses = BTreeMap::new();
            for name in required_attributes {
                let value = input
                    .attributes
                    .get(name)
                    .map(|v| v.trim())
                    .unwrap_or_default();
                if value.is_empty() {
                    failure = failure.field(name, "attribute.missing");
                } else {
                    responses.insert(format!("userAttributes.{name}"), value.to_owned());
                }
            }
            let (Some(password), false) = (password, failure.has_errors()) else {
                return failure.save(session, None, back);
            };
            responses.insert(
                "NEW_PASSWORD".to_owned(),
                secrecy::ExposeSecret::expose_secret(password.secret()).to_owned(),
            );
            ("NEW_PASSWORD_REQUIRED", responses)
        }
        Step::SelectMfa { options } => {
            match Factor::from_id(&input.choice).filter(|f| options.contains(f)) {
                Some(factor) => (
                    "SELECT_MFA_TYPE",
                    BTreeMap::from([("ANSWER".to_owned(), factor.cognito_name().to_owned())]),
                ),
                None => {
                    return Failure::new("challenge")
                        .field("choice", "mfa.choose")
                        .save(session, None, back);
                }
            }
        }
        Step::MfaSetup {
            options,
            totp_secret,
        } => {
            return setup_mfa(app, session, &flow, options, totp_secret.as_ref(), &input).await;
        }
        Step::Unsupported { .. } => return cancel(session),
    };
    let result = app
        .gateway
        .respond(
            challenge,
            Some(flow.session.secret()),
            &flow.username,
            responses,
        )
        .await;
    after_answer(session, flow, result)
}

/// MFA_SETUP: choose a method; for an authenticator app, associate it with
/// the challenge session, show the secret, then verify its first code.
async fn setup_mfa(
    app: &AppState,
    session: &Session,
    flow: &SignInFlow,
    options: &[Factor],
    totp_secret: Option<&StoredSecret>,
    input: &ChallengeInput,
) -> String {
    let back = CHALLENGE_PAGE.to_owned();
    if totp_secret.is_none() {
        match Factor::from_id(&input.choice).filter(|f| options.contains(f)) {
            Some(Factor::Totp) => {
                match app
                    .gateway
                    .associate_software_token(Enrolment::Session(flow.session.secret()))
                    .await
                {
                    Ok(associated) => {
                        let mut next = flow.clone();
                        next.step = Step::MfaSetup {
                            options: options.to_vec(),
                            totp_secret: Some(StoredSecret::new(associated.secret)),
                        };
                        if let Some(new_session) = associated.session {
                            next.session = StoredSecret::new(new_session);
                        }
                        session.update(|d| d.sign_in = Some(next));
                        back
                    }
                    Err(e) => after_answer(session, flow.clone(), Err(e)),
                }
            }
            Some(Factor::Email) => {
                // Email MFA is set up by naming the address; Cognito answers
                // with an EMAIL_OTP challenge to prove it.
                let email = Email::parse(&flow.typed_name)
                    .map(|e| e.as_str().to_owned())
                    .unwrap_or_default();
                let responses = BTreeMap::from([("EMAIL".to_owned(), email)]);
                let result = app
                    .gateway
                    .respond(
                        "MFA_SETUP",
                        Some(flow.session.secret()),
                        &flow.username,
                        responses,
                    )
                    .await;
                after_answer(session, flow.clone(), result)
            }
            _ => Failure::new("challenge")
                .field("choice", "mfa.choose")
                .save(session, None, back),
        }
    } else {
        let code = match OtpCode::parse(&input.code) {
            Ok(code) => code,
            Err(id) => {
                return Failure::new("challenge")
                    .field("code", id)
                    .save(session, None, back);
            }
        };
        let device = input.device_name.trim();
        let device = (!device.is_empty()).then(|| device.chars().take(64).collect::<String>());
        match app
            .gateway
            .verify_software_token(
                Enrolment::Session(flow.session.secret()),
                code.as_str(),
                device.as_deref(),
            )
            .await
        {
            Ok(new_session) => {
                let session_for_setup =
                    new_session.unwrap_or_else(|| flow.session.secret().clone());
                let result = app
                    .gateway
                    .respond(
                        "MFA_SETUP",
                        Some(&session_for_setup),
                        &flow.username,
                        BTreeMap::new(),
                    )
                    .await;
                after_answer(session, flow.clone(), result)
            }
            Err(e) => after_answer(session, flow.clone(), Err(e)),
        }
    }
}

/// Moves the flow on after Cognito's answer: signed in, the next
/// challenge, or a message on the same (or the sign-in) page.
fn after_answer(
    session: &Session,
    flow: SignInFlow,
    result: Result<SignInStep, CognitoError>,
) -> String {
    let back = CHALLENGE_PAGE.to_owned();
    match result {
        Ok(SignInStep::SignedIn(tokens)) => complete(session, tokens, flow.return_to),
        Ok(SignInStep::Challenge(next)) => {
            start_challenge(session, next, &flow.typed_name, flow.return_to)
        }
        Err(CognitoError::CodeMismatch) => Failure::new("challenge")
            .field("code", "code.mismatch")
            .save(session, None, back),
        Err(CognitoError::ExpiredCode) => Failure::new("challenge")
            .field("code", "code.expired_sign_in")
            .save(session, None, back),
        Err(CognitoError::InvalidPassword(reason)) => {
            tracing::info!(%reason, "the pool refused the new password");
            Failure::new("challenge")
                .field("new_password", "password.rejected")
                .save(session, None, back)
        }
        // The challenge session expired (3 minutes), or too many wrong
        // codes ended it: start again, with the name filled in.
        Err(
            e @ (CognitoError::SessionEnded(_)
            | CognitoError::TooManyFailedAttempts
            | CognitoError::IncorrectCredentials),
        ) => {
            let id = match e {
                CognitoError::TooManyFailedAttempts => "code.too_many_attempts",
                _ => "sign_in.expired",
            };
            session.update(|d| d.sign_in = None);
            session.flash(Flash::info(id));
            Failure::new("sign_in")
                .keep("username", &flow.typed_name)
                .save(
                    session,
                    None,
                    with_return_to("/sign-in", flow.return_to.as_ref()),
                )
        }
        Err(e) => {
            let flash = report(&e);
            Failure::new("challenge").save(session, Some(flash), back)
        }
    }
}

/// Tokens in hand: the visitor is signed in. The session gets a new id
/// (no fixation) and the flow is over.
pub fn complete(session: &Session, tokens: Tokens, return_to: Option<ReturnTo>) -> String {
    session.renew();
    session.update(|d| {
        d.sign_in = None;
        d.sign_up = None;
        d.form = None;
        d.user = Some(SignedInUser {
            username: tokens.username,
            sub: tokens.sub,
            email: tokens.email,
            id_token: StoredSecret::new(tokens.id_token),
            access_token: StoredSecret::new(tokens.access_token),
            refresh_token: tokens.refresh_token.map(StoredSecret::new),
            access_expires_at: tokens.access_expires_at,
            signed_in_at_ms: super::now_ms(),
        });
    });
    return_to
        .map(|r| r.as_str().to_owned())
        .unwrap_or_else(|| "/account".to_owned())
}

/// The flow in progress, unless it expired; an expired one is removed
/// and the visitor told to start over.
pub fn current(session: &Session) -> Option<SignInFlow> {
    let flow = session.read(|d| d.sign_in.clone())?;
    if flow.expires_at <= now() {
        session.update(|d| d.sign_in = None);
        session.flash(Flash::info("sign_in.expired"));
        return None;
    }
    Some(flow)
}

/// Abandons the flow in progress ("start over", which is also how a new
/// SMS or email code is asked for: Cognito has no resend for MFA codes).
pub fn cancel(session: &Session) -> String {
    let Some(flow) = session.update(|d| d.sign_in.take()) else {
        return "/sign-in".to_owned();
    };
    Failure::new("sign_in")
        .keep("username", &flow.typed_name)
        .save(
            session,
            None,
            with_return_to("/sign-in", flow.return_to.as_ref()),
        )
}

#[cfg(test)]
mod tests {
    use secrecy::SecretString;

    use super::*;

    fn challenge(name: &str, params: &[(&str, &str)]) -> Challenge {
        Challenge {
            name: name.to_owned(),
            session: SecretString::from("s"),
            parameters: params
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            username: "u".to_owned(),
        }
    }

    #[test]
    fn each_cognito_challenge_becomes_its_step() {
        let step = Step::from_challenge(&challenge(
            "SELECT_MFA_TYPE",
            &[("MFAS_CAN_CHOOSE", r#"["SMS_MFA","SOFTWARE_TOKEN_MFA"]"#)],
        ));
        assert!(
            matches!(step, Step::SelectMfa { options } if options == vec![Factor::Sms, Factor::Totp])
        );
        let step = Step::from_challenge(&challenge(
            "NEW_PASSWORD_REQUIRED",
            &[("requiredAttributes", r#"["userAttributes.name"]"#)],
        ));
        assert!(
            matches!(step, Step::NewPassword { required_attributes } if required_attributes == vec!["name".to_owned()])
        );
        let step = Step::from_challenge(&challenge(
            "SMS_MFA",
            &[("CODE_DELIVERY_DESTINATION", "+*******1234")],
        ));
        assert!(matches!(step, Step::SmsCode { destination } if destination == "+*******1234"));
        let step = Step::from_challenge(&challenge(
            "MFA_SETUP",
            &[("MFAS_CAN_SETUP", r#"["SOFTWARE_TOKEN_MFA","EMAIL_OTP"]"#)],
        ));
        assert!(
            matches!(step, Step::MfaSetup { options, totp_secret: None } if options == vec![Factor::Totp, Factor::Email])
        );
        assert!(matches!(
            Step::from_challenge(&challenge("CUSTOM_CHALLENGE", &[])),
            Step::Unsupported { .. }
        ));
    }
}
