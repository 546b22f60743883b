//! RSS (0.9x, 1.0, 2.0), Atom (0.3, 1.0) and CDF documents read into
//! entries, the way feedparser reads them, from the tokenizer's events:
//! the elements a reader needs, under every name feeds give them (`dc:title`,
//! `dcterms:issued`, `itunes:summary`, `xhtml:body`, Atom links written as
//! text…), text constructs by their declared type, `xml:base` honoured. An
//! element left open is closed by its parent's end or by the next item; a
//! document cut short keeps what it said.

use chrono::{DateTime, Utc};
use url::Url;

use super::names::Scopes;
use super::text::{self, Declared};
use super::tokens::{Token, Tokens};
use crate::feed::{RawEntry, RawFeed, RawPerson, RawTag, RawText};

/// A start tag's attributes, names in lower case.
pub(super) struct Attrs<'t>(Vec<(String, &'t str)>);

impl<'t> Attrs<'t> {
    fn of(attrs: &'t [(&str, String)]) -> Self {
        Self(
            attrs
                .iter()
                .map(|(k, v)| (k.to_ascii_lowercase(), v.as_str()))
                .collect(),
        )
    }

    fn get(&self, key: &str) -> Option<&'t str> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
    }
}

/// A structural element still open.
struct Open {
    /// As dispatched (`dc:title`).
    name: String,
    /// As written, for matching its end tag.
    written: String,
    /// The base it set with `xml:base` (the root: the document's address).
    base: Option<Url>,
    ns_declared: usize,
}

/// Where a text being collected goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    /// Media RSS's title: the item's when it has no other.
    MediaTitle,
    Link,
    Id,
    Published,
    Updated,
    Summary,
    Content,
    /// An author written as text ("me@example.com (Name)"), or the text of
    /// a `dc:creator`.
    Author,
    PersonName,
    PersonEmail,
    PersonUrl,
    Category,
    /// Comma-separated terms (`itunes:keywords`, `tags`).
    Keywords {
        itunes: bool,
    },
    /// Read and dropped (the text of elements the app does not keep, so
    /// that their text is not taken for their parent's).
    Ignored,
}

impl Field {
    /// Fields whose text is a text construct (may hold markup).
    fn is_construct(self) -> bool {
        matches!(
            self,
            Field::Title | Field::MediaTitle | Field::Summary | Field::Content
        )
    }
}

struct Capture {
    field: Field,
    /// The structural depth of the element being collected.
    depth: usize,
    declared: Declared,
    base64: bool,
    /// Decoded text (what a text element says).
    plain: String,
    /// The same as markup: text escaped, child elements written out.
    markup: String,
    /// Child elements seen (the text is markup after all).
    children: bool,
    /// Markup elements open inside it.
    inner: Vec<String>,
    /// For Atom 1.0's XHTML `div` wrapper: where its content starts and
    /// ends in `markup`, and whether anything stands outside it.
    wrapper: Option<(usize, Option<usize>)>,
    outside: bool,
    /// `guid isPermaLink` (ids only).
    permalink: bool,
    /// An Atom `id` (not an RSS `guid`).
    atom_id: bool,
}

#[derive(Default)]
struct Entry {
    raw: RawEntry,
    /// The depth each kept value was read at: a value from deeper inside
    /// the item (an enclosed element's own title) does not replace one of
    /// the item's own.
    depths: Vec<(Field, usize)>,
    has_content: bool,
    /// The item gave its link as a `link` element (not taken from a guid).
    link_given: bool,
    media_title: Option<RawText>,
}

impl Entry {
    fn may_set(&mut self, field: Field, depth: usize) -> bool {
        match self.depths.iter_mut().find(|(f, _)| *f == field) {
            Some((_, d)) if depth > *d => false,
            Some((_, d)) => {
                *d = depth;
                true
            }
            None => {
                self.depths.push((field, depth));
                true
            }
        }
    }
}

