//! A proxy in front of the local pool that can fail the way a remote
//! service fails: 5xx answers, throttling, hanging, or not being there at
//! all. The app under test is pointed at it as at any remote pool.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Every request passes through.
    None,
    /// `500 InternalErrorException`.
    ServerError,
    /// `400 TooManyRequestsException`, every time.
    Throttled,
    /// Answers only after this long.
    Slow(Duration),
}

#[derive(Clone)]
struct Proxy {
    upstream: String,
    fault: Arc<Mutex<Fault>>,
    client: reqwest::Client,
}

pub struct FaultyPool {
    addr: SocketAddr,
    proxy: Proxy,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl FaultyPool {
    /// A proxy on a free loopback port in front of `upstream`.
    pub async fn in_front_of(upstream: &str) -> Self {
        let proxy = Proxy {
            upstream: upstream.trim_end_matches('/').to_owned(),
            fault: Arc::new(Mutex::new(Fault::None)),
            client: reqwest::Client::new(),
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a free port");
        let addr = listener.local_addr().expect("bound");
        let mut pool = Self {
            addr,
            proxy,
            stop: None,
            task: None,
        };
        pool.serve(listener);
        pool
    }

    fn serve(&mut self, listener: tokio::net::TcpListener) {
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let router = axum::Router::new()
            .fallback(forward)
            .with_state(self.proxy.clone());
        self.task = Some(tokio::spawn(async move {
            let _ = axum::serve(listener, router)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
        }));
        self.stop = Some(stop);
    }

    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn set(&self, fault: Fault) {
        *self.proxy.fault.lock().expect("fault lock") = fault;
    }

    /// Stops listening: connections are refused, as with a pool that is down.
    pub async fn go_down(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }

    /// Listens again on the same address.
    pub async fn come_back(&mut self) {
        let listener = tokio::net::TcpListener::bind(self.addr)
            .await
            .expect("the same port again");
        self.serve(listener);
    }
}

fn cognito_error(status: StatusCode, kind: &str) -> Response {
    (
        status,
        [("content-type", "application/x-amz-json-1.1")],
        format!("{{\"__type\":\"{kind}\",\"message\":\"injected by the test\"}}"),
    )
        .into_response()
}

async fn forward(
    State(proxy): State<Proxy>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let fault = *proxy.fault.lock().expect("fault lock");
    match fault {
        Fault::ServerError => {
            return cognito_error(StatusCode::INTERNAL_SERVER_ERROR, "InternalErrorException");
        }
        Fault::Throttled => {
            return cognito_error(StatusCode::BAD_REQUEST, "TooManyRequestsException");
        }
        Fault::Slow(delay) => tokio::time::sleep(delay).await,
        Fault::None => {}
    }
    let path = uri.path_and_query().map_or("/", |p| p.as_str());
    let mut request = proxy
        .client
        .request(method, format!("{}{path}", proxy.upstream))
        .body(body);
    for (name, value) in &headers {
        if name != "host" && name != "content-length" {
            request = request.header(name, value);
        }
    }
    let Ok(answer) = request.send().await else {
        return StatusCode::BAD_GATEWAY.into_response();
    };
    let status = answer.status();
    let content_type = answer
        .headers()
        .get("content-type")
        .cloned()
        .unwrap_or_else(|| axum::http::HeaderValue::from_static("application/json"));
    let bytes = answer.bytes().await.unwrap_or_default();
    (status, [("content-type", content_type)], bytes).into_response()
}
