//! Ad and promotion slots as news sites print them inside an article's
//! text: Google Publisher Tag and AdSense slots, Taboola and Outbrain
//! widgets, MGID, a CMS's own promo boxes, `aria-label` and `data-ad-*`
//! slots, and bare label blocks with no class at all. Each slot comes with
//! the strings a reader would see if it leaked.

use super::Chrome;
use crate::render::esc;
use crate::wire::text::Rng;

/// How many kinds of slot there are; slot `k` of a page is kind
/// `(n * 5 + k * 3) % KINDS`, so every kind meets every layout.
pub const KINDS: usize = 14;

const PROMOS: &[&str] = &[
    "احجز رحلتك الآن واحصل على خصم 30٪ على تذاكر الطيران",
    "افتح حسابك الرقمي في خمس دقائق من دون زيارة الفرع",
    "اشترك في خبرين بلس واقرأ بلا حدود شهراً مجاناً",
    "شقق فاخرة على البحر بأقساط تبدأ من 900 دولار شهرياً",
    "تعلّم الإنجليزية في ثلاثة أشهر مع أفضل المدرّسين",
    "عروض نهاية الموسم: تخفيضات تصل إلى 70٪ على الأجهزة",
    "هكذا يوفّر الأطباء فاتورة الكهرباء كل شهر",
    "لن تصدّق كيف تبدو نجمة المسلسل الشهير اليوم",
];

const BRANDS: &[&str] = &[
    "طيران الواحة",
    "بنك الخليج الرقمي",
    "عقارات المرسى",
    "أكاديمية اللغات",
    "متجر الإلكترونيات",
];

/// A slot of kind `kind`: its HTML and what of it must never reach the
/// reader.
pub fn slot(kind: usize, n: usize, k: usize, r: &mut Rng) -> (String, Vec<(Chrome, String)>) {
    let promo = r.pick(PROMOS).to_string();
    let brand = r.pick(BRANDS).to_string();
    let id = n * 10 + k;
    let label = |s: &str| (Chrome::AdLabel, s.to_string());
    let text = |s: &str| (Chrome::AdText, s.to_string());
    match kind % KINDS {
        // The one the issue saw: a class token `ad`, a label and a script.
        0 => (
            r#"<div class="ad ad-inline"><span>إعلان ممول</span><script>googletag.cmd.push(function(){googletag.display("ad-inline");});</script></div>"#.into(),
            vec![label("إعلان ممول")],
        ),
        // Google Publisher Tag: known by its id only.
        1 => (
            format!(r#"<div id="div-gpt-ad-1620000000000-{id}" style="min-width:300px;min-height:250px" data-google-query-id="CJ{id}"><span style="font-size:11px">Advertisement</span><div id="google_ads_iframe_{id}__container__"></div></div>"#),
            vec![label("Advertisement")],
        ),
        // Outbrain: promoted stories under a header of its own.
        2 => (
            format!(
                r#"<div class="OUTBRAIN" data-widget-id="AR_{k}" data-ob-template="khabarain"><div class="ob-widget-header">محتوى مقترح من شركائنا</div><ul><li><a href="https://promo.example/ob/{id}"><span class="ob-rec-text">{}</span><span class="ob-rec-source">{}</span></a></li></ul></div>"#,
                esc(&promo),
                esc(&brand)
            ),
            vec![label("محتوى مقترح من شركائنا"), text(&promo)],
        ),
        // Taboola: the widget's id names it.
        3 => (
            format!(
                r#"<div id="taboola-mid-article-thumbnails-{id}" class="trc_related_container"><div class="trc_rbox_header"><span class="trc_rbox_header_span">محتوى ممول</span></div><div class="videoCube"><a href="https://promo.example/tb/{id}"><span class="video-title">{}</span><span class="branding">{}</span></a></div></div>"#,
                esc(&promo),
                esc(&brand)
            ),
            vec![label("محتوى ممول"), text(&promo)],
        ),
        // Marked only for assistive technology.
        4 => (
            format!(
                r#"<section class="slot" aria-label="إعلان"><p>{} — {}</p></section>"#,
                esc(&brand),
                esc(&promo)
            ),
            vec![text(&promo)],
        ),
        // Marked only by data attributes.
        5 => (
            format!(r#"<div class="slot-mid" data-ad-unit="/21775744923/ar/article_mid" data-ad-size="300x250" data-slot-id="{id}"><span>إعلان</span></div>"#),
            vec![label("إعلان")],
        ),
        // DoubleClick for Publishers, with a dashed label.
        6 => (
            format!(r#"<div class="dfp-slot dfp-mpu"><div class="dfp-label">- إعلان -</div><div id="dfp-{id}"></div></div>"#),
            vec![label("- إعلان -")],
        ),
        // The site's own promotion, with a button.
        7 => (
            format!(
                r#"<div class="promo-box"><p>{}</p><a class="btn" href="/plus/?ref={id}">اشترك الآن</a></div>"#,
                esc(&promo)
            ),
            vec![text(&promo), label("اشترك الآن")],
        ),
        // Sponsored content with an English label.
        8 => (
            format!(
                r#"<div class="sponsored-content"><span class="sponsored-label">Sponsored</span><p>{}: {}</p></div>"#,
                esc(&brand),
                esc(&promo)
            ),
            vec![label("Sponsored"), text(&promo)],
        ),
        // A bare label, no class: only its words say what it is.
        9 => {
            let l = ["إعلان", "مساحة إعلانية", "- Advertisement -", "ADVERTISEMENT", "محتوى مدفوع"]
                [id % 5];
            let html = if id.is_multiple_of(2) {
                format!("<p>{l}</p>")
            } else {
                format!("<div><span>{l}</span></div>")
            };
            (html, vec![label(l)])
        }
        // An advert with a picture, two wrappers deep.
        10 => (
            format!(
                r#"<div class="advert-wrapper"><div class="advertisement"><img src="/gen/img/ad-{id}.jpg" alt="إعلان {}" width="300" height="250"><p>{}</p></div></div>"#,
                esc(&brand),
                esc(&promo)
            ),
            vec![text(&promo)],
        ),
        // AdSense, labelled in Arabic.
        11 => (
            format!(r#"<div class="adsense-block"><small>إعلانات</small><ins class="adsbygoogle" style="display:block" data-ad-client="ca-pub-0000000000000000" data-ad-slot="{id}"></ins><script>(adsbygoogle = window.adsbygoogle || []).push({{}});</script></div>"#),
            vec![label("إعلانات")],
        ),
        // MGID's native widget.
        12 => (
            format!(
                r#"<div class="mgid-widget" id="M{id}ScriptRootC1"><div class="mgline"><a href="https://promo.example/mg/{id}">{}</a></div></div>"#,
                esc(&promo)
            ),
            vec![text(&promo)],
        ),
        // camelCase class names, as some front-end frameworks write them.
        _ => (
            format!(
                r#"<div class="articleAdContainer"><div class="adSlotInner"><p class="adLabel">Ad</p><a href="https://promo.example/c/{id}">{}</a></div></div>"#,
                esc(&promo)
            ),
            vec![label("Ad"), text(&promo)],
        ),
    }
}
