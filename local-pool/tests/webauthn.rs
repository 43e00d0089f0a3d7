//! Passkeys (WebAuthn) through the AWS SDK, with a software authenticator
//! standing in for the browser: registering, listing and deleting
//! passkeys, signing in with one (USER_AUTH with PREFERRED_CHALLENGE or
//! SELECT_CHALLENGE), the origins a relying party accepts, decoys for
//! names without a passkey, sign-up without a password, and the admin
//! device operations.
//! <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_StartWebAuthnRegistration.html>
//! <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html>

mod harness;

use aws_sdk_cognitoidentityprovider::error::ProvideErrorMetadata as _;
use aws_sdk_cognitoidentityprovider::operation::respond_to_auth_challenge::{
    RespondToAuthChallengeError, RespondToAuthChallengeOutput,
};
use aws_sdk_cognitoidentityprovider::types::{
    AuthFactorType, AuthFlowType, ChallengeNameType, DeviceConfigurationType,
    DeviceSecretVerifierConfigType, PasswordPolicyType, SignInPolicyType, UserPoolPolicyType,
    UserVerificationType, WebAuthnConfigurationType,
};
use aws_smithy_types::{Document, Number};
use serde_json::{Value, json};
use url::Url;
use webauthn_authenticator_rs::softpasskey::SoftPasskey;
use webauthn_authenticator_rs::{AuthenticatorBackend as _, WebauthnAuthenticator as _};
use webauthn_rs_proto::{CreationChallengeResponse, RequestChallengeResponse};

use harness::{Harness, PASSWORD, Setup, attr};

/// Where the app's browser tests run; the relying party is `localhost`.
const ORIGIN: &str = "http://localhost:3000";

// --- The software authenticator -------------------------------------------
//
// webauthn-authenticator-rs's SoftPasskey plays authenticator and browser:
// `do_registration` is navigator.credentials.create() and
// `do_authentication` navigator.credentials.get(), taking the options JSON
// the pool hands out and giving the JSON the pool takes back.

/// A browser at `origin` with its own software passkey.
struct Browser {
    passkey: SoftPasskey,
    origin: Url,
}

impl Browser {
    fn at(origin: &str) -> Self {
        Self {
            // `true`: the soft passkey claims user verification (a PIN or
            // fingerprint), which pools with UserVerification "required" need.
            passkey: SoftPasskey::new(true),
            origin: Url::parse(origin).expect("origin"),
        }
    }

    /// CredentialCreationOptions → RegistrationResponseJSON.
    fn create(&mut self, options: &Value) -> Value {
        let request = creation_request(options);
        let credential = self
            .passkey
            .do_registration(self.origin.clone(), request)
            .expect("the soft passkey registers");
        serde_json::to_value(credential).expect("JSON")
    }

    /// CREDENTIAL_REQUEST_OPTIONS → AuthenticationResponseJSON (a string,
    /// as RespondToAuthChallenge's CREDENTIAL takes it).
    fn get(&mut self, options: &str) -> String {
        let request = request_from(options);
        let assertion = self
            .passkey
            .do_authentication(self.origin.clone(), request)
            .expect("the soft passkey signs");
        serde_json::to_string(&assertion).expect("JSON")
    }

    /// What a page at another origin would send: the authenticator's
    /// low-level call, which (unlike a browser) does not refuse an origin
    /// outside the relying party.
    fn create_at(&mut self, origin: &str, options: &Value) -> Value {
        let request = creation_request(options);
        let credential = self
            .passkey
            .perform_register(
                Url::parse(origin).expect("origin"),
                request.public_key,
                60_000,
            )
            .expect("the soft passkey registers");
        serde_json::to_value(credential).expect("JSON")
    }

    fn get_at(&mut self, origin: &str, options: &str) -> String {
        let request = request_from(options);
        let assertion = self
            .passkey
            .perform_auth(
                Url::parse(origin).expect("origin"),
                request.public_key,
                60_000,
            )
            .expect("the soft passkey signs");
        serde_json::to_string(&assertion).expect("JSON")
    }
}

/// The soft passkey's JSON as a browser's `credential.toJSON()` has it:
/// `clientExtensionResults` (not `extensions`), `authenticatorAttachment`
/// and, for a registration, the transports. None of these is signed.
fn like_a_browser(mut credential: Value) -> Value {
    if let Some(object) = credential.as_object_mut() {
        object.remove("extensions");
        object.insert("clientExtensionResults".into(), json!({}));
        object.insert("authenticatorAttachment".into(), json!("platform"));
    }
    if credential["response"].get("attestationObject").is_some() {
        credential["response"]["transports"] = json!(["hybrid", "internal"]);
    }
    credential
}

