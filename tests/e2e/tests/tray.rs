//! The app in the tray, as a desktop's panel sees it: on a private session
//! bus with a StatusNotifierWatcher, turning the tray on in the settings
//! registers an AppIndicator item whose menu shows the unread count, syncs
//! now, and opens the window again; with it on, the window's close button
//! hides the window and the app keeps running; "start at login" writes the
//! login item; quit ends the app. Off by default: no item before.

use chrono::Utc;
use khabarain_e2e::session_bus::SessionBus;
use khabarain_e2e::tray_host::TrayHost;
use khabarain_e2e::x11::X;
use khabarain_e2e::{click, js, wait_until, Driver};
use khabarain_fixture_site::FixtureSite;

fn labels(host: &TrayHost, item: &(String, String)) -> Vec<String> {
    host.menu(item).into_iter().map(|e| e.label).collect()
}

/// Waits until the menu holds `label`.
fn wait_label(host: &TrayHost, item: &(String, String), label: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let now = labels(host, item);
        if now.iter().any(|l| l == label) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no {label:?} in {now:?}"
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}

#[tokio::test]
#[ignore = "needs Xvfb, dbus-daemon, tauri-driver and the built app; run by scripts/test.sh"]
async fn the_tray_keeps_the_app_running_with_its_window_closed() {
    let site = FixtureSite::start(0).await.expect("fixture site");
    let home = tempfile::tempdir().expect("tempdir");
    let bus = SessionBus::start(home.path());
    let host = TrayHost::serve(&bus);
    let mut env = khabarain_e2e::app_env(home.path(), &site.base_url());
    env.push(("DBUS_SESSION_BUS_ADDRESS", bus.address.clone()));
    // The login item goes under $HOME/.config/autostart.
    env.push(("HOME", home.path().display().to_string()));
    let driver = Driver::start(&env, home.path());
    let c = driver.session().await;
    wait_until(
        &c,
        "document.getElementById('sync-status').textContent === 'تمت المزامنة: 36 خبراً جديداً'",
        60,
    )
    .await;
    assert!(
        host.items().is_empty(),
        "no tray icon until it is turned on"
    );

    // On, from the settings.
    click(&c, "#settings-btn").await;
    wait_until(&c, "document.getElementById('background-tray') !== null", 5).await;
    click(&c, "#background-tray").await;
    let item = host.wait_for_item(15);
    wait_label(&host, &item, "غير مقروء: 36");
    let all = labels(&host, &item);
    for want in ["مزامنة الآن", "فتح قارئ خبرين", "إنهاء"] {
        assert!(all.iter().any(|l| l == want), "{want:?} in {all:?}");
    }
    let unread = host
        .menu(&item)
        .into_iter()
        .find(|e| e.label.starts_with("غير مقروء"))
        .expect("the count");
    assert!(!unread.enabled, "the count is not a command");

    // Start at login: the desktop's autostart entry, in the tray.
    click(&c, "#background-autostart").await;
    let entry = home
        .path()
        .join(".config/autostart/Khabarain Reader.desktop");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !entry.exists() {
        assert!(
            std::time::Instant::now() < deadline,
            "no {}\n{}",
            entry.display(),
            std::fs::read_to_string(&driver.log).unwrap_or_default()
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let text = std::fs::read_to_string(&entry).expect("entry");
    let exec = text
        .lines()
        .find(|l| l.starts_with("Exec="))
        .expect("an Exec line");
    assert!(
        exec.contains("khabarain-reader --background --db "),
        "{exec}"
    );
    assert!(exec.ends_with("khabarain.sqlite3"), "{exec}");
    js(
        &c,
        "document.getElementById('settings-close').click(); return 0",
    )
    .await;

    // Reading an article counts down; sync now brings a new one.
    js(
        &c,
        "document.querySelector('.article-row').click(); return 0",
    )
    .await;
    wait_label(&host, &item, "غير مقروء: 35");
    let corpus = site.corpus();
    let mut a = corpus.in_category("world")[0].1.clone();
    a.slug = "tray-new".into();
    a.title = "وكالة الفضاء تعلن موعد إطلاق مسبار جديد نحو المريخ".into();
    a.title_repeat = a.title.clone();
    a.published = Utc::now();
    site.publish(a);
    host.click(&item, "مزامنة الآن");
    wait_until(
        &c,
        "document.getElementById('sync-status').textContent === 'تمت المزامنة: خبر جديد'",
        60,
    )
    .await;
    wait_label(&host, &item, "غير مقروء: 36");

    // The close button hides the window; the app runs on.
    let x = X::open();
    let window = x.window("قارئ خبرين").expect("the app's window");
    assert!(x.viewable(window));
    x.close(window);
    x.wait_viewable(window, false, 10);
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert!(host.has_owner(&item.0), "the app still runs");
    host.click(&item, "فتح قارئ خبرين");
    x.wait_viewable(window, true, 10);

    // Quit ends it.
    host.click(&item, "إنهاء");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while host.has_owner(&item.0) {
        assert!(
            std::time::Instant::now() < deadline,
            "the app did not quit\n{}",
            std::fs::read_to_string(&driver.log).unwrap_or_default()
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Started at login with the tray on: the window stays hidden until the
/// tray opens it. The app binary is started directly, as a login item does.
#[test]
#[ignore = "needs Xvfb, dbus-daemon and the built app; run by scripts/test.sh"]
fn a_login_start_waits_in_the_tray() {
    let home = tempfile::tempdir().expect("tempdir");
    let db = home.path().join("k.sqlite3");
    khabarain_core::store::Store::open(&db)
        .and_then(|s| s.set_tray_enabled(true))
        .expect("tray on");
    let bus = SessionBus::start(home.path());
    let host = TrayHost::serve(&bus);
    let log = std::fs::File::create(home.path().join("app.log")).expect("log");
    let mut app = std::process::Command::new(khabarain_e2e::app_binary())
        .args([
            "--background",
            "--no-sync-on-start",
            "--base-url",
            "http://127.0.0.1:9/",
        ])
        .arg("--db")
        .arg(&db)
        .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(log)
        .spawn()
        .expect("the app starts");
    let item = host.wait_for_item(30);
    // Past the moment the window would show itself (first_show.rs: 3 s at
    // the latest).
    std::thread::sleep(std::time::Duration::from_secs(4));
    let x = X::open();
    let window = x.window("قارئ خبرين");
    assert!(
        window.is_none_or(|w| !x.viewable(w)),
        "the window stays hidden"
    );
    host.click(&item, "فتح قارئ خبرين");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        if let Some(w) = x.window("قارئ خبرين").filter(|w| x.viewable(*w)) {
            assert!(x.viewable(w));
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the tray did not open the window\n{}",
            std::fs::read_to_string(home.path().join("app.log")).unwrap_or_default()
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = app.kill();
    let _ = app.wait();
}
