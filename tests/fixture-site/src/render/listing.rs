//! The home page (the app's seed page) and category pages: lists of
//! articles inside the chrome, advertising their feeds.

use super::{chrome, esc};
use crate::corpus::{Article, Corpus};

pub fn home(corpus: &Corpus) -> String {
    list_page(corpus, "الرئيسية", "", &corpus.newest())
}

pub fn category(corpus: &Corpus, slug: &str) -> Option<String> {
    let cat = corpus.category(slug)?;
    let alternates = format!(
        r#"<link rel="alternate" type="application/rss+xml" title="خبرين » {name}" href="/category/{slug}/feed/">
<link rel="alternate" type="application/atom+xml" title="خبرين » {name} (Atom)" href="/category/{slug}/feed/atom/">
<link rel="alternate" type="application/feed+json" title="خبرين » {name} (JSON)" href="/category/{slug}/feed/json/">"#,
        name = esc(&cat.name)
    );
    Some(list_page(
        corpus,
        &cat.name,
        &alternates,
        &corpus.in_category(slug),
    ))
}

fn list_page(corpus: &Corpus, title: &str, extra: &str, items: &[(usize, &Article)]) -> String {
    let mut html = chrome::head(title, extra);
    html.push_str(&chrome::header(corpus));
    html.push_str(&format!(
        "<main id=\"content\"><h1 class=\"page-title\">{}</h1><div class=\"posts\">\n",
        esc(title)
    ));
    for (i, a) in items {
        html.push_str(&format!(
            r#"<article class="post-card"><a href="{path}"><img src="/images/{img}" alt=""><h2>{title}</h2></a><p>{summary}</p></article>
"#,
            path = a.path(),
            img = Article::image_file(*i),
            title = esc(&a.title),
            summary = esc(&a.summary)
        ));
    }
    html.push_str("</div></main>\n");
    html.push_str(&chrome::footer(corpus));
    html
}
