//! `khabarain bookmark` against the fixture site: bookmarks made, exported
//! in both formats to files with long Arabic names (past Windows' 260
//! characters, where the tests run as Windows programs too), and imported
//! into a second database with their articles.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{khabarain, stderr, stdout};
use khabarain_fixture_site::FixtureSite;

fn ok(o: Output) -> String {
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
}

fn json(o: Output) -> serde_json::Value {
    serde_json::from_str(&ok(o)).expect("json")
}

/// A folder four levels of long Arabic names deep: the files in it have
/// paths of more than 260 characters.
fn deep_arabic_folder(root: &Path) -> PathBuf {
    let level = "نسخة احتياطية من مفضلة قارئ خبرين لأخبار العالم والاقتصاد والرياضة";
    let dir = root.join(level).join(level).join(level).join(level);
    std::fs::create_dir_all(&dir).expect("deep folder");
    dir
}

#[tokio::test(flavor = "multi_thread")]
async fn bookmarks_exported_to_long_arabic_paths_and_imported_elsewhere() {
    let site = FixtureSite::start(0).await.expect("site");
    let base = site.base_url();
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, second) = (dir.path().join("a.sqlite3"), dir.path().join("b.sqlite3"));
    tokio::task::block_in_place(|| ok(khabarain(&db, &base, &["sync"])));

    let rows = json(khabarain(&db, &base, &["list", "--json", "--limit", "3"]));
    let ids: Vec<String> = rows
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["id"].to_string())
        .collect();
    ok(khabarain(
        &db,
        &base,
        &[
            "bookmark",
            "add",
            &ids[0],
            "--tag",
            "مناخ",
            "--note",
            "للقراءة مساءً",
        ],
    ));
    ok(khabarain(&db, &base, &["bookmark", "add", &ids[1]]));
    ok(khabarain(&db, &base, &["bookmark", "add", &ids[2]]));
    ok(khabarain(&db, &base, &["bookmark", "remove", &ids[2]]));
    let marked = json(khabarain(&db, &base, &["list", "--bookmarked", "--json"]));
    assert_eq!(marked.as_array().map(Vec::len), Some(2));

    let folder = deep_arabic_folder(dir.path());
    let file = folder.join("مفضلة قارئ خبرين — ٥ ديسمبر ٢٠٢٦.json");
    let html = folder.join("مفضلة قارئ خبرين — ٥ ديسمبر ٢٠٢٦.html");
    assert!(file.to_string_lossy().chars().count() > 260);
    let path = |p: &PathBuf| p.to_string_lossy().into_owned();
    ok(khabarain(&db, &base, &["bookmark", "export", &path(&file)]));
    ok(khabarain(
        &db,
        &base,
        &["bookmark", "export", &path(&html), "--format", "html"],
    ));
    let again = khabarain(&db, &base, &["bookmark", "export", &path(&file)]);
    assert!(!again.status.success(), "an export never replaces a file");
    assert!(
        stderr(&again).contains("already there"),
        "{}",
        stderr(&again)
    );
    let written = std::fs::read_to_string(&file).expect("the export is there");
    assert!(written.contains("للقراءة مساءً") && written.contains("مناخ"));
    let page = std::fs::read_to_string(&html).expect("the HTML export is there");
    assert!(
        page.starts_with("<!DOCTYPE NETSCAPE-Bookmark-file-1>"),
        "{page}"
    );
    assert_eq!(page.matches("<DT><A ").count(), 2, "{page}");

    let report = json(khabarain(
        &second,
        &base,
        &["bookmark", "import", &path(&file), "--json"],
    ));
    assert_eq!(
        (report["bookmarks"].as_u64(), report["added"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(report["articles_added"].as_u64(), Some(2));
    let there = json(khabarain(
        &second,
        &base,
        &["list", "--bookmarked", "--json"],
    ));
    let there = there.as_array().expect("rows");
    assert_eq!(there.len(), 2);
    let article = json(khabarain(
        &second,
        &base,
        &["show", &there[0]["id"].to_string(), "--json"],
    ));
    assert!(
        article["body_html"]
            .as_str()
            .is_some_and(|b| b.contains("<p")),
        "{article}"
    );

    // The same file again changes nothing; the HTML file merges into them.
    let again = json(khabarain(
        &second,
        &base,
        &["bookmark", "import", &path(&file), "--json"],
    ));
    assert_eq!(
        (again["added"].as_u64(), again["merged"].as_u64()),
        (Some(0), Some(2))
    );
    let from_html = json(khabarain(
        &second,
        &base,
        &["bookmark", "import", &path(&html), "--json"],
    ));
    assert_eq!(from_html["added"].as_u64(), Some(0));

    let refused = khabarain(&second, &base, &["bookmark", "import", &path(&db)]);
    assert!(
        !refused.status.success(),
        "a database is not a bookmark file"
    );
}
