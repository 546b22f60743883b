//! Feeds that carry what issue 26 found lost, one class of loss each, at
//! `/items/<name>`, and the pages their items link (`/items/page/<name>`):
//! a feed with no items, items with neither headline nor link, HTML 4
//! entities, the whole text in the feed with a page that cannot be read
//! (yet), authors and tags, elements under their other names, text to
//! decode, encodings declared nowhere or only by their bytes, and a
//! document cut inside a headline. Every one is tested in
//! tests/integration/tests/feed_items.rs.

use axum::body::Body;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

/// The paragraphs of the article `full-text.xml` carries whole.
pub fn long_paragraphs() -> Vec<String> {
    (1..=30)
        .map(|i| format!("الفقرة رقم {i} من نص الخبر الكامل كما نشره الموقع في خلاصته دون اختصار."))
        .collect()
}

/// Pages of shapes real sites have (issue 27): no headline on the page, the
/// text in divisions and line breaks, and nothing but a list of links.
pub const NO_HEADLINE_PAGE: &str = "no-headline";
pub const DIV_BR_PAGE: &str = "div-br";
pub const LINKS_ONLY_PAGE: &str = "links-only";

/// A page that answers 404 until the test says it is there (`heal`).
pub const LATE_PAGE: &str = "late";
/// A page that, once there, holds two of the article's thirty paragraphs.
pub const TEASER_PAGE: &str = "teaser";

