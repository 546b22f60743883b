//! The real app, end to end: it syncs from the fixture site, opens an
//! article, shows its Arabic title right-to-left with its cached picture,
//! bookmarks it, and after a restart the bookmark is still there; with the
//! site gone, a sync says so and the article is still readable.
//!
//! Ignored by a plain `cargo test`: it needs an X display, tauri-driver and
//! the built app. `scripts/test.sh` runs it under xvfb-run with `--ignored`.

use khabarain_e2e::{click, fantoccini::Locator, screenshot_dir, wait_for, wait_until, Driver};
use khabarain_fixture_site::FixtureSite;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and the built app; run by scripts/test.sh"]
async fn sync_read_bookmark_restart_and_read_offline() {
    let site = FixtureSite::start(0).await.expect("fixture site");
    let newest_title = site.corpus().newest()[0].1.title.clone();
    // The fixture puts an inline picture in every fourth article, from the second.
    let pictured_title = site.corpus().articles[1].title.clone();
    let home = tempfile::tempdir().expect("tempdir");
    let env = khabarain_e2e::app_env(home.path(), &site.base_url());
    let shots = screenshot_dir();

    // First launch: the app syncs by itself on start.
    {
        let driver = Driver::start(&env, home.path());
        let c = driver.session().await;
        let dir = c
            .execute("return document.documentElement.dir", vec![])
            .await
            .expect("dir");
        assert_eq!(dir, "rtl");
        let lang = c
            .execute("return document.documentElement.lang", vec![])
            .await
            .expect("lang");
        assert_eq!(lang, "ar");
        assert_eq!(c.title().await.expect("title"), "قارئ خبرين");

        wait_until(
            &c,
            "document.getElementById('list-count').textContent === '36 خبراً' && document.querySelectorAll('.article-row').length > 0",
            60,
        )
        .await;
        let status = wait_until(&c, "document.getElementById('sync-status').textContent", 30).await;
        assert_eq!(status, "تمت المزامنة: 36 خبراً جديداً");
        // Each source says when it last synced; no cancel button once done.
        let states = wait_until(
            &c,
            "[...document.querySelectorAll('#source-list .source-state')].map(s => s.textContent)",
            10,
        )
        .await;
        let states = states.as_array().expect("array").clone();
        assert_eq!(states.len(), 9);
        assert!(
            states
                .iter()
                .all(|s| s.as_str().is_some_and(|s| s.starts_with("آخر تحديث"))),
            "{states:?}"
        );
        let cancel_hidden = c
            .execute(
                "return document.getElementById('sync-cancel').hidden",
                vec![],
            )
            .await
            .expect("cancel");
        assert_eq!(cancel_hidden, true);
        let categories = c
            .execute(
                "return [...document.querySelectorAll('#category-list button')].map(b => b.dataset.title)",
                vec![],
            )
            .await
            .expect("categories");
        assert_eq!(
            categories,
            serde_json::json!([
                "الرئيسية",
                "أخبار",
                "سياسة",
                "أعمال",
                "رياضة",
                "العالم",
                "تكنولوجيا",
                "اقتصاد",
                "صحة",
                "تسلية",
                "غير مقروء",
                "المحفوظات"
            ])
        );

        // Only the rows in view (and a few around them) are drawn; scrolling
        // to the end draws the last one.
        let drawn = c
            .execute(
                "return document.querySelectorAll('.article-row').length",
                vec![],
            )
            .await
            .expect("rows");
        assert!(
            drawn.as_u64().is_some_and(|n| n > 5 && n < 36),
            "{drawn} rows drawn"
        );
        c.execute(
            "const p = document.querySelector('.pane.list'); p.scrollTop = p.scrollHeight;",
            vec![],
        )
        .await
        .expect("scroll");
        wait_until(
            &c,
            "document.querySelector('.article-row[aria-posinset=\"36\"]') !== null",
            5,
        )
        .await;
        c.execute("document.querySelector('.pane.list').scrollTop = 0", vec![])
            .await
            .expect("scroll back");
        wait_until(
            &c,
            "document.querySelector('.article-row[aria-posinset=\"1\"]') !== null",
            5,
        )
        .await;

        // Thumbnails of the rows in view load from the app's image scheme.
        wait_until(
            &c,
            "[...document.querySelectorAll('.article-row')].slice(0, 6).every(r => { \
             const i = r.querySelector('img.thumb'); return i && i.complete && i.naturalWidth > 0; })",
            15,
        )
        .await;

        click(&c, ".article-row").await;
        let title = wait_for(&c, "#article-title", 10).await;
        assert_eq!(title.text().await.expect("text"), newest_title);
        // The cached lead image is shown, served by the app's own scheme.
        let loaded = wait_until(
            &c,
            "(() => { const i = document.querySelector('#article figure img'); return i && i.complete && i.naturalWidth > 0 && i.src; })()",
            10,
        )
        .await;
        assert!(
            loaded.as_str().is_some_and(|s| s.starts_with("kimg://")),
            "{loaded}"
        );
        let parts = c
            .execute(
                "return [!!document.querySelector('#article .original-title[dir=ltr]'), \
                 document.querySelectorAll('#article .body h2').length, \
                 document.querySelectorAll('#article .see-also a').length, \
                 document.querySelectorAll('#article .related .card').length]",
                vec![],
            )
            .await
            .expect("parts");
        assert_eq!(parts[0], true, "original English headline, left to right");
        assert!(parts[1].as_u64() >= Some(1), "subheadings: {parts}");
        assert!(parts[2].as_u64() >= Some(1), "see-also links: {parts}");
        assert!(parts[3].as_u64() >= Some(2), "related cards: {parts}");

        let bookmark = c
            .find(Locator::Id("bookmark-btn"))
            .await
            .expect("bookmark button");
        bookmark.click().await.expect("click");
        wait_until(
            &c,
            "document.getElementById('bookmark-btn').getAttribute('aria-pressed') === 'true'",
            5,
        )
        .await;

        // The share menu offers copy link and the networks.
        c.find(Locator::Id("share-btn"))
            .await
            .expect("share")
            .click()
            .await
            .expect("click");
        let items = wait_until(&c, "[...document.querySelectorAll('#share-menu [data-share]')].map(b => b.dataset.share).join(',')", 5).await;
        assert_eq!(
            items,
            "copy-link,copy-title-link,whatsapp,telegram,x,facebook,linkedin,email"
        );
        click(&c, "[data-share=copy-link]").await;
        wait_until(
            &c,
            "document.getElementById('toast').textContent === 'تم النسخ'",
            5,
        )
        .await;

        let png = c.screenshot().await.expect("screenshot");
        std::fs::write(shots.join("reader.png"), png).expect("save screenshot");

        // An inline picture shows its cached copy inside the body. The
        // article is in the news category (the list draws only rows in view).
        c.execute(
            "document.querySelector('#category-list button[data-key=\"cat:news\"]').click()",
            vec![],
        )
        .await
        .expect("news");
        wait_until(
            &c,
            "document.getElementById('list-count').textContent === '4 أخبار'",
            10,
        )
        .await;
        // The rows arrive a moment after the count: click the row once it is drawn.
        let open = format!(
            "(() => {{ const r = [...document.querySelectorAll('.article-row')].find(r => r.querySelector('.title').textContent === {}); if (r) r.click(); return !!r; }})()",
            serde_json::to_string(&pictured_title).expect("json")
        );
        wait_until(&c, &open, 10).await;
        wait_until(
            &c,
            "(() => { const i = document.querySelector('#article .body figure img'); \
             return i && i.complete && i.naturalWidth > 0 && i.src.startsWith('kimg://'); })()",
            10,
        )
        .await;
        c.execute(
            "document.querySelector('#article .body figure').scrollIntoView()",
            vec![],
        )
        .await
        .expect("scroll");
        let png = c.screenshot().await.expect("screenshot");
        std::fs::write(shots.join("inline-picture.png"), png).expect("save screenshot");
        c.close().await.expect("close session");
    }

    // The site goes away; the app starts again on the same database.
    site.stop().await;
    {
        let driver = Driver::start(&env, home.path());
        let c = driver.session().await;
        let status = wait_until(&c, "document.getElementById('sync-status').textContent", 60).await;
        assert_eq!(
            status,
            "تعذّر الوصول إلى الموقع. الأخبار المحفوظة متاحة للقراءة دون اتصال."
        );
        let failed = wait_until(
            &c,
            "document.querySelectorAll('#source-list li.failed').length === 9 && \
             document.querySelector('#source-list li.failed .source-state').textContent",
            10,
        )
        .await;
        assert!(
            failed
                .as_str()
                .is_some_and(|s| s.starts_with("تعذّر التحديث (آخر نجاح")),
            "{failed}"
        );
        wait_for(&c, "#category-list button[data-key=bookmarks]", 10)
            .await
            .click()
            .await
            .expect("bookmarks");
        wait_until(
            &c,
            "document.getElementById('list-title').textContent === 'المحفوظات'",
            5,
        )
        .await;
        let rows = wait_until(
            &c,
            "[...document.querySelectorAll('.article-row .title')].map(t => t.textContent)",
            10,
        )
        .await;
        assert_eq!(
            rows,
            serde_json::json!([newest_title]),
            "the bookmark survived the restart"
        );
        click(&c, ".article-row").await;
        let title = wait_for(&c, "#article-title", 10).await;
        assert_eq!(title.text().await.expect("text"), newest_title);
        wait_until(
            &c,
            "document.getElementById('bookmark-btn').getAttribute('aria-pressed') === 'true'",
            5,
        )
        .await;
        wait_until(
            &c,
            "(() => { const i = document.querySelector('#article figure img'); return i && i.complete && i.naturalWidth > 0; })()",
            10,
        )
        .await;
        let png = c.screenshot().await.expect("screenshot");
        std::fs::write(shots.join("offline-bookmarks.png"), png).expect("save screenshot");
        c.close().await.expect("close session");
    }
}
