//! Numbers as Arabic words, the way a news reader says them: masculine,
//! nominative, groups joined with «و» (2027 → «ألفان وسبعة وعشرون»).

const ONES: [&str; 20] = [
    "صفر",
    "واحد",
    "اثنان",
    "ثلاثة",
    "أربعة",
    "خمسة",
    "ستة",
    "سبعة",
    "ثمانية",
    "تسعة",
    "عشرة",
    "أحد عشر",
    "اثنا عشر",
    "ثلاثة عشر",
    "أربعة عشر",
    "خمسة عشر",
    "ستة عشر",
    "سبعة عشر",
    "ثمانية عشر",
    "تسعة عشر",
];
const TENS: [&str; 10] = [
    "",
    "",
    "عشرون",
    "ثلاثون",
    "أربعون",
    "خمسون",
    "ستون",
    "سبعون",
    "ثمانون",
    "تسعون",
];
const HUNDREDS: [&str; 10] = [
    "",
    "مئة",
    "مئتان",
    "ثلاثمئة",
    "أربعمئة",
    "خمسمئة",
    "ستمئة",
    "سبعمئة",
    "ثمانمئة",
    "تسعمئة",
];

/// The largest number read as words; longer ones are read digit by digit.
pub const MAX_WORDS: u64 = 999_999_999_999;

/// 0..=999
fn below_thousand(n: u64) -> String {
    let (h, rest) = (n / 100, n % 100);
    let mut parts = Vec::new();
    if h > 0 {
        parts.push(HUNDREDS[h as usize].to_string());
    }
    if rest > 0 || h == 0 {
        parts.push(if rest < 20 {
            ONES[rest as usize].to_string()
        } else if rest % 10 == 0 {
            TENS[(rest / 10) as usize].to_string()
        } else {
            format!(
                "{} و{}",
                ONES[(rest % 10) as usize],
                TENS[(rest / 10) as usize]
            )
        });
    }
    parts.join(" و")
}

/// A count of a unit (thousand, million, billion): one, two (dual), 3–10
/// (plural), 11 and more (singular, accusative).
fn scaled(count: u64, one: &str, two: &str, plural: &str, accusative: &str) -> String {
    match (count, count % 100) {
        (1, _) => one.to_string(),
        (2, _) => two.to_string(),
        (_, 3..=10) => format!("{} {plural}", below_thousand(count)),
        // 100, 101, 102 thousand: «مئة ألف».
        (_, 0..=2) => format!("{} {one}", below_thousand(count)),
        _ => format!("{} {accusative}", below_thousand(count)),
    }
}

/// `n` in words, or `None` above [`MAX_WORDS`].
pub fn number_words(n: u64) -> Option<String> {
    if n > MAX_WORDS {
        return None;
    }
    if n < 1000 {
        return Some(below_thousand(n));
    }
    let billions = n / 1_000_000_000;
    let millions = n / 1_000_000 % 1000;
    let thousands = n / 1000 % 1000;
    let rest = n % 1000;
    let mut parts = Vec::new();
    if billions > 0 {
        parts.push(scaled(billions, "مليار", "ملياران", "مليارات", "مليارًا"));
    }
    if millions > 0 {
        parts.push(scaled(millions, "مليون", "مليونان", "ملايين", "مليونًا"));
    }
    if thousands > 0 {
        parts.push(scaled(thousands, "ألف", "ألفان", "آلاف", "ألفًا"));
    }
    if rest > 0 {
        parts.push(below_thousand(rest));
    }
    Some(parts.join(" و"))
}

#[cfg(test)]
mod tests {
    use super::number_words;

    fn w(n: u64) -> String {
        number_words(n).expect("in range")
    }

    #[test]
    fn units_teens_and_tens() {
        assert_eq!(w(0), "صفر");
        assert_eq!(w(2), "اثنان");
        assert_eq!(w(11), "أحد عشر");
        assert_eq!(w(12), "اثنا عشر");
        assert_eq!(w(19), "تسعة عشر");
        assert_eq!(w(20), "عشرون");
        assert_eq!(w(21), "واحد وعشرون");
        assert_eq!(w(99), "تسعة وتسعون");
    }

    #[test]
    fn hundreds_and_thousands() {
        assert_eq!(w(100), "مئة");
        assert_eq!(w(200), "مئتان");
        assert_eq!(w(305), "ثلاثمئة وخمسة");
        assert_eq!(w(1000), "ألف");
        assert_eq!(w(2000), "ألفان");
        assert_eq!(w(2027), "ألفان وسبعة وعشرون");
        assert_eq!(w(1948), "ألف وتسعمئة وثمانية وأربعون");
        assert_eq!(w(3000), "ثلاثة آلاف");
        assert_eq!(w(10_000), "عشرة آلاف");
        assert_eq!(w(11_000), "أحد عشر ألفًا");
        assert_eq!(w(100_000), "مئة ألف");
        assert_eq!(w(250_000), "مئتان وخمسون ألفًا");
        assert_eq!(w(103_000), "مئة وثلاثة آلاف");
    }

    #[test]
    fn millions_and_billions() {
        assert_eq!(w(1_000_000), "مليون");
        assert_eq!(w(2_000_000), "مليونان");
        assert_eq!(w(5_000_000), "خمسة ملايين");
        assert_eq!(w(1_500_000), "مليون وخمسمئة ألف");
        assert_eq!(w(40_000_000_000), "أربعون مليارًا");
        assert_eq!(number_words(1_000_000_000_000), None);
    }
}