fn creation_request(options: &Value) -> CreationChallengeResponse {
    let mut options = options.clone();
    // The soft passkey cannot keep discoverable credentials and refuses a
    // request that requires one; the pool cannot tell either way.
    options["authenticatorSelection"]["requireResidentKey"] = json!(false);
    options["authenticatorSelection"]["residentKey"] = json!("discouraged");
    serde_json::from_value(json!({ "publicKey": options })).expect("creation options")
}

fn request_from(options: &str) -> RequestChallengeResponse {
    let options: Value = serde_json::from_str(options).expect("request options are JSON");
    serde_json::from_value(json!({ "publicKey": options })).expect("request options")
}

/// The SDK's document type and JSON, both ways.
fn to_document(value: &Value) -> Document {
    match value {
        Value::Null => Document::Null,
        Value::Bool(b) => Document::Bool(*b),
        Value::Number(n) => Document::Number(match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Number::PosInt(u),
            (None, Some(i)) => Number::NegInt(i),
            _ => Number::Float(n.as_f64().unwrap_or_default()),
        }),
        Value::String(s) => Document::String(s.clone()),
        Value::Array(items) => Document::Array(items.iter().map(to_document).collect()),
        Value::Object(map) => Document::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), to_document(v)))
                .collect(),
        ),
    }
}

fn to_json(document: &Document) -> Value {
    match document {
        Document::Null => Value::Null,
        Document::Bool(b) => json!(b),
        Document::Number(Number::PosInt(u)) => json!(u),
        Document::Number(Number::NegInt(i)) => json!(i),
        Document::Number(Number::Float(f)) => json!(f),
        Document::String(s) => json!(s),
        Document::Array(items) => Value::Array(items.iter().map(to_json).collect()),
        Document::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
        }
    }
}

// --- The pool ---------------------------------------------------------------

/// Lets the harness pool sign in with `factors` first.
async fn allow_first_factors(h: &Harness, factors: &[AuthFactorType]) {
    h.admin
        .update_user_pool()
        .user_pool_id(&h.pool_id)
        .policies(
            UserPoolPolicyType::builder()
                .password_policy(
                    PasswordPolicyType::builder()
                        .minimum_length(10)
                        .require_lowercase(true)
                        .require_uppercase(true)
                        .require_numbers(true)
                        .require_symbols(true)
                        .build(),
                )
                .sign_in_policy(
                    SignInPolicyType::builder()
                        .set_allowed_first_auth_factors(Some(factors.to_vec()))
                        .build(),
                )
                .build(),
        )
        .send()
        .await
        .expect("UpdateUserPool");
}

async fn set_relying_party(h: &Harness, id: &str, verification: UserVerificationType) {
    h.admin
        .set_user_pool_mfa_config()
        .user_pool_id(&h.pool_id)
        .web_authn_configuration(
            WebAuthnConfigurationType::builder()
                .relying_party_id(id)
                .user_verification(verification)
                .build(),
        )
        .send()
        .await
        .expect("SetUserPoolMfaConfig");
}

/// The harness pool with passkeys (relying party `localhost`, user
/// verification required) besides passwords and email codes.
async fn passkey_pool() -> Harness {
    passkey_pool_with(Setup::default()).await
}

async fn passkey_pool_with(setup: Setup) -> Harness {
    let h = Harness::with(setup).await;
    allow_first_factors(
        &h,
        &[
            AuthFactorType::Password,
            AuthFactorType::EmailOtp,
            AuthFactorType::WebAuthn,
        ],
    )
    .await;
    set_relying_party(&h, "localhost", UserVerificationType::Required).await;
    h
}

async fn start_registration(h: &Harness, access: &str) -> Value {
    let out = h
        .user
        .start_web_authn_registration()
        .access_token(access)
        .send()
        .await
        .expect("StartWebAuthnRegistration");
    to_json(out.credential_creation_options())
}

async fn complete_registration(
    h: &Harness,
    access: &str,
    credential: &Value,
) -> Result<(), aws_sdk_cognitoidentityprovider::operation::complete_web_authn_registration::CompleteWebAuthnRegistrationError>
{
    h.user
        .complete_web_authn_registration()
        .access_token(access)
        .credential(to_document(credential))
        .send()
        .await
        .map(|_| ())
        .map_err(|e| e.into_service_error())
}

