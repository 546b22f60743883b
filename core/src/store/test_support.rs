//! Articles for the store's unit tests.

use super::{NewArticle, Store};

/// Article n: its own guid and address, published at n, a headline and a
/// body of one paragraph.
pub fn article(n: i64, title: &str, body: &str) -> NewArticle {
    NewArticle::plain(
        format!("g{n}"),
        Some(format!("https://k.example/{n}")),
        title.into(),
        format!("<p>{body}</p>"),
        Some(n),
    )
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
