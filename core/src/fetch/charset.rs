//! Bytes → text in the encoding the server meant: a BOM first, then the
//! HTTP charset, then what the document declares (XML prolog or HTML meta),
//! else UTF-8. Arabic sites still serve windows-1256 and ISO-8859-6. A feed
//! is read as XML 1.0's Appendix F says (UTF-16 and UTF-32 known by their
//! first bytes, with or without a byte order mark); one whose bytes are not
//! the UTF-8 it claims or defaults to, and that declares nothing else, has
//! its encoding guessed by chardetng (Firefox's detector).

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8};

use super::codepages::{CodePage, PAGES};

/// An encoding the app reads: one of the WHATWG Encoding Standard's, or a
/// code page it leaves out (`codepages`).
#[derive(Clone, Copy)]
enum Charset {
    Standard(&'static Encoding),
    Page(&'static CodePage),
}

/// Names of WHATWG encodings that the standard does not list but feeds
/// write (CPython's names for them).
const MORE_NAMES: &[(&str, &str)] = &[
    ("macroman", "macintosh"),
    ("mac-roman", "macintosh"),
    ("maccyrillic", "x-mac-cyrillic"),
    ("mac-cyrillic", "x-mac-cyrillic"),
    ("ms-ansi", "windows-1252"),
    ("ms-arab", "windows-1256"),
    ("ms-cyrl", "windows-1251"),
    ("ms-ee", "windows-1250"),
    ("ms-greek", "windows-1253"),
    ("ms-hebr", "windows-1255"),
    ("ms-turk", "windows-1254"),
    ("winbaltrim", "windows-1257"),
];

/// The encoding a label names: the standard's labels first, then the
/// same with `_` read as `-` (`windows_1256`), then other names of its
/// encodings, then the code pages.
fn resolve(label: &str) -> Option<Charset> {
    let label = label.trim().trim_matches(['"', '\'']).trim();
    if let Some(e) = Encoding::for_label(label.as_bytes()) {
        return Some(Charset::Standard(e));
    }
    let folded = label.to_ascii_lowercase().replace('_', "-");
    if let Some(e) = Encoding::for_label(folded.as_bytes()) {
        return Some(Charset::Standard(e));
    }
    if let Some((_, std)) = MORE_NAMES.iter().find(|(n, _)| *n == folded) {
        return Encoding::for_label(std.as_bytes()).map(Charset::Standard);
    }
    PAGES
        .iter()
        .find(|p| p.labels.contains(&folded.as_str()))
        .map(Charset::Page)
}

/// The charset parameter of a Content-Type header, as written.
fn header_label(content_type: Option<&str>) -> Option<&str> {
    content_type?.split(';').skip(1).find_map(|param| {
        let (k, v) = param.split_once('=')?;
        k.trim().eq_ignore_ascii_case("charset").then_some(v)
    })
}

/// The charset parameter of a Content-Type header.
fn header_charset(content_type: Option<&str>) -> Option<&'static Encoding> {
    header_label(content_type)
        .and_then(|v| Encoding::for_label(v.trim().trim_matches(['"', '\'']).as_bytes()))
}

/// `encoding="…"` of an XML declaration, as written.
fn declared_label(text: &str) -> Option<&str> {
    let decl = text.strip_prefix("<?xml")?.split("?>").next()?;
    let after = decl
        .split_once("encoding")?
        .1
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    after[1..].split(quote).next()
}

/// The XML declaration's encoding label, read from the raw bytes (the
/// declaration is ASCII in every ASCII-compatible encoding).
fn xml_label(body: &[u8]) -> Option<String> {
    let head = &body[..body.len().min(256)];
    let text = std::str::from_utf8(head).unwrap_or_else(|e| {
        // The prefix up to the first non-UTF-8 byte is enough for the prolog.
        std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default()
    });
    declared_label(text).map(String::from)
}

/// An EBCDIC document (`<?xm` in EBCDIC, XML Appendix F): the code page
/// its declaration names, read in EBCDIC.
fn ebcdic(body: &[u8]) -> Option<&'static CodePage> {
    if body.get(..4)? != [0x4C, 0x6F, 0xA7, 0x94] {
        return None;
    }
    let cp037 = PAGES.iter().find(|p| p.name == "cp037")?;
    let head = decode_page(cp037, &body[..body.len().min(256)]);
    match declared_label(&head).and_then(resolve) {
        Some(Charset::Page(p)) => Some(p),
        _ => Some(cp037),
    }
}

fn decode_page(page: &CodePage, bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| char::from_u32(u32::from(page.chars[usize::from(*b)])).unwrap_or('\u{fffd}'))
        .collect()
}

/// `<meta charset>` or `<meta http-equiv="Content-Type" content="…charset=…">`
/// within the first 2 KB, as browsers look for it.
fn html_declared(body: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&body[..body.len().min(2048)]).to_ascii_lowercase();
    let at = head.find("charset")?;
    let rest = head[at + "charset".len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    Encoding::for_label(&rest.as_bytes()[..end])
}

