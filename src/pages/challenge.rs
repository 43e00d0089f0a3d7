//! `GET /sign-in/challenge`: the step Cognito asked for after the password,
//! one form per challenge (see `cognito::challenge::Challenge`).

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;
use secrecy::ExposeSecret as _;

use super::components::{
    CsrfField, ErrorSummary, Field, Layout, PasswordChecklist, PasswordScript,
};
use super::totp_setup::TotpEnrolment;
use super::{Ctx, ctx, see_other};
use crate::brand::FooterLink;
use crate::cognito::challenge::{Challenge, FirstFactor};
use crate::cognito::mfa::Factor;
use crate::flows::sign_in::{self, ChallengeInput};
use crate::i18n::{t, t_args};
use crate::routes::{Location, Page};
use crate::session::FormState;

#[server(prefix = "/api", endpoint = "sign-in-challenge")]
pub async fn answer_challenge(
    #[server(default)] code: String,
    #[server(default)] new_password: String,
    #[server(default)] attributes: BTreeMap<String, String>,
    #[server(default)] choice: String,
    #[server(default)] device_name: String,
    #[server(default)] password: String,
    #[server(default)] remember_device: String,
) -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    let user_agent = use_context::<axum::http::request::Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(axum::http::header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        })
        .unwrap_or_default();
    let input = ChallengeInput {
        code,
        new_password,
        attributes,
        choice,
        device_name,
        password,
        remember_device: !remember_device.is_empty(),
        user_agent,
    };
    see_other(&sign_in::answer(&ctx.app, &ctx.session, input).await);
    super::sign_in::remember_method(&ctx);
    Ok(())
}

/// The passkey step's answer, from `public/js/passkey.js`.
#[server(prefix = "/api", endpoint = "sign-in-passkey")]
pub async fn answer_passkey(#[server(default)] credential: String) -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    see_other(&sign_in::answer_passkey(&ctx.app, &ctx.session, &credential).await);
    super::sign_in::remember_method(&ctx);
    Ok(())
}

/// "Other ways to sign in", from a code or passkey page of
/// choice-based sign-in.
#[server(prefix = "/api", endpoint = "sign-in-other-ways")]
pub async fn other_ways() -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    see_other(&sign_in::other_ways(&ctx.app, &ctx.session).await);
    Ok(())
}

#[server(prefix = "/api", endpoint = "sign-in-cancel")]
pub async fn cancel_sign_in() -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    see_other(&sign_in::cancel(&ctx.session));
    Ok(())
}

