//! Search in the real app: a query typed with diacritics finds the articles
//! written without them, each with its matches marked in the printed text;
//! the bar narrows the results by section; Arabic-Indic digits find Latin
//! ones, and a number found in any printing (١٢٠٠٠ finds 12,000).
//! Screenshots: target/e2e/search.png, search-number.png.

use khabarain_e2e::{js, key, screenshot_dir, wait_until, Driver};
use khabarain_fixture_site::FixtureSite;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and the built app; run by scripts/test.sh"]
async fn a_diacritised_query_finds_and_marks_the_plain_spelling() {
    let site = FixtureSite::start(0).await.expect("fixture site");
    let home = tempfile::tempdir().expect("tempdir");
    let env = khabarain_e2e::app_env(home.path(), &site.base_url());
    let driver = Driver::start(&env, home.path());
    let c = driver.session().await;
    wait_until(
        &c,
        "document.getElementById('list-count').textContent === '36 خبراً' && document.querySelectorAll('.article-row').length > 0",
        60,
    )
    .await;
    js(&c, "document.querySelector('.article-row').focus()").await;
    key(&c, "/").await;
    key(&c, "أُوكْرَانِيَا").await;
    wait_until(
        &c,
        "document.getElementById('list-title').textContent === 'نتائج البحث' && \
         document.getElementById('list-count').textContent === '4 أخبار' && \
         document.querySelectorAll('.article-row.result').length === 4 && \
         !document.getElementById('search-bar').hidden",
        10,
    )
    .await;
    // Every result shows what matched, in the site's own spelling.
    let marks = js(
        &c,
        "return [...document.querySelectorAll('.article-row.result')].map(r => [...r.querySelectorAll('mark')].map(m => m.textContent))",
    )
    .await;
    let marks: Vec<Vec<String>> = serde_json::from_value(marks).expect("marks");
    assert!(marks.iter().all(|m| !m.is_empty()), "{marks:?}");
    assert!(
        marks.iter().flatten().any(|m| m.contains("أوكرانيا")),
        "{marks:?}"
    );
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    std::fs::write(
        screenshot_dir().join("search.png"),
        c.screenshot().await.expect("screenshot"),
    )
    .expect("save");

    // Narrowed to one section.
    js(
        &c,
        "const s = document.getElementById('search-category'); s.value = 'politics'; s.dispatchEvent(new Event('change'));",
    )
    .await;
    wait_until(
        &c,
        "document.querySelectorAll('.article-row.result').length === 1 && document.getElementById('list-count').textContent === 'خبر واحد'",
        5,
    )
    .await;

    // Arabic-Indic digits find the Latin ones.
    js(
        &c,
        "const i = document.getElementById('search-input'); i.value = '٢٠٢٧'; i.dispatchEvent(new Event('input')); \
         const s = document.getElementById('search-category'); s.value = ''; s.dispatchEvent(new Event('change'));",
    )
    .await;
    wait_until(
        &c,
        "[...document.querySelectorAll('.article-row.result mark')].some(m => m.textContent === '2027')",
        5,
    )
    .await;

    // A number in any printing finds it as the site printed it, marked whole.
    js(
        &c,
        "const i = document.getElementById('search-input'); i.value = '١٢٠٠٠ '; i.dispatchEvent(new Event('input'));",
    )
    .await;
    wait_until(
        &c,
        "[...document.querySelectorAll('.article-row.result mark')].some(m => m.textContent === '12,000')",
        5,
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    std::fs::write(
        screenshot_dir().join("search-number.png"),
        c.screenshot().await.expect("screenshot"),
    )
    .expect("save");
    c.close().await.expect("close");
}
