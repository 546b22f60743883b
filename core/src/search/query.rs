//! A reader's query as an FTS5 expression over the index's terms.
//!
//! Words are normalised and stemmed as the index was; all of them must
//! match. Text in quotes ("…", «…» or “…”) is a phrase. The last word, while
//! it is still being typed (no space after it), also matches as a prefix:
//! `اقتص` finds اقتصاد. Nothing the reader types reaches FTS5 unquoted, so
//! its operators (NEAR, OR, *, column filters) are only ever text.

use super::forms::{form as as_written, query_forms};
use super::normalize::normalize;
use super::patterns::plural_readings;
use super::stem::{attached_readings, stem, strip_prefixes, Readings, Stemmer};
use super::tokens::{term, word_form, words};
use super::variants::other_spellings;

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
    /// For two words or more typed apart: the words standing together
    /// (within `NEAR_WORDS` of each other), an FTS5 NEAR expression. The
    /// articles it matches rank first: a reader who types كوريا الشمالية
    /// means the two together, not every article with both somewhere.
    pub near: Option<String>,
    /// Every word as the reader wrote it (`search::forms`), an FTS5
    /// expression on the index of the words as written (`articles_forms`):
    /// these matches rank before those of the stems only.
    pub exact: Option<String>,
    /// For two words or more typed apart: the words as written, standing
    /// together as typed. First of all.
    pub exact_phrase: Option<String>,
    /// The terms, for highlighting the matches.
    pub terms: Vec<Term>,
}

/// The readings of a phrase's first word with letters attached that are
/// looked for (each is one more phrase in the match).
const MAX_PHRASE_READINGS: usize = 12;

