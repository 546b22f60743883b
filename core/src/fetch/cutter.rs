//! Long texts in a feed cut while it streams in, so that one enormous item
//! costs its own text past a stated size, not the feed: the rest of the
//! document (the item's other fields, the items after it) still arrives
//! whole, and what is kept stays well-formed. Works on the bytes of XML
//! (text and CDATA between tags) and JSON (string values), in any
//! ASCII-compatible encoding; other documents pass through unchanged.

/// Marks where a text was cut (U+2026, in UTF-8).
const MARK: &[u8] = "…".as_bytes();

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Not known until the first byte that is not white space.
    Unknown,
    Xml,
    Json,
    /// Neither (UTF-16, binary): passed through.
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Text,
    /// After `<`: the bytes so far (`probe`) decide between a tag, CDATA
    /// and a comment.
    Opening,
    Tag,
    Cdata,
    Comment,
    /// JSON: outside strings, inside one, after a backslash, inside `\uXXXX`.
    Outside,
    InString,
    Escape,
    Unicode(u8),
}

#[derive(Debug)]
pub struct Cutter {
    mode: Mode,
    state: State,
    limit: usize,
    /// Bytes of the current text run seen so far (kept or not).
    run: usize,
    dropping: bool,
    probe: Vec<u8>,
    /// How much of a closing `]]>` or `-->` has been seen.
    closing: usize,
    /// Whether any text was cut.
    pub cut: bool,
}

impl Cutter {
    /// A cutter that keeps at most `limit` bytes of any one text.
    pub fn new(limit: usize) -> Self {
        Self {
            mode: Mode::Unknown,
            state: State::Text,
            limit,
            run: 0,
            dropping: false,
            probe: Vec::new(),
            closing: 0,
            cut: false,
        }
    }

    /// Appends what is kept of `chunk` to `out`.
    pub fn push(&mut self, chunk: &[u8], out: &mut Vec<u8>) {
        for &b in chunk {
            if self.mode == Mode::Unknown {
                self.mode = match b {
                    b' ' | b'\t' | b'\r' | b'\n' => {
                        // Leading white space is a text like any other: a
                        // body of nothing else (a gzip bomb's) is cut too.
                        self.text_byte(b, out);
                        continue;
                    }
                    0xEF | 0xBB | 0xBF => {
                        // The UTF-8 byte order mark.
                        out.push(b);
                        continue;
                    }
                    b'<' => Mode::Xml,
                    b'{' | b'[' => {
                        self.end_run();
                        self.state = State::Outside;
                        Mode::Json
                    }
                    _ => Mode::Other,
                };
            }
            match self.mode {
                Mode::Xml => self.xml(b, out),
                Mode::Json => self.json(b, out),
                _ => out.push(b),
            }
        }
    }

    /// Counts a byte of text; keeps it while the text is under the limit.
    fn text_byte(&mut self, b: u8, out: &mut Vec<u8>) {
        self.run += 1;
        if self.dropping {
            return;
        }
        if self.run > self.limit {
            self.start_dropping(out);
            return;
        }
        out.push(b);
    }

    fn start_dropping(&mut self, out: &mut Vec<u8>) {
        self.dropping = true;
        self.cut = true;
        if self.mode == Mode::Unknown {
            // White space before the document: nothing to mark.
            return;
        }
        // Never end inside a UTF-8 character.
        let mut end = out.len();
        while end > 0 && (out[end - 1] & 0xC0) == 0x80 {
            end -= 1;
        }
        if end > 0 && out[end - 1] >= 0xC0 {
            end -= 1;
        } else {
            end = out.len();
        }
        out.truncate(end);
        // Nor inside an XML entity (`&amp` without its `;`).
        if self.mode == Mode::Xml && self.state == State::Text {
            let tail = out.len().saturating_sub(12);
            if let Some(amp) = out[tail..].iter().rposition(|c| *c == b'&') {
                if !out[tail + amp..].contains(&b';') {
                    out.truncate(tail + amp);
                }
            }
        }
        out.extend_from_slice(MARK);
    }

    fn end_run(&mut self) {
        self.run = 0;
        self.dropping = false;
    }

    fn xml(&mut self, b: u8, out: &mut Vec<u8>) {
        match self.state {
            State::Text => {
                if b == b'<' {
                    self.end_run();
                    self.state = State::Opening;
                    self.probe.clear();
                    self.probe.push(b);
                    out.push(b);
                } else {
                    self.text_byte(b, out);
                }
            }
            State::Opening => {
                out.push(b);
                self.probe.push(b);
                if self.probe == b"<![CDATA[" {
                    self.state = State::Cdata;
                    self.closing = 0;
                } else if self.probe == b"<!--" {
                    self.state = State::Comment;
                    self.closing = 0;
                } else if !b"<![CDATA[".starts_with(&self.probe)
                    && !b"<!--".starts_with(&self.probe)
                {
                    self.state = if b == b'>' { State::Text } else { State::Tag };
                }
            }
            State::Tag => {
                out.push(b);
                if b == b'>' {
                    self.state = State::Text;
                }
            }
            State::Cdata | State::Comment => {
                let close: &[u8] = if self.state == State::Cdata {
                    b"]]>"
                } else {
                    b"-->"
                };
                if b == close[self.closing] {
                    self.closing += 1;
                } else {
                    // The bytes taken for a closing that was not one are text.
                    for &c in &close[..self.closing] {
                        self.text_byte(c, out);
                    }
                    self.closing = usize::from(b == close[0]);
                    if self.closing == 0 {
                        self.text_byte(b, out);
                    }
                }
                if self.closing == close.len() {
                    out.extend_from_slice(close);
                    self.closing = 0;
                    self.end_run();
                    self.state = State::Text;
                }
            }
            _ => out.push(b),
        }
    }

