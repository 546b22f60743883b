//! Article text prepared for a speech engine, the way a listener needs it:
//! numbers, percentages and Arabic-Indic digits read as words, the common
//! abbreviations and symbols said in full, no tatweel or bidi controls, and
//! the Latin-script names inside Arabic text kept apart, so that the
//! speaker can say them with an English voice instead of spelling them
//! with the Arabic one.

mod dates;
mod numbers;
pub mod script;

pub use numbers::{number_words, MAX_WORDS};

/// The language of a stretch of speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Arabic,
    English,
}

/// A stretch of text to be said with one voice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub lang: Lang,
    pub text: String,
}

/// Characters that shape or direct text but are not said: tatweel, the
/// bidi marks, embeddings and isolates, zero-width space and BOM.
fn silent(c: char) -> bool {
    matches!(c,
        '\u{0640}' | '\u{061C}' | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{FEFF}'
        | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn ascii_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

/// Abbreviations and symbols said in full. Longest first.
const SAID_IN_FULL: &[(&str, &str)] = &[
    ("ق.م", "قبل الميلاد"),
    ("ص.ب", "صندوق بريد"),
    ("%", " بالمئة"),
    ("٪", " بالمئة"),
    ("$", " دولار"),
    ("€", " يورو"),
    ("£", " جنيه إسترليني"),
    ("°", " درجة"),
    ("&", " و"),
];

/// A run of digits (Latin or Arabic-Indic), with thousands separators and
/// one decimal point, said as words.
fn say_number(digits: &str) -> String {
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let read = |d: &str| -> String {
        let too_long = d.len() > 1 && d.starts_with('0');
        match d
            .parse::<u64>()
            .ok()
            .filter(|_| !too_long)
            .and_then(number_words)
        {
            Some(words) => words,
            // Codes, phone numbers and the like: digit by digit.
            None => d
                .chars()
                .filter_map(|c| c.to_digit(10).and_then(|v| number_words(v.into())))
                .collect::<Vec<_>>()
                .join(" "),
        }
    };
    match fraction {
        Some(f) if !f.is_empty() => format!("{} فاصلة {}", read(whole), read(f)),
        _ => read(whole),
    }
}

/// Text with its numbers, abbreviations and symbols said as words and its
/// silent characters gone.
pub fn speakable(text: &str) -> String {
    let chars: Vec<char> = text.chars().filter(|c| !silent(*c)).collect();
    let mut out = String::with_capacity(text.len() * 2);
    let mut i = 0;
    'outer: while i < chars.len() {
        if ascii_digit(chars[i]).is_some() {
            if let Some((said, len)) = dates::date_at(&chars[i..]) {
                out.push_str(&said);
                i += len;
                continue 'outer;
            }
            let mut number = String::new();
            while i < chars.len() {
                let c = chars[i];
                let next_is_digit = chars.get(i + 1).and_then(|c| ascii_digit(*c)).is_some();
                if let Some(d) = ascii_digit(c) {
                    number.push(char::from_digit(d, 10).unwrap_or('0'));
                } else if matches!(c, ',' | '٬') && next_is_digit {
                    // A thousands separator.
                } else if matches!(c, '.' | '٫') && next_is_digit && !number.contains('.') {
                    number.push('.');
                } else {
                    break;
                }
                i += 1;
            }
            out.push_str(&say_number(&number));
            continue 'outer;
        }
        for (short, full) in SAID_IN_FULL {
            let n = short.chars().count();
            if chars[i..].iter().take(n).copied().eq(short.chars()) {
                out.push_str(full);
                i += n;
                continue 'outer;
            }
        }
        // «ديسمبر/كانون الأول»: the two names of a month, said one after
        // the other, not the slash between them.
        let letter = |c: char| is_arabic(c) && c.is_alphabetic();
        if chars[i] == '/'
            && i > 0
            && letter(chars[i - 1])
            && chars.get(i + 1).is_some_and(|c| letter(*c))
        {
            out.push_str("، ");
            i += 1;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn latin_word(w: &str) -> bool {
    w.chars().any(|c| c.is_ascii_alphabetic()) && !w.chars().any(is_arabic)
}

fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// [`speakable`] text cut into stretches of one language: runs of
/// Latin-script words (names such as «Ashen Skies» or «TSMC») become
/// English segments.
pub fn segments(text: &str) -> Vec<Segment> {
    let said = speakable(text);
    let mut segments: Vec<Segment> = Vec::new();
    for word in said.split(' ').filter(|w| !w.is_empty()) {
        let lang = if latin_word(word) {
            Lang::English
        } else {
            Lang::Arabic
        };
        match segments.last_mut() {
            Some(last) if last.lang == lang => {
                last.text.push(' ');
                last.text.push_str(word);
            }
            _ => segments.push(Segment {
                lang,
                text: word.to_string(),
            }),
        }
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_of_both_scripts_are_said_as_words() {
        assert_eq!(
            speakable("نهائي 2027 في مدريد"),
            "نهائي ألفان وسبعة وعشرون في مدريد"
        );
        assert_eq!(
            speakable("نهائي ٢٠٢٧ في مدريد"),
            "نهائي ألفان وسبعة وعشرون في مدريد"
        );
        assert_eq!(speakable("۱۲ لاعبا"), "اثنا عشر لاعبا");
    }

    #[test]
    fn separators_decimals_and_percentages() {
        assert_eq!(speakable("1,500,000 نسمة"), "مليون وخمسمئة ألف نسمة");
        assert_eq!(speakable("٣٬٠٠٠ منزل"), "ثلاثة آلاف منزل");
        assert_eq!(speakable("نما 3.5%"), "نما ثلاثة فاصلة خمسة بالمئة");
        assert_eq!(speakable("نما ٢٫٧٥٪"), "نما اثنان فاصلة خمسة وسبعون بالمئة");
        // A full stop after a number ends the sentence, it is no decimal point.
        assert_eq!(speakable("في عام 2026."), "في عام ألفان وستة وعشرون.");
        // A comma between words is a comma.
        assert_eq!(speakable("3، 4"), "ثلاثة، أربعة");
    }

    #[test]
    fn codes_and_huge_numbers_are_read_digit_by_digit() {
        assert_eq!(speakable("الرمز 007"), "الرمز صفر صفر سبعة");
        assert_eq!(
            speakable("1234567890123"),
            "واحد اثنان ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة صفر واحد اثنان ثلاثة"
        );
    }

    #[test]
    fn dates_are_said_with_the_month_by_name() {
        assert_eq!(
            speakable("في 3/12/2026 أعلنت"),
            "في ثلاثة ديسمبر ألفان وستة وعشرون أعلنت"
        );
        assert_eq!(
            speakable("بتاريخ ٢٥/١١/٢٠٢٦"),
            "بتاريخ خمسة وعشرون نوفمبر ألفان وستة وعشرون"
        );
        assert_eq!(speakable("2026-01-09"), "تسعة يناير ألفان وستة وعشرون");
        // Not a date: no such month, or a fraction.
        assert_eq!(speakable("3/13/2026"), "ثلاثة/ثلاثة عشر/ألفان وستة وعشرون");
        assert_eq!(speakable("1/2"), "واحد/اثنان");
        assert_eq!(speakable("(٠/٠)"), "(صفر/صفر)");
        assert_eq!(
            speakable("في 8 ديسمبر/كانون الأول"),
            "في ثمانية ديسمبر، كانون الأول"
        );
    }

    #[test]
    fn tatweel_and_bidi_controls_are_not_said() {
        assert_eq!(speakable("عـــاجل"), "عاجل");
        assert_eq!(
            speakable("\u{202B}خبر\u{202C} \u{200F}مهم\u{2066}"),
            "خبر مهم"
        );
    }

    #[test]
    fn abbreviations_and_symbols_in_full() {
        assert_eq!(speakable("عام 500 ق.م"), "عام خمسمئة قبل الميلاد");
        assert_eq!(speakable("بلغ 40$"), "بلغ أربعون دولار");
        assert_eq!(speakable("حرارة 5°"), "حرارة خمسة درجة");
    }

    #[test]
    fn latin_names_become_english_segments() {
        let s = segments("أعلن استوديو Ironvale Studios تأجيل لعبة Ashen Skies 2");
        assert_eq!(
            s,
            vec![
                Segment {
                    lang: Lang::Arabic,
                    text: "أعلن استوديو".into()
                },
                Segment {
                    lang: Lang::English,
                    text: "Ironvale Studios".into()
                },
                Segment {
                    lang: Lang::Arabic,
                    text: "تأجيل لعبة".into()
                },
                Segment {
                    lang: Lang::English,
                    text: "Ashen Skies".into()
                },
                Segment {
                    lang: Lang::Arabic,
                    text: "اثنان".into()
                },
            ]
        );
    }
}
