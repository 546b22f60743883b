//! A damaged database at start in the real app: the window says what
//! happened, the damaged file is kept beside the new one, and the bookmark
//! made before is back (from the automatic backup), note and all.
//! Screenshot: target/e2e/recovery.png.

use khabarain_e2e::{js, key, screenshot_dir, wait_for, wait_title, wait_until, Driver};
use khabarain_fixture_site::FixtureSite;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and the built app; run by scripts/test.sh"]
async fn a_damaged_database_is_kept_aside_and_the_bookmarks_come_back() {
    let site = FixtureSite::start(0).await.expect("fixture site");
    let first = site.corpus().newest()[0].1.title.clone();
    let home = tempfile::tempdir().expect("tempdir");
    let env = khabarain_e2e::app_env(home.path(), &site.base_url());
    let db = home.path().join("khabarain.sqlite3");
    let note = "لا تضيّع هذا الخبر";

    {
        let driver = Driver::start(&env, home.path());
        let c = driver.session().await;
        wait_until(
            &c,
            "document.querySelectorAll('.article-row').length > 0",
            60,
        )
        .await;
        js(&c, "document.querySelector('.article-row').click()").await;
        wait_title(&c, &first).await;
        key(&c, "b").await;
        wait_for(&c, "#bookmark-note", 5)
            .await
            .send_keys(note)
            .await
            .expect("note");
        js(&c, "document.getElementById('bookmark-note').blur()").await;
        // The backup is written a few seconds after the last change.
        wait_until(
            &c,
            "(window.__TAURI__.core.invoke('backups').then(b => window.__backups = b.length), window.__backups > 0)",
            20,
        )
        .await;
        c.close().await.expect("close");
    }

    // The disk fails: the file is no longer a database.
    std::fs::write(
        &db,
        b"\x00\x01 a sector of noise where the database was".repeat(64),
    )
    .expect("damage");
    for companion in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{companion}", db.display()));
    }

    let driver = Driver::start(&env, home.path());
    let c = driver.session().await;
    wait_until(
        &c,
        "!document.getElementById('notice').hidden && document.getElementById('notice-title').textContent === 'أُعيد بناء قاعدة البيانات'",
        30,
    )
    .await;
    let body = js(
        &c,
        "return document.getElementById('notice-body').textContent",
    )
    .await;
    assert!(
        body.as_str()
            .is_some_and(|b| b.contains("استُعيد خبر واحد محفوظ")),
        "{body}"
    );
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    std::fs::write(
        screenshot_dir().join("recovery.png"),
        c.screenshot().await.expect("screenshot"),
    )
    .expect("save");
    let kept: Vec<_> = std::fs::read_dir(home.path())
        .expect("home")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("khabarain.sqlite3.damaged-"))
        .collect();
    assert_eq!(kept.len(), 1, "the damaged file is kept: {kept:?}");

    js(&c, "document.getElementById('notice-close').click()").await;
    wait_until(&c, "document.getElementById('notice').hidden", 5).await;
    js(
        &c,
        "document.querySelector('#category-list button[data-key=\"bookmarks\"]').click()",
    )
    .await;
    wait_until(
        &c,
        &format!(
            "document.querySelectorAll('.article-row').length === 1 && document.querySelector('.article-row .title').textContent === {}",
            serde_json::to_string(&first).expect("json")
        ),
        10,
    )
    .await;
    js(&c, "document.querySelector('.article-row').click()").await;
    wait_until(
        &c,
        &format!(
            "document.getElementById('bookmark-note') && document.getElementById('bookmark-note').value === {}",
            serde_json::to_string(note).expect("json")
        ),
        10,
    )
    .await;
    c.close().await.expect("close");
}
