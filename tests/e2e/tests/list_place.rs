//! The list under a sync in the real app: articles that arrive above the
//! reader's row push the list, not the reader. The row keeps its place on
//! the screen and the keyboard focus (the same element: a WebDriver handle
//! to it stays good), and the new articles are at the top.

use chrono::Duration;
use khabarain_e2e::{fantoccini::Locator, js, key, wait_until, Driver};
use khabarain_fixture_site::corpus::Block;
use khabarain_fixture_site::FixtureSite;

/// The row at `index` (from 0) placed at the top of the list's pane.
const SCROLL_TO: &str = "const list = document.getElementById('article-list'); const pane = list.closest('.pane');
  pane.scrollTop = list.getBoundingClientRect().top - pane.getBoundingClientRect().top + pane.scrollTop + arguments[0] * 94;";

const FOCUSED: &str = "const el = document.activeElement;
  return el && el.classList.contains('article-row')
    ? { id: el.dataset.id, pos: el.getAttribute('aria-posinset'), top: el.getBoundingClientRect().top }
    : null;";

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and the built app; run by scripts/test.sh"]
async fn a_sync_that_brings_articles_keeps_the_readers_place() {
    let site = FixtureSite::start(0).await.expect("fixture site");
    let home = tempfile::tempdir().expect("tempdir");
    let env = khabarain_e2e::app_env(home.path(), &site.base_url());
    let driver = Driver::start(&env, home.path());
    let c = driver.session().await;
    wait_until(
        &c,
        "document.getElementById('list-count').textContent === '36 خبراً' && \
         document.getElementById('sync-btn').getAttribute('aria-busy') !== 'true'",
        60,
    )
    .await;

    // Twelve rows down, on the fifteenth.
    c.execute(SCROLL_TO, vec![12.into()]).await.expect("scroll");
    wait_until(
        &c,
        "document.querySelector('.article-row[aria-posinset=\"15\"]')",
        5,
    )
    .await;
    let row = c
        .find(Locator::Css(".article-row[aria-posinset=\"15\"]"))
        .await
        .expect("row 15");
    js(
        &c,
        "document.querySelector('.article-row[aria-posinset=\"15\"]').focus()",
    )
    .await;
    let before = js(&c, FOCUSED).await;
    assert_eq!(before["pos"], "15", "{before}");

    // Two articles newer than any on the site.
    let corpus = site.corpus();
    let newest = corpus.newest()[0].1.clone();
    let mut fresh = Vec::new();
    for n in 1..=2 {
        let mut a = newest.clone();
        a.slug = format!("{}-{n}", newest.slug);
        a.title = format!("خبر عاجل رقم {n} عن الانتخابات");
        a.title_repeat = a.title.clone();
        a.published = newest.published + Duration::hours(n);
        a.updated = None;
        a.body = vec![Block::P(format!("نص الخبر العاجل رقم {n}."))];
        fresh.push(a.title.clone());
        site.publish(a);
    }
    key(&c, "r").await;
    wait_until(
        &c,
        "document.getElementById('list-count').textContent === '38 خبراً'",
        30,
    )
    .await;

    let after = js(&c, FOCUSED).await;
    assert_eq!(
        after["id"], before["id"],
        "focus stayed on the row: {after}"
    );
    assert_eq!(after["pos"], "17", "two rows arrived above it: {after}");
    let moved = after["top"].as_f64().unwrap_or(f64::NAN) - before["top"].as_f64().unwrap_or(0.0);
    assert!(moved.abs() < 1.0, "the row moved {moved} px on the screen");
    // The element itself was kept, not drawn anew.
    assert_eq!(
        row.attr("data-id").await.expect("the row is not stale"),
        before["id"].as_str().map(str::to_string)
    );

    // At the top: the newest first.
    c.execute(SCROLL_TO, vec![0.into()]).await.expect("scroll");
    let top = wait_until(
        &c,
        "document.querySelector('.article-row[aria-posinset=\"1\"] .title')?.textContent",
        5,
    )
    .await;
    assert_eq!(top, fresh[1].as_str());
    c.close().await.expect("close");
}
