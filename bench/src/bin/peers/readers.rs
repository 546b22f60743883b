//! The three readers: how each is given the corpus (once, kept as a
//! template home directory), how it is launched on a copy of that home, how
//! it is told to open the next article, and what it says it stored and read.
//!
//! The peers fill their own stores by their own sync from the loopback site
//! (Liferea by its D-Bus `Refresh`, RSS Guard by "update all feeds at start"
//! on a feed list written into its database); the app's store is the UI
//! bench's database (a full-text sync of the same generated feeds).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::display::Display;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    App,
    Liferea,
    RssGuard,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::App => "khabarain",
            Kind::Liferea => "Liferea",
            Kind::RssGuard => "RSS Guard",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Kind::App => "app",
            Kind::Liferea => "liferea",
            Kind::RssGuard => "rssguard",
        }
    }
}

/// A reader with its corpus stored, ready to be launched.
pub struct Reader {
    pub kind: Kind,
    /// The home directory each run starts from a copy of.
    template: PathBuf,
    pub stored: usize,
    pub version: String,
    app_binary: PathBuf,
}

/// One launch of a reader.
pub struct Running {
    pub kind: Kind,
    pub child: Child,
    pub home: PathBuf,
    pub started: Instant,
}

impl Drop for Running {
    /// Ends the reader and every process under it, and waits until they
    /// are gone: helpers still exiting would slow the next reader's start.
    fn drop(&mut self) {
        let tree: Vec<String> = khabarain_bench::procs::process_tree(self.child.id())
            .iter()
            .map(|(p, _)| p.to_string())
            .collect();
        let _ = Command::new("kill")
            .arg("-KILL")
            .args(&tree)
            .stderr(Stdio::null())
            .status();
        let _ = self.child.wait();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline
            && tree
                .iter()
                .any(|p| Path::new(&format!("/proc/{p}")).exists())
        {
            std::thread::sleep(Duration::from_millis(50));
        }
        std::thread::sleep(Duration::from_secs(1));
    }
}

type Error = Box<dyn std::error::Error>;

fn env_for(cmd: &mut Command, home: &Path) {
    let runtime = home.join(".runtime");
    let _ = std::fs::create_dir_all(&runtime);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700));
    }
    cmd.env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("XDG_CACHE_HOME", home.join(".cache"))
        .env("XDG_RUNTIME_DIR", runtime)
        .env("GSETTINGS_BACKEND", "keyfile")
        .env("NO_AT_BRIDGE", "1");
    // Qt WebEngine's Chromium refuses to run as root with its sandbox on.
    if is_root() {
        cmd.env("QTWEBENGINE_DISABLE_SANDBOX", "1");
    }
}

fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Uid:"))
                .and_then(|v| v.split_whitespace().next().map(|u| u == "0"))
        })
        .unwrap_or(false)
}

fn count(db: &Path, sql: &str) -> usize {
    rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .and_then(|c| c.query_row(sql, [], |r| r.get::<_, i64>(0)))
        .map_or(0, |n| n as usize)
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), Error> {
    let status = Command::new("cp").arg("-a").arg(from).arg(to).status()?;
    if !status.success() {
        return Err(format!("cp -a {} {}: {status}", from.display(), to.display()).into());
    }
    Ok(())
}

fn package_version(package: &str) -> String {
    Command::new("dpkg-query")
        .args(["-W", "-f", "${Version}", package])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "?".into())
}

/// Waits until `stored()` stops growing (unchanged for `quiet`) once it has
/// reached `at_least`, or gives up after `limit`.
fn wait_stored(
    stored: impl Fn() -> usize,
    at_least: usize,
    quiet: Duration,
    limit: Duration,
) -> usize {
    let start = Instant::now();
    let (mut last, mut since) = (usize::MAX, Instant::now());
    loop {
        let n = stored();
        if n != last {
            (last, since) = (n, Instant::now());
        }
        if n >= at_least && since.elapsed() >= quiet {
            return n;
        }
        if start.elapsed() > limit {
            return n;
        }
        std::thread::sleep(Duration::from_millis(500));
    }
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Liferea's feed list: every feed kept without a limit (its default keeps
/// 100 items a feed).
pub fn liferea_feedlist(feeds: &[String]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<opml version=\"1.0\">\n  <head><title>Liferea Feed List Export</title></head>\n  <body>\n",
    );
    for (i, url) in feeds.iter().enumerate() {
        let url = xml_escape(url);
        s.push_str(&format!(
            "    <outline title=\"feed {i}\" text=\"feed {i}\" type=\"rss\" id=\"feed{i}\" sortColumn=\"time\" xmlUrl=\"{url}\" cacheLimit=\"unlimited\" updateInterval=\"-1\"/>\n"
        ));
    }
    s.push_str("  </body>\n</opml>\n");
    s
}

