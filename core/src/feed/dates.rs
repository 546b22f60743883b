//! Dates as feeds really write them. RFC 3339 and RFC 2822 first (nearly
//! every feed), then a reading of what Arabic sites send: Egyptian and
//! Levantine month names (نوفمبر, تشرين الثاني, and both together as
//! «نوفمبر/تشرين الثاني»), Arabic-Indic digits, ص/م for AM/PM, day-first
//! numeric dates, zone abbreviations (AST is Arabia Standard Time here, as
//! on Arabic sites), and no zone at all (the feed's own, else the site's).
//! A date before 1991 (epoch 0, 1900, typos) is no date: the caller dates
//! the item when it arrived.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};

/// Earliest year a news item can carry: before the web, a date is a mistake.
const FIRST_YEAR: i32 = 1991;
const LAST_YEAR: i32 = 2200;

/// Parses a feed's date; `default` is the zone of a date that names none.
pub fn parse(text: &str, default: FixedOffset) -> Option<DateTime<Utc>> {
    parse_with_zone(text, default).map(|(d, _)| d)
}

/// The date, and whether the text named its zone.
pub fn parse_with_zone(text: &str, default: FixedOffset) -> Option<(DateTime<Utc>, bool)> {
    let text = text.trim();
    if text.is_empty() || text.len() > 200 {
        return None;
    }
    let quick = DateTime::parse_from_rfc3339(text)
        .or_else(|_| DateTime::parse_from_rfc2822(text))
        .ok()
        .map(|d| (d.with_timezone(&Utc), true));
    quick
        .or_else(|| Reading::of(text).and_then(|r| r.date(default)))
        .filter(|(d, _)| (FIRST_YEAR..=LAST_YEAR).contains(&chrono::Datelike::year(d)))
}

/// The zone a feed writes its dates in, from the first of its dates that
/// names one: what a date without a zone in the same feed most likely means.
pub fn feed_zone(doc: &[u8]) -> Option<FixedOffset> {
    let head = &doc[..doc.len().min(64 * 1024)];
    let text = String::from_utf8_lossy(head);
    const TAGS: [&str; 6] = [
        "<pubdate>",
        "<lastbuilddate>",
        "<updated>",
        "<published>",
        "<dc:date>",
        "\"date_published\"",
    ];
    // In the document's order: the channel's date before its items'.
    let lower = text.to_ascii_lowercase();
    let mut at = 0;
    while let Some((pos, tag)) = TAGS
        .iter()
        .filter_map(|t| lower[at..].find(t).map(|p| (at + p, *t)))
        .min()
    {
        at = pos + tag.len();
        let value = text[at..]
            .trim_start_matches([':', ' ', '"'])
            .split(['<', '"'])
            .next()
            .unwrap_or_default();
        if let Some(zone) = Reading::of(value).and_then(|r| r.zone) {
            return Some(zone);
        }
    }
    None
}

#[derive(Debug, Default)]
struct Reading {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    /// Numbers not yet placed (a numeric date: 24/11/2026, 2026-11-24).
    numbers: Vec<u32>,
    /// The year came before the other numbers (2026-11-24, 2026/11/24).
    year_first: bool,
    time: Option<NaiveTime>,
    pm: Option<bool>,
    zone: Option<FixedOffset>,
}

