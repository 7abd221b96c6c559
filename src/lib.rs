//! vestis: a static site generator for bilingual civic publicity sites.
//!
//! The pipeline is a chain of typed values (see ARCHITECTURE in the README):
//! `site.yaml` → `Config` → `Locales` → `Site` → `Output` → disk.

pub mod diagnostics;
pub mod i18n;
