//! Request-level protections: response headers, form bodies and
//! return-to validation.

pub mod audit;
pub mod client_ip;
pub mod form_body;
pub mod headers;
pub mod limits;
pub mod pace;
pub mod return_to;
