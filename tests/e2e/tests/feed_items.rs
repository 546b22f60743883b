//! What a feed says of its items, in the real app (issue 26): an article's
//! byline and tags under its headline, each a button that lists its
//! stories; a story whose page answered 404 read with the feed's whole text
//! and a note saying so; the sources list telling the page waits.
//! Screenshots: target/e2e/byline.png, byline-list.png, feed-text.png.

use khabarain_e2e::x11::X;
use khabarain_e2e::{js, key, screenshot_dir, wait_for, wait_until, Driver};
use khabarain_fixture_site::FixtureSite;

async fn add_source(c: &fantoccini::Client, url: &str) {
    js(c, "document.getElementById('settings-btn').click()").await;
    let input = wait_for(c, "#add-source-input", 5).await;
    input.clear().await.expect("clear");
    input.send_keys(url).await.expect("type");
    js(
        c,
        "document.getElementById('sources-status').textContent = ''",
    )
    .await;
    js(
        c,
        "document.querySelector('#add-source button[type=submit]').click()",
    )
    .await;
    wait_until(
        c,
        "document.getElementById('sources-status').textContent.startsWith('أُضيف المصدر')",
        10,
    )
    .await;
    key(c, "\u{E00C}").await;
}

async fn open_story(c: &fantoccini::Client, title: &str) {
    js(
        c,
        &format!(
            "[...document.querySelectorAll('.article-row')].find(r => r.querySelector('.title').textContent === '{title}').click()"
        ),
    )
    .await;
    wait_until(
        c,
        &format!("document.getElementById('article-title')?.textContent === '{title}'"),
        10,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and the built app; run by scripts/test.sh"]
async fn bylines_tags_and_the_feed_s_own_text_in_the_window() {
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
    // Pictures of the window from the X server, as a person sees it.
    let x = X::open();
    let window = x.window("قارئ خبرين").expect("the app's window");
    let shot = |name: &str| {
        std::thread::sleep(std::time::Duration::from_millis(500));
        std::fs::write(screenshot_dir().join(name), x.screenshot(window)).expect("save");
    };

    let base = site.base_url();
    for feed in [
        "people-and-tags.xml",
        "people-and-tags-atom.xml",
        "full-text.xml",
    ] {
        add_source(&c, &format!("{base}items/{feed}")).await;
    }
    js(&c, "document.getElementById('sync-btn').click()").await;
    wait_until(
        &c,
        "[...document.querySelectorAll('.article-row .title')].some(t => t.textContent === 'مقال أول')",
        30,
    )
    .await;
    wait_until(&c, "!document.getElementById('sync-btn').disabled", 30).await;

    // The byline and the tags, each a button with a name a screen reader says.
    open_story(&c, "مقال أول").await;
    let header = js(
        &c,
        "const h = document.querySelector('#article header'); \
         return { byline: h.querySelector('.byline')?.textContent, \
                  names: [...h.querySelectorAll('.byline-name')].map(b => [b.tagName, b.textContent, b.title]), \
                  tagsLabel: h.querySelector('.feed-tags')?.getAttribute('aria-label'), \
                  tags: [...h.querySelectorAll('.feed-tag')].map(b => b.textContent) }",
    )
    .await;
    assert_eq!(
        header,
        serde_json::json!({
            "byline": "بقلم ليلى الحربي",
            "names": [["BUTTON", "ليلى الحربي", "كل أخبار ليلى الحربي"]],
            "tagsLabel": "الوسوم",
            "tags": ["الطاقة", "المناخ"],
        })
    );
    shot("byline.png");

    // The writer's stories: hers from both feeds, nobody else's.
    js(
        &c,
        "document.querySelector('#article .byline-name').click()",
    )
    .await;
    wait_until(
        &c,
        "document.getElementById('list-title').textContent === 'أخبار ليلى الحربي'",
        10,
    )
    .await;
    let rows = js(
        &c,
        "return [...document.querySelectorAll('.article-row .title')].map(t => t.textContent).sort()",
    )
    .await;
    assert_eq!(rows, serde_json::json!(["مقال أول", "مقال ثالث"]));
    shot("byline-list.png");

    // A tag, by its label in one feed and its term in another.
    open_story(&c, "مقال أول").await;
    js(
        &c,
        "[...document.querySelectorAll('#article .feed-tag')].find(b => b.textContent === 'الطاقة').click()",
    )
    .await;
    wait_until(
        &c,
        "document.getElementById('list-title').textContent === 'وسم: الطاقة'",
        10,
    )
    .await;
    let rows = js(
        &c,
        "return [...document.querySelectorAll('.article-row .title')].map(t => t.textContent).sort()",
    )
    .await;
    assert_eq!(
        rows,
        serde_json::json!(["مقال أول", "مقال ثالث", "مقال ثان"])
    );

    // The story whose page answered 404: the feed's whole text, and a note.
    js(
        &c,
        "document.querySelector('button[data-key=\"home\"]').click()",
    )
    .await;
    wait_until(
        &c,
        "[...document.querySelectorAll('.article-row .title')].some(t => t.textContent === 'خبر نصه كله في الخلاصة')",
        10,
    )
    .await;
    open_story(&c, "خبر نصه كله في الخلاصة").await;
    let body = js(
        &c,
        "return { note: document.querySelector('#article .page-pending')?.getAttribute('role'), \
                  paragraphs: document.querySelectorAll('#article .body p').length }",
    )
    .await;
    assert_eq!(body, serde_json::json!({"note": "note", "paragraphs": 30}));
    shot("feed-text.png");

    // The sources list says the pages wait.
    js(&c, "document.getElementById('settings-btn').click()").await;
    wait_until(
        &c,
        "[...document.querySelectorAll('.source-state')].some(s => s.textContent.includes('لم تُقرأ بعد'))",
        10,
    )
    .await;
    c.close().await.expect("close");
}
