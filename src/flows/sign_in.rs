//! Sign-in: a password, then whatever challenges the pool asks for, then
//! tokens. The flow's state holds Cognito's typed challenge; the challenge
//! `Session` string stays here, server-side, and every answer sends the
//! newest one (each answer returns a fresh session: reusing an old one is
//! the classic "Invalid session" trap between chained challenges).
//! The diagram is in docs/flows.md.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{
    FlowError, audit, devices, fail, invalid, log_unexpected, now, recovery, sign_up, signed_in,
};
use crate::cognito::challenge::{Answer, Challenge, FirstFactor, PendingChallenge};
use crate::cognito::errors::CognitoError;
use crate::cognito::mfa::{Enrolment, Factor};
use crate::cognito::sign_in::SignInStep;
use crate::domain::{
    AttributeValue, Email, NewPassword, OtpCode, Password, SignInName, device_name,
};
use crate::routes::{Location, Page};
use crate::security::audit::Event;
use crate::security::return_to::ReturnTo;
use crate::session::{FormState, Session, SessionValue, StoredSecret};
use crate::state::AppState;

// ---------------------------------------------------------------- state

/// How long an unfinished sign-in is kept. Cognito's challenge sessions
/// last three minutes; this only bounds what the store holds.
pub const SIGN_IN_FLOW_SECS: u64 = 10 * 60;

/// A sign-in waiting for the visitor to answer a challenge.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SignInFlow {
    pub challenge: Challenge,
    /// Once an authenticator app was chosen during MFA_SETUP: its new
    /// secret, shown until the first code proves it.
    pub totp_secret: Option<StoredSecret>,
    /// Cognito's challenge session for the current step.
    pub session: StoredSecret,
    /// The real username, for SECRET_HASH and `USERNAME` in answers.
    pub username: String,
    /// The name as typed, to prefill the form when starting over.
    pub typed_name: String,
    pub return_to: Option<ReturnTo>,
    pub expires_at: u64,
    /// In choice-based sign-in, the way in chosen (or preferred) once
    /// there is one: remembered for next time when the sign-in succeeds.
    #[serde(default)]
    pub first_factor: Option<FirstFactor>,
    /// A signed-in user confirming who they are: never from a remembered
    /// browser, so the second step is asked as at the first sign-in.
    #[serde(default)]
    pub confirming: bool,
    /// The name a choice-based sign-in was started with, to start it again
    /// (the real username when confirming identity, which `typed_name`,
    /// the email shown, may not find in a username pool).
    #[serde(default)]
    pub sign_in_name: Option<String>,
}

impl SessionValue for SignInFlow {
    const KEY: &'static str = "sign_in";
}

impl SignInFlow {
    /// Whether this step is the way in itself (a code or a passkey in
    /// choice-based sign-in), not a second step after the password.
    pub fn asks_first_factor(&self) -> bool {
        self.first_factor.is_some() && first_factor_asked(&self.challenge) == self.first_factor
    }
}

/// The browser's cookie naming the way in it used last (`passkey`,
/// `email_code`, …): nothing else, and nothing secret.
pub const METHOD_COOKIE: &str = "threshold-sign-in-method";

/// The way in of a choice-based sign-in that just succeeded, for the
/// page to remember in the browser (a cookie holding only its name), so
/// that next time it is offered first.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct SignedInWith(pub FirstFactor);

impl SessionValue for SignedInWith {
    const KEY: &'static str = "signed_in_with";
}

// ---------------------------------------------------------------- input

pub struct SignInInput {
    pub username: String,
    pub password: String,
    pub return_to: String,
    /// The way in this browser used last time (choice-based sign-in).
    pub preferred: Option<FirstFactor>,
}

/// What the challenge page posts; which fields matter depends on the step.
#[derive(Default)]
pub struct ChallengeInput {
    pub code: String,
    pub new_password: String,
    pub attributes: BTreeMap<String, String>,
    pub choice: String,
    pub device_name: String,
    /// The password, typed where the first factor is chosen.
    pub password: String,
    /// "Remember this browser" was ticked on an MFA code page.
    pub remember_device: bool,
    /// The browser's User-Agent, to name a remembered device.
    pub user_agent: String,
}

// ---------------------------------------------------------------- steps