/// Registers a passkey of `browser` for the signed-in user; returns its
/// credential id.
async fn register(h: &Harness, browser: &mut Browser, access: &str) -> String {
    let options = start_registration(h, access).await;
    let credential = browser.create(&options);
    complete_registration(h, access, &credential)
        .await
        .expect("CompleteWebAuthnRegistration");
    credential["id"].as_str().expect("id").to_owned()
}

/// A WEB_AUTHN challenge for `name`: its session and its parameters.
struct Challenge {
    session: String,
    username: String,
    options: String,
}

fn challenge_of(
    session: Option<&str>,
    params: Option<&std::collections::HashMap<String, String>>,
) -> Challenge {
    let params = params.expect("challenge parameters");
    Challenge {
        session: session.expect("session").to_owned(),
        username: params.get("USERNAME").expect("USERNAME").clone(),
        options: params
            .get("CREDENTIAL_REQUEST_OPTIONS")
            .expect("CREDENTIAL_REQUEST_OPTIONS")
            .clone(),
    }
}

/// USER_AUTH with PREFERRED_CHALLENGE WEB_AUTHN.
async fn passkey_challenge(h: &Harness, name: &str) -> Challenge {
    let out = h
        .user
        .initiate_auth()
        .client_id(&h.client_id)
        .auth_flow(AuthFlowType::UserAuth)
        .auth_parameters("USERNAME", name)
        .auth_parameters("SECRET_HASH", h.hash(name))
        .auth_parameters("PREFERRED_CHALLENGE", "WEB_AUTHN")
        .send()
        .await
        .expect("InitiateAuth");
    assert_eq!(out.challenge_name(), Some(&ChallengeNameType::WebAuthn));
    challenge_of(out.session(), out.challenge_parameters())
}

async fn answer(
    h: &Harness,
    name: &str,
    challenge: &Challenge,
    credential: &str,
) -> Result<RespondToAuthChallengeOutput, RespondToAuthChallengeError> {
    h.user
        .respond_to_auth_challenge()
        .client_id(&h.client_id)
        .challenge_name(ChallengeNameType::WebAuthn)
        .session(&challenge.session)
        .challenge_responses("USERNAME", name)
        .challenge_responses("CREDENTIAL", credential)
        .challenge_responses("SECRET_HASH", h.hash(name))
        .send()
        .await
        .map_err(|e| e.into_service_error())
}

fn options_json(challenge: &Challenge) -> Value {
    serde_json::from_str(&challenge.options).expect("options are JSON")
}

/// The options of `challenge` with `allowCredentials` naming only
/// `credential_id`: what a caller would hand its authenticator to sign a
/// challenge with a passkey the pool did not ask for.
fn asking_for(challenge: &Challenge, credential_id: &str) -> String {
    let mut options = options_json(challenge);
    options["allowCredentials"] = json!([{ "type": "public-key", "id": credential_id }]);
    options.to_string()
}

/// The member names of a JSON object, and of its descriptors, to compare
/// the shape of two options.
fn shape(options: &Value) -> (Vec<String>, Vec<Vec<String>>) {
    let keys = |v: &Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().expect("object").keys().cloned().collect();
        k.sort();
        k
    };
    let descriptors = options["allowCredentials"]
        .as_array()
        .expect("allowCredentials")
        .iter()
        .map(keys)
        .collect();
    (keys(options), descriptors)
}

fn signed_in(out: &RespondToAuthChallengeOutput) -> bool {
    out.authentication_result()
        .and_then(|r| r.access_token())
        .is_some()
}

// --- The tests --------------------------------------------------------------

