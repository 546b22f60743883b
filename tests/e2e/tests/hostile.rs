//! The webview boundary in the real app: a page built to run script, load
//! remote pictures, frames, forms and styles is synced and opened, and
//! nothing it carries runs or reaches the network; its text is readable.
//! Screenshot: target/e2e/hostile.png.

use khabarain_e2e::{js, key, screenshot_dir, wait_for, wait_until, Driver};
use khabarain_fixture_site::FixtureSite;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and the built app; run by scripts/test.sh"]
async fn a_hostile_page_runs_nothing_and_calls_nowhere() {
    let site = FixtureSite::start(0).await.expect("fixture site");
    let home = tempfile::tempdir().expect("tempdir");
    let env = khabarain_e2e::app_env(home.path(), &site.base_url());
    let driver = Driver::start(&env, home.path());
    let c = driver.session().await;
    wait_until(
        &c,
        "document.querySelectorAll('.article-row').length > 0",
        60,
    )
    .await;

    // The hostile feed, added by its address, then synced.
    js(&c, "document.getElementById('settings-btn').click()").await;
    wait_for(&c, "#add-source-input", 5)
        .await
        .send_keys(&format!("{}hostile/scripts.xml", site.base_url()))
        .await
        .expect("type");
    js(
        &c,
        "document.querySelector('#add-source button[type=submit]').click()",
    )
    .await;
    wait_until(
        &c,
        "document.getElementById('sources-status').textContent.startsWith('أُضيف المصدر')",
        10,
    )
    .await;
    key(&c, "\u{E00C}").await;
    js(&c, "document.getElementById('sync-btn').click()").await;
    wait_until(
        &c,
        "[...document.querySelectorAll('.article-row .title')].some(t => t.textContent.startsWith('صفحة عدائية'))",
        30,
    )
    .await;
    wait_until(&c, "!document.getElementById('sync-btn').disabled", 30).await;

    // From here on the site must hear nothing from the window.
    site.clear_requests();
    js(
        &c,
        "[...document.querySelectorAll('.article-row')].find(r => r.querySelector('.title').textContent.startsWith('صفحة عدائية')).click()",
    )
    .await;
    wait_until(
        &c,
        "document.getElementById('article-title') && document.getElementById('article-title').textContent.startsWith('صفحة عدائية') && document.querySelector('#article .body').textContent.includes('فقرة أخيرة سليمة')",
        10,
    )
    .await;
    // Click what is left of the links and the paragraph that had a handler.
    js(
        &c,
        "document.querySelectorAll('#article .body p, #article .body a').forEach(e => e.dispatchEvent(new MouseEvent('mouseover', { bubbles: true })));",
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let state = js(
        &c,
        "return { pwned: window.__pwned === undefined ? null : window.__pwned, \
                  scripts: document.querySelectorAll('#article script').length, \
                  frames: document.querySelectorAll('#article iframe, #article object, #article embed, #article form').length, \
                  handlers: [...document.querySelectorAll('#article *')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length, \
                  styled: document.querySelectorAll('#article [style]').length, \
                  links: [...document.querySelectorAll('#article a[href]')].map(a => a.getAttribute('href')).filter(h => !/^https?:/.test(h)) }",
    )
    .await;
    assert_eq!(
        state,
        serde_json::json!({"pwned": null, "scripts": 0, "frames": 0, "handlers": 0, "styled": 0, "links": []}),
    );
    std::fs::write(
        screenshot_dir().join("hostile.png"),
        c.screenshot().await.expect("screenshot"),
    )
    .expect("save");
    let heard: Vec<String> = site.requests().into_iter().map(|r| r.path).collect();
    assert!(
        heard.is_empty(),
        "the window reached the network: {heard:?}"
    );
    c.close().await.expect("close");
}
