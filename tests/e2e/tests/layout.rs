//! The window as a whole in the real app: search from the keyboard, the
//! settings dialog, the English interface (which mirrors the layout and
//! stays after a restart), the narrow one-pane layout with its back button,
//! and links inside an article that open the stored article they name.
//! Screenshots: target/e2e/english.png, narrow-list.png, narrow-reader.png.

use khabarain_e2e::{
    click, fantoccini::Locator, js, key, screenshot_dir, wait_title, wait_until, Driver, ESCAPE,
};
use khabarain_fixture_site::corpus::Block;
use khabarain_fixture_site::FixtureSite;

const LIST_READY: &str = "document.querySelectorAll('.article-row').length > 0";

/// Controls without an accessible name, and the landmarks a screen reader
/// offers, in the window as it is now.
const A11Y: &str = "return (() => {
  const named = (el) => (el.getAttribute('aria-label') || '').trim() || (el.textContent || '').trim() ||
    (el.labels && [...el.labels].some((l) => l.textContent.trim())) ||
    (el.getAttribute('aria-labelledby') || '').split(' ').some((id) => document.getElementById(id)?.textContent.trim());
  const unnamed = [...document.querySelectorAll('button, input, select, [role=separator][tabindex], [role=dialog], [role=option], a[href]')]
    .filter((el) => !named(el)).map((el) => el.outerHTML.slice(0, 80));
  const landmarks = ['nav', 'main', '[role=search]', 'section[aria-labelledby]'].filter((s) => document.querySelector(s));
  return { unnamed, landmarks };
})()";

