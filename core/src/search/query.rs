//! A reader's query as an FTS5 expression over the index's terms.
//!
//! Words are normalised and stemmed as the index was; all of them must
//! match. Text in quotes ("…", «…» or “…”) is a phrase. The last word, while
//! it is still being typed (no space after it), also matches as a prefix:
//! `اقتص` finds اقتصاد. Nothing the reader types reaches FTS5 unquoted, so
//! its operators (NEAR, OR, *, column filters) are only ever text.

use super::normalize::normalize;
use super::stem::{stem, strip_prefixes, Stemmer};
use super::tokens::{term, words};

/// The longest query read, and the most terms kept from it.
pub const MAX_CHARS: usize = 200;
pub const MAX_TERMS: usize = 16;

/// What one query word matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The stem, matched whole.
    pub stem: String,
    /// For the word being typed: the normalised word without its prefixes,
    /// matched as the start of a term.
    pub prefix: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// The FTS5 MATCH expression.
    pub fts: String,
    /// The terms, for highlighting the matches.
    pub terms: Vec<Term>,
}

fn quoted(t: &str) -> String {
    format!("\"{}\"", t.replace('"', "\"\""))
}

/// Splits the input into phrases (quoted) and single words, in order.
fn pieces(input: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut rest = input;
    while !rest.is_empty() {
        let open = rest.find(['"', '«', '“']);
        let Some(i) = open else {
            out.push((false, rest));
            break;
        };
        out.push((false, &rest[..i]));
        let q = rest[i..].chars().next().unwrap_or('"');
        let close = match q {
            '«' => '»',
            '“' => '”',
            _ => '"',
        };
        let inner = &rest[i + q.len_utf8()..];
        match inner.find(close) {
            Some(j) => {
                out.push((true, &inner[..j]));
                rest = &inner[j + close.len_utf8()..];
            }
            // An unclosed quote: the rest is a phrase being typed.
            None => {
                out.push((true, inner));
                break;
            }
        }
    }
    out
}

impl Query {
    /// The query for what the reader typed; `None` when nothing in it can
    /// match (empty, only marks or punctuation).
    pub fn parse(input: &str, stemmer: Stemmer) -> Option<Query> {
        let input: String = input.chars().take(MAX_CHARS).collect();
        let typing = !input.ends_with(char::is_whitespace);
        let pieces = pieces(&input);
        let last_bare = pieces
            .iter()
            .rposition(|(phrase, text)| !phrase && words(text).next().is_some());
        let mut parts: Vec<String> = Vec::new();
        let mut terms: Vec<Term> = Vec::new();
        for (n, (phrase, text)) in pieces.iter().enumerate() {
            let ws: Vec<&str> = words(text).map(|(s, e)| &text[s..e]).collect();
            if *phrase {
                let ts: Vec<String> = ws.iter().filter_map(|w| term(w, stemmer)).collect();
                if ts.is_empty() {
                    continue;
                }
                parts.push(quoted(&ts.join(" ")));
                terms.extend(ts.into_iter().map(|stem| Term { stem, prefix: None }));
                continue;
            }
            for (k, w) in ws.iter().enumerate() {
                let Some(t) = term(w, stemmer) else { continue };
                let being_typed =
                    typing && Some(n) == last_bare && k + 1 == ws.len() && n + 1 == pieces.len();
                if being_typed {
                    let p = strip_prefixes(&normalize(w));
                    parts.push(format!("({} OR {}*)", quoted(&t), quoted(&p)));
                    terms.push(Term {
                        stem: t,
                        prefix: Some(p),
                    });
                } else {
                    parts.push(quoted(&t));
                    terms.push(Term {
                        stem: t,
                        prefix: None,
                    });
                }
            }
        }
        parts.truncate(MAX_TERMS);
        terms.truncate(MAX_TERMS * 4);
        if parts.is_empty() {
            return None;
        }
        Some(Query {
            fts: parts.join(" AND "),
            terms,
        })
    }

    /// Whether a word of the original text is one the query matches.
    pub fn matches_word(&self, word: &str, stemmer: Stemmer) -> bool {
        let n = normalize(word);
        if n.is_empty() {
            return false;
        }
        let s = stem(&n, stemmer);
        self.terms.iter().any(|t| {
            t.stem == s
                || t.prefix
                    .as_ref()
                    .is_some_and(|p| strip_prefixes(&n).starts_with(p.as_str()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Option<String> {
        Query::parse(s, Stemmer::Light).map(|q| q.fts)
    }

    #[test]
    fn words_are_normalised_stemmed_and_all_required() {
        assert_eq!(
            q("الاقتصادُ والمستشفيات ").as_deref(),
            Some("\"اقتصاد\" AND \"مستشف\"")
        );
    }

    #[test]
    fn the_word_being_typed_is_also_a_prefix() {
        assert_eq!(q("اقتص").as_deref(), Some("(\"اقتص\" OR \"اقتص\"*)"));
        assert_eq!(
            q("ارتفاع الاقتصا").as_deref(),
            Some("\"ارتفاع\" AND (\"اقتصا\" OR \"اقتصا\"*)")
        );
    }

    #[test]
    fn quotes_make_phrases() {
        assert_eq!(
            q("\"دوري أبطال أوروبا\" ").as_deref(),
            Some("\"دور ابطال اوروبا\"")
        );
        assert_eq!(
            q("«أسعار النفط» ارتفاع ").as_deref(),
            Some("\"اسعار نفط\" AND \"ارتفاع\"")
        );
        assert_eq!(q("\"غير مغلق").as_deref(), Some("\"غير مغلق\""));
    }

    #[test]
    fn operators_and_punctuation_are_only_text() {
        assert_eq!(
            q("NEAR( a OR b ) ").as_deref(),
            Some("\"near\" AND \"a\" AND \"or\" AND \"b\"")
        );
        assert_eq!(q("title: * ").as_deref(), Some("\"titl\""));
        assert_eq!(q("a\"b").as_deref(), Some("\"a\" AND \"b\""));
        assert_eq!(q(" ، ! ؟ "), None);
        assert_eq!(q("ـــ َ"), None);
        assert_eq!(q(""), None);
    }

    #[test]
    fn matching_words_for_highlights() {
        let query = Query::parse("المستشفى اقتص", Stemmer::Light).expect("query");
        for w in ["مستشفيات", "والمستشفى", "الاقتصادية", "اقتصاد"]
        {
            assert!(query.matches_word(w, Stemmer::Light), "{w}");
        }
        for w in ["مدرسة", "صادرات", "في"] {
            assert!(!query.matches_word(w, Stemmer::Light), "{w}");
        }
    }
}
