//! Dates written in digits, said as a listener expects them: day, month by
//! name, year («3/12/2026» → «ثلاثة ديسمبر ألفان وستة وعشرون»). Arabic
//! newspapers write day/month/year; ISO year-month-day is read too.

use super::{ascii_digit, number_words};

/// The Gregorian months as the site names them.
const MONTHS: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];

/// A run of 1..=4 digits at the start of `chars`, and its length.
fn digits(chars: &[char]) -> Option<(u32, usize)> {
    let n = chars
        .iter()
        .take(5)
        .take_while(|c| ascii_digit(**c).is_some())
        .count();
    if n == 0 || n > 4 {
        return None;
    }
    let value = chars[..n]
        .iter()
        .filter_map(|c| ascii_digit(*c))
        .fold(0, |v, d| v * 10 + d);
    Some((value, n))
}

/// Three digit groups joined by one separator (`/`, `-` or `.`), with the
/// lengths of the groups.
fn groups(chars: &[char]) -> Option<([(u32, usize); 3], usize)> {
    let (a, la) = digits(chars)?;
    let sep = *chars.get(la)?;
    if !matches!(sep, '/' | '-' | '.') {
        return None;
    }
    let (b, lb) = digits(&chars[la + 1..])?;
    if chars.get(la + 1 + lb) != Some(&sep) {
        return None;
    }
    let (c, lc) = digits(&chars[la + lb + 2..])?;
    let len = la + lb + lc + 2;
    // A longer number or another group after: not a date.
    if chars.get(len).is_some_and(|c| ascii_digit(*c).is_some())
        || (chars.get(len) == Some(&sep)
            && chars
                .get(len + 1)
                .is_some_and(|c| ascii_digit(*c).is_some()))
    {
        return None;
    }
    Some(([(a, la), (b, lb), (c, lc)], len))
}

/// The date at the start of `chars`, said, and how many characters it took.
pub fn date_at(chars: &[char]) -> Option<(String, usize)> {
    let ([(a, la), (b, lb), (c, lc)], len) = groups(chars)?;
    let (day, month, year) = match (la, lb, lc) {
        (1 | 2, 1 | 2, 4) => (a, b, c),
        (4, 1 | 2, 1 | 2) => (c, b, a),
        _ => return None,
    };
    if !(1..=31).contains(&day) || !(1..=12).contains(&month) || year < 1000 {
        return None;
    }
    let said = format!(
        "{} {} {}",
        number_words(day.into())?,
        MONTHS[month as usize - 1],
        number_words(year.into())?
    );
    Some((said, len))
}
