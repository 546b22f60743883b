//! The text-for-speech rules over every text of the site's corpus and of
//! 10,000 generated items (repeated headlines, spelling variants, numbered
//! titles, real dates and figures), each also written three more ways by
//! rule: Arabic-Indic digits, Persian digits, and with tatweel and bidi
//! controls put in. Whatever the writing, what is said is the same, and no
//! digit, tatweel or control is left for the speech engine to stumble on.

use khabarain_core::speech::{segments, speakable, Lang};
use khabarain_fixture_site::corpus::{Block, Corpus};
use khabarain_fixture_site::generated;

fn texts() -> Vec<String> {
    let corpus = Corpus::bundled();
    let mut out = Vec::new();
    for a in &corpus.articles {
        out.extend([a.title.clone(), a.summary.clone(), a.original_title.clone()]);
        for b in &a.body {
            match b {
                Block::P(t) | Block::H2(t) | Block::SeeAlso(t) => out.push(t.clone()),
            }
        }
    }
    // A generated item carries its corpus article's body as it is: its
    // headlines and summary are what differ.
    for f in 0..5 {
        for i in 0..2000 {
            let (_, a) = generated::article(&corpus, 2000, f, i);
            out.extend([a.title, a.summary, a.original_title]);
        }
    }
    out
}

fn digits_as(text: &str, zero: u32) -> String {
    text.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) if c.is_ascii_digit() => char::from_u32(zero + d).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Tatweel after every third Arabic letter, and the text wrapped in a
/// right-to-left embedding with a mark after each word.
fn decorated(text: &str) -> String {
    let mut out = String::from('\u{202B}');
    for (n, c) in text.chars().enumerate() {
        out.push(c);
        if ('\u{0628}'..='\u{064A}').contains(&c) && n % 3 == 0 {
            out.push('\u{0640}');
        }
        if c == ' ' {
            out.push('\u{200F}');
        }
    }
    out.push('\u{202C}');
    out
}

#[test]
fn every_corpus_text_is_said_the_same_however_it_is_written() {
    let texts = texts();
    assert!(texts.len() > 30_000, "{} texts", texts.len());
    let mut with_numbers = 0;
    for text in &texts {
        let said = speakable(text);
        if text.chars().any(|c| c.is_ascii_digit()) {
            with_numbers += 1;
        }
        assert!(
            !said.chars().any(|c| c.is_numeric()),
            "a digit left in {said:?} (from {text:?})"
        );
        assert!(
            !said.chars().any(|c| matches!(c, '\u{0640}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')),
            "a tatweel or control left in {said:?}"
        );
        for (label, variant) in [
            ("Arabic-Indic digits", digits_as(text, 0x0660)),
            ("Persian digits", digits_as(text, 0x06F0)),
        ] {
            assert_eq!(speakable(&variant), said, "{label}: {text:?}");
        }
        // Tatweel and controls change nothing once gone (the marks after
        // words only add spaces, which are collapsed).
        assert_eq!(speakable(&decorated(text)), said, "decorated: {text:?}");

        let parts = segments(text);
        let joined: Vec<&str> = parts.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined.join(" "), said, "segments of {text:?}");
        for s in &parts {
            let latin = s.text.chars().any(|c| c.is_ascii_alphabetic());
            let arabic = s
                .text
                .chars()
                .any(|c| ('\u{0621}'..='\u{064A}').contains(&c));
            match s.lang {
                Lang::Arabic => assert!(!latin || arabic, "Latin-only word said in Arabic: {s:?}"),
                Lang::English => assert!(!arabic, "Arabic said in English: {s:?}"),
            }
        }
    }
    // The corpus does carry figures: the test is not vacuous.
    assert!(with_numbers > 5_000, "{with_numbers} texts with digits");
}