#[tokio::test]
async fn a_registered_passkey_is_listed_and_signs_in_both_ways() {
    let h = passkey_pool().await;
    let email = "ada@example.com";
    h.confirmed_user(email).await;
    let access = h.access_token(email).await;
    let mut browser = Browser::at(ORIGIN);

    let options = start_registration(&h, &access).await;
    assert_eq!(options["rp"]["id"], "localhost");
    assert_eq!(options["user"]["name"], email);
    assert_eq!(options["authenticatorSelection"]["residentKey"], "required");
    assert_eq!(
        options["authenticatorSelection"]["userVerification"],
        "required"
    );
    assert_eq!(options["excludeCredentials"], json!([]));
    let credential = like_a_browser(browser.create(&options));
    complete_registration(&h, &access, &credential)
        .await
        .expect("CompleteWebAuthnRegistration");
    let id = credential["id"].as_str().expect("id").to_owned();

    let listed = h
        .user
        .list_web_authn_credentials()
        .access_token(&access)
        .send()
        .await
        .expect("ListWebAuthnCredentials");
    let [passkey] = listed.credentials() else {
        panic!("one passkey: {listed:?}");
    };
    assert_eq!(passkey.credential_id(), id);
    assert_eq!(passkey.relying_party_id(), "localhost");
    assert_eq!(passkey.authenticator_attachment(), Some("platform"));
    assert_eq!(passkey.authenticator_transports(), ["hybrid", "internal"]);
    assert!(passkey.created_at().secs() > 0);
    assert!(listed.next_token().is_none());

    // The next registration leaves it out.
    let again = start_registration(&h, &access).await;
    assert_eq!(again["excludeCredentials"][0]["id"], json!(id));

    let factors = h
        .user
        .get_user_auth_factors()
        .access_token(&access)
        .send()
        .await
        .expect("GetUserAuthFactors");
    assert!(
        factors
            .configured_user_auth_factors()
            .contains(&AuthFactorType::WebAuthn),
        "{factors:?}"
    );

    // PREFERRED_CHALLENGE: the options list the passkey, and its answer
    // signs in, once.
    let challenge = passkey_challenge(&h, email).await;
    let options = options_json(&challenge);
    assert_eq!(options["rpId"], "localhost");
    assert_eq!(options["allowCredentials"][0]["id"], json!(id));
    assert_eq!(
        options["allowCredentials"][0]["transports"],
        json!(["hybrid", "internal"])
    );
    assert_eq!(options["userVerification"], "required");
    let assertion: Value = serde_json::from_str(&browser.get(&challenge.options)).expect("JSON");
    let assertion = like_a_browser(assertion).to_string();
    let out = answer(&h, email, &challenge, &assertion)
        .await
        .expect("RespondToAuthChallenge");
    assert!(signed_in(&out), "{out:?}");
    let replay = answer(&h, email, &challenge, &assertion)
        .await
        .expect_err("a session answers once");
    assert!(replay.is_not_authorized_exception(), "{replay:?}");

    // SELECT_CHALLENGE offers WEB_AUTHN; choosing it gives the same
    // challenge.
    let select = h
        .user
        .initiate_auth()
        .client_id(&h.client_id)
        .auth_flow(AuthFlowType::UserAuth)
        .auth_parameters("USERNAME", email)
        .auth_parameters("SECRET_HASH", h.hash(email))
        .send()
        .await
        .expect("InitiateAuth");
    assert_eq!(
        select.challenge_name(),
        Some(&ChallengeNameType::SelectChallenge)
    );
    assert!(
        select
            .available_challenges()
            .contains(&ChallengeNameType::WebAuthn),
        "{select:?}"
    );
    let chosen = h
        .user
        .respond_to_auth_challenge()
        .client_id(&h.client_id)
        .challenge_name(ChallengeNameType::SelectChallenge)
        .session(select.session().expect("session"))
        .challenge_responses("USERNAME", email)
        .challenge_responses("ANSWER", "WEB_AUTHN")
        .challenge_responses("SECRET_HASH", h.hash(email))
        .send()
        .await
        .expect("SELECT_CHALLENGE answer");
    assert_eq!(chosen.challenge_name(), Some(&ChallengeNameType::WebAuthn));
    let challenge = challenge_of(chosen.session(), chosen.challenge_parameters());
    let out = answer(&h, email, &challenge, &browser.get(&challenge.options))
        .await
        .expect("RespondToAuthChallenge");
    assert!(signed_in(&out), "{out:?}");
}

#[tokio::test]
async fn an_origin_outside_the_relying_party_is_refused() {
    let h = passkey_pool().await;
    let email = "ada@example.com";
    h.confirmed_user(email).await;
    let access = h.access_token(email).await;
    let mut browser = Browser::at(ORIGIN);

    for origin in [
        "https://evil.example",
        "http://127.0.0.1:3000",
        "https://localhost.evil.example",
    ] {
        let options = start_registration(&h, &access).await;
        let credential = browser.create_at(origin, &options);
        let err = complete_registration(&h, &access, &credential)
            .await
            .expect_err("another origin");
        assert_eq!(
            err.code(),
            Some("WebAuthnOriginNotAllowedException"),
            "{origin}: {err:?}"
        );
    }
    let listed = h
        .user
        .list_web_authn_credentials()
        .access_token(&access)
        .send()
        .await
        .expect("ListWebAuthnCredentials");
    assert!(listed.credentials().is_empty(), "{listed:?}");

    // https on any port, as browsers do for localhost, is fine.
    let mut https = Browser::at("https://localhost:8443");
    let id = register(&h, &mut https, &access).await;
    let challenge = passkey_challenge(&h, email).await;
    let assertion = https.get_at("https://evil.example", &asking_for(&challenge, &id));
    let err = answer(&h, email, &challenge, &assertion)
        .await
        .expect_err("another origin");
    assert_eq!(
        err.code(),
        Some("WebAuthnOriginNotAllowedException"),
        "{err:?}"
    );
}