pub(super) struct Reader<'a> {
    tokens: Tokens<'a>,
    stack: Vec<Open>,
    scopes: Scopes,
    captures: Vec<Capture>,
    /// Atom rather than RSS (plain text is never guessed to be HTML, and
    /// Atom 1.0 wraps XHTML in a div).
    atom: bool,
    atom10: bool,
    utf8: bool,
    title: Option<(RawText, usize)>,
    entry: Option<Entry>,
    /// Open authors of the entry (the innermost last).
    person: Option<(RawPerson, usize)>,
    items: Vec<RawEntry>,
    total: usize,
    skipped: usize,
    max: usize,
    date: &'a dyn Fn(&str) -> Option<DateTime<Utc>>,
}

impl<'a> Reader<'a> {
    pub fn new(
        doc: &'a str,
        base: Option<Url>,
        utf8: bool,
        max: usize,
        date: &'a dyn Fn(&str) -> Option<DateTime<Utc>>,
    ) -> Self {
        Self {
            tokens: Tokens::new(doc),
            stack: vec![Open {
                name: String::new(),
                written: String::new(),
                base,
                ns_declared: 0,
            }],
            scopes: Scopes::default(),
            captures: Vec::new(),
            atom: false,
            atom10: false,
            utf8,
            title: None,
            entry: None,
            person: None,
            items: Vec::new(),
            total: 0,
            skipped: 0,
            max,
            date,
        }
    }

    pub fn read(mut self) -> RawFeed {
        while let Some(token) = self.tokens.next() {
            match token {
                Token::Start { name, attrs, empty } => {
                    self.start(name, &attrs);
                    if empty {
                        self.end(name);
                    }
                }
                Token::End { name } => self.end(name),
                Token::Text(t) => self.text(&t),
                Token::CData(t) => self.text(t),
            }
            if self.items.len() >= self.max && self.entry.is_none() {
                // Past the item limit nothing more is read; one more item
                // start says the feed went on.
                if self.tokens.any(|t| {
                    matches!(t, Token::Start { name, .. } if is_item(&name.to_ascii_lowercase()))
                }) {
                    self.total += 1;
                }
                break;
            }
        }
        // The end of the document closes whatever is open.
        while self.stack.len() > 1 {
            self.pop_structural();
        }
        RawFeed {
            title: self.title.map(|(t, _)| t),
            items: self.items,
            total: self.total,
            skipped: self.skipped,
        }
    }

    /// An `xml:base` the document itself set is in scope.
    fn explicit_base(&self) -> bool {
        self.stack.iter().skip(1).any(|o| o.base.is_some())
    }

    fn base(&self) -> Option<&Url> {
        self.stack.iter().rev().find_map(|o| o.base.as_ref())
    }

    fn within(&self, names: &[&str]) -> bool {
        self.stack.iter().any(|o| names.contains(&o.name.as_str()))
    }

    fn start(&mut self, written: &str, attrs: &[(&str, String)]) {
        let attr = Attrs::of(attrs);
        // Inside a text construct, elements are its markup, unless they are
        // what ends it (a document cut inside a headline: a headline holds
        // no other element's text).
        if let Some(cap) = self.captures.last() {
            let name = self.scopes.name(written);
            let local = name.rsplit(':').next().unwrap_or_default().to_string();
            let (field, declared, depth) = (cap.field, cap.declared, cap.depth);
            let ends_title = field == Field::Title
                && declared != Declared::Xhtml
                && ENDS_A_TITLE.contains(&local.as_str());
            if field.is_construct() && !is_item(&local) && !ends_title {
                self.markup_start(&local, attrs);
                return;
            }
            if field.is_construct() {
                // The element being collected ends here, as if closed.
                while self.stack.len() >= depth && self.stack.len() > 1 {
                    self.pop_structural();
                }
            } else if field != Field::Author {
                // A value's element holds an element: what came before it
                // is the value.
                if let Some(c) = self.captures.pop() {
                    self.finish(c);
                }
            }
        }
        let ns = self
            .scopes
            .declare(attrs.iter().map(|(k, v)| (*k, v.as_str())));
        let name = self.scopes.name(written);
        // A new item closes one left open.
        if is_item(name.rsplit(':').next().unwrap_or_default()) {
            if let Some(i) = self.stack.iter().rposition(|o| is_item_name(&o.name)) {
                while self.stack.len() > i {
                    self.pop_structural();
                }
            }
        }
        // Only an element that sets xml:base holds a base of its own (the
        // nearest one applies).
        let base = attr.get("xml:base").and_then(|b| match self.base() {
            Some(p) => p.join(b.trim()).ok(),
            None => Url::parse(b.trim()).ok(),
        });
        if self.stack.len() == 1 {
            self.root(&name, attr.get("version"), attr.get("xmlns"));
        }
        self.stack.push(Open {
            name: name.clone(),
            written: written.to_ascii_lowercase(),
            base,
            ns_declared: ns,
        });
        let depth = self.stack.len();
        self.dispatch(&name, &attr, depth);
    }

