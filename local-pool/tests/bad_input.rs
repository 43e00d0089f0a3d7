//! The local pool's request parser: whatever arrives at `POST /` (any
//! target, any bytes, any JSON shape), the answer is a Cognito-style 4xx
//! error or a success, never a 5xx or a panic.

use std::sync::OnceLock;

use proptest::prelude::*;

fn pool() -> &'static (
    tokio::runtime::Runtime,
    local_pool::RunningPool,
    reqwest::Client,
) {
    static POOL: OnceLock<(
        tokio::runtime::Runtime,
        local_pool::RunningPool,
        reqwest::Client,
    )> = OnceLock::new();
    POOL.get_or_init(|| {
        let runtime = tokio::runtime::Runtime::new().expect("a runtime");
        let pool = runtime
            .block_on(local_pool::spawn(
                "127.0.0.1:0".parse().expect("an address"),
                local_pool::Options::default(),
            ))
            .expect("the pool starts");
        (runtime, pool, reqwest::Client::new())
    })
}

fn target() -> impl Strategy<Value = String> {
    let operations = local_pool::supported_operations();
    prop_oneof![
        4 => proptest::sample::select(operations)
            .prop_map(|op| format!("AWSCognitoIdentityProviderService.{op}")),
        // Any header value a client can send.
        1 => "[ -~]{0,40}",
    ]
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        ".{0,24}".prop_map(serde_json::Value::from),
        Just(serde_json::Value::from("us-east-1_AbCdEf123")),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            proptest::collection::btree_map(
                prop_oneof![
                    Just("UserPoolId".to_owned()),
                    Just("ClientId".to_owned()),
                    Just("Username".to_owned()),
                    Just("AuthFlow".to_owned()),
                    Just("AuthParameters".to_owned()),
                    Just("AccessToken".to_owned()),
                    Just("UserAttributes".to_owned()),
                    "[A-Za-z]{1,12}",
                ],
                inner,
                0..5,
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_request_body_gets_an_answer_below_500(
        target in target(),
        body in prop_oneof![
            json_value().prop_map(|v| v.to_string().into_bytes()),
            proptest::collection::vec(any::<u8>(), 0..200),
        ],
    ) {
        let (runtime, pool, client) = pool();
        let status = runtime.block_on(async {
            client
                .post(pool.endpoint())
                .header("x-amz-target", target.as_str())
                .header("content-type", "application/x-amz-json-1.1")
                .body(body.clone())
                .send()
                .await
                .map(|r| r.status().as_u16())
        });
        let status = status.map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(status < 500, "{target} answered {status} to {}", String::from_utf8_lossy(&body));
    }
}
