//! The command-line front end against the fixture site: sync, list, show,
//! sources, export, and the exit codes that scripts rely on.

mod common;

use common::{khabarain, stderr, stdout};
use khabarain_fixture_site::FixtureSite;

#[tokio::test(flavor = "multi_thread")]
async fn sync_list_show_export_round_trip() {
    let site = FixtureSite::start(0).await.expect("site");
    let base = site.base_url();
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("cli.sqlite3");

    let out = tokio::task::block_in_place(|| khabarain(&db, &base, &["sync"]));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("36 new articles, 0 of 9 sources failed"),
        "{}",
        stderr(&out)
    );

    let out = khabarain(&db, &base, &["list", "--json", "--limit", "50"]);
    let rows: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    let rows = rows.as_array().expect("array");
    assert_eq!(rows.len(), 36);
    let corpus = site.corpus();
    let newest = corpus.newest()[0].1;
    assert_eq!(rows[0]["title"], newest.title.as_str());
    let id = rows[0]["id"].as_i64().expect("id");

    let out = khabarain(&db, &base, &["list", "--category", "health"]);
    assert_eq!(stdout(&out).lines().count(), 4);

    let out = khabarain(&db, &base, &["show", &id.to_string()]);
    let text = stdout(&out);
    assert!(text.starts_with(&newest.title), "{text}");
    assert!(text.contains(&newest.original_title));
    assert!(text.contains("## "), "subheadings are marked: {text}");
    assert!(text.contains("شاهد أيضاً:") && text.contains("أخبار ذات صلة:"));

    let out = khabarain(&db, &base, &["show", "999999"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("not found"), "{}", stderr(&out));

    let out = khabarain(&db, &base, &["export"]);
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 36);
    assert!(lines
        .iter()
        .all(|a| a["body_html"].as_str().is_some_and(|b| b.contains("<p"))));

    let out = tokio::task::block_in_place(|| khabarain(&db, &base, &["sync", "--json"]));
    assert!(out.status.success());
    let reports: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(reports.len(), 9);
    assert!(
        reports.iter().all(|r| r["status"] == "not_modified"),
        "{reports:?}"
    );

    let out = khabarain(&db, &base, &["sources", "--json"]);
    let sources: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    assert_eq!(sources.as_array().map(Vec::len), Some(9));

    // With the site gone, a sync says so in its exit code and loses nothing.
    site.stop().await;
    let out = tokio::task::block_in_place(|| khabarain(&db, &base, &["sync"]));
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("cannot be reached"));
    let out = khabarain(&db, &base, &["list", "--limit", "100"]);
    assert_eq!(stdout(&out).lines().count(), 36);
}

#[tokio::test(flavor = "multi_thread")]
async fn sync_of_given_sources_only() {
    let site = FixtureSite::start(0).await.expect("site");
    let base = site.base_url();
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("cli.sqlite3");
    let feed = format!("{base}category/sports/feed/atom/");
    let out = tokio::task::block_in_place(|| khabarain(&db, &base, &["sync", "--source", &feed]));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("4 new articles, 0 of 1 sources failed"),
        "{}",
        stderr(&out)
    );
    assert!(
        site.requests().iter().all(|r| r.path != "/"),
        "the seed page is not read"
    );

    let out = khabarain(&db, &base, &["sync", "--source", "not a url"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("--source"), "{}", stderr(&out));
}

#[tokio::test(flavor = "multi_thread")]
async fn feeds_only_sync_stores_headlines_without_fetching_pages() {
    let site = FixtureSite::start(0).await.expect("site");
    let base = site.base_url();
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("cli.sqlite3");
    let feed = format!("{base}gen/30/feed/0/");
    let out = tokio::task::block_in_place(|| {
        khabarain(&db, &base, &["sync", "--feeds-only", "--source", &feed])
    });
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("30 new articles"), "{}", stderr(&out));
    assert_eq!(site.requests().len(), 1, "only the feed was fetched");
    let out = khabarain(&db, &base, &["export"]);
    let first: serde_json::Value =
        serde_json::from_str(stdout(&out).lines().next().expect("a line")).expect("json");
    assert_eq!(first["body_html"], "");
    assert!(first["summary"]
        .as_str()
        .is_some_and(|s| !s.is_empty() && !s.contains("تابع التفاصيل")));
}

#[tokio::test(flavor = "multi_thread")]
async fn sources_added_with_a_category_file_their_articles_there() {
    let site = FixtureSite::start(0).await.expect("site");
    let base = site.base_url();
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("cli.sqlite3");
    let feed = format!("{base}gen/5/feed/0/");
    let out = tokio::task::block_in_place(|| {
        khabarain(
            &db,
            &base,
            &[
                "sync",
                "--feeds-only",
                "--source",
                &feed,
                "--category",
                "world",
            ],
        )
    });
    assert!(out.status.success(), "{}", stderr(&out));
    let out = khabarain(&db, &base, &["list", "--category", "world", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    assert_eq!(rows.as_array().map(Vec::len), Some(5), "{rows}");
    let out = khabarain(&db, &base, &["list", "--category", "news", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    assert_eq!(rows.as_array().map(Vec::len), Some(0), "{rows}");
}

#[tokio::test(flavor = "multi_thread")]
async fn search_finds_arabic_in_any_spelling_and_narrows() {
    let site = FixtureSite::start(0).await.expect("site");
    let base = site.base_url();
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("cli.sqlite3");
    let out = tokio::task::block_in_place(|| khabarain(&db, &base, &["sync"]));
    assert!(out.status.success(), "{}", stderr(&out));

    // With diacritics, hamza on the alef and an attached "and".
    let out = khabarain(&db, &base, &["search", "وأُوكْرَانِيَا", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rows: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    let rows = rows.as_array().expect("array");
    assert_eq!(rows.len(), 4, "{rows:?}");
    let hit = &rows[0]["highlight"];
    let marked: Vec<&str> = hit["title"]
        .as_array()
        .into_iter()
        .chain(hit["snippet"].as_array())
        .flatten()
        .filter(|s| s["hit"] == true)
        .filter_map(|s| s["text"].as_str())
        .collect();
    assert!(
        marked.iter().any(|m| m.contains("أوكرانيا")),
        "the original spelling is marked: {marked:?}"
    );

    // Narrowed to a section, then to a date range that holds none.
    let out = khabarain(
        &db,
        &base,
        &["search", "أوكرانيا", "--category", "politics", "--json"],
    );
    let rows: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    assert_eq!(rows.as_array().map(Vec::len), Some(1));
    let out = khabarain(&db, &base, &["search", "أوكرانيا", "--until", "2000-01-01"]);
    assert!(out.status.success());
    assert_eq!(stdout(&out), "");
    let out = khabarain(&db, &base, &["search", "أوكرانيا", "--since", "yesterday"]);
    assert!(!out.status.success(), "a bad date is refused");
}
