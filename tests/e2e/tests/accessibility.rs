//! The real window checked by axe-core (tests/e2e/src/axe.rs) in every
//! theme and both languages: the list, an open article, search results,
//! the bookmarks, the settings dialog and the list of keys. Zero
//! violations of any rule axe enables by default.

use khabarain_e2e::{
    axe, click, js, key, press, screenshot_dir, wait_synced, wait_until, Driver, ESCAPE,
};
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
    wait_synced(&c).await;
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

/// Marks every control a keyboard must reach in `root` (visible, enabled,
/// in the tab order, not behind an open dialog) and returns how many.
const MARK: &str = "const root = document.querySelector(arguments[0]);
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const all = [...root.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
    .filter((el) => el.tabIndex >= 0 && !el.disabled && !el.closest('[inert], [hidden]') && shown(el));
  document.querySelectorAll('[data-walk]').forEach((el) => el.removeAttribute('data-walk'));
  all.forEach((el, i) => el.setAttribute('data-walk', String(i)));
  return all.length;";

async fn mark(c: &khabarain_e2e::fantoccini::Client, root: &str) -> usize {
    let script = format!(
        "return (() => {{ {} }})();",
        MARK.replace("arguments[0]", &format!("'{root}'"))
    );
    js(c, &script).await.as_u64().expect("a count") as usize
}

const WHERE: &str = "const el = document.activeElement;
  return el?.getAttribute('data-walk') ?? (el === document.body ? 'body' : el?.outerHTML.slice(0, 60));";

/// Presses Tab `steps` times (Shift+Tab when `back`) with real key events
/// (`press`); returns where the focus went each time.
async fn walk(c: &khabarain_e2e::fantoccini::Client, steps: usize, back: bool) -> Vec<String> {
    let mut seen = Vec::new();
    for _ in 0..steps {
        press(if back { "shift+Tab" } else { "Tab" });
        tokio::time::sleep(std::time::Duration::from_millis(60)).await;
        let at = js(c, WHERE).await;
        seen.push(
            at.as_str()
                .map(str::to_owned)
                .unwrap_or_else(|| at.to_string()),
        );
    }
    seen
}

/// The controls of `count` that `seen` never reached, described.
async fn missed(
    c: &khabarain_e2e::fantoccini::Client,
    count: usize,
    seen: &[String],
) -> Vec<String> {
    let mut out = Vec::new();
    for i in (0..count).filter(|i| !seen.iter().any(|s| s == &i.to_string())) {
        let what = js(
            c,
            &format!(
                "return document.querySelector('[data-walk=\"{i}\"]').outerHTML.slice(0, 120);"
            ),
        )
        .await;
        out.push(format!("{i}: {what}"));
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and the built app; run by scripts/test.sh"]
async fn the_keyboard_alone_reaches_every_control() {
    let site = FixtureSite::start(0).await.expect("fixture site");
    let home = tempfile::tempdir().expect("tempdir");
    let env = khabarain_e2e::app_env(home.path(), &site.base_url());
    let driver = Driver::start(&env, home.path());
    let c = driver.session().await;
    wait_synced(&c).await;
    // Opened from the list with Enter: the focus goes to the article;
    // Escape brings it back to the same row.
    js(
        &c,
        "document.querySelectorAll('.article-row')[2].focus(); return true;",
    )
    .await;
    key(&c, "\u{E007}").await;
    wait_until(
        &c,
        "document.activeElement === document.getElementById('article')",
        10,
    )
    .await;
    key(&c, ESCAPE).await;
    wait_until(
        &c,
        "document.activeElement === document.querySelectorAll('.article-row')[2]",
        5,
    )
    .await;
    std::fs::write(
        screenshot_dir().join("focus-row.png"),
        c.screenshot().await.expect("screenshot"),
    )
    .expect("save");

    // The whole window, forwards from the skip link and back.
    let count = mark(&c, "body").await;
    assert!(count > 20, "{count} controls");
    js(
        &c,
        "document.querySelector('.skip-link').focus(); return true;",
    )
    .await;
    let forward = walk(&c, count + 10, false).await;
    assert_eq!(
        missed(&c, count, &forward).await,
        Vec::<String>::new(),
        "not reached by Tab: {forward:?}"
    );
    assert!(
        !forward.iter().any(|s| s == "body" || s.starts_with('<')),
        "focus lost: {forward:?}"
    );
    let back = walk(&c, count + 10, true).await;
    assert_eq!(
        missed(&c, count, &back).await,
        Vec::<String>::new(),
        "not reached by Shift+Tab: {back:?}"
    );
    js(
        &c,
        "document.getElementById('sync-btn').focus(); return true;",
    )
    .await;
    std::fs::write(
        screenshot_dir().join("focus-button.png"),
        c.screenshot().await.expect("screenshot"),
    )
    .expect("save");

    // The settings dialog, opened from the keyboard: Tab stays in it and
    // reaches all of it; Escape gives the focus back to what opened it.
    js(
        &c,
        "document.getElementById('settings-btn').focus(); return true;",
    )
    .await;
    key(&c, "\u{E007}").await;
    wait_until(&c, "!document.getElementById('settings').hidden", 5).await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let count = mark(&c, "#settings").await;
    let inside = walk(&c, count + 10, false).await;
    assert_eq!(
        missed(&c, count, &inside).await,
        Vec::<String>::new(),
        "not reached in the dialog: {inside:?}"
    );
    assert!(
        inside.iter().all(|s| s.parse::<usize>().is_ok()),
        "the focus left the dialog: {inside:?}"
    );
    key(&c, ESCAPE).await;
    wait_until(
        &c,
        "document.activeElement === document.getElementById('settings-btn')",
        5,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and the built app; run by scripts/test.sh"]
async fn at_200_percent_zoom_every_text_still_fits() {
    let site = FixtureSite::start(0).await.expect("fixture site");
    let home = tempfile::tempdir().expect("tempdir");
    let env = khabarain_e2e::app_env(home.path(), &site.base_url());
    let driver = Driver::start(&env, home.path());
    let c = driver.session().await;
    wait_synced(&c).await;
    let width = js(&c, "return window.innerWidth;")
        .await
        .as_f64()
        .expect("width");
    // Ctrl+= five times, as a person would: 110, 125, 150, 175, 200 %.
    js(
        &c,
        "document.getElementById('article-list').focus(); return true;",
    )
    .await;
    for _ in 0..5 {
        press("ctrl+equal");
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    }
    wait_until(
        &c,
        &format!("Math.abs(window.innerWidth - {width} / 2) < 2"),
        5,
    )
    .await;
    wait_until(
        &c,
        "document.getElementById('toast').textContent.includes('200')",
        5,
    )
    .await;
    // One pane at a time, nothing wider than the window, no text cut.
    let overflow = "(() => {
      const wide = [...document.querySelectorAll('body *')].filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && el.offsetParent !== null && (r.right > innerWidth + 1 || r.left < -1)
          && !el.closest('.visually-hidden, .skip-link, [hidden]');
      }).map((el) => el.outerHTML.slice(0, 80));
      return { page: document.documentElement.scrollWidth - innerWidth, wide };
    })()";
    let list = js(&c, &format!("return {overflow};")).await;
    assert_eq!(list, serde_json::json!({"page": 0, "wide": []}));
    std::fs::write(
        screenshot_dir().join("zoom-200-list.png"),
        c.screenshot().await.expect("screenshot"),
    )
    .expect("save");
    click(&c, ".article-row").await;
    wait_until(&c, "document.getElementById('article-title')", 10).await;
    let reader = js(&c, &format!("return {overflow};")).await;
    assert_eq!(reader, serde_json::json!({"page": 0, "wide": []}));
    std::fs::write(
        screenshot_dir().join("zoom-200-reader.png"),
        c.screenshot().await.expect("screenshot"),
    )
    .expect("save");
}
