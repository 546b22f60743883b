//! A forgiving XML tokenizer for feeds: tags, text, CDATA, with entities
//! decoded. It never fails: what breaks a rule of XML is read the way
//! feedparser's loose parser and browsers read it — a `<` or `&` that
//! starts nothing is text, an unknown entity stays as written, a tag cut by
//! the end of the document ends it. Comments, processing instructions and
//! declarations are skipped; the document type's internal entities are
//! kept (short text values only) so that `&copy2026;` defined there reads.

use std::borrow::Cow;
use std::collections::HashMap;

use super::entities;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Token<'a> {
    /// A start tag; `empty` for `<x/>`. The name as written.
    Start {
        name: &'a str,
        attrs: Vec<(&'a str, String)>,
        empty: bool,
    },
    End {
        name: &'a str,
    },
    /// Character data with its references decoded.
    Text(Cow<'a, str>),
    /// A CDATA section's content, as it is.
    CData(&'a str),
}

pub(super) struct Tokens<'a> {
    doc: &'a str,
    pos: usize,
    /// Entities the document type declares (`<!ENTITY name "value">`).
    declared: HashMap<String, String>,
}

impl<'a> Tokens<'a> {
    pub fn new(doc: &'a str) -> Self {
        Self {
            doc,
            pos: 0,
            declared: HashMap::new(),
        }
    }

    fn text_until_markup(&mut self) -> Token<'a> {
        let rest = &self.doc[self.pos..];
        // The next `<` that can start markup; any other `<` is text.
        let mut end = rest.len();
        let mut from = 0;
        while let Some(i) = memchr::memchr(b'<', &rest.as_bytes()[from..]) {
            let at = from + i;
            if starts_markup(&rest[at..]) {
                end = at;
                break;
            }
            from = at + 1;
        }
        let raw = &rest[..end];
        self.pos += end;
        Token::Text(decode(raw, &self.declared))
    }
}

/// `<` followed by what makes it markup: a name, `/name`, `!` or `?`.
fn starts_markup(s: &str) -> bool {
    let b = s.as_bytes();
    match b.get(1) {
        Some(b'!' | b'?') => true,
        Some(b'/') => b.get(2).is_some_and(|c| is_name_start(*c)),
        Some(c) => is_name_start(*c),
        None => false,
    }
}

fn is_name_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c == b':' || c >= 0x80
}

fn is_name_char(c: u8) -> bool {
    is_name_start(c) || c.is_ascii_digit() || c == b'-' || c == b'.'
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            let rest = self.doc.get(self.pos..).filter(|r| !r.is_empty())?;
            if !rest.starts_with('<') || !starts_markup(rest) {
                return Some(self.text_until_markup());
            }
            if let Some(body) = rest.strip_prefix("<![CDATA[") {
                let (inner, used) = match body.find("]]>") {
                    Some(e) => (&body[..e], 9 + e + 3),
                    None => (body, rest.len()),
                };
                self.pos += used;
                return Some(Token::CData(inner));
            }
            if let Some(comment) = rest.strip_prefix("<!--") {
                self.pos += comment.find("-->").map_or(rest.len(), |e| 4 + e + 3);
                continue;
            }
            if rest.starts_with("<?") {
                self.pos += rest.find("?>").map_or(rest.len(), |e| e + 2);
                continue;
            }
            if rest.starts_with("<!") {
                self.pos += self.declaration(rest);
                continue;
            }
            return Some(self.tag(rest));
        }
    }
}

impl<'a> Tokens<'a> {
    /// Skips `<!DOCTYPE …>` (its internal subset in brackets included),
    /// keeping the entities it declares; returns the bytes used.
    fn declaration(&mut self, rest: &str) -> usize {
        let open = rest.find('[');
        let close = rest.find('>');
        match (open, close) {
            (Some(o), Some(c)) if o < c => {
                let subset_end = rest[o..].find("]").map_or(rest.len(), |e| o + e);
                self.declare_entities(&rest[o + 1..subset_end]);
                rest[subset_end..]
                    .find('>')
                    .map_or(rest.len(), |e| subset_end + e + 1)
            }
            (_, Some(c)) => c + 1,
            _ => rest.len(),
        }
    }

