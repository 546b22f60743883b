//! Files the app writes for the reader (bookmark and source exports): always
//! a file this write creates, never one that was there — not an earlier
//! export, and not a file a symbolic link points to. Opening with
//! `create_new` refuses any name already taken, a link (even one to nothing)
//! included, so a link planted in the export folder cannot redirect the
//! write; a name taken is followed by the next free one.

use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// How many names are tried (`<stem>-<day>-2` … ) before giving up.
const TRIES: u32 = 1000;

/// Writes `text` as `<stem>-<day>.<ext>` in `dir` (made if missing), or as
/// `<stem>-<day>-<n>.<ext>` with the first free n.
pub fn write_new(dir: &Path, stem: &str, day: &str, ext: &str, text: &str) -> Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    for n in 1..=TRIES {
        let name = match n {
            1 => format!("{stem}-{day}.{ext}"),
            _ => format!("{stem}-{day}-{n}.{ext}"),
        };
        let path = dir.join(name);
        match create(&path, text) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(Error::InvalidInput(format!(
        "{TRIES} exports named {stem}-{day} are already in {}",
        dir.display()
    )))
}

/// Writes `text` to `path`, which must not exist (nor be a link): a file
/// the reader named on the command line is never replaced.
pub fn write_named(path: &Path, text: &str) -> Result<()> {
    create(path, text).map_err(|e| match e.kind() {
        ErrorKind::AlreadyExists => Error::InvalidInput(format!(
            "{} is already there: exports never replace a file; choose another name",
            path.display()
        )),
        _ => e.into(),
    })
}

fn create(path: &Path, text: &str) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    let written = file
        .write_all(text.as_bytes())
        .and_then(|_| file.sync_all());
    if let Err(e) = written {
        // Half a file is not an export; this write made it, so it goes.
        drop(file);
        let _ = std::fs::remove_file(path);
        return Err(e);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_earlier_export_is_never_replaced() {
        let dir = tempfile::tempdir().expect("dir");
        let first = write_new(dir.path(), "b", "2026-12-05", "json", "one").expect("first");
        let second = write_new(dir.path(), "b", "2026-12-05", "json", "two").expect("second");
        assert_eq!(
            first.file_name().and_then(|n| n.to_str()),
            Some("b-2026-12-05.json")
        );
        assert_eq!(
            second.file_name().and_then(|n| n.to_str()),
            Some("b-2026-12-05-2.json")
        );
        assert_eq!(std::fs::read_to_string(&first).expect("first"), "one");
        assert_eq!(std::fs::read_to_string(&second).expect("second"), "two");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_in_the_export_folder_is_not_followed() {
        let dir = tempfile::tempdir().expect("dir");
        let outside = tempfile::tempdir().expect("outside");
        let target = outside.path().join("victim");
        std::fs::write(&target, "the reader's own file").expect("victim");
        let dangling = outside.path().join("made-through-the-link");
        let exports = dir.path().join("exports");
        std::fs::create_dir(&exports).expect("exports");
        std::os::unix::fs::symlink(&target, exports.join("b-2026-12-05.json")).expect("link");
        std::os::unix::fs::symlink(&dangling, exports.join("b-2026-12-05-2.json")).expect("link");

        let path = write_new(&exports, "b", "2026-12-05", "json", "export").expect("written");
        assert_eq!(path, exports.join("b-2026-12-05-3.json"));
        assert_eq!(
            std::fs::read_to_string(&target).expect("victim"),
            "the reader's own file"
        );
        assert!(!dangling.exists(), "nothing made through a dangling link");

        let named = write_named(&exports.join("b-2026-12-05-2.json"), "x").expect_err("a link");
        assert_eq!(named.code(), "invalid_input");
        assert!(!dangling.exists());
    }

    #[test]
    fn a_named_file_that_exists_is_refused_and_kept() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("sources.opml");
        std::fs::write(&path, "mine").expect("file");
        let e = write_named(&path, "export").expect_err("refused");
        assert!(e.to_string().contains("already there"), "{e}");
        assert_eq!(std::fs::read_to_string(&path).expect("kept"), "mine");
        write_named(&dir.path().join("new.opml"), "export").expect("a new name is written");
    }
}
