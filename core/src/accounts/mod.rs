//! Sync accounts: besides the local account (the app fetching the site's
//! feeds itself), a reader can sync through a server readers already run,
//! so that several computers share sources, read marks and bookmarks.
//! `miniflux.rs` speaks Miniflux's REST API, `greader.rs` the Google Reader
//! API of FreshRSS, Miniflux, Inoreader and others, `http.rs` holds what the
//! clients share.

pub mod engine;
pub mod greader;
pub mod http;
pub mod miniflux;
