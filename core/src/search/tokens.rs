//! Words of a text, where they are in it, and the terms they index under.

use super::normalize::{is_word_char, normalize};
use super::stem::{stem, Stemmer};

/// Byte ranges of the words of a text, in order.
pub fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        // Skip to the next word character.
        let (start, _) = loop {
            let (i, c) = chars.next()?;
            if is_word_char(c) {
                break (i, c);
            }
        };
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if !is_word_char(c) {
                end = i;
                break;
            }
            chars.next();
        }
        Some((start, end))
    })
}

/// The term a word is indexed under: normalised, then stemmed. `None` for a
/// word that is only marks.
pub fn term(word: &str, stemmer: Stemmer) -> Option<String> {
    let n = normalize(word);
    if n.is_empty() {
        return None;
    }
    Some(stem(&n, stemmer))
}

/// A text as the index stores it: its terms, in order, separated by spaces
/// (one term per word, so phrases keep their positions).
pub fn index_text(text: &str, stemmer: Stemmer) -> String {
    let mut out = String::with_capacity(text.len());
    for (s, e) in words(text) {
        if let Some(t) = term(&text[s..e], stemmer) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&t);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_hold_their_marks_and_skip_punctuation() {
        let text = "قال «خَبَرَيْن»: 10 آلاف، و OPEC+!";
        let w: Vec<&str> = words(text).map(|(s, e)| &text[s..e]).collect();
        assert_eq!(w, ["قال", "خَبَرَيْن", "10", "آلاف", "و", "OPEC"]);
    }

    #[test]
    fn index_text_is_normalised_and_stemmed() {
        assert_eq!(
            index_text("الاقتصادُ والمستشفيات في ٢٠٢٦ — Strikes", Stemmer::Light),
            "اقتصاد مستشف في 2026 strike"
        );
        assert_eq!(index_text("ـــ َ", Stemmer::Light), "");
    }
}
