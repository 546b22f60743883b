//! Cached images, addressed by the SHA-256 of their bytes so that the same
//! picture under several URLs is stored once.

use rusqlite::{params, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};

use super::{now, Store, StoredImage};
use crate::error::Result;

/// An image downloaded by sync, not stored yet.
#[derive(Debug, Clone)]
pub struct NewImage {
    pub url: String,
    pub mime: String,
    pub bytes: Vec<u8>,
}

impl NewImage {
    pub fn sha256(&self) -> String {
        sha256_hex(&self.bytes)
    }
}

/// The content address of image bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Stores the image (once per distinct content) and maps its URL to it.
pub(super) fn put_image(tx: &Transaction<'_>, image: &NewImage) -> Result<i64> {
    let sha = image.sha256();
    tx.execute(
        "INSERT INTO images (sha256, mime, bytes, size, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(sha256) DO NOTHING",
        params![
            sha,
            image.mime,
            image.bytes,
            image.bytes.len() as i64,
            now()
        ],
    )?;
    let id: i64 = tx.query_row("SELECT id FROM images WHERE sha256 = ?1", [&sha], |r| {
        r.get(0)
    })?;
    tx.execute(
        "INSERT INTO image_urls (url, image_id) VALUES (?1, ?2)
         ON CONFLICT(url) DO UPDATE SET image_id = ?2",
        params![image.url, id],
    )?;
    Ok(id)
}

impl Store {
    /// Whether an image of this URL is cached already (sync skips the download).
    pub fn image_id_for_url(&self, url: &str) -> Result<Option<i64>> {
        Ok(self
            .conn()?
            .query_row(
                "SELECT image_id FROM image_urls WHERE url = ?1",
                [url],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Content hash of the cached image of this URL.
    pub fn image_sha_for_url(&self, url: &str) -> Result<Option<String>> {
        Ok(self
            .conn()?
            .query_row(
                "SELECT i.sha256 FROM image_urls u JOIN images i ON i.id = u.image_id WHERE u.url = ?1",
                [url],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// An image by its content hash, for the app's image scheme.
    pub fn image(&self, sha256: &str) -> Result<Option<StoredImage>> {
        Ok(self
            .conn()?
            .query_row(
                "SELECT mime, bytes FROM images WHERE sha256 = ?1",
                [sha256],
                |r| {
                    Ok(StoredImage {
                        mime: r.get(0)?,
                        bytes: r.get(1)?,
                    })
                },
            )
            .optional()?)
    }

    pub fn image_count(&self) -> Result<i64> {
        Ok(self
            .conn()?
            .query_row("SELECT COUNT(*) FROM images", [], |r| r.get(0))?)
    }
}
