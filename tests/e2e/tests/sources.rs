//! A source that turns out to be a page, not a feed: the settings say so
//! in words (not a parser's message) and offer to find the page's own
//! feed, which replaces it. Screenshot: target/e2e/sources-not-a-feed.png.

use khabarain_core::store::Store;
use khabarain_e2e::{js, screenshot_dir, wait_until, Driver};
use khabarain_fixture_site::FixtureSite;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and the built app; run by scripts/test.sh"]
async fn a_page_given_as_a_feed_is_named_and_its_feed_found() {
    let site = FixtureSite::start(0).await.expect("fixture site");
    let home = tempfile::tempdir().expect("tempdir");
    let env = khabarain_e2e::app_env(home.path(), &site.base_url());
    let page = format!("{}hostile/not-a-feed.html", site.base_url());
    {
        // As a source added from the command line, or a site's feed that
        // became a page.
        let store = Store::open(&home.path().join("khabarain.sqlite3")).expect("db");
        store.ensure_source(&page, None).expect("source");
    }
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
    let row = "[...document.querySelectorAll('#source-list li')].find(li => li.querySelector('.source-name').title.endsWith('not-a-feed.html'))";
    wait_until(
        &c,
        &format!("{row} && {row}.querySelector('.source-state').textContent === 'هذا العنوان صفحة لا خلاصة أخبار'"),
        10,
    )
    .await;
    js(&c, &format!("{row}.scrollIntoView()")).await;
    std::fs::write(
        screenshot_dir().join("sources-not-a-feed.png"),
        c.screenshot().await.expect("screenshot"),
    )
    .expect("save");
    js(&c, &format!("{row}.querySelector('.link-button').click()")).await;
    // The page names the site's news feed, which is a source already: the
    // page's row goes, the feed stays.
    wait_until(
        &c,
        &format!("!{row} && document.getElementById('sources-status').textContent.startsWith('أُضيف المصدر')"),
        10,
    )
    .await;
    c.close().await.expect("close");
    let store = Store::open(&home.path().join("khabarain.sqlite3")).expect("db");
    let urls: Vec<String> = store
        .sources()
        .expect("sources")
        .into_iter()
        .map(|s| s.url)
        .collect();
    assert!(!urls.contains(&page), "{urls:?}");
    assert!(urls.contains(&format!("{}category/news/feed/", site.base_url())));
}
