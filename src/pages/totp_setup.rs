//! `GET /account/security/totp`: enrolling an authenticator app from the
//! account page (handler `POST /api/mfa-totp-verify`), and the enrolment
//! block it shares with the sign-in MFA_SETUP step.

use base64::Engine as _;
use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;
use qrcode::QrCode;
use qrcode::render::svg;
use secrecy::ExposeSecret as _;

use super::components::{CsrfField, ErrorSummary, Field, Layout};
use super::protected::{Sign, guarded_page};
use super::{Ctx, ctx, see_other};
use crate::flows::mfa_settings::{self, VerifyTotpInput};
use crate::i18n::{t, t_args};
use crate::routes::{Location, Page};
use crate::session::FormState;

#[server(prefix = "/api", endpoint = "mfa-totp-verify")]
pub async fn verify_totp(
    #[server(default)] code: String,
    #[server(default)] device_name: String,
) -> Result<(), ServerFnError> {
    let ctx = ctx()?;
    let input = VerifyTotpInput { code, device_name };
    see_other(&mfa_settings::verify_totp(&ctx.app, &ctx.session, input).await);
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
    let issuer = ctx.app.brand.name.clone();
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
        <p><code class="secret" data-testid="totp-secret" dir="ltr">{grouped(&secret)}</code></p>
        <p><a href=uri>{t(&lang, "totp.open_in_app")}</a></p>
        <form method="post" action=action novalidate>
            <ErrorSummary lang=lang.clone() form=form.clone()/>
            <CsrfField ctx=ctx.clone()/>
            <Field lang=lang.clone() form=form.clone() name="code" label=t(&lang, "field.mfa_code")
                kind="text" inputmode="numeric" autocomplete="one-time-code" autofocus=true/>
            <Field lang=lang.clone() form=form.clone() name="device_name" label=t(&lang, "field.device_name")
                kind="text" autocomplete="off" keep_value=true optional=true/>
            <button type="submit" class="primary">{t(&lang, "totp.verify")}</button>
        </form>
    }
}

/// `GET /account/security/totp`: the QR code and secret being enrolled.
#[component]
pub fn TotpSetupPage() -> impl IntoView {
    guarded_page("totp.title", Sign::InRecently, |ctx, user| async move {
        let Some(enrolment) = mfa_settings::enrolment(&ctx.session) else {
            see_other(&Location::page(Page::Account));
            return ().into_any();
        };
        let lang = ctx.lang.clone();
        let form = ctx.session.take_form(Page::TotpSetup);
        let account = user.account_name().to_owned();
        let args = std::collections::BTreeMap::from([("account".to_owned(), account.clone())]);
        view! {
            <Layout ctx=ctx.clone() title_id="totp.title">
                <p>{t_args(&lang, "totp.intro", &args)}</p>
                <TotpEnrolment ctx=ctx.clone() form=form account=account
                    secret=enrolment.secret.secret().expose_secret().to_owned() action=VerifyTotp::PATH/>
                <p><a href=Page::Account.path()>{t(&lang, "totp.cancel")}</a></p>
            </Layout>
        }
        .into_any()
    })
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
