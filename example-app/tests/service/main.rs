//! The service's integration tests: each starts its own server on an ephemeral port, with its
//! own SQLite file in a temporary directory, and talks to it with a real HTTP client.

mod both;
mod compat;
mod concurrency;
mod crash;
mod dead_jobs;
mod demo;
mod durable;
mod endpoints;
mod failures;
mod pg_database;
mod processes;
mod purchases;
mod scenario;
mod sessions;
mod support;
mod throttling;
mod validation;