    fn root(&mut self, name: &str, version: Option<&str>, xmlns: Option<&str>) {
        if name == "feed" {
            self.atom = true;
            self.atom10 =
                version.is_none() && xmlns.is_some_and(|u| u.trim().eq_ignore_ascii_case(ATOM10));
        }
    }

    fn dispatch(&mut self, name: &str, attrs: &Attrs<'_>, depth: usize) {
        let attr = |k: &str| attrs.get(k);
        let in_entry = self.entry.is_some();
        // An entry's source, a feed's image or text input: their titles and
        // links are theirs, not the item's or the feed's.
        let aside = self.within(&["source", "image", "textinput", "atom:source"]);
        match name {
            "item" | "entry" | "rdf:item" => {
                self.close_entry();
                self.total += 1;
                let mut entry = Entry::default();
                if let Some(about) = attr("rdf:about").filter(|a| !a.trim().is_empty()) {
                    entry.raw.id = self.resolve(about);
                }
                // CDF: <ITEM HREF="…" LASTMOD="…">.
                if let Some(href) = attr("href") {
                    entry.raw.link = Some(self.resolve(href));
                    entry.link_given = true;
                }
                if let Some(date) = attr("lastmod").and_then(|d| (self.date)(d)) {
                    entry.raw.updated = Some(date);
                }
                self.entry = Some(entry);
            }
            _ if aside => self.capture(Field::Ignored, Declared::Text, depth, attrs),
            "title" | "dc:title" => self.capture(Field::Title, Declared::Text, depth, attrs),
            "media:title" if in_entry => {
                self.capture(Field::MediaTitle, Declared::Text, depth, attrs)
            }
            "media:category" if in_entry => {
                let scheme = attr("scheme")
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .unwrap_or(MEDIA_CATEGORIES);
                self.add_tag(RawTag {
                    term: String::new(),
                    scheme: Some(scheme.to_string()),
                    label: attr("label")
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(String::from),
                });
                self.capture(Field::Category, Declared::Text, depth, attrs)
            }
            "link" => {
                let href = attr("href").or_else(|| attr("url")).or_else(|| attr("uri"));
                match href {
                    Some(href) => {
                        let rel = attr("rel")
                            .unwrap_or("alternate")
                            .trim()
                            .to_ascii_lowercase();
                        let html = attr("type").is_none_or(|t| {
                            let t = t.trim().to_ascii_lowercase();
                            t.is_empty() || t == "text/html" || t == "application/xhtml+xml"
                        });
                        if rel == "alternate" && html && in_entry {
                            let url = self.resolve(href);
                            if let Some(e) = self.entry.as_mut() {
                                e.raw.link = Some(url);
                                e.link_given = true;
                            }
                        }
                        self.capture(Field::Ignored, Declared::Text, depth, attrs);
                    }
                    None => self.capture(Field::Link, Declared::Text, depth, attrs),
                }
            }
            "guid" | "id" => {
                let mut c = self.new_capture(Field::Id, Declared::Text, depth, attrs);
                // RSS 2.0: a guid is a permalink unless it says it is not.
                // (An Atom id is a name, never an address to fetch.)
                c.permalink = name == "guid"
                    && attr("ispermalink").is_none_or(|p| p.trim().eq_ignore_ascii_case("true"));
                c.atom_id = name == "id";
                self.captures.push(c);
            }
            "pubdate" | "published" | "issued" | "dcterms:issued" => {
                self.capture(Field::Published, Declared::Text, depth, attrs)
            }
            "updated" | "modified" | "dc:date" | "dcterms:modified" => {
                self.capture(Field::Updated, Declared::Text, depth, attrs)
            }
            "description" | "dc:description" | "media:description" | "abstract" | "summary"
            | "itunes:summary"
                if in_entry =>
            {
                let default = if name == "summary" || name == "itunes:summary" || name == "abstract"
                {
                    Declared::Text
                } else {
                    Declared::Html
                };
                let (has_summary, has_content) = self
                    .entry
                    .as_ref()
                    .map_or((false, false), |e| (e.raw.summary.is_some(), e.has_content));
                // A second summary where there is no content yet is the
                // content (feedparser's rule: description then summary).
                let field = if has_summary && !has_content && name != "itunes:summary" {
                    Field::Content
                } else {
                    Field::Summary
                };
                self.capture(field, default, depth, attrs)
            }
            "content" | "content:encoded" | "fullitem" | "body" | "xhtml:body" if in_entry => {
                let default = match name {
                    "content" => Declared::Text,
                    "body" | "xhtml:body" => Declared::Xhtml,
                    _ => Declared::Html,
                };
                if name != "body" && name != "xhtml:body" {
                    if let Some(e) = self.entry.as_mut() {
                        e.has_content = true;
                    }
                }
                self.capture(Field::Content, default, depth, attrs)
            }
            "author" | "dc:creator" | "dc:author" | "itunes:author" if in_entry => {
                self.close_person();
                self.person = Some((RawPerson::default(), depth));
                self.capture(Field::Author, Declared::Text, depth, attrs)
            }
            "name" | "email" | "uri" | "url" | "homepage" if self.person.is_some() => {
                let field = match name {
                    "name" => Field::PersonName,
                    "email" => Field::PersonEmail,
                    _ => Field::PersonUrl,
                };
                self.capture(field, Declared::Text, depth, attrs)
            }
            "category" | "dc:subject" | "keywords" if in_entry => {
                let term = attr("term").map(str::trim).filter(|t| !t.is_empty());
                let scheme = attr("scheme")
                    .or_else(|| attr("domain"))
                    .map(str::trim)
                    .filter(|t| !t.is_empty());
                let label = attr("label").map(str::trim).filter(|t| !t.is_empty());
                if term.is_some() || scheme.is_some() || label.is_some() {
                    self.add_tag(RawTag {
                        term: term.unwrap_or_default().to_string(),
                        scheme: scheme.map(String::from),
                        label: label.map(String::from),
                    });
                }
                self.capture(Field::Category, Declared::Text, depth, attrs)
            }
            "itunes:category" if in_entry => {
                if let Some(t) = attr("text").map(str::trim).filter(|t| !t.is_empty()) {
                    self.add_tag(RawTag {
                        term: t.to_string(),
                        scheme: Some(ITUNES.into()),
                        label: None,
                    });
                }
                self.capture(Field::Ignored, Declared::Text, depth, attrs)
            }
            "itunes:keywords" | "tags" if in_entry => self.capture(
                Field::Keywords {
                    itunes: name == "itunes:keywords",
                },
                Declared::Text,
                depth,
                attrs,
            ),
            // Elements whose text is their own, never their parent's.
            _ => {
                if self
                    .captures
                    .last()
                    .is_some_and(|c| c.field == Field::Author)
                {
                    // An element inside an author that is not a name, an
                    // email or an address (Atom's extensions).
                    self.capture(Field::Ignored, Declared::Text, depth, attrs);
                }
            }
        }
    }

