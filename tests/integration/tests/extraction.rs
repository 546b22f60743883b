//! Every page of the fixture site against the corpus it was made from: each
//! part of the anatomy comes out, and none of the chrome comes with it.

use khabarain_core::extract::{extract, SiteRules};
use khabarain_fixture_site::corpus::{Block, Corpus};
use khabarain_fixture_site::render::page::article_page;
use url::Url;

#[test]
fn every_fixture_page_extracts_to_its_corpus_entry() {
    let corpus = Corpus::bundled();
    let rules = SiteRules::khabarain().expect("rules");
    let base = "https://www.khabarain.com/";
    for (i, a) in corpus.articles.iter().enumerate() {
        let html = article_page(&corpus, i, a, base);
        let url = Url::parse(&format!("{}{}", base.trim_end_matches('/'), a.path())).expect("url");
        let x = extract(&html, &url, &rules).unwrap_or_else(|e| panic!("{}: {e}", a.slug));
        let clean = |s: &str| s.replace('\\', "");
        assert_eq!(x.title, a.title, "{}", a.slug);
        assert_eq!(x.summary, a.summary, "{}", a.slug);
        assert_eq!(
            x.original_title.as_deref(),
            Some(a.original_title.as_str()),
            "{}",
            a.slug
        );
        assert_eq!(
            x.image_caption.as_deref(),
            Some(a.caption.as_str()),
            "{}",
            a.slug
        );
        assert_eq!(
            x.image_credit.as_deref(),
            Some(a.credit.as_str()),
            "{}",
            a.slug
        );
        assert!(
            x.image_url
                .as_ref()
                .is_some_and(|u| u.path().starts_with("/images/img-")),
            "{}",
            a.slug
        );

        let mut paragraphs = 0;
        let mut see_also = Vec::new();
        for b in &a.body {
            match b {
                Block::P(p) => {
                    paragraphs += 1;
                    let text = clean(p);
                    assert!(
                        x.body_html.contains(&escape(&text)),
                        "{}: paragraph lost: {text}",
                        a.slug
                    );
                }
                Block::H2(h) => assert!(
                    x.body_html
                        .contains(&format!("<h2 dir=\"auto\">{}</h2>", escape(h))),
                    "{}: subheading lost: {h}",
                    a.slug
                ),
                Block::SeeAlso(s) => {
                    see_also.push(corpus.article(s).expect("target").1.title.clone())
                }
            }
        }
        assert_eq!(
            x.body_html.matches("<p dir=\"auto\">").count(),
            paragraphs,
            "{}",
            a.slug
        );
        assert_eq!(
            x.see_also
                .iter()
                .map(|l| l.title.clone())
                .collect::<Vec<_>>(),
            see_also,
            "{}",
            a.slug
        );
        let related: Vec<_> = a
            .related
            .iter()
            .map(|s| corpus.article(s).expect("target").1)
            .collect();
        assert_eq!(x.related.len(), related.len(), "{}", a.slug);
        for (got, want) in x.related.iter().zip(related) {
            assert_eq!(got.title, want.title);
            assert_eq!(
                got.original_title.as_deref(),
                Some(want.original_title.as_str())
            );
            assert_eq!(got.category.as_deref(), Some(want.topic.as_str()));
            assert!(got.url.ends_with(&want.path()));
        }
        assert!(
            !x.body_html.contains(&a.title_repeat),
            "{}: repeated headline kept",
            a.slug
        );
        assert!(!x.body_html.contains('\\'), "{}", a.slug);
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\u{a0}', "&nbsp;")
}