/// Handles the sign-in form.
pub async fn submit(app: &AppState, session: &Session, input: SignInInput) -> Location {
    let return_to = ReturnTo::parse(&input.return_to, &app.allowlist);
    let back = Location::with_return_to(Page::SignIn, return_to.as_ref());
    let mut form = FormState::new(Page::SignIn).keep("username", &input.username);
    let name = SignInName::parse(&input.username, app.sign_in_name);
    if app.choice_sign_in {
        return match name {
            Ok(name) => {
                let start = Start {
                    name: &name,
                    typed: name.as_str(),
                    preferred: input.preferred,
                    confirming: false,
                };
                begin_choice(app, session, start, return_to).await
            }
            Err(id) => invalid(session, form.error("username", id), back),
        };
    }
    if let Err(id) = &name {
        form = form.error("username", id);
    }
    let password = Password::parse(input.password);
    if let Err(id) = &password {
        form = form.error("password", id);
    }
    let (Ok(name), Ok(password)) = (name, password) else {
        return invalid(session, form, back);
    };

    match devices::sign_in(app, session, &name, &password).await {
        Ok(SignInStep::SignedIn(tokens)) => {
            let ending = Ending {
                typed_name: name.as_str(),
                ..Ending::default()
            };
            complete(app, session, tokens, return_to.as_ref(), ending).await
        }
        Ok(SignInStep::Challenge(pending)) => {
            start_challenge(session, pending, name.as_str(), return_to, None)
        }
        Err(CognitoError::UserNotConfirmed) => {
            sign_up::resume_unconfirmed(app, session, &name, return_to).await
        }
        Err(CognitoError::PasswordResetRequired) => {
            session.remove::<SignInFlow>();
            recovery::start_required_reset(app, session, &name, return_to).await
        }
        Err(e) => {
            match e {
                CognitoError::IncorrectCredentials => {
                    audit(app, Event::SignInFailed, name.as_str(), "password");
                }
                CognitoError::PasswordAttemptsExceeded => {
                    audit(app, Event::LockedOut, name.as_str(), "password");
                }
                _ => {}
            }
            fail(session, form, &SignInError::from_cognito(e), back)
        }
    }
}

/// Handles the confirm-identity form: the signed-in user's password
/// again, through the same sign-in as the sign-in page (MFA included), so
/// a sensitive change that follows rests on a fresh sign-in. Succeeding
/// starts a new session (new id, new sign-in time); a wrong password
/// stays on the page, and the visitor stays signed in.
///
/// With choice-based sign-in the page has no password: the user signs in
/// again in any way they have (a user without a password has no other),
/// starting from the page that offers them.
pub async fn reauthenticate(
    app: &AppState,
    session: &Session,
    password: String,
    return_to: &str,
    preferred: Option<FirstFactor>,
) -> Location {
    let return_to = ReturnTo::parse(return_to, &app.allowlist);
    let back = Location::with_return_to(Page::ConfirmIdentity, return_to.as_ref());
    let user = match signed_in::require_for(app, session, &back).await {
        Ok(user) => user,
        Err(location) => return location,
    };
    let name = SignInName::signed_in(&user.username);
    let typed_name = user.email.clone().unwrap_or_else(|| user.username.clone());
    if app.choice_sign_in {
        let start = Start {
            name: &name,
            typed: &typed_name,
            preferred,
            confirming: true,
        };
        return begin_choice(app, session, start, return_to).await;
    }
    let form = FormState::new(Page::ConfirmIdentity);
    let password = match Password::parse(password) {
        Ok(password) => password,
        Err(id) => return invalid(session, form.error("password", id), back),
    };
    // Never from a remembered browser: a sensitive change asks for the
    // second step too, so a stolen browser's cookies and the password
    // are not enough.
    match app.gateway.sign_in(&name, &password).await {
        Ok(SignInStep::SignedIn(tokens)) => {
            let ending = Ending {
                typed_name: &typed_name,
                ..Ending::default()
            };
            complete(app, session, tokens, return_to.as_ref(), ending).await
        }
        Ok(SignInStep::Challenge(pending)) => {
            start_challenge(session, pending, &typed_name, return_to, None)
        }
        Err(CognitoError::IncorrectCredentials) => {
            audit(app, Event::SignInFailed, &typed_name, "confirm_identity");
            fail(session, form, &SignInError::WrongPassword, back)
        }
        Err(e) => fail(session, form, &SignInError::from_cognito(e), back),
    }
}