fn decode_with<'a>(
    body: &'a [u8],
    fallback: &'static Encoding,
) -> (Cow<'a, str>, &'static Encoding) {
    // decode() honours a BOM over the given encoding and strips it.
    let (text, used, _had_errors) = fallback.decode(body);
    (text, used)
}

/// A feed document decoded.
#[derive(Debug)]
pub struct FeedText<'a> {
    /// UTF-8, its XML declaration saying so.
    pub bytes: Cow<'a, [u8]>,
    /// The encoding it was read in (WHATWG name: `UTF-8`, `windows-1256`…).
    pub encoding: &'static str,
    /// The bytes were UTF-8 (so UTF-8 that was read as Latin-1 along the
    /// way, `Ã©`, can be repaired).
    pub utf8: bool,
}

/// A feed document as UTF-8 bytes with its declaration saying so, ready for
/// the XML parser whatever it was served in.
pub fn feed_to_utf8<'a>(body: &'a [u8], content_type: Option<&str>) -> Cow<'a, [u8]> {
    decode_feed(body, content_type).bytes
}

/// Decodes a feed: byte order mark, else UTF-32/UTF-16 by the first
/// characters (`<?` in four bytes), else the HTTP charset, else the XML
/// declaration, else UTF-8 — and where the bytes are not valid in the
/// UTF-8 that came of that, the detector's guess.
pub fn decode_feed<'a>(body: &'a [u8], content_type: Option<&str>) -> FeedText<'a> {
    if let Some((enc, skip)) = utf32(body) {
        let name = match enc {
            Utf32::Be => "UTF-32BE",
            Utf32::Le => "UTF-32LE",
        };
        return owned(utf32_decode(&body[skip..], enc == Utf32::Be), name, false);
    }
    if let Some((encoding, _)) = Encoding::for_bom(body) {
        let (text, used) = decode_with(body, encoding);
        return owned(text.into_owned(), used.name(), used == UTF_8);
    }
    if let Some(enc) = utf16_unmarked(body) {
        let (text, _) = enc.decode_without_bom_handling(body);
        return owned(text.into_owned(), enc.name(), false);
    }
    if let Some(page) = ebcdic(body) {
        return owned(decode_page(page, body), page.name, false);
    }
    let declared = header_label(content_type)
        .and_then(resolve)
        .or_else(|| xml_label(body).as_deref().and_then(resolve));
    match declared {
        // A UTF-16 label on a document that is not (it is read as bytes):
        // the label is wrong, the bytes say what they are.
        Some(Charset::Standard(enc))
            if enc != UTF_8 && enc != encoding_rs::UTF_16LE && enc != encoding_rs::UTF_16BE =>
        {
            let (text, used) = decode_with(body, enc);
            owned(text.into_owned(), used.name(), false)
        }
        Some(Charset::Page(page)) => owned(decode_page(page, body), page.name, false),
        _ => match std::str::from_utf8(body) {
            Ok(_) => FeedText {
                bytes: Cow::Borrowed(body),
                encoding: UTF_8.name(),
                utf8: true,
            },
            // Cut inside a character at the end: UTF-8 still.
            Err(e) if e.error_len().is_none() => FeedText {
                bytes: Cow::Borrowed(body),
                encoding: UTF_8.name(),
                utf8: true,
            },
            // UTF-8 with a stray byte or two (a CMS that pasted one in):
            // UTF-8, each bad byte shown as such, rather than the whole
            // text read as another encoding.
            Err(_) if mostly_utf8(body) => {
                let text = String::from_utf8_lossy(body).into_owned();
                owned(text, UTF_8.name(), true)
            }
            Err(_) => {
                let mut detector = chardetng::EncodingDetector::new();
                detector.feed(body, true);
                let guess = detector.guess(None, false);
                let (text, _) = guess.decode_without_bom_handling(body);
                owned(text.into_owned(), guess.name(), false)
            }
        },
    }
}

/// Whether bytes that are not valid UTF-8 are UTF-8 all the same, with a
/// few bad bytes: their multi-byte characters outnumber their errors ten
/// to one.
fn mostly_utf8(body: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    let mut rest = body;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                good += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                good += std::str::from_utf8(valid)
                    .map(|s| s.chars().filter(|c| !c.is_ascii()).count())
                    .unwrap_or(0);
                bad += 1;
                match e.error_len() {
                    Some(n) => rest = &after[n..],
                    None => break,
                }
            }
        }
    }
    good >= 10 * bad
}