    fn declare_entities(&mut self, subset: &str) {
        for decl in subset.split("<!ENTITY").skip(1) {
            let decl = decl.trim_start();
            // Parameter entities (`%`) and external ones (SYSTEM/PUBLIC) are
            // not read: nothing is fetched and nothing expands recursively.
            if decl.starts_with('%') {
                continue;
            }
            // Name bytes are ASCII name characters or parts of non-ASCII
            // characters, so the name ends on a character boundary.
            let n = decl.bytes().take_while(|c| is_name_char(*c)).count();
            let name = decl[..n].to_string();
            let after = decl[n..].trim_start();
            let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                continue;
            };
            let Some(value) = after[1..].split(q).next() else {
                continue;
            };
            if !name.is_empty() && value.len() <= 1024 && self.declared.len() < 256 {
                let text = decode(value, &HashMap::new()).into_owned();
                self.declared.insert(name, text);
            }
        }
    }

    fn tag(&mut self, rest: &'a str) -> Token<'a> {
        let closing = rest.as_bytes().get(1) == Some(&b'/');
        let name_start = if closing { 2 } else { 1 };
        let name_len = rest.as_bytes()[name_start..]
            .iter()
            .take_while(|c| is_name_char(**c))
            .count();
        let name = &rest[name_start..name_start + name_len];
        let mut at = name_start + name_len;
        let bytes = rest.as_bytes();
        let mut attrs = Vec::new();
        let mut empty = false;
        // Attributes, up to the `>` that ends the tag (a `>` inside a quoted
        // value is the value's).
        loop {
            while at < bytes.len() && bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            match bytes.get(at) {
                None => break,
                Some(b'>') => {
                    at += 1;
                    break;
                }
                Some(b'/') if bytes.get(at + 1) == Some(&b'>') => {
                    empty = true;
                    at += 2;
                    break;
                }
                // A tag that runs into the next one (`<a href="x"<b>`) ends
                // before it.
                Some(b'<') => break,
                Some(c) if is_name_char(*c) && !closing => {
                    let start = at;
                    while at < bytes.len() && is_name_char(bytes[at]) {
                        at += 1;
                    }
                    let key = &rest[start..at];
                    let mut j = at;
                    while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                        j += 1;
                    }
                    let mut value = String::new();
                    if bytes.get(j) == Some(&b'=') {
                        j += 1;
                        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                            j += 1;
                        }
                        let (raw, next) = match bytes.get(j) {
                            // A quoted value ends at its quote, or at a `<`,
                            // which XML allows in no attribute value: a
                            // quote left open must not swallow the items
                            // after it.
                            Some(q @ (b'"' | b'\'')) => {
                                match memchr::memchr2(*q, b'<', &bytes[j + 1..]) {
                                    Some(e) if bytes[j + 1 + e] == *q => {
                                        (&rest[j + 1..j + 1 + e], j + 1 + e + 1)
                                    }
                                    Some(e) => (&rest[j + 1..j + 1 + e], j + 1 + e),
                                    None => (&rest[j + 1..], bytes.len()),
                                }
                            }
                            _ => {
                                let end = bytes[j..]
                                    .iter()
                                    .position(|c| c.is_ascii_whitespace() || *c == b'>')
                                    .map_or(bytes.len(), |e| j + e);
                                (&rest[j..end], end)
                            }
                        };
                        value = decode(raw, &self.declared).into_owned();
                        at = next;
                    }
                    if !attrs.iter().any(|(k, _)| *k == key) {
                        attrs.push((key, value));
                    }
                }
                Some(_) => at += 1,
            }
        }
        self.pos += at.min(rest.len());
        if closing {
            Token::End { name }
        } else {
            Token::Start { name, attrs, empty }
        }
    }
}