/// Signs a just-confirmed user in with ConfirmSignUp's session: tokens
/// (on to `return_to`, with a notice that they are signed in), or the
/// second step a pool asks for. Where the pool does not sign them in this
/// way, the sign-in page as before.
pub async fn after_sign_up(
    app: &AppState,
    session: &Session,
    next: sign_up::SignInAfterSignUp,
) -> Location {
    match app
        .gateway
        .sign_in_after_sign_up(&next.username, &next.session)
        .await
    {
        Ok(SignInStep::SignedIn(tokens)) => {
            let ending = Ending {
                typed_name: &next.username,
                ..Ending::default()
            };
            let location = complete(app, session, tokens, next.return_to.as_ref(), ending).await;
            session.flash(crate::session::Flash::info("confirm.signed_in"));
            location
        }
        Ok(SignInStep::Challenge(pending)) => {
            start_challenge(session, pending, &next.username, next.return_to, None)
        }
        Err(e) => {
            tracing::info!(error = %e, "a confirmed user was not signed in with the sign-up's session");
            sign_up::confirmed_page(session, &next.username, next.return_to.as_ref())
        }
    }
}

/// How a choice-based sign-in starts.
struct Start<'a> {
    name: &'a SignInName,
    /// The name as the visitor knows it, for the pages.
    typed: &'a str,
    /// The way in this browser used last.
    preferred: Option<FirstFactor>,
    /// A signed-in user confirming who they are.
    confirming: bool,
}

/// Starts choice-based sign-in for `name`: straight to the way in this
/// browser used last time when it needs nothing typed first (a code is
/// sent, a passkey asked for), else the page that offers every way the
/// pool allows this name.
async fn begin_choice(
    app: &AppState,
    session: &Session,
    start: Start<'_>,
    return_to: Option<ReturnTo>,
) -> Location {
    let name = start.name;
    let back = Location::with_return_to(Page::SignIn, return_to.as_ref());
    let form = FormState::new(Page::SignIn).keep("username", start.typed);
    // A preferred code is sent as soon as the name is typed: within the
    // name's budget of messages, else the ways in are offered instead.
    let mut preferred = start.preferred;
    if matches!(
        preferred,
        Some(FirstFactor::EmailCode | FirstFactor::SmsCode)
    ) && !super::may_send_message(app, start.typed).await
    {
        preferred = None;
    }
    let mut started = app.gateway.start_choice(name, preferred).await;
    // A way this browser used that the pool no longer offers (a factor
    // turned off, passkeys unconfigured) must not lock the browser out:
    // the ways there are, instead.
    if preferred.is_some()
        && let Err(e) = &started
        && !matches!(
            e,
            CognitoError::Unavailable { .. }
                | CognitoError::TooManyRequests
                | CognitoError::LimitExceeded
                | CognitoError::UserNotConfirmed
                | CognitoError::PasswordResetRequired
        )
    {
        tracing::info!(error = %e, "the pool refused the preferred way in; offering them all");
        started = app.gateway.start_choice(name, None).await;
    }
    match started {
        Ok(SignInStep::SignedIn(tokens)) => {
            let ending = Ending {
                typed_name: start.typed,
                ..Ending::default()
            };
            complete(app, session, tokens, return_to.as_ref(), ending).await
        }
        Ok(SignInStep::Challenge(pending)) => {
            let factor = first_factor_asked(&pending.challenge);
            start_challenge(session, pending, start.typed, return_to, factor);
            carry_over(session, Some(name.as_str()), start.confirming);
            Location::page(Page::SignInChallenge)
        }
        Err(CognitoError::UserNotConfirmed) => {
            sign_up::resume_unconfirmed(app, session, name, return_to).await
        }
        Err(CognitoError::PasswordResetRequired) => {
            session.remove::<SignInFlow>();
            recovery::start_required_reset(app, session, name, return_to).await
        }
        Err(e) => fail(session, form, &SignInError::from_cognito(e), back),
    }
}

/// The first factor a challenge of choice-based sign-in asks for, when
/// it asks for one (not SELECT_CHALLENGE, not a second factor).
fn first_factor_asked(challenge: &Challenge) -> Option<FirstFactor> {
    match challenge {
        Challenge::EmailCode { .. } => Some(FirstFactor::EmailCode),
        Challenge::SmsSignInCode { .. } => Some(FirstFactor::SmsCode),
        Challenge::Passkey { .. } => Some(FirstFactor::Passkey),
        _ => None,
    }
}

