//! Drives the real app over WebDriver: tauri-driver (which starts
//! WebKitWebDriver, which starts the app) in its own process group, one
//! WebDriver session per app launch. Needs an X display (xvfb-run) and a
//! built `target/debug/khabarain-reader`.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{elements::Element, Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

pub use fantoccini;

pub mod audio;
pub mod axe;
pub mod session_bus;
pub mod tray_host;
pub mod x11;

/// The app binary the tests drive.
pub fn app_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("KHABARAIN_APP_BINARY") {
        return PathBuf::from(p);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("debug/khabarain-reader")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// A running tauri-driver. Dropping it kills its whole process group, so no
/// orphaned app keeps the test runner's output open.
pub struct Driver {
    child: Child,
    pub port: u16,
    pub log: PathBuf,
}

impl Driver {
    /// Starts tauri-driver with the app's environment (database and site).
    pub fn start(env: &[(&str, String)], log_dir: &Path) -> Self {
        let binary = app_binary();
        assert!(
            binary.exists(),
            "{} is missing: run `cargo build -p khabarain-reader` first",
            binary.display()
        );
        let port = free_port();
        let native = free_port();
        let log = log_dir.join(format!("tauri-driver-{port}.log"));
        let out = std::fs::File::create(&log).expect("driver log");
        let err = out.try_clone().expect("driver log");
        let mut cmd =
            Command::new(std::env::var("TAURI_DRIVER").unwrap_or_else(|_| "tauri-driver".into()));
        cmd.args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native.to_string(),
        ])
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err);
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt;
            cmd.process_group(0);
        }
        let child = cmd
            .spawn()
            .expect("tauri-driver starts (cargo install tauri-driver --locked)");
        Self { child, port, log }
    }

    /// Opens a session, which launches the app. WebKitWebDriver comes up a
    /// moment after tauri-driver, so the first attempts may be refused.
    pub async fn session(&self) -> Client {
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), "wry".into());
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": app_binary() }),
        );
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{}", self.port))
                .await
            {
                Ok(c) => return c,
                Err(e) if Instant::now() < deadline => {
                    eprintln!("waiting for tauri-driver: {e}");
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                Err(e) => panic!(
                    "no WebDriver session: {e}\n{}",
                    std::fs::read_to_string(&self.log).unwrap_or_default()
                ),
            }
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        #[cfg(unix)]
        {
            let _ = Command::new("kill")
                .args(["-TERM", "--", &format!("-{}", self.child.id())])
                .status();
            std::thread::sleep(Duration::from_millis(300));
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", self.child.id())])
                .status();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits for an element to appear.
pub async fn wait_for(c: &Client, css: &str, secs: u64) -> Element {
    c.wait()
        .at_most(Duration::from_secs(secs))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no '{css}' after {secs}s: {e}"))
}

/// Waits until a JavaScript expression is truthy; returns its value.
pub async fn wait_until(c: &Client, expr: &str, secs: u64) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let v = c
            .execute(&format!("return ({expr});"), vec![])
            .await
            .unwrap_or(serde_json::Value::Null);
        let truthy = match &v {
            serde_json::Value::Null => false,
            serde_json::Value::Bool(b) => *b,
            serde_json::Value::Number(n) => n.as_f64() != Some(0.0),
            serde_json::Value::String(s) => !s.is_empty(),
            _ => true,
        };
        if truthy {
            return v;
        }
        assert!(
            Instant::now() < deadline,
            "timed out after {secs}s waiting for: {expr}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Sends keys to the focused element, as a person's keyboard would.
pub async fn key(c: &Client, keys: &str) {
    let focused = c.active_element().await.expect("focused element");
    focused.send_keys(keys).await.expect("send keys");
}

/// Presses keys as a keyboard does: real X key events (xdotool, in its
/// names: "Tab", "shift+Tab", "ctrl+equal") to the window that has the
/// focus, where WebDriver's keys are sent to one element.
pub fn press(keys: &str) {
    let status = Command::new("xdotool")
        .args(["key", "--clearmodifiers", keys])
        .status()
        .expect("xdotool runs (package xdotool)");
    assert!(status.success(), "xdotool key {keys}");
}

/// Waits until the first sync has filled the list and finished.
pub async fn wait_synced(c: &Client) {
    wait_until(
        c,
        "document.querySelectorAll('.article-row').length > 1 && !document.getElementById('sync-btn').disabled",
        60,
    )
    .await;
}

/// WebDriver's code for the Escape key.
pub const ESCAPE: &str = "\u{E00C}";

/// Waits until the reading view shows this headline.
pub async fn wait_title(c: &Client, title: &str) {
    let quoted = serde_json::to_string(title).expect("json");
    wait_until(
        c,
        &format!(
            "document.getElementById('article-title') && \
             document.getElementById('article-title').textContent === {quoted}"
        ),
        10,
    )
    .await;
}

/// Clicks the first element matching `css`, as a pointer would. A list
/// drawn again between finding the element and clicking it (a sync that
/// just finished) makes the element stale: it is found again.
pub async fn click(c: &Client, css: &str) {
    let mut last = None;
    for _ in 0..10 {
        match c.find(Locator::Css(css)).await {
            Ok(el) => match el.click().await {
                Ok(_) => return,
                Err(e) => last = Some(e.to_string()),
            },
            Err(e) => last = Some(e.to_string()),
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("could not click {css}: {last:?}");
}

/// Runs a script in the page and returns its value.
pub async fn js(c: &Client, script: &str) -> serde_json::Value {
    c.execute(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
}

/// The app's environment for a test: its database in `home`, the site at
/// `base_url`, and WebKit's own data kept out of the real home folder.
pub fn app_env(home: &Path, base_url: &str) -> Vec<(&'static str, String)> {
    let under = |p: &str| home.join(p).display().to_string();
    vec![
        ("KHABARAIN_DB", under("khabarain.sqlite3")),
        ("KHABARAIN_BASE_URL", base_url.to_string()),
        ("XDG_DATA_HOME", under("data")),
        ("XDG_CONFIG_HOME", under("config")),
        ("XDG_CACHE_HOME", under("cache")),
    ]
}

/// Where tests leave screenshots for people to look at.
pub fn screenshot_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e");
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    dir
}
