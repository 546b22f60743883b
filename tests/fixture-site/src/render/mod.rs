//! HTML and feed documents of the fixture site.

pub mod chrome;
pub mod feeds;
pub mod listing;
pub mod page;

/// Escapes text for HTML and XML.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The call to action the site appends to every summary.
pub const CALL_TO_ACTION: &str = "تابع التفاصيل على خَبَرَيْن.";