    fn new_capture(
        &self,
        field: Field,
        default: Declared,
        depth: usize,
        attrs: &Attrs<'_>,
    ) -> Capture {
        let (declared, base64) = if field.is_construct() {
            text::declared(attrs.get("type"), attrs.get("mode"), default)
        } else {
            (Declared::Text, false)
        };
        Capture {
            field,
            depth,
            declared,
            base64,
            plain: String::new(),
            markup: String::new(),
            children: false,
            inner: Vec::new(),
            wrapper: None,
            outside: false,
            permalink: false,
            atom_id: false,
        }
    }

    fn capture(&mut self, field: Field, default: Declared, depth: usize, attrs: &Attrs<'_>) {
        let c = self.new_capture(field, default, depth, attrs);
        self.captures.push(c);
    }

    fn markup_start(&mut self, local: &str, attrs: &[(&str, String)]) {
        let Some(cap) = self.captures.last_mut() else {
            return;
        };
        if !cap.children {
            // The text so far, as markup.
            text::escape_into(&mut cap.markup, &cap.plain);
            cap.children = true;
        }
        let top = cap.inner.is_empty();
        cap.markup.push('<');
        cap.markup.push_str(local);
        for (k, v) in attrs {
            let k = k.to_ascii_lowercase();
            // Namespace declarations are the feed's, not the HTML's.
            if k == "xmlns" || k.starts_with("xmlns:") {
                continue;
            }
            cap.markup.push(' ');
            cap.markup
                .push_str(k.rsplit(':').next().unwrap_or_default());
            cap.markup.push_str("=\"");
            text::escape_into(&mut cap.markup, v);
            cap.markup.push('"');
        }
        if VOID.contains(&local) {
            cap.markup.push_str(" />");
            if top {
                cap.outside = true;
            }
            return;
        }
        cap.markup.push('>');
        if top {
            if cap.wrapper.is_none() && !cap.outside && local == "div" {
                cap.wrapper = Some((cap.markup.len(), None));
            } else {
                cap.outside = true;
            }
        }
        cap.inner.push(local.to_string());
    }

