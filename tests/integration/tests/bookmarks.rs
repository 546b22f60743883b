//! Bookmark files against real databases filled from the fixture site:
//! JSON and Netscape HTML round trips that lose nothing, imports that merge
//! without duplicates, bad files refused with nothing changed, hostile text
//! sanitised, and the automatic backups.

use khabarain_core::bookmark_io::{self, backup, json, netscape};
use khabarain_core::error::Error;
use khabarain_core::store::{Bookmark, ListFilter, SavedBookmark, Store};
use khabarain_integration_tests::{quiet, Harness};

/// A synced database with three bookmarks: one with a note and tags, one
/// with tags only, and one on an article with an inline picture.
async fn with_bookmarks() -> (Harness, Vec<Bookmark>) {
    let h = Harness::start().await;
    h.syncer.sync(quiet()).await.expect("sync");
    let corpus = h.site.corpus();
    let id_of = |title: &str| {
        h.store
            .list_articles(&ListFilter {
                limit: 100,
                ..ListFilter::default()
            })
            .expect("list")
            .into_iter()
            .find(|a| a.title == title)
            .expect("stored")
            .id
    };
    // The fixture puts an inline picture in every fourth article, from the second.
    let ids = [
        id_of(&corpus.articles[0].title),
        id_of(&corpus.articles[1].title),
        id_of(&corpus.articles[2].title),
    ];
    let notes: [(Option<&str>, &[&str]); 3] = [
        (Some("أعود إليه «غداً» & بعد الظهر"), &["اقتصاد", "للقراءة"]),
        (None, &["صور"]),
        (Some("note, in English"), &[]),
    ];
    let mut made = Vec::new();
    for (i, (id, (note, tags))) in ids.iter().zip(notes).enumerate() {
        h.store.set_bookmark(*id, true).expect("bookmark");
        // Distinct dates, so order and the earlier-date rule can be checked.
        let b = Bookmark {
            article_id: *id,
            saved_at: 1_790_000_000 + i as i64 * 3600,
            note: note.map(str::to_string),
            tags: tags.iter().map(|t| t.to_string()).collect(),
        };
        h.store.restore_bookmark(&b).expect("annotate");
        made.push(b);
    }
    (h, made)
}

fn fresh_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("fresh.sqlite3")).expect("open");
    (dir, store)
}

/// A bookmark as two databases can compare it: article URL, date, note, tags.
type Comparable = (Option<String>, i64, Option<String>, Vec<String>);

/// Bookmarks by article URL, without the (database-specific) ids.
fn by_url(store: &Store) -> Vec<Comparable> {
    let mut v: Vec<_> = store
        .saved_bookmarks()
        .expect("saved")
        .into_iter()
        .map(|s| (s.article.url, s.saved_at, s.note, s.tags))
        .collect();
    v.sort();
    v
}

#[tokio::test(flavor = "multi_thread")]
async fn json_round_trip_into_a_new_database_loses_nothing() {
    let (h, _) = with_bookmarks().await;
    let before = h.store.saved_bookmarks().expect("saved");
    assert!(
        before.iter().any(|b| !b.article.inline_images.is_empty()),
        "an inline picture is carried"
    );
    assert!(before.iter().all(|b| b.article.image.is_some()));
    let file = json::write(&before, 1_795_000_000).expect("write");

    let (_dir, fresh) = fresh_store();
    let report = bookmark_io::import(&fresh, &file).expect("import");
    assert_eq!(
        (
            report.bookmarks,
            report.added,
            report.merged,
            report.articles_added
        ),
        (3, 3, 0, 3)
    );
    let after = fresh.saved_bookmarks().expect("saved");
    assert_eq!(
        after, before,
        "articles, pictures, links, notes, tags and dates"
    );
    // The articles read as they did: body, pictures (by hash) and links.
    for (a, b) in before.iter().zip(&after) {
        let old = h
            .store
            .list_articles(&ListFilter {
                bookmarked_only: true,
                limit: 10,
                ..ListFilter::default()
            })
            .expect("list")
            .into_iter()
            .find(|r| r.title == a.article.title)
            .expect("old row");
        let new = fresh
            .list_articles(&ListFilter {
                bookmarked_only: true,
                limit: 10,
                ..ListFilter::default()
            })
            .expect("list")
            .into_iter()
            .find(|r| r.title == b.article.title)
            .expect("new row");
        let (old, new) = (
            h.store.article(old.id).expect("old"),
            fresh.article(new.id).expect("new"),
        );
        assert_eq!(new.body_html, old.body_html);
        assert_eq!(new.image, old.image);
        assert_eq!(new.see_also.len(), old.see_also.len());
        assert_eq!(new.related.len(), old.related.len());
        assert_eq!(new.bookmark.map(|b| b.tags), old.bookmark.map(|b| b.tags));
        if let Some(hash) = new.image {
            assert!(fresh.image(&hash).expect("image").is_some());
        }
    }

    // The same file again: nothing new, nothing twice.
    let again = bookmark_io::import(&fresh, &file).expect("again");
    assert_eq!((again.added, again.merged, again.articles_added), (0, 3, 0));
    assert_eq!(fresh.saved_bookmarks().expect("saved"), before);
    assert_eq!(fresh.article_count().expect("count"), 3);
}

