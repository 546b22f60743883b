//! Small text helpers shared by extraction and sync: whitespace, the site's
//! escaping artefacts, and a light Arabic fold used to match text cues
//! ("شاهد ايضاً" written with or without hamza and tanween).

/// Collapses runs of whitespace (including no-break spaces) into one space
/// and trims the ends.
pub fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for ch in s.chars() {
        if ch.is_whitespace() || ch == '\u{a0}' {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(ch);
        }
    }
    out
}

/// A C0 or C1 control character (or DEL) other than tab and newline: NUL,
/// BEL, BS, CR, ESC and the rest. None of them is text; on a terminal they
/// move the cursor, clear the screen or start an escape sequence.
pub fn is_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// The text without control characters ([`is_control`]); borrowed when it
/// has none, as nearly every text has.
pub fn strip_controls(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(is_control) {
        std::borrow::Cow::Owned(s.chars().filter(|c| !is_control(*c)).collect())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Cleans a piece of article text for storage: removes the stray backslashes
/// the site's own escaping leaves around quotes (`\الرئيس\`), and the bidi
/// embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069:
/// a headline carrying U+202E could otherwise reverse what follows it; the
/// window gives every piece of text its own direction), and collapses
/// whitespace, and drops control characters ([`is_control`]). Quotes,
/// digits and mixed Arabic/Latin text are kept as they are.
pub fn clean_text(s: &str) -> String {
    let kept: String = s
        .chars()
        .filter(|c| {
            !matches!(c, '\\' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
                && !is_control(*c)
        })
        .collect();
    collapse_ws(&kept)
}

/// A text's words as compared for likeness (the page against the feed,
/// a candidate against Readability's pick, a heading against the
/// headline): lower case, without the punctuation around them.
pub fn comparison_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
}

/// Arabic fold for matching cues, never for display: drops harakat, tatweel
/// and bidi controls, and folds alef, yaa and taa-marbuta variants.
pub fn fold_arabic(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\u{064B}'..='\u{0655}' | '\u{0670}' | '\u{0640}' => None,
            '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => None,
            'أ' | 'إ' | 'آ' | 'ٱ' => Some('ا'),
            'ى' => Some('ي'),
            'ة' => Some('ه'),
            _ => Some(c),
        })
        .collect()
}

/// Share of letters that are Latin; used to recognise the original English
/// headline and English captions.
pub fn latin_letter_ratio(s: &str) -> f32 {
    let (mut latin, mut letters) = (0u32, 0u32);
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    if letters == 0 {
        0.0
    } else {
        latin as f32 / letters as f32
    }
}

/// Text direction of a piece of text, by its first strong character.
pub fn direction(s: &str) -> &'static str {
    for c in s.chars() {
        if is_rtl_char(c) {
            return "rtl";
        }
        if c.is_alphabetic() {
            return "ltr";
        }
    }
    "rtl"
}

fn is_rtl_char(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// Removes the summary's closing call to read on at the site ("تابع التفاصيل
/// على خبرين."). Only a final sentence that both asks to read on and names
/// the site or its page is removed, so an ordinary last sentence stays.
pub fn strip_call_to_action(summary: &str) -> String {
    let text = collapse_ws(summary);
    let cut = last_sentence_start(&text);
    let last = fold_arabic(&text[cut..]);
    const VERBS: [&str; 5] = ["تابع", "اقرا", "لمزيد", "للمزيد", "طالع"];
    const PLACES: [&str; 4] = ["خبرين", "الموقع", "موقعنا", "khabarain"];
    let lower = last.to_lowercase();
    if VERBS.iter().any(|v| lower.contains(v)) && PLACES.iter().any(|p| lower.contains(p)) {
        text[..cut].trim_end().to_string()
    } else {
        text
    }
}

/// Byte index where the last sentence starts (0 when there is only one).
fn last_sentence_start(text: &str) -> usize {
    let trimmed = text.trim_end_matches(['.', '!', '؟', '?', ' ', '…']);
    trimmed
        .char_indices()
        .filter(|(_, c)| matches!(c, '.' | '!' | '؟' | '?' | '…'))
        .map(|(i, c)| i + c.len_utf8())
        .next_back()
        .unwrap_or(0)
}

/// The windows-1252 character of a byte 0x80–0x9F (where ISO-8859-1 has
/// C1 controls that no one writes on purpose: a numeric reference `&#147;`
/// or a byte 0x93 means “). `None` outside that range.
pub fn windows_1252_high(n: u32) -> Option<char> {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    n.checked_sub(0x80)
        .and_then(|i| HIGH.get(i as usize))
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapse_ws_handles_nbsp_and_newlines() {
        assert_eq!(collapse_ws("  مرحبا\u{a0}\n بكم  "), "مرحبا بكم");
    }

    #[test]
    fn clean_text_removes_stray_backslashes_but_keeps_quotes_and_numbers() {
        assert_eq!(
            clean_text("وقال \\الرئيس الأوكراني\\ إن «12,000 جندي» وصلوا"),
            "وقال الرئيس الأوكراني إن «12,000 جندي» وصلوا"
        );
    }

    #[test]
    fn bidi_overrides_and_isolates_are_removed() {
        assert_eq!(
            clean_text("\u{202E}عنوان\u{202C} و\u{2067}معزول\u{2069} \u{200F}علامة"),
            "عنوان ومعزول \u{200F}علامة",
            "marks (U+200F) stay: they do not reorder anything around them"
        );
    }

    #[test]
    fn control_characters_go_tab_and_newline_stay() {
        assert_eq!(
            strip_controls("أ\u{0}ب\u{7}ج\u{8}د\u{1b}[2Jه\rو\u{7f}ز\u{85}ح\u{9b}ط\tي\nك"),
            "أبجد[2Jهوزحط\tي\nك"
        );
        assert!(matches!(
            strip_controls("نص سليم\n"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(
            clean_text("عنوان\u{1b}]0;x\u{7} فيه\u{0} تحكم"),
            "عنوان]0;x فيه تحكم"
        );
    }

    #[test]
    fn fold_matches_see_also_spellings() {
        let want = fold_arabic("شاهد ايضاً");
        for v in ["شاهد أيضا", "شاهد ايضا", "شاهد أيضاً", "شاهد ايضاً"]
        {
            assert_eq!(fold_arabic(v), want, "{v}");
        }
    }

    #[test]
    fn call_to_action_is_dropped_only_when_it_is_one() {
        assert_eq!(
            strip_call_to_action("ارتفعت الأسعار 3.5 في المئة. تابع التفاصيل على خَبَرَيْن."),
            "ارتفعت الأسعار 3.5 في المئة."
        );
        assert_eq!(
            strip_call_to_action("ارتفعت الأسعار. وتابع الوزير حديثه أمس."),
            "ارتفعت الأسعار. وتابع الوزير حديثه أمس."
        );
        assert_eq!(strip_call_to_action("اقرأ المزيد على موقع خبرين"), "");
    }

    #[test]
    fn direction_follows_first_strong_character() {
        assert_eq!(direction("Nvidia أعلنت"), "ltr");
        assert_eq!(direction("«أعلنت» Nvidia"), "rtl");
        assert_eq!(direction("2026 عام"), "rtl");
    }

    #[test]
    fn latin_ratio_tells_english_from_arabic() {
        assert!(latin_letter_ratio("Ukraine war: what we know") > 0.9);
        assert!(latin_letter_ratio("حرب أوكرانيا Reuters") < 0.5);
    }
}
