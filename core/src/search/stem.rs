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

/// The article with what may stand in front of it, و apart: the prefixes a
/// word as written loses while keeping its article (`search::forms`).
pub(super) const ARTICLES: &[&str] = &["بال", "كال", "فال", "لل", "ال"];
const SUFFIXES: &[&str] = &["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"];

fn char_len(s: &str) -> usize {
    s.chars().count()
}

pub(super) fn is_arabic(word: &str) -> bool {
    word.chars().any(|c| ('\u{0620}'..='\u{064A}').contains(&c))
}

/// light10 on a normalised Arabic word.
fn light10(word: &str) -> String {
    light10_with(word, true)
}

/// The word's letters without its article and suffixes, a first و kept (as
/// in وزير, where it is the word's own): what the plural patterns are read
/// on (`search::patterns`).
pub fn core_letters(word: &str) -> String {
    if is_arabic(word) {
        light10_with(word, false)
    } else {
        word.to_string()
    }
}

fn light10_with(word: &str, strip_waw: bool) -> String {
    let w = if strip_waw {
        without_prefixes(word)
    } else {
        without_article(word)
    };
    if w == GOD {
        return GOD.to_string();
    }
    without_suffixes(w).to_string()
}

/// A word without the article and what stands in front of it (`وال`,
/// `بال`, `لل`…), as long as two letters stay; the name of God whole.
fn without_article(w: &str) -> &str {
    if GOD_FORMS.contains(&w) {
        return GOD;
    }
    for p in PREFIXES {
        if let Some(rest) = w.strip_prefix(p) {
            if char_len(rest) >= 2 {
                return rest;
            }
        }
    }
    w
}

/// A normalised Arabic word without its first و (when three letters stay)
/// and its article: the stem before its suffixes come off.
pub(super) fn without_prefixes(word: &str) -> &str {
    let mut w = word;
    // The conjunction و, when what is left is still a word.
    if let Some(rest) = w.strip_prefix('و') {
        if char_len(rest) >= 3 {
            w = rest;
        }
    }
    without_article(w)
}

/// Each suffix once, longest first, as long as three letters stay (two
/// would leave بن of لبنان); a final ي (the nisba, or "my") only from a
/// word of five letters or more: دوري (league) is not دور (role), but
/// اقتصادي is اقتصاد.
fn without_suffixes(word: &str) -> &str {
    let mut w = word;
    for s in SUFFIXES {
        if let Some(rest) = w.strip_suffix(s) {
            if char_len(rest) >= if *s == "ي" { 4 } else { 3 } {
                w = rest;
            }
        }
    }
    w
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

/// Letters that attach to a word in front of it: the prepositions ب ل ك
/// and the conjunction ف (و is taken off by the stemmer itself).
const PROCLITICS: [char; 4] = ['ب', 'ل', 'ك', 'ف'];

/// Other readings of a normalised word, besides its own stem.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Readings {
    /// With one or two of its first letters read as attached (`بكوريا` →
    /// كوريا, `فبكوريا` → كوريا), at least three letters left, each with
    /// the forms it takes after ب ل ك ف in turn. A guess: a word may simply
    /// begin with ب (`كوريا` would give ريا), so the store keeps one only
    /// when at least as many articles hold it as hold the word itself.
    pub off: Vec<(String, Vec<String>)>,
    /// With each of ب ل ك ف attached (`كوريا` → بكوريا, لكوريا…): the
    /// forms the word takes after a preposition or a conjunction.
    pub on: Vec<String>,
}

/// What may stand in front of a word: ب ل ك ف, and ف with one of the
/// others (فبكوريا); و is the stemmer's own.
pub(super) const FRONTS: [&str; 7] = ["ب", "ل", "ك", "ف", "فب", "فل", "فك"];

/// The stems of a normalised word with each of `FRONTS` in front of it: the
/// word as it is (لوزير, and for a word the stemmer reads as having the
/// article, لالمانيا), and, for a word without the article, the word
/// without و (ل + وزير read as زير). A word with the article keeps it
/// after ب ك ف (بالاقتصاد), which the stemmer reads already, and becomes
/// لل after ل.
fn with_proclitics(word: &str, stemmer: Stemmer) -> Vec<String> {
    let base = strip_prefixes(word);
    if char_len(&base) < 2 {
        return Vec::new();
    }
    let definite = char_len(word) - char_len(&base) >= 2;
    // A definite word after a letter in front: the article as it is (للصين
    // → فبالصين), and ل with it as لل.
    let word = if definite {
        format!("ال{base}")
    } else {
        word.to_string()
    };
    let mut out = Vec::new();
    for p in FRONTS {
        out.push(stem(&format!("{p}{word}"), stemmer));
        if !definite {
            out.push(stem(&format!("{p}{base}"), stemmer));
        } else if p.ends_with('ل') {
            out.push(stem(&format!("{p}ل{base}"), stemmer));
            // A word that begins with ل loses the article's ل too: ل +
            // اللاجئ is written للاجئ (two lams, not three), which the
            // stemmer reads as لل + اجئ.
            if base.starts_with('ل') {
                out.push(stem(&format!("{p}{base}"), stemmer));
            }
        }
    }
    out
}

