//! What a screen reader is given: the real app's accessibility tree, read
//! over AT-SPI (the bus Orca listens on) by tests/e2e/atspi/tree.py with
//! pyatspi, Orca's own client library, on the app's own D-Bus session under
//! Xvfb. Names, roles and states of the panes, the list, the reading view
//! and the settings dialog, in Arabic. The tree is kept in
//! target/e2e/atspi-*.json for people to read.

use std::path::Path;
use std::process::Command;

use khabarain_e2e::session_bus::SessionBus;
use khabarain_e2e::{click, js, screenshot_dir, wait_synced, wait_until, Driver};
use khabarain_fixture_site::FixtureSite;
use serde_json::Value;

/// The app's tree as pyatspi reads it.
fn tree(bus: &SessionBus, name: &str) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("atspi/tree.py");
    // Debian's Python, where python3-pyatspi is installed.
    let out = Command::new("/usr/bin/python3")
        .arg(&script)
        .args(["khabarain-reader", "30"])
        .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
        .output()
        .expect("python3 runs (packages python3-pyatspi, at-spi2-core)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(
        screenshot_dir().join(format!("atspi-{name}.json")),
        &out.stdout,
    )
    .expect("save");
    serde_json::from_slice(&out.stdout).expect("a JSON tree")
}

fn nodes(v: &Value) -> Vec<&Value> {
    let mut out = vec![v];
    if let Some(children) = v["children"].as_array() {
        for c in children {
            out.extend(nodes(c));
        }
    }
    out
}

