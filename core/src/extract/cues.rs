//! Text cues of the site that hold whatever the markup: they are matched on
//! folded Arabic text so spelling variants (ايضاً، أيضا …) all match.

use crate::text::{collapse_ws, fold_arabic};

/// "شاهد ايضاً:" and its spellings.
pub fn is_see_also(text: &str) -> bool {
    let folded = fold_arabic(text.trim_start());
    folded.starts_with("شاهد ايضا") || folded.starts_with("اقرا ايضا")
}

/// The title part of a see-also line ("شاهد ايضاً: <title>").
pub fn see_also_title(text: &str) -> String {
    let t = collapse_ws(text);
    match t.split_once([':', '：']) {
        Some((_, rest)) => rest.trim().to_string(),
        None => t,
    }
}

/// The placeholder a lazy widget leaves behind.
pub fn is_loading(text: &str) -> bool {
    let t = text.trim().trim_end_matches('.').trim_end_matches('…');
    t.eq_ignore_ascii_case("loading") || t == "جار التحميل" || t == "جاري التحميل"
}

/// A share line: «شارك الخبر:» or "Share" and nothing after it but the
/// networks' names. A sentence opening with the verb («شارك آلاف
/// المتظاهرين…») is the article's.
pub fn is_share_line(text: &str) -> bool {
    let folded = fold_arabic(&collapse_ws(text)).to_lowercase();
    let Some(rest) = SHARE_OPENERS.iter().find_map(|o| folded.strip_prefix(o)) else {
        return false;
    };
    rest.split(|c: char| c.is_whitespace() || ":|•·,،-/".contains(c))
        .filter(|w| !w.is_empty())
        .all(|w| SHARE_WORDS.contains(&w))
}

/// Folded, longest first.
const SHARE_OPENERS: &[&str] = &[
    "شارك هذا المقال",
    "شارك هذا الخبر",
    "شارك المقال",
    "شارك الخبر",
    "شارك عبر",
    "شارك علي",
    "شارك",
    "مشاركه الخبر",
    "مشاركه",
    "share this article",
    "share this",
    "share",
];

/// Networks and the words around them on share bars, folded.
const SHARE_WORDS: &[&str] = &[
    "facebook",
    "twitter",
    "x",
    "linkedin",
    "email",
    "e-mail",
    "mail",
    "whatsapp",
    "telegram",
    "pinterest",
    "reddit",
    "messenger",
    "print",
    "copy",
    "link",
    "on",
    "via",
    "فيسبوك",
    "فيس",
    "بوك",
    "تويتر",
    "اكس",
    "لينكدان",
    "لينكد",
    "ان",
    "واتساب",
    "واتس",
    "اب",
    "تيليجرام",
    "تلغرام",
    "تلجرام",
    "تليجرام",
    "ماسنجر",
    "البريد",
    "الالكتروني",
    "بريد",
    "ايميل",
    "نسخ",
    "الرابط",
    "طباعه",
    "عبر",
    "علي",
    "عن",
    "عبر",
    "عبر:",
    "في",
];

/// The related block's heading.
pub fn is_related_heading(text: &str) -> bool {
    let folded = fold_arabic(&collapse_ws(text));
    folded == "اخبار ذات صله" || folded == "اخبار ذات صلة" || folded == "مواضيع ذات صله"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_match_their_variants() {
        assert!(is_see_also("شاهد أيضاً: عنوان"));
        assert!(is_see_also("  شاهد ايضا عنوان"));
        assert!(!is_see_also("شاهدت الأسواق ارتفاعاً"));
        assert_eq!(see_also_title("شاهد ايضاً:  عنوان الخبر "), "عنوان الخبر");
        assert!(is_loading("Loading..."));
        assert!(is_loading(" loading… "));
        assert!(!is_loading("Loading bays at the port"));
        assert!(is_share_line("شارك الخبر: Facebook"));
        assert!(is_share_line("شارك الخبر: Facebook Twitter LinkedIn Email"));
        assert!(is_share_line(
            "شارك هذا المقال: فيسبوك تويتر واتساب تيليجرام"
        ));
        assert!(is_share_line("مشاركة: Facebook X WhatsApp Telegram"));
        assert!(is_share_line("شارك"));
        assert!(!is_share_line(
            "شارك آلاف المتظاهرين في مسيرة طالبت بالإفراج عن المعتقلين."
        ));
        assert!(!is_share_line("مشاركة واسعة في بغداد"));
        assert!(is_related_heading("أخبار ذات صلة"));
        assert!(is_related_heading(" أخبار  ذات صلة "));
    }
}
