//! Breaking news that reaches the reader: which newly synced items are worth
//! a system notification, and how a pass's notices are worded. The shell
//! shows them; the store decides which items qualify, once each
//! (`store/alerts.rs`).

pub mod cues;
pub mod settings;

use serde::Serialize;

pub use cues::is_urgent;
pub use settings::{AlertSettings, QuietHours};

/// More items than this in one pass become one summary notice.
pub const BURST: usize = 3;

/// An item to tell the reader about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alert {
    pub article_id: i64,
    pub title: String,
    /// The section's name as the site gives it.
    pub section: Option<String>,
    pub urgent: bool,
}

/// What one notification says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// One item: its headline, its section; a click opens it.
    One(Alert),
    /// A burst: «٥ أخبار عاجلة» and the first headlines; a click shows the
    /// window.
    Summary {
        title: String,
        body: String,
        count: usize,
    },
}

/// The interface language and digits the notices are written in (the
/// window's own preferences).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Wording {
    pub english: bool,
    pub arabic_digits: bool,
}

/// Text for a notification, never markup. Freedesktop notification servers
/// that announce `body-markup` (GNOME's, KDE's, dunst, mako…) read `<b>`,
/// `<a href>`, `<img src>` and entities in a notice: a headline from a feed
/// must not be able to add a link or load a picture there. Its `<`, `>` and
/// `&` become look-alikes that mean nothing to any server (an escape would
/// show as `&amp;` on servers that take plain text).
pub fn plain(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '<' => '‹',
            '>' => '›',
            '&' => '＆',
            c => c,
        })
        .collect()
}

/// One notice per item, or one for the lot when there are more than
/// [`BURST`]; every text in them [`plain`].
pub fn notices(alerts: Vec<Alert>, wording: Wording) -> Vec<Notice> {
    let alerts: Vec<Alert> = alerts
        .into_iter()
        .map(|a| Alert {
            title: plain(&a.title),
            section: a.section.as_deref().map(plain),
            ..a
        })
        .collect();
    if alerts.len() <= BURST {
        return alerts.into_iter().map(Notice::One).collect();
    }
    let all_urgent = alerts.iter().all(|a| a.urgent);
    let body = alerts
        .iter()
        .take(BURST)
        .map(|a| a.title.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    vec![Notice::Summary {
        title: count_phrase(alerts.len(), all_urgent, wording),
        body,
        count: alerts.len(),
    }]
}

/// A count in Latin or Arabic-Indic digits, as the window shows numbers.
pub fn number(n: i64, arabic_digits: bool) -> String {
    let s = n.to_string();
    if !arabic_digits {
        return s;
    }
    s.chars()
        .map(|d| {
            d.to_digit(10)
                .map_or(d, |v| char::from_u32(0x0660 + v).unwrap_or(d))
        })
        .collect()
}

/// «٥ أخبار عاجلة», «خبران جديدان», «١١ خبراً عاجلاً», "5 breaking stories".
pub fn count_phrase(n: usize, urgent: bool, wording: Wording) -> String {
    let digits = |n: usize| number(n as i64, wording.arabic_digits);
    if wording.english {
        let what = if urgent { "breaking" } else { "new" };
        return match n {
            1 => format!("1 {what} story"),
            n => format!("{} {what} stories", digits(n)),
        };
    }
    // Arabic counting: 1 and 2 have words of their own, 3–10 take the
    // plural, 11–99 the accusative singular, 100, 101, 102… the genitive.
    let (one, two, few, many, hundred) = if urgent {
        (
            "خبر عاجل",
            "خبران عاجلان",
            "أخبار عاجلة",
            "خبراً عاجلاً",
            "خبر عاجل",
        )
    } else {
        (
            "خبر جديد",
            "خبران جديدان",
            "أخبار جديدة",
            "خبراً جديداً",
            "خبر جديد",
        )
    };
    match (n, n % 100) {
        (1, _) => one.to_string(),
        (2, _) => two.to_string(),
        (_, 3..=10) => format!("{} {few}", digits(n)),
        (_, 11..) => format!("{} {many}", digits(n)),
        _ => format!("{} {hundred}", digits(n)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alert(id: i64, urgent: bool) -> Alert {
        Alert {
            article_id: id,
            title: format!("عنوان {id}"),
            section: Some("سياسة".into()),
            urgent,
        }
    }

    #[test]
    fn up_to_three_are_told_one_by_one_and_more_as_one() {
        let three: Vec<_> = (1..=3).map(|i| alert(i, true)).collect();
        let n = notices(three.clone(), Wording::default());
        assert_eq!(n, three.into_iter().map(Notice::One).collect::<Vec<_>>());
        let five: Vec<_> = (1..=5).map(|i| alert(i, true)).collect();
        let arabic = Wording {
            english: false,
            arabic_digits: true,
        };
        match notices(five, arabic).as_slice() {
            [Notice::Summary { title, body, count }] => {
                assert_eq!(title, "٥ أخبار عاجلة");
                assert_eq!(body, "عنوان 1\nعنوان 2\nعنوان 3");
                assert_eq!(*count, 5);
            }
            other => panic!("{other:?}"),
        }
        let mixed: Vec<_> = (1..=4).map(|i| alert(i, i % 2 == 0)).collect();
        assert!(matches!(
            notices(mixed, Wording::default()).as_slice(),
            [Notice::Summary { title, .. }] if title == "4 أخبار جديدة"
        ));
        assert!(notices(Vec::new(), Wording::default()).is_empty());
    }

    #[test]
    fn arabic_counting() {
        let w = Wording {
            english: false,
            arabic_digits: true,
        };
        let cases = [
            (1, "خبر عاجل"),
            (2, "خبران عاجلان"),
            (3, "٣ أخبار عاجلة"),
            (10, "١٠ أخبار عاجلة"),
            (11, "١١ خبراً عاجلاً"),
            (99, "٩٩ خبراً عاجلاً"),
            (100, "١٠٠ خبر عاجل"),
            (102, "١٠٢ خبر عاجل"),
            (103, "١٠٣ أخبار عاجلة"),
            (111, "١١١ خبراً عاجلاً"),
        ];
        for (n, want) in cases {
            assert_eq!(count_phrase(n, true, w), want, "{n}");
        }
        assert_eq!(count_phrase(12, false, Wording::default()), "12 خبراً جديداً");
        let en = Wording {
            english: true,
            arabic_digits: false,
        };
        assert_eq!(count_phrase(5, true, en), "5 breaking stories");
        assert_eq!(count_phrase(1, false, en), "1 new story");
    }

    #[test]
    fn notices_carry_no_markup() {
        let hostile = Alert {
            article_id: 1,
            title: r#"<a href="https://evil.example">عاجل</a> AT&T <img src="file:///etc/passwd">"#
                .into(),
            section: Some("<b>سياسة</b> &amp;".into()),
            urgent: true,
        };
        let one = notices(vec![hostile.clone()], Wording::default());
        let Notice::One(a) = &one[0] else {
            panic!("one notice")
        };
        for text in [a.title.as_str(), a.section.as_deref().unwrap_or_default()] {
            assert!(!text.contains(['<', '>', '&']), "{text}");
        }
        assert!(
            a.title.contains("عاجل") && a.title.contains("AT＆T"),
            "{}",
            a.title
        );
        let burst = notices(vec![hostile; 5], Wording::default());
        let Notice::Summary { body, .. } = &burst[0] else {
            panic!("a summary")
        };
        assert!(!body.contains(['<', '>', '&']), "{body}");
    }
}
