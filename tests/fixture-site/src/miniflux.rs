//! A real Miniflux (the version `scripts/deps.sh` builds into
//! `target/tools/`) on a throwaway PostgreSQL cluster, both on loopback, for
//! the sync-account tests and benchmarks: no mock stands in for the server.
//! Started per test; dropping it stops both and removes the cluster, so
//! nothing is left running, even when a test panics.
//!
//! The admin user has the Google Reader API switched on (Miniflux has no
//! API call for that: it is set in its database, as its settings page
//! would), and Miniflux may fetch feeds from loopback, where the fixture
//! site runs.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const VERSION: &str = "2.3.5";
pub const ADMIN: &str = "admin";
pub const ADMIN_PASSWORD: &str = "admin-password-1";
/// The Google Reader API's own login (Miniflux keeps it apart from the
/// account's password).
pub const READER_USER: &str = "reader";
pub const READER_PASSWORD: &str = "reader-password-1";

pub struct Miniflux {
    /// `http://127.0.0.1:PORT`
    pub url: String,
    port: u16,
    child: Option<Child>,
    pg: Postgres,
    dir: tempfile::TempDir,
}

/// The Miniflux binary: `KHABARAIN_MINIFLUX`, else where deps.sh builds it.
pub fn binary() -> PathBuf {
    std::env::var_os("KHABARAIN_MINIFLUX")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!(
                "../../target/tools/miniflux-{VERSION}/miniflux.app"
            ))
        })
}

fn free_port() -> std::io::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

fn other(msg: String) -> std::io::Error {
    std::io::Error::other(msg)
}

impl Miniflux {
    /// Starts PostgreSQL and Miniflux; fails with what to do when either is
    /// missing (`source scripts/deps.sh && deps_miniflux`).
    pub fn start() -> std::io::Result<Self> {
        let bin = binary();
        if !bin.exists() {
            return Err(other(format!(
                "no Miniflux at {}: run `source scripts/deps.sh && deps_miniflux` (the README's test command does)",
                bin.display()
            )));
        }
        let dir = tempfile::Builder::new()
            .prefix("khabarain-miniflux")
            .tempdir()?;
        let pg = Postgres::start(dir.path())?;
        let port = free_port()?;
        let mut mf = Self {
            url: format!("http://127.0.0.1:{port}"),
            port,
            child: None,
            pg,
            dir,
        };
        mf.resume()?;
        mf.pg.sql(&format!(
            "CREATE EXTENSION IF NOT EXISTS pgcrypto;
             UPDATE integrations SET googlereader_enabled = true,
                    googlereader_username = '{READER_USER}',
                    googlereader_password = crypt('{READER_PASSWORD}', gen_salt('bf', 10))
              WHERE user_id = (SELECT id FROM users WHERE username = '{ADMIN}');"
        ))?;
        Ok(mf)
    }