fn owned(text: String, encoding: &'static str, utf8: bool) -> FeedText<'static> {
    FeedText {
        bytes: Cow::Owned(retag_xml_declaration(&text).into_bytes()),
        encoding,
        utf8,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Utf32 {
    Be,
    Le,
}

/// UTF-32 by its byte order mark or by `<` as its first character (XML
/// Appendix F); the bytes to skip.
fn utf32(body: &[u8]) -> Option<(Utf32, usize)> {
    match body.get(..4)? {
        [0, 0, 0xFE, 0xFF] => Some((Utf32::Be, 4)),
        [0xFF, 0xFE, 0, 0] => Some((Utf32::Le, 4)),
        [0, 0, 0, b'<'] => Some((Utf32::Be, 0)),
        [b'<', 0, 0, 0] => Some((Utf32::Le, 0)),
        _ => None,
    }
}

fn utf32_decode(bytes: &[u8], big_endian: bool) -> String {
    bytes
        .chunks_exact(4)
        .map(|c| {
            let n = if big_endian {
                u32::from_be_bytes([c[0], c[1], c[2], c[3]])
            } else {
                u32::from_le_bytes([c[0], c[1], c[2], c[3]])
            };
            char::from_u32(n).unwrap_or(char::REPLACEMENT_CHARACTER)
        })
        .collect()
}

/// UTF-16 without a byte order mark, by `<?` as its first characters.
fn utf16_unmarked(body: &[u8]) -> Option<&'static Encoding> {
    match body.get(..4)? {
        [0, b'<', 0, b'?'] => Some(encoding_rs::UTF_16BE),
        [b'<', 0, b'?', 0] => Some(encoding_rs::UTF_16LE),
        _ => None,
    }
}

/// Replaces the declaration's encoding with UTF-8 (the text now is).
fn retag_xml_declaration(text: &str) -> String {
    if let Some(rest) = text.strip_prefix("<?xml") {
        if let Some(end) = rest.find("?>") {
            return format!(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>{}",
                &rest[end + 2..]
            );
        }
    }
    text.to_string()
}

/// An HTML page as text.
pub fn html_to_string(body: &[u8], content_type: Option<&str>) -> String {
    let declared = header_charset(content_type)
        .or_else(|| html_declared(body))
        .unwrap_or(UTF_8);
    decode_with(body, declared).0.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARABIC: &str = "عنوان عربي: «الاقتصاد» 12,000";

    fn w1256(s: &str) -> Vec<u8> {
        encoding_rs::WINDOWS_1256.encode(s).0.into_owned()
    }

    #[test]
    fn header_charset_wins_over_a_missing_declaration() {
        let xml =
            format!("<?xml version=\"1.0\"?><rss><channel><title>{ARABIC}</title></channel></rss>");
        let bytes = w1256(&xml);
        let out = feed_to_utf8(&bytes, Some("application/rss+xml; charset=windows-1256"));
        assert!(std::str::from_utf8(&out).expect("utf-8").contains(ARABIC));
    }

    #[test]
    fn prolog_encoding_is_read_and_retagged() {
        let xml = format!(
            "<?xml version='1.0' encoding='windows-1256' ?><rss><title>{ARABIC}</title></rss>"
        );
        let bytes = w1256(&xml);
        let out = feed_to_utf8(&bytes, Some("text/xml"));
        let text = std::str::from_utf8(&out).expect("utf-8");
        assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>"));
        assert!(text.contains(ARABIC));
    }

    #[test]
    fn boms_are_honoured_and_removed() {
        let xml = format!(
            "<?xml version=\"1.0\" encoding=\"utf-16\"?><rss><title>{ARABIC}</title></rss>"
        );
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in xml.encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        let out = feed_to_utf8(&utf16, None);
        let text = std::str::from_utf8(&out).expect("utf-8");
        assert!(text.starts_with("<?xml") && text.contains(ARABIC), "{text}");

        let mut utf8_bom = vec![0xEF, 0xBB, 0xBF];
        utf8_bom.extend_from_slice(xml.replace("utf-16", "utf-8").as_bytes());
        let out = feed_to_utf8(&utf8_bom, None);
        assert!(out.starts_with(b"<?xml"));
    }

    #[test]
    fn plain_utf8_is_passed_through_untouched() {
        let xml =
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss><title>{ARABIC}</title></rss>");
        assert!(matches!(
            feed_to_utf8(xml.as_bytes(), None),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn html_charset_from_header_or_meta() {
        let page = format!(
            "<html><head><meta charset=\"windows-1256\"></head><body>{ARABIC}</body></html>"
        );
        assert!(html_to_string(&w1256(&page), Some("text/html")).contains(ARABIC));
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-6\"></head><body>عنوان</body></html>";
        let bytes = encoding_rs::ISO_8859_6.encode(page).0.into_owned();
        assert!(html_to_string(&bytes, None).contains("عنوان"));
        let bytes = w1256(ARABIC);
        assert_eq!(
            html_to_string(&bytes, Some("text/html; charset=\"windows-1256\"")),
            ARABIC
        );
        assert_eq!(html_to_string(ARABIC.as_bytes(), None), ARABIC);
    }
}