/// SELECT_CHALLENGE answered: the way in chosen on the page, with the
/// password when that is the way. A wrong password spends Cognito's
/// session, so the page comes back with a fresh one and the message.
async fn choose(
    app: &AppState,
    session: &Session,
    flow: &SignInFlow,
    options: &[FirstFactor],
    input: &ChallengeInput,
) -> Location {
    let back = Location::page(Page::SignInChallenge);
    let form = FormState::new(Page::SignInChallenge);
    let Some(factor) = FirstFactor::from_id(&input.choice).filter(|f| options.contains(f)) else {
        return fail(session, form, &SignInError::NoChoice, back);
    };
    let password = match factor {
        FirstFactor::Password => match Password::parse(input.password.clone()) {
            Ok(password) => Some(password),
            Err(id) => return invalid(session, form.error("password", id), back),
        },
        _ => None,
    };
    // A remembered browser's key goes with the password, so the pool can
    // skip MFA for it.
    let remembered = match factor {
        FirstFactor::Password if !flow.confirming => {
            devices::remembered_for(app, session, &flow.typed_name).await
        }
        _ => None,
    };
    let key = remembered.as_ref().map(|r| r.device_key().to_owned());
    let sent = app
        .gateway
        .choose_first_factor(
            flow.session.secret(),
            &flow.username,
            factor,
            password.as_ref(),
            key.as_deref(),
        )
        .await;
    let result = match remembered {
        None => sent,
        Some(remembered) => match devices::answer(app, session, remembered, sent).await {
            Ok(Some(step)) => Ok(step),
            // The pool refused the device, and spent its session with it:
            // the same choice again, without the device.
            Ok(None) => choose_again(app, flow, factor, password.as_ref()).await,
            Err(e) => Err(e),
        },
    };
    let name = name_of(app, flow);
    match (result, name) {
        (
            Err(
                e @ (CognitoError::IncorrectCredentials
                | CognitoError::PasswordAttemptsExceeded
                | CognitoError::TemporaryPasswordSpent),
            ),
            _,
        ) => {
            let event = match e {
                CognitoError::PasswordAttemptsExceeded => Event::LockedOut,
                _ => Event::SignInFailed,
            };
            audit(app, event, &flow.typed_name, factor.id());
            offer_choice(app, session, flow, Some(SignInError::from_cognito(e))).await
        }
        (Err(CognitoError::UserNotConfirmed), Ok(name)) => {
            session.remove::<SignInFlow>();
            sign_up::resume_unconfirmed(app, session, &name, flow.return_to.clone()).await
        }
        (Err(CognitoError::PasswordResetRequired), Ok(name)) => {
            session.remove::<SignInFlow>();
            recovery::start_required_reset(app, session, &name, flow.return_to.clone()).await
        }
        (result, _) => {
            let mut flow = flow.clone();
            flow.first_factor = Some(factor);
            after_answer(app, session, flow, result, devices::Remember::default()).await
        }
    }
}

/// `factor` chosen again, on a fresh SELECT_CHALLENGE for the same name.
async fn choose_again(
    app: &AppState,
    flow: &SignInFlow,
    factor: FirstFactor,
    password: Option<&Password>,
) -> Result<SignInStep, CognitoError> {
    let name = name_of(app, flow).map_err(|_| CognitoError::IncorrectCredentials)?;
    match app.gateway.start_choice(&name, None).await? {
        SignInStep::Challenge(pending)
            if matches!(pending.challenge, Challenge::SelectFirstFactor { .. }) =>
        {
            app.gateway
                .choose_first_factor(&pending.session, &pending.username, factor, password, None)
                .await
        }
        other => Ok(other),
    }
}

/// Handles "other ways to sign in" on a code or passkey page: a fresh
/// SELECT_CHALLENGE for the same name, which lists every way in.
pub async fn other_ways(app: &AppState, session: &Session) -> Location {
    match current(session) {
        Some(flow) => offer_choice(app, session, &flow, None).await,
        None => Location::page(Page::SignIn),
    }
}

/// Starts the name's sign-in again without a preference (Cognito's
/// sessions are single use), and shows the choice with `error`, if any.
async fn offer_choice(
    app: &AppState,
    session: &Session,
    flow: &SignInFlow,
    error: Option<SignInError>,
) -> Location {
    let here = Location::page(Page::SignInChallenge);
    let restarted = match name_of(app, flow) {
        Ok(name) => app.gateway.start_choice(&name, None).await.ok(),
        Err(_) => None,
    };
    match restarted {
        Some(SignInStep::Challenge(pending))
            if matches!(pending.challenge, Challenge::SelectFirstFactor { .. }) =>
        {
            start_challenge(
                session,
                pending,
                &flow.typed_name,
                flow.return_to.clone(),
                None,
            );
            carry_over(session, flow.sign_in_name.as_deref(), flow.confirming);
            match error {
                Some(error) => fail(session, FormState::new(Page::SignInChallenge), &error, here),
                None => here,
            }
        }
        _ => {
            // The pool would not start again: back to the first page,
            // the name kept.
            session.remove::<SignInFlow>();
            let form = FormState::new(Page::SignIn).keep("username", &flow.typed_name);
            let to = Location::with_return_to(Page::SignIn, flow.return_to.as_ref());
            fail(session, form, &error.unwrap_or(SignInError::Expired), to)
        }
    }
}

