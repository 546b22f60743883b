//! Broken plurals and duals, read by their patterns. A light stemmer takes
//! affixes off but cannot see that جنود is the plural of جندي, مدارس of
//! مدرسة or صواريخ of صاروخ: those plurals change the inside of the word.
//! The common patterns (فُعول، أفعال، فُعَلاء، مَفاعِل، مَفاعيل، فَواعيل، فَعائِل،
//! فُعَل، فَعَلة) are read both ways here, on the stems the light stemmer
//! gives (ة and the suffixes already off), as rules over letter positions,
//! not as a list of words. Each gives candidates; the store keeps those the
//! index holds (`Query::parse_with`), so a candidate no article bears out
//! matches nothing.

/// The stems a normalised word may stand for as the singular or the plural
/// of a pattern (and the singular a dual's ت stands for: طائرتان → طائرة):
/// the patterns are read on the word's letters (`stem::core_letters`), and
/// each candidate is stemmed as the index stems words.
pub fn plural_readings(word: &str, stemmer: super::stem::Stemmer) -> Vec<String> {
    use super::stem::{core_letters, stem};
    let own = stem(word, stemmer);
    let core = core_letters(word);
    let feminine = word.ends_with('ه');
    let mut candidates = pattern_readings(&core, feminine);
    // A dual's or a plural's ت read as the singular's ة, and that
    // singular's own plural (سفينتان → سفينة → سفن).
    if let Some(singular) = core.strip_suffix('ت').filter(|s| s.chars().count() >= 3) {
        candidates.extend(pattern_readings(singular, true));
    }
    // The word as it is, a first و kept (وزير, which the stemmer reads زير
    // though الوزير gives وزير); a feminine singular's dual (طائرة →
    // طائرتان).
    if word.starts_with('و') {
        candidates.push(core.clone());
    }
    if feminine || word.ends_with("ات") {
        candidates.push(format!("{core}تان"));
    }
    let mut out: Vec<String> = Vec::new();
    for candidate in candidates {
        // A candidate with a first و is also read as the index reads it
        // after the article (الوزراء gives وزراء, وزراء alone زراء).
        let kept = candidate.starts_with('و').then(|| core_letters(&candidate));
        for s in std::iter::once(stem(&candidate, stemmer)).chain(kept) {
            if s != own && !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

/// Other letter forms a word's letters may stand for as the singular or
/// the plural of a pattern, and the singular a dual's ت stands for.
/// `feminine`: the word ended in ة; three letters of a feminine word read
/// only as a hollow فَعَلة (قادة ↔ قائد): a feminine singular's plural is the
/// sound one (شركة، شركات), and شركة is no شارك.
pub fn pattern_readings(stem: &str, feminine: bool) -> Vec<String> {
    let c: Vec<char> = stem.chars().collect();
    if !c.iter().all(|ch| ('\u{0621}'..='\u{064A}').contains(ch)) {
        return Vec::new();
    }
    let s = |letters: &[char]| -> String { letters.iter().collect() };
    let mut out: Vec<String> = Vec::new();
    match c.len() {
        3 if feminine && c[1] == 'ا' => out.push(s(&[c[0], 'ا', 'ئ', c[2]])),
        3 if feminine => {}
        // Three letters are too few to read by pattern: مصر would be مصور
        // or مصير. Only a hollow فَعَلة (قادة ↔ قائد), and فعل ↔ فعلي where
        // the singular ends in ي (جند ↔ جندي).
        3 => {
            let [a, b, d] = [c[0], c[1], c[2]];
            if b == 'ا' {
                out.push(s(&[a, 'ا', 'ئ', d]));
            }
            out.push(s(&[a, b, d, 'ي']));
        }
        4 => {
            let [a, b, x, d] = [c[0], c[1], c[2], c[3]];
            match (b, x) {
                // فعول → فعل, فعلي (جنود → جند، جندي).
                (_, 'و') => {
                    out.push(s(&[a, b, d]));
                    out.push(s(&[a, b, d, 'ي']));
                }
                // فعيل → فعلاء (وزير → وزراء), فعل (سفين → سفن), فعال.
                (_, 'ي') => {
                    out.push(s(&[a, b, d, 'ا', 'ء']));
                    out.push(s(&[a, b, d]));
                }
                // فاعل → فعلة (طالب → طلب), فعلاء (عالم → علماء); فائل → فالة.
                ('ا', 'ئ') => out.push(s(&[a, 'ا', d])),
                ('ا', _) => {
                    out.push(s(&[a, x, d]));
                    out.push(s(&[a, x, d, 'ا', 'ء']));
                }
                _ => {}
            }
            // فعلي → فعول (جندي → جنود).
            if d == 'ي' {
                out.push(s(&[a, b, 'و', x]));
            }
            // مفعل → مفاعل (مدرس → مدارس، مصنع → مصانع).
            if a == 'م' {
                out.push(s(&['م', b, 'ا', x, d]));
            }
            // فعال → فعائل (رسال → رسائل).
            if x == 'ا' {
                out.push(s(&[a, b, 'ا', 'ئ', d]));
            }
            // A dual's or a plural's ت is the singular's ة (طائرت → طائر).
            if d == 'ت' {
                out.push(s(&[a, b, x]));
            }
            // فعلل → فعالل (جدول → جداول، فندق → فنادق، تجربة → تجارب).
            if ![b, x].iter().any(|c| matches!(c, 'ا' | 'ي')) {
                out.push(s(&[a, b, 'ا', x, d]));
            }
        }
        5 => {
            let [a, b, x, y, d] = [c[0], c[1], c[2], c[3], c[4]];
            // أفعال → فعل (اسعار → سعر).
            if a == 'ا' && y == 'ا' {
                out.push(s(&[b, x, d]));
            }
            // مفاعل → مفعل (مدارس → مدرس), and فعالل → فعلل (جداول → جدول،
            // فنادق → فندق، تجارب → تجربة).
            if x == 'ا' && ![a, b, y, d].contains(&'ا') {
                out.push(s(&[a, b, y, d]));
            }
            // فعائل → فعال، فعيل (رسائل → رسال، وسائل → وسيل).
            if x == 'ا' && y == 'ئ' {
                out.push(s(&[a, b, 'ا', d]));
                out.push(s(&[a, b, 'ي', d]));
            }
            // فعلاء → فعيل، فاعل (وزراء → وزير، علماء → عالم).
            if y == 'ا' && d == 'ء' {
                out.push(s(&[a, b, 'ي', x]));
                out.push(s(&[a, 'ا', b, x]));
            }
            // مفعول → مفاعيل (مشروع → مشاريع), تفعيل → تفاعيل (تقرير →
            // تقارير); فاعول → فواعيل (صاروخ → صواريخ).
            if y == 'و' || y == 'ي' {
                out.push(s(&[a, b, 'ا', x, 'ي', d]));
                if b == 'ا' {
                    out.push(s(&[a, 'و', 'ا', x, 'ي', d]));
                }
            }
            // مفعل's dual or plural ت (مدرست → مدرس).
            if d == 'ت' {
                out.push(s(&[a, b, x, y]));
            }
        }
        6 => {
            let [a, b, x, y, z, d] = [c[0], c[1], c[2], c[3], c[4], c[5]];
            // مفاعيل → مفعول (مشاريع → مشروع); تفاعيل → تفعيل (تقارير →
            // تقرير); فواعيل → فاعول (صواريخ → صاروخ).
            if x == 'ا' && z == 'ي' {
                out.push(s(&[a, b, y, 'و', d]));
                out.push(s(&[a, b, y, 'ي', d]));
                if b == 'و' {
                    out.push(s(&[a, 'ا', y, 'و', d]));
                }
            }
            if d == 'ت' {
                out.push(s(&[a, b, x, y, z]));
            }
        }
        _ => {}
    }
    out.retain(|r| r != stem);
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::normalize::normalize;
    use crate::search::stem::{stem, Stemmer};

    fn st(w: &str) -> String {
        stem(&normalize(w), Stemmer::Light)
    }

    fn readings(w: &str) -> Vec<String> {
        plural_readings(&normalize(w), Stemmer::Light)
    }

    /// Each plural reads as its singular and each singular as its plural.
    #[test]
    fn broken_plurals_meet_their_singulars() {
        for (singular, plural) in [
            ("جندي", "جنود"),
            ("وزير", "وزراء"),
            ("مدرسة", "مدارس"),
            ("مصنع", "مصانع"),
            ("رسالة", "رسائل"),
            ("مشروع", "مشاريع"),
            ("صاروخ", "صواريخ"),
            ("تقرير", "تقارير"),
            ("قائد", "قادة"),
            ("جدول", "جداول"),
            ("فندق", "فنادق"),
            ("تجربة", "تجارب"),
        ] {
            let (s, p) = (st(singular), st(plural));
            assert!(
                readings(singular).contains(&p),
                "{singular} → {plural}: {:?}",
                readings(singular)
            );
            assert!(
                readings(plural).contains(&s),
                "{plural} → {singular}: {:?}",
                readings(plural)
            );
        }
    }

    /// A plural of a three-letter singular reads as its singular; the
    /// singular itself is too short to be read as a pattern.
    #[test]
    fn plurals_of_three_letters_read_as_their_singulars() {
        for (singular, plural) in [("قرن", "قرون"), ("بنك", "بنوك"), ("درس", "دروس")]
        {
            assert!(
                readings(plural).contains(&st(singular)),
                "{plural}: {:?}",
                readings(plural)
            );
        }
        assert!(!readings("مصر").contains(&st("مصور")));
        assert!(!readings("مصر").contains(&st("مصير")));
    }

    #[test]
    fn a_duals_taa_is_the_singulars() {
        assert!(readings("طائرتان").contains(&st("طائرة")));
        assert!(readings("مدرستين").contains(&st("مدرسة")));
        assert!(pattern_readings("2026", false).is_empty());
    }
}