async fn check_a11y(c: &khabarain_e2e::fantoccini::Client) {
    let found = js(c, A11Y).await;
    assert_eq!(
        found["unnamed"],
        serde_json::json!([]),
        "controls without a name"
    );
    assert_eq!(
        found["landmarks"].as_array().map(Vec::len),
        Some(4),
        "{found}"
    );
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and the built app; run by scripts/test.sh"]
async fn search_settings_language_narrow_layout_and_links() {
    let site = FixtureSite::start(0).await.expect("fixture site");
    let corpus = site.corpus();
    let newest = corpus.newest()[0].1.clone();
    let see_also_slug = newest
        .body
        .iter()
        .find_map(|b| match b {
            Block::SeeAlso(slug) => Some(slug.clone()),
            _ => None,
        })
        .expect("the newest article has a see-also line");
    let see_also_title = corpus
        .article(&see_also_slug)
        .expect("see-also target")
        .1
        .title
        .clone();
    let query = "أوروبا";
    let with_query: Vec<String> = corpus
        .articles
        .iter()
        .filter(|a| a.title.contains(query))
        .map(|a| a.title.clone())
        .collect();
    assert!(!with_query.is_empty());
    let home = tempfile::tempdir().expect("tempdir");
    let env = khabarain_e2e::app_env(home.path(), &site.base_url());
    let shots = screenshot_dir();

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
        wait_title(&c, &newest.title).await;
        check_a11y(&c).await;

        // "/" goes to the search field; the results replace the list, and
        // Escape brings the list back.
        key(&c, "/").await;
        wait_until(&c, "document.activeElement.id === 'search-input'", 5).await;
        key(&c, query).await;
        wait_until(
            &c,
            "document.getElementById('list-title').textContent === 'نتائج البحث'",
            5,
        )
        .await;
        let shown = wait_until(
            &c,
            "(() => { const t = [...document.querySelectorAll('.article-row .title')].map(t => t.textContent); \
             return t.length > 0 && t; })()",
            5,
        )
        .await;
        let shown: Vec<String> = serde_json::from_value(shown).expect("titles");
        assert!(shown.len() < 36, "{shown:?}");
        for title in &with_query {
            assert!(shown.contains(title), "{title} missing from {shown:?}");
        }
        key(&c, ESCAPE).await;
        wait_until(
            &c,
            "document.getElementById('list-title').textContent === 'الرئيسية' && \
             document.getElementById('list-count').textContent === '36 خبراً' && \
             document.getElementById('search-input').value === ''",
            5,
        )
        .await;

        // A see-also line opens the stored article it names, in the app.
        js(
            &c,
            "document.querySelector('#article .see-also a.internal').click()",
        )
        .await;
        wait_title(&c, &see_also_title).await;

        // "," opens the settings with the focus inside; Escape closes them
        // and the focus goes back.
        js(&c, "document.querySelector('.article-row').focus()").await;
        key(&c, ",").await;
        wait_until(
            &c,
            "!document.getElementById('settings').hidden && document.activeElement.id === 'theme-select' && document.getElementById('app').inert",
            5,
        )
        .await;
        key(&c, ESCAPE).await;
        wait_until(
            &c,
            "document.getElementById('settings').hidden && document.activeElement.classList.contains('article-row')",
            5,
        )
        .await;

        // English: every text of the window from the English table, and the
        // layout mirrored.
        js(
            &c,
            "const l = document.getElementById('language-select'); l.value = 'en'; l.dispatchEvent(new Event('change'));",
        )
        .await;
        wait_until(
            &c,
            "document.documentElement.dir === 'ltr' && document.documentElement.lang === 'en' && \
             document.getElementById('list-title').textContent === 'Home' && \
             document.getElementById('list-count').textContent === '36 stories' && \
             document.querySelector('#category-list button').textContent === 'Home' && \
             document.getElementById('mark-all-read').textContent === 'Mark all as read'",
            5,
        )
        .await;
        let nav_left = js(
            &c,
            "return document.querySelector('.pane.nav').getBoundingClientRect().left",
        )
        .await;
        assert_eq!(nav_left, 0, "the navigation is on the left in English");
        // The article keeps its own direction; its see-also heading is English.
        wait_until(
            &c,
            "document.getElementById('article').dir === 'rtl' && document.getElementById('see-also-title').textContent === 'See also'",
            5,
        )
        .await;
        check_a11y(&c).await;
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        std::fs::write(
            shots.join("english.png"),
            c.screenshot().await.expect("screenshot"),
        )
        .expect("save");

        // Narrow: one pane at a time. The open article stays in view, with
        // a back button to the list; a row opens its article again.
        c.set_window_size(720, 760).await.expect("resize");
        let only = |pane: &str| {
            format!(
                "window.innerWidth <= 720 && \
                 getComputedStyle(document.querySelector('.pane.nav')).display === 'none' && \
                 getComputedStyle(document.querySelector('.pane.list')).display {} 'none' && \
                 getComputedStyle(document.getElementById('reader')).display {} 'none'",
                if pane == "list" { "!==" } else { "===" },
                if pane == "reader" { "!==" } else { "===" },
            )
        };
        wait_until(&c, &only("reader"), 5).await;
        c.find(Locator::Id("back-btn"))
            .await
            .expect("back")
            .click()
            .await
            .expect("click back");
        wait_until(&c, &only("list"), 5).await;
        wait_until(
            &c,
            "document.activeElement.classList.contains('article-row')",
            5,
        )
        .await;
        std::fs::write(
            shots.join("narrow-list.png"),
            c.screenshot().await.expect("screenshot"),
        )
        .expect("save");
        click(&c, ".article-row").await;
        wait_title(&c, &newest.title).await;
        wait_until(&c, &only("reader"), 5).await;
        std::fs::write(
            shots.join("narrow-reader.png"),
            c.screenshot().await.expect("screenshot"),
        )
        .expect("save");

        // The sections are a button away; choosing one shows its list.
        js(&c, "document.getElementById('back-btn').click()").await;
        wait_until(&c, &only("list"), 5).await;
        js(&c, "document.getElementById('nav-btn').click()").await;
        wait_until(
            &c,
            "getComputedStyle(document.querySelector('.pane.nav')).display !== 'none' && \
             getComputedStyle(document.querySelector('.pane.list')).display === 'none'",
            5,
        )
        .await;
        js(
            &c,
            "document.querySelector('#category-list button[data-key=\"cat:world\"]').click()",
        )
        .await;
        wait_until(&c, &only("list"), 5).await;
        wait_until(
            &c,
            "document.getElementById('list-title').textContent === 'العالم' && document.getElementById('list-count').textContent === '4 stories'",
            5,
        )
        .await;
        c.close().await.expect("close");
    }

    // After a restart the interface is still English.
    {
        let driver = Driver::start(&env, home.path());
        let c = driver.session().await;
        wait_until(
            &c,
            &format!(
                "document.documentElement.dir === 'ltr' && document.getElementById('list-count').textContent === '36 stories' && {LIST_READY}"
            ),
            30,
        )
        .await;
        assert_eq!(
            js(
                &c,
                "return document.getElementById('language-select').value"
            )
            .await,
            "en"
        );
        c.close().await.expect("close");
    }
}
