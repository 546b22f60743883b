//! Element names as the reader dispatches on them: lower case, and the
//! namespace's usual prefix in place of whatever prefix the document chose
//! (`<foo:creator xmlns:foo="http://purl.org/dc/elements/1.1/">` is
//! `dc:creator`). RSS, RDF-RSS and Atom's own elements have no prefix,
//! whichever of them the document is, so an Atom `<link>` inside RSS is a
//! link. A prefix no known namespace is bound to is kept as written.

/// Namespaces by their address (lower case), with the prefix they are
/// known by; "" for the feed formats' own.
const KNOWN: [(&str, &str); 22] = [
    ("http://www.w3.org/2005/atom", ""),
    ("http://purl.org/atom/ns#", ""),
    ("http://purl.org/rss/1.0/", ""),
    ("http://my.netscape.com/rdf/simple/0.9/", ""),
    ("http://backend.userland.com/rss", ""),
    ("http://backend.userland.com/rss2", ""),
    ("http://blogs.law.harvard.edu/tech/rss", ""),
    ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf"),
    ("http://purl.org/dc/elements/1.1/", "dc"),
    ("http://purl.org/dc/terms/", "dcterms"),
    ("http://purl.org/rss/1.0/modules/content/", "content"),
    ("http://www.w3.org/1999/xhtml", "xhtml"),
    ("http://www.itunes.com/dtds/podcast-1.0.dtd", "itunes"),
    ("http://example.com/dtds/podcast-1.0.dtd", "itunes"),
    ("http://search.yahoo.com/mrss/", "media"),
    ("http://search.yahoo.com/mrss", "media"),
    ("http://www.w3.org/xml/1998/namespace", "xml"),
    ("http://purl.org/rss/1.0/modules/slash/", "slash"),
    ("http://wellformedweb.org/commentapi/", "wfw"),
    ("http://purl.org/syndication/thread/1.0", "thr"),
    ("http://www.georss.org/georss", "georss"),
    ("http://podlove.org/simple-chapters", "psc"),
];

/// The usual prefix of a namespace address, if the reader knows it.
pub(super) fn known_prefix(uri: &str) -> Option<&'static str> {
    let uri = uri.trim();
    KNOWN
        .iter()
        .find(|(u, _)| u.eq_ignore_ascii_case(uri))
        .map(|(_, p)| *p)
}

/// Namespace declarations in scope: (prefix as written, lower case; its
/// usual prefix when known). The default namespace has the prefix "".
#[derive(Debug, Default)]
pub(super) struct Scopes {
    bound: Vec<(String, Option<&'static str>)>,
}

impl Scopes {
    /// Declarations of one element's attributes; returns how many were
    /// added (to undo at its end).
    pub fn declare<'a>(&mut self, attrs: impl Iterator<Item = (&'a str, &'a str)>) -> usize {
        let before = self.bound.len();
        for (key, value) in attrs {
            let prefix = if key.eq_ignore_ascii_case("xmlns") {
                Some(String::new())
            } else {
                key.get(..6)
                    .filter(|p| p.eq_ignore_ascii_case("xmlns:"))
                    .map(|_| key[6..].to_ascii_lowercase())
            };
            if let Some(prefix) = prefix {
                self.bound.push((prefix, known_prefix(value)));
            }
        }
        self.bound.len() - before
    }

    pub fn undo(&mut self, n: usize) {
        self.bound.truncate(self.bound.len().saturating_sub(n));
    }

    /// `prefix:local` as dispatched: `dc:creator`, `title`, `foo:bar`.
    pub fn name(&self, qname: &str) -> String {
        let lower = qname.to_ascii_lowercase();
        let (prefix, local) = match lower.split_once(':') {
            Some((p, l)) => (p, l),
            None => ("", lower.as_str()),
        };
        let usual = self
            .bound
            .iter()
            .rev()
            .find(|(p, _)| p == prefix)
            .map(|(_, usual)| *usual);
        match usual {
            // Bound to a namespace the reader knows.
            Some(Some(p)) => join(p, local),
            // Bound to another one: a default namespace of its own is still
            // the document's vocabulary; a prefix stays as written.
            Some(None) | None => join(prefix, local),
        }
    }
}

fn join(prefix: &str, local: &str) -> String {
    if prefix.is_empty() {
        local.to_string()
    } else {
        format!("{prefix}:{local}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_read_by_namespace() {
        let mut s = Scopes::default();
        let n = s.declare(
            [
                ("xmlns", "http://www.w3.org/2005/Atom"),
                ("xmlns:foo", "http://purl.org/dc/elements/1.1/"),
                ("xmlns:x", "http://example.com/x"),
            ]
            .into_iter(),
        );
        assert_eq!(s.name("Foo:Creator"), "dc:creator");
        assert_eq!(s.name("title"), "title");
        assert_eq!(s.name("x:thing"), "x:thing");
        assert_eq!(s.name("dc:subject"), "dc:subject");
        s.undo(n);
        assert_eq!(s.name("foo:creator"), "foo:creator");
    }
}