#[component]
pub fn ChallengePage() -> impl IntoView {
    let Ok(ctx) = ctx() else { return ().into_any() };
    let Some(flow) = sign_in::current(&ctx.session) else {
        see_other(&Location::page(Page::SignIn));
        return ().into_any();
    };
    let lang = ctx.lang.clone();
    let form = ctx.session.take_form(Page::SignInChallenge);
    // A code after the password (MFA), not a code as the way in: only
    // then is "Remember this browser" offered, since only MFA is skipped.
    let second_step = !flow.asks_first_factor();
    let (title_id, body) = match (&flow.challenge, &flow.totp_secret) {
        (Challenge::AppCode, _) => (
            "challenge.app_code_title",
            code_form(&ctx, &form, "challenge.app_code_intro", None, second_step),
        ),
        (Challenge::SmsCode { destination } | Challenge::SmsSignInCode { destination }, _) => (
            "challenge.sms_title",
            code_form(
                &ctx,
                &form,
                "challenge.sms_intro",
                Some(destination.clone()),
                second_step,
            ),
        ),
        (Challenge::EmailCode { destination }, _) => (
            "challenge.email_title",
            code_form(
                &ctx,
                &form,
                "challenge.email_intro",
                Some(destination.clone()),
                second_step,
            ),
        ),
        (
            Challenge::NewPassword {
                required_attributes,
            },
            _,
        ) => (
            "challenge.new_password_title",
            new_password_form(&ctx, &form, required_attributes),
        ),
        (Challenge::SelectMfa { options }, _) => (
            "challenge.select_title",
            choice_form(&ctx, &form, "challenge.select_intro", options),
        ),
        (Challenge::MfaSetup { options }, None) => {
            ("challenge.setup_title", setup_choice(&ctx, &form, options))
        }
        (Challenge::MfaSetup { .. }, Some(secret)) => (
            "challenge.setup_title",
            view! {
                <TotpEnrolment ctx=ctx.clone() form=form.clone() account=flow.typed_name.clone()
                    secret=secret.secret().expose_secret().to_owned() action=AnswerChallenge::PATH/>
            }
            .into_any(),
        ),
        (Challenge::SelectFirstFactor { options }, _) => (
            "challenge.first_factor_title",
            first_factor_form(&ctx, &form, &flow.typed_name, options),
        ),
        (Challenge::Passkey { request_options }, _) => (
            "challenge.passkey_title",
            passkey_form(&ctx, &form, request_options),
        ),
        // Answered on the server before any page shows; never left
        // for the visitor.
        (Challenge::DeviceSrp, _) => {
            see_other(&sign_in::cancel(&ctx.session));
            return ().into_any();
        }
        (Challenge::Unsupported { name }, _) => {
            let args = BTreeMap::from([("challenge".to_owned(), name.clone())]);
            (
                "challenge.unsupported_title",
                view! { <p data-message-id="challenge.unsupported">{t_args(&lang, "challenge.unsupported", &args)}</p> }
                    .into_any(),
            )
        }
    };
    let start_over_id = match flow.challenge {
        Challenge::SmsCode { .. }
        | Challenge::EmailCode { .. }
        | Challenge::SmsSignInCode { .. }
            if !flow.asks_first_factor() =>
        {
            "challenge.new_code"
        }
        Challenge::SelectFirstFactor { .. } => "challenge.not_you",
        _ => "challenge.start_over",
    };
    // A code or passkey as the way in: the other ways are a click away
    // (a new code too, which comes with choosing the code again).
    let other_ways = flow.asks_first_factor().then(|| {
        view! {
            <form method="post" action=OtherWays::PATH class="secondary-form">
                <CsrfField ctx=ctx.clone()/>
                <button type="submit" class="secondary">{t(&lang, "challenge.other_ways")}</button>
            </form>
        }
    });
    view! {
        <Layout ctx=ctx.clone() title_id=title_id>
            {body}
            {other_ways}
            <form method="post" action=CancelSignIn::PATH class="secondary-form">
                <CsrfField ctx=ctx.clone()/>
                <button type="submit" class="secondary">{t(&lang, start_over_id)}</button>
            </form>
        </Layout>
    }
    .into_any()
}

/// SELECT_CHALLENGE: the password (when offered) and a button for each
/// other way in. Enter in the password field submits the first button,
/// the password. The passkey button stays hidden unless
/// `public/js/passkey.js` finds WebAuthn in the browser.
fn first_factor_form(ctx: &Ctx, form: &FormState, name: &str, options: &[FirstFactor]) -> AnyView {
    let lang = ctx.lang.clone();
    let args = BTreeMap::from([("name".to_owned(), name.to_owned())]);
    let password = options.contains(&FirstFactor::Password).then(|| {
        view! {
            // For password managers: the account the password is for.
            <input type="hidden" autocomplete="username" value=name.to_owned()/>
            <Field lang=lang.clone() form=form.clone() name="password" label=t(&lang, "field.password")
                kind="password" autocomplete="current-password" autofocus=true/>
            <button type="submit" class="primary" name="choice" value=FirstFactor::Password.id()
                data-testid="sign-in-password">{t(&lang, "sign_in.submit")}</button>
        }
    });
    let others: Vec<FirstFactor> = [
        FirstFactor::EmailCode,
        FirstFactor::SmsCode,
        FirstFactor::Passkey,
    ]
    .into_iter()
    .filter(|f| options.contains(f))
    .collect();
    let divider = (password.is_some() && !others.is_empty())
        .then(|| view! { <p class="divider"><span>{t(&lang, "challenge.or")}</span></p> });
    let buttons = others
        .into_iter()
        .map(|factor| match factor {
            FirstFactor::EmailCode => view! {
                <button type="submit" class="secondary wide" name="choice" value=factor.id()
                    data-testid="sign-in-email-code">{t(&lang, "challenge.send_email_code")}</button>
            }
            .into_any(),
            FirstFactor::SmsCode => view! {
                <button type="submit" class="secondary wide" name="choice" value=factor.id()
                    data-testid="sign-in-sms-code">{t(&lang, "challenge.send_sms_code")}</button>
            }
            .into_any(),
            _ => view! {
                <button type="submit" class="secondary wide" name="choice" value=factor.id()
                    hidden data-passkey-option="" data-testid="sign-in-passkey">{t(&lang, "challenge.use_passkey")}</button>
            }
            .into_any(),
        })
        .collect_view();
    let script = options.contains(&FirstFactor::Passkey).then(
        || view! { <script src=crate::assets::href(crate::routes::PASSKEY_SCRIPT) defer></script> },
    );
    view! {
        <p>{t_args(&lang, "challenge.first_factor_intro", &args)}</p>
        <form method="post" action=AnswerChallenge::PATH novalidate>
            <ErrorSummary lang=lang.clone() form=form.clone()/>
            <CsrfField ctx=ctx.clone()/>
            {password}
            {divider}
            {buttons}
        </form>
        {script}
    }
    .into_any()
}