fn respond(ctype: &str, body: impl Into<Body>) -> Response {
    Response::builder()
        .header(header::CONTENT_TYPE, ctype)
        .body(body.into())
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

fn xml(text: String) -> Response {
    respond("application/xml", text)
}

/// The feeds; `healed` says which late pages are there by now.
pub fn respond_to(name: &str, base: &str, healed: &dyn Fn(&str) -> bool) -> Option<Response> {
    let page = |n: &str| format!("{base}items/page/{n}");
    let paragraphs: String = long_paragraphs()
        .iter()
        .map(|p| format!("<p>{p}</p>"))
        .collect();
    Some(match name {
        "empty.xml" => xml(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>موقع جديد بلا أخبار بعد</title>\
             <link>http://example.invalid/</link></channel></rss>"
                .into(),
        ),
        "empty-atom03.xml" => xml(
            "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>خلاصة Atom 0.3 فارغة</title></feed>"
                .into(),
        ),
        "dates-only.xml" => xml(
            "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>t</title>\
             <item><pubDate>Thu, 01 Jan 2004 19:48:21 GMT</pubDate><description>خبر بلا عنوان ولا رابط يبدأ بهذه الكلمات</description></item>\
             <item><dc:date>2003-12-31T10:14:55Z</dc:date></item></channel></rss>"
                .into(),
        ),
        "entities.xml" => xml(
            "<rss version=\"2.0\"><channel><title>t</title><item><title>&lang;قوس&rang; &aacute; &euro;</title>\
             <link>http://example.invalid/e</link></item></channel></rss>"
                .into(),
        ),
        // The whole article in the feed; its page answers 404 until healed
        // (then the whole page), or holds only a teaser.
        "full-text.xml" => xml(format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>نص كامل</title>\
             <item><title>خبر نصه كله في الخلاصة</title><link>{}</link><guid>full-1</guid>\
             <description>مقتطف قصير</description><content:encoded><![CDATA[{paragraphs}]]></content:encoded></item>\
             <item><title>خبر صفحته مقتطف</title><link>{}</link><guid>full-2</guid>\
             <description>مقتطف آخر</description><content:encoded><![CDATA[{paragraphs}]]></content:encoded></item>\
             </channel></rss>",
            page(LATE_PAGE),
            page(TEASER_PAGE)
        )),
        "page-shapes.xml" => xml(format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>صفحات بأشكال أخرى</title>\
             <item><title>خبر صفحته بلا عنوان</title><link>{}</link><guid>shape-1</guid>\
             <description>مقتطف الخبر الأول</description></item>\
             <item><title>خبر نصه في أقسام وسطور</title><link>{}</link><guid>shape-2</guid>\
             <description>مقتطف الخبر الثاني</description></item>\
             <item><title>خبر صفحته قائمة روابط</title><link>{}</link><guid>shape-3</guid>\
             <description>نص الخبر كما في الخلاصة وحدها</description></item>\
             </channel></rss>",
            page(NO_HEADLINE_PAGE),
            page(DIV_BR_PAGE),
            page(LINKS_ONLY_PAGE)
        )),
        "people-and-tags.xml" => xml(
            "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>كتّاب</title>\
             <item><title>مقال أول</title><link>http://example.invalid/a1</link><dc:creator>ليلى الحربي</dc:creator>\
             <category domain=\"http://example.invalid/tags\">الطاقة</category><category>المناخ</category></item>\
             <item><title>مقال ثان</title><link>http://example.invalid/a2</link><author>editor@example.invalid (سامر المطيري)</author>\
             <category>الطاقة</category></item></channel></rss>"
                .into(),
        ),
        "people-and-tags-atom.xml" => xml(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title><entry><id>urn:a3</id><title>مقال ثالث</title>\
             <link href=\"http://example.invalid/a3\"/><author><name>ليلى الحربي</name><uri>http://example.invalid/laila</uri></author>\
             <category term=\"energy\" label=\"الطاقة\"/></entry></feed>"
                .into(),
        ),
        "other-names.xml" => xml(
            "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\"\
              xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\"><channel><title>أسماء أخرى</title>\
             <item><dc:title>عنوان من dc:title</dc:title><dcterms:issued>2026-11-20T08:00:00Z</dcterms:issued>\
             <itunes:summary>ملخص من itunes:summary</itunes:summary><guid>http://example.invalid/permalink</guid></item>\
             <item><title>جسم XHTML</title><guid isPermaLink=\"false\">x-2</guid>\
             <body xmlns=\"http://www.w3.org/1999/xhtml\"><p>نص من <b>xhtml:body</b></p></body></item>\
             </channel></rss>"
                .into(),
        ),
        "atom-forms.xml" => xml(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"http://example.invalid/news/\"><title>t</title>\
             <entry><id>2026/a</id><title>رابط مكتوب نصاً</title><link>http://example.invalid/text-link</link></entry>\
             <entry><id>urn:b</id><title type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">History of the &lt;blink&gt; tag</div></title>\
             <link href=\"http://example.invalid/q?a=1&amp;b=2&amp;c\"/>\
             <content type=\"text/plain\" mode=\"base64\">2YbYtSDZhdix2YXZkdiyINio2YAgYmFzZTY0</content></entry></feed>"
                .into(),
        ),
        "rdf.xml" => xml(
            "<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\">\
             <channel rdf:about=\"http://example.invalid/\"><title>t</title></channel>\
             <item rdf:about=\"http://example.invalid/rdf-item\"><title>معرّف من rdf:about</title></item></rdf:RDF>"
                .into(),
        ),
        "smart-quotes.xml" => xml(
            "<rss version=\"2.0\"><channel><title>t</title><item><title>&#147;quoted&#148; don&#146;t</title>\
             <link>http://example.invalid/q</link></item></channel></rss>"
                .into(),
        ),
        "cut-in-title.xml" => xml(
            "<rss version=\"2.0\"><channel><title>t</title><item><title>عنوان قُطع هنا<link>http://example.invalid/cut</link></item></channel></rss>"
                .into(),
        ),
        // Served with a Content-Location: its relative links are relative
        // to that address.
        "content-location.xml" => Response::builder()
            .header(header::CONTENT_TYPE, "application/rss+xml")
            .header("content-location", "http://example.invalid/elsewhere/feed.xml")
            .body(Body::from(
                "<rss version=\"2.0\"><channel><title>t</title><item><title>نسبي</title><link>story/1</link></item></channel></rss>",
            ))
            .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response()),
        "utf16-unmarked.xml" => {
            let text = "<?xml version=\"1.0\" encoding=\"utf-16le\"?><rss version=\"2.0\"><channel><title>بلا علامة ترتيب</title></channel></rss>";
            let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
            respond("application/xml", bytes)
        }
        "utf32-bom.xml" => {
            let text = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>بترميز UTF-32</title></channel></rss>";
            let mut bytes = vec![0, 0, 0xFE, 0xFF];
            bytes.extend(text.chars().flat_map(|c| u32::from(c).to_be_bytes()));
            respond("application/xml", bytes)
        }
        "koi8r-undeclared.xml" => {
            let text = "<rss version=\"2.0\"><channel><title>Новости дня</title><item><title>Как пережить новогоднюю ночь и не потерять голову от праздничной суеты</title>\
                        <link>http://example.invalid/ru</link><description>Наверное, единственное, во что сегодня верят все, это праздник.</description></item></channel></rss>";
            let (bytes, _, _) = encoding_rs::KOI8_R.encode(text);
            respond("application/xml", bytes.into_owned())
        }
        "cp864-declared.xml" => {
            // DOS Arabic (code page 864), whose letters are presentation
            // forms: these bytes are «ﺍﻟﺳﻟﺍﻣ» (السلام).
            let mut bytes = b"<?xml version=\"1.0\" encoding=\"cp864\"?><rss version=\"2.0\"><channel><title>".to_vec();
            bytes.extend([0xC7, 0xE4, 0xD3, 0xE4, 0xC7, 0xE5]);
            bytes.extend(b"</title></channel></rss>");
            respond("application/xml", bytes)
        }
        _ => {
            let name = name.strip_prefix("page/")?;
            return Some(match name {
                LATE_PAGE | TEASER_PAGE if !healed(name) => {
                    (StatusCode::NOT_FOUND, "الصفحة غير موجودة").into_response()
                }
                LATE_PAGE => respond(
                    "text/html; charset=utf-8",
                    article_page("خبر نصه كله في الخلاصة", &long_paragraphs()),
                ),
                TEASER_PAGE => respond(
                    "text/html; charset=utf-8",
                    article_page("خبر صفحته مقتطف", &long_paragraphs()[..2]),
                ),
                NO_HEADLINE_PAGE => respond("text/html; charset=utf-8", no_headline_page()),
                DIV_BR_PAGE => respond("text/html; charset=utf-8", div_br_page()),
                LINKS_ONLY_PAGE => respond("text/html; charset=utf-8", links_only_page()),
                _ => return None,
            });
        }
    })
}