/// The stems a normalised word may stand for once its attached letters are
/// read both ways. A light stemmer cannot tell `بكوريا` (in Korea) from a
/// word that begins with ب, so the index keeps each word as it stems it,
/// and a query asks for every reading: one no article holds matches
/// nothing.
pub fn attached_readings(word: &str, stemmer: Stemmer) -> Readings {
    let mut r = Readings::default();
    if !is_arabic(word) || GOD_FORMS.contains(&word) {
        return r;
    }
    let own = stem(word, stemmer);
    // A reading shorter than three letters would match too much.
    let long = |s: &String| char_len(s) >= 3;
    // The word without و and the article, as the stemmer takes them off.
    let base = strip_prefixes(word);
    // Letters attach in front of the article, never after it: الفلبين is
    // not ف + ل + بين.
    let after_waw = word
        .strip_prefix('و')
        .filter(|r| char_len(r) >= 3)
        .unwrap_or(word);
    let forms: &[&str] = if base == after_waw {
        &[word, base.as_str()]
    } else {
        &[word]
    };
    for &w in forms {
        let chars: Vec<char> = w.chars().collect();
        for n in 1..=2 {
            if chars.len() < n + 3 {
                break;
            }
            let attached = match n {
                1 => PROCLITICS.contains(&chars[0]),
                _ => matches!(chars[0], 'ف' | 'و') && matches!(chars[1], 'ب' | 'ل' | 'ك'),
            };
            let rest: String = chars[n..].iter().collect();
            let s = stem(&rest, stemmer);
            if attached && long(&s) && s != own && !r.off.iter().any(|(o, _)| *o == s) {
                let on = with_proclitics(&rest, stemmer)
                    .into_iter()
                    .filter(|x| long(x) && *x != own && *x != s)
                    .collect();
                r.off.push((s, on));
            }
        }
    }
    {
        for s in with_proclitics(word, stemmer) {
            if long(&s) && s != own && !r.on.contains(&s) && !r.off.iter().any(|(o, _)| *o == s) {
                r.on.push(s);
            }
        }
    }
    r
}

/// The prefixes only: for a word still being typed, whose end is not known.
pub fn strip_prefixes(word: &str) -> String {
    if !is_arabic(word) {
        return word.to_string();
    }
    without_prefixes(word).to_string()
}

/// The stem of a normalised Arabic word under `Stemmer::Light` from the
/// word without its prefixes (`without_prefixes`): the one pass at ingest
/// (`search::forms::index_terms`) takes the prefixes off once for both the
/// stem and the form as written.
pub(super) fn light_from_base(base: &str) -> &str {
    if base == GOD {
        GOD
    } else {
        without_suffixes(base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_after_the_article_are_the_word_s_own() {
        let r = attached_readings("الفلبين", Stemmer::Light);
        assert!(r.off.is_empty(), "{:?}", r.off);
        let r = attached_readings("وبكوريا", Stemmer::Light);
        assert!(r.off.iter().any(|(s, _)| s == "كوريا"), "{:?}", r.off);
    }
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
    fn attached_letters_are_read_both_ways() {
        let r = |w: &str| attached_readings(&normalize(w), Stemmer::Light);
        let off = |w: &str| -> Vec<String> { r(w).off.into_iter().map(|(s, _)| s).collect() };
        assert_eq!(off("بكوريا"), ["كوريا"]);
        assert!(r("بكوريا").off[0].1.contains(&"لكوريا".to_string()));
        assert_eq!(off("وبكوريا"), ["كوريا"]);
        assert!(off("فبكوريا").contains(&"كوريا".to_string()));
        assert!(r("كوريا").on.contains(&"بكوريا".to_string()));
        assert!(r("كوريا").on.contains(&"لكوريا".to_string()));
        // و is the stemmer's: "لوزير" is read as "وزير", which it stems.
        assert_eq!(off("لوزير"), [stem("وزير", Stemmer::Light)]);
        assert!(r("وزير").on.contains(&"لوزير".to_string()));
        // With the article, the forms after a preposition keep it (بالاقتصاد،
        // للاقتصاد): none without it (لاقتصاد is another use of the word).
        assert!(r("الاقتصاد").off.is_empty());
        assert!(!r("الاقتصاد").on.contains(&"لاقتصاد".to_string()));
        assert_eq!(r("الله"), Readings::default());
        // ل before a definite word that begins with ل: two lams, not three.
        let written = stem(&normalize("للاجئين"), Stemmer::Light);
        assert!(r("اللاجئ").on.contains(&written), "{:?}", r("اللاجئ").on);
        assert!(r("اللاجئين").on.contains(&written));
        assert!(r("فاللاجئون").on.contains(&written));
        // Too short to have a letter in front taken off.
        assert!(off("بحث").is_empty());
        assert_eq!(r("2026"), Readings::default());
    }

    #[test]
    fn a_word_being_typed_keeps_its_end() {
        assert_eq!(strip_prefixes("والاقتصادي"), "اقتصادي");
        assert_eq!(strip_prefixes("الله"), "الله");
    }
}
