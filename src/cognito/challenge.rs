//! Cognito's sign-in challenges as types: what InitiateAuth or
//! RespondToAuthChallenge asks for next, and the answers to it. Cognito's
//! wire names (`SOFTWARE_TOKEN_MFA`, `MFAS_CAN_CHOOSE`, `userAttributes.*`,
//! `NEW_PASSWORD`, …) are read and written here and nowhere else.
//! <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html>

use std::collections::{BTreeMap, HashMap};

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use super::mfa::Factor;
use crate::domain::{Email, NewPassword, OtpCode};

/// A challenge Cognito wants answered before it hands out tokens, with
/// what a page needs to ask for it. Holds no secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Challenge {
    /// NEW_PASSWORD_REQUIRED: an invited user sets their own password, and
    /// the attributes the pool requires that they do not have yet.
    NewPassword { required_attributes: Vec<String> },
    /// SOFTWARE_TOKEN_MFA: the authenticator-app code.
    AppCode,
    /// SMS_MFA: the code texted to `destination` (masked by Cognito).
    SmsCode { destination: String },
    /// EMAIL_OTP: the code emailed to `destination` (masked by Cognito).
    EmailCode { destination: String },
    /// SELECT_MFA_TYPE: the user has several methods and picks one.
    SelectMfa { options: Vec<Factor> },
    /// MFA_SETUP: the pool requires MFA and the user has none yet.
    MfaSetup { options: Vec<Factor> },
    /// SELECT_CHALLENGE (choice-based sign-in, USER_AUTH): the ways this
    /// name may sign in first, from `AvailableChallenges`.
    SelectFirstFactor { options: Vec<FirstFactor> },
    /// SMS_OTP: a one-time code texted to `destination` as the first
    /// factor (SMS_MFA is the same code as a second factor).
    SmsSignInCode { destination: String },
    /// WEB_AUTHN: a passkey. `request_options` is Cognito's
    /// `CREDENTIAL_REQUEST_OPTIONS` (the WebAuthn JSON form of
    /// PublicKeyCredentialRequestOptions), handed to the browser as is:
    /// it holds a challenge and credential ids, nothing secret.
    Passkey { request_options: String },
    /// DEVICE_SRP_AUTH: the browser named a remembered device, which must
    /// now prove itself with its own SRP secret. Never shown: the device
    /// flow answers it on the server ([`super::devices`]).
    DeviceSrp,
    /// A challenge Threshold does not answer (custom auth…).
    Unsupported { name: String },
}

/// A way to prove who one is first, in choice-based sign-in (USER_AUTH
/// with the pool's `AllowedFirstAuthFactors`).
/// <https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-selection-sdk.html>
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FirstFactor {
    Password,
    EmailCode,
    SmsCode,
    Passkey,
}

impl FirstFactor {
    /// In the order the sign-in page offers them.
    pub const ALL: [FirstFactor; 4] = [
        FirstFactor::Password,
        FirstFactor::Passkey,
        FirstFactor::EmailCode,
        FirstFactor::SmsCode,
    ];

    /// Cognito's name (`AuthFactorType`, and the challenge it starts).
    /// The password has two: PASSWORD and PASSWORD_SRP, one factor here.
    pub fn cognito_name(self) -> &'static str {
        match self {
            Self::Password => "PASSWORD",
            Self::EmailCode => "EMAIL_OTP",
            Self::SmsCode => "SMS_OTP",
            Self::Passkey => "WEB_AUTHN",
        }
    }

    pub fn from_cognito(name: &str) -> Option<Self> {
        match name {
            "PASSWORD" | "PASSWORD_SRP" => Some(Self::Password),
            "EMAIL_OTP" => Some(Self::EmailCode),
            "SMS_OTP" => Some(Self::SmsCode),
            "WEB_AUTHN" => Some(Self::Passkey),
            _ => None,
        }
    }

    /// The form value and cookie value: stable, and not Cognito's.
    pub fn id(self) -> &'static str {
        match self {
            Self::Password => "password",
            Self::EmailCode => "email_code",
            Self::SmsCode => "sms_code",
            Self::Passkey => "passkey",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.id() == id)
    }
}

/// A challenge in progress: what is asked, the opaque session every answer
/// must carry (each answer returns a new one), and the real username.
pub struct PendingChallenge {
    pub challenge: Challenge,
    pub session: SecretString,
    /// The real username (a UUID in pools that sign in with email), for
    /// SECRET_HASH and `USERNAME` in answers.
    pub username: String,
}

