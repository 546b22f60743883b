//! The container chosen by evidence, and the body walk's handling of the
//! furniture real pages put inside it: each class of issue 27 on a page
//! written to have it.

use super::blocks::block_texts;
use super::*;

const URL: &str = "https://news.example/2026/12/story/";

/// A paragraph of `n` words, numbered so no two are alike.
fn words(tag: &str, n: usize) -> String {
    (1..=n)
        .map(|i| format!("{tag}{i}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn para(tag: &str, n: usize) -> String {
    format!("<p>{}.</p>", words(tag, n))
}

fn run(html: &str) -> Result<ExtractedArticle> {
    let rules = SiteRules::khabarain().expect("rules");
    extract(html, &Url::parse(URL).expect("url"), &rules)
}

fn text_of(a: &ExtractedArticle) -> String {
    block_texts(&a.body_html).join("\n")
}

#[test]
fn a_widget_article_does_not_win_over_the_page_text() {
    // The first (and only) `<article>` is a teaser box; the story stands
    // in plain divisions the rules do not name.
    let teasers: String = (1..=6)
        .map(|i| {
            format!(
                "<li><a href=\"/t{i}/\">{}</a></li>",
                words(&format!("teaser{i}x"), 6)
            )
        })
        .collect();
    let html = format!(
        "<html><head><title>Story - Site</title></head><body><h1>Story</h1>\
         <article class=\"widget\"><h3>Popular</h3><ul>{teasers}</ul><p>{}</p></article>\
         <div id=\"content\"><div class=\"text\">{}{}{}</div></div></body></html>",
        words("box", 20),
        para("alpha", 60),
        para("beta", 60),
        para("gamma", 60)
    );
    let a = run(&html).expect("extracts");
    let text = text_of(&a);
    assert!(
        text.contains("alpha1 ") && text.contains("gamma60"),
        "{text}"
    );
    assert!(!text.contains("teaser"), "{text}");
    assert_eq!(a.body_origin, Origin::Readability);
}

#[test]
fn a_readers_comment_never_wins() {
    // The only `.entry-content` is a comment's; the article is elsewhere.
    let html = format!(
        "<html><body><h1>Story</h1><div class=\"post\">{}{}{}</div>\
         <div id=\"comments\"><div class=\"comment\"><div class=\"entry-content\">{}</div></div></div>\
         </body></html>",
        para("story", 70),
        para("more", 70),
        para("end", 70),
        para("reader", 130)
    );
    let a = run(&html).expect("extracts");
    let text = text_of(&a);
    assert!(
        text.contains("story1 ") && !text.contains("reader"),
        "{text}"
    );
}

#[test]
fn a_hidden_copy_of_the_text_never_wins() {
    // Microdata repeats a summary in a block nobody sees.
    let html = format!(
        "<html><body><h1>Story</h1><div style=\"display: none\" itemscope>\
         <div itemprop=\"articleBody\">{}</div></div>\
         <div class=\"main\">{}{}{}</div></body></html>",
        words("summary", 80),
        para("story", 60),
        para("more", 60),
        para("end", 60)
    );
    let a = run(&html).expect("extracts");
    let text = text_of(&a);
    assert!(
        text.contains("story1 ") && !text.contains("summary"),
        "{text}"
    );
}

#[test]
fn a_body_split_over_several_blocks_is_kept_whole_in_order() {
    let html = format!(
        "<html><body><h1>Story</h1><div class=\"article-body\">{}</div>\
         <div class=\"ad-wrap\"><p>{}</p></div>\
         <div class=\"article-body\">{}</div><div class=\"article-body\">{}</div></body></html>",
        para("first", 40),
        words("between", 8),
        para("second", 40),
        para("third", 40)
    );
    let a = run(&html).expect("extracts");
    let blocks = block_texts(&a.body_html);
    assert_eq!(blocks.len(), 3, "{blocks:?}");
    assert!(
        blocks[0].starts_with("first1 ")
            && blocks[1].starts_with("second1 ")
            && blocks[2].starts_with("third1 ")
    );
    assert!(matches!(
        a.body_origin,
        Origin::Rules { generic: false, .. }
    ));
}

#[test]
fn when_nothing_convinces_there_is_no_body_and_the_error_says_so() {
    // Only a list of links: no article on the page (the sync keeps the
    // feed's own text and marks the page as waiting).
    let links: String = (1..=30)
        .map(|i| {
            format!(
                "<li><a href=\"/n{i}/\">{}</a></li>",
                words(&format!("n{i}x"), 5)
            )
        })
        .collect();
    let html = format!("<html><body><h1>Index</h1><main><ul>{links}</ul></main></body></html>");
    let err = run(&html).expect_err("no article");
    assert_eq!(err.code(), "extract");
    assert!(err.to_string().contains("no article text"), "{err}");
}

#[test]
fn a_text_in_divisions_and_line_breaks_is_a_body() {
    let html = format!(
        "<html><body><h1>Story</h1><div class=\"entry-content\">{}<br><br>{}<br>\n<br>{}</div></body></html>",
        words("one", 30),
        words("two", 30),
        words("three", 30)
    );
    let a = run(&html).expect("extracts");
    let blocks = block_texts(&a.body_html);
    assert_eq!(blocks.len(), 3, "{blocks:?}");
    assert!(blocks[1].starts_with("two1 "));
}

#[test]
fn a_page_without_a_headline_takes_its_title_as_a_guess() {
    let html = format!(
        "<html><head><title>Floods close the northern road | The Daily Example</title>\
         <meta property=\"og:site_name\" content=\"The Daily Example\"></head>\
         <body><div class=\"entry-content\">{}{}</div></body></html>",
        para("flood", 50),
        para("road", 50)
    );
    let a = run(&html).expect("extracts without a headline");
    assert_eq!(a.title, "Floods close the northern road");
    assert!(a.title_is_guess);
}

#[test]
fn related_lists_galleries_and_furniture_lines_leave_the_body() {
    let gallery: String = (1..=3)
        .map(|i| {
            format!("<li><img src=\"/g{i}.jpg\" alt=\"picture {i}\"> Caption {i} of the gallery, long enough to count as a line. <span>Image {i} of 3</span></li>")
        })
        .collect();
    let html = format!(
        "<html><body><h1>Story</h1><div class=\"entry-content\">\
         <p>By Jane Writer | November 18, 2026 at 2:26 PM</p>\
         <ul class=\"gallery\">{gallery}</ul><p>Image 1 of 3</p><p>Back to Gallery</p>\
         {}{}\
         <p>Reporting by Jane Writer; Editing by John Editor</p>\
         <p>Sign up to our newsletter for the day's top headlines in your inbox.</p>\
         <h3>More News from Science</h3>\
         <ul><li><a href=\"/a/\">A teaser headline about something else</a></li>\
         <li><a href=\"/b/\">Another teaser headline</a></li></ul>\
         <p><a href=\"/c/\">A third teaser</a></p>\
         {}</div></body></html>",
        para("lead", 40),
        para("middle", 40),
        para("closing", 40)
    );
    let a = run(&html).expect("extracts");
    let text = text_of(&a);
    for gone in [
        "Jane Writer",
        "Image 1",
        "Back to Gallery",
        "newsletter",
        "More News",
        "teaser",
        "Caption 1",
    ] {
        assert!(!text.contains(gone), "{gone} in {text}");
    }
    for kept in ["lead1 ", "middle1 ", "closing1 "] {
        assert!(text.contains(kept), "{kept} missing from {text}");
    }
    // The gallery's pictures, each once, with their alt text.
    assert_eq!(a.inline_images.len(), 3);
    assert_eq!(a.body_html.matches("alt=\"picture 1\"").count(), 1);
}

#[test]
fn a_caption_repeated_as_a_paragraph_is_kept_once() {
    let caption = "Rescue teams search the flooded streets of the old town on Tuesday morning";
    let html = format!(
        "<html><body><h1>Story</h1><div class=\"entry-content\">\
         <figure><img src=\"/lead.jpg\" alt=\"\"><figcaption>{caption}</figcaption></figure>\
         <p>{caption}</p>{}{}</div></body></html>",
        para("body", 50),
        para("tail", 50)
    );
    let a = run(&html).expect("extracts");
    assert_eq!(a.body_html.matches(caption).count(), 1, "{}", a.body_html);
}

#[test]
fn an_opening_subheading_of_its_own_is_kept_and_the_headline_again_is_not() {
    let body = format!("{}{}", para("first", 40), para("second", 40));
    let page = |opening: &str| {
        format!(
            "<html><body><h1>Heat pumps sell as never before in the north</h1>\
             <div class=\"entry-content\">{opening}{body}</div></body></html>"
        )
    };
    let kept = run(&page("<h2>A market that doubled</h2>")).expect("extracts");
    assert!(
        kept.body_html.contains("A market that doubled"),
        "{}",
        kept.body_html
    );
    let again = run(&page("<h2>Heat pumps sell as never before</h2>")).expect("extracts");
    assert!(
        !again.body_html.contains("Heat pumps"),
        "{}",
        again.body_html
    );
}
