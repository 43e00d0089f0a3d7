//! What every Cognito operation receives: the service, the region of the
//! request's signature and the moment the request arrived. It lives in its
//! own module so that the area modules never import their parent, `ops`.

use crate::service::Service;

/// What every operation gets: the service and the time of the request.
pub struct Ctx<'a> {
    pub svc: &'a Service,
    pub region: &'a str,
    pub now_ms: u64,
}