/// Marks the flow just started as a confirmation of identity.
/// Keeps what a choice-based sign-in started with (the name it began
/// with, whether it confirms identity) in the flow just stored.
fn carry_over(session: &Session, sign_in_name: Option<&str>, confirming: bool) {
    if let Some(mut flow) = session.get::<SignInFlow>() {
        flow.sign_in_name = sign_in_name.map(str::to_owned);
        flow.confirming = confirming;
        session.insert(&flow);
    }
}

/// The name to start `flow`'s sign-in again with.
fn name_of(app: &AppState, flow: &SignInFlow) -> Result<SignInName, &'static str> {
    match &flow.sign_in_name {
        Some(name) => Ok(SignInName::signed_in(name)),
        None => SignInName::parse(&flow.typed_name, app.sign_in_name),
    }
}

fn start_challenge(
    session: &Session,
    pending: PendingChallenge,
    typed_name: &str,
    return_to: Option<ReturnTo>,
    first_factor: Option<FirstFactor>,
) -> Location {
    session.insert(&SignInFlow {
        challenge: pending.challenge,
        totp_secret: None,
        session: StoredSecret::new(pending.session),
        username: pending.username,
        typed_name: typed_name.to_owned(),
        return_to,
        expires_at: now() + SIGN_IN_FLOW_SECS,
        first_factor,
        confirming: false,
        sign_in_name: None,
    });
    Location::page(Page::SignInChallenge)
}

/// How a sign-in ended, besides its tokens.
#[derive(Default)]
struct Ending<'a> {
    /// The way in of a choice-based sign-in, left for the page to remember
    /// in the browser.
    first_factor: Option<FirstFactor>,
    /// The name as typed, which a remembered browser answers to.
    typed_name: &'a str,
    remember: devices::Remember<'a>,
}

/// Tokens in hand: the sign-in's device confirmed (and remembered, when
/// asked), signed in, and on to `return_to` or the account page.
async fn complete(
    app: &AppState,
    session: &Session,
    mut tokens: crate::cognito::sign_in::Tokens,
    return_to: Option<&ReturnTo>,
    ending: Ending<'_>,
) -> Location {
    devices::track(
        app,
        session,
        ending.remember,
        ending.typed_name,
        &mut tokens,
    )
    .await;
    let first_factor = ending.first_factor;
    let name = tokens
        .email
        .clone()
        .unwrap_or_else(|| tokens.username.clone());
    audit(app, Event::SignInSucceeded, &name, "");
    signed_in::start(app, session, tokens);
    if let Some(factor) = first_factor {
        session.insert(&SignedInWith(factor));
    }
    return_to.map_or_else(|| Location::page(Page::Account), Location::return_to)
}

/// The flow in progress, unless it expired; an expired one is removed
/// and the visitor told to start over.
pub fn current(session: &Session) -> Option<SignInFlow> {
    let flow = session.get::<SignInFlow>()?;
    if flow.expires_at <= now() {
        session.remove::<SignInFlow>();
        session.flash(crate::session::Flash::info(
            SignInError::Expired.message_id(),
        ));
        return None;
    }
    Some(flow)
}