/// WEB_AUTHN: `public/js/passkey.js` hands the request options to the
/// browser and posts its answer. Without the script (or WebAuthn) the
/// page says so, and the other ways stay a click away.
fn passkey_form(ctx: &Ctx, form: &FormState, request_options: &str) -> AnyView {
    let lang = ctx.lang.clone();
    view! {
        <p data-message-id="challenge.passkey_intro">{t(&lang, "challenge.passkey_intro")}</p>
        <p class="hint" data-passkey-unavailable data-message-id="passkey.needs_script">
            {t(&lang, "passkey.needs_script")}
        </p>
        <form method="post" action=AnswerPasskey::PATH novalidate data-passkey-get=request_options.to_owned()>
            <ErrorSummary lang=lang.clone() form=form.clone()/>
            <CsrfField ctx=ctx.clone()/>
            <input type="hidden" name="credential" value=""/>
            <button type="submit" class="primary" hidden data-passkey-option="" data-testid="use-passkey">
                {t(&lang, "challenge.use_passkey")}
            </button>
        </form>
        <script src=crate::assets::href(crate::routes::PASSKEY_SCRIPT) defer></script>
    }
    .into_any()
}

/// One code field: authenticator app, SMS or email.
fn code_form(
    ctx: &Ctx,
    form: &FormState,
    intro_id: &str,
    destination: Option<String>,
    second_step: bool,
) -> AnyView {
    let lang = ctx.lang.clone();
    let args = BTreeMap::from([("destination".to_owned(), destination.unwrap_or_default())]);
    // Without the authenticator at hand there is nothing to type: say
    // what to do instead, with the brand's support link when it has one.
    let support = ctx
        .app
        .brand
        .footer_links
        .iter()
        .find(|(kind, _)| *kind == FooterLink::Support)
        .map(|(_, href)| href.clone());
    let lost_app = (intro_id == "challenge.app_code_intro").then(|| {
        view! {
            <details class="help">
                <summary>{t(&lang, "challenge.lost_app_title")}</summary>
                <p>{t(&lang, "challenge.lost_app_body")}</p>
                {support.map(|href| view! { <p><a href=href>{t(&lang, "challenge.contact_support")}</a></p> })}
            </details>
        }
    });
    // "Remember this browser": the next sign-ins here skip this step.
    let remember = (second_step && ctx.app.remember_devices).then(|| {
        view! {
            <div class="field checkbox">
                <input type="checkbox" id="field-remember_device" name="remember_device" value="yes"
                    aria-describedby="remember_device-hint"/>
                <label for="field-remember_device">{t(&lang, "devices.remember")}</label>
                <p id="remember_device-hint" class="hint">{t(&lang, "devices.remember_hint")}</p>
            </div>
        }
    });
    view! {
        <p>{t_args(&lang, intro_id, &args)}</p>
        <form method="post" action=AnswerChallenge::PATH novalidate>
            <ErrorSummary lang=lang.clone() form=form.clone()/>
            <CsrfField ctx=ctx.clone()/>
            <Field lang=lang.clone() form=form.clone() name="code" label=t(&lang, "field.mfa_code")
                kind="text" inputmode="numeric" autocomplete="one-time-code" autofocus=true/>
            {remember}
            <button type="submit" class="primary">{t(&lang, "challenge.verify")}</button>
        </form>
        {lost_app}
    }
    .into_any()
}

