//! What a text element held, made into the value a reader gets: its kind
//! (text or HTML) decided as feedparser decides it, base64 decoded, the
//! windows-1252 characters a CMS meant by C1 code points restored, UTF-8
//! read as Latin-1 by a careless server repaired.

use base64::Engine;

/// Text elements' content types, as feeds declare them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Declared {
    Text,
    Html,
    Xhtml,
}

/// The declared type of a text element (`type`, and Atom 0.3's `mode`),
/// and whether its content is base64 (`mode="base64"`, or a type that is
/// neither text nor XML: Atom's rule for other media types).
pub(super) fn declared(
    type_attr: Option<&str>,
    mode: Option<&str>,
    default: Declared,
) -> (Declared, bool) {
    let base64 = mode.is_some_and(|m| m.trim().eq_ignore_ascii_case("base64"));
    let Some(t) = type_attr.map(|t| t.trim().to_ascii_lowercase()) else {
        return (default, base64);
    };
    match t.as_str() {
        "text" | "plain" | "text/plain" => (Declared::Text, base64),
        "html" | "text/html" => (Declared::Html, base64),
        "xhtml" | "application/xhtml+xml" => (Declared::Xhtml, base64),
        t if t.starts_with("text/") => (Declared::Text, base64),
        t if t.ends_with("+xml") || t.ends_with("/xml") => (Declared::Xhtml, base64),
        "" => (default, base64),
        // Another media type: its bytes, base64-encoded, shown as text.
        _ => (Declared::Text, true),
    }
}

/// HTML elements feedparser accepts as evidence that "plain text" is HTML
/// (its sanitiser's allow-list).
const HTML_ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "big",
    "blockquote",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "command",
    "datagrid",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "em",
    "event-source",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "i",
    "img",
    "input",
    "ins",
    "kbd",
    "keygen",
    "label",
    "legend",
    "li",
    "m",
    "map",
    "menu",
    "meter",
    "multicol",
    "nav",
    "nextid",
    "noscript",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "pre",
    "progress",
    "q",
    "s",
    "samp",
    "section",
    "select",
    "small",
    "sound",
    "source",
    "spacer",
    "span",
    "strike",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
    "video",
];

/// Whether text declared plain is HTML after all (RSS titles and the like
/// routinely are): it closes an element or holds an entity, and every tag
/// and entity in it is HTML's. Errs on the side of text, since taking text
/// for HTML loses what looked like tags.
pub(super) fn looks_like_html(s: &str) -> bool {
    let closes = s.match_indices("</").any(|(i, _)| {
        let rest = &s[i + 2..];
        let n = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
        n > 0 && rest.as_bytes().get(n) == Some(&b'>')
    });
    let entities: Vec<&str> = s
        .match_indices('&')
        .filter_map(|(i, _)| {
            let rest = &s[i + 1..];
            let n = rest
                .bytes()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == b'#')
                .count();
            (n > 0 && rest.as_bytes().get(n) == Some(&b';')).then(|| &rest[..n])
        })
        .collect();
    if !closes && entities.is_empty() {
        return false;
    }
    let tags_ok = s.match_indices('<').all(|(i, _)| {
        let rest = s[i + 1..].trim_start_matches('/');
        let n = rest
            .bytes()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == b'_')
            .count();
        n == 0 || HTML_ELEMENTS.contains(&rest[..n].to_ascii_lowercase().as_str())
    });
    let entities_ok = entities
        .iter()
        .all(|e| e.starts_with('#') || super::entities::lookup(e).is_some() || *e == "apos");
    tags_ok && entities_ok
}

/// Base64 text decoded, when it is base64 of UTF-8; else as it was.
pub(super) fn base64_text(s: &str) -> String {
    let compact: String = s.split_whitespace().collect();
    base64::engine::general_purpose::STANDARD
        .decode(compact.as_bytes())
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_else(|| s.to_string())
}

/// The last repairs every value gets: UTF-8 that was read as Latin-1
/// (`Ã©` for `é`) read again, in a document that is UTF-8; then C1 code
/// points (U+0080–U+009F, which no one writes on purpose) as the
/// windows-1252 characters they are in that encoding (“ ” ‘ ’ – — …).
pub(super) fn repaired(s: String, utf8_document: bool) -> String {
    // One look at the text decides: most is ASCII, or beyond Latin-1.
    let (mut latin, mut beyond, mut c1) = (false, false, false);
    for c in s.chars() {
        match u32::from(c) {
            0..=0x7f => {}
            0x80..=0x9f => {
                latin = true;
                c1 = true;
            }
            0xa0..=0xff => latin = true,
            _ => beyond = true,
        }
    }
    let s = if utf8_document && latin && !beyond {
        relatin(&s).unwrap_or(s)
    } else {
        s
    };
    if c1 && s.chars().any(|c| ('\u{80}'..'\u{a0}').contains(&c)) {
        s.chars()
            .map(|c| crate::text::windows_1252_high(u32::from(c)).unwrap_or(c))
            .collect()
    } else {
        s
    }
}

/// `s` as UTF-8, when its characters are all Latin-1 bytes that make valid
/// UTF-8 with at least one multi-byte character.
fn relatin(s: &str) -> Option<String> {
    let bytes: Vec<u8> = s.chars().map(|c| c as u8).collect();
    String::from_utf8(bytes).ok()
}

/// `&`, `<`, `>` and `"` escaped, for text put into markup.
pub(super) fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_that_is_html() {
        assert!(looks_like_html("<b>bold</b> text"));
        assert!(looks_like_html("AT&amp;T"));
        assert!(!looks_like_html("History of the <blink> tag"));
        assert!(!looks_like_html("a < b and c > d"));
        assert!(!looks_like_html("<foo>x</foo>"));
        assert!(!looks_like_html("&madeup;"));
    }

    #[test]
    fn repairs() {
        // Numeric references to UTF-8 bytes, in a UTF-8 document.
        assert_eq!(repaired("\u{e2}\u{80}\u{a6}".into(), true), "…");
        // Smart quotes as C1 code points.
        assert_eq!(repaired("don\u{92}t".into(), false), "don’t");
        assert_eq!(repaired("café".into(), true), "café");
        assert_eq!(repaired("خبر".into(), true), "خبر");
    }

    #[test]
    fn types_as_declared() {
        assert_eq!(
            declared(Some("html"), None, Declared::Text),
            (Declared::Html, false)
        );
        assert_eq!(
            declared(None, Some("base64"), Declared::Text),
            (Declared::Text, true)
        );
        assert_eq!(
            declared(Some("text/html"), Some("base64"), Declared::Text),
            (Declared::Html, true)
        );
        assert_eq!(
            declared(Some("application/octet-stream"), None, Declared::Text),
            (Declared::Text, true)
        );
        assert_eq!(
            declared(Some("text/css"), None, Declared::Html),
            (Declared::Text, false)
        );
        assert_eq!(
            base64_text("RXhhbXBsZSA8Yj5BdG9tPC9iPg=="),
            "Example <b>Atom</b>"
        );
    }
}
