//! A sync account added in the real app's settings, against a real Miniflux
//! (on a throwaway PostgreSQL cluster) subscribed to the fixture site: the
//! connection test says it works, a wrong password says so, and after a
//! sync the article starred through the server is among the bookmarks;
//! unsaved on the server, its note stays in the settings, from where it is
//! saved again. Screenshots: target/e2e/settings-accounts.png,
//! target/e2e/settings-removed-bookmarks.png.

use std::time::Duration;

use khabarain_core::accounts::miniflux::{Auth, Client, EntryQuery};
use khabarain_e2e::{js, screenshot_dir, wait_until, Driver};
use khabarain_fixture_site::miniflux::{self, Miniflux};
use khabarain_fixture_site::FixtureSite;

fn quoted(s: &str) -> String {
    serde_json::to_string(s).expect("string")
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and the built app; run by scripts/test.sh"]
async fn an_account_added_in_the_settings_brings_the_servers_bookmarks() {
    let site = FixtureSite::start(0).await.expect("fixture site");
    let server = Miniflux::start().expect("miniflux starts");
    // On the server, as another computer left it: a feed, one star.
    let rest = Client::new(
        &server.url,
        Auth::Password {
            user: miniflux::ADMIN.into(),
            password: miniflux::ADMIN_PASSWORD.into(),
        },
        Duration::from_secs(10),
    )
    .expect("client");
    let cat = rest.category("العالم").await.expect("category");
    rest.subscribe(
        &format!("{}category/world/feed/", site.base_url()),
        cat.id,
        false,
    )
    .await
    .expect("subscribe");
    let entries = rest
        .entries(&EntryQuery {
            limit: 100,
            ..Default::default()
        })
        .await
        .expect("entries");
    let starred = &entries.entries[0];
    rest.set_starred(starred.id, true).await.expect("star");

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
    wait_until(&c, "!document.getElementById('sync-btn').disabled", 30).await;
    js(&c, "document.getElementById('settings-btn').click()").await;
    wait_until(&c, "!document.getElementById('settings').hidden", 5).await;

    let fill = |password: &str| {
        format!(
            "document.getElementById('account-kind').value = 'miniflux';
             document.getElementById('account-server').value = {};
             document.getElementById('account-user').value = {};
             document.getElementById('account-secret').value = {};",
            quoted(&server.url),
            quoted(miniflux::ADMIN),
            quoted(password)
        )
    };
    let status = "document.getElementById('accounts-status').textContent";
    js(&c, &fill("not-the-password")).await;
    js(&c, "document.getElementById('account-test').click()").await;
    wait_until(
        &c,
        &format!("{status} === 'اسم المستخدم أو كلمة المرور غير صحيحة'"),
        15,
    )
    .await;
    js(&c, &fill(miniflux::ADMIN_PASSWORD)).await;
    js(&c, "document.getElementById('account-test').click()").await;
    wait_until(&c, &format!("{status}.startsWith('الاتصال يعمل')"), 15).await;
    // Where no keyring service runs, the window says so and the password
    // goes in a file the reader chose.
    js(
        &c,
        "if (!document.getElementById('account-file-choice').hidden) document.getElementById('account-in-file').checked = true;
         document.getElementById('account-form').requestSubmit()",
    )
    .await;
    let added = format!("{status}.startsWith('أُضيف الحساب')");
    let no_keyring = format!("{status} === 'لا تعمل خدمة لحفظ كلمات المرور على هذا الجهاز'");
    wait_until(&c, &format!("{added} || {no_keyring}"), 20).await;
    if js(&c, &format!("return {no_keyring}")).await.as_bool() == Some(true) {
        js(
            &c,
            "document.getElementById('account-in-file').checked = true;
             document.getElementById('account-form').requestSubmit()",
        )
        .await;
        wait_until(&c, &added, 20).await;
    }
    wait_until(
        &c,
        "document.querySelectorAll('#account-list li').length === 1",
        5,
    )
    .await;
    js(
        &c,
        "document.getElementById('set-accounts').scrollIntoView()",
    )
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    std::fs::write(
        screenshot_dir().join("settings-accounts.png"),
        c.screenshot().await.expect("screenshot"),
    )
    .expect("save");
    js(&c, "document.getElementById('settings-close').click()").await;

    js(&c, "document.getElementById('sync-btn').click()").await;
    wait_until(&c, "!document.getElementById('sync-btn').disabled", 60).await;
    js(
        &c,
        "document.querySelector('#category-list button[data-key=\"bookmarks\"]').click()",
    )
    .await;
    wait_until(
        &c,
        &format!(
            "[...document.querySelectorAll('.article-row')].some(r => r.textContent.includes({}))",
            quoted(starred.title.trim())
        ),
        20,
    )
    .await;

    // The reader writes a note on it; another computer unsaves it: the
    // settings keep the note among the bookmarks the server removed, and
    // saving it again sends the star back.
    let store = khabarain_core::store::Store::open(&home.path().join("khabarain.sqlite3"))
        .expect("the app's database");
    let saved = store
        .list_articles(&khabarain_core::store::ListFilter {
            bookmarked_only: true,
            limit: 10,
            ..Default::default()
        })
        .expect("bookmarks");
    assert_eq!(saved.len(), 1, "the server's one bookmark");
    let id = saved[0].id;
    store
        .annotate_bookmark(id, Some("أعود إليه مساءً"), &["أوكرانيا"])
        .expect("note");
    rest.set_starred(starred.id, false).await.expect("unstar");
    js(&c, "document.getElementById('sync-btn').click()").await;
    wait_until(&c, "!document.getElementById('sync-btn').disabled", 60).await;
    js(&c, "document.getElementById('settings-btn').click()").await;
    wait_until(
        &c,
        "document.querySelectorAll('#account-history-list li').length === 1
         && document.getElementById('account-history-list').textContent.includes('أعود إليه مساءً')
         && !document.getElementById('account-history').hidden",
        10,
    )
    .await;
    js(
        &c,
        "document.getElementById('account-history').scrollIntoView()",
    )
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    std::fs::write(
        screenshot_dir().join("settings-removed-bookmarks.png"),
        c.screenshot().await.expect("screenshot"),
    )
    .expect("save");
    js(
        &c,
        "document.querySelector('#account-history-list li button').click()",
    )
    .await;
    wait_until(&c, "document.getElementById('account-history').hidden", 10).await;
    js(&c, "document.getElementById('settings-close').click()").await;
    js(&c, "document.getElementById('sync-btn').click()").await;
    wait_until(&c, "!document.getElementById('sync-btn').disabled", 60).await;
    assert!(
        rest.entry(starred.id).await.expect("entry").starred,
        "the star went back to the server"
    );
    let back = store.bookmark(id).expect("bookmark").expect("saved again");
    assert_eq!(back.note.as_deref(), Some("أعود إليه مساءً"));
    c.close().await.expect("close");
}
