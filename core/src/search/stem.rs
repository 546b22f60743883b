//! Light stemming: the attached prefixes and common suffixes of an Arabic
//! word come off, so "والاقتصادية" and "اقتصاد" meet. Latin words get
//! English Snowball stemming (the original English headlines).
//!
//! The Arabic stemmer is a light10-style one (Larkey, Ballesteros and
//! Connell): it only strips affixes, never reaches for a root, and guards
//! short words. `Stemmer::Snowball` (Snowball's Arabic, from rust-stemmers)
//! and `Stemmer::None` are here for the quality comparison in
//! `tests/search_quality.rs`, which chose light10 (see the README).

use rust_stemmers::{Algorithm, Stemmer as Snowball};
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stemmer {
    Light,
    Snowball,
    None,
}

/// The name of God, whose first letters look like the article but are not
/// one: every attached form stems to it.
const GOD: &str = "الله";
const GOD_FORMS: &[&str] = &["الله", "لله", "بالله", "تالله", "فالله"];

const PREFIXES: &[&str] = &["وال", "بال", "كال", "فال", "لل", "ال"];
const SUFFIXES: &[&str] = &["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"];

fn char_len(s: &str) -> usize {
    s.chars().count()
}

fn is_arabic(word: &str) -> bool {
    word.chars().any(|c| ('\u{0620}'..='\u{064A}').contains(&c))
}

/// light10 on a normalised Arabic word.
fn light10(word: &str) -> String {
    let mut w = word;
    // The conjunction و, when what is left is still a word.
    if let Some(rest) = w.strip_prefix('و') {
        if char_len(rest) >= 3 {
            w = rest;
        }
    }
    if GOD_FORMS.contains(&w) {
        return GOD.to_string();
    }
    for p in PREFIXES {
        if let Some(rest) = w.strip_prefix(p) {
            if char_len(rest) >= 2 {
                w = rest;
                break;
            }
        }
    }
    // Each suffix once, longest first, as long as two letters stay.
    for s in SUFFIXES {
        if let Some(rest) = w.strip_suffix(s) {
            if char_len(rest) >= 2 {
                w = rest;
            }
        }
    }
    w.to_string()
}

fn snowball(algorithm: Algorithm) -> &'static Snowball {
    static ARABIC: OnceLock<Snowball> = OnceLock::new();
    static ENGLISH: OnceLock<Snowball> = OnceLock::new();
    match algorithm {
        Algorithm::Arabic => ARABIC.get_or_init(|| Snowball::create(Algorithm::Arabic)),
        _ => ENGLISH.get_or_init(|| Snowball::create(Algorithm::English)),
    }
}

/// The stem of a normalised word. Digits and short words stay as they are.
pub fn stem(word: &str, stemmer: Stemmer) -> String {
    if is_arabic(word) {
        match stemmer {
            Stemmer::Light => light10(word),
            Stemmer::Snowball => snowball(Algorithm::Arabic).stem(word).into_owned(),
            Stemmer::None => word.to_string(),
        }
    } else if word.chars().any(|c| c.is_alphabetic())
        && char_len(word) > 2
        && stemmer != Stemmer::None
    {
        snowball(Algorithm::English).stem(word).into_owned()
    } else {
        word.to_string()
    }
}

/// The prefixes only: for a word still being typed, whose end is not known.
pub fn strip_prefixes(word: &str) -> String {
    if !is_arabic(word) {
        return word.to_string();
    }
    let mut w = word;
    if let Some(rest) = w.strip_prefix('و') {
        if char_len(rest) >= 3 {
            w = rest;
        }
    }
    if GOD_FORMS.contains(&w) {
        return GOD.to_string();
    }
    for p in PREFIXES {
        if let Some(rest) = w.strip_prefix(p) {
            if char_len(rest) >= 2 {
                w = rest;
                break;
            }
        }
    }
    w.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::normalize::normalize;

    fn s(w: &str) -> String {
        stem(&normalize(w), Stemmer::Light)
    }

    #[test]
    fn prefixes_and_suffixes_come_off() {
        assert_eq!(s("الاقتصاد"), "اقتصاد");
        assert_eq!(s("والاقتصاد"), "اقتصاد");
        assert_eq!(s("بالاقتصاد"), "اقتصاد");
        assert_eq!(s("للاقتصاد"), "اقتصاد");
        assert_eq!(s("الاقتصادية"), "اقتصاد");
        assert_eq!(s("المستشفيات"), "مستشف");
        assert_eq!(s("مستشفى"), "مستشف");
        assert_eq!(s("اللاعبون"), "لاعب");
        assert_eq!(s("اللاعبين"), "لاعب");
        assert_eq!(s("وأوكرانيا"), "اوكرانيا");
        assert_eq!(s("أوكرانيا"), "اوكرانيا");
    }

    #[test]
    fn short_and_protected_words_are_left_alone() {
        assert_eq!(s("الله"), "الله");
        assert_eq!(s("والله"), "الله");
        assert_eq!(s("بالله"), "الله");
        assert_eq!(s("لله"), "الله");
        assert_eq!(s("وزن"), "وزن", "و stays when two letters would be left");
        assert_eq!(s("ال"), "ال");
        assert_eq!(s("في"), "في");
        assert_eq!(s("من"), "من");
        assert_eq!(s("ولد"), "ولد");
        assert_eq!(s("هو"), "هو");
    }

    #[test]
    fn latin_words_take_english_stems() {
        assert_eq!(stem("strikes", Stemmer::Light), "strike");
        assert_eq!(stem("grid", Stemmer::Light), "grid");
        assert_eq!(stem("2026", Stemmer::Light), "2026");
        assert_eq!(stem("uk", Stemmer::Light), "uk");
    }

    #[test]
    fn a_word_being_typed_keeps_its_end() {
        assert_eq!(strip_prefixes("والاقتصادي"), "اقتصادي");
        assert_eq!(strip_prefixes("الله"), "الله");
    }
}