    fn end(&mut self, written: &str) {
        let lower = written.to_ascii_lowercase();
        if let Some(cap) = self.captures.last_mut() {
            let local = lower.rsplit(':').next().unwrap_or_default();
            if let Some(i) = cap.inner.iter().rposition(|n| n == local) {
                // Close it, and whatever was left open inside it.
                while cap.inner.len() > i {
                    let n = cap.inner.pop().unwrap_or_default();
                    if cap.inner.is_empty() {
                        if let Some((start, end @ None)) = cap.wrapper.as_mut() {
                            if *start <= cap.markup.len() {
                                *end = Some(cap.markup.len());
                            }
                        }
                    }
                    cap.markup.push_str("</");
                    cap.markup.push_str(&n);
                    cap.markup.push('>');
                }
                return;
            }
        }
        // A structural end: the nearest open element of that name, and
        // everything opened inside it, ends; a stray end tag is nothing.
        let Some(i) = self.stack.iter().rposition(|o| o.written == lower) else {
            return;
        };
        if i == 0 {
            return;
        }
        while self.stack.len() > i {
            self.pop_structural();
        }
    }

    fn pop_structural(&mut self) {
        let depth = self.stack.len();
        self.finish_captures_above(depth - 1);
        let Some(open) = self.stack.pop() else {
            return;
        };
        self.scopes.undo(open.ns_declared);
        match open.name.as_str() {
            "item" | "entry" | "rdf:item" => self.close_entry(),
            "author" | "dc:creator" | "dc:author" | "itunes:author"
                if self.person.as_ref().is_some_and(|(_, d)| *d == depth) =>
            {
                self.close_person()
            }
            _ => {}
        }
    }

    /// Ends every capture of an element at `depth` or deeper.
    fn finish_captures_above(&mut self, depth: usize) {
        while self.captures.last().is_some_and(|c| c.depth > depth) {
            if let Some(c) = self.captures.pop() {
                self.finish(c);
            }
        }
    }

    fn text(&mut self, t: &str) {
        let Some(cap) = self.captures.last_mut() else {
            return;
        };
        cap.plain.push_str(t);
        // Markup is written only once the text has turned out to hold
        // elements (most texts never do).
        if cap.children {
            text::escape_into(&mut cap.markup, t);
        }
        if cap.inner.is_empty() && !t.trim().is_empty() {
            cap.outside = true;
        }
    }

