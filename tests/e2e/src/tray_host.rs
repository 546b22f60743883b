//! A tray host on a test's private session bus: the StatusNotifierWatcher
//! that AppIndicator items (the app's tray icon on Linux) register with, and
//! a reader of an item's menu over com.canonical.dbusmenu, which can click
//! a menu entry as a desktop's panel does.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use zbus::zvariant::{OwnedObjectPath, OwnedValue, Value};

use crate::session_bus::SessionBus;

struct Watcher {
    items: Arc<Mutex<Vec<(String, String)>>>,
}

#[zbus::interface(name = "org.kde.StatusNotifierWatcher")]
impl Watcher {
    fn register_status_notifier_item(
        &self,
        service: String,
        #[zbus(header)] header: zbus::message::Header<'_>,
    ) {
        let sender = header.sender().map(|s| s.to_string()).unwrap_or_default();
        self.items
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push((sender, service));
    }

    fn register_status_notifier_host(&self, _service: String) {}

    #[zbus(property)]
    fn registered_status_notifier_items(&self) -> Vec<String> {
        self.items
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .map(|(_, s)| s.clone())
            .collect()
    }

    #[zbus(property)]
    fn is_status_notifier_host_registered(&self) -> bool {
        true
    }

    #[zbus(property)]
    fn protocol_version(&self) -> i32 {
        0
    }
}

/// One entry of a tray menu.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: i32,
    pub label: String,
    pub enabled: bool,
}

/// The tray host of the test's desktop.
pub struct TrayHost {
    connection: zbus::blocking::Connection,
    items: Arc<Mutex<Vec<(String, String)>>>,
}

impl TrayHost {
    pub fn serve(bus: &SessionBus) -> Self {
        let items = Arc::new(Mutex::new(Vec::new()));
        let connection = zbus::blocking::connection::Builder::address(bus.address.as_str())
            .and_then(|b| {
                b.name("org.kde.StatusNotifierWatcher")?
                    .serve_at(
                        "/StatusNotifierWatcher",
                        Watcher {
                            items: items.clone(),
                        },
                    )?
                    .build()
            })
            .expect("the tray host is on the bus");
        Self { connection, items }
    }

    /// Items registered so far: (bus name, object path).
    pub fn items(&self) -> Vec<(String, String)> {
        self.items
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .map(|(sender, service)| {
                if service.starts_with('/') {
                    (sender.clone(), service.clone())
                } else {
                    (service.clone(), "/StatusNotifierItem".to_string())
                }
            })
            .collect()
    }

    /// Waits for the first item, and returns it.
    pub fn wait_for_item(&self, secs: u64) -> (String, String) {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            if let Some(item) = self.items().into_iter().next() {
                return item;
            }
            assert!(Instant::now() < deadline, "no tray item registered");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Whether a bus name still has an owner (the app is running).
    pub fn has_owner(&self, name: &str) -> bool {
        let Ok(bus_name) = zbus::names::BusName::try_from(name.to_string()) else {
            return false;
        };
        zbus::blocking::fdo::DBusProxy::new(&self.connection)
            .ok()
            .and_then(|p| p.name_has_owner(bus_name).ok())
            .unwrap_or(false)
    }

    fn item_property(&self, item: &(String, String), name: &str) -> OwnedValue {
        let proxy = zbus::blocking::Proxy::new(
            &self.connection,
            item.0.as_str(),
            item.1.as_str(),
            "org.kde.StatusNotifierItem",
        )
        .expect("item proxy");
        proxy
            .get_property::<OwnedValue>(name)
            .unwrap_or_else(|e| panic!("item property {name}: {e}"))
    }

    fn menu_proxy(&self, item: &(String, String)) -> zbus::blocking::Proxy<'static> {
        let path: OwnedObjectPath = self
            .item_property(item, "Menu")
            .try_into()
            .expect("Menu is an object path");
        zbus::blocking::Proxy::new(
            &self.connection,
            item.0.clone(),
            path,
            "com.canonical.dbusmenu",
        )
        .expect("menu proxy")
    }

    /// The item's menu, flattened: every entry with a label.
    pub fn menu(&self, item: &(String, String)) -> Vec<Entry> {
        let proxy = self.menu_proxy(item);
        let _: bool = proxy.call("AboutToShow", &(0i32,)).unwrap_or(false);
        type Node = (i32, HashMap<String, OwnedValue>, Vec<OwnedValue>);
        let (_revision, (id, props, children)): (u32, Node) = proxy
            .call("GetLayout", &(0i32, -1i32, Vec::<String>::new()))
            .expect("GetLayout");
        let mut out = Vec::new();
        entry(id, &props, &mut out);
        for child in &children {
            flatten(child, &mut out);
        }
        out
    }

    /// A click on the entry labelled `label`.
    pub fn click(&self, item: &(String, String), label: &str) {
        let entry = self
            .menu(item)
            .into_iter()
            .find(|e| e.label == label)
            .unwrap_or_else(|| panic!("no menu entry {label:?}: {:?}", self.menu(item)));
        let proxy = self.menu_proxy(item);
        let () = proxy
            .call("Event", &(entry.id, "clicked", Value::from(0i32), 0u32))
            .expect("Event sent");
    }
}

/// A layout node `(ia{sv}av)` and its children, depth first.
fn flatten(node: &Value<'_>, out: &mut Vec<Entry>) {
    let node = match node {
        Value::Value(inner) => inner.as_ref(),
        other => other,
    };
    let Value::Structure(s) = node else {
        return;
    };
    let fields = s.fields();
    let (Some(Value::I32(id)), Some(props), Some(Value::Array(children))) =
        (fields.first(), fields.get(1), fields.get(2))
    else {
        return;
    };
    let props: HashMap<String, OwnedValue> = props
        .try_clone()
        .ok()
        .and_then(|p| p.try_into().ok())
        .unwrap_or_default();
    entry(*id, &props, out);
    for child in children.iter() {
        flatten(child, out);
    }
}

fn entry(id: i32, props: &HashMap<String, OwnedValue>, out: &mut Vec<Entry>) {
    let unwrap = |v: &OwnedValue| -> Option<Value<'static>> {
        let v = v.try_clone().ok()?;
        Some(match Value::from(v) {
            Value::Value(inner) => *inner,
            other => other,
        })
    };
    if let Some(Value::Str(label)) = props.get("label").and_then(unwrap) {
        let enabled = !matches!(
            props.get("enabled").and_then(unwrap),
            Some(Value::Bool(false))
        );
        out.push(Entry {
            id,
            label: label.as_str().replace('_', ""),
            enabled,
        });
    }
}
