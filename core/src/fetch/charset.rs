//! Bytes → text in the encoding the server meant: a BOM first, then the
//! HTTP charset, then what the document declares (XML prolog or HTML meta),
//! else UTF-8. Arabic sites still serve windows-1256 and ISO-8859-6.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8};

/// The charset parameter of a Content-Type header.
fn header_charset(content_type: Option<&str>) -> Option<&'static Encoding> {
    let ct = content_type?;
    ct.split(';').skip(1).find_map(|param| {
        let (k, v) = param.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| Encoding::for_label(v.trim().trim_matches(['"', '\'']).as_bytes()))
            .flatten()
    })
}

/// `encoding="…"` of an XML declaration, read from the raw bytes (the
/// declaration is ASCII in every ASCII-compatible encoding).
fn xml_declared(body: &[u8]) -> Option<&'static Encoding> {
    let head = &body[..body.len().min(256)];
    let text = std::str::from_utf8(head).unwrap_or_else(|e| {
        // The prefix up to the first non-UTF-8 byte is enough for the prolog.
        std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default()
    });
    let decl = text.strip_prefix("<?xml")?.split("?>").next()?;
    let after = decl
        .split_once("encoding")?
        .1
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = after[1..].split(quote).next()?;
    Encoding::for_label(value.as_bytes())
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

/// A feed document as UTF-8 bytes with its declaration saying so, ready for
/// the XML parser whatever it was served in.
pub fn feed_to_utf8<'a>(body: &'a [u8], content_type: Option<&str>) -> Cow<'a, [u8]> {
    let declared = header_charset(content_type)
        .or_else(|| xml_declared(body))
        .unwrap_or(UTF_8);
    let has_bom = Encoding::for_bom(body).is_some();
    if declared == UTF_8 && !has_bom {
        return Cow::Borrowed(body);
    }
    let (text, _) = decode_with(body, declared);
    Cow::Owned(retag_xml_declaration(&text).into_bytes())
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
