//! Hostile and broken feeds and pages, each at `/hostile/<name>`: what a
//! reader's sync must survive with a clear error for that source, bounded
//! memory, and nothing else spoiled. Every one is tested in
//! tests/integration/tests/hostile.rs; the page with scripts is also opened
//! in the real app (tests/e2e/tests/hostile.rs).

use std::convert::Infallible;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// The names of every hostile document, for listings and tests.
pub const NAMES: &[&str] = &[
    "malformed.xml",
    "unclosed.xml",
    "billion-laughs.xml",
    "xxe.xml",
    "undeclared-1256.xml",
    "utf16.xml",
    "bom.xml",
    "huge-description.xml",
    "many-items.xml",
    "no-guid-no-link.xml",
    "duplicate-guids.xml",
    "odd-dates.xml",
    "relative-links.xml",
    "scripts.xml",
    "bidi-titles.xml",
    "redirect-loop",
    "reset",
    "truncated",
    "page-scripts.html",
    // Since issue 14: one bad item, not a lost feed; identity per source;
    // text safe everywhere; dates as Arabic sites write them.
    "json-wrong-types.json",
    "atom-bad-item.xml",
    "rss-bad-item.xml",
    "bare-ampersand.xml",
    "huge-middle.xml",
    "oversized.xml",
    "controls.xml",
    "controls.json",
    "arabic-dates.xml",
    "not-a-feed.html",
    "empty",
    "same-guids-a.xml",
    "same-guids-b.xml",
    "javascript-link.xml",
    "repeated-headlines.xml",
    "hang-pages.xml",
];

/// The feeds of `NAMES` (everything but the page documents).
pub fn feeds() -> impl Iterator<Item = &'static str> {
    NAMES.iter().copied().filter(|n| !n.starts_with("page-"))
}

/// The published times (Unix seconds) `arabic-dates.xml` says, in order;
/// `None` where the date is impossible and the item is dated on arrival.
/// The feed's `lastBuildDate` names +02:00, so a date without a zone is
/// read at +02:00.
pub const ARABIC_DATES: &[(&str, Option<i64>)] = &[
    // 2026-11-24 08:30 +03:00
    ("الثلاثاء 24 نوفمبر 2026 - 08:30 ص AST", Some(1_795_498_200)),
    ("٢٤ تشرين الثاني ٢٠٢٦ ٠٨:٣٠ +0300", Some(1_795_498_200)),
    (
        "نوفمبر/تشرين الثاني 24, 2026 8:30 am GMT+3",
        Some(1_795_498_200),
    ),
    // No zone: the feed's (+02:00): 2026-11-24 20:30 +02:00.
    ("24/11/2026 08:30 م", Some(1_795_545_000)),
    ("2026-11-24 20:30", Some(1_795_545_000)),
    ("Thu, 01 Jan 1970 00:00:00 GMT", None),
    ("0000-00-00 00:00:00", None),
];

/// A headline with a right-to-left override, an isolate and an embedding.
pub const BIDI_TITLE: &str =
    "\u{202E}عنوان معكوس\u{202C} و\u{2067}معزول\u{2069} و\u{202B}مضمّن\u{202C}";

fn rss(items: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel>\
         <title>عدائي</title><link>http://example.invalid/</link><description>x</description>\n{items}\n</channel></rss>"
    )
}

fn item(guid: &str, link: &str, title: &str) -> String {
    format!(
        "<item><guid isPermaLink=\"false\">{guid}</guid><link>{link}</link><title>{title}</title>\
         <description>نص قصير</description><pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate></item>"
    )
}