    /// Stops Miniflux (PostgreSQL keeps its data): the server is down.
    pub fn pause(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Starts Miniflux again on the same address.
    pub fn resume(&mut self) -> std::io::Result<()> {
        if self.child.is_some() {
            return Ok(());
        }
        let log = std::fs::File::create(self.dir.path().join("miniflux.log"))?;
        let child = Command::new(binary())
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .env("DATABASE_URL", self.pg.url())
            .env("RUN_MIGRATIONS", "1")
            .env("CREATE_ADMIN", "1")
            .env("ADMIN_USERNAME", ADMIN)
            .env("ADMIN_PASSWORD", ADMIN_PASSWORD)
            .env("LISTEN_ADDR", format!("127.0.0.1:{}", self.port))
            .env("BASE_URL", &self.url)
            .env("FETCHER_ALLOW_PRIVATE_NETWORKS", "1")
            .env("POLLING_FREQUENCY", "1440")
            .env("WORKER_POOL_SIZE", "2")
            .env("DATABASE_MAX_CONNS", "5")
            .env("HTTP_CLIENT_TIMEOUT", "10")
            .env("LOG_LEVEL", "error")
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()?;
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if get(self.port, "/healthcheck").is_ok_and(|body| body.ends_with("OK")) {
                return Ok(());
            }
            if let Some(c) = self.child.as_mut() {
                if let Ok(Some(status)) = c.try_wait() {
                    self.child = None;
                    return Err(other(format!(
                        "Miniflux exited ({status}): {}",
                        std::fs::read_to_string(self.dir.path().join("miniflux.log"))
                            .unwrap_or_default()
                    )));
                }
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Err(other("Miniflux did not become healthy in 30 s".into()))
    }

    /// Runs SQL in Miniflux's database (for what its API cannot set up).
    pub fn sql(&self, sql: &str) -> std::io::Result<String> {
        self.pg.sql(sql)
    }
}

impl Drop for Miniflux {
    fn drop(&mut self) {
        self.pause();
        self.pg.stop();
    }
}

/// A throwaway PostgreSQL cluster (Debian's), trusted on 127.0.0.1 only.
struct Postgres {
    bin: PathBuf,
    data: PathBuf,
    port: u16,
    running: bool,
}

impl Postgres {
    fn start(dir: &Path) -> std::io::Result<Self> {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .map_err(|e| {
                other(format!(
                    "no PostgreSQL in /usr/lib/postgresql ({e}): apt install postgresql"
                ))
            })?
            .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
            .filter(|b| b.join("initdb").exists())
            .max_by_key(|b| {
                b.parent()
                    .and_then(|v| v.file_name())
                    .and_then(|v| v.to_str())
                    .and_then(|v| v.parse::<u32>().ok())
                    .unwrap_or(0)
            })
            .ok_or_else(|| other("no PostgreSQL server binaries: apt install postgresql".into()))?;
        // initdb and postgres refuse to run as root: the cluster is then the
        // postgres system user's.
        let data = dir.join("pg");
        if is_root() {
            chown_to_postgres(dir)?;
        }
        let port = free_port()?;
        let mut pg = Self {
            bin,
            data,
            port,
            running: false,
        };
        pg.run(
            "initdb",
            &[
                "-D",
                &pg.data.display().to_string(),
                "-U",
                "postgres",
                "-A",
                "trust",
                "--no-sync",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
        )?;
        let options = format!(
            "-c listen_addresses=127.0.0.1 -p {port} -k {} -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
            dir.display()
        );
        pg.run(
            "pg_ctl",
            &[
                "-D",
                &pg.data.display().to_string(),
                "-l",
                &dir.join("pg.log").display().to_string(),
                "-w",
                "-t",
                "30",
                "-o",
                &options,
                "start",
            ],
        )?;
        pg.running = true;
        let out = Command::new(pg.bin.join("createdb"))
            .args([
                "-h",
                "127.0.0.1",
                "-p",
                &port.to_string(),
                "-U",
                "postgres",
                "miniflux",
            ])
            .output()?;
        if !out.status.success() {
            return Err(other(format!(
                "createdb: {}",
                String::from_utf8_lossy(&out.stderr)
            )));
        }
        Ok(pg)
    }

    fn url(&self) -> String {
        format!(
            "postgres://postgres@127.0.0.1:{}/miniflux?sslmode=disable",
            self.port
        )
    }

    fn run(&self, tool: &str, args: &[&str]) -> std::io::Result<()> {
        let path = self.bin.join(tool);
        let out = if is_root() {
            Command::new("runuser")
                .args(["-u", "postgres", "--"])
                .arg(&path)
                .args(args)
                .stdin(Stdio::null())
                .output()?
        } else {
            Command::new(&path)
                .args(args)
                .stdin(Stdio::null())
                .output()?
        };
        if out.status.success() {
            Ok(())
        } else {
            Err(other(format!(
                "{tool}: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )))
        }
    }

    fn sql(&self, sql: &str) -> std::io::Result<String> {
        let out = Command::new(self.bin.join("psql"))
            .args([
                "-h",
                "127.0.0.1",
                "-p",
                &self.port.to_string(),
                "-U",
                "postgres",
                "-d",
                "miniflux",
            ])
            .args(["-v", "ON_ERROR_STOP=1", "-At", "-c", sql])
            .output()?;
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        } else {
            Err(other(format!(
                "psql: {}",
                String::from_utf8_lossy(&out.stderr)
            )))
        }
    }

    fn stop(&mut self) {
        if self.running {
            let data = self.data.display().to_string();
            let _ = self.run("pg_ctl", &["-D", &data, "-m", "immediate", "-w", "stop"]);
            self.running = false;
        }
    }
}

fn is_root() -> bool {
    std::fs::metadata("/proc/self")
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
        .unwrap_or(false)
}

fn chown_to_postgres(dir: &Path) -> std::io::Result<()> {
    let id = |flag: &str| -> std::io::Result<u32> {
        let out = Command::new("id").args([flag, "postgres"]).output()?;
        String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .map_err(|_| other("no postgres system user (apt install postgresql)".into()))
    };
    std::os::unix::fs::chown(dir, Some(id("-u")?), Some(id("-g")?))
}

/// A plain HTTP GET on loopback; the body.
fn get(port: u16, path: &str) -> std::io::Result<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(Duration::from_secs(2)))?;
    write!(s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")?;
    let mut body = String::new();
    s.read_to_string(&mut body)?;
    Ok(body.trim_end().to_string())
}