/// An answer to a [`Challenge`].
pub enum Answer<'a> {
    NewPassword {
        password: &'a NewPassword,
        /// The required attributes, by name.
        attributes: &'a BTreeMap<String, String>,
    },
    AppCode(&'a OtpCode),
    SmsCode(&'a OtpCode),
    EmailCode(&'a OtpCode),
    SelectMfa(Factor),
    /// MFA_SETUP for email codes: names the address; Cognito answers with
    /// an EMAIL_OTP challenge to prove it.
    SetUpEmail(&'a Email),
    /// MFA_SETUP once VerifySoftwareToken accepted the app's first code.
    SetUpAppVerified,
    /// SMS_OTP: the code texted as the first factor.
    SmsSignInCode(&'a OtpCode),
    /// WEB_AUTHN: the browser's answer to the request options (the
    /// WebAuthn JSON form of the assertion), passed on unread: the pool
    /// verifies it.
    Passkey(&'a str),
}

impl Challenge {
    /// A short name for logs.
    pub fn kind(&self) -> &'static str {
        match self {
            Challenge::NewPassword { .. } => "new_password",
            Challenge::AppCode => "app_code",
            Challenge::SmsCode { .. } => "sms_code",
            Challenge::EmailCode { .. } => "email_code",
            Challenge::SelectMfa { .. } => "select_mfa",
            Challenge::MfaSetup { .. } => "mfa_setup",
            Challenge::SelectFirstFactor { .. } => "select_first_factor",
            Challenge::SmsSignInCode { .. } => "sms_sign_in_code",
            Challenge::Passkey { .. } => "passkey",
            Challenge::DeviceSrp => "device_srp",
            Challenge::Unsupported { .. } => "unsupported",
        }
    }

    /// Reads a challenge from Cognito's name and parameters;
    /// `available` is InitiateAuth's `AvailableChallenges`, which only
    /// SELECT_CHALLENGE uses.
    pub(crate) fn from_wire(
        name: &str,
        parameters: &HashMap<String, String>,
        available: &[&str],
    ) -> Self {
        let list = |key: &str| -> Vec<String> {
            parameters
                .get(key)
                .and_then(|raw| serde_json::from_str::<Vec<String>>(raw).ok())
                .unwrap_or_default()
        };
        let factors = |key: &str| -> Vec<Factor> {
            list(key)
                .iter()
                .filter_map(|name| Factor::from_cognito(name))
                .collect()
        };
        let destination = || {
            parameters
                .get("CODE_DELIVERY_DESTINATION")
                .cloned()
                .unwrap_or_default()
        };
        match name {
            "NEW_PASSWORD_REQUIRED" => Challenge::NewPassword {
                required_attributes: list("requiredAttributes")
                    .into_iter()
                    .map(|a| a.trim_start_matches("userAttributes.").to_owned())
                    .collect(),
            },
            "SOFTWARE_TOKEN_MFA" => Challenge::AppCode,
            "SMS_MFA" => Challenge::SmsCode {
                destination: destination(),
            },
            "EMAIL_OTP" => Challenge::EmailCode {
                destination: destination(),
            },
            "SELECT_MFA_TYPE" => Challenge::SelectMfa {
                options: factors("MFAS_CAN_CHOOSE"),
            },
            "MFA_SETUP" => Challenge::MfaSetup {
                options: factors("MFAS_CAN_SETUP"),
            },
            "SELECT_CHALLENGE" => {
                let mut options: Vec<FirstFactor> = Vec::new();
                for factor in available
                    .iter()
                    .filter_map(|n| FirstFactor::from_cognito(n))
                {
                    if !options.contains(&factor) {
                        options.push(factor);
                    }
                }
                options.sort_by_key(|f| FirstFactor::ALL.iter().position(|a| a == f));
                Challenge::SelectFirstFactor { options }
            }
            "SMS_OTP" => Challenge::SmsSignInCode {
                destination: destination(),
            },
            "WEB_AUTHN" => match parameters.get("CREDENTIAL_REQUEST_OPTIONS") {
                Some(options) => Challenge::Passkey {
                    request_options: options.clone(),
                },
                None => Challenge::Unsupported {
                    name: "WEB_AUTHN".to_owned(),
                },
            },
            "DEVICE_SRP_AUTH" => Challenge::DeviceSrp,
            other => Challenge::Unsupported {
                name: other.to_owned(),
            },
        }
    }
}

impl Answer<'_> {
    /// The challenge name and the responses for RespondToAuthChallenge
    /// (`USERNAME` and `SECRET_HASH` are added by the caller).
    pub(crate) fn to_wire(&self) -> (&'static str, HashMap<String, String>) {
        let one = |key: &str, value: &str| HashMap::from([(key.to_owned(), value.to_owned())]);
        match self {
            Answer::NewPassword {
                password,
                attributes,
            } => {
                let mut responses: HashMap<String, String> = attributes
                    .iter()
                    .map(|(name, value)| (format!("userAttributes.{name}"), value.clone()))
                    .collect();
                responses.insert(
                    "NEW_PASSWORD".to_owned(),
                    password.secret().expose_secret().to_owned(),
                );
                ("NEW_PASSWORD_REQUIRED", responses)
            }
            Answer::AppCode(code) => (
                "SOFTWARE_TOKEN_MFA",
                one("SOFTWARE_TOKEN_MFA_CODE", code.as_str()),
            ),
            Answer::SmsCode(code) => ("SMS_MFA", one("SMS_MFA_CODE", code.as_str())),
            Answer::EmailCode(code) => ("EMAIL_OTP", one("EMAIL_OTP_CODE", code.as_str())),
            Answer::SelectMfa(factor) => ("SELECT_MFA_TYPE", one("ANSWER", factor.cognito_name())),
            Answer::SetUpEmail(email) => ("MFA_SETUP", one("EMAIL", email.as_str())),
            Answer::SetUpAppVerified => ("MFA_SETUP", HashMap::new()),
            Answer::SmsSignInCode(code) => ("SMS_OTP", one("SMS_OTP_CODE", code.as_str())),
            Answer::Passkey(credential) => ("WEB_AUTHN", one("CREDENTIAL", credential)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::PasswordPolicy;

    fn wire(name: &str, params: &[(&str, &str)]) -> Challenge {
        let params = params
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Challenge::from_wire(name, &params, &[])
    }

    #[test]
    fn each_cognito_challenge_becomes_its_variant() {
        assert_eq!(
            wire(
                "SELECT_MFA_TYPE",
                &[("MFAS_CAN_CHOOSE", r#"["SMS_MFA","SOFTWARE_TOKEN_MFA"]"#)]
            ),
            Challenge::SelectMfa {
                options: vec![Factor::Sms, Factor::Totp]
            }
        );
        assert_eq!(
            wire(
                "NEW_PASSWORD_REQUIRED",
                &[("requiredAttributes", r#"["userAttributes.name"]"#)]
            ),
            Challenge::NewPassword {
                required_attributes: vec!["name".to_owned()]
            }
        );
        assert_eq!(
            wire("SMS_MFA", &[("CODE_DELIVERY_DESTINATION", "+*******1234")]),
            Challenge::SmsCode {
                destination: "+*******1234".to_owned()
            }
        );
        assert_eq!(
            wire(
                "MFA_SETUP",
                &[("MFAS_CAN_SETUP", r#"["SOFTWARE_TOKEN_MFA","EMAIL_OTP"]"#)]
            ),
            Challenge::MfaSetup {
                options: vec![Factor::Totp, Factor::Email]
            }
        );
        assert_eq!(
            wire("DEVICE_SRP_AUTH", &[("USERNAME", "u")]),
            Challenge::DeviceSrp
        );
        assert_eq!(
            wire("CUSTOM_CHALLENGE", &[]),
            Challenge::Unsupported {
                name: "CUSTOM_CHALLENGE".to_owned()
            }
        );
    }

    #[test]
    fn select_challenge_offers_each_first_factor_once_in_page_order() {
        let params = HashMap::new();
        assert_eq!(
            Challenge::from_wire(
                "SELECT_CHALLENGE",
                &params,
                &[
                    "EMAIL_OTP",
                    "PASSWORD_SRP",
                    "PASSWORD",
                    "WEB_AUTHN",
                    "CUSTOM"
                ]
            ),
            Challenge::SelectFirstFactor {
                options: vec![
                    FirstFactor::Password,
                    FirstFactor::Passkey,
                    FirstFactor::EmailCode
                ]
            }
        );
        assert_eq!(
            wire("WEB_AUTHN", &[("CREDENTIAL_REQUEST_OPTIONS", "{}")]),
            Challenge::Passkey {
                request_options: "{}".to_owned()
            }
        );
        for factor in FirstFactor::ALL {
            assert_eq!(FirstFactor::from_id(factor.id()), Some(factor));
            assert_eq!(
                FirstFactor::from_cognito(factor.cognito_name()),
                Some(factor)
            );
        }
    }

    #[test]
    fn answers_carry_cognitos_keys() {
        let code = OtpCode::parse("123 456").expect("a code");
        assert_eq!(
            Answer::AppCode(&code).to_wire(),
            (
                "SOFTWARE_TOKEN_MFA",
                HashMap::from([("SOFTWARE_TOKEN_MFA_CODE".to_owned(), "123456".to_owned())])
            )
        );
        assert_eq!(
            Answer::SelectMfa(Factor::Email).to_wire().1.get("ANSWER"),
            Some(&"EMAIL_OTP".to_owned())
        );
        let password = NewPassword::parse("Correct-horse-7".into(), &PasswordPolicy::default())
            .expect("meets the policy");
        let attributes = BTreeMap::from([("name".to_owned(), "Ada".to_owned())]);
        let (name, responses) = Answer::NewPassword {
            password: &password,
            attributes: &attributes,
        }
        .to_wire();
        assert_eq!(name, "NEW_PASSWORD_REQUIRED");
        assert_eq!(
            responses.get("userAttributes.name"),
            Some(&"Ada".to_owned())
        );
        assert_eq!(
            responses.get("NEW_PASSWORD"),
            Some(&"Correct-horse-7".to_owned())
        );
    }
}
