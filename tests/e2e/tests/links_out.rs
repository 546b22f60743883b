//! The webview never opens a window of its own nor leaves the app's pages
//! (src-tauri/src/main_window.rs): `window.open`, a page navigation and a
//! middle-click on an article's link each reach the system browser (a
//! stand-in `xdg-open` on the app's PATH records what it is given) and the
//! app keeps its one window on its own page.

use std::os::unix::fs::PermissionsExt;
use std::time::{Duration, Instant};

use khabarain_e2e::{click, js, wait_until, Driver};
use khabarain_fixture_site::FixtureSite;

fn opened(log: &std::path::Path) -> Vec<String> {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .map(str::to_owned)
        .collect()
}

fn wait_opened(log: &std::path::Path, url: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !opened(log).iter().any(|l| l == url) {
        assert!(
            Instant::now() < deadline,
            "{url} never reached the browser: {:?}",
            opened(log)
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and the built app; run by scripts/test.sh"]
async fn new_windows_and_navigations_go_to_the_system_browser() {
    let site = FixtureSite::start(0).await.expect("fixture site");
    let home = tempfile::tempdir().expect("tempdir");
    let bin = home.path().join("bin");
    std::fs::create_dir_all(&bin).expect("bin");
    let log = home.path().join("opened.txt");
    let stub = bin.join("xdg-open");
    std::fs::write(
        &stub,
        format!("#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\n", log.display()),
    )
    .expect("stub");
    std::fs::set_permissions(&stub, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let mut env = khabarain_e2e::app_env(home.path(), &site.base_url());
    let path = std::env::var("PATH").unwrap_or_default();
    env.push(("PATH", format!("{}:{path}", bin.display())));
    let driver = Driver::start(&env, home.path());
    let c = driver.session().await;
    wait_until(
        &c,
        "document.querySelectorAll('.article-row').length > 0",
        60,
    )
    .await;
    let windows = c.windows().await.expect("windows").len();

    // A click that opens a window (WebKit lets only a person's gesture do
    // it, so the control is clicked over WebDriver, as a pointer would).
    js(
        &c,
        "const b = document.createElement('button'); b.id = 'opener'; b.textContent = 'افتح';
         b.style.cssText = 'position:fixed;top:0;left:0;z-index:99';
         b.addEventListener('click', () => window.open('https://example.com/opened-by-script', '_blank'));
         document.body.append(b); return true;",
    )
    .await;
    click(&c, "#opener").await;
    wait_opened(&log, "https://example.com/opened-by-script");

    js(
        &c,
        "setTimeout(() => { location.href = 'https://example.com/navigated'; }, 0); return true;",
    )
    .await;
    wait_opened(&log, "https://example.com/navigated");

    // A middle-click on a link in an article (the fixture's articles link
    // only each other, so one is added to the open article's text).
    click(&c, ".article-row").await;
    wait_until(&c, "document.querySelector('#article .body')", 10).await;
    js(
        &c,
        "const a = document.createElement('a'); a.href = 'https://example.com/middle-clicked';
         a.textContent = 'رابط'; document.querySelector('#article .body').append(a);
         a.dispatchEvent(new MouseEvent('auxclick', { button: 1, bubbles: true, cancelable: true }));
         return true;",
    )
    .await;
    wait_opened(&log, "https://example.com/middle-clicked");

    // Still one window, still the app's own page.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(c.windows().await.expect("windows").len(), windows);
    let here = js(&c, "return location.protocol + '//' + location.host;").await;
    assert_eq!(here, "tauri://localhost");
    assert!(js(&c, "return !!document.getElementById('article-list');").await == true);
    c.close().await.expect("close");
}
