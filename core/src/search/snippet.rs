//! The matches in the original text: a headline with its matching words
//! marked, and the part of a longer text where most of them are. Text is
//! never rebuilt from the index: what the reader sees is what was printed.

use serde::Serialize;

use super::query::Query;
use super::stem::Stemmer;
use super::tokens::words;

/// A run of original text, a match or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub text: String,
    pub hit: bool,
}

fn push(out: &mut Vec<Segment>, text: &str, hit: bool) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(last) if last.hit == hit => last.text.push_str(text),
        _ => out.push(Segment {
            text: text.to_string(),
            hit,
        }),
    }
}

/// The word ranges of a text and whether each matches.
fn marked(text: &str, q: &Query, stemmer: Stemmer) -> Vec<(usize, usize, bool)> {
    words(text)
        .map(|(s, e)| (s, e, q.matches_word(&text[s..e], stemmer)))
        .collect()
}

fn segments(text: &str, ws: &[(usize, usize, bool)], from: usize, to: usize) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut at = from;
    for &(s, e, hit) in ws {
        if e <= from || s >= to {
            continue;
        }
        push(&mut out, &text[at..s], false);
        push(&mut out, &text[s..e], hit);
        at = e;
    }
    push(&mut out, &text[at..to], false);
    out
}

/// The whole text with its matching words marked; `None` if none match.
pub fn highlight(text: &str, q: &Query, stemmer: Stemmer) -> Option<Vec<Segment>> {
    let ws = marked(text, q, stemmer);
    ws.iter()
        .any(|w| w.2)
        .then(|| segments(text, &ws, 0, text.len()))
}

/// About `width` words of the text around where most matches are, marked,
/// with an ellipsis where the text was cut; `None` if nothing matches.
pub fn snippet(text: &str, q: &Query, stemmer: Stemmer, width: usize) -> Option<Vec<Segment>> {
    let ws = marked(text, q, stemmer);
    let width = width.max(1);
    // The window with the most matches (the first of equals), started a few
    // words before its first match.
    let mut best: Option<(usize, usize)> = None;
    let mut hits = 0;
    for i in 0..ws.len() {
        if ws[i].2 {
            hits += 1;
        }
        if i >= width && ws[i - width].2 {
            hits -= 1;
        }
        if hits > 0 && best.is_none_or(|(_, h)| hits > h) {
            best = Some((i + 1 - width.min(i + 1), hits));
        }
    }
    let (start, _) = best?;
    let first_hit = (start..ws.len()).find(|&i| ws[i].2).unwrap_or(start);
    let start = first_hit.saturating_sub(3).max(start.min(first_hit));
    let end = (start + width).min(ws.len());
    let from = if start == 0 { 0 } else { ws[start].0 };
    let to = if end == ws.len() {
        text.len()
    } else {
        ws[end - 1].1
    };
    let mut out = Vec::new();
    if start > 0 {
        push(&mut out, "… ", false);
    }
    for s in segments(text, &ws, from, to) {
        push(&mut out, &s.text, s.hit);
    }
    if end < ws.len() {
        push(&mut out, " …", false);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(segs: &[Segment]) -> String {
        segs.iter()
            .map(|s| {
                if s.hit {
                    format!("[{}]", s.text)
                } else {
                    s.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn matches_are_marked_in_the_printed_text() {
        let q = Query::parse("اقتصاد مستشفى ", Stemmer::Light).expect("q");
        let title = "الاقتصادُ يتعافى، والمستشفيات تنتظر";
        let h = highlight(title, &q, Stemmer::Light).expect("hits");
        assert_eq!(render(&h), "[الاقتصادُ] يتعافى، [والمستشفيات] تنتظر");
        assert!(highlight("لا شيء هنا", &q, Stemmer::Light).is_none());
    }

    #[test]
    fn a_snippet_is_cut_around_the_matches() {
        let q = Query::parse("النفط ", Stemmer::Light).expect("q");
        let text = format!(
            "{} ارتفعت أسعار النفط اليوم {}",
            "كلمة ".repeat(30),
            "أخرى ".repeat(30)
        );
        let s = render(&snippet(&text, &q, Stemmer::Light, 8).expect("snippet"));
        assert!(s.starts_with("… "), "{s}");
        assert!(s.ends_with(" …"), "{s}");
        assert!(s.contains("أسعار [النفط] اليوم"), "{s}");
        assert!(s.split_whitespace().count() <= 8 + 2, "{s}");
    }

    #[test]
    fn a_short_text_is_whole() {
        let q = Query::parse("strikes ", Stemmer::Light).expect("q");
        let s = snippet("Drone strikes hit the grid", &q, Stemmer::Light, 20).expect("s");
        assert_eq!(render(&s), "Drone [strikes] hit the grid");
    }
}