/// No `h1`, no `og:title`: only the document's title, site name after it.
fn no_headline_page() -> String {
    let body: String = long_paragraphs()[..6]
        .iter()
        .map(|p| format!("<p>{p}</p>"))
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"ar\"><head><meta charset=\"utf-8\"><title>عنوان الصفحة وحدها | موقع المثال</title>\
         <meta property=\"og:site_name\" content=\"موقع المثال\"></head><body><div class=\"entry-content\">{body}</div></body></html>"
    )
}

/// The article's text typed as lines in one division, a blank line between
/// paragraphs, no `<p>` anywhere.
fn div_br_page() -> String {
    let body = long_paragraphs()[..5].join("<br><br>\n");
    format!(
        "<!DOCTYPE html><html lang=\"ar\"><head><meta charset=\"utf-8\"><title>خبر نصه في أقسام وسطور</title></head>\
         <body><h1>خبر نصه في أقسام وسطور</h1><div class=\"post-body\">{body}</div></body></html>"
    )
}

/// A page that holds no article: an index of links.
fn links_only_page() -> String {
    let links: String = (1..=30)
        .map(|i| format!("<li><a href=\"/news/{i}/\">عنوان خبر آخر رقم {i} في القائمة</a></li>"))
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"ar\"><head><meta charset=\"utf-8\"><title>الأخبار</title></head>\
         <body><h1>الأخبار</h1><main><ul>{links}</ul></main></body></html>"
    )
}

fn article_page(title: &str, paragraphs: &[String]) -> String {
    let mut body = String::new();
    for (i, p) in paragraphs.iter().enumerate() {
        body.push_str(&format!("<p>{p}</p>"));
        if i == 1 {
            body.push_str("<h2>عنوان فرعي في الصفحة</h2>");
        }
    }
    format!(
        "<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body><header><nav><a href=\"/\">الرئيسية</a></nav></header><main><article><h1>{title}</h1>\
         <div class=\"entry-content\">{body}</div></article></main><footer>حقوق النشر</footer></body></html>"
    )
}
