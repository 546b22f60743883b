//! Articles for the store's unit tests.

use super::{NewArticle, Store};

/// Article n: its own guid and address, published at n, a headline and a
/// body of one paragraph.
pub fn article(n: i64, title: &str, body: &str) -> NewArticle {
    NewArticle {
        source_id: None,
        guid: format!("g{n}"),
        url: Some(format!("https://k.example/{n}")),
        alias_url: None,
        fingerprint: None,
        title: title.into(),
        original_title: None,
        summary: String::new(),
        body_html: format!("<p>{body}</p>"),
        direction: "rtl".into(),
        image_url: None,
        image_caption: None,
        image_credit: None,
        category_slug: None,
        category_label: None,
        published_at: Some(n),
        source_updated_at: None,
        page_validators: Default::default(),
        see_also: Vec::new(),
        related: Vec::new(),
        inline_image_hashes: Vec::new(),
        urgent: false,
        authors: Vec::new(),
        feed_tags: Vec::new(),
        body_source: None,
        page_pending: None,
    }
}

/// Three articles: 1 and 2 in "news", 3 in "world", published at 1, 2, 3.
pub fn seed(store: &Store) {
    for (n, cat) in [(1, "news"), (2, "news"), (3, "world")] {
        let a = NewArticle {
            category_slug: Some(cat.into()),
            ..article(n, &format!("خبر {n} عن {cat}"), "نص")
        };
        store.insert_article(&a, None, &[]).expect("insert");
    }
}