/// Handles an answer on the challenge page.
pub async fn answer(app: &AppState, session: &Session, input: ChallengeInput) -> Location {
    let Some(flow) = current(session) else {
        return Location::page(Page::SignIn);
    };
    let back = Location::page(Page::SignInChallenge);
    let form = FormState::new(Page::SignInChallenge);
    let code = || OtpCode::parse(&input.code);
    let result = match &flow.challenge {
        Challenge::AppCode
        | Challenge::SmsCode { .. }
        | Challenge::EmailCode { .. }
        | Challenge::SmsSignInCode { .. } => {
            let code = match code() {
                Ok(code) => code,
                Err(id) => return invalid(session, form.error("code", id), back),
            };
            let answer = match &flow.challenge {
                Challenge::AppCode => Answer::AppCode(&code),
                Challenge::SmsCode { .. } => Answer::SmsCode(&code),
                Challenge::SmsSignInCode { .. } => Answer::SmsSignInCode(&code),
                _ => Answer::EmailCode(&code),
            };
            app.gateway
                .respond(flow.session.secret(), &flow.username, answer)
                .await
        }
        Challenge::NewPassword {
            required_attributes,
        } => {
            let mut form = form;
            for (name, value) in &input.attributes {
                form = form.keep(name, value);
            }
            form = form.check_password(&app.password_policy, &input.new_password);
            let password = NewPassword::parse(input.new_password, &app.password_policy);
            if let Err(id) = &password {
                form = form.error("new_password", id);
            }
            let mut attributes = BTreeMap::new();
            for name in required_attributes {
                let raw = input.attributes.get(name).map_or("", String::as_str);
                match AttributeValue::parse_required(raw) {
                    Ok(value) => {
                        attributes.insert(name.clone(), value.as_str().to_owned());
                    }
                    Err(id) => form = form.error(name, id),
                }
            }
            let (Ok(password), false) = (password, form.has_errors()) else {
                return invalid(session, form, back);
            };
            app.gateway
                .respond(
                    flow.session.secret(),
                    &flow.username,
                    Answer::NewPassword {
                        password: &password,
                        attributes: &attributes,
                    },
                )
                .await
        }
        Challenge::SelectMfa { options } => {
            let Some(factor) = Factor::from_id(&input.choice).filter(|f| options.contains(f))
            else {
                return fail(session, form, &SignInError::NoChoice, back);
            };
            app.gateway
                .respond(
                    flow.session.secret(),
                    &flow.username,
                    Answer::SelectMfa(factor),
                )
                .await
        }
        Challenge::MfaSetup { options } => {
            return match &flow.totp_secret {
                None => choose_setup(app, session, &flow, options, &input.choice).await,
                Some(_) => verify_setup(app, session, &flow, &input).await,
            };
        }
        Challenge::SelectFirstFactor { options } => {
            return choose(app, session, &flow, options, &input).await;
        }
        // The passkey step posts to its own handler (`answer_passkey`).
        Challenge::Passkey { .. } => return fail(session, form, &SignInError::PasskeyFailed, back),
        Challenge::Unsupported { .. } | Challenge::DeviceSrp => return cancel(session),
    };
    let remember = devices::Remember {
        asked: input.remember_device,
        user_agent: &input.user_agent,
    };
    after_answer(app, session, flow, result, remember).await
}

/// Handles the passkey step: `credential` is the browser's answer to the
/// request options (WebAuthn's JSON), which the pool verifies.
pub async fn answer_passkey(app: &AppState, session: &Session, credential: &str) -> Location {
    let Some(flow) = current(session) else {
        return Location::page(Page::SignIn);
    };
    let back = Location::page(Page::SignInChallenge);
    let form = FormState::new(Page::SignInChallenge);
    if !matches!(flow.challenge, Challenge::Passkey { .. }) {
        return back;
    }
    // Empty when the script could not run or the visitor cancelled the
    // browser's dialog: the page says so and stays.
    let credential = credential.trim();
    if credential.is_empty() {
        return fail(session, form, &SignInError::PasskeyFailed, back);
    }
    let result = app
        .gateway
        .respond(
            flow.session.secret(),
            &flow.username,
            Answer::Passkey(credential),
        )
        .await;
    match result {
        // A passkey the pool does not know for this name (deleted, another
        // account's): Cognito's session is spent.
        Err(CognitoError::IncorrectCredentials) => {
            audit(app, Event::SignInFailed, &flow.typed_name, "passkey");
            offer_choice(app, session, &flow, Some(SignInError::PasskeyRefused)).await
        }
        result => after_answer(app, session, flow, result, devices::Remember::default()).await,
    }
}

/// The methods of an MFA_SETUP challenge that can be set up while signing
/// in: an authenticator app, and email. Cognito lists text messages too,
/// but sets them up only for an account that already has a phone number:
/// the app must add one and start the sign-in again, which needs the
/// password again. The page says so instead.
/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html>
pub fn settable_during_sign_in(options: &[Factor]) -> Vec<Factor> {
    options
        .iter()
        .copied()
        .filter(|f| *f != Factor::Sms)
        .collect()
}

/// MFA_SETUP, first step: the method. An authenticator app is associated
/// with the challenge session and its secret shown; email is set up by
/// naming the address, which Cognito then proves with an EMAIL_OTP code.
async fn choose_setup(
    app: &AppState,
    session: &Session,
    flow: &SignInFlow,
    options: &[Factor],
    choice: &str,
) -> Location {
    let back = Location::page(Page::SignInChallenge);
    match Factor::from_id(choice).filter(|f| settable_during_sign_in(options).contains(f)) {
        Some(Factor::Totp) => {
            match app
                .gateway
                .associate_software_token(Enrolment::Session(flow.session.secret()))
                .await
            {
                Ok(associated) => {
                    let mut next = flow.clone();
                    next.totp_secret = Some(StoredSecret::new(associated.secret));
                    if let Some(new_session) = associated.session {
                        next.session = StoredSecret::new(new_session);
                    }
                    session.insert(&next);
                    back
                }
                Err(e) => {
                    after_answer(app, session, flow.clone(), Err(e), Default::default()).await
                }
            }
        }
        Some(Factor::Email) => {
            // In email pools the name typed is the address to set up.
            let Ok(email) = Email::parse(&flow.typed_name) else {
                return fail(
                    session,
                    FormState::new(Page::SignInChallenge),
                    &SignInError::NoChoice,
                    back,
                );
            };
            let result = app
                .gateway
                .respond(
                    flow.session.secret(),
                    &flow.username,
                    Answer::SetUpEmail(&email),
                )
                .await;
            after_answer(app, session, flow.clone(), result, Default::default()).await
        }
        _ => fail(
            session,
            FormState::new(Page::SignInChallenge),
            &SignInError::NoChoice,
            back,
        ),
    }
}