    fn json(&mut self, b: u8, out: &mut Vec<u8>) {
        match self.state {
            State::Outside => {
                out.push(b);
                if b == b'"' {
                    self.end_run();
                    self.state = State::InString;
                }
            }
            State::InString => match b {
                b'"' => {
                    out.push(b);
                    self.state = State::Outside;
                }
                b'\\' => {
                    self.state = State::Escape;
                    self.text_byte(b, out);
                }
                _ => self.text_byte(b, out),
            },
            State::Escape => {
                self.state = if b == b'u' {
                    State::Unicode(4)
                } else {
                    State::InString
                };
                self.escaped(b, out);
            }
            State::Unicode(left) => {
                self.state = if left > 1 {
                    State::Unicode(left - 1)
                } else {
                    State::InString
                };
                self.escaped(b, out);
            }
            _ => out.push(b),
        }
    }

    /// A byte inside an escape sequence: kept with the sequence's start
    /// (a cut never splits one), dropped with it.
    fn escaped(&mut self, b: u8, out: &mut Vec<u8>) {
        self.run += 1;
        if !self.dropping {
            out.push(b);
        }
        if self.state == State::InString && !self.dropping && self.run > self.limit {
            self.start_dropping(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `doc` through a cutter in chunks of `size` bytes.
    fn cut(doc: &[u8], limit: usize, size: usize) -> (Vec<u8>, bool) {
        let mut c = Cutter::new(limit);
        let mut out = Vec::new();
        for chunk in doc.chunks(size.max(1)) {
            c.push(chunk, &mut out);
        }
        (out, c.cut)
    }

    #[test]
    fn a_long_text_is_cut_and_the_document_stays_whole() {
        let long = "نص طويل &amp; ".repeat(2000);
        let doc = format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>قناة</title>\
             <item><title>أول</title><description>{long}</description><link>http://k/1</link></item>\
             <item><title>ثان</title><description><![CDATA[<p>{long}]]]></p>]]></description></item>\
             <!-- {long} --><item><title>ثالث</title></item></channel></rss>"
        );
        for size in [1, 7, 4096, usize::MAX] {
            let (out, was_cut) = cut(doc.as_bytes(), 1000, size);
            assert!(was_cut);
            let text = String::from_utf8(out).expect("still UTF-8");
            assert!(text.len() < 5000, "{}", text.len());
            let base = url::Url::parse("http://k/feed").expect("url");
            let feed = crate::feed::parse_feed(text.as_bytes(), &base).expect("still a feed");
            let titles: Vec<_> = feed.entries.iter().map(|e| e.title.clone()).collect();
            assert_eq!(titles, ["أول", "ثان", "ثالث"], "chunks of {size}");
            let first = &feed.entries[0].summary;
            assert!(first.ends_with('…'), "{first}");
            assert_eq!(
                feed.entries[0].url.as_ref().map(url::Url::as_str),
                Some("http://k/1")
            );
        }
    }

    #[test]
    fn json_strings_are_cut_between_characters_and_escapes() {
        let long = "\\u0646ص \\\"مقتبس\\\" ".repeat(500);
        let doc = format!(
            r#"{{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{{"id":"1","content_text":"{long}","title":"أ"}},{{"id":"2","title":"ب"}}]}}"#
        );
        for size in [1, 3, 100, usize::MAX] {
            let (out, was_cut) = cut(doc.as_bytes(), 301, size);
            assert!(was_cut);
            let v: serde_json::Value = serde_json::from_slice(&out).expect("still JSON");
            let items = v["items"].as_array().expect("items");
            assert_eq!(items.len(), 2);
            assert_eq!(items[0]["title"], "أ");
            let text = items[0]["content_text"].as_str().expect("text");
            assert!(text.ends_with('…') && text.len() < 400, "{}", text.len());
        }
    }

    #[test]
    fn short_documents_and_other_encodings_pass_unchanged() {
        let doc = "\u{feff}  <rss><channel><title>عنوان &amp; آخر</title></channel></rss>";
        assert_eq!(
            cut(doc.as_bytes(), 100, 3),
            (doc.as_bytes().to_vec(), false)
        );
        let utf16: Vec<u8> = [0xFF, 0xFE, b'<', 0, b'r', 0].repeat(1000);
        assert_eq!(cut(&utf16, 10, 5), (utf16.clone(), false));
        // A body of nothing but white space (a gzip bomb's) is cut too.
        let (out, was_cut) = cut(&vec![b' '; 100_000], 1000, 4096);
        assert!(was_cut && out.len() < 2000);
    }
}
