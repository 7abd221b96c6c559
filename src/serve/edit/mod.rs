//! tmp
#![allow(dead_code)]
pub(crate) mod ui;