/// MFA_SETUP, second step for an app: VerifySoftwareToken with its first
/// code, then MFA_SETUP with the session that returns.
async fn verify_setup(
    app: &AppState,
    session: &Session,
    flow: &SignInFlow,
    input: &ChallengeInput,
) -> Location {
    let back = Location::page(Page::SignInChallenge);
    let form = FormState::new(Page::SignInChallenge).keep("device_name", &input.device_name);
    let code = match OtpCode::parse(&input.code) {
        Ok(code) => code,
        Err(id) => return invalid(session, form.error("code", id), back),
    };
    let verified = app
        .gateway
        .verify_software_token(
            Enrolment::Session(flow.session.secret()),
            &code,
            device_name(&input.device_name).as_deref(),
        )
        .await;
    let result = match verified {
        Ok(new_session) => {
            let setup_session = new_session.unwrap_or_else(|| flow.session.secret().clone());
            app.gateway
                .respond(&setup_session, &flow.username, Answer::SetUpAppVerified)
                .await
        }
        Err(e) => Err(e),
    };
    after_answer(app, session, flow.clone(), result, Default::default()).await
}

/// Moves the flow on after Cognito's answer: signed in, the next
/// challenge, or a message on the same (or the sign-in) page.
async fn after_answer(
    app: &AppState,
    session: &Session,
    flow: SignInFlow,
    result: Result<SignInStep, CognitoError>,
    remember: devices::Remember<'_>,
) -> Location {
    let error = match result {
        Ok(SignInStep::SignedIn(tokens)) => {
            let ending = Ending {
                first_factor: flow.first_factor,
                typed_name: &flow.typed_name,
                remember,
            };
            return complete(app, session, tokens, flow.return_to.as_ref(), ending).await;
        }
        Ok(SignInStep::Challenge(next)) => {
            let factor = flow
                .first_factor
                .or_else(|| first_factor_asked(&next.challenge));
            let location = start_challenge(session, next, &flow.typed_name, flow.return_to, factor);
            carry_over(session, flow.sign_in_name.as_deref(), flow.confirming);
            return location;
        }
        Err(e) => {
            audit(
                app,
                Event::SignInFailed,
                &flow.typed_name,
                flow.challenge.kind(),
            );
            SignInError::from_challenge_answer(e)
        }
    };
    if error.starts_over() {
        // The challenge session expired (3 minutes) or too many wrong codes
        // ended it: start again, with the name filled in.
        session.remove::<SignInFlow>();
        let form = FormState::new(Page::SignIn).keep("username", &flow.typed_name);
        let to = Location::with_return_to(Page::SignIn, flow.return_to.as_ref());
        return fail(session, form, &error, to);
    }
    fail(
        session,
        FormState::new(Page::SignInChallenge),
        &error,
        Location::page(Page::SignInChallenge),
    )
}

/// Abandons the flow in progress ("start over", which is also how a new
/// SMS or email code is asked for: Cognito has no resend for MFA codes).
pub fn cancel(session: &Session) -> Location {
    let Some(flow) = session.take::<SignInFlow>() else {
        return Location::page(Page::SignIn);
    };
    invalid(
        session,
        FormState::new(Page::SignIn).keep("username", &flow.typed_name),
        Location::with_return_to(Page::SignIn, flow.return_to.as_ref()),
    )
}

// ---------------------------------------------------------------- errors

