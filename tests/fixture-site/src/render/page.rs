//! One article page, with every part of the site's anatomy. Markup varies
//! from article to article the way a CMS's output drifts over the years, so
//! extraction is tested against more than one shape.

use super::{chrome, esc, CALL_TO_ACTION};
use crate::corpus::{Article, Block, Corpus};

const SEE_ALSO_SPELLINGS: [&str; 4] = ["شاهد ايضاً", "شاهد أيضاً", "شاهد أيضا", "شاهد ايضا"];
const LAZY_PIXEL: &str =
    "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";

pub fn article_page(corpus: &Corpus, index: usize, a: &Article, base: &str) -> String {
    let category = corpus
        .category(&a.category)
        .map(|c| c.name.as_str())
        .unwrap_or("أخبار");
    let url = format!("{}{}", base.trim_end_matches('/'), a.path());
    let image = a
        .image
        .clone()
        .unwrap_or_else(|| format!("/images/{}", Article::image_file(index)));
    let extra = format!(
        r#"<link rel="canonical" href="{url}">
<meta property="og:title" content="{title}">
<meta property="og:description" content="{summary}">
<meta property="og:image" content="{base}{image_rel}">
<meta property="article:published_time" content="{published}">
<meta property="article:section" content="{category}">
<link rel="alternate" type="application/rss+xml" title="خبرين » {category}" href="/category/{slug}/feed/">"#,
        title = esc(&a.title),
        summary = esc(&a.summary),
        base = base.trim_end_matches('/'),
        image_rel = image,
        published = a.published.to_rfc3339(),
        category = esc(category),
        slug = a.category,
    );
    let figure = if index.is_multiple_of(3) {
        format!(
            r#"<img class="lazy" src="{LAZY_PIXEL}" data-src="{image}" alt="{}" width="800" height="450">"#,
            esc(&a.title)
        )
    } else {
        format!(
            r#"<img src="{image}" alt="{}" width="800" height="450">"#,
            esc(&a.title)
        )
    };
    let mut html = chrome::head(&a.title, &extra);
    html.push_str(&chrome::header(corpus));
    html.push_str(&format!(
        r#"<main id="content" class="site-main">
<div class="breadcrumb"><a href="/">الرئيسية</a> › <a href="/category/{slug}/">{category}</a></div>
<article class="post type-post">
  <div class="post-header">
    <span class="post-category"><a href="/category/{slug}/">{category}</a></span>
    <h1 class="entry-title">{title}</h1>
    <p class="post-excerpt">{summary} {cta}</p>
    <p class="original-title" lang="en" dir="ltr">{original}</p>
    <div class="post-meta"><time datetime="{published}">{date}</time> <span class="author">خبرين</span></div>
  </div>
  <div class="loading">Loading...</div>
  <figure class="featured-image">{figure}<figcaption>{caption} [{credit}]</figcaption></figure>
  <div class="share-line">شارك الخبر: <a href="https://www.facebook.com/sharer/sharer.php?u={url}">Facebook</a> <a href="https://twitter.com/intent/tweet?url={url}">Twitter</a> <a href="https://www.linkedin.com/shareArticle?url={url}">LinkedIn</a> <a href="mailto:?subject={title}">Email</a></div>
  <div class="entry-content">
"#,
        slug = a.category,
        category = esc(category),
        title = esc(&a.title),
        summary = esc(&a.summary),
        cta = CALL_TO_ACTION,
        original = esc(&a.original_title),
        published = a.published.to_rfc3339(),
        date = a.published.format("%d/%m/%Y"),
        caption = esc(&a.caption),
        credit = esc(&a.credit),
    ));
    let repeat_tag = if index.is_multiple_of(2) { "h2" } else { "h3" };
    html.push_str(&format!(
        "    <{repeat_tag} class=\"post-title-repeat\">{}</{repeat_tag}>\n",
        esc(&a.title_repeat)
    ));
    let mut paragraphs = 0;
    for (i, block) in a.body.iter().enumerate() {
        match block {
            Block::P(text) => {
                paragraphs += 1;
                html.push_str(&format!("    <p>{}</p>\n", esc(text)));
                if paragraphs == 2 {
                    html.push_str(
                        r#"    <div class="ad-slot ad-inline"><span class="ad-label">إعلان</span><ins class="adsbygoogle"></ins><script>(adsbygoogle = window.adsbygoogle || []).push({});</script></div>
    <p>&nbsp;</p>
"#,
                    );
                }
                if paragraphs == 3 && index % 4 == 1 {
                    html.push_str(&inline_figure(index, a));
                }
                if paragraphs == 4 {
                    html.push_str(
                        r#"    <div class="newsletter"><p>اشترك في النشرة البريدية لخبرين</p><form><input type="email" placeholder="بريدك الإلكتروني"><button>اشترك</button></form></div>
"#,
                    );
                }
            }
            Block::H2(text) => {
                if (index + i).is_multiple_of(3) {
                    html.push_str(&format!("    <p><strong>{}</strong></p>\n", esc(text)));
                } else {
                    html.push_str(&format!("    <h2>{}</h2>\n", esc(text)));
                }
            }
            Block::SeeAlso(slug) => {
                let Some((_, target)) = corpus.article(slug) else {
                    continue;
                };
                let label = SEE_ALSO_SPELLINGS[(index + i) % SEE_ALSO_SPELLINGS.len()];
                if (index + i).is_multiple_of(2) {
                    html.push_str(&format!(
                        "    <p><strong>{label}: </strong><a href=\"{}\">{}</a></p>\n",
                        target.path(),
                        esc(&target.title)
                    ));
                } else {
                    html.push_str(&format!(
                        "    <div class=\"see-also\"><span>{label}:</span> <a href=\"{}\">{}</a></div>\n",
                        target.path(),
                        esc(&target.title)
                    ));
                }
            }
        }
    }
    html.push_str(
        r#"    <script>window.twttr && twttr.widgets.load();</script>
  </div>
  <div class="tags">الوسوم: <a href="/tag/news/">أخبار</a></div>
"#,
    );
    html.push_str(&related_block(corpus, a));
    html.push_str("</article>\n</main>\n<aside class=\"sidebar\"><h3>الأكثر قراءة</h3><ul>");
    for (_, other) in corpus.newest().into_iter().take(5) {
        html.push_str(&format!(
            "<li><a href=\"{}\">{}</a></li>",
            other.path(),
            esc(&other.title)
        ));
    }
    html.push_str("</ul></aside>\n");
    html.push_str(&chrome::footer(corpus));
    html
}