fn xml(body: impl Into<Body>) -> Response {
    Response::builder()
        .header(header::CONTENT_TYPE, "application/rss+xml; charset=utf-8")
        .body(body.into())
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// The page with everything a page should not be allowed to do. Its script
/// would set `window.__pwned` and call the site's `/beacon/`; its pictures
/// and frames would load from `/beacon/` too: a request there means
/// something got through.
fn scripts_page(base: &str) -> String {
    format!(
        r#"<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>صفحة عدائية</title>
<script>window.__pwned = 1; fetch("{base}beacon/script");</script>
<style>body {{ background: url({base}beacon/style) }}</style>
<link rel="stylesheet" href="{base}beacon/stylesheet">
</head><body>
<nav><a href="/">الرئيسية</a></nav>
<article class="post">
<h1 class="post-title">صفحة عدائية لاختبار المعقِّم</h1>
<div class="post-summary"><p>ملخص الصفحة العدائية التي تحاول تشغيل نصوص برمجية.</p></div>
<div class="post-content">
<p onclick="window.__pwned = 2">فقرة أولى فيها معالج نقر يجب أن يُحذف، وتبقى الفقرة نفسها للقراءة.</p>
<p>صورة تحاول التحميل من الخارج <img src="{base}beacon/img" onerror="window.__pwned = 3; fetch('{base}beacon/onerror')"></p>
<p><a href="javascript:window.__pwned = 4">رابط جافاسكربت</a> و<a href="data:text/html,&lt;script&gt;window.__pwned=5&lt;/script&gt;">رابط بيانات</a> و<a href="{base}2026/11/ok/">رابط عادي</a>.</p>
<iframe src="{base}beacon/iframe"></iframe>
<form action="{base}beacon/form" method="post"><input name="q"><button>أرسل</button></form>
<p style="position:fixed;inset:0;background:red;z-index:99999">فقرة بأسلوب يغطي النافذة كلها.</p>
<svg onload="window.__pwned = 6"><circle r="5"/></svg>
<object data="{base}beacon/object"></object><embed src="{base}beacon/embed">
<p>فقرة أخيرة سليمة بعد كل ذلك، فيها نص عربي كافٍ ليُعدّ متن خبر حقيقي يقرؤه القارئ.</p>
<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=7">
</div>
</article>
<script src="{base}beacon/script-src"></script>
</body></html>"#
    )
}

/// An ordinary article page, for the hostile feeds' items to point at.
fn plain_page(name: &str) -> String {
    // The bidi page's headline carries an override, an isolate and an embedding.
    let headline = match name {
        "page-bidi" => BIDI_TITLE.to_string(),
        // Escape sequences, a bell and a C1 control, as a page could carry.
        "page-controls" => "صفحة\u{1b}[2J فيها\u{7} تحكم\u{9b}31m".to_string(),
        _ => format!("صفحة {name}"),
    };
    format!(
        r#"<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{name}</title></head>
<body><article class="post"><h1 class="post-title">{headline}</h1>
<div class="post-content"><p>نص عادي لصفحة من صفحات الاختبار، فيه ما يكفي من الكلمات ليكون متن خبر يقرؤه القارئ.</p>
<p>فقرة ثانية تكمل النص وتزيد طوله قليلاً حتى يبدو كخبر حقيقي.</p></div></article></body></html>"#
    )
}

/// A body that sends `head` and then fails: the connection is dropped with
/// the response unfinished.
fn breaking(head: &'static [u8], declared: Option<usize>) -> Response {
    let stream = async_stream(head);
    let mut b = Response::builder().header(header::CONTENT_TYPE, "application/rss+xml");
    if let Some(n) = declared {
        b = b.header(header::CONTENT_LENGTH, HeaderValue::from(n));
    }
    b.body(Body::from_stream(stream))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

fn async_stream(
    head: &'static [u8],
) -> impl futures_util::Stream<Item = Result<Bytes, std::io::Error>> {
    futures_util::stream::unfold(0u8, move |step| async move {
        match step {
            0 => Some((Ok(Bytes::from_static(head)), 1)),
            1 => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                Some((
                    Err(std::io::Error::other("connection reset by the fixture")),
                    2,
                ))
            }
            _ => None,
        }
    })
}

/// A feed whose one item's description is `mib` MiB long, streamed.
fn huge(base: &str, mib: usize) -> Response {
    let whole = rss(&format!("<item><guid>huge</guid><link>{base}hostile/page-huge/</link><title>كبير</title><description>@</description></item>"));
    let (open, close) = whole.split_once('@').unwrap_or((&whole, ""));
    let (open, close) = (open.to_string(), close.to_string());
    let chunk = Bytes::from(vec![b'x'; 1 << 20]);
    let parts = std::iter::once(Ok::<_, Infallible>(Bytes::from(open)))
        .chain(std::iter::repeat_n(chunk, mib).map(Ok))
        .chain(std::iter::once(Ok(Bytes::from(close))));
    xml(Body::from_stream(futures_util::stream::iter(parts)))
}

/// A JSON Feed item.
fn json_item(id: serde_json::Value, url: &str, title: serde_json::Value) -> serde_json::Value {
    serde_json::json!({"id": id, "url": url, "title": title, "content_html": "<p>نص</p>"})
}

fn json_doc(items: Vec<serde_json::Value>) -> Response {
    let doc = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "عدائي",
        "items": items,
    });
    Response::builder()
        .header(header::CONTENT_TYPE, "application/feed+json")
        .body(Body::from(doc.to_string()))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// Three ordinary items, then one whose description is `mib` MiB long,