    fn finish(&mut self, c: Capture) {
        let depth = c.depth;
        let field = c.field;
        if field == Field::Ignored {
            return;
        }
        let (permalink, atom_id) = (c.permalink, c.atom_id);
        let value = self.value_of(c);
        match field {
            Field::Title => {
                if self.entry.is_some() {
                    if let Some(e) = self.entry.as_mut() {
                        if !value.value.is_empty() && e.may_set(Field::Title, depth) {
                            e.raw.title = Some(value);
                        }
                    }
                } else if !value.value.is_empty()
                    && self.title.as_ref().is_none_or(|(_, d)| depth <= *d)
                {
                    self.title = Some((value, depth));
                }
            }
            Field::MediaTitle => {
                if let Some(e) = self.entry.as_mut() {
                    if !value.value.is_empty() && e.media_title.is_none() {
                        e.media_title = Some(value);
                    }
                }
            }
            Field::Summary | Field::Content => {
                let Some(e) = self.entry.as_mut() else {
                    return;
                };
                if value.value.is_empty() || !e.may_set(field, depth) {
                    return;
                }
                if field == Field::Summary {
                    e.raw.summary = Some(value);
                } else {
                    e.raw.content = Some(value);
                }
            }
            Field::Link => {
                let url = value.value.trim().to_string();
                if url.is_empty() {
                    return;
                }
                let link = self.resolve(&url);
                if let Some(e) = self.entry.as_mut() {
                    if e.may_set(Field::Link, depth) {
                        e.raw.link = Some(link);
                        e.link_given = true;
                    }
                }
            }
            Field::Id => {
                let id = value.value.trim().to_string();
                if id.is_empty() {
                    return;
                }
                // An Atom id is an IRI: a relative one (a path, or any id
                // under an xml:base the document sets) is the address it
                // names (RFC 4287 §4.2.6); a bare name (`12345`) and an RSS
                // guid are kept as written: they are the item's identity
                // from sync to sync.
                let relative = id.starts_with('/') || id.starts_with("./") || id.starts_with("../");
                let resolved = if atom_id && !has_scheme(&id) && (relative || self.explicit_base())
                {
                    self.resolve(&id)
                } else {
                    id
                };
                if let Some(e) = self.entry.as_mut() {
                    if e.may_set(Field::Id, depth) {
                        e.raw.id = resolved.clone();
                        // A permalink guid is the item's link when it
                        // names none (RSS 2.0).
                        if permalink && is_web_address(&resolved) && !e.link_given {
                            e.raw.link = Some(resolved);
                        }
                    }
                }
            }
            Field::Published | Field::Updated => {
                let date = (self.date)(value.value.trim());
                if let (Some(e), Some(d)) = (self.entry.as_mut(), date) {
                    if e.may_set(field, depth) {
                        if field == Field::Published {
                            e.raw.published = Some(d);
                        } else {
                            e.raw.updated = Some(d);
                        }
                    }
                }
            }
            Field::Author => {
                let text = value.value.trim();
                if let Some((p, _)) = self.person.as_mut() {
                    if p.name.is_empty() && p.email.is_none() && !text.is_empty() {
                        let (name, email) = split_author(text);
                        p.name = name;
                        p.email = email;
                    }
                }
            }
            Field::PersonName | Field::PersonEmail | Field::PersonUrl => {
                let v = value.value.trim().to_string();
                if v.is_empty() {
                    return;
                }
                let resolved = (field == Field::PersonUrl).then(|| self.resolve(&v));
                if let Some((p, _)) = self.person.as_mut() {
                    match field {
                        Field::PersonName => p.name = v,
                        Field::PersonEmail => p.email = Some(v),
                        _ => p.url = resolved,
                    }
                }
            }
            Field::Category => {
                let term = value.value.trim().to_string();
                if term.is_empty() {
                    return;
                }
                if let Some(e) = self.entry.as_mut() {
                    match e.raw.tags.last_mut() {
                        Some(last) if last.term.is_empty() => last.term = term,
                        _ => {
                            let tag = RawTag {
                                term,
                                scheme: None,
                                label: None,
                            };
                            if !e.raw.tags.contains(&tag) {
                                e.raw.tags.push(tag);
                            }
                        }
                    }
                }
            }
            Field::Keywords { itunes } => {
                for term in value
                    .value
                    .split(',')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                {
                    self.add_tag(RawTag {
                        term: term.to_string(),
                        scheme: itunes.then(|| ITUNES.to_string()),
                        label: None,
                    });
                }
            }
            Field::Ignored => {}
        }
    }

    /// A capture's value as text or HTML.
    fn value_of(&self, mut c: Capture) -> RawText {
        let (value, html) = if c.children {
            // Markup inside: the element is XHTML whatever it declared.
            let markup = match c.wrapper {
                Some((start, Some(end))) if self.atom10 && !c.outside && end <= c.markup.len() => {
                    c.markup[start..end].to_string()
                }
                _ => std::mem::take(&mut c.markup),
            };
            (markup, true)
        } else {
            let mut plain = std::mem::take(&mut c.plain);
            if c.base64 {
                plain = text::base64_text(&plain);
            }
            match c.declared {
                Declared::Html | Declared::Xhtml => (plain, true),
                Declared::Text => {
                    let html = !self.atom
                        && !c.base64
                        && c.field.is_construct()
                        && text::looks_like_html(&plain);
                    (plain, html)
                }
            }
        };
        RawText {
            value: text::repaired(value.trim().to_string(), self.utf8),
            html,
        }
    }

