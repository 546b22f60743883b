//! Bookmark files: the app's own JSON (lossless: articles, pictures, notes,
//! tags, dates), the Netscape bookmarks HTML every browser reads and writes,
//! and the automatic backups kept beside the database.
//!
//! A file from outside is read whole and checked before anything is written:
//! a bad file is refused with `Error::BadFile` and the database is left as it
//! was. Article text from a file is sanitised by the same allow-list as text
//! from the site.

pub mod backup;
pub mod json;
pub mod netscape;

use crate::error::{Error, Result};
use crate::store::{ImportReport, Store};

/// The largest bookmarks file read (JSON with pictures is large).
pub const MAX_FILE_BYTES: usize = 256 << 20;

/// The formats, told apart by their content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Netscape,
}

impl Format {
    pub fn sniff(text: &str) -> Result<Self> {
        let head = text.trim_start_matches('\u{feff}').trim_start();
        if head.starts_with('{') {
            Ok(Format::Json)
        } else if head.starts_with('<') {
            Ok(Format::Netscape)
        } else {
            Err(Error::BadFile(
                "neither a JSON bookmarks file nor a bookmarks HTML file".into(),
            ))
        }
    }
}

/// Reads a bookmarks file of either format and merges it into the store.
pub fn import(store: &Store, text: &str) -> Result<ImportReport> {
    if text.len() > MAX_FILE_BYTES {
        return Err(Error::BadFile(format!(
            "larger than {} MiB",
            MAX_FILE_BYTES >> 20
        )));
    }
    let saved = match Format::sniff(text)? {
        Format::Json => json::parse(text)?,
        Format::Netscape => netscape::parse(text)?,
    };
    store.import_saved(&saved)
}

/// Base64 for picture bytes in JSON.
pub mod base64_bytes {
    use base64::Engine as _;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        base64::engine::general_purpose::STANDARD
            .decode(text)
            .map_err(serde::de::Error::custom)
    }
}
