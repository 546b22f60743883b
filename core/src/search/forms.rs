//! The words of a text as written (normalised, attached letters and و off,
//! the article kept, no ending taken off), kept beside their stems in an
//! index of their own (`articles_forms`, migration 16). A light stemmer puts words that differ only in an ending
//! together: السعودية (the country) with سعود (a name), البحرين with بحر
//! (sea), a family name المطيري with the rain. A match of the word as the
//! reader wrote it ranks before one of its stem only (`store/lists.rs`).
//!
//! An index of their own, not a column beside the stems: the stems' index
//! keeps its size (a column of forms doubled it, and every query read
//! through it: p95 over 100,036 articles 15.0 ms against 12.2 ms with a
//! table of its own, the rest unchanged).

use super::normalize::normalize;
use super::stem::strip_prefixes;
use super::stem::Stemmer;
use super::tokens::{number, term, word_form, words};

/// Between two texts of an article, so that no phrase runs from one into the
/// next: a tatweel alone, which no word is (the normaliser drops it).
pub const MARK: char = 'ـ';

/// Letters that attach to a word without the article: a form with one of
/// them in front is the same word (بمصر, لمصر, فبمصر).
const FRONTS: [&str; 7] = ["ب", "ل", "ك", "ف", "فب", "فل", "فك"];

/// The form a word is indexed under (`None` for a word that is only marks).
pub fn form(word: &str) -> Option<String> {
    // A number in its one spelling, as its term (`و١٢٬٠٠٠` → 12000); only a
    // word with a digit is asked (the term of any other is its stem: every
    // word would be stemmed twice).
    if word.chars().any(char::is_numeric) {
        if let Some(n) =
            term(word, Stemmer::Light).filter(|t| t.starts_with(|c: char| c.is_ascii_digit()))
        {
            return Some(n);
        }
    }
    let n = word_form(word);
    if n.is_empty() {
        return None;
    }
    Some(as_written(&n))
}

/// A normalised word with its attached letters off and the article kept as
/// ال (وللسعودية, بالسعودية → السعودية): a reader who types the article
/// means it (العيسى, a family name, is not عيسى).
fn as_written(n: &str) -> String {
    let base = strip_prefixes(n);
    let stripped = n.chars().count() - base.chars().count();
    let w = n
        .strip_prefix('و')
        .filter(|r| r.chars().count() >= 3)
        .unwrap_or(n);
    let definite = ["ال", "لل", "بال", "كال", "فال"]
        .iter()
        .any(|p| w.starts_with(p));
    if definite && stripped >= 2 && base.chars().count() >= 2 {
        format!("ال{base}")
    } else {
        base
    }
}

/// The forms of texts, in order, one per word (a phrase of forms keeps its
/// positions); texts are separated by a lone `MARK`, so that no phrase
/// runs from one into the next.
pub fn index_forms(texts: &[&str]) -> String {
    let mut out = String::new();
    for text in texts.iter().filter(|t| !t.trim().is_empty()) {
        if !out.is_empty() {
            out.push(' ');
            out.push(MARK);
        }
        for (s, e) in words(text) {
            if let Some(f) = form(&text[s..e]) {
                out.push(' ');
                out.push_str(&f);
            }
        }
    }
    out.trim_start().to_string()
}

/// The forms that count as the word a reader typed, as written: its own,
/// and for a word without the article the same after ب ل ك ف (`مصر`:
/// بمصر, لمصر…); a first و is also read as the word's own (وزير, which
/// light10 reads زير: الوزير is وزير). `attached`: the word read without
/// its first letters, where the query kept that reading (`بكوريا` →
/// كوريا), whose forms count too.
pub fn query_forms(word: &str, attached: &[String]) -> Vec<String> {
    let Some(own) = form(word) else {
        return Vec::new();
    };
    let n = normalize(word);
    // After the article, ب ل ك ف are already part of what was taken off.
    let definite = {
        let n = n.strip_prefix('و').unwrap_or(&n);
        ["ال", "لل", "بال", "كال", "فال"]
            .iter()
            .any(|p| n.starts_with(p))
    };
    let mut bases = vec![own];
    // A word typed without the article counts with it (بيت: البيت).
    if !definite && number(word).is_none() && is_arabic_word(&bases[0]) {
        bases.push(format!("ال{}", bases[0]));
    }
    if n.starts_with('و') && !definite && !bases.contains(&n) && number(word).is_none() {
        bases.push(n);
    }
    bases.extend(attached.iter().cloned());
    let mut out: Vec<String> = Vec::new();
    for base in bases {
        let mut push = |f: String| {
            if !out.contains(&f) {
                out.push(f);
            }
        };
        push(base.clone());
        if number(&base).is_none() && !definite && !base.starts_with("ال") {
            for p in FRONTS {
                push(format!("{p}{base}"));
            }
        }
    }
    out
}

fn is_arabic_word(w: &str) -> bool {
    w.chars().any(|c| ('\u{0620}'..='\u{064A}').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_keep_the_ending_and_lose_the_article() {
        let t = index_forms(&["والسعودية بالبحرين للمطيري", "2015م و١٢٬٠٠٠"]);
        assert_eq!(
            t, "السعوديه البحرين المطيري ـ 2015 م 12000",
            "title and text apart, numbers in one spelling"
        );
    }

    #[test]
    fn a_word_without_the_article_counts_after_attached_letters() {
        let f = query_forms("مصر", &[]);
        assert!(f.contains(&"مصر".to_string()) && f.contains(&"بمصر".to_string()));
        let f = query_forms("السعودية", &[]);
        assert_eq!(f, ["السعوديه"], "بالسعودية, للسعودية… are all السعوديه");
        let f = query_forms("بيت", &[]);
        assert!(f.contains(&"البيت".to_string()), "{f:?}");
        let f = query_forms("وزير", &[]);
        assert!(f.contains(&"وزير".to_string()), "{f:?}");
        let f = query_forms("بكوريا", &["كوريا".to_string()]);
        assert!(f.contains(&"كوريا".to_string()) && f.contains(&"لكوريا".to_string()));
    }
}
