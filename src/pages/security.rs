//! Multi-factor authentication pages: the security section of `/account`,
//! the authenticator-app enrolment page `/account/security/totp`, and the
//! enrolment block shared with the sign-in MFA_SETUP step.

use base64::Engine as _;
use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;
use qrcode::QrCode;
use qrcode::render::svg;
use secrecy::ExposeSecret as _;

use super::components::{CsrfField, Field, Layout};
use super::{Ctx, ctx, see_other};
use crate::cognito::mfa::Factor;
use crate::flows::mfa;
use crate::i18n::{t, t_args};
use crate::session::FormState;

#[server(prefix = "/api", endpoint = "mfa-change")]
pub async fn change_mfa(
    #[server(default)] factor: String,
    #[server(default)] change: String,
) -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    see_other(&mfa::change(&ctx.app, &ctx.session, &factor, &change).await);
    Ok(())
}

#[server(prefix = "/api", endpoint = "mfa-totp-start")]
pub async fn start_totp() -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    see_other(&mfa::start_totp(&ctx.app, &ctx.session).await);
    Ok(())
}

#[server(prefix = "/api", endpoint = "mfa-totp-verify")]
pub async fn verify_totp(
    #[server(default)] code: String,
    #[server(default)] device_name: String,
) -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    see_other(&mfa::verify_totp(&ctx.app, &ctx.session, &code, &device_name).await);
    Ok(())
}

/// The `otpauth://` URI authenticator apps read from the QR code
/// (<https://github.com/google/google-authenticator/wiki/Key-Uri-Format>).
pub fn otpauth_uri(issuer: &str, account: &str, secret: &str) -> String {
    let enc = |s: &str| -> String {
        url::form_urlencoded::byte_serialize(s.as_bytes())
            .collect::<String>()
            .replace('+', "%20")
    };
    format!(
        "otpauth://totp/{}:{}?secret={}&issuer={}",
        enc(issuer),
        enc(account),
        enc(secret),
        enc(issuer)
    )
}

/// The QR code as an SVG data URI for an `<img>`: rendered on the server,
/// so it works without JavaScript, and allowed by the CSP's `img-src data:`.
fn qr_data_uri(uri: &str) -> Option<String> {
    let code = QrCode::new(uri.as_bytes()).ok()?;
    let svg = code
        .render::<svg::Color<'_>>()
        .min_dimensions(200, 200)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    Some(format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(svg)
    ))
}

