//! A private D-Bus session bus for one test, and a notification server on
//! it that records what the app asks to show (`org.freedesktop.Notifications`,
//! the Desktop Notifications Specification), and can click a notification
//! as a desktop does.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use zbus::object_server::SignalEmitter;
use zbus::zvariant::OwnedValue;

/// A `dbus-daemon --session` on a socket of its own; killed on drop.
pub struct SessionBus {
    child: Child,
    pub address: String,
}

impl SessionBus {
    pub fn start(dir: &Path) -> Self {
        let socket = dir.join("bus");
        let address = format!("unix:path={}", socket.display());
        let child = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--nopidfile"])
            .arg(format!("--address={address}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon starts (package dbus-daemon)");
        let deadline = Instant::now() + Duration::from_secs(10);
        // The socket file is made before the daemon listens on it.
        while std::os::unix::net::UnixStream::connect(&socket).is_err() {
            assert!(Instant::now() < deadline, "no bus at {address}");
            std::thread::sleep(Duration::from_millis(50));
        }
        Self { child, address }
    }
}

impl Drop for SessionBus {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One `Notify` call as the server received it.
#[derive(Debug, Clone)]
pub struct Shown {
    pub id: u32,
    pub app_name: String,
    pub summary: String,
    pub body: String,
    pub actions: Vec<String>,
}

struct Server {
    shown: Arc<Mutex<Vec<Shown>>>,
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl Server {
    fn get_capabilities(&self) -> Vec<String> {
        vec!["body".into(), "actions".into()]
    }

    #[allow(clippy::too_many_arguments)]
    fn notify(
        &self,
        app_name: String,
        _replaces_id: u32,
        _app_icon: String,
        summary: String,
        body: String,
        actions: Vec<String>,
        _hints: HashMap<String, OwnedValue>,
        _expire_timeout: i32,
    ) -> u32 {
        let mut shown = self.shown.lock().unwrap_or_else(|p| p.into_inner());
        let id = shown.len() as u32 + 1;
        shown.push(Shown {
            id,
            app_name,
            summary,
            body,
            actions,
        });
        id
    }

    fn close_notification(&self, _id: u32) {}

    fn get_server_information(&self) -> (String, String, String, String) {
        (
            "khabarain-test".into(),
            "khabarain".into(),
            "1".into(),
            "1.2".into(),
        )
    }

    #[zbus(signal)]
    async fn action_invoked(
        emitter: &SignalEmitter<'_>,
        id: u32,
        action_key: &str,
    ) -> zbus::Result<()>;
}

const PATH: &str = "/org/freedesktop/Notifications";

/// The notification server of the test's desktop.
pub struct Notifications {
    connection: zbus::blocking::Connection,
    shown: Arc<Mutex<Vec<Shown>>>,
}

impl Notifications {
    pub fn serve(bus: &SessionBus) -> Self {
        let shown = Arc::new(Mutex::new(Vec::new()));
        let connection = zbus::blocking::connection::Builder::address(bus.address.as_str())
            .and_then(|b| {
                b.name("org.freedesktop.Notifications")?
                    .serve_at(
                        PATH,
                        Server {
                            shown: shown.clone(),
                        },
                    )?
                    .build()
            })
            .expect("the notification server is on the bus");
        Self { connection, shown }
    }

    pub fn shown(&self) -> Vec<Shown> {
        self.shown.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Waits until `n` notifications were shown, and returns them.
    pub fn wait_for(&self, n: usize, secs: u64) -> Vec<Shown> {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let shown = self.shown();
            if shown.len() >= n {
                return shown;
            }
            assert!(
                Instant::now() < deadline,
                "{} notifications shown, waited for {n}: {shown:?}",
                shown.len()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// A click on notification `id`, as the desktop reports it.
    pub fn click(&self, id: u32) {
        let iface = self
            .connection
            .object_server()
            .interface::<_, Server>(PATH)
            .expect("the server's interface");
        zbus::block_on(Server::action_invoked(
            iface.signal_emitter(),
            id,
            "default",
        ))
        .expect("ActionInvoked sent");
    }
}
