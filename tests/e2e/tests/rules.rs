//! Reading rules in the real app (issue 30): a word selected in an article
//! muted from the menu on the selection, the editor's count and headlines as
//! it opens, the list and its count shrinking by exactly what the rule
//! caught, the hidden view in the navigation with its count, a hidden story
//! shown again (and the undo of that), the rule in the settings, removed,
//! and everything back; then a search saved from its bar, a section of the
//! navigation with its unread count. In Arabic and in English.
//! Screenshots: target/e2e/rule-editor.png, hidden-view.png,
//! settings-rules.png, rule-editor-en.png, settings-rules-en.png,
//! saved-search-en.png, saved-search.png.

use khabarain_e2e::{click, js, screenshot_dir, wait_title, wait_until, Driver};
use khabarain_fixture_site::FixtureSite;

const LIST_READY: &str = "document.querySelectorAll('.article-row').length > 0";

async fn count(c: &khabarain_e2e::fantoccini::Client, args: &str) -> i64 {
    js(
        c,
        &format!(
            "window.__khabarainCount = null; window.__TAURI__.core.invoke('count_articles', {{ args: {args} }}).then(n => window.__khabarainCount = n)"
        ),
    )
    .await;
    wait_until(c, "window.__khabarainCount !== null", 5).await;
    js(c, "return window.__khabarainCount")
        .await
        .as_i64()
        .expect("a count")
}