/// Groups a base32 secret in fours so people can type it.
fn grouped(secret: &str) -> String {
    secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Scan or type the secret, then prove it with the first code.
#[component]
pub fn TotpEnrolment(
    ctx: Ctx,
    form: FormState,
    account: String,
    secret: String,
    action: &'static str,
) -> impl IntoView {
    let lang = ctx.lang.clone();
    let issuer = t(&lang, "brand.name");
    let uri = otpauth_uri(&issuer, &account, &secret);
    let qr = qr_data_uri(&uri);
    let alt = t(&lang, "totp.qr_alt");
    view! {
        <ol class="steps">
            <li>{t(&lang, "totp.step_scan")}</li>
            <li>{t(&lang, "totp.step_code")}</li>
        </ol>
        {qr.map(|src| view! { <img class="qr" src=src alt=alt width="200" height="200"/> })}
        <p>{t(&lang, "totp.cannot_scan")}</p>
        <p><code class="secret" data-testid="totp-secret">{grouped(&secret)}</code></p>
        <p><a href=uri>{t(&lang, "totp.open_in_app")}</a></p>
        <form method="post" action=action novalidate>
            <CsrfField ctx=ctx.clone()/>
            <Field lang=lang.clone() form=form.clone() name="code" label=t(&lang, "field.mfa_code")
                kind="text" inputmode="numeric" autocomplete="one-time-code" autofocus=true/>
            <Field lang=lang.clone() form=form.clone() name="device_name" label=t(&lang, "field.device_name")
                kind="text" autocomplete="off" keep_value=true optional=true/>
            <button type="submit" class="primary">{t(&lang, "totp.verify")}</button>
        </form>
    }
}

/// The security section of the account page.
#[component]
pub fn SecuritySection(ctx: Ctx, profile: crate::flows::account::Profile) -> impl IntoView {
    let lang = ctx.lang.clone();
    let requirement = t(&lang, &format!("mfa.pool.{}", ctx.app.mfa.id()));
    let has_phone = profile.attributes.contains_key("phone_number");
    let factors = ctx
        .app
        .mfa_factors
        .iter()
        .copied()
        .map(|factor| {
            let on = profile.mfa_enabled.contains(&factor);
            let preferred = profile.mfa_preferred == Some(factor);
            let name = t(&lang, &format!("mfa.factor.{}", factor.id()));
            let state = t(&lang, if preferred { "mfa.state_preferred" } else if on { "mfa.state_on" } else { "mfa.state_off" });
            let button = |change: &'static str, label_id: &str, class: &'static str| {
                let label = t(&lang, label_id);
                view! {
                    <form method="post" action=ChangeMfa::PATH class="inline-form">
                        <CsrfField ctx=ctx.clone()/>
                        <input type="hidden" name="factor" value=factor.id()/>
                        <input type="hidden" name="change" value=change/>
                        <button type="submit" class=class>{label}</button>
                    </form>
                }
                .into_any()
            };
            let actions = match (factor, on) {
                (Factor::Sms, false) if !has_phone => {
                    view! { <p class="hint">{t(&lang, "mfa.sms_needs_phone")}</p> }.into_any()
                }
                (Factor::Totp, false) => view! {
                    <form method="post" action=StartTotp::PATH class="inline-form">
                        <CsrfField ctx=ctx.clone()/>
                        <button type="submit" class="secondary">{t(&lang, "mfa.set_up_app")}</button>
                    </form>
                }
                .into_any(),
                (_, false) => button("enable", &format!("mfa.enable.{}", factor.id()), "secondary"),
                (_, true) => view! {
                    {(!preferred).then(|| button("prefer", "mfa.make_preferred", "secondary"))}
                    {button("disable", &format!("mfa.disable.{}", factor.id()), "secondary")}
                }
                .into_any(),
            };
            view! {
                <li class="factor">
                    <p><strong>{name}</strong> " " <span class="badge" data-testid=format!("mfa-state-{}", factor.id())>{state}</span></p>
                    {actions}
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="security-heading">
            <h2 id="security-heading">{t(&lang, "account.security")}</h2>
            <p data-testid="mfa-requirement">{requirement}</p>
            <ul class="factors">{factors}</ul>
        </section>
    }
}

/// `GET /account/security/totp`: the QR code and secret being enrolled.
#[component]
pub fn TotpSetupPage() -> impl IntoView {
    super::guard::async_page(render_totp_setup)
}

async fn render_totp_setup(ctx: Ctx) -> AnyView {
    let user = match super::guard::signed_in(&ctx, "totp.title").await {
        Ok(user) => user,
        Err(view) => return view,
    };
    let Some(secret) = ctx.session.read(|d| d.totp_enrolment.clone()) else {
        see_other("/account");
        return ().into_any();
    };
    let lang = ctx.lang.clone();
    let form = ctx.session.take_form("totp");
    let account = user.email.clone().unwrap_or_else(|| user.username.clone());
    let args = std::collections::BTreeMap::from([("account".to_owned(), account.clone())]);
    view! {
        <Layout ctx=ctx.clone() title=t(&lang, "totp.title")>
            <p>{t_args(&lang, "totp.intro", &args)}</p>
            <TotpEnrolment ctx=ctx.clone() form=form account=account
                secret=secret.secret().expose_secret().to_owned() action=VerifyTotp::PATH/>
            <p><a href="/account">{t(&lang, "totp.cancel")}</a></p>
        </Layout>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_otpauth_uri_names_issuer_and_account() {
        let uri = otpauth_uri("Acme Co", "ada@example.com", "JBSWY3DPEHPK3PXP");
        assert_eq!(
            uri,
            "otpauth://totp/Acme%20Co:ada%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme%20Co"
        );
    }

    #[test]
    fn the_qr_code_is_an_svg_image() {
        let uri = qr_data_uri("otpauth://totp/x:y?secret=ABC").expect("encodable");
        assert!(uri.starts_with("data:image/svg+xml;base64,"));
    }

    #[test]
    fn secrets_are_grouped_for_typing() {
        assert_eq!(grouped("ABCDEFGHIJ"), "ABCD EFGH IJ");
    }
}
