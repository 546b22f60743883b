//! Khabarain Reader's domain: everything that can be built and tested
//! without a window. The path of an article is the module list:
//! fetch → feed → extract (→ sanitize) → store, orchestrated by sync.

pub mod accounts;
pub mod alerts;
pub mod bookmark_io;
pub mod discover;
pub mod error;
pub mod export_file;
pub mod extract;
pub mod feed;
pub mod fetch;
pub mod images;
pub mod mailto;
pub mod opml;
pub mod rules;
pub mod sanitize;
pub mod search;
pub mod share;
pub mod site_config;
pub mod speech;
pub mod store;
pub mod sync;
pub mod text;

pub use error::{Error, Result};
