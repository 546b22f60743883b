//! The real window checked by axe-core (tests/e2e/src/axe.rs) in every
//! theme and both languages: the list, an open article, search results,
//! the bookmarks, the settings dialog and the list of keys. Zero
//! violations of any rule axe enables by default.

use khabarain_e2e::{axe, click, js, key, wait_until, Driver, ESCAPE};
use khabarain_fixture_site::FixtureSite;

const THEMES: [&str; 4] = ["light", "dark", "sepia", "system"];

async fn set(c: &khabarain_e2e::fantoccini::Client, select: &str, value: &str) {
    js(
        c,
        &format!(
            "const s = document.getElementById('{select}'); s.value = '{value}';
             s.dispatchEvent(new Event('change')); return true;"
        ),
    )
    .await;
    let attr = if select == "theme-select" {
        "dataset.theme"
    } else {
        "lang"
    };
    wait_until(
        c,
        &format!("document.documentElement.{attr} === '{value}'"),
        5,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and the built app; run by scripts/test.sh"]
async fn axe_finds_nothing_in_any_theme_or_language() {
    let site = FixtureSite::start(0).await.expect("fixture site");
    let home = tempfile::tempdir().expect("tempdir");
    let env = khabarain_e2e::app_env(home.path(), &site.base_url());
    let driver = Driver::start(&env, home.path());
    let c = driver.session().await;
    wait_until(
        &c,
        "document.querySelectorAll('.article-row').length > 0 && !document.getElementById('sync-btn').disabled",
        60,
    )
    .await;
    let mut found = Vec::new();
    for lang in ["ar", "en"] {
        set(&c, "language-select", lang).await;
        for theme in THEMES {
            set(&c, "theme-select", theme).await;
            let mut check = |what: &str, v: Vec<String>| {
                for line in v {
                    found.push(format!("[{lang} {theme} {what}] {line}"));
                }
            };
            // The list, with the first article open beside it.
            click(&c, "#category-list button[data-key=home]").await;
            wait_until(
                &c,
                "document.querySelectorAll('.article-row').length > 0",
                10,
            )
            .await;
            check("list", axe::violations(&c).await);
            click(&c, ".article-row").await;
            wait_until(&c, "document.getElementById('article-title')", 10).await;
            check("reading", axe::violations(&c).await);
            // Bookmarked, then the bookmarks view.
            key(&c, "b").await;
            click(&c, "#category-list button[data-key=bookmarks]").await;
            wait_until(
                &c,
                "document.querySelectorAll('.article-row').length > 0",
                10,
            )
            .await;
            check("bookmarks", axe::violations(&c).await);
            key(&c, "b").await;
            // Search results, with their marked passages (from the home
            // list: from the bookmarks a search looks only there).
            click(&c, "#category-list button[data-key=home]").await;
            js(
                &c,
                "const i = document.getElementById('search-input'); i.focus(); return true;",
            )
            .await;
            key(&c, "المناخ").await;
            wait_until(
                &c,
                "document.querySelectorAll('.article-row.result').length > 0",
                10,
            )
            .await;
            check("search", axe::violations(&c).await);
            // The dialogs.
            click(&c, "#settings-btn").await;
            wait_until(&c, "!document.getElementById('settings').hidden", 5).await;
            check("settings", axe::violations(&c).await);
            key(&c, ESCAPE).await;
            js(
                &c,
                "document.getElementById('article-list').focus(); return true;",
            )
            .await;
            key(&c, "?").await;
            wait_until(&c, "!document.getElementById('help').hidden", 5).await;
            check("keys", axe::violations(&c).await);
            key(&c, ESCAPE).await;
        }
    }
    assert!(found.is_empty(), "axe-core found:\n{}", found.join("\n"));
}
