//! One window per database: on a private D-Bus session bus, a second launch
//! on the same database hands over to the open window and exits, while a
//! launch on another database runs beside it. The app binary is started
//! directly (no WebDriver), as a desktop launcher would.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use khabarain_e2e::app_binary;

/// Names on the bus held by the app's instances.
fn instance_names(bus: &str) -> Vec<String> {
    let out = Command::new("dbus-send")
        .env("DBUS_SESSION_BUS_ADDRESS", bus)
        .args([
            "--session",
            "--print-reply",
            "--dest=org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus.ListNames",
        ])
        .output()
        .expect("dbus-send runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.trim().strip_prefix("string \""))
        .filter_map(|l| l.strip_suffix('"'))
        .filter(|n| n.starts_with("com.khabarain.reader.db"))
        .map(str::to_string)
        .collect()
}

fn wait_for_names(bus: &str, n: usize) -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let names = instance_names(bus);
        if names.len() == n {
            return names;
        }
        assert!(
            Instant::now() < deadline,
            "expected {n} instance names, have {names:?}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

struct Killed(Child);
impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn launch(bus: &str, home: &Path, db: &str, log: &str) -> Killed {
    let out = std::fs::File::create(home.join(log)).expect("log");
    Killed(
        Command::new(app_binary())
            .args(["--no-sync-on-start", "--base-url", "http://127.0.0.1:9/"])
            .arg("--db")
            .arg(home.join(db))
            .env("DBUS_SESSION_BUS_ADDRESS", bus)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(out)
            .spawn()
            .expect("the app starts"),
    )
}

#[test]
#[ignore = "needs Xvfb, dbus-daemon and the built app; run by scripts/test.sh"]
fn a_second_launch_on_the_same_database_goes_to_the_open_window() {
    let home = tempfile::tempdir().expect("tempdir");
    let session = khabarain_e2e::session_bus::SessionBus::start(home.path());
    let bus = session.address.clone();

    let _first = launch(&bus, home.path(), "a.sqlite3", "first.log");
    let names = wait_for_names(&bus, 1);

    // The same database: the second process exits at once, successfully,
    // and the first one is told to show its window.
    let mut second = launch(&bus, home.path(), "a.sqlite3", "second.log");
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(status) = second.0.try_wait().expect("wait") {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "the second launch is still running:\n{}",
            std::fs::read_to_string(home.path().join("second.log")).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(status.success(), "{status}");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !std::fs::read_to_string(home.path().join("first.log"))
        .unwrap_or_default()
        .contains("launched again; showing the open window")
    {
        assert!(Instant::now() < deadline, "the first window was not told");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(
        instance_names(&bus),
        names,
        "the first one still holds its name"
    );

    // Another database runs beside it.
    let mut other = launch(&bus, home.path(), "b.sqlite3", "other.log");
    let both = wait_for_names(&bus, 2);
    assert!(both.contains(&names[0]));
    assert!(
        other.0.try_wait().expect("wait").is_none(),
        "the other one runs"
    );
}