fn new_password_form(ctx: &Ctx, form: &FormState, required: &[String]) -> AnyView {
    let lang = ctx.lang.clone();
    let attributes = required
        .iter()
        .map(|name| {
            let label = super::profile::attribute_label(&lang, name);
            let (kind, autocomplete) = super::sign_up::attribute_input(name);
            view! {
                <super::sign_up::AttributeField lang=lang.clone() form=form.clone() name=name.clone() label=label
                    kind=kind autocomplete=autocomplete/>
            }
        })
        .collect_view();
    view! {
        <p>{t(&lang, "challenge.new_password_intro")}</p>
        <form method="post" action=AnswerChallenge::PATH novalidate>
            <ErrorSummary lang=lang.clone() form=form.clone()/>
            <CsrfField ctx=ctx.clone()/>
            <Field lang=lang.clone() form=form.clone() name="new_password" label=t(&lang, "field.new_password")
                kind="password" autocomplete="new-password" hint_id="password-rules" autofocus=true/>
            <PasswordChecklist lang=lang.clone() policy=ctx.app.password_policy.clone()
                    form=form.clone()/>
            {attributes}
            <button type="submit" class="primary">{t(&lang, "challenge.set_password")}</button>
        </form>
        <PasswordScript lang=lang.clone()/>
    }
    .into_any()
}

/// The methods MFA_SETUP offers that can be set up here, and why a text
/// message cannot be: Cognito sets up SMS only for an account that already
/// has a phone number, which sign-in cannot add.
fn setup_choice(ctx: &Ctx, form: &FormState, options: &[Factor]) -> AnyView {
    let lang = ctx.lang.clone();
    let settable = sign_in::settable_during_sign_in(options);
    let sms_note = options.contains(&Factor::Sms).then(|| {
        let id = if settable.is_empty() {
            "challenge.setup_sms_only"
        } else {
            "challenge.setup_sms_later"
        };
        view! { <p class="hint" data-message-id=id>{t(&lang, id)}</p> }
    });
    let form =
        (!settable.is_empty()).then(|| choice_form(ctx, form, "challenge.setup_intro", &settable));
    view! { {sms_note} {form} }.into_any()
}

/// Radio buttons: which MFA method to use (or to set up).
fn choice_form(ctx: &Ctx, form: &FormState, intro_id: &str, options: &[Factor]) -> AnyView {
    let lang = ctx.lang.clone();
    let (error_id, error) = super::components::field_error(&lang, form, "choice").unzip();
    let described_by = error.as_ref().map(|_| "choice-error".to_owned());
    let focus = super::components::focus_here(form, "choice", false);
    let radios = options
        .iter()
        .enumerate()
        .map(|(i, factor)| {
            // The first option carries the group's id, so the error
            // summary's link and the focus land on the choice.
            let id = if i == 0 {
                "field-choice".to_owned()
            } else {
                format!("choice-{}", factor.id())
            };
            let label = t(&lang, super::account::factor_name_id(*factor));
            let checked = (i == 0).then_some("");
            let autofocus = (i == 0 && focus).then_some("");
            view! {
                <div class="radio">
                    <input type="radio" id=id.clone() name="choice" value=factor.id() checked=checked
                        autofocus=autofocus/>
                    <label for=id>{label}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <form method="post" action=AnswerChallenge::PATH novalidate>
            <ErrorSummary lang=lang.clone() form=form.clone()/>
            <CsrfField ctx=ctx.clone()/>
            <fieldset aria-describedby=described_by>
                <legend>{t(&lang, intro_id)}</legend>
                {radios}
            </fieldset>
            {error.map(|text| view! { <p id="choice-error" class="field-error" data-message-id=error_id>{text}</p> })}
            <button type="submit" class="primary">{t(&lang, "challenge.continue")}</button>
        </form>
    }
    .into_any()
}
