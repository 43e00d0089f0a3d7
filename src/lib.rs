//! Threshold: branded, server-rendered sign-in pages for Amazon Cognito
//! user pools. See the README for the design; each module's doc says what
//! it owns.

pub mod app;
pub mod assets;
pub mod brand;
pub mod cli;
pub mod cognito;
pub mod config;
pub mod domain;
pub mod embedded_pool;
pub mod flows;
pub mod handoff;
pub mod i18n;
pub mod pages;
pub mod routes;
pub mod security;
pub mod session;
pub mod startup;
pub mod state;
pub mod telemetry;
