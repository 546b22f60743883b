//! The X display the readers run on: when a reader's window is mapped, and
//! what the screen shows.
//!
//! The moment a window is mapped is read from the X server's own MapNotify
//! events on the root window, not by polling with a tool, so the watch
//! costs the readers no CPU while they start.

use std::path::Path;
use std::time::{Duration, Instant};

use x11rb::connection::Connection;
use x11rb::protocol::xproto::{
    AtomEnum, ChangeWindowAttributesAux, ConnectionExt, EventMask, ImageFormat, Window,
};
use x11rb::protocol::Event;
use x11rb::rust_connection::RustConnection;

pub struct Display {
    conn: RustConnection,
    root: Window,
    width: u16,
    height: u16,
    net_wm_pid: u32,
}

/// A reader's top-level window, mapped.
pub struct Mapped {
    pub at: Instant,
    /// The reader's own window (inside the window manager's frame).
    pub window: Window,
}

type Error = Box<dyn std::error::Error>;

impl Display {
    pub fn open() -> Result<Self, Error> {
        let (conn, screen) = x11rb::connect(None)?;
        let s = &conn.setup().roots[screen];
        let (root, width, height) = (s.root, s.width_in_pixels, s.height_in_pixels);
        conn.change_window_attributes(
            root,
            &ChangeWindowAttributesAux::new().event_mask(EventMask::SUBSTRUCTURE_NOTIFY),
        )?
        .check()?;
        let net_wm_pid = conn.intern_atom(false, b"_NET_WM_PID")?.reply()?.atom;
        Ok(Display {
            conn,
            root,
            width,
            height,
            net_wm_pid,
        })
    }

    /// Forgets the events so far (windows of the runs before).
    pub fn drain(&self) {
        while let Ok(Some(_)) = self.conn.poll_for_event() {}
    }

    fn pid_of(&self, w: Window) -> Option<u32> {
        let reply = self
            .conn
            .get_property(false, w, self.net_wm_pid, AtomEnum::CARDINAL, 0, 1)
            .ok()?
            .reply()
            .ok()?;
        let pid = reply.value32()?.next();
        pid
    }

    /// The window in `w`'s subtree (the window manager's frame holds the
    /// client) that names its process, and that process.
    fn client(&self, w: Window, depth: u32) -> Option<(Window, u32)> {
        if let Some(pid) = self.pid_of(w) {
            return Some((w, pid));
        }
        if depth == 0 {
            return None;
        }
        let tree = self.conn.query_tree(w).ok()?.reply().ok()?;
        tree.children
            .iter()
            .find_map(|c| self.client(*c, depth - 1))
    }

    fn big_enough(&self, w: Window) -> bool {
        self.conn
            .get_geometry(w)
            .ok()
            .and_then(|c| c.reply().ok())
            .is_some_and(|g| g.width >= 300 && g.height >= 200)
    }

    /// Waits for a window of a process `belongs` accepts to be mapped (a
    /// main window: tooltips and tray icons are smaller than 300×200).
    pub fn wait_mapped(&self, belongs: impl Fn(u32) -> bool, timeout: Duration) -> Option<Mapped> {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            match self.conn.poll_for_event() {
                Ok(Some(Event::MapNotify(e))) => {
                    let at = Instant::now();
                    if let Some((window, pid)) = self.client(e.window, 2) {
                        if belongs(pid) && self.big_enough(e.window) {
                            return Some(Mapped { at, window });
                        }
                    }
                }
                Ok(Some(_)) => {}
                Ok(None) => std::thread::sleep(Duration::from_millis(1)),
                Err(_) => return None,
            }
        }
        None
    }

    /// A window's place on the screen and its size: x, y, width, height.
    pub fn place(&self, w: Window) -> Option<(i32, i32, i32, i32)> {
        let g = self.conn.get_geometry(w).ok()?.reply().ok()?;
        let at = self
            .conn
            .translate_coordinates(w, self.root, 0, 0)
            .ok()?
            .reply()
            .ok()?;
        Some((
            at.dst_x.into(),
            at.dst_y.into(),
            g.width.into(),
            g.height.into(),
        ))
    }

    /// The whole screen as a PNG.
    pub fn screenshot(&self, path: &Path) -> Result<(), Error> {
        let image = self
            .conn
            .get_image(
                ImageFormat::Z_PIXMAP,
                self.root,
                0,
                0,
                self.width,
                self.height,
                !0,
            )?
            .reply()?;
        // A 24-bit screen comes as 32 bits a pixel, blue first.
        let mut rgb = Vec::with_capacity(self.width as usize * self.height as usize * 3);
        for px in image.data.chunks_exact(4) {
            rgb.extend_from_slice(&[px[2], px[1], px[0]]);
        }
        let file = std::io::BufWriter::new(std::fs::File::create(path)?);
        let mut encoder = png::Encoder::new(file, self.width.into(), self.height.into());
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.write_header()?.write_image_data(&rgb)?;
        Ok(())
    }
}
