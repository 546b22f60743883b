//! Reading aloud over every article a real sync stores: what is said of each
//! (its speech script) holds the headline, then every paragraph and
//! subheading the site wrote, in order, each said as the speech rules say
//! it; never a picture caption or a see-also line; no digit, tatweel, bidi
//! control or slash left for the engine to spell; and every body passage
//! points at a text block the window will find at that index.

use khabarain_core::speech::script::{script, Part, BLOCKS};
use khabarain_core::speech::speakable;
use khabarain_fixture_site::corpus::Block;
use khabarain_integration_tests::{all_articles, quiet, Harness};

/// What is said, as words: punctuation the page lost or kept (the corpus
/// has stray backslashes for quotes) does not count.
fn said(text: &str) -> String {
    words(&speakable(text))
}

fn words(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[tokio::test]
async fn every_paragraph_is_said_in_order_and_no_caption_or_link_is() {
    let h = Harness::start().await;
    h.syncer.sync(quiet()).await.expect("sync");
    let corpus = h.site.corpus();
    let stored = all_articles(&h.store);
    assert_eq!(stored.len(), corpus.articles.len());
    let blocks = scraper::Selector::parse(BLOCKS).expect("selector");
    let mut passages = 0;
    // The fixture puts a captioned picture in some bodies.
    const INLINE_CAPTION: &str = "صورة من الأرشيف";
    let with_pictures = stored
        .iter()
        .filter(|d| d.body_html.contains(INLINE_CAPTION))
        .count();
    assert!(
        with_pictures >= 5,
        "{with_pictures} bodies with a captioned picture"
    );
    for a in &corpus.articles {
        let detail = stored
            .iter()
            .find(|d| d.title == a.title)
            .unwrap_or_else(|| panic!("{} stored", a.slug));
        let s = script(&detail.title, &detail.summary, &detail.body_html);
        passages += s.len();
        assert_eq!(s[0].part, Part::Title, "{}", a.slug);
        let text = |i: usize| {
            s[i].segments
                .iter()
                .map(|x| x.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let whole: Vec<String> = (0..s.len()).map(|i| words(&text(i))).collect();
        // Every paragraph and subheading the site wrote, in order.
        let mut at = 0;
        for b in &a.body {
            let (Block::P(t) | Block::H2(t)) = b else {
                continue;
            };
            let want = said(t);
            let found = whole[at..]
                .iter()
                .position(|w| w.contains(want.trim()))
                .unwrap_or_else(|| {
                    panic!(
                        "{}: {want:?} not said after passage {at}: {:?}",
                        a.slug,
                        &whole[at..]
                    )
                });
            at += found + 1;
        }
        // Never the caption nor a see-also line.
        let all = whole.join("\n");
        assert!(!all.contains(&said(&a.caption)), "{}: caption said", a.slug);
        assert!(
            !all.contains(&said(INLINE_CAPTION)),
            "{}: a picture's caption said",
            a.slug
        );
        for b in &a.body {
            if let Block::SeeAlso(t) = b {
                assert!(!all.contains(&said(t)), "{}: see-also said: {t}", a.slug);
            }
        }
        // Nothing a speech engine would spell out or trip on: no digit of
        // either script, no tatweel or bidi control, no slash between words.
        for p in &s {
            for seg in &p.segments {
                let bad = seg.text.chars().find(|c| {
                    c.is_ascii_digit()
                        || ('\u{0660}'..='\u{0669}').contains(c)
                        || matches!(c, '\u{0640}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
                        || ('\u{202A}'..='\u{202E}').contains(c)
                        || ('\u{2066}'..='\u{2069}').contains(c)
                });
                assert!(bad.is_none(), "{}: {bad:?} in {:?}", a.slug, seg.text);
                let slash = seg.text.contains('/') && seg.lang == "ar";
                assert!(!slash, "{}: a slash said in {:?}", a.slug, seg.text);
            }
        }
        // Each body passage names a block the window finds.
        let doc = scraper::Html::parse_fragment(&detail.body_html);
        let found: Vec<_> = doc.select(&blocks).collect();
        for p in &s {
            if let Part::Block(n) = p.part {
                assert!(n < found.len(), "{}: block {n} of {}", a.slug, found.len());
            }
        }
    }
    assert!(passages > corpus.articles.len() * 4, "{passages}");
}