fn has_state(n: &Value, state: &str) -> bool {
    n["states"]
        .as_array()
        .is_some_and(|s| s.iter().any(|x| x == state))
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and the built app; run by scripts/test.sh"]
async fn the_tree_a_screen_reader_gets() {
    let site = FixtureSite::start(0).await.expect("fixture site");
    let home = tempfile::tempdir().expect("tempdir");
    let bus = SessionBus::start(home.path());
    let mut env = khabarain_e2e::app_env(home.path(), &site.base_url());
    env.push(("DBUS_SESSION_BUS_ADDRESS", bus.address.clone()));
    let driver = Driver::start(&env, home.path());
    let c = driver.session().await;
    wait_synced(&c).await;
    click(&c, ".article-row").await;
    wait_until(&c, "document.getElementById('article-title')", 10).await;
    let t = tree(&bus, "reading");
    let all = nodes(&t);
    let find = |role: &str, name: &str| {
        all.iter()
            .find(|n| n["role"] == role && n["name"] == name)
            .copied()
            .unwrap_or_else(|| panic!("no {role} named {name:?} in target/e2e/atspi-reading.json"))
    };
    assert_eq!(t["children"][0]["role"], "frame");
    assert_eq!(t["children"][0]["name"], "قارئ خبرين");
    // The three panes and the search are landmarks with their names.
    assert_eq!(find("landmark", "الأقسام")["xml-roles"], "navigation");
    assert_eq!(find("landmark", "الرئيسية")["xml-roles"], "region");
    assert_eq!(find("landmark", "الخبر")["xml-roles"], "main");
    assert!(all
        .iter()
        .any(|n| n["role"] == "landmark" && n["xml-roles"] == "search"));
    // A section says what its number counts.
    assert!(all.iter().any(|n| n["role"] == "push button"
        && n["name"]
            .as_str()
            .is_some_and(|s| s.starts_with("سياسة") && s.ends_with("غير مقروء"))));
    // The list: a list box of items, each saying its headline, section,
    // time and whether it is unread; the open one selected and read.
    let list = find("list box", "الرئيسية");
    let items: Vec<&Value> = list["children"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|n| n["role"] == "list item")
        .collect();
    assert!(items.len() >= 10, "{} items", items.len());
    let headline = js(
        &c,
        "return document.getElementById('article-title').textContent;",
    )
    .await;
    let headline = headline.as_str().expect("a headline");
    let first = items[0]["name"].as_str().expect("a name");
    assert!(
        first.starts_with(headline) && first.contains(" · ") && !first.contains("غير مقروء"),
        "{first}"
    );
    assert!(has_state(items[0], "selected") && has_state(items[0], "focusable"));
    let second = items[1]["name"].as_str().expect("a name");
    assert!(second.ends_with("غير مقروء"), "{second}");
    assert!(!has_state(items[1], "selected"));
    // No control inside a row: a row is one thing to a screen reader.
    assert!(items.iter().all(|i| nodes(i)
        .iter()
        .all(|n| !n["role"].as_str().unwrap_or("").contains("button"))));
    // The pane edges, the toggles, the text-size buttons.
    for edge in ["عرض الأقسام", "عرض قائمة الأخبار"] {
        assert!(has_state(find("separator", edge), "focusable"), "{edge}");
    }
    assert!(!has_state(find("toggle button", "حفظ"), "pressed"));
    find("toggle button", "استمع");
    find("push button", "تصغير الخط");
    find("push button", "تكبير الخط");
    find("push button", "الإعدادات");
    // The article: named by its headline, which is its first heading
    // (level 1); its subheadings are headings of level 2.
    let article = find("article", headline);
    let headings: Vec<&Value> = nodes(article)
        .into_iter()
        .filter(|n| n["role"] == "heading")
        .collect();
    assert_eq!(headings[0]["name"], headline);
    assert_eq!(headings[0]["level"], "1");
    assert!(
        headings[1..].iter().all(|h| h["level"] == "2"),
        "{headings:?}"
    );
    assert!(
        headings.len() >= 3,
        "subheadings and the «شاهد أيضاً» and related parts"
    );

    // Bookmarked: the toggle says so.
    js(
        &c,
        "document.getElementById('bookmark-btn').click(); return true;",
    )
    .await;
    wait_until(
        &c,
        "document.getElementById('bookmark-btn').getAttribute('aria-pressed') === 'true'",
        5,
    )
    .await;
    let t = tree(&bus, "bookmarked");
    let toggle = nodes(&t)
        .into_iter()
        .find(|n| n["role"] == "toggle button" && n["name"] == "حفظ")
        .cloned()
        .or_else(|| {
            nodes(&t)
                .into_iter()
                .find(|n| n["role"] == "toggle button" && has_state(n, "pressed"))
                .cloned()
        })
        .expect("the bookmark toggle");
    assert!(has_state(&toggle, "pressed"), "{toggle}");

    // The settings dialog: a modal dialog with its title; its controls
    // named, the checkbox with its state.
    click(&c, "#settings-btn").await;
    wait_until(&c, "!document.getElementById('settings').hidden", 5).await;
    let t = tree(&bus, "settings");
    let all = nodes(&t);
    let dialog = all
        .iter()
        .find(|n| n["role"] == "dialog" && n["name"] == "الإعدادات")
        .expect("a dialog named الإعدادات");
    assert!(has_state(dialog, "modal"), "{:?}", dialog["states"]);
    let inside = nodes(dialog);
    for name in ["السمة", "اللغة", "الأرقام", "التقويم"] {
        assert!(
            inside
                .iter()
                .any(|n| n["role"] == "combo box" && n["name"] == name),
            "{name}"
        );
    }
    let check = inside
        .iter()
        .find(|n| n["role"] == "check box" && n["name"] == "تعليم الخبر كمقروء عند فتحه")
        .expect("the check box");
    assert!(has_state(check, "checked"));
    c.close().await.expect("close");
}

/// Orca under `script`, stopped when the test ends, passed or not.
struct Orca(std::process::Child);

impl Drop for Orca {
    fn drop(&mut self) {
        // script runs Orca in a session of its own: Orca goes by its pid.
        let id = self.0.id();
        let children =
            std::fs::read_to_string(format!("/proc/{id}/task/{id}/children")).unwrap_or_default();
        for pid in children.split_whitespace() {
            let _ = Command::new("kill").args(["-KILL", pid]).status();
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Orca itself, headless, on the app's session bus with its debug log
/// (what it says is read from its "SPEECH OUTPUT" lines): it finds the app
/// and announces its window by name.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and the built app; run by scripts/test.sh"]
async fn orca_announces_the_window() {
    let site = FixtureSite::start(0).await.expect("fixture site");
    let home = tempfile::tempdir().expect("tempdir");
    let bus = SessionBus::start(home.path());
    // Orca first, as on a blind reader's desktop: it follows the window
    // that becomes active, so it has to be there when the app's opens.
    let log = screenshot_dir().join("orca.log");
    let _ = std::fs::remove_file(&log);
    // Orca writes its debug log through Python's open(), which keeps a
    // file's last 8 KB back until more comes: a line it has spoken could
    // wait there (CI once timed out on a "said" that was only unwritten).
    // A terminal is written line by line, so Orca gets one from `script`
    // (util-linux), its log as the terminal's output, flushed as it comes.
    let command = format!(
        "exec orca --replace --debug-file /dev/stdout -u {}",
        home.path().join("orca").display()
    );
    let _orca = Orca(
        Command::new("script")
            .args(["--quiet", "--flush", "--return", "--command", &command])
            .arg(&log)
            .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_DATA_HOME", home.path().join("data"))
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("orca starts (packages orca, bsdutils)"),
    );
    let spoken = || -> Vec<String> {
        std::fs::read_to_string(&log)
            .unwrap_or_default()
            .lines()
            .filter(|l| l.contains("SPEECH OUTPUT"))
            .map(str::to_owned)
            .collect()
    };
    // Waits up to `secs` for Orca to say `what`.
    let said_within = |what: &'static str, secs: u64| async move {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
        loop {
            if spoken().iter().any(|l| l.contains(what)) {
                return true;
            }
            if std::time::Instant::now() >= deadline {
                return false;
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
    };
    // What Orca heard from the app, for the failure message.
    let heard = || -> String {
        std::fs::read_to_string(&log)
            .unwrap_or_default()
            .lines()
            .filter(|l| {
                l.contains("SPEECH OUTPUT")
                    || (l.contains("EVENT MANAGER") && l.contains("khabarain"))
                    || l.contains("hung")
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(
        said_within("Screen reader on", 20).await,
        "Orca did not start:\n{}",
        heard()
    );

    let mut env = khabarain_e2e::app_env(home.path(), &site.base_url());
    env.push(("DBUS_SESSION_BUS_ADDRESS", bus.address.clone()));
    let driver = Driver::start(&env, home.path());
    let c = driver.session().await;
    wait_synced(&c).await;
    // Orca announces the window by its Arabic name when it opens. (What it
    // would read in the page is checked on the tree above.)
    assert!(
        said_within("قارئ خبرين frame", 30).await,
        "Orca never said the window's name; it heard:\n{}",
        heard()
    );
    c.close().await.expect("close");
}