/// How far apart the words of a query may stand to count as together.
pub const NEAR_WORDS: usize = 3;

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
    /// match (empty, only marks or punctuation). Every reading of a word's
    /// attached letters is asked for (see `stem::attached_readings`).
    pub fn parse(input: &str, stemmer: Stemmer) -> Option<Query> {
        Self::parse_with(input, stemmer, &|_| None)
    }

    /// As `parse`, knowing in how many articles a term stands (`frequency`,
    /// `None` when unknown): a reading that takes a word's first letters
    /// off is kept only when at least as many articles hold it as hold the
    /// word as written (`بكوريا` → كوريا, but not `كوريا` → ريا), and
    /// readings no article holds are left out.
    pub fn parse_with(
        input: &str,
        stemmer: Stemmer,
        frequency: &dyn Fn(&str) -> Option<i64>,
    ) -> Option<Query> {
        let input: String = input.chars().take(MAX_CHARS).collect();
        let typing = !input.ends_with(char::is_whitespace);
        let pieces = pieces(&input);
        let last_bare = pieces
            .iter()
            .rposition(|(phrase, text)| !phrase && words(text).next().is_some());
        let mut parts: Vec<String> = Vec::new();
        let mut terms: Vec<Term> = Vec::new();
        // The words typed apart, as written (for `near`).
        let mut own: Vec<String> = Vec::new();
        // Their forms (for `exact_phrase`), and each word's forms (`exact`).
        let mut own_forms: Vec<String> = Vec::new();
        let mut exact: Vec<String> = Vec::new();
        for (n, (phrase, text)) in pieces.iter().enumerate() {
            let ws: Vec<&str> = words(text).map(|(s, e)| &text[s..e]).collect();
            if *phrase {
                let ts: Vec<String> = ws.iter().filter_map(|w| term(w, stemmer)).collect();
                if ts.is_empty() {
                    continue;
                }
                // Its first word as it reads with letters attached in front
                // (بكوريا الشمالية for «كوريا الشمالية»), where an article
                // holds that reading: a phrase is the name in every
                // sentence that names it.
                let first = ws
                    .first()
                    .map(|w| attached_readings(&word_form(w), stemmer).on)
                    .unwrap_or_default();
                let mut alternatives = vec![quoted(&ts.join(" "))];
                let mut extra = Vec::new();
                for r in first
                    .into_iter()
                    .filter(|r| frequency(r).is_none_or(|f| f > 0))
                    .take(MAX_PHRASE_READINGS)
                {
                    let mut with = ts.clone();
                    with[0] = r.clone();
                    alternatives.push(quoted(&with.join(" ")));
                    extra.push(r);
                }
                parts.push(if alternatives.len() == 1 {
                    alternatives.remove(0)
                } else {
                    format!("({})", alternatives.join(" OR "))
                });
                terms.extend(ts.into_iter().map(|stem| Term { stem, prefix: None }));
                terms.extend(extra.into_iter().map(|stem| Term { stem, prefix: None }));
                let fs: Vec<String> = ws.iter().filter_map(|w| as_written(w)).collect();
                exact.push(quoted(&fs.join(" ")));
                continue;
            }
            for (k, w) in ws.iter().enumerate() {
                let Some(t) = term(w, stemmer) else { continue };
                let being_typed =
                    typing && Some(n) == last_bare && k + 1 == ws.len() && n + 1 == pieces.len();
                if own.len() < MAX_TERMS && !being_typed {
                    own.push(t.clone());
                    if let Some(f) = as_written(w) {
                        own_forms.push(f);
                    }
                }
                // The word as written, and as read with its attached letters
                // off or on (بكوريا, كوريا): any of them matches.
                let form = word_form(w);
                let Readings { off, on } = attached_readings(&form, stemmer);
                // How many articles hold the word itself: asked only when a
                // reading with letters off is to be weighed against it (for
                // a common word, counting is most of a query's reading).
                let own = if off.is_empty() { None } else { frequency(&t) };
                let held = |r: &String| frequency(r).is_none_or(|f| f > 0);
                let mut readings: Vec<String> = Vec::new();
                // The word without its attached letters, where that reading
                // is kept (for `exact`).
                let mut attached: Vec<String> = Vec::new();
                for (r, with) in off {
                    // The reading's family (كوريا، بكوريا، لكوريا… but not the
                    // word as written) must be as common as the word.
                    let family = std::iter::once(&r)
                        .chain(with.iter().filter(|x| **x != t))
                        .map(|x| frequency(x))
                        .try_fold(0i64, |sum, f| f.map(|f| sum + f));
                    let kept = match (family, own) {
                        (Some(f), Some(o)) => f > 0 && f >= o,
                        (Some(f), None) => f > 0,
                        (None, _) => true,
                    };
                    if kept {
                        let base = strip_prefixes(&form);
                        let rest: String = match base.chars().nth(1) {
                            Some('ب' | 'ل' | 'ك') if base.starts_with('ف') => {
                                base.chars().skip(2).collect()
                            }
                            _ => base.chars().skip(1).collect(),
                        };
                        if !attached.contains(&rest) {
                            attached.push(rest);
                        }
                        readings.push(r);
                        readings.extend(with.into_iter().filter(held));
                    }
                }
                readings.extend(on.into_iter().filter(held));
                // The name's other spellings (سوريا, سورية), and theirs after
                // ب ل ك ف; their forms count as written.
                for v in other_spellings(&form) {
                    readings.extend(
                        std::iter::once(stem(&v, stemmer))
                            .chain(attached_readings(&v, stemmer).on)
                            .filter(held),
                    );
                    attached.push(v);
                }
                // Its plural or singular by pattern (جندي، جنود), and a
                // dual's singular (طائرتان، طائرة): only those articles hold.
                let mut pattern = plural_readings(&form, stemmer);
                // A final ى as typed is the feminine of فُعلى (الأولى ↔ الأول),
                // a final ي (الدوري) is not: the letter the reader typed says.
                if let Some(masculine) = w.strip_suffix('ى').filter(|m| m.chars().count() >= 3) {
                    if let Some(r) = term(masculine, stemmer).filter(|r| *r != t) {
                        pattern.push(r);
                    }
                }
                readings.extend(
                    pattern
                        .into_iter()
                        .filter(|r| frequency(r).is_some_and(|f| f > 0)),
                );
                let mut seen = std::collections::HashSet::new();
                readings.retain(|r| *r != t && seen.insert(r.clone()));
                let mut any: Vec<String> = std::iter::once(&t)
                    .chain(&readings)
                    .map(|r| quoted(r))
                    .collect();
                let prefix = being_typed.then(|| strip_prefixes(&normalize(w)));
                if let Some(p) = &prefix {
                    any.push(format!("{}*", quoted(p)));
                }
                // (Not the word still being typed: it is not yet a word as
                // written.)
                let forms: Vec<String> = query_forms(w, &attached)
                    .iter()
                    .map(|f| quoted(f))
                    .collect();
                if !forms.is_empty() && !being_typed {
                    exact.push(format!("({})", forms.join(" OR ")));
                }
                parts.push(if any.len() == 1 {
                    any.remove(0)
                } else {
                    format!("({})", any.join(" OR "))
                });
                terms.push(Term { stem: t, prefix });
                terms.extend(readings.into_iter().map(|stem| Term { stem, prefix: None }));
            }
        }
        parts.truncate(MAX_TERMS);
        terms.truncate(MAX_TERMS * 4);
        if parts.is_empty() {
            return None;
        }
        let near = (own.len() >= 2).then(|| {
            let words: Vec<String> = own.iter().map(|t| quoted(t)).collect();
            format!("NEAR({}, {NEAR_WORDS})", words.join(" "))
        });
        exact.truncate(MAX_TERMS);
        let exact = (!exact.is_empty()).then(|| exact.join(" AND "));
        let exact_phrase = (own_forms.len() >= 2).then(|| quoted(&own_forms.join(" ")));
        Some(Query {
            fts: parts.join(" AND "),
            near,
            exact,
            exact_phrase,
            terms,
        })
    }

    /// Whether a word of the original text is one the query matches.
    pub fn matches_word(&self, word: &str, stemmer: Stemmer) -> bool {
        let Some(s) = term(word, stemmer) else {
            return false;
        };
        if self.terms.iter().any(|t| t.stem == s) {
            return true;
        }
        // A word being typed matches by its beginning: the word as written
        // is asked for only then (every word of a result's text is asked).
        let mut prefixes = self
            .terms
            .iter()
            .filter_map(|t| t.prefix.as_ref())
            .peekable();
        if prefixes.peek().is_none() {
            return false;
        }
        let n = strip_prefixes(&normalize(word));
        prefixes.any(|p| n.starts_with(p.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With an index that holds only the words of these tests as written:
    /// no other reading is asked for.
    fn q(s: &str) -> Option<String> {
        const HELD: &[&str] = &[
            "اقتصاد",
            "مستشف",
            "اقتص",
            "ارتفاع",
            "اسعار",
            "نفط",
            "دور",
            "ابطال",
            "اوروبا",
        ];
        let frequency = |t: &str| Some(i64::from(HELD.contains(&t) || t.is_ascii()));
        Query::parse_with(s, Stemmer::Light, &frequency).map(|q| q.fts)
    }

    #[test]
    fn attached_letters_are_read_both_ways_as_the_index_bears_out() {
        // An index where "كوريا" stands in 40 articles, "بكوريا" in 3,
        // "لكوريا" in 2 and "ريا" in 1.
        let frequency = |t: &str| {
            Some(match t {
                "كوريا" => 40,
                "بكوريا" => 3,
                "لكوريا" => 2,
                "ريا" => 1,
                _ => 0,
            })
        };
        let q = |s: &str| Query::parse_with(s, Stemmer::Light, &frequency).map(|q| q.fts);
        assert_eq!(
            q("كوريا ").as_deref(),
            Some("(\"كوريا\" OR \"بكوريا\" OR \"لكوريا\")"),
            "not ريا: fewer articles hold it than hold كوريا"
        );
        assert_eq!(
            q("بكوريا ").as_deref(),
            Some("(\"بكوريا\" OR \"كوريا\" OR \"لكوريا\")")
        );
        assert_eq!(
            q("وبكوريا ").as_deref(),
            Some("(\"بكوريا\" OR \"كوريا\" OR \"لكوريا\")")
        );
        // Without an index every reading is asked for.
        let all = Query::parse("بكوريا ", Stemmer::Light).expect("query");
        assert!(all.fts.contains("\"كوريا\"") && all.fts.contains("\"فبكوريا\""));
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
            Some("\"دوري ابطال اوروبا\"")
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
