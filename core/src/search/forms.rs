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
use super::stem::{is_arabic, light_from_base, stem, without_prefixes, Stemmer, ARTICLES, FRONTS};
use super::tokens::{number, number_after_fronts, word_form, words};

/// Between two texts of an article, so that no phrase runs from one into the
/// next: a tatweel alone, which no word is (the normaliser drops it).
pub const MARK: char = 'ـ';

/// The form a word is indexed under (`None` for a word that is only marks).
pub fn form(word: &str) -> Option<String> {
    let mut stems = String::new();
    let mut forms = String::new();
    push_terms(word, Stemmer::Light, &mut stems, &mut forms).then_some(forms)
}

/// The stem and the form as written of one word, pushed onto `stems` and
/// `forms` from one normalisation (`false` for a word that is only marks).
/// A number is both in its one spelling (`و١٢٬٠٠٠` → 12000).
fn push_terms(word: &str, stemmer: Stemmer, stems: &mut String, forms: &mut String) -> bool {
    if let Some(n) = number_after_fronts(word) {
        stems.push_str(&n);
        forms.push_str(&n);
        return true;
    }
    let n = word_form(word);
    if n.is_empty() {
        return false;
    }
    if !is_arabic(&n) {
        stems.push_str(&stem(&n, stemmer));
        forms.push_str(&n);
        return true;
    }
    // The prefixes come off once, for the stem and for the form.
    let base = without_prefixes(&n);
    if stemmer == Stemmer::Light {
        stems.push_str(light_from_base(base));
    } else {
        stems.push_str(&stem(&n, stemmer));
    }
    push_as_written(&n, base, forms);
    true
}

/// A normalised word with its attached letters off and the article kept as
/// ال (وللسعودية, بالسعودية → السعودية): a reader who types the article
/// means it (العيسى, a family name, is not عيسى). `base`: the word without
/// its prefixes.
fn push_as_written(n: &str, base: &str, out: &mut String) {
    let stripped = n.chars().count() - base.chars().count();
    let w = n
        .strip_prefix('و')
        .filter(|r| r.chars().count() >= 3)
        .unwrap_or(n);
    let definite = ARTICLES.iter().any(|p| w.starts_with(p));
    if definite && stripped >= 2 && base.chars().count() >= 2 {
        out.push_str("ال");
    }
    out.push_str(base);
}

/// The stems (as `tokens::index_text` makes them) and the forms as written
/// of a text, in one pass over its words: each word is split off and
/// normalised once for both indexes.
pub fn index_terms(text: &str, stemmer: Stemmer) -> (String, String) {
    let mut stems = String::with_capacity(text.len());
    let mut forms = String::with_capacity(text.len());
    for (s, e) in words(text) {
        let (sl, fl) = (stems.len(), forms.len());
        if !stems.is_empty() {
            stems.push(' ');
        }
        if !forms.is_empty() {
            forms.push(' ');
        }
        if !push_terms(&text[s..e], stemmer, &mut stems, &mut forms) {
            stems.truncate(sl);
            forms.truncate(fl);
        }
    }
    (stems, forms)
}

/// The forms of several texts in one column, in order; texts are separated
/// by a lone `MARK`, so that no phrase runs from one into the next.
/// `texts`: each text with its forms (`index_terms`).
pub fn join_forms(texts: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (_, forms) in texts.iter().filter(|(t, _)| !t.trim().is_empty()) {
        if !out.is_empty() {
            out.push(' ');
            out.push(MARK);
        }
        if !forms.is_empty() {
            out.push(' ');
            out.push_str(forms);
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
        ARTICLES.iter().any(|p| n.starts_with(p))
    };
    let mut bases = vec![own];
    // A word typed without the article counts with it (بيت: البيت).
    if !definite && number(word).is_none() && is_arabic(&bases[0]) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::tokens::index_text;

    #[test]
    fn forms_keep_the_ending_and_lose_the_article() {
        let (title, numbers) = ("والسعودية بالبحرين للمطيري", "2015م و١٢٬٠٠٠");
        let (a, b) = (
            index_terms(title, Stemmer::Light).1,
            index_terms(numbers, Stemmer::Light).1,
        );
        let t = join_forms(&[(title, &a), ("  ", ""), (numbers, &b)]);
        assert_eq!(
            t, "السعوديه البحرين المطيري ـ 2015 م 12000",
            "title and text apart, numbers in one spelling, a blank text nothing"
        );
    }

    #[test]
    fn one_pass_gives_the_stems_as_index_text_makes_them() {
        let text = "والسعودية بالبحرين 2015م ولـ500 و١٢٬٠٠٠ Strikes والله صاروخاً «خَبَرَيْن» ـــ";
        let (stems, forms) = index_terms(text, Stemmer::Light);
        assert_eq!(stems, index_text(text, Stemmer::Light));
        assert_eq!(
            forms,
            "السعوديه البحرين 2015 م 500 12000 strikes الله صاروخ خبرين"
        );
        for stemmer in [Stemmer::Snowball, Stemmer::None] {
            assert_eq!(index_terms(text, stemmer).0, index_text(text, stemmer));
        }
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