/// Arabic-Indic and Persian digits as ASCII, Arabic punctuation as Latin,
/// harakat and tatweel gone, lower case.
fn normalise(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '٠'..='٩' => char::from_u32(c as u32 - '٠' as u32 + '0' as u32),
            '۰'..='۹' => char::from_u32(c as u32 - '۰' as u32 + '0' as u32),
            '،' | '٬' => Some(','),
            '٫' => Some('.'),
            '\u{064B}'..='\u{0652}' | '\u{0640}' => None,
            'أ' | 'إ' | 'آ' => Some('ا'),
            'ى' => Some('ي'),
            'ة' => Some('ه'),
            other => Some(other),
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// A minus that starts a zone (`08:30-05:00`, ` -0500`, `utc-3`) becomes
/// `−` (U+2212), so that the hyphen can separate the parts of a date.
fn mark_negative_zones(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == '-' {
            let before: String = chars[i.saturating_sub(9)..i].iter().collect();
            let token = before.rsplit(char::is_whitespace).next().unwrap_or("");
            let after: String = chars[i + 1..].iter().take(6).collect();
            let digits_follow = after.starts_with(|c: char| c.is_ascii_digit());
            let after_clock = token.contains(':') && token.ends_with(|c: char| c.is_ascii_digit());
            let after_name = token.ends_with("gmt") || token.ends_with("utc");
            let lone = token.is_empty()
                && i > 0
                && after
                    .split(|c: char| c.is_whitespace() || c == '(')
                    .next()
                    .is_some_and(|z| {
                        (2..=5).contains(&z.len())
                            && z.chars().all(|c| c.is_ascii_digit() || c == ':')
                    });
            if digits_follow && (after_clock || after_name || lone) {
                out.push('−');
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Month names: Latin (short and long), Egyptian-style Arabic and the
/// Levantine/Iraqi names, folded as `normalise` folds them.
fn month(word: &str) -> Option<u32> {
    const LATIN: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    if word.is_ascii() && word.len() >= 3 {
        return LATIN
            .iter()
            .position(|m| word.starts_with(m))
            .map(|i| i as u32 + 1);
    }
    Some(match word {
        "يناير" | "كانون الثاني" | "جانفي" => 1,
        "فبراير" | "شباط" | "فيفري" => 2,
        "مارس" | "اذار" => 3,
        "ابريل" | "نيسان" | "افريل" => 4,
        "مايو" | "ايار" | "ماي" => 5,
        "يونيو" | "يونيه" | "حزيران" | "جوان" => 6,
        "يوليو" | "يوليه" | "تموز" | "جويليه" | "جويليه " => 7,
        "اغسطس" | "اب" | "اوت" => 8,
        "سبتمبر" | "ايلول" => 9,
        "اكتوبر" | "تشرين الاول" => 10,
        "نوفمبر" | "تشرين الثاني" => 11,
        "ديسمبر" | "كانون الاول" => 12,
        _ => return None,
    })
}

/// Zone abbreviations feeds use. AST is Arabia Standard Time (UTC+3), as
/// Arabic sites mean it, not the Atlantic's.
fn zone_abbreviation(word: &str) -> Option<i32> {
    Some(
        match word {
            "z" | "gmt" | "utc" | "ut" | "wet" | "غرينتش" => 0,
            "bst" | "cet" | "west" | "wat" => 1,
            "cest" | "eet" | "cat" | "sast" => 2,
            "eest" | "ast" | "msk" | "trt" | "eat" | "idt" | "arabia" => 3,
            "gst" | "aet" => 4,
            "pkt" => 5,
            "edt" => -4,
            "est" | "cdt" => -5,
            "cst" | "mdt" => -6,
            "mst" | "pdt" => -7,
            "pst" => -8,
            _ => return None,
        } * 3600,
    )
}

fn am_pm(word: &str) -> Option<bool> {
    match word {
        "am" | "a.m." | "a.m" | "ص" | "صباحا" | "صباح" | "فجرا" => Some(false),
        "pm" | "p.m." | "p.m" | "م" | "مساء" | "مساءا" | "ظهرا" | "عصرا" | "ليلا" => {
            Some(true)
        }
        _ => None,
    }
}

fn offset(sign: i32, digits: &str) -> Option<FixedOffset> {
    let digits: String = digits.chars().filter(char::is_ascii_digit).collect();
    let (h, m) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        3 => (
            digits[..1].parse::<i32>().ok()?,
            digits[1..].parse::<i32>().ok()?,
        ),
        4 => (
            digits[..2].parse::<i32>().ok()?,
            digits[2..].parse::<i32>().ok()?,
        ),
        _ => return None,
    };
    if h > 14 || m > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

impl Reading {
    fn of(text: &str) -> Option<Self> {
        let text = mark_negative_zones(&normalise(text));
        let mut r = Reading::default();
        // Words and numbers; a time keeps its colons, a zone its sign.
        let tokens: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | '-' | '(' | ')' | '|'))
            .flat_map(split_iso)
            .filter(|t| !t.is_empty())
            .collect();
        let mut i = 0;
        while i < tokens.len() {
            let t = tokens[i];
            // Two-word Levantine months (تشرين الاول).
            if let Some(next) = tokens.get(i + 1).filter(|_| !t.is_ascii()) {
                if let Some(m) = month(&format!("{t} {next}")) {
                    r.month.get_or_insert(m);
                    i += 2;
                    continue;
                }
            }
            if t.contains(':') && t.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                let (clock, zone) = split_zone(t);
                r.time = parse_clock(clock);
                if let Some(z) = zone {
                    r.zone = Some(z);
                }
            } else if let Some(rest) = t.strip_prefix('+') {
                r.zone = offset(1, rest).or(r.zone);
            } else if let Some(rest) = t.strip_prefix('−') {
                r.zone = offset(-1, rest).or(r.zone);
            } else if let Ok(n) = t.parse::<u32>() {
                if t.len() == 4 && (FIRST_YEAR as u32 - 100..=LAST_YEAR as u32 + 100).contains(&n) {
                    r.year_first = r.year.is_none() && r.numbers.is_empty();
                    r.year.get_or_insert(n as i32);
                } else {
                    r.numbers.push(n);
                }
            } else if let Some(m) = month(t) {
                r.month.get_or_insert(m);
            } else if let Some(p) = am_pm(t) {
                r.pm = Some(p);
            } else if let Some(z) = zone_abbreviation(t) {
                r.zone = FixedOffset::east_opt(z).or(r.zone);
            } else if let Some(rest) = t.strip_prefix("gmt").or_else(|| t.strip_prefix("utc")) {
                // GMT+3, UTC+03:00
                r.zone = match rest.chars().next() {
                    Some('+') => offset(1, &rest[1..]),
                    Some('−') => offset(-1, &rest['−'.len_utf8()..]),
                    _ => None,
                }
                .or(Some(FixedOffset::east_opt(0)?));
            }
            i += 1;
        }
        r.place_numbers();
        Some(r)
    }

    /// Day (and month, in an all-numeric date) from the numbers left over:
    /// Arabic sites write the day first.
    fn place_numbers(&mut self) {
        let mut numbers = self.numbers.iter().copied();
        match self.month {
            Some(_) => self.day = numbers.find(|n| (1..=31).contains(n)),
            None => {
                let rest: Vec<u32> = numbers.collect();
                if let [a, b, ..] = rest[..] {
                    // 2026-11-24 (year, month, day); 24/11/2026 (day first,
                    // as Arabic sites write it), else 11/24/2026.
                    if self.year_first && (1..=12).contains(&a) && (1..=31).contains(&b) {
                        self.day = Some(b);
                        self.month = Some(a);
                    } else if (1..=12).contains(&b) && (1..=31).contains(&a) {
                        self.day = Some(a);
                        self.month = Some(b);
                    } else if (1..=12).contains(&a) && (1..=31).contains(&b) {
                        self.day = Some(b);
                        self.month = Some(a);
                    }
                }
            }
        }
    }

    fn date(&self, default: FixedOffset) -> Option<(DateTime<Utc>, bool)> {
        let date = NaiveDate::from_ymd_opt(self.year?, self.month?, self.day?)?;
        let mut time = self.time.unwrap_or_default();
        if let Some(pm) = self.pm {
            let h = chrono::Timelike::hour(&time) % 12 + if pm { 12 } else { 0 };
            time = chrono::Timelike::with_hour(&time, h)?;
        }
        let zone = self.zone.unwrap_or(default);
        let local = zone.from_local_datetime(&date.and_time(time)).single()?;
        Some((local.with_timezone(&Utc), self.zone.is_some()))
    }
}

/// `2026-11-24t08:30:00z` → its date and its time with the zone.
fn split_iso(token: &str) -> Vec<&str> {
    match token.find('t') {
        Some(i)
            if i > 0
                && token[..i].chars().all(|c| c.is_ascii_digit())
                && token[i + 1..].starts_with(|c: char| c.is_ascii_digit()) =>
        {
            vec![&token[..i], &token[i + 1..]]
        }
        _ => vec![token],
    }
}

/// `08:30:00+03:00`, `08:30z`, `08:30` → the clock and the zone it names.
fn split_zone(token: &str) -> (&str, Option<FixedOffset>) {
    if let Some(i) = token.find(['+', '−']) {
        let sign = if token[i..].starts_with('+') { 1 } else { -1 };
        let rest = &token[i + token[i..].chars().next().map_or(1, char::len_utf8)..];
        return (&token[..i], offset(sign, rest));
    }
    if let Some(clock) = token.strip_suffix('z') {
        return (clock, FixedOffset::east_opt(0));
    }
    (token, None)
}

fn parse_clock(clock: &str) -> Option<NaiveTime> {
    let mut parts = clock.split(':');
    let h: u32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let s: u32 = parts
        .next()
        .map(|s| s.split('.').next().unwrap_or("0").parse().unwrap_or(0))
        .unwrap_or(0);
    NaiveTime::from_hms_opt(h, m, s.min(59))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("test date")
            .with_timezone(&Utc)
    }

    fn riyadh() -> FixedOffset {
        FixedOffset::east_opt(3 * 3600).expect("zone")
    }

    #[test]
    fn what_arabic_sites_send() {
        let want = utc("2026-11-24T08:30:00+03:00");
        for text in [
            "Tue, 24 Nov 2026 08:30:00 +0300",
            "2026-11-24T08:30:00+03:00",
            "2026-11-24T05:30:00Z",
            "Tue, 24 Nov 2026 08:30:00 AST",
            "24 Nov 2026 05:30 GMT",
            "الثلاثاء 24 نوفمبر 2026 - 08:30 ص",
            "الثلاثاء، ٢٤ نوفمبر ٢٠٢٦ ٠٨:٣٠ صباحاً",
            "24 تشرين الثاني 2026 08:30",
            "٢٤ تشرين الثاني/نوفمبر ٢٠٢٦، الساعة ٨:٣٠ ص",
            "نوفمبر/تشرين الثاني 24, 2026 8:30 am",
            "24/11/2026 08:30",
            "2026/11/24 08:30:00",
            "2026-11-24 08:30:00",
            "24-11-2026 8:30 ص",
            "Tuesday, November 24, 2026 8:30 AM GMT+3",
            "2026-11-24T08:30:00.000+0300",
            "24 نوفمبر 2026 2:30 م UTC-3",
        ] {
            let got = parse(text, riyadh());
            if text.ends_with("UTC-3") {
                assert_eq!(got, Some(utc("2026-11-24T14:30:00-03:00")), "{text}");
                continue;
            }
            assert_eq!(got, Some(want), "{text}");
        }
        assert_eq!(
            parse("يناير 5, 2027 9:05 م", riyadh()),
            Some(utc("2027-01-05T21:05:00+03:00"))
        );
        assert_eq!(
            parse("1 كانون الثاني 2027", riyadh()),
            Some(utc("2027-01-01T00:00:00+03:00"))
        );
        assert_eq!(
            parse("12 آب 2026 12:15 م", riyadh()),
            Some(utc("2026-08-12T12:15:00+03:00"))
        );
        for (text, want) in [
            ("2026-11-24T08:30:00-05:00", "2026-11-24T08:30:00-05:00"),
            (
                "Tue, 24 Nov 2026 08:30:00 -0500 (EST)",
                "2026-11-24T08:30:00-05:00",
            ),
            ("24-11-2026", "2026-11-24T00:00:00+03:00"),
            ("2026-11-24", "2026-11-24T00:00:00+03:00"),
            ("2027-01-05 10:00", "2027-01-05T10:00:00+03:00"),
            ("05/01/2027 10:00", "2027-01-05T10:00:00+03:00"),
        ] {
            assert_eq!(parse(text, riyadh()), Some(utc(want)), "{text}");
        }
    }

    #[test]
    fn impossible_dates_are_no_dates() {
        for text in [
            "Thu, 01 Jan 1970 00:00:00 GMT",
            "1970-01-01T00:00:00Z",
            "Mon, 01 Jan 1900 00:00:00 GMT",
            "Tue, 32 Foo 2026 99:99:99 XYZ",
            "31/02/2026",
            "amanhã",
            "",
            "0",
        ] {
            assert_eq!(parse(text, riyadh()), None, "{text}");
        }
    }

    #[test]
    fn a_feed_s_zone_comes_from_a_date_that_names_one() {
        let doc = b"<rss><channel><lastBuildDate>Tue, 24 Nov 2026 08:30:00 +0200</lastBuildDate>\
            <item><pubDate>24 Nov 2026 08:30</pubDate></item></channel></rss>";
        assert_eq!(feed_zone(doc), FixedOffset::east_opt(2 * 3600));
        let plain =
            b"<rss><channel><item><pubDate>24 Nov 2026 08:30</pubDate></item></channel></rss>";
        assert_eq!(feed_zone(plain), None);
    }
}
