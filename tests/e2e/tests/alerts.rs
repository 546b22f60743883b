//! Breaking news in the real app: on a private session bus with a test
//! notification server, the fixture site publishes an urgent item while the
//! app runs. After the next sync the server has been asked to show it once,
//! with its exact Arabic headline and its section; syncing again shows
//! nothing more; a click on it (the server's ActionInvoked) opens the
//! article in the window; with urgent items turned off in the settings, the
//! next one is not shown.

use chrono::Utc;
use khabarain_e2e::session_bus::{Notifications, SessionBus};
use khabarain_e2e::{click, js, screenshot_dir, wait_title, wait_until, Driver};
use khabarain_fixture_site::FixtureSite;

/// A new article in politics, published now, under `headline`.
fn urgent_item(
    site: &FixtureSite,
    slug: &str,
    headline: &str,
) -> khabarain_fixture_site::corpus::Article {
    let corpus = site.corpus();
    let (_, base) = corpus.in_category("politics")[0];
    let mut a = base.clone();
    a.slug = slug.into();
    a.title = headline.into();
    a.title_repeat = headline.into();
    a.published = Utc::now();
    a.updated = None;
    a
}

/// Clicks «مزامنة» and waits for the sync to report `status`.
async fn sync(c: &khabarain_e2e::fantoccini::Client, status: &str) {
    js(
        c,
        "document.getElementById('sync-status').textContent = ''; return 0",
    )
    .await;
    click(c, "#sync-btn").await;
    let quoted = serde_json::to_string(status).expect("json");
    wait_until(
        c,
        &format!("document.getElementById('sync-status').textContent === {quoted}"),
        60,
    )
    .await;
}

#[tokio::test]
#[ignore = "needs Xvfb, dbus-daemon, tauri-driver and the built app; run by scripts/test.sh"]
async fn an_urgent_item_is_notified_once_and_a_click_opens_it() {
    let site = FixtureSite::start(0).await.expect("fixture site");
    let home = tempfile::tempdir().expect("tempdir");
    let bus = SessionBus::start(home.path());
    let server = Notifications::serve(&bus);
    let mut env = khabarain_e2e::app_env(home.path(), &site.base_url());
    env.push(("DBUS_SESSION_BUS_ADDRESS", bus.address.clone()));
    let driver = Driver::start(&env, home.path());
    let c = driver.session().await;

    // The first sync (on start) tells nothing: it is the reader's whole
    // backlog, not news.
    wait_until(
        &c,
        "document.getElementById('sync-status').textContent === 'تمت المزامنة: 36 خبراً جديداً'",
        60,
    )
    .await;

    let headline = "عاجل: زلزال بقوة ٦٫١ درجات يضرب جنوب تركيا";
    site.publish(urgent_item(&site, "urgent-quake", headline));
    sync(&c, "تمت المزامنة: خبر جديد").await;
    let shown = server.wait_for(1, 10);
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert_eq!(shown[0].summary, headline);
    assert_eq!(shown[0].body, "سياسة");
    assert!(
        shown[0].actions.iter().any(|a| a == "default"),
        "a click is reported: {shown:?}"
    );
    // The list marks it.
    let mark = wait_until(
        &c,
        "[...document.querySelectorAll('.article-row')].find(r => r.querySelector('.urgent-mark'))?.querySelector('.title').textContent",
        10,
    )
    .await;
    assert_eq!(mark, headline);

    // The next sync brings nothing and tells nothing again.
    sync(&c, "لا أخبار جديدة").await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    assert_eq!(server.shown().len(), 1, "{:?}", server.shown());

    // A click on the notification opens the article in the window.
    server.click(shown[0].id);
    wait_title(&c, headline).await;

    // Urgent items turned off in the settings: the next one is not shown.
    click(&c, "#settings-btn").await;
    wait_until(
        &c,
        "document.querySelectorAll('#alerts-sections input').length === 9",
        10,
    )
    .await;
    js(
        &c,
        "document.getElementById('set-alerts').scrollIntoView(); return 0",
    )
    .await;
    let png = c.screenshot().await.expect("screenshot");
    std::fs::write(screenshot_dir().join("alerts-settings.png"), png).expect("write screenshot");
    click(&c, "#alerts-urgent").await;
    wait_until(&c, "!document.getElementById('alerts-urgent').checked", 5).await;
    click(&c, "#settings-close").await;
    // Saved on the Rust side before the sync reads it.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    site.publish(urgent_item(
        &site,
        "urgent-second",
        "عاجل | إغلاق مطار العاصمة بسبب الضباب",
    ));
    sync(&c, "تمت المزامنة: خبر جديد").await;
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    assert_eq!(server.shown().len(), 1, "{:?}", server.shown());

    c.close().await.expect("close");
}
