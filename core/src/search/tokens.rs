//! Words of a text, where they are in it, and the terms they index under.

use super::normalize::{is_word_char, normalize};
use super::stem::{stem, Stemmer};

/// Separators a number may hold between its digits: grouping (`12,000`,
/// `١٢٬٠٠٠`) and decimal marks (`3.5`, `٣٫٥`).
fn is_number_mark(c: char) -> bool {
    matches!(c, ',' | '.' | '٬' | '٫')
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
        || ('\u{0660}'..='\u{0669}').contains(&c)
        || ('\u{06F0}'..='\u{06F9}').contains(&c)
}

/// Letters that attach to a number in front of it: و ف ب ل ك (up to three,
/// with a tatweel: `ولـ`).
fn is_attached(letters: &str) -> bool {
    letters.chars().count() <= 3
        && letters
            .chars()
            .all(|c| matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك' | 'ـ'))
}

/// Byte ranges of the words of a text, in order. A number is one word with
/// its grouping and decimal marks (`12,000`, `١٢٬٠٠٠`, `3.5`).
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
        let mut last = text[start..].chars().next().unwrap_or(' ');
        // Digits and letters written together are two words: `2015م`,
        // `لـ500`, `من300` (marks between them belong to neither).
        let mut kind = is_digit(last).then_some(true);
        if kind.is_none() && last.is_alphabetic() {
            kind = Some(false);
        }
        while let Some(&(i, c)) = chars.peek() {
            let this = if is_digit(c) {
                Some(true)
            } else if c.is_alphabetic() {
                Some(false)
            } else {
                None
            };
            if let (Some(a), Some(b)) = (kind, this) {
                // A number after a conjunction or a preposition stays one
                // word with it (`و١٢٬٠٠٠`, `لـ500`): `term` reads the number.
                let attached = !a && b && is_attached(&text[start..i]);
                if a != b && !attached {
                    end = i;
                    break;
                }
            }
            if this.is_some() {
                kind = this;
            }
            if !is_word_char(c) {
                // A mark between two digits belongs to the number.
                let next = text[i + c.len_utf8()..].chars().next();
                if is_number_mark(c) && is_digit(last) && next.is_some_and(is_digit) {
                    chars.next();
                    last = c;
                    continue;
                }
                end = i;
                break;
            }
            last = c;
            chars.next();
        }
        Some((start, end))
    })
}

/// A number in one spelling whatever way it was printed: Arabic-Indic
/// digits as Latin, grouping marks gone (`12,000`, `١٢٬٠٠٠`, `12000` →
/// `12000`; `1.000.000` → `1000000`), the decimal mark as `d` (`3.5`,
/// `٣٫٥` → `3d5`: one token for the index's tokenizer). `None` for a word
/// that is not a number.
pub fn number(word: &str) -> Option<String> {
    if !word.chars().all(|c| is_digit(c) || is_number_mark(c)) || !word.chars().any(is_digit) {
        return None;
    }
    let groups: Vec<&str> = word.split(is_number_mark).collect();
    let marks: Vec<char> = word.chars().filter(|c| is_number_mark(*c)).collect();
    let digits =
        |s: &str| -> String { s.chars().filter_map(super::normalize::fold_char).collect() };
    // Grouping: every mark is a thousands mark (`,` or `٬`, or `.` used so
    // more than once) followed by exactly three digits.
    let grouping = marks.iter().all(|m| matches!(m, ',' | '٬'))
        || (marks.len() > 1 && marks.iter().all(|m| *m == '.'));
    if grouping && groups[1..].iter().all(|g| g.chars().count() == 3) {
        return Some(digits(&groups.concat()));
    }
    // One decimal mark, with grouped thousands before it.
    let (whole, fraction) = word.rsplit_once(['.', '٫', ','])?;
    let whole: String = whole.split(['٬', ',']).collect();
    Some(format!("{}d{}", digits(&whole), digits(fraction)))
}

/// A number, bare or after a conjunction or preposition (`و١٢٬٠٠٠`,
/// `لـ500`), in its one spelling.
pub fn number_after_fronts(word: &str) -> Option<String> {
    // Most words hold no digit: the quick answer first.
    if !word.chars().any(is_digit) {
        return None;
    }
    let digits_at = word
        .char_indices()
        .take(4)
        .find(|(_, c)| !matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك' | 'ـ'))
        .map_or(0, |(i, _)| i);
    number(&word[digits_at..])
}

/// The accusative tanween written with its alef (`صاروخًا`, `صاروخاً`):
/// the alef is the case ending's, not the word's, and goes with the mark.
fn without_tanween_alef(word: &str) -> &str {
    word.strip_suffix("\u{064B}ا")
        .or_else(|| word.strip_suffix("ا\u{064B}"))
        .unwrap_or(word)
}

/// A word as its readings are made from it: normalised, the tanween's
/// alef gone.
pub fn word_form(word: &str) -> String {
    normalize(without_tanween_alef(word))
}

/// The term a word is indexed under: normalised, then stemmed (a number in
/// its one spelling). `None` for a word that is only marks.
pub fn term(word: &str, stemmer: Stemmer) -> Option<String> {
    if let Some(n) = number_after_fronts(word) {
        return Some(n);
    }
    let n = normalize(without_tanween_alef(word));
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
    fn numbers_glued_to_letters_are_words_of_their_own() {
        let text = "عام 2015م، ولـ500 ومن300 و١٤٣٦هـ";
        let w: Vec<&str> = words(text).map(|(s, e)| &text[s..e]).collect();
        assert_eq!(
            w,
            ["عام", "2015", "م", "ولـ500", "ومن", "300", "و١٤٣٦", "هـ"]
        );
        let terms: Vec<String> = w.iter().filter_map(|w| term(w, Stemmer::Light)).collect();
        assert_eq!(
            terms,
            ["عام", "2015", "م", "500", "ومن", "300", "1436", "ه"]
        );
    }

    #[test]
    fn numbers_are_one_word_in_one_spelling() {
        let text = "بلغ 12,000 و١٢٬٠٠٠ و12000 و3.5 و٣٫٥ و1.000.000 و1,001، ثم 7, 8.";
        let terms: Vec<String> = words(text)
            .filter_map(|(s, e)| term(&text[s..e], Stemmer::Light))
            .collect();
        assert_eq!(
            terms,
            [
                "بلغ", "12000", "12000", "12000", "3d5", "3d5", "1000000", "1001", "ثم", "7", "8"
            ]
        );
    }

    #[test]
    fn the_accusative_tanween_takes_its_alef_along() {
        for w in ["صاروخًا", "صاروخاً", "وصاروخًا", "صاروخ"] {
            assert_eq!(term(w, Stemmer::Light).as_deref(), Some("صاروخ"), "{w}");
        }
        // An alef that is the word's own stays.
        assert_eq!(term("أمريكا", Stemmer::Light).as_deref(), Some("امريكا"));
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
