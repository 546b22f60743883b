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

/// The site's own share line ("شارك الخبر: Facebook Twitter …").
pub fn is_share_line(text: &str) -> bool {
    let folded = fold_arabic(text.trim_start());
    folded.starts_with("شارك") || folded.starts_with("مشاركه")
}

/// The related block's heading.
pub fn is_related_heading(text: &str) -> bool {
    let folded = fold_arabic(&collapse_ws(text));
    folded == "اخبار ذات صله" || folded == "اخبار ذات صلة" || folded == "مواضيع ذات صله"
}

/// Ad labels that stand alone in a block.
pub fn is_ad_label(text: &str) -> bool {
    matches!(text.trim(), "إعلان" | "اعلان" | "Advertisement" | "- إعلان -")
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
        assert!(is_related_heading("أخبار ذات صلة"));
        assert!(is_related_heading(" أخبار  ذات صلة "));
    }
}
