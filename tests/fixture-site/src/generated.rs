//! A large generated copy of the site for benchmarks: any number of feeds of
//! any number of items, each item with its own article page and its own
//! lead-image URL. Text is the corpus's, recombined; every item is a
//! distinct article (own guid, URL and page) and the same on every request,
//! so ETags hold. Headlines repeat, as they do on a real site: item i with
//! `i % 4 == 1` carries its corpus article's headline as it is (dozens of
//! items share each one, many on the same day), `i % 4 == 2` the same
//! headline in another spelling (ة/ه, ى/ي, أ/ا); the rest are numbered.
//!
//! `/gen/<items>/feed/<f>/`       RSS 2.0 feed number f with <items> items
//! `/gen/<items>/a/<f>/<i>/`      the article page of item i of feed f
//! `/gen/img/<f>-<i>.jpg`         its lead image

use chrono::Duration;

use crate::corpus::{Article, Corpus};
use crate::render::feeds::{self, FeedItem};
use crate::render::page::article_page;

/// Upper bound on items per feed, so a request cannot ask for a huge body.
pub const MAX_ITEMS: usize = 2000;

/// Item i of feed f: a corpus article under a new name.
pub fn article(corpus: &Corpus, items: usize, f: usize, i: usize) -> (usize, Article) {
    let n = corpus.articles.len();
    let index = (f * 31 + i * 7) % n;
    let mut a = corpus.articles[index].clone();
    let serial = f * items + i;
    a.slug = format!("gen-{f}-{i}");
    a.title = match i % 4 {
        1 => a.title,
        2 => crate::wire::text::spelling_variant(&a.title),
        _ => format!("{} ({f}/{i})", a.title),
    };
    a.original_title = format!("{} ({f}/{i})", a.original_title);
    a.published -= Duration::minutes(serial as i64);
    a.image = Some(format!("/gen/img/{f}-{i}.jpg"));
    a.page_path = Some(format!("/gen/{items}/a/{f}/{i}/"));
    a.related.clear();
    (index, a)
}

pub fn feed(corpus: &Corpus, base: &str, items: usize, f: usize) -> String {
    let articles: Vec<(usize, Article)> =
        (0..items).map(|i| article(corpus, items, f, i)).collect();
    let list: Vec<FeedItem<'_>> = articles
        .iter()
        .enumerate()
        .map(|(i, (_, a))| FeedItem {
            index: 100_000 + f * MAX_ITEMS + i,
            article: a,
        })
        .collect();
    feeds::rss(
        corpus,
        base,
        &format!("خبرين » مولّد {f}"),
        &format!("/gen/{items}/feed/{f}/"),
        &list,
    )
}

pub fn page(corpus: &Corpus, base: &str, items: usize, f: usize, i: usize) -> String {
    let (index, a) = article(corpus, items, f, i);
    article_page(corpus, index, &a, base)
}