/// Liferea's settings (GSettings' keyfile backend): `update` says whether it
/// updates every feed when it starts; the window as large as the app's.
fn liferea_settings(home: &Path, update: bool) -> Result<(), Error> {
    let dir = home.join(".config/glib-2.0/settings");
    std::fs::create_dir_all(&dir)?;
    std::fs::write(
        dir.join("keyfile"),
        format!(
            "[org/gnome/liferea]\nstartup-feed-action={}\nlast-window-state=0\nlast-window-x=0\nlast-window-y=0\nlast-window-width=1280\nlast-window-height=760\n",
            if update { 0 } else { 1 }
        ),
    )?;
    Ok(())
}

fn gdbus(args: &[&str]) -> bool {
    Command::new("gdbus")
        .args(["call", "--session"])
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn liferea_action(action: &str) -> bool {
    gdbus(&[
        "--dest",
        "net.sourceforge.liferea",
        "--object-path",
        "/net/sourceforge/liferea",
        "--method",
        "org.gtk.Actions.Activate",
        action,
        "[]",
        "{}",
    ])
}

fn rssguard_db(home: &Path) -> PathBuf {
    home.join("data/database/database.db")
}

/// RSS Guard's settings: whether it updates every feed when it starts.
fn rssguard_update_on_start(home: &Path, update: bool) -> Result<(), Error> {
    let ini = home.join("data/config/config.ini");
    let text = std::fs::read_to_string(&ini).unwrap_or_default();
    let mut out: String = text
        .lines()
        .filter(|l| !l.starts_with("feeds_update_on_startup"))
        .map(|l| format!("{l}\n"))
        .collect();
    // QSettings merges a group that appears twice.
    out.push_str(&format!(
        "\n[feeds]\nfeeds_update_on_startup={update}\nfeeds_update_on_startup_delay=0\n"
    ));
    std::fs::write(ini, out)?;
    Ok(())
}

impl Reader {
    /// The app, on the UI bench's database (`db`), with a home whose caches
    /// one launch has filled, as the peers' homes are filled by their sync.
    pub fn app(dir: &Path, app_binary: &Path, db: &Path, display: &Display) -> Result<Self, Error> {
        let template = dir.join("app-home");
        let stored = count(db, "SELECT COUNT(*) FROM articles");
        let mut reader = Reader {
            kind: Kind::App,
            template: template.clone(),
            stored,
            version: env!("CARGO_PKG_VERSION").to_string(),
            app_binary: app_binary.to_path_buf(),
        };
        if !template.join("khabarain.sqlite3").exists() {
            let _ = std::fs::remove_dir_all(&template);
            std::fs::create_dir_all(&template)?;
            std::fs::copy(db, template.join("khabarain.sqlite3"))?;
            let run = reader.launch_in(&template, display)?;
            run.wait_quiet(Duration::from_secs(60));
            drop(run);
        }
        reader.stored = count(
            &template.join("khabarain.sqlite3"),
            "SELECT COUNT(*) FROM articles",
        );
        Ok(reader)
    }

    /// Liferea, its feed list written beforehand and its store filled by
    /// its own update of every feed (asked for over D-Bus).
    pub fn liferea(
        dir: &Path,
        feeds: &[String],
        expected: usize,
        display: &Display,
    ) -> Result<Self, Error> {
        let template = dir.join("liferea-home");
        let db = template.join(".local/share/liferea/liferea.db");
        let stored = |db: &Path| count(db, "SELECT COUNT(*) FROM items");
        if stored(&db) < expected {
            let _ = std::fs::remove_dir_all(&template);
            let config = template.join(".config/liferea");
            std::fs::create_dir_all(&config)?;
            std::fs::write(config.join("feedlist.opml"), liferea_feedlist(feeds))?;
            liferea_settings(&template, false)?;
            let mut reader = Reader::peer(Kind::Liferea, template.clone());
            let run = reader.launch_in(&template, display)?;
            std::thread::sleep(Duration::from_secs(2));
            let asked = gdbus(&[
                "--dest",
                "org.gnome.feed.Reader",
                "--object-path",
                "/org/gnome/feed/Reader",
                "--method",
                "org.gnome.feed.Reader.Refresh",
            ]);
            if !asked {
                return Err("Liferea did not answer its D-Bus Refresh".into());
            }
            let n = wait_stored(
                || stored(&db),
                expected,
                Duration::from_secs(5),
                Duration::from_secs(1800),
            );
            println!("  Liferea stored {n} items");
            // Liferea writes its feed list and state when it quits.
            liferea_action("quit");
            let mut run = run;
            let deadline = Instant::now() + Duration::from_secs(60);
            while Instant::now() < deadline && matches!(run.child.try_wait(), Ok(None)) {
                std::thread::sleep(Duration::from_millis(200));
            }
            drop(run);
            reader.stored = stored(&db);
        }
        liferea_settings(&template, false)?;
        let mut reader = Reader::peer(Kind::Liferea, template);
        reader.stored = stored(&db);
        Ok(reader)
    }

    /// RSS Guard, with a standard account and the feeds written into the
    /// database it makes on its first start, filled by its own update of
    /// every feed at the next start.
    pub fn rssguard(
        dir: &Path,
        feeds: &[String],
        expected: usize,
        display: &Display,
    ) -> Result<Self, Error> {
        let template = dir.join("rssguard-home");
        let db = rssguard_db(&template);
        let stored = |db: &Path| count(db, "SELECT COUNT(*) FROM Messages");
        if stored(&db) < expected {
            let _ = std::fs::remove_dir_all(&template);
            std::fs::create_dir_all(&template)?;
            let mut reader = Reader::peer(Kind::RssGuard, template.clone());
            // The first start makes the database and the settings file.
            let run = reader.launch_in(&template, display)?;
            std::thread::sleep(Duration::from_secs(3));
            drop(run);
            {
                let c = rusqlite::Connection::open(&db)?;
                c.execute(
                    "INSERT OR IGNORE INTO Accounts (id, type, proxy_type) VALUES (1, 'std-rss', 0)",
                    [],
                )?;
                let data = r#"{"source_type":0,"type":1,"encoding":"UTF-8","post_process":"","protected":false,"username":"","password":""}"#;
                for (i, url) in feeds.iter().enumerate() {
                    c.execute(
                        "INSERT INTO Feeds (title, description, date_created, icon, category, source, update_type, update_interval, account_id, custom_id, custom_data)
                         VALUES (?1, '', 0, x'', -1, ?2, 1, 15, 1, ?3, ?4)",
                        rusqlite::params![format!("feed {i}"), url, format!("new{i}"), data],
                    )?;
                    c.execute(
                        "UPDATE Feeds SET custom_id = id WHERE custom_id = ?1",
                        [format!("new{i}")],
                    )?;
                }
            }
            rssguard_update_on_start(&template, true)?;
            let run = reader.launch_in(&template, display)?;
            let n = wait_stored(
                || stored(&db),
                expected,
                Duration::from_secs(5),
                Duration::from_secs(1800),
            );
            println!("  RSS Guard stored {n} items");
            drop(run);
            reader.stored = stored(&db);
        }
        rssguard_update_on_start(&template, false)?;
        let mut reader = Reader::peer(Kind::RssGuard, template);
        reader.stored = stored(&db);
        Ok(reader)
    }

    fn peer(kind: Kind, template: PathBuf) -> Self {
        let version = package_version(match kind {
            Kind::Liferea => "liferea",
            _ => "rssguard",
        });
        Reader {
            kind,
            template,
            stored: 0,
            version,
            app_binary: PathBuf::new(),
        }
    }

    /// Launches the reader on a fresh copy of its home in `work`.
    pub fn launch(&self, work: &Path, label: &str, display: &Display) -> Result<Running, Error> {
        let home = work.join(format!("{}-{label}", self.kind.slug()));
        let _ = std::fs::remove_dir_all(&home);
        copy_dir(&self.template, &home)?;
        // The copy's pages go to disk now, not while the reader starts: the
        // app's 100,000 articles are a 680 MB file, the peers' 70–105 MB.
        let _ = Command::new("sync").status();
        self.launch_in(&home, display)
    }

    fn launch_in(&self, home: &Path, display: &Display) -> Result<Running, Error> {
        let mut cmd = match self.kind {
            Kind::App => {
                let mut c = Command::new(&self.app_binary);
                c.args([
                    "--no-sync-on-start",
                    "--base-url",
                    "http://127.0.0.1:9/",
                    "--db",
                ])
                .arg(home.join("khabarain.sqlite3"))
                .env("RUST_LOG", "info,html5ever=off,selectors=off")
                .env("NO_COLOR", "1");
                c
            }
            Kind::Liferea => Command::new("liferea"),
            Kind::RssGuard => {
                let mut c = Command::new("rssguard");
                c.arg("-d").arg(home.join("data"));
                c
            }
        };
        env_for(&mut cmd, home);
        display.drain();
        let started = Instant::now();
        let child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(if self.kind == Kind::App {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .spawn()
            .map_err(|e| format!("{} does not start: {e}", self.kind.name()))?;
        Ok(Running {
            kind: self.kind,
            child,
            home: home.to_path_buf(),
            started,
        })
    }

    /// Articles the reader has marked read in a run's home.
    pub fn read_count(&self, home: &Path) -> usize {
        match self.kind {
            Kind::App => count(
                &home.join("khabarain.sqlite3"),
                "SELECT COUNT(*) FROM read_state",
            ),
            Kind::Liferea => count(
                &home.join(".local/share/liferea/liferea.db"),
                "SELECT COUNT(*) FROM items WHERE read = 1",
            ),
            Kind::RssGuard => count(
                &rssguard_db(home),
                "SELECT COUNT(*) FROM Messages WHERE is_read = 1",
            ),
        }
    }

    pub fn read_before(&self) -> usize {
        self.read_count(&self.template)
    }
}

impl Running {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits until the reader's processes have been quiet for a moment:
    /// the first 300 ms in which all of them used less than 30 ms of CPU
    /// (sampled every 50 ms). Returns when that quiet stretch began.
    pub fn wait_quiet(&self, limit: Duration) -> Option<Instant> {
        let pid = self.pid();
        let mut samples: Vec<(Instant, u64)> = Vec::new();
        let start = Instant::now();
        while start.elapsed() < limit {
            let now = Instant::now();
            let ticks = khabarain_bench::procs::cpu_ticks(pid);
            samples.push((now, ticks));
            if let Some(&(at, before)) = samples
                .iter()
                .rev()
                .find(|(t, _)| now.duration_since(*t) >= Duration::from_millis(300))
            {
                if ticks.saturating_sub(before) < 3 {
                    return Some(at);
                }
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }

    /// Makes the reader open its next article, the way a user would.
    pub fn open_next(&self, display: &Display, window: u32, first: bool) {
        match self.kind {
            // The j key, typed into the focused window.
            Kind::App => xdotool(&["key", "j"]),
            // Liferea's "next unread item" (Ctrl+N), the same action over
            // its D-Bus interface, which needs no keyboard focus.
            Kind::Liferea => {
                liferea_action("next-unread-item");
            }
            // RSS Guard: a click into its feed tree, Home (the account: all
            // its feeds' articles), Tab to the article list, which opens its
            // first article; then the Down key, which selects, shows and
            // marks read the next one.
            Kind::RssGuard => match display.place(window) {
                Some((x, y, w, h)) if first => {
                    let (cx, cy) = (x + w / 4, y + h * 6 / 10);
                    xdotool(&["mousemove", &cx.to_string(), &cy.to_string(), "click", "1"]);
                    std::thread::sleep(Duration::from_millis(300));
                    xdotool(&["key", "Home"]);
                    std::thread::sleep(Duration::from_millis(500));
                    xdotool(&["key", "Tab"]);
                }
                _ => xdotool(&["key", "Down"]),
            },
        }
    }

    pub fn focus(&self, window: u32) {
        xdotool(&["windowfocus", "--sync", &window.to_string()]);
    }
}

fn xdotool(args: &[&str]) {
    let _ = Command::new("xdotool")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_liferea_feed_list_keeps_every_item_of_every_feed() {
        let opml = liferea_feedlist(&["http://h/a?x=1&y=2".into(), "http://h/b".into()]);
        assert_eq!(opml.matches("cacheLimit=\"unlimited\"").count(), 2);
        assert!(opml.contains("xmlUrl=\"http://h/a?x=1&amp;y=2\""));
        assert!(opml.contains("id=\"feed1\""));
    }

    #[test]
    fn waiting_for_a_store_stops_when_it_stops_growing() {
        let calls = std::cell::Cell::new(0);
        let n = wait_stored(
            || {
                calls.set(calls.get() + 1);
                (calls.get() * 10).min(30)
            },
            20,
            Duration::from_millis(600),
            Duration::from_secs(10),
        );
        assert_eq!(n, 30);
    }
}