/// Text with its references decoded: the five XML entities, numeric
/// references, the HTML 4 entities, the document's own; anything else
/// stays as written. (References to 128–159 give C1 code points here; the
/// reader turns them into the windows-1252 characters a CMS meant, after
/// repairing UTF-8 bytes written as references: `text::repaired`.)
pub(super) fn decode<'s>(raw: &'s str, declared: &HashMap<String, String>) -> Cow<'s, str> {
    if !raw.contains('&') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..]
            .bytes()
            .take(32)
            .position(|c| c == b';')
            .map(|e| e + 1);
        let decoded = end.and_then(|e| reference(&rest[1..e], declared).map(|t| (t, e + 1)));
        match decoded {
            Some((text, used)) => {
                out.push_str(&text);
                rest = &rest[used..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn reference<'d>(name: &str, declared: &'d HashMap<String, String>) -> Option<Cow<'d, str>> {
    let c = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            if let Some(num) = name.strip_prefix('#') {
                let n = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => num.parse().ok()?,
                };
                numeric(n)?
            } else if let Some(c) = entities::lookup(name) {
                c
            } else {
                return declared.get(name).map(|v| Cow::Borrowed(v.as_str()));
            }
        }
    };
    Some(Cow::Owned(c.to_string()))
}

/// A numeric reference's character (none for NUL or what is no character).
fn numeric(n: u32) -> Option<char> {
    match n {
        0 => None,
        _ => char::from_u32(n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(doc: &str) -> Vec<Token<'_>> {
        Tokens::new(doc).collect()
    }

    #[test]
    fn tags_text_and_cdata() {
        let t = tokens(
            "<?xml version='1.0'?><!-- c --><a x=\"1 &amp; 2\" y='>'>t&lt;<![CDATA[<b>]]></a><br/>",
        );
        assert_eq!(
            t,
            [
                Token::Start {
                    name: "a",
                    attrs: vec![("x", "1 & 2".into()), ("y", ">".into())],
                    empty: false
                },
                Token::Text("t<".into()),
                Token::CData("<b>"),
                Token::End { name: "a" },
                Token::Start {
                    name: "br",
                    attrs: vec![],
                    empty: true
                },
            ]
        );
    }

    #[test]
    fn what_breaks_xml_is_read_as_text() {
        let t = tokens("<t>a < b & c &unknown; &lang; &#147;x&#148; 3<4</t>");
        assert_eq!(
            t[1],
            Token::Text("a < b & c &unknown; \u{2329} \u{93}x\u{94} 3<4".into())
        );
        // A tag cut by the end of the document.
        let t = tokens("<t>x</t><link href=\"http://k/a");
        assert!(matches!(t.last(), Some(Token::Start { name: "link", .. })));
        // An unterminated CDATA section runs to the end.
        assert_eq!(tokens("<![CDATA[abc")[0], Token::CData("abc"));
    }

    /// Found by the `one_item` fuzz target: a quote left open in one
    /// item's headline swallowed every item after it.
    #[test]
    fn an_attribute_left_open_ends_at_the_next_tag() {
        let t = tokens("<t>a<x y=\"open</t><b>c</b>");
        assert_eq!(
            t[2],
            Token::Start {
                name: "x",
                attrs: vec![("y", "open".into())],
                empty: false
            }
        );
        assert_eq!(t[3], Token::End { name: "t" });
        assert_eq!(t[5], Token::Text("c".into()));
    }

    /// Found by the `feed` fuzz target: an entity's name with non-ASCII
    /// bytes cut a character in two.
    #[test]
    fn entity_names_of_any_letters() {
        let t = tokens("<!DOCTYPE x [<!ENTITY لول \"ضحك\">]><t>&لول;</t>");
        assert_eq!(t[1], Token::Text("ضحك".into()));
    }

    #[test]
    fn the_document_type_s_entities_are_read() {
        let t =
            tokens("<!DOCTYPE rss [<!ENTITY k \"خبرين\"><!ENTITY % p SYSTEM \"x\">]><t>&k;</t>");
        assert_eq!(t[1], Token::Text("خبرين".into()));
    }
}
