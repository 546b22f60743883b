//! Extraction against pages of the fixture site (testdata/, saved from it)
//! and against a page of another shape that only the fallbacks can read.

use super::*;

fn page(name: &str) -> String {
    let path = format!("{}/src/extract/testdata/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn run(name: &str, url: &str) -> ExtractedArticle {
    let rules = SiteRules::khabarain().expect("rules");
    extract(&page(name), &Url::parse(url).expect("url"), &rules).expect("extracts")
}

const DRONE_URL: &str = "http://www.khabarain.com/2026/11/drone-strikes-hit-ukraine-power-grid/";

#[test]
fn every_part_of_the_anatomy_comes_out() {
    let a = run("khabarain-drone-strikes.html", DRONE_URL);
    assert_eq!(
        a.title,
        "هجمات بطائرات مسيّرة تستهدف شبكة الكهرباء في أوكرانيا مع اشتداد البرد"
    );
    assert_eq!(
        a.summary,
        "تعرّضت منشآت للطاقة في عدة مناطق أوكرانية لهجمات ليلية بطائرات مسيّرة، ما أدى إلى انقطاع التيار الكهربائي عن آلاف المنازل، في وقت تتراجع فيه درجات الحرارة إلى ما دون الصفر مع بداية الشتاء."
    );
    assert_eq!(
        a.original_title.as_deref(),
        Some("Drone strikes hit Ukraine's power grid as temperatures drop")
    );
    // A lazy-loaded image: the real picture is in data-src, not the pixel in src.
    assert_eq!(
        a.image_url.as_ref().map(Url::as_str),
        Some("http://www.khabarain.com/images/img-01.jpg")
    );
    assert_eq!(
        a.image_caption.as_deref(),
        Some("A file image of a power substation damaged in an earlier attack in central Ukraine")
    );
    assert_eq!(
        a.image_credit.as_deref(),
        Some("Oleksandr Hrytsenko/AFP via Getty Images")
    );
    assert_eq!(a.category_label.as_deref(), Some("أخبار"));
    assert!(a.published.is_some());
    assert_eq!(a.direction, "rtl");
    assert_eq!(
        a.canonical_url.as_ref().map(Url::as_str),
        Some("http://www.khabarain.com/2026/11/drone-strikes-hit-ukraine-power-grid/")
    );

    // Body: five paragraphs and the subheading, in order.
    assert_eq!(
        a.body_html.matches("<p dir=\"auto\">").count(),
        5,
        "{}",
        a.body_html
    );
    assert!(a.body_html.contains("<h2 dir=\"auto\">سباق مع الشتاء</h2>"));
    assert!(a
        .body_html
        .starts_with("<p dir=\"auto\">قالت شركة تشغيل الشبكة"));
    assert!(a.body_html.contains("180,000"), "numbers survive");
    assert!(a.body_html.contains("«منشآت"), "quotes survive");

    assert_eq!(
        a.see_also,
        vec![LinkRef {
            title: "صادرات الحبوب الأوكرانية ترتفع عبر موانئ البحر الأسود رغم الهجمات المتكررة"
                .into(),
            url: "http://www.khabarain.com/2026/11/ukraine-grain-exports-rise-despite-attacks/"
                .into(),
        }]
    );
    assert_eq!(a.related.len(), 3);
    assert_eq!(
        a.related[0],
        RelatedRef {
            title: "استئناف المحادثات في جنيف بشأن وقف إطلاق النار في أوكرانيا وسط تفاؤل حذر".into(),
            original_title: Some(
                "Ukraine ceasefire talks resume in Geneva amid cautious optimism".into()
            ),
            category: Some("حرب روسيا وأوكرانيا".into()),
            url: "http://www.khabarain.com/2026/11/geneva-talks-on-ukraine-ceasefire-resume/"
                .into(),
        }
    );
}

#[test]
fn chrome_does_not_leak_into_the_body() {
    for (name, url) in [
        ("khabarain-drone-strikes.html", DRONE_URL),
        (
            "khabarain-congress-budget.html",
            "http://www.khabarain.com/2026/11/new-congress-faces-budget-deadline/",
        ),
    ] {
        let a = run(name, url);
        for noise in [
            "Loading",
            "شارك الخبر",
            "Facebook",
            "LinkedIn",
            "إعلان",
            "adsbygoogle",
            "script",
            "twttr",
            "اشترك",
            "النشرة البريدية",
            "شاهد",
            "أخبار ذات صلة",
            "الوسوم",
            "الأكثر قراءة",
            "جميع الحقوق",
            "تسلية",
            "logo",
            "\\",
            "&nbsp;",
            "<p dir=\"auto\"></p>",
            "<img",
            "<figure",
            "Oleksandr",
            "Chris Dalton",
        ] {
            assert!(
                !a.body_html.contains(noise),
                "{name}: '{noise}' leaked into {}",
                a.body_html
            );
        }
        // The headline repeated at the top of the body (reworded on this page
        // of the two) is not kept.
        assert!(
            !a.body_html.contains(&a.title),
            "{name}: repeated headline kept"
        );
        assert!(
            !a.body_html.contains("مهلة تمويل الحكومة الفيدرالية تضغط"),
            "{name}: reworded headline kept"
        );
        assert!(
            !a.summary.contains("تابع التفاصيل"),
            "{name}: call to action kept"
        );
    }
}

#[test]
fn stray_backslashes_are_cleaned_and_the_quote_kept() {
    let a = run("khabarain-drone-strikes.html", DRONE_URL);
    assert!(!a.body_html.contains('\\'));
    assert!(
        page("khabarain-drone-strikes.html").contains('\\'),
        "the page does carry backslashes"
    );
}

/// A page of another shape: no site classes, bold-paragraph subheadings, a
/// see-also line in a heading, the related block found by its heading only.
const OTHER_SHAPE: &str = r#"<!doctype html><html lang="ar"><head>
<meta property="og:title" content="عنوان من الوسوم الوصفية">
<meta property="og:description" content="ملخص الخبر هنا. اقرأ المزيد على موقع خبرين.">
<meta property="og:image" content="/media/lead.jpg">
</head><body><nav><a href="/category/news/">أخبار</a></nav>
<article><h1>عنوان الصفحة</h1>
<p>Reuters ذكرت أن الاجتماع سيعقد في 12,000 مقعد.</p>
<p><b>القتال مستمر</b></p>
<p>فقرة ثانية فيها <a href="/x/">رابط داخلي</a> و<a href="javascript:alert(1)">خطر</a>.</p>
<h4>شاهد أيضاً: <a href="https://www.khabarain.com/2026/11/other/">خبر آخر</a></h4>
<p onclick="steal()">فقرة ثالثة.</p>
<figure><img src="data:image/gif;base64,R0lGOD" data-lazy-src="/media/inline.jpg" alt="بديل"><figcaption>شرح الصورة</figcaption></figure>
<p><img src="https://cdn.example/alone.png"></p>
<div><h3>أخبار ذات صلة</h3><ul><li><a href="/2026/11/r1/">Related one in English</a> <a href="/2026/11/r1/">خبر ذو صلة</a> <span>سياسة</span></li></ul></div>
</article><footer>© خبرين</footer></body></html>"#;

#[test]
fn fallbacks_read_a_page_of_another_shape() {
    let rules = SiteRules::khabarain().expect("rules");
    let url = Url::parse("https://www.khabarain.com/2026/11/shape/").expect("url");
    let a = extract(OTHER_SHAPE, &url, &rules).expect("extracts");
    assert_eq!(a.title, "عنوان الصفحة");
    assert_eq!(a.summary, "ملخص الخبر هنا.");
    assert_eq!(
        a.image_url.as_ref().map(Url::as_str),
        Some("https://www.khabarain.com/media/lead.jpg")
    );
    assert!(
        a.body_html.contains("<h2 dir=\"auto\">القتال مستمر</h2>"),
        "{}",
        a.body_html
    );
    assert!(
        a.body_html.contains("Reuters ذكرت"),
        "a paragraph starting in Latin is kept"
    );
    assert!(
        a.body_html
            .contains("href=\"https://www.khabarain.com/x/\""),
        "{}",
        a.body_html
    );
    for bad in [
        "javascript",
        "onclick",
        "أخبار ذات صلة",
        "خبر ذو صلة",
        "شاهد",
        "©",
    ] {
        assert!(!a.body_html.contains(bad), "'{bad}' in {}", a.body_html);
    }
    assert_eq!(a.see_also.len(), 1);
    assert_eq!(a.see_also[0].title, "خبر آخر");
    let inline: Vec<&str> = a.inline_images.iter().map(Url::as_str).collect();
    assert_eq!(
        inline,
        [
            "https://www.khabarain.com/media/inline.jpg",
            "https://cdn.example/alone.png"
        ]
    );
    assert!(
        a.body_html.contains(r#"<figure><img data-image="https://www.khabarain.com/media/inline.jpg" alt="بديل"><figcaption dir="auto">شرح الصورة</figcaption></figure>"#),
        "{}",
        a.body_html
    );
    assert!(!a.body_html.contains("src="), "{}", a.body_html);
    assert_eq!(a.related.len(), 1);
    assert_eq!(
        a.related[0].original_title.as_deref(),
        Some("Related one in English")
    );
    assert_eq!(a.related[0].title, "خبر ذو صلة");
    assert_eq!(a.related[0].category.as_deref(), Some("سياسة"));
}

#[test]
fn a_page_without_a_headline_or_body_is_an_error() {
    let rules = SiteRules::khabarain().expect("rules");
    let url = Url::parse("https://www.khabarain.com/x/").expect("url");
    assert_eq!(
        extract("<html><body></body></html>", &url, &rules)
            .expect_err("no title")
            .code(),
        "extract"
    );
    let err = extract(
        "<html><body><h1>عنوان</h1><main></main></body></html>",
        &url,
        &rules,
    )
    .expect_err("no body");
    assert_eq!(err.code(), "extract");
}

/// A page of a site the rules know nothing of: no article, no main, no
/// site classes. Readability finds the text; the walk shapes it the same way.
const UNKNOWN_SITE: &str = r#"<!doctype html><html lang="ar"><head><title>صفحة خبر</title>
<meta property="og:image" content="/media/lead.jpg"></head><body>
<div id="top"><div class="menu"><a href="/">الرئيسية</a> <a href="/local/">محليات</a> <a href="/sport/">رياضة</a></div></div>
<div id="wrapper"><div class="col-main"><div class="story">
<h1 class="story-title">ارتفاع منسوب نهر النيل يدفع السلطات إلى رفع درجة التأهب في المحافظات الشمالية</h1>
<div class="story-body">
<p>أعلنت وزارة الموارد المائية أن منسوب النهر ارتفع خلال الأيام الثلاثة الماضية بنحو متر ونصف، وهو أعلى مستوى يسجَّل منذ عشر سنوات، ما دفع السلطات إلى رفع درجة التأهب في عدد من المحافظات الشمالية وتشكيل غرف عمليات تعمل على مدار الساعة.</p>
<p>وقال المتحدث باسم الوزارة إن فرق الصيانة تعمل على تدعيم الجسور الترابية في المناطق المنخفضة، وإن المزارعين نُصحوا بتأجيل ري الأراضي القريبة من المجرى إلى حين انحسار المياه، مؤكداً أن الوضع «تحت السيطرة حتى الآن».</p>
<h2>استعدادات في القرى</h2>
<p>وفي القرى المطلة على النهر، بدأ السكان بنقل المواشي والمعدات الزراعية إلى أماكن مرتفعة، فيما وزعت السلطات المحلية أكياس الرمل على المنازل الأقرب إلى الضفاف، وأعدّت مدارس لاستقبال الأسر في حال اضطرت إلى المغادرة.</p>
<p>شاهد أيضاً: <a href="/news/2026/dams-report/">تقرير عن حالة السدود في المنطقة</a></p>
<p>ويتوقع خبراء الأرصاد أن يستمر ارتفاع المنسوب أسبوعاً آخر قبل أن يبدأ بالتراجع تدريجياً، مع انتهاء موسم الأمطار في المرتفعات التي تغذي النهر، داعين إلى متابعة النشرات الرسمية وعدم الالتفات إلى الشائعات.</p>
</div></div></div>
<div class="col-side"><div class="widget"><h3>الأكثر قراءة</h3><ul><li><a href="/a">خبر أول</a></li><li><a href="/b">خبر ثان</a></li></ul></div></div></div>
<div id="bottom">© 2026 موقع آخر. جميع الحقوق محفوظة.</div>
</body></html>"#;

#[test]
fn readability_reads_a_page_the_rules_do_not_fit() {
    let rules = SiteRules::khabarain().expect("rules");
    let url = Url::parse("https://other.example/news/2026/nile/").expect("url");
    let a = extract(UNKNOWN_SITE, &url, &rules).expect("extracts");
    assert_eq!(
        a.title,
        "ارتفاع منسوب نهر النيل يدفع السلطات إلى رفع درجة التأهب في المحافظات الشمالية"
    );
    assert_eq!(
        a.body_html.matches("<p dir=\"auto\">").count(),
        4,
        "{}",
        a.body_html
    );
    assert!(
        a.body_html
            .contains("<h2 dir=\"auto\">استعدادات في القرى</h2>"),
        "{}",
        a.body_html
    );
    assert!(a.body_html.contains("«تحت السيطرة حتى الآن»"));
    assert_eq!(a.see_also.len(), 1);
    assert_eq!(
        a.see_also[0].url,
        "https://other.example/news/2026/dams-report/"
    );
    assert_eq!(
        a.image_url.as_ref().map(Url::as_str),
        Some("https://other.example/media/lead.jpg")
    );
    for chrome in ["الأكثر قراءة", "خبر أول", "محليات", "جميع الحقوق", "شاهد"]
    {
        assert!(
            !a.body_html.contains(chrome),
            "'{chrome}' in {}",
            a.body_html
        );
    }
}

/// The body's blocks of a page made of `body` inside the site's shape.
fn blocks_of(body: &str) -> Vec<String> {
    let html = format!(
        "<html><body><div class=\"page has-ads\"><article><h1 class=\"entry-title\">عنوان الخبر</h1>\
         <div class=\"entry-content\">{body}</div></article></div></body></html>"
    );
    let rules = SiteRules::khabarain().expect("rules");
    let a = extract(&html, &Url::parse(DRONE_URL).expect("url"), &rules).expect("extracts");
    block_texts(&a.body_html)
}

#[test]
fn an_ad_typed_inside_a_paragraph_leaves_it_whole() {
    // The parser splits the paragraph at the slot: `<p>قبل </p><div/> بعد<p></p>`.
    assert_eq!(
        blocks_of(
            "<p>قالت الوزارة إن <div class=\"ad ad-inline\"><span>إعلان ممول</span><script>x()</script></div>\
             المحادثات <a href=\"/x\">ستُستأنف</a> غداً.</p><p>فقرة ثانية.</p>"
        ),
        ["قالت الوزارة إن المحادثات ستُستأنف غداً.", "فقرة ثانية."]
    );
    // Nor does a see-also line typed inside one split it; its link is kept.
    let html = "<html><body><article><h1>قمة</h1><div class=\"entry-content\"><p>بدأت القمة <div class=\"see-also\">\
                شاهد ايضاً: <a href=\"/other/\">خبر آخر</a></div> في موعدها.</p></div></article></body></html>";
    let rules = SiteRules::khabarain().expect("rules");
    let a = extract(html, &Url::parse(DRONE_URL).expect("url"), &rules).expect("extracts");
    assert_eq!(block_texts(&a.body_html), ["بدأت القمة في موعدها."]);
    assert_eq!(a.see_also.len(), 1);
}

#[test]
fn paragraphs_apart_stay_apart_around_an_ad() {
    // No full stop, and an ad after it: still two paragraphs, as written.
    assert_eq!(
        blocks_of(
            "<p>وتستمر المفاوضات حتى نهاية الأسبوع</p><div id=\"div-gpt-ad-1-0\"><span>Advertisement</span></div>\
             <p>وقال المتحدث إن الجولة المقبلة في الدوحة.</p>"
        ),
        ["وتستمر المفاوضات حتى نهاية الأسبوع", "وقال المتحدث إن الجولة المقبلة في الدوحة."]
    );
}

#[test]
fn ad_slots_and_labels_go_and_the_text_that_resembles_them_stays() {
    assert_eq!(
        blocks_of(
            "<p>شارك آلاف المتظاهرين في مسيرة وسط المدينة.</p>\
             <div class=\"OUTBRAIN\" data-widget-id=\"AR_1\"><a href=\"https://promo.example/\">عرض خاص للقراء</a></div>\
             <p>وجاء إعلان الحكومة بعد اجتماع طويل.</p><p>مساحة إعلانية</p>\
             <section aria-label=\"إعلان\"><p>احجز رحلتك الآن</p></section>\
             <div data-ad-unit=\"/1/mid\"><span>إعلان</span></div>\
             <p>وقال إن المشروع ممول بالكامل من البنك.</p><div class=\"share-buttons\">مشاركة: Facebook X</div>"
        ),
        [
            "شارك آلاف المتظاهرين في مسيرة وسط المدينة.",
            "وجاء إعلان الحكومة بعد اجتماع طويل.",
            "وقال إن المشروع ممول بالكامل من البنك."
        ]
    );
}

#[test]
fn loose_text_between_blocks_is_one_paragraph() {
    assert_eq!(
        blocks_of(
            "<p>أولى.</p>نص سائب <a href=\"/x\">برابط</a> و<b>خط عريض</b> يتبعه.<p>ثالثة.</p>"
        ),
        ["أولى.", "نص سائب برابط وخط عريض يتبعه.", "ثالثة."]
    );
}

/// What Miniflux's scraper keeps of a page: the text, an inline picture, a
/// see-also line and an ad label left in it.
#[test]
fn a_servers_extracted_text_is_walked_like_a_page_body() {
    let rules = SiteRules::khabarain().expect("rules");
    let url = Url::parse(DRONE_URL).expect("url");
    let content = r#"<div><p>تعرّضت منشآت للطاقة في عدة مناطق أوكرانية لهجمات ليلية.</p>
        <img src="/images/img-02.jpg" alt="">
        <p>إعلان</p>
        <p>شاهد ايضاً: <a href="/2026/11/other/">خبر آخر</a></p>
        <h2>انقطاع التيار</h2><p>وقالت الشركة إن الإصلاحات تحتاج أياماً.</p>
        <script>alert(1)</script></div>"#;
    let a = extract_fragment(content, " عنوان  الخبر ", &url, &rules).expect("extracts");
    assert_eq!(a.title, "عنوان الخبر");
    assert_eq!(a.direction, "rtl");
    assert!(a.body_html.contains("منشآت للطاقة"), "{}", a.body_html);
    assert!(a.body_html.contains("<h2"), "{}", a.body_html);
    assert!(!a.body_html.contains("script") && !a.body_html.contains("alert"));
    assert!(!a.body_html.contains("إعلان"), "{}", a.body_html);
    assert_eq!(
        a.inline_images.iter().map(Url::as_str).collect::<Vec<_>>(),
        ["http://www.khabarain.com/images/img-02.jpg"]
    );
    assert_eq!(a.see_also.len(), 1, "{:?}", a.see_also);

    let none = extract_fragment("<div><img src=x.jpg></div>", "t", &url, &rules);
    assert!(matches!(none, Err(Error::Extract { .. })));
}
