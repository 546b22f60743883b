//! The test's X display as a window manager sees it: a top-level window by
//! its title, whether it is shown, and the close button (WM_DELETE_WINDOW,
//! which the app receives as a close request, unlike WebDriver's close).

use std::time::{Duration, Instant};

use x11rb::connection::Connection;
use x11rb::protocol::xproto::{
    ClientMessageEvent, ConnectionExt, EventMask, ImageFormat, MapState, Window,
};
use x11rb::rust_connection::RustConnection;

pub struct X {
    conn: RustConnection,
    root: Window,
}

impl X {
    pub fn open() -> Self {
        let (conn, screen) = x11rb::connect(None).expect("an X display (xvfb-run)");
        let root = conn.setup().roots[screen].root;
        Self { conn, root }
    }

    fn atom(&self, name: &str) -> u32 {
        self.conn
            .intern_atom(false, name.as_bytes())
            .expect("intern")
            .reply()
            .expect("atom")
            .atom
    }

    fn title(&self, w: Window) -> Option<String> {
        let utf8 = self.atom("UTF8_STRING");
        let name = self.atom("_NET_WM_NAME");
        let reply = self
            .conn
            .get_property(false, w, name, utf8, 0, 1024)
            .ok()?
            .reply()
            .ok()?;
        String::from_utf8(reply.value).ok()
    }

    /// The top-level window with this title.
    pub fn window(&self, title: &str) -> Option<Window> {
        let tree = self.conn.query_tree(self.root).ok()?.reply().ok()?;
        tree.children
            .into_iter()
            .find(|w| self.title(*w).as_deref() == Some(title))
    }

    pub fn viewable(&self, w: Window) -> bool {
        self.conn
            .get_window_attributes(w)
            .ok()
            .and_then(|c| c.reply().ok())
            .is_some_and(|a| a.map_state == MapState::VIEWABLE)
    }

    /// Waits until window `w` is shown (`true`) or hidden (`false`).
    pub fn wait_viewable(&self, w: Window, shown: bool, secs: u64) {
        let deadline = Instant::now() + Duration::from_secs(secs);
        while self.viewable(w) != shown {
            assert!(
                Instant::now() < deadline,
                "window {w:#x} not {}",
                if shown { "shown" } else { "hidden" }
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The window as the X server shows it, as a PNG: what a person at the
    /// display sees (WebKit's own snapshot, WebDriver's screenshot, can
    /// wait forever on a page that is idle).
    pub fn screenshot(&self, w: Window) -> Vec<u8> {
        let geometry = self
            .conn
            .get_geometry(w)
            .expect("geometry")
            .reply()
            .expect("geometry reply");
        let (width, height) = (geometry.width, geometry.height);
        let image = self
            .conn
            .get_image(ImageFormat::Z_PIXMAP, w, 0, 0, width, height, !0)
            .expect("image")
            .reply()
            .expect("image reply");
        // 24-bit depth comes as 32 bits a pixel, blue first.
        let rgb: Vec<u8> = image
            .data
            .chunks_exact(4)
            .flat_map(|p| [p[2], p[1], p[0]])
            .collect();
        let mut out = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut out, u32::from(width), u32::from(height));
            encoder.set_color(png::ColorType::Rgb);
            encoder.set_depth(png::BitDepth::Eight);
            let mut writer = encoder.write_header().expect("png header");
            writer.write_image_data(&rgb).expect("png data");
        }
        out
    }

    /// The window's close button.
    pub fn close(&self, w: Window) {
        let protocols = self.atom("WM_PROTOCOLS");
        let delete = self.atom("WM_DELETE_WINDOW");
        let event = ClientMessageEvent::new(32, w, protocols, [delete, 0, 0, 0, 0]);
        self.conn
            .send_event(false, w, EventMask::NO_EVENT, event)
            .expect("send")
            .check()
            .expect("sent");
        self.conn.flush().expect("flush");
    }
}