#[tokio::test]
async fn another_users_passkey_or_a_bad_signature_is_refused() {
    let h = passkey_pool().await;
    let (ada, bob) = ("ada@example.com", "bob@example.com");
    h.confirmed_user(ada).await;
    h.confirmed_user(bob).await;
    let mut ada_browser = Browser::at(ORIGIN);
    let mut bob_browser = Browser::at(ORIGIN);
    register(&h, &mut ada_browser, &h.access_token(ada).await).await;
    let bob_id = register(&h, &mut bob_browser, &h.access_token(bob).await).await;

    // Bob's passkey, signing Ada's challenge.
    let challenge = passkey_challenge(&h, ada).await;
    let assertion = bob_browser.get(&asking_for(&challenge, &bob_id));
    let err = answer(&h, ada, &challenge, &assertion)
        .await
        .expect_err("Bob's passkey");
    assert!(err.is_not_authorized_exception(), "{err:?}");

    // Ada's own passkey with one bit of the signature flipped.
    let challenge = passkey_challenge(&h, ada).await;
    let mut assertion: Value =
        serde_json::from_str(&ada_browser.get(&challenge.options)).expect("JSON");
    let signature = assertion["response"]["signature"]
        .as_str()
        .expect("signature");
    let mut bytes: Vec<char> = signature.chars().collect();
    let last = bytes.len() - 4;
    bytes[last] = if bytes[last] == 'A' { 'B' } else { 'A' };
    assertion["response"]["signature"] = json!(bytes.into_iter().collect::<String>());
    let err = answer(&h, ada, &challenge, &assertion.to_string())
        .await
        .expect_err("bad signature");
    assert!(err.is_not_authorized_exception(), "{err:?}");

    // And the right one still works.
    let challenge = passkey_challenge(&h, ada).await;
    let out = answer(&h, ada, &challenge, &ada_browser.get(&challenge.options))
        .await
        .expect("Ada's passkey");
    assert!(signed_in(&out));
}

#[tokio::test]
async fn a_deleted_passkey_signs_in_no_more() {
    let h = passkey_pool().await;
    let email = "ada@example.com";
    h.confirmed_user(email).await;
    let access = h.access_token(email).await;
    let mut browser = Browser::at(ORIGIN);
    let id = register(&h, &mut browser, &access).await;

    // A challenge issued before the deletion ...
    let before = passkey_challenge(&h, email).await;
    h.user
        .delete_web_authn_credential()
        .access_token(&access)
        .credential_id(&id)
        .send()
        .await
        .expect("DeleteWebAuthnCredential");
    let err = answer(&h, email, &before, &browser.get(&before.options))
        .await
        .expect_err("deleted");
    assert!(err.is_not_authorized_exception(), "{err:?}");

    // ... and one after it, which no longer lists it.
    let after = passkey_challenge(&h, email).await;
    assert_ne!(options_json(&after)["allowCredentials"][0]["id"], json!(id));
    let err = answer(&h, email, &after, &browser.get(&asking_for(&after, &id)))
        .await
        .expect_err("deleted");
    assert!(err.is_not_authorized_exception(), "{err:?}");

    let listed = h
        .user
        .list_web_authn_credentials()
        .access_token(&access)
        .send()
        .await
        .expect("ListWebAuthnCredentials");
    assert!(listed.credentials().is_empty());
    let again = h
        .user
        .delete_web_authn_credential()
        .access_token(&access)
        .credential_id(&id)
        .send()
        .await
        .expect_err("already deleted")
        .into_service_error();
    assert!(again.is_resource_not_found_exception(), "{again:?}");
}

