//! Arabic normalisation, the same at index time and at query time: what a
//! reader types and what the site printed meet in one spelling.
//!
//! - harakat (U+064B–U+0652), dagger alef (U+0670), hamza marks above and
//!   below (U+0653–U+0655) and tatweel (U+0640) are dropped: they are marks on
//!   a letter, not letters, and most text omits them;
//! - alef forms أ إ آ ٱ become ا, alef maqsura ى becomes ي, taa marbuta ة
//!   becomes ه: the common spelling variants;
//! - Arabic-Indic (٠–٩) and Persian (۰–۹) digits become ASCII;
//! - bidi controls and zero-width joiners are dropped;
//! - Latin letters are lower-cased.

/// One character folded, or `None` when it is dropped.
#[inline]
pub fn fold_char(c: char) -> Option<char> {
    match c {
        '\u{064B}'..='\u{0655}' | '\u{0670}' | '\u{0640}' => None,
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{061C}' => None,
        'أ' | 'إ' | 'آ' | 'ٱ' => Some('ا'),
        'ى' => Some('ي'),
        'ة' => Some('ه'),
        '\u{0660}'..='\u{0669}' => char::from_digit(c as u32 - 0x0660, 10),
        '\u{06F0}'..='\u{06F9}' => char::from_digit(c as u32 - 0x06F0, 10),
        'A'..='Z' => Some(c.to_ascii_lowercase()),
        _ => Some(c),
    }
}

/// Whether a character belongs to a word. Harakat and tatweel do: they sit
/// inside Arabic words (a tokenizer that splits on them, as SQLite's own does,
/// cuts "خَبَرَيْن" into pieces).
#[inline]
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{06D6}'..='\u{06ED}')
        || matches!(c, '\u{200C}' | '\u{200D}')
}

/// A text folded (see the module).
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if let Some(f) = fold_char(c) {
            if f.is_uppercase() {
                out.extend(f.to_lowercase());
            } else {
                out.push(f);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn harakat_tatweel_and_bidi_controls_go() {
        assert_eq!(normalize("خَبَرَيْن"), "خبرين");
        assert_eq!(normalize("اقتصـــاد"), "اقتصاد");
        assert_eq!(normalize("\u{202E}مرحبا\u{202C}"), "مرحبا");
        assert_eq!(normalize("الرَّئِيسُ"), "الرئيس");
        assert_eq!(normalize("هٰذا"), "هذا");
        assert_eq!(normalize("لا\u{200C}كن"), "لاكن");
    }

    #[test]
    fn alef_yaa_and_taa_marbuta_fold() {
        assert_eq!(normalize("أحمد إلى آخر ٱلكتاب"), "احمد الي اخر الكتاب");
        assert_eq!(normalize("مستشفى"), "مستشفي");
        assert_eq!(normalize("مدينة"), "مدينه");
        assert_eq!(normalize("مسؤول"), "مسؤول", "hamza on waw stays");
    }

    #[test]
    fn digits_and_latin_case() {
        assert_eq!(normalize("٢٠٢٦ و۱۹"), "2026 و19");
        assert_eq!(normalize("OPEC+ Champions"), "opec+ champions");
        assert_eq!(normalize("ÉCOLE"), "école");
    }

    #[test]
    fn marks_are_word_characters() {
        assert!("خَبَرَيْن".chars().all(is_word_char));
        assert!(!is_word_char(' '));
        assert!(!is_word_char('،'));
        assert!(!is_word_char('«'));
    }
}
