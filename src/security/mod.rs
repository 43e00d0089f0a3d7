//! Request-level protections: response headers and return-to validation.

pub mod headers;
pub mod return_to;