#[tokio::test]
async fn names_without_a_passkey_get_the_same_challenge_and_the_same_failure() {
    let h = passkey_pool().await;
    let (ada, carol, nobody) = ("ada@example.com", "carol@example.com", "nobody@example.com");
    h.confirmed_user(ada).await;
    h.confirmed_user(carol).await; // an account without a passkey
    let mut browser = Browser::at(ORIGIN);
    let id = register(&h, &mut browser, &h.access_token(ada).await).await;

    let real = passkey_challenge(&h, ada).await;
    let real_options = options_json(&real);
    for name in [carol, nobody] {
        let decoy = passkey_challenge(&h, name).await;
        let options = options_json(&decoy);
        assert_eq!(shape(&options), shape(&real_options), "{name}");
        assert_eq!(
            options["challenge"].as_str().map(str::len),
            real_options["challenge"].as_str().map(str::len)
        );
        assert_eq!(options["rpId"], real_options["rpId"]);
        assert_eq!(decoy.username.len(), real.username.len());
        // The same stand-in passkey every time, so asking twice tells
        // nothing either.
        let twice = options_json(&passkey_challenge(&h, name).await);
        assert_eq!(twice["allowCredentials"], options["allowCredentials"]);

        // Answered with a real, well-signed assertion: refused as a
        // wrong passkey is.
        let assertion = browser.get(&asking_for(&decoy, &id));
        let err = answer(&h, name, &decoy, &assertion)
            .await
            .expect_err("no passkey");
        assert!(err.is_not_authorized_exception(), "{name}: {err:?}");

        let wrong = passkey_challenge(&h, ada).await;
        let mut stranger = Browser::at(ORIGIN);
        let stranger_id = register_elsewhere(&mut stranger, &wrong);
        let wrong_err = answer(
            &h,
            ada,
            &wrong,
            &stranger.get(&asking_for(&wrong, &stranger_id)),
        )
        .await
        .expect_err("a passkey that is not Ada's");
        assert_eq!(err.code(), wrong_err.code());
        assert_eq!(err.message(), wrong_err.message());
    }

    // SELECT_CHALLENGE offers an unknown name what it offers Ada.
    let mut offered = Vec::new();
    for name in [ada, nobody] {
        let out = h
            .user
            .initiate_auth()
            .client_id(&h.client_id)
            .auth_flow(AuthFlowType::UserAuth)
            .auth_parameters("USERNAME", name)
            .auth_parameters("SECRET_HASH", h.hash(name))
            .send()
            .await
            .expect("InitiateAuth");
        offered.push(out.available_challenges().to_vec());
    }
    assert_eq!(offered[0], offered[1]);
    assert!(real_options["allowCredentials"][0]["id"] == json!(id));
}

/// A passkey the pool never saw, made for the relying party of `challenge`
/// (registered with an offline ceremony of its own); returns its id.
fn register_elsewhere(browser: &mut Browser, challenge: &Challenge) -> String {
    let rp = options_json(challenge)["rpId"].clone();
    let options = json!({
        "rp": { "id": rp, "name": "elsewhere" },
        "user": { "id": "AAAAAAAAAAAAAAAAAAAAAA", "name": "x", "displayName": "x" },
        "challenge": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "pubKeyCredParams": [{ "type": "public-key", "alg": -7 }],
        "authenticatorSelection": { "requireResidentKey": false, "userVerification": "required" },
    });
    browser.create(&options)["id"]
        .as_str()
        .expect("id")
        .to_owned()
}