/// What can go wrong signing in.
#[derive(Debug)]
pub enum SignInError {
    /// A wrong password or an unknown account, one message for both:
    /// "Incorrect email or password."
    IncorrectCredentials,
    /// A wrong password when a signed-in user confirms who they are (the
    /// account is known, so the message can say so), beside the field.
    WrongPassword,
    /// The challenge took too long (or too many wrong codes ended it):
    /// back to sign-in, name kept, "Your sign-in took too long…".
    Expired,
    /// Too many wrong codes in a row; back to sign-in.
    TooManyAttempts,
    /// A wrong MFA code, beside the code field.
    CodeMismatch,
    /// An SMS or email code that expired, beside the code field.
    CodeExpired,
    /// The pool refused the new password, beside the field.
    PasswordRejected,
    /// No method chosen (or one not offered), beside the choice.
    NoChoice,
    /// The browser gave no passkey (the dialog cancelled, no script):
    /// try again or choose another way.
    PasskeyFailed,
    /// The pool did not accept the passkey for this account.
    PasskeyRefused,
    /// Throttled by the pool: "Too many attempts. Wait a few minutes…".
    RateLimited,
    /// The pool's sign-in lockout after wrong passwords, which refuses the
    /// right password too. The local pool locks names with no account
    /// alike; Cognito's documentation does not say whether it does, and
    /// Threshold's own per-name limit applies to every name.
    LockedOut,
    /// An invitation's temporary password that was already used (or has
    /// expired): "ask for a new invitation".
    TemporaryPasswordSpent,
    /// The pool cannot be reached right now: "try again in a moment".
    Unavailable,
    /// Anything else; logged: "Something went wrong on our side."
    Unexpected,
}

impl SignInError {
    /// For InitiateAuth's answer.
    fn from_cognito(error: CognitoError) -> Self {
        match error {
            CognitoError::IncorrectCredentials | CognitoError::SessionEnded(_) => {
                Self::IncorrectCredentials
            }
            CognitoError::PasswordAttemptsExceeded => Self::LockedOut,
            CognitoError::TemporaryPasswordSpent => Self::TemporaryPasswordSpent,
            CognitoError::TooManyRequests | CognitoError::LimitExceeded => Self::RateLimited,
            e @ CognitoError::Unavailable { .. } => {
                log_unexpected(&e);
                Self::Unavailable
            }
            other => {
                log_unexpected(&other);
                Self::Unexpected
            }
        }
    }

    /// For the answer to a challenge (RespondToAuthChallenge and the
    /// authenticator-app enrolment during MFA_SETUP).
    fn from_challenge_answer(error: CognitoError) -> Self {
        match error {
            CognitoError::CodeMismatch => Self::CodeMismatch,
            CognitoError::ExpiredCode => Self::CodeExpired,
            CognitoError::InvalidPassword(reason) => {
                tracing::info!(%reason, "the pool refused the new password");
                Self::PasswordRejected
            }
            CognitoError::SessionEnded(_) | CognitoError::IncorrectCredentials => Self::Expired,
            // Both of Cognito's ways of saying "too many wrong codes".
            CognitoError::TooManyFailedAttempts | CognitoError::LimitExceeded => {
                Self::TooManyAttempts
            }
            CognitoError::PasswordAttemptsExceeded => Self::LockedOut,
            CognitoError::TooManyRequests => Self::RateLimited,
            e @ CognitoError::Unavailable { .. } => {
                log_unexpected(&e);
                Self::Unavailable
            }
            other => {
                log_unexpected(&other);
                Self::Unexpected
            }
        }
    }

    /// Whether the visitor must start the sign-in again.
    fn starts_over(&self) -> bool {
        matches!(self, Self::Expired | Self::TooManyAttempts)
    }
}

impl FlowError for SignInError {
    fn message_id(&self) -> &'static str {
        match self {
            Self::IncorrectCredentials => "sign_in.incorrect_credentials",
            Self::WrongPassword => "confirm_identity.wrong_password",
            Self::Expired => "sign_in.expired",
            Self::TooManyAttempts => "code.too_many_attempts",
            Self::CodeMismatch => "code.mismatch",
            Self::CodeExpired => "code.expired",
            Self::PasswordRejected => "password.rejected",
            Self::NoChoice => "mfa.choose",
            Self::PasskeyFailed => "passkey.failed",
            Self::PasskeyRefused => "passkey.refused",
            Self::RateLimited => "error.rate_limited",
            Self::LockedOut => "sign_in.locked_out",
            Self::TemporaryPasswordSpent => "sign_in.temporary_password_spent",
            Self::Unavailable => "error.unavailable",
            Self::Unexpected => "error.unexpected",
        }
    }

    fn field(&self) -> Option<&'static str> {
        match self {
            Self::CodeMismatch | Self::CodeExpired => Some("code"),
            Self::PasswordRejected => Some("new_password"),
            Self::WrongPassword => Some("password"),
            Self::NoChoice => Some("choice"),
            _ => None,
        }
    }

    fn is_notice(&self) -> bool {
        matches!(self, Self::Expired | Self::TooManyAttempts)
    }
}
