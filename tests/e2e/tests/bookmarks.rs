//! Bookmarks in the real app: saved with a note and tags from the reading
//! view and from the list, still there after a restart, filtered by tag,
//! ordered, searched; exported to a file, removed (with undo), imported back
//! and found again; backed up by themselves; and a selected quote shared.
//! Screenshots: target/e2e/bookmarks.png, settings-bookmarks.png,
//! share-quote.png.

use khabarain_e2e::{
    click, fantoccini::Locator, js, key, screenshot_dir, wait_for, wait_title, wait_until, Driver,
    ESCAPE,
};
use khabarain_fixture_site::FixtureSite;

const LIST_READY: &str = "document.querySelectorAll('.article-row').length > 0";

fn quoted(s: &str) -> String {
    serde_json::to_string(s).expect("json")
}

async fn open_bookmarks(c: &khabarain_e2e::fantoccini::Client) {
    js(
        c,
        "document.querySelector('#category-list button[data-key=\"bookmarks\"]').click()",
    )
    .await;
    wait_until(
        c,
        "document.getElementById('list-title').textContent === 'المحفوظات' && !document.getElementById('bookmark-bar').hidden",
        10,
    )
    .await;
}

async fn titles(c: &khabarain_e2e::fantoccini::Client) -> Vec<String> {
    let v = js(
        c,
        "return [...document.querySelectorAll('.article-row .title')].map(t => t.textContent)",
    )
    .await;
    serde_json::from_value(v).expect("titles")
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and the built app; run by scripts/test.sh"]
async fn bookmark_tag_restart_filter_export_remove_import() {
    let site = FixtureSite::start(0).await.expect("fixture site");
    let corpus = site.corpus();
    let newest = corpus.newest();
    let (first, second) = (newest[0].1.title.clone(), newest[1].1.title.clone());
    // A word of the second headline that the first does not have.
    let word = second
        .split_whitespace()
        .find(|w| w.chars().count() > 4 && !first.contains(w))
        .expect("a distinct word")
        .to_string();
    let home = tempfile::tempdir().expect("tempdir");
    let exports = home.path().join("exports");
    let mut env = khabarain_e2e::app_env(home.path(), &site.base_url());
    env.push(("KHABARAIN_EXPORT_DIR", exports.display().to_string()));
    let shots = screenshot_dir();
    let note = "أعود إليه بعد الاجتماع";

    {
        let driver = Driver::start(&env, home.path());
        let c = driver.session().await;
        wait_until(
            &c,
            &format!(
                "document.getElementById('list-count').textContent === '36 خبراً' && {LIST_READY}"
            ),
            60,
        )
        .await;
        click(&c, ".article-row").await;
        wait_title(&c, &first).await;

        // b saves it; the note and tags are typed in the panel that appears.
        key(&c, "b").await;
        let note_field = wait_for(&c, "#bookmark-note", 5).await;
        note_field.send_keys(note).await.expect("note");
        let tags = wait_for(&c, "#bookmark-tags", 5).await;
        tags.send_keys("سفر، اقتصاد").await.expect("tags");
        js(&c, "document.getElementById('bookmark-tags').blur()").await;
        wait_until(
            &c,
            "(() => { const r = document.querySelector('.article-row'); const t = r && r.querySelector('.row-tags'); return t && t.textContent.includes('سفر') && t.textContent.includes('اقتصاد'); })()",
            5,
        )
        .await;

        // The second one from its row's bookmark button.
        js(
            &c,
            "document.querySelectorAll('.article-row')[1].querySelector('.row-bookmark').click()",
        )
        .await;
        wait_until(
            &c,
            "document.querySelectorAll('.article-row')[1].querySelector('.row-bookmark').dataset.on === 'true'",
            5,
        )
        .await;
        c.close().await.expect("close");
    }

    let driver = Driver::start(&env, home.path());
    let c = driver.session().await;
    wait_until(&c, LIST_READY, 30).await;
    open_bookmarks(&c).await;
    // Newest saved first; the tags are the filter.
    wait_until(
        &c,
        "document.querySelectorAll('.article-row').length === 2",
        5,
    )
    .await;
    assert_eq!(titles(&c).await, [second.clone(), first.clone()]);
    let chips = js(
        &c,
        "return [...document.querySelectorAll('#bookmark-tag-list .chip')].map(b => b.textContent)",
    )
    .await;
    assert_eq!(chips, serde_json::json!(["الكل", "اقتصاد1", "سفر1"]));
    js(
        &c,
        "[...document.querySelectorAll('#bookmark-tag-list .chip')].find(b => b.dataset.tag === 'سفر').click()",
    )
    .await;
    wait_until(
        &c,
        "document.querySelectorAll('.article-row').length === 1",
        5,
    )
    .await;
    assert_eq!(titles(&c).await, std::slice::from_ref(&first));
    js(
        &c,
        "document.querySelector('#bookmark-tag-list .chip[data-tag=\"\"]').click()",
    )
    .await;
    wait_until(
        &c,
        "document.querySelectorAll('.article-row').length === 2",
        5,
    )
    .await;
    js(
        &c,
        "const s = document.getElementById('bookmark-sort'); s.value = 'published'; s.dispatchEvent(new Event('change'));",
    )
    .await;
    wait_until(
        &c,
        &format!(
            "document.querySelector('.article-row .title').textContent === {}",
            quoted(&first)
        ),
        5,
    )
    .await;

    // A search from the bookmarks looks only among them.
    js(&c, "document.querySelector('.article-row').focus()").await;
    key(&c, "/").await;
    key(&c, &word).await;
    wait_until(
        &c,
        "document.getElementById('list-title').textContent === 'نتائج البحث في المحفوظات' && document.querySelectorAll('.article-row').length === 1",
        5,
    )
    .await;
    assert_eq!(titles(&c).await, std::slice::from_ref(&second));
    key(&c, ESCAPE).await;
    wait_until(
        &c,
        "document.querySelectorAll('.article-row').length === 2",
        5,
    )
    .await;

    // The note came back after the restart too.
    js(&c, "document.querySelector('.article-row').click()").await;
    wait_title(&c, &first).await;
    wait_until(
        &c,
        &format!(
            "document.getElementById('bookmark-note').value === {} && document.getElementById('bookmark-tags').value === 'سفر، اقتصاد'",
            quoted(note)
        ),
        5,
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    std::fs::write(
        shots.join("bookmarks.png"),
        c.screenshot().await.expect("screenshot"),
    )
    .expect("save");

    // Export both formats from the settings.
    js(&c, "document.querySelector('.article-row').focus()").await;
    key(&c, ",").await;
    wait_until(&c, "!document.getElementById('settings').hidden", 5).await;
    js(&c, "document.getElementById('export-json').click()").await;
    wait_until(
        &c,
        "document.getElementById('bookmarks-status').textContent.includes('.json')",
        5,
    )
    .await;
    js(&c, "document.getElementById('export-html').click()").await;
    wait_until(
        &c,
        "document.getElementById('bookmarks-status').textContent.includes('.html')",
        5,
    )
    .await;
    let files: Vec<_> = std::fs::read_dir(&exports)
        .expect("exports")
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(files.len(), 2, "{files:?}");
    let json_file = files
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .expect("json export")
        .clone();
    let html = std::fs::read_to_string(
        files
            .iter()
            .find(|p| p.extension().is_some_and(|e| e == "html"))
            .expect("html export"),
    )
    .expect("html");
    assert!(html.contains(&first) && html.contains("TAGS=\"سفر,اقتصاد\""));
    key(&c, ESCAPE).await;
    wait_until(&c, "document.getElementById('settings').hidden", 5).await;

    // Removed from the reading view, put back from the message: whole.
    js(&c, "document.getElementById('bookmark-btn').click()").await;
    wait_until(
        &c,
        "document.querySelectorAll('.article-row').length === 1 && !document.getElementById('bookmark-panel')",
        5,
    )
    .await;
    wait_for(&c, "#toast-action", 5)
        .await
        .click()
        .await
        .expect("undo");
    wait_until(
        &c,
        &format!(
            "document.querySelectorAll('.article-row').length === 2 && document.getElementById('bookmark-note') && document.getElementById('bookmark-note').value === {}",
            quoted(note)
        ),
        5,
    )
    .await;

    // Removed for good, then imported from the file: found again, whole.
    js(&c, "document.getElementById('bookmark-btn').click()").await;
    wait_until(
        &c,
        "document.querySelectorAll('.article-row').length === 1",
        5,
    )
    .await;
    key(&c, ",").await;
    wait_until(&c, "!document.getElementById('settings').hidden", 5).await;
    c.find(Locator::Id("import-file"))
        .await
        .expect("file input")
        .send_keys(&json_file.display().to_string())
        .await
        .expect("choose file");
    wait_until(
        &c,
        "document.getElementById('bookmarks-status').textContent === 'استُورد خبر واحد، ودُمج 1'",
        10,
    )
    .await;
    js(
        &c,
        "document.getElementById('set-bookmarks').scrollIntoView()",
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    std::fs::write(
        shots.join("settings-bookmarks.png"),
        c.screenshot().await.expect("screenshot"),
    )
    .expect("save");
    key(&c, ESCAPE).await;
    wait_until(
        &c,
        "document.querySelectorAll('.article-row').length === 2",
        5,
    )
    .await;
    js(
        &c,
        "[...document.querySelectorAll('#bookmark-tag-list .chip')].find(b => b.dataset.tag === 'سفر').click()",
    )
    .await;
    wait_until(
        &c,
        "document.querySelectorAll('.article-row').length === 1",
        5,
    )
    .await;
    js(&c, "document.querySelector('.article-row').click()").await;
    wait_title(&c, &first).await;
    wait_until(
        &c,
        &format!(
            "document.getElementById('bookmark-note').value === {}",
            quoted(note)
        ),
        5,
    )
    .await;

    // The app backed the bookmarks up by itself.
    js(
        &c,
        "window.__TAURI__.core.invoke('backups').then(b => window.__khabarainBackups = b.length)",
    )
    .await;
    wait_until(&c, "window.__khabarainBackups > 0", 5).await;

    // A selection in the body is shared as a quote with the headline.
    js(
        &c,
        "document.querySelector('#article .body p').scrollIntoView({ block: 'center' })",
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    js(
        &c,
        "const p = document.querySelector('#article .body p'); \
         const r = document.createRange(); r.selectNodeContents(p); \
         const s = window.getSelection(); s.removeAllRanges(); s.addRange(r); \
         document.getElementById('article').dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));",
    )
    .await;
    wait_until(&c, "!document.getElementById('selection-tools').hidden", 5).await;
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    std::fs::write(
        shots.join("share-quote.png"),
        c.screenshot().await.expect("screenshot"),
    )
    .expect("save");
    js(&c, "document.getElementById('quote-btn').click()").await;
    wait_until(
        &c,
        "!document.getElementById('share-menu').hidden && document.querySelector('#share-menu .menu-heading').textContent === 'مشاركة الاقتباس' && document.querySelector('[data-share=copy-quote]') !== null",
        5,
    )
    .await;
    js(
        &c,
        "document.querySelector('[data-share=copy-quote]').click()",
    )
    .await;
    wait_until(
        &c,
        "document.getElementById('toast').textContent === 'تم النسخ'",
        5,
    )
    .await;
    c.close().await.expect("close");
}