#[tokio::test]
async fn sign_up_needs_no_password_where_a_passwordless_factor_is_allowed() {
    let h = passkey_pool().await;
    let email = "nopass@example.com";
    let started = h
        .user
        .sign_up()
        .client_id(&h.client_id)
        .secret_hash(h.hash(email))
        .username(email)
        .user_attributes(attr("email", email))
        .send()
        .await
        .expect("SignUp without a password");
    let confirmed = h
        .user
        .confirm_sign_up()
        .client_id(&h.client_id)
        .secret_hash(h.hash(email))
        .username(email)
        .confirmation_code(h.latest_code(email))
        .set_session(started.session().map(str::to_owned))
        .send()
        .await
        .expect("ConfirmSignUp");
    let signed = h
        .user
        .initiate_auth()
        .client_id(&h.client_id)
        .auth_flow(AuthFlowType::UserAuth)
        .auth_parameters("USERNAME", email)
        .auth_parameters("SECRET_HASH", h.hash(email))
        .session(confirmed.session().expect("session"))
        .send()
        .await
        .expect("signed in with the sign-up's session");
    let access = signed
        .authentication_result()
        .and_then(|r| r.access_token())
        .expect("tokens")
        .to_owned();

    // A passkey then signs in.
    let mut browser = Browser::at(ORIGIN);
    register(&h, &mut browser, &access).await;
    let challenge = passkey_challenge(&h, email).await;
    let out = answer(&h, email, &challenge, &browser.get(&challenge.options))
        .await
        .expect("passkey sign-in");
    assert!(signed_in(&out));

    // No password signs in, answered as a wrong one; PASSWORD stays on
    // offer (leaving it out would tell this account from others).
    let no_password = h
        .password_auth(email, PASSWORD)
        .await
        .expect_err("no password");
    let wrong = h
        .password_auth("ada@example.com", PASSWORD)
        .await
        .expect_err("unknown");
    assert!(no_password.is_not_authorized_exception(), "{no_password:?}");
    assert_eq!(no_password.message(), wrong.message());
    let select = h
        .user
        .initiate_auth()
        .client_id(&h.client_id)
        .auth_flow(AuthFlowType::UserAuth)
        .auth_parameters("USERNAME", email)
        .auth_parameters("SECRET_HASH", h.hash(email))
        .send()
        .await
        .expect("InitiateAuth");
    assert!(
        select
            .available_challenges()
            .contains(&ChallengeNameType::Password)
    );

    // Where only passwords sign in, a password is required.
    let plain = Harness::start().await;
    let err = plain
        .user
        .sign_up()
        .client_id(&plain.client_id)
        .secret_hash(plain.hash(email))
        .username(email)
        .user_attributes(attr("email", email))
        .send()
        .await
        .expect_err("a password is required")
        .into_service_error();
    assert!(err.is_invalid_parameter_exception(), "{err:?}");
}

#[tokio::test]
async fn passkeys_need_the_factor_and_a_relying_party() {
    let h = Harness::start().await;
    let email = "ada@example.com";
    h.confirmed_user(email).await;
    let access = h.access_token(email).await;
    let start = || {
        h.user
            .start_web_authn_registration()
            .access_token(&access)
            .send()
    };
    let err = start().await.expect_err("not enabled").into_service_error();
    assert_eq!(err.code(), Some("WebAuthnNotEnabledException"), "{err:?}");

    allow_first_factors(&h, &[AuthFactorType::Password, AuthFactorType::WebAuthn]).await;
    let err = start().await.expect_err("no rp id").into_service_error();
    assert_eq!(
        err.code(),
        Some("WebAuthnConfigurationMissingException"),
        "{err:?}"
    );

    let bad = h
        .admin
        .set_user_pool_mfa_config()
        .user_pool_id(&h.pool_id)
        .web_authn_configuration(
            WebAuthnConfigurationType::builder()
                .relying_party_id("https://localhost:3000")
                .build(),
        )
        .send()
        .await
        .expect_err("an origin is no rp id")
        .into_service_error();
    assert!(bad.is_invalid_parameter_exception(), "{bad:?}");

    set_relying_party(&h, "localhost", UserVerificationType::Preferred).await;
    let config = h
        .admin
        .get_user_pool_mfa_config()
        .user_pool_id(&h.pool_id)
        .send()
        .await
        .expect("GetUserPoolMfaConfig");
    let webauthn = config
        .web_authn_configuration()
        .expect("WebAuthnConfiguration");
    assert_eq!(webauthn.relying_party_id(), Some("localhost"));
    assert_eq!(
        webauthn.user_verification(),
        Some(&UserVerificationType::Preferred)
    );
    // With "preferred", an authenticator that does not verify the user
    // registers and signs in.
    let options = to_json(
        start()
            .await
            .expect("enabled")
            .credential_creation_options(),
    );
    assert_eq!(
        options["authenticatorSelection"]["userVerification"],
        "preferred"
    );
    let mut browser = Browser {
        passkey: SoftPasskey::new(false),
        origin: Url::parse(ORIGIN).expect("origin"),
    };
    complete_registration(&h, &access, &browser.create(&options))
        .await
        .expect("registered");
    let challenge = passkey_challenge(&h, email).await;
    let out = answer(&h, email, &challenge, &browser.get(&challenge.options))
        .await
        .expect("signed in");
    assert!(signed_in(&out));
}