/// A picture inside the body, as editors insert them; every other one is
/// lazy-loaded.
fn inline_figure(index: usize, a: &Article) -> String {
    let file = Article::image_file(index + 5);
    let img = if index % 8 == 1 {
        format!(r#"<img class="lazy" src="{LAZY_PIXEL}" data-src="/images/{file}" alt="">"#)
    } else {
        format!(r#"<img src="/images/{file}" alt="" loading="lazy">"#)
    };
    format!(
        "    <figure class=\"wp-caption inline-image\">{img}<figcaption>صورة من الأرشيف: {}</figcaption></figure>\n",
        esc(&a.topic)
    )
}

fn related_block(corpus: &Corpus, a: &Article) -> String {
    let mut out = String::from(
        "  <section class=\"related-posts\">\n    <h3 class=\"block-title\">أخبار ذات صلة</h3>\n",
    );
    for slug in &a.related {
        let Some((_, r)) = corpus.article(slug) else {
            continue;
        };
        out.push_str(&format!(
            r#"    <div class="related-item"><a href="{}"><span class="en-title" lang="en">{}</span><span class="loading">Loading...</span><h4>{}</h4></a><span class="related-category">{}</span></div>
"#,
            r.path(),
            esc(&r.original_title),
            esc(&r.title),
            esc(&r.topic)
        ));
    }
    out.push_str("  </section>\n");
    out
}
