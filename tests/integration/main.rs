//! The integration tests, in one test binary: each module builds fixture sites
//! (`tests/sites/`, `tests/invalid/`) or runs the `vestis` binary, and asserts on what it
//! produced. One binary instead of one per file: the crate and its dependencies are linked
//! once, not thirty times, which is most of the time `cargo test` spends compiling them.
//! `cargo test --test integration <module>::` runs one module's tests.

mod common;
mod server;

mod cards;
mod cli;
mod deploy;
mod editor_security;
mod feeds;
mod fs_safety;
mod fuzz;
mod gallery;
mod gate;
mod incremental;
mod incremental_random;
mod incremental_records;
mod invalid;
mod list_bodies;
mod media;
mod media_cache;
mod output_safety;
mod pagination;
mod publishing;
mod redirects;
mod resize;
mod scaffold;
mod serve;
mod serve_images;
mod share;
mod site_full;
mod site_languages;
mod translations;
mod videos;