#[tokio::test]
async fn an_administrator_lists_and_forgets_a_users_devices() {
    let h = Harness::start().await;
    h.admin
        .update_user_pool()
        .user_pool_id(&h.pool_id)
        .device_configuration(
            DeviceConfigurationType::builder()
                .challenge_required_on_new_device(false)
                .device_only_remembered_on_user_prompt(false)
                .build(),
        )
        .send()
        .await
        .expect("UpdateUserPool");
    let email = "ada@example.com";
    let sub = h.confirmed_user(email).await;
    let out = h.password_auth(email, PASSWORD).await.expect("sign in");
    let result = out.authentication_result().expect("tokens");
    let key = result
        .new_device_metadata()
        .and_then(|d| d.device_key())
        .expect("a new device")
        .to_owned();
    h.user
        .confirm_device()
        .access_token(result.access_token().expect("access"))
        .device_key(&key)
        .device_name("Test browser")
        .device_secret_verifier_config(
            DeviceSecretVerifierConfigType::builder()
                .password_verifier("dmVyaWZpZXI=")
                .salt("c2FsdA==")
                .build(),
        )
        .send()
        .await
        .expect("ConfirmDevice");

    let list = |name: &str| {
        h.admin
            .admin_list_devices()
            .user_pool_id(&h.pool_id)
            .username(name)
            .send()
    };
    // By username or by email (the pool signs in with email).
    for name in [sub.as_str(), email] {
        let listed = list(name).await.expect("AdminListDevices");
        let keys: Vec<_> = listed
            .devices()
            .iter()
            .filter_map(|d| d.device_key())
            .collect();
        assert_eq!(keys, [key.as_str()], "{name}");
    }

    h.admin
        .admin_forget_device()
        .user_pool_id(&h.pool_id)
        .username(email)
        .device_key(&key)
        .send()
        .await
        .expect("AdminForgetDevice");
    assert!(list(email).await.expect("listed").devices().is_empty());
    let again = h
        .admin
        .admin_forget_device()
        .user_pool_id(&h.pool_id)
        .username(email)
        .device_key(&key)
        .send()
        .await
        .expect_err("forgotten already")
        .into_service_error();
    assert!(again.is_resource_not_found_exception(), "{again:?}");
    let unknown = list("nobody@example.com")
        .await
        .expect_err("no such user")
        .into_service_error();
    assert_eq!(unknown.code(), Some("UserNotFoundException"), "{unknown:?}");
}

#[tokio::test]
async fn passkeys_are_listed_a_page_at_a_time() {
    let h = passkey_pool().await;
    let email = "ada@example.com";
    h.confirmed_user(email).await;
    let access = h.access_token(email).await;
    let mut ids = Vec::new();
    for _ in 0..3 {
        ids.push(register(&h, &mut Browser::at(ORIGIN), &access).await);
    }
    let mut seen = Vec::new();
    let mut next = None;
    loop {
        let page = h
            .user
            .list_web_authn_credentials()
            .access_token(&access)
            .max_results(2)
            .set_next_token(next)
            .send()
            .await
            .expect("ListWebAuthnCredentials");
        assert!(page.credentials().len() <= 2);
        seen.extend(
            page.credentials()
                .iter()
                .map(|c| c.credential_id().to_owned()),
        );
        next = page.next_token().map(str::to_owned);
        if next.is_none() {
            break;
        }
    }
    assert_eq!(seen, ids);
    let err = h
        .user
        .list_web_authn_credentials()
        .access_token(&access)
        .max_results(21)
        .send()
        .await
        .expect_err("at most 20")
        .into_service_error();
    assert!(err.is_invalid_parameter_exception(), "{err:?}");
}

#[tokio::test]
async fn a_registration_and_its_passkey_survive_a_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let h = passkey_pool_with(Setup {
        data_dir: Some(dir.path().to_owned()),
        ..Setup::default()
    })
    .await;
    let email = "ada@example.com";
    h.confirmed_user(email).await;
    let options = start_registration(&h, &h.access_token(email).await).await;
    let Harness {
        pool,
        pool_id,
        client_id,
        secret,
        ..
    } = h;
    pool.shutdown().await;

    // The challenge was saved: the registration completes after a restart
    // (with a new access token: the old one names the old address).
    let h = Harness::reopen(dir.path(), pool_id, client_id, secret).await;
    let access = h.access_token(email).await;
    let mut browser = Browser::at(ORIGIN);
    complete_registration(&h, &access, &browser.create(&options))
        .await
        .expect("CompleteWebAuthnRegistration after a restart");
    let Harness {
        pool,
        pool_id,
        client_id,
        secret,
        ..
    } = h;
    pool.shutdown().await;

    let h = Harness::reopen(dir.path(), pool_id, client_id, secret).await;
    let challenge = passkey_challenge(&h, email).await;
    let out = answer(&h, email, &challenge, &browser.get(&challenge.options))
        .await
        .expect("the saved passkey signs in");
    assert!(signed_in(&out));
}