#[tokio::test(flavor = "multi_thread")]
async fn removed_bookmarks_come_back_from_either_format_and_merge() {
    let (h, made) = with_bookmarks().await;
    let saved = h.store.saved_bookmarks().expect("saved");
    let before = by_url(&h.store);
    let json_file = json::write(&saved, 1).expect("json");
    let html_file = netscape::write(&saved, 1);
    assert!(html_file.starts_with("<!DOCTYPE NETSCAPE-Bookmark-file-1>"));

    for file in [&json_file, &html_file] {
        for b in &made {
            h.store.set_bookmark(b.article_id, false).expect("remove");
        }
        assert_eq!(h.store.bookmark_count().expect("count"), 0);
        let articles = h.store.article_count().expect("articles");
        let report = bookmark_io::import(&h.store, file).expect("import");
        assert_eq!((report.added, report.articles_added), (3, 0));
        assert_eq!(
            by_url(&h.store),
            before,
            "dates, notes and tags as they were"
        );
        assert_eq!(h.store.article_count().expect("articles"), articles);
    }

    // A bookmark here merges with the file's: the earlier date, its own
    // note, and the tags of both.
    h.store
        .restore_bookmark(&Bookmark {
            saved_at: made[0].saved_at - 100,
            note: Some("ملاحظتي".into()),
            tags: vec!["مهم".into()],
            ..made[0].clone()
        })
        .expect("change");
    bookmark_io::import(&h.store, &json_file).expect("merge");
    let b = h
        .store
        .bookmark(made[0].article_id)
        .expect("read")
        .expect("b");
    assert_eq!(b.saved_at, made[0].saved_at - 100);
    assert_eq!(b.note.as_deref(), Some("ملاحظتي"));
    assert_eq!(b.tags, ["مهم", "اقتصاد", "للقراءة"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_browser_file_brings_links_the_app_does_not_hold() {
    let (_dir, store) = fresh_store();
    let html = r#"<!DOCTYPE NETSCAPE-Bookmark-file-1>
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">
<TITLE>Bookmarks</TITLE><H1>Bookmarks</H1>
<DL><p>
  <DT><H3>Bar</H3>
  <DL><p>
    <DT><A HREF="https://www.khabarain.example/2026/11/a/?utm_source=x" ADD_DATE="1790000000" TAGS="سياسة,later">خبر &amp; تعليق</A>
    <DD>ملاحظة من المتصفح
    <DT><A HREF="javascript:alert(1)">bookmarklet</A>
    <DT><A HREF="place:sort=8">Recent</A>
    <DT><A HREF="https://example.org/en" ADD_DATE="1790000000000000">English page</A>
  </DL><p>
</DL><p>"#;
    let report = bookmark_io::import(&store, html).expect("import");
    assert_eq!((report.added, report.articles_added), (2, 2));
    let saved = store.saved_bookmarks().expect("saved");
    let ar = saved
        .iter()
        .find(|s| s.article.title == "خبر & تعليق")
        .expect("arabic link");
    assert_eq!(
        ar.article.url.as_deref(),
        Some("https://www.khabarain.example/2026/11/a/")
    );
    assert_eq!(ar.article.direction, "rtl");
    assert_eq!(ar.tags, ["سياسة", "later"]);
    assert_eq!(ar.note.as_deref(), Some("ملاحظة من المتصفح"));
    assert_eq!(ar.saved_at, 1_790_000_000);
    let en = saved
        .iter()
        .find(|s| s.article.title == "English page")
        .expect("english link");
    assert_eq!(en.saved_at, 1_790_000_000, "microseconds read as seconds");
    assert_eq!(en.article.direction, "ltr");
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_files_are_refused_and_change_nothing() {
    let (h, _) = with_bookmarks().await;
    let saved = h.store.saved_bookmarks().expect("saved");
    let good = json::write(&saved, 1).expect("json");
    let articles = h.store.article_count().expect("count");
    let before = by_url(&h.store);

    let mut wrong_url = saved.clone();
    wrong_url[2].article.url = Some("javascript:alert(1)".into());
    let mut long_tag = saved.clone();
    long_tag[1].tags = vec!["و".repeat(65)];
    let mut no_title = saved.clone();
    no_title[0].article.title = "   ".into();
    let bad: Vec<(&str, String)> = vec![
        ("truncated", good[..good.len() / 2].to_string()),
        ("not json", "{ this is not json".into()),
        (
            "another format",
            good.replace("khabarain-bookmarks", "other-app"),
        ),
        (
            "a later version",
            good.replace("\"version\": 1", "\"version\": 2"),
        ),
        (
            "a script address",
            json::write(&wrong_url, 1).expect("json"),
        ),
        ("a tag too long", json::write(&long_tag, 1).expect("json")),
        ("no headline", json::write(&no_title, 1).expect("json")),
        (
            "html without links",
            "<html><body><p>لا روابط</p></body></html>".into(),
        ),
        ("plain text", "just some words".into()),
        ("empty", String::new()),
    ];
    for (what, file) in bad {
        let err = bookmark_io::import(&h.store, &file).expect_err(what);
        assert!(matches!(err, Error::BadFile(_)), "{what}: {err:?}");
        assert_eq!(err.code(), "bad_file");
        assert_eq!(by_url(&h.store), before, "{what} changed the bookmarks");
        assert_eq!(h.store.article_count().expect("count"), articles, "{what}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn article_text_from_a_file_is_sanitised() {
    let (h, _) = with_bookmarks().await;
    let mut saved: Vec<SavedBookmark> = h.store.saved_bookmarks().expect("saved");
    saved.truncate(1);
    let a = &mut saved[0].article;
    a.guid = "hostile".into();
    a.url = Some("https://evil.example/a".into());
    a.body_html = r#"<p onclick="steal()">نص</p><script>alert(1)</script><img src="https://evil.example/t.gif" onerror="x()"><a href="javascript:alert(1)">رابط</a><img data-image="0000000000000000000000000000000000000000000000000000000000000000"><iframe src="https://evil.example"></iframe>"#.into();
    a.see_also = vec![khabarain_core::extract::LinkRef {
        title: "x".into(),
        url: "javascript:alert(1)".into(),
    }];
    a.image = Some(khabarain_core::store::SavedImage {
        url: "https://evil.example/i.svg".into(),
        mime: "image/png".into(),
        bytes: b"<svg onload=alert(1)>".to_vec(),
    });
    let (_dir, fresh) = fresh_store();
    bookmark_io::import(&fresh, &json::write(&saved, 1).expect("json")).expect("import");
    let stored = &fresh.saved_bookmarks().expect("saved")[0];
    let body = &stored.article.body_html;
    for bad in [
        "onclick",
        "<script",
        "alert",
        "src=",
        "onerror",
        "javascript",
        "iframe",
        "0000000000",
    ] {
        assert!(!body.contains(bad), "{bad} in {body}");
    }
    assert!(body.contains("نص"));
    assert!(stored.article.see_also.is_empty());
    assert!(stored.article.image.is_none(), "an SVG is not a picture");
}

#[tokio::test(flavor = "multi_thread")]
async fn backups_rotate_skip_repeats_and_restore_into_a_new_database() {
    let (h, made) = with_bookmarks().await;
    let dir = h.dir.path().join("backups");
    let first = backup::write(&h.store, &dir, 1_795_000_000)
        .expect("write")
        .expect("written");
    assert!(
        backup::write(&h.store, &dir, 1_795_000_100)
            .expect("again")
            .is_none(),
        "the same bookmarks are not written twice"
    );
    let list = backup::list(&dir).expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].bookmarks, 3);
    assert_eq!(list[0].written_at, 1_795_000_000);
    assert_eq!(dir.join(&list[0].name), first);

    // Each change is a new backup; the newest KEEP stay.
    for i in 0..(backup::KEEP as i64 + 2) {
        h.store
            .restore_bookmark(&Bookmark {
                note: Some(format!("تغيير {i}")),
                ..made[0].clone()
            })
            .expect("change");
        backup::write(&h.store, &dir, 1_795_000_200 + i).expect("write");
    }
    let list = backup::list(&dir).expect("list");
    assert_eq!(list.len(), backup::KEEP);
    assert_eq!(list[0].written_at, 1_795_000_200 + backup::KEEP as i64 + 1);

    // No bookmarks: nothing written, nothing rotated out.
    for b in &made {
        h.store.set_bookmark(b.article_id, false).expect("remove");
    }
    assert!(backup::write(&h.store, &dir, 1_796_000_000)
        .expect("write")
        .is_none());
    assert_eq!(backup::list(&dir).expect("list").len(), backup::KEEP);

    let (_fresh_dir, fresh) = fresh_store();
    let report = backup::restore(&fresh, &dir, &list[0].name).expect("restore");
    assert_eq!(report.added, 3);
    let b = fresh
        .saved_bookmarks()
        .expect("saved")
        .into_iter()
        .find(|s| s.note.as_deref() == Some(&format!("تغيير {}", backup::KEEP + 1)))
        .expect("the newest note");
    assert_eq!(b.tags, ["اقتصاد", "للقراءة"]);
    assert!(backup::restore(&fresh, &dir, "../khabarain.sqlite3").is_err());
}