async fn shot(c: &khabarain_e2e::fantoccini::Client, name: &str) {
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    std::fs::write(
        screenshot_dir().join(name),
        c.screenshot().await.expect("screenshot"),
    )
    .expect("save");
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and the built app; run by scripts/test.sh"]
async fn a_word_selected_in_an_article_is_muted_and_shown_again() {
    let site = FixtureSite::start(0).await.expect("fixture site");
    let corpus = site.corpus();
    let newest = corpus.newest();
    let first = newest[0].1.title.clone();
    // A word of the newest headline that other headlines use too.
    let word = first
        .split_whitespace()
        .filter(|w| {
            w.chars().count() > 3 && w.chars().all(|ch| ('\u{621}'..='\u{64a}').contains(&ch))
        })
        .max_by_key(|w| newest.iter().filter(|(_, a)| a.title.contains(*w)).count())
        .expect("a word")
        .to_string();
    let home = tempfile::tempdir().expect("tempdir");
    let exports = home.path().join("exports");
    let mut env = khabarain_e2e::app_env(home.path(), &site.base_url());
    env.push(("KHABARAIN_EXPORT_DIR", exports.display().to_string()));
    let driver = Driver::start(&env, home.path());
    let c = driver.session().await;
    wait_until(
        &c,
        &format!("document.getElementById('list-count').textContent === '36 خبراً' && {LIST_READY}"),
        60,
    )
    .await;
    let all = count(&c, "{}").await;
    click(&c, ".article-row").await;
    wait_title(&c, &first).await;

    // The word selected in the headline, as a reader's mouse would.
    js(
        &c,
        &format!(
            "const h = document.getElementById('article-title'); const node = h.firstChild; \
             const i = node.textContent.indexOf({w}); const r = document.createRange(); \
             r.setStart(node, i); r.setEnd(node, i + {w}.length); \
             const s = window.getSelection(); s.removeAllRanges(); s.addRange(r); \
             document.getElementById('article').dispatchEvent(new MouseEvent('mouseup', {{ bubbles: true }}));",
            w = serde_json::to_string(&word).expect("json")
        ),
    )
    .await;
    wait_until(&c, "!document.getElementById('selection-tools').hidden", 5).await;
    js(&c, "document.getElementById('mute-btn').click()").await;
    wait_until(
        &c,
        &format!(
            "!document.getElementById('rule-editor').hidden && document.getElementById('rule-words').value === {} \
             && document.getElementById('rule-count').textContent.startsWith('تطابق') \
             && document.querySelectorAll('#rule-first li').length > 0",
            serde_json::to_string(&word).expect("json")
        ),
        10,
    )
    .await;
    assert_eq!(
        js(&c, "return document.activeElement.id").await,
        "rule-words",
        "the editor takes the focus"
    );
    shot(&c, "rule-editor.png").await;
    js(&c, "document.getElementById('rule-save').click()").await;
    wait_until(
        &c,
        "document.getElementById('rule-editor').hidden && document.getElementById('toast').textContent.startsWith('أُخفي')",
        10,
    )
    .await;
    let hidden = count(&c, "{ hidden: true }").await;
    assert!(hidden >= 2, "the word is in several headlines: {hidden}");
    assert_eq!(count(&c, "{}").await, all - hidden);
    // The list says so, and the navigation gains the hidden view with its count.
    wait_until(
        &c,
        &format!(
            "document.getElementById('list-count').textContent.startsWith('{} ') && \
             document.querySelector('#category-list button[data-key=hidden] .count')?.textContent === '{hidden}'",
            all - hidden
        ),
        10,
    )
    .await;

    // The hidden view: its stories, each with the rule, one shown again.
    js(
        &c,
        "document.querySelector('#category-list button[data-key=hidden]').click()",
    )
    .await;
    wait_until(
        &c,
        &format!(
            "document.getElementById('list-title').textContent === 'المخفية' && document.querySelectorAll('.article-row').length === {hidden}"
        ),
        10,
    )
    .await;
    click(&c, ".article-row").await;
    wait_until(
        &c,
        &format!(
            "document.querySelector('#reader .hidden-note bdi')?.textContent === '«' + {} + '»'",
            serde_json::to_string(&word).expect("json")
        ),
        10,
    )
    .await;
    shot(&c, "hidden-view.png").await;
    js(&c, "document.getElementById('show-again').click()").await;
    wait_until(
        &c,
        &format!(
            "document.getElementById('toast').textContent.startsWith('عاد الخبر') && document.querySelectorAll('.article-row').length === {}",
            hidden - 1
        ),
        10,
    )
    .await;
    assert_eq!(count(&c, "{}").await, all - hidden + 1);
    // Its undo hides it again.
    js(&c, "document.getElementById('toast-action').click()").await;
    wait_until(
        &c,
        &format!("document.querySelectorAll('.article-row').length === {hidden}"),
        10,
    )
    .await;

    // The rule in the settings, with its count; removed, all is back.
    js(&c, "document.getElementById('settings-btn').click()").await;
    wait_until(
        &c,
        &format!(
            "document.querySelector('#rule-list li .source-name')?.textContent === {}",
            serde_json::to_string(&word).expect("json")
        ),
        10,
    )
    .await;
    js(
        &c,
        "document.getElementById('set-rules').scrollIntoView({ block: 'start' })",
    )
    .await;
    shot(&c, "settings-rules.png").await;
    // Changed to the headline only: applied anew, and its undo puts it back.
    js(
        &c,
        "document.querySelector('#rule-list li .row-actions button').click()",
    )
    .await;
    wait_until(
        &c,
        &format!(
            "!document.getElementById('rule-editor').hidden && document.getElementById('rule-words').value === {}",
            serde_json::to_string(&word).expect("json")
        ),
        10,
    )
    .await;
    js(
        &c,
        "const f = document.getElementById('rule-field'); f.value = 'title'; f.dispatchEvent(new Event('change'));",
    )
    .await;
    wait_until(
        &c,
        "document.getElementById('rule-count').textContent.startsWith('تطابق')",
        10,
    )
    .await;
    js(&c, "document.getElementById('rule-save').click()").await;
    wait_until(&c, "document.getElementById('rule-editor').hidden", 10).await;
    let in_titles = count(&c, "{ hidden: true }").await;
    assert!(
        in_titles >= 1 && in_titles < hidden,
        "{in_titles} of {hidden}"
    );
    js(&c, "document.getElementById('toast-action').click()").await;
    wait_until(
        &c,
        &format!("document.querySelectorAll('.article-row').length === {hidden}"),
        10,
    )
    .await;
    js(&c, "document.getElementById('settings-btn').click()").await;
    wait_until(
        &c,
        "document.querySelector('#rule-list li .source-state')?.textContent.startsWith('إخفاء')",
        10,
    )
    .await;

    // Exported beside the bookmarks' exports, the rule in it.
    js(&c, "document.getElementById('rules-export').click()").await;
    wait_until(
        &c,
        "document.getElementById('rules-status').textContent.startsWith('صُدّرت القواعد')",
        10,
    )
    .await;
    let file = std::fs::read_dir(&exports)
        .expect("exports")
        .filter_map(|e| e.ok())
        .find(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("khabarain-rules-")
        })
        .expect("the rules file");
    let text = std::fs::read_to_string(file.path()).expect("read");
    assert!(text.contains(&word) && text.contains("\"hide\""), "{text}");

    // The same in English.
    js(
        &c,
        "const l = document.getElementById('language-select'); l.value = 'en'; l.dispatchEvent(new Event('change'));",
    )
    .await;
    wait_until(&c, "document.documentElement.dir === 'ltr'", 5).await;
    js(&c, "document.getElementById('settings-close').click(); document.getElementById('settings-btn').click()").await;
    wait_until(
        &c,
        "document.querySelector('#rule-list li .source-state')?.textContent.startsWith('Hide')",
        10,
    )
    .await;
    js(
        &c,
        "document.getElementById('set-rules').scrollIntoView({ block: 'start' })",
    )
    .await;
    shot(&c, "settings-rules-en.png").await;
    js(&c, "document.getElementById('rule-add').click()").await;
    js(
        &c,
        &format!(
            "const w = document.getElementById('rule-words'); w.value = {}; w.dispatchEvent(new Event('input'));",
            serde_json::to_string(&word).expect("json")
        ),
    )
    .await;
    wait_until(
        &c,
        "document.getElementById('rule-count').textContent.startsWith('Matches')",
        10,
    )
    .await;
    shot(&c, "rule-editor-en.png").await;
    js(&c, "document.getElementById('rule-cancel').click()").await;

    js(&c, "document.getElementById('settings-btn').click()").await;
    wait_until(
        &c,
        "document.querySelector('#rule-list li button') !== null",
        10,
    )
    .await;
    js(
        &c,
        "document.querySelector('#rule-list li .row-actions button:last-child').click()",
    )
    .await;
    wait_until(
        &c,
        "document.querySelector('#category-list button[data-key=hidden]') === null",
        10,
    )
    .await;
    assert_eq!(count(&c, "{}").await, all);
    assert_eq!(count(&c, "{ hidden: true }").await, 0);

    // A search saved from its bar is a section with its unread count.
    js(&c, "document.getElementById('settings-close').click()").await;
    let w = serde_json::to_string(&word).expect("json");
    let unread = count(&c, &format!("{{ query: {w} + ' ', unread: true }}")).await;
    let found = count(&c, &format!("{{ query: {w} + ' ' }}")).await;
    assert!(unread >= 1 && found >= unread, "{unread} of {found}");
    js(
        &c,
        &format!(
            "const i = document.getElementById('search-input'); i.value = {w}; i.dispatchEvent(new Event('input'));"
        ),
    )
    .await;
    wait_until(&c, "!document.getElementById('search-bar').hidden", 10).await;
    js(&c, "document.getElementById('search-save').click()").await;
    let saved = "document.querySelector('#category-list button.saved-search')";
    wait_until(
        &c,
        &format!("{saved}?.querySelector('.count')?.textContent === '{unread}'"),
        10,
    )
    .await;
    js(&c, &format!("{saved}.click()")).await;
    wait_until(
        &c,
        &format!(
            "document.getElementById('list-title').textContent === {w} && document.querySelectorAll('.article-row').length === {found}"
        ),
        10,
    )
    .await;
    shot(&c, "saved-search-en.png").await;
    js(
        &c,
        "document.getElementById('settings-btn').click(); const l = document.getElementById('language-select'); l.value = 'ar'; l.dispatchEvent(new Event('change')); document.getElementById('settings-close').click();",
    )
    .await;
    wait_until(&c, "document.documentElement.dir === 'rtl'", 5).await;
    shot(&c, "saved-search.png").await;
    c.close().await.expect("close");
}