/// then three more, streamed.
fn huge_middle(base: &str, mib: usize) -> Response {
    let items = |from: usize| -> String {
        (from..from + 3)
            .map(|i| {
                item(
                    &format!("mid-{i}"),
                    &format!("{base}hostile/page-mid-{i}/"),
                    &format!("خبر عادي رقم {i}"),
                )
            })
            .collect()
    };
    let whole = rss(&format!(
        "{}<item><guid>mid-huge</guid><link>{base}hostile/page-mid-huge/</link><title>خبر بوصف هائل</title><description>@</description></item>{}",
        items(0),
        items(3)
    ));
    let (open, close) = whole.split_once('@').unwrap_or((&whole, ""));
    let (open, close) = (open.to_string(), close.to_string());
    let chunk = Bytes::from("وصف طويل جداً ".repeat(1 << 16));
    let parts = std::iter::once(Ok::<_, Infallible>(Bytes::from(open)))
        .chain(std::iter::repeat_n(chunk.clone(), (mib << 20) / chunk.len()).map(Ok))
        .chain(std::iter::once(Ok(Bytes::from(close))));
    xml(Body::from_stream(futures_util::stream::iter(parts)))
}

/// The hostile document `name`; `base` is the site's address.
pub fn respond(name: &str, base: &str) -> Option<Response> {
    let ok = |i: usize| format!("{base}hostile/page-{i}/");
    Some(match name {
        "malformed.xml" => xml(format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>x</title>\
             <item><title>عنوان <b>غير مغلق</title><link>{}</link></item></channel>",
            ok(1)
        )),
        "unclosed.xml" => xml(format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>x</title><item><title>بلا نهاية</title><link>{}</link>",
            ok(1)
        )),
        "billion-laughs.xml" => xml(format!(
            r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><guid>laughs</guid><title>&lol9;</title><link>{}</link><description>&lol9;</description></item>
</channel></rss>"#,
            ok(1)
        )),
        "xxe.xml" => xml(format!(
            r#"<?xml version="1.0"?>
<!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> <!ENTITY remote SYSTEM "{base}beacon/xxe"> ]>
<rss version="2.0"><channel><title>x</title>
<item><guid>xxe</guid><title>ملف &xxe; &remote;</title><link>{}</link><description>&xxe;</description></item>
</channel></rss>"#,
            ok(1)
        )),
        // windows-1256 bytes and no charset anywhere.
        "undeclared-1256.xml" => {
            let text = rss(&item("w1256", &ok(1), "عنوان بترميز غير معلن"))
                .replace(" encoding=\"utf-8\"", "");
            let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(&text);
            Response::builder()
                .header(header::CONTENT_TYPE, "application/rss+xml")
                .body(Body::from(bytes.into_owned()))
                .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
        }
        "utf16.xml" => {
            let text = rss(&item("utf16", &ok(1), "عنوان بترميز UTF-16"))
                .replace("encoding=\"utf-8\"", "encoding=\"utf-16\"");
            let mut bytes = vec![0xFF, 0xFE];
            for u in text.encode_utf16() {
                bytes.extend_from_slice(&u.to_le_bytes());
            }
            Response::builder()
                .header(header::CONTENT_TYPE, "application/rss+xml")
                .body(Body::from(bytes))
                .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
        }
        "bom.xml" => {
            let mut bytes = vec![0xEF, 0xBB, 0xBF];
            bytes.extend_from_slice(rss(&item("bom", &ok(1), "عنوان بعد علامة الترتيب")).as_bytes());
            xml(bytes)
        }
        "huge-description.xml" => huge(base, 50),
        // 100,000 small items (about 6 MiB: under the size limit), each
        // with a page of its own (no other feed here links them, so what
        // each feed stores does not depend on which is read first).
        "many-items.xml" => {
            let mut items = String::with_capacity(7 << 20);
            for i in 0..100_000 {
                items.push_str(&format!("<item><link>{base}hostile/page-many-{i}/</link></item>\n"));
            }
            xml(rss(&items))
        }
        "no-guid-no-link.xml" => xml(rss(&format!(
            "<item><title>بلا معرّف</title><link>{}</link></item>\
             <item><guid>no-link</guid><title>بلا رابط</title></item>\
             <item><title>لا شيء</title></item>",
            ok(2)
        ))),
        "duplicate-guids.xml" => xml(rss(&format!(
            "{}{}",
            item("same", &ok(3), "الأول بالمعرّف نفسه"),
            item("same", &ok(4), "الثاني بالمعرّف نفسه")
        ))),
        "odd-dates.xml" => xml(rss(&format!(
            "<item><guid>d1</guid><link>{}</link><title>تاريخ غريب</title><pubDate>Tue, 32 Foo 2026 99:99:99 XYZ</pubDate></item>\
             <item><guid>d2</guid><link>{}</link><title>تاريخ بعيد في المستقبل</title><pubDate>Fri, 31 Dec 9999 23:59:59 GMT</pubDate></item>\
             <item><guid>d3</guid><link>{}</link><title>تاريخ قديم جداً</title><pubDate>Mon, 01 Jan 1900 00:00:00 GMT</pubDate></item>",
            ok(5),
            ok(6),
            ok(7)
        ))),
        "relative-links.xml" => xml(rss(&format!(
            "{}{}",
            item("rel1", "/hostile/page-8/", "رابط نسبي من الجذر"),
            item("rel2", "page-9/", "رابط نسبي من الخلاصة")
        ))),
        "scripts.xml" => xml(rss(&format!(
            "<item><guid>scripts</guid><link>{base}hostile/page-scripts.html</link>\
             <title>&lt;script&gt;alert(1)&lt;/script&gt;عنوان فيه نص برمجي</title>\
             <description>&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;document.title='x'&lt;/script&gt;ملخص</description></item>"
        ))),
        "bidi-titles.xml" => xml(rss(&item(
            "bidi",
            &format!("{base}hostile/page-bidi/"),
            BIDI_TITLE,
        ))),
        "redirect-loop" => Response::builder()
            .status(StatusCode::FOUND)
            .header(header::LOCATION, format!("{base}hostile/redirect-loop"))
            .body(Body::empty())
            .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response()),
        "reset" => breaking(b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>", None),
        "truncated" => breaking(
            b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>x</title>",
            Some(100_000),
        ),
        "json-wrong-types.json" => {
            let page = |i: usize| format!("{base}hostile/page-json-{i}/");
            json_doc(vec![
                json_item("j1".into(), &page(1), "خبر سليم".into()),
                json_item(2.into(), &page(2), "معرّف رقمي".into()),
                json_item("j3".into(), &page(3), 3.into()),
                serde_json::json!({"id": "j4", "url": page(4), "title": "وسوم نصية", "tags": "x", "author": "أنا", "attachments": [{"url": 5}]}),
                serde_json::json!({"id": "j5", "url": page(5), "title": "تاريخ رقمي", "date_published": 1_795_498_200}),
                serde_json::json!(7),
                serde_json::json!({"url": page(6), "title": "بلا معرّف"}),
                serde_json::json!({"id": "j7", "url": page(7), "title": "خبر سليم آخر"}),
            ])
        }
        "atom-bad-item.xml" => {
            let entry = |i: usize, title_attr: &str| {
                format!(
                    "<entry><title{title_attr}>مدخل {i}</title><id>atom-{i}</id><link href=\"{base}hostile/page-atom-{i}/\"/><updated>2026-11-24T10:00:00Z</updated></entry>"
                )
            };
            Response::builder()
                .header(header::CONTENT_TYPE, "application/atom+xml")
                .body(Body::from(format!(
                    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>عدائي</title><id>x</id><updated>2026-11-24T10:00:00Z</updated>{}{}{}</feed>",
                    entry(1, ""),
                    entry(2, " type=\"weird\""),
                    entry(3, "")
                )))
                .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
        }
        "rss-bad-item.xml" => xml(rss(&format!(
            "{}<item><guid>bad-2</guid><link>{}</link><title>عنوان فيه <b>وسم غير مغلق</title><description>نص</description></item>{}",
            item("bad-1", &format!("{base}hostile/page-bad-1/"), "خبر أول سليم"),
            format_args!("{base}hostile/page-bad-2/"),
            item("bad-3", &format!("{base}hostile/page-bad-3/"), "خبر ثالث سليم"),
        ))),
        "bare-ampersand.xml" => xml(rss(&format!(
            "<item><guid>amp-1</guid><link>{base}hostile/page-amp-1/</link><title>سؤال وجواب: Q&A مع AT&T</title><description>نص & آخر</description></item>"
        ))),
        "huge-middle.xml" => huge_middle(base, 20),
        "oversized.xml" => {
            let text = "فقرة من وصف طويل يتكرر ليكبر حجم الخلاصة. ".repeat(200);
            let mut items = String::with_capacity(13 << 20);
            for i in 0..1500 {
                items.push_str(&format!(
                    "<item><guid>big-{i}</guid><link>{base}hostile/page-big-{i}/</link><title>خبر كبير {i}</title><description>{text}</description></item>\n"
                ));
            }
            xml(rss(&items))
        }
        "controls.xml" => xml(rss(&format!(
            "<item><guid>ctl-1</guid><link>{base}hostile/page-controls/</link><title>عنوان\u{1b}[2J\u{1b}]0;عنوان مزيف\u{7} فيه تحكم\u{85}</title>\
             <description>ملخص\u{8}\u{8}\u{8}xxx\u{0} فيه\u{1b}[31m لون</description><author>كاتب\u{1b}[1m</author><category>قسم\u{7}</category></item>"
        ))),
        "controls.json" => json_doc(vec![serde_json::json!({
            "id": "ctl-j\u{0}1",
            "url": format!("{base}hostile/page-controls-json/"),
            "title": "عنوان\u{1b}[2J بتحكم\u{7}",
            "content_html": "<p>نص\u{1b}[31m ملون\u{9b}0m</p>",
        })]),
        "arabic-dates.xml" => {
            let items: String = ARABIC_DATES
                .iter()
                .enumerate()
                .map(|(i, (date, _))| {
                    format!(
                        "<item><guid>date-{i}</guid><link>{base}hostile/page-date-{i}/</link><title>تاريخ بصيغة رقم {i}</title><pubDate>{date}</pubDate></item>"
                    )
                })
                .collect();
            xml(rss(&format!(
                "<lastBuildDate>Tue, 24 Nov 2026 22:00:00 +0200</lastBuildDate>{items}"
            )))
        }
        "not-a-feed.html" => Response::builder()
            .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
            .body(Body::from(format!(
                "<!doctype html><html lang=\"ar\"><head><title>صفحة</title>\
                 <link rel=\"alternate\" type=\"application/rss+xml\" href=\"{base}category/news/feed/\"></head>\
                 <body><p>صفحة وليست خلاصة</p></body></html>"
            )))
            .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response()),
        "empty" => xml(Vec::<u8>::new()),
        // Two sites on one CMS: the same guids, other articles.
        "same-guids-a.xml" | "same-guids-b.xml" => {
            let site = if name.contains("-a") { "a" } else { "b" };
            xml(rss(&(1..=3)
                .map(|i| {
                    format!(
                        "<item><guid isPermaLink=\"false\">{i}</guid><link>{base}hostile/page-{site}-{i}/</link><title>خبر {i} من الموقع {site}</title><pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate></item>"
                    )
                })
                .collect::<String>()))
        }
        "javascript-link.xml" => xml(rss(
            "<item><guid>js-1</guid><link>javascript:alert(1)</link><title>رابط ليس عنواناً</title><description>نص الخبر كما في الخلاصة</description></item>",
        )),
        // Daily round-ups and follow-ups: one headline, one day, other pages.
        "repeated-headlines.xml" => xml(rss(&(1..=5)
            .map(|i| {
                item(
                    &format!("rep-{i}"),
                    &format!("{base}hostile/page-rep-{i}/"),
                    if i % 2 == 0 {
                        "أبرز أخبار اليوم"
                    } else {
                        "ابرز اخبار اليوم"
                    },
                )
            })
            .collect::<String>())),
        "hang-pages.xml" => xml(rss(&(1..=12)
            .map(|i| {
                item(
                    &format!("hang-{i}"),
                    &format!("{base}hang/page-{i}/"),
                    &format!("صفحة لا تجيب {i}"),
                )
            })
            .collect::<String>())),
        "page-scripts.html" => Response::builder()
            .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
            .body(Body::from(scripts_page(base)))
            .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response()),
        page if page.starts_with("page-") => Response::builder()
            .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
            .body(Body::from(plain_page(page.trim_end_matches('/'))))
            .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response()),
        _ => return None,
    })
}
