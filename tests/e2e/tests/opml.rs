//! Sources in and out of the real app as OPML: a file from another reader
//! picked in the settings adds its feed into the folder's section (a page
//! naming a known feed adds nothing, an empty answer is refused), and the
//! export reads back with the section. Screenshot:
//! target/e2e/sources-opml.png.

use khabarain_core::store::Store;
use khabarain_e2e::{fantoccini::Locator, js, screenshot_dir, wait_until, Driver};
use khabarain_fixture_site::FixtureSite;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and the built app; run by scripts/test.sh"]
async fn an_opml_file_is_imported_and_the_sources_exported() {
    let site = FixtureSite::start(0).await.expect("fixture site");
    let base = site.base_url();
    let home = tempfile::tempdir().expect("tempdir");
    let exports = home.path().join("exports");
    let mut env = khabarain_e2e::app_env(home.path(), &base);
    env.push(("KHABARAIN_EXPORT_DIR", exports.display().to_string()));
    let wire_feed = format!("{base}wire/5/2/10/feed/0/");
    let file = home.path().join("from-another-reader.opml");
    std::fs::write(
        &file,
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>اشتراكاتي</title></head><body>
  <outline text="العالم"><outline type="rss" text="وكالة" xmlUrl="{wire_feed}"/></outline>
  <outline type="rss" text="صفحة" xmlUrl="{base}hostile/not-a-feed.html"/>
  <outline type="rss" text="فارغ" xmlUrl="{base}hostile/empty"/>
</body></opml>"#
        ),
    )
    .expect("opml file");

    let driver = Driver::start(&env, home.path());
    let c = driver.session().await;
    wait_until(
        &c,
        "document.querySelectorAll('.article-row').length > 0",
        60,
    )
    .await;
    wait_until(&c, "!document.getElementById('sync-btn').disabled", 30).await;
    js(&c, "document.getElementById('settings-btn').click()").await;
    wait_until(&c, "!document.getElementById('settings').hidden", 5).await;

    c.find(Locator::Id("import-opml"))
        .await
        .expect("file input")
        .send_keys(&file.display().to_string())
        .await
        .expect("choose file");
    let status = "document.getElementById('sources-status')";
    wait_until(
        &c,
        &format!("{status}.textContent.startsWith('أُضيف مصدر واحد') && {status}.textContent.includes('لا خلاصة فيها')"),
        20,
    )
    .await;
    let row = format!(
        "[...document.querySelectorAll('#source-list li')].find(li => li.querySelector('.source-name').title === '{wire_feed}')"
    );
    // Named by the file until its feed names itself.
    wait_until(
        &c,
        &format!("{row} && {row}.querySelector('.source-name').textContent === 'وكالة'"),
        5,
    )
    .await;

    js(&c, "document.getElementById('export-opml').click()").await;
    wait_until(
        &c,
        &format!("{status}.textContent.startsWith('صُدّرت المصادر إلى')"),
        10,
    )
    .await;
    js(
        &c,
        "document.getElementById('set-sources').scrollIntoView()",
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    std::fs::write(
        screenshot_dir().join("sources-opml.png"),
        c.screenshot().await.expect("screenshot"),
    )
    .expect("save");
    c.close().await.expect("close");

    let exported = std::fs::read_dir(&exports)
        .expect("exports")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|e| e == "opml"))
        .expect("an .opml file");
    let feeds = khabarain_core::opml::parse(&std::fs::read_to_string(exported).expect("read"))
        .expect("the export is OPML");
    let wire = feeds
        .iter()
        .find(|f| f.url == wire_feed)
        .expect("the imported feed");
    assert_eq!(wire.section.as_deref(), Some("العالم"));
    let store = Store::open(&home.path().join("khabarain.sqlite3")).expect("db");
    let sources = store.sources().expect("sources");
    assert_eq!(sources.len(), feeds.len(), "every source exported");
    assert!(!sources.iter().any(|s| s.url.contains("/hostile/")));
}