    fn resolve(&self, href: &str) -> String {
        let href = href.trim();
        match self.base() {
            Some(base) => base
                .join(href)
                .map(String::from)
                .unwrap_or_else(|_| href.to_string()),
            None => href.to_string(),
        }
    }

    fn add_tag(&mut self, tag: RawTag) {
        if let Some(e) = self.entry.as_mut() {
            if !e.raw.tags.contains(&tag) {
                e.raw.tags.push(tag);
            }
        }
    }

    fn close_person(&mut self) {
        self.finish_captures_of_person();
        let Some((p, _)) = self.person.take() else {
            return;
        };
        if p.name.is_empty() && p.email.is_none() && p.url.is_none() {
            return;
        }
        if let Some(e) = self.entry.as_mut() {
            if !e.raw.authors.contains(&p) {
                e.raw.authors.push(p);
            }
        }
    }

    fn finish_captures_of_person(&mut self) {
        if let Some((_, depth)) = self.person {
            self.finish_captures_above(depth - 1);
        }
    }

    fn close_entry(&mut self) {
        if self.entry.is_none() {
            return;
        }
        self.close_person();
        let Some(e) = self.entry.take() else {
            return;
        };
        if self.items.len() >= self.max {
            return;
        }
        let mut r = e.raw;
        if r.title.is_none() {
            r.title = e.media_title;
        }
        let empty = r.title.is_none()
            && r.link.is_none()
            && r.id.trim().is_empty()
            && r.summary.is_none()
            && r.content.is_none()
            && r.published.is_none()
            && r.updated.is_none()
            && r.authors.is_empty()
            && r.tags.is_empty();
        if empty {
            self.skipped += 1;
        } else {
            self.items.push(r);
        }
    }
}

const ITUNES: &str = "http://www.itunes.com/";
/// Media RSS's scheme for a category that names none.
const MEDIA_CATEGORIES: &str = "http://search.yahoo.com/mrss/category_schema";

/// Elements that end a headline left open (a document cut inside it):
/// a headline holds no other element's text.
const ENDS_A_TITLE: &[&str] = &[
    "item",
    "entry",
    "channel",
    "link",
    "guid",
    "id",
    "description",
    "pubdate",
    "summary",
    "content",
    "encoded",
    "category",
    "author",
    "creator",
    "source",
    "enclosure",
    "comments",
    "updated",
    "published",
    "title",
];

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

fn is_item(local: &str) -> bool {
    matches!(local, "item" | "entry")
}

fn is_item_name(name: &str) -> bool {
    matches!(name, "item" | "entry" | "rdf:item")
}

const ATOM10: &str = "http://www.w3.org/2005/Atom";

/// Whether a text starts with a URI scheme (`urn:`, `http:`, `tag:`).
fn has_scheme(id: &str) -> bool {
    id.split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// A guid that can stand for the item's link: an absolute web address.
fn is_web_address(id: &str) -> bool {
    Url::parse(id).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
}

/// An author written as text: "me@example.com (Name)", "Name
/// <me@example.com>", "Name (me@example.com)", an address or a name alone.
fn split_author(text: &str) -> (String, Option<String>) {
    let email = text
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '<' | '>'))
        .map(|w| w.trim_start_matches("mailto:"))
        .find(|w| {
            w.split_once('@').is_some_and(|(user, host)| {
                !user.is_empty() && host.contains('.') && !host.ends_with('.')
            })
        })
        .map(String::from);
    let name = match &email {
        Some(e) => text
            .replace(e.as_str(), "")
            .replace("mailto:", "")
            .replace("()", "")
            .replace("<>", "")
            .trim()
            .trim_start_matches('(')
            .trim_end_matches(')')
            .trim()
            .to_string(),
        None => text.to_string(),
    };
    (name, email)
}
