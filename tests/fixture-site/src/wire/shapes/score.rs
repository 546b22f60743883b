//! How well a body matches its page's manifest: paragraph recall (each
//! expected paragraph found whole, as one block, verbatim), token precision
//! (the share of the body's words that are the article's), and chrome
//! leaked by kind. Blocks are the body's texts, one per paragraph, heading,
//! quote or list item, as `khabarain_core::extract::block_texts` gives them.

use std::collections::{BTreeMap, HashMap};

use super::{Chrome, ShapedPage};

#[derive(Debug, Clone, Default)]
pub struct Score {
    pub pages: usize,
    pub paragraphs: usize,
    pub paragraphs_found: usize,
    pub subheadings: usize,
    pub subheadings_found: usize,
    pub tokens: usize,
    pub tokens_of_article: usize,
    /// Per kind: how many chrome strings reached the body.
    pub leaks: BTreeMap<Chrome, usize>,
    /// A few examples of what went wrong, for the report.
    pub examples: Vec<String>,
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Score {
    /// Adds one page: `blocks` is what the reader is shown of its body.
    pub fn add(&mut self, page: &ShapedPage, blocks: &[String]) {
        let blocks: Vec<String> = blocks.iter().map(|b| norm(b)).collect();
        self.pages += 1;
        for p in &page.paragraphs {
            self.paragraphs += 1;
            if blocks.iter().any(|b| *b == norm(p)) {
                self.paragraphs_found += 1;
            } else if self.examples.len() < 12 {
                self.examples
                    .push(format!("page {} ({}): missing {p:?}", page.n, page.layout));
            }
        }
        for s in &page.subheadings {
            self.subheadings += 1;
            if blocks.iter().any(|b| *b == norm(s)) {
                self.subheadings_found += 1;
            }
        }
        let mut expected: HashMap<&str, usize> = HashMap::new();
        for t in page
            .paragraphs
            .iter()
            .chain(&page.subheadings)
            .flat_map(|p| p.split_whitespace())
        {
            *expected.entry(t).or_default() += 1;
        }
        for t in blocks.iter().flat_map(|b| b.split_whitespace()) {
            self.tokens += 1;
            if let Some(left) = expected.get_mut(t).filter(|left| **left > 0) {
                *left -= 1;
                self.tokens_of_article += 1;
            }
        }
        for (kind, s) in &page.chrome {
            let s = norm(s);
            let long = s.split(' ').count() >= 3;
            let leaked = blocks
                .iter()
                .any(|b| if long { b.contains(&s) } else { *b == s });
            if leaked {
                *self.leaks.entry(*kind).or_default() += 1;
                if self.examples.len() < 12 {
                    self.examples.push(format!(
                        "page {} ({}): {} leaked: {s:?}",
                        page.n,
                        page.layout,
                        kind.name()
                    ));
                }
            }
        }
    }

    pub fn paragraph_recall(&self) -> f64 {
        ratio(self.paragraphs_found, self.paragraphs)
    }

    pub fn subheading_recall(&self) -> f64 {
        ratio(self.subheadings_found, self.subheadings)
    }

    pub fn token_precision(&self) -> f64 {
        ratio(self.tokens_of_article, self.tokens)
    }

    pub fn leaked(&self) -> usize {
        self.leaks.values().sum()
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}
