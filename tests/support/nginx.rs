//! A real nginx (Debian's package) in front of Threshold, as the README's
//! forward-auth set-up describes it, on free loopback ports, stopped when
//! dropped. `scripts/test-all` installs nginx; `NGINX` names another
//! binary.
//!
//! Three servers, standing for three hosts:
//! - `auth` ("auth.example.com"): Threshold's pages, proxied as they are;
//! - `app` ("app.example.com"): the product, every path behind
//!   `auth_request` to Threshold's `/auth/verify`, `/admin/` also behind
//!   the `admins` group; a visitor who is not signed in is sent on to
//!   sign-in through Threshold's redirect mode;
//! - `upstream`: the product's own server, which answers with the user
//!   the proxy told it about.

use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Nginx {
    child: Child,
    dir: tempfile::TempDir,
    pub auth_port: u16,
    pub app_port: u16,
}

/// A port nobody listens on now (the OS's choice for port 0).
pub fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

fn binary() -> PathBuf {
    if let Some(path) = std::env::var_os("NGINX") {
        return PathBuf::from(path);
    }
    // Debian puts it in /usr/sbin, which is not on every user's PATH.
    let debian = PathBuf::from("/usr/sbin/nginx");
    if debian.exists() {
        debian
    } else {
        PathBuf::from("nginx")
    }
}

/// The headers that tell Threshold which request it is asked about.
const ORIGINAL: &str = "
            proxy_pass_request_body off;
            proxy_set_header Content-Length \"\";
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Forwarded-Host $http_host;
            proxy_set_header X-Forwarded-Uri $request_uri;";

/// A location of the product behind `auth_request` to `verify`, handing the
/// user's headers to the upstream.
fn protected_location(location: &str, verify: &str, upstream_port: u16) -> String {
    format!(
        "        location {location} {{
            auth_request {verify};
            auth_request_set $auth_user $upstream_http_x_auth_request_user;
            auth_request_set $auth_email $upstream_http_x_auth_request_email;
            auth_request_set $auth_groups $upstream_http_x_auth_request_groups;
            error_page 401 = /_auth/sign-in;
            proxy_set_header X-User $auth_user;
            proxy_set_header X-Email $auth_email;
            proxy_set_header X-Groups $auth_groups;
            proxy_pass http://127.0.0.1:{upstream_port};
        }}"
    )
}

impl Nginx {
    /// Starts nginx on `auth_port` and `app_port` (chosen by the caller,
    /// who configures Threshold with them first) in front of Threshold at
    /// `threshold`.
    pub fn start(threshold: SocketAddr, auth_port: u16, app_port: u16) -> Nginx {
        let dir = tempfile::tempdir().expect("a directory for nginx");
        let upstream_port = free_port();
        let d = dir.path().display();
        let everyone = protected_location("/", "/_auth/verify", upstream_port);
        let admins = protected_location("/admin/", "/_auth/verify-admins", upstream_port);
        let config = format!(
            "daemon off;
master_process off;
pid {d}/nginx.pid;
error_log {d}/error.log info;
events {{ worker_connections 64; }}
http {{
    access_log {d}/access.log;
    client_body_temp_path {d}/body;
    proxy_temp_path {d}/proxy;
    fastcgi_temp_path {d}/fastcgi;
    uwsgi_temp_path {d}/uwsgi;
    scgi_temp_path {d}/scgi;

    upstream threshold {{ server {threshold}; }}

    server {{
        listen 127.0.0.1:{auth_port};
        location / {{
            proxy_pass http://threshold;
            proxy_set_header Host $http_host;
        }}
    }}

    server {{
        listen 127.0.0.1:{upstream_port};
        location / {{
            default_type text/plain;
            return 200 \"upstream page for user=$http_x_user email=$http_x_email groups=$http_x_groups\";
        }}
    }}

    server {{
        listen 127.0.0.1:{app_port};

        location = /_auth/verify {{
            internal;
            proxy_pass http://threshold/auth/verify;{ORIGINAL}
        }}
        location = /_auth/verify-admins {{
            internal;
            proxy_pass http://threshold/auth/verify?group=admins;{ORIGINAL}
        }}
        location = /_auth/sign-in {{
            internal;
            proxy_pass http://threshold/auth/verify?redirect=1;{ORIGINAL}
        }}

{everyone}
{admins}
    }}
}}
"
        );
        let conf = dir.path().join("nginx.conf");
        std::fs::write(&conf, config).expect("write nginx.conf");
        let log = std::fs::File::create(dir.path().join("stderr.log")).expect("a log file");
        let child = Command::new(binary())
            .arg("-p")
            .arg(dir.path())
            .arg("-c")
            .arg(&conf)
            .arg("-e")
            .arg(dir.path().join("error.log"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::from(log))
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "nginx could not be started ({e}): install Debian's nginx \
                     (scripts/test-all does), or name the binary in NGINX"
                )
            });
        let mut nginx = Nginx {
            child,
            dir,
            auth_port,
            app_port,
        };
        nginx.wait_until_listening();
        nginx
    }

    fn wait_until_listening(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        for port in [self.auth_port, self.app_port] {
            while TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_err() {
                if let Ok(Some(status)) = self.child.try_wait() {
                    panic!("nginx exited ({status}):\n{}", self.log());
                }
                assert!(
                    Instant::now() < deadline,
                    "nginx did not listen on {port}:\n{}",
                    self.log()
                );
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }

    /// nginx's own messages, for a failing test's report.
    pub fn log(&self) -> String {
        ["stderr.log", "error.log"]
            .iter()
            .map(|f| std::fs::read_to_string(self.dir.path().join(f)).unwrap_or_default())
            .collect::<Vec<_>>()
            .join("\n")
    }

    pub fn auth_base(&self) -> String {
        format!("http://127.0.0.1:{}", self.auth_port)
    }

    pub fn app_base(&self) -> String {
        format!("http://127.0.0.1:{}", self.app_port)
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
