//! What the reader chose to be told about, kept as `settings` rows under
//! `alerts.`.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Minutes since midnight, local time.
pub type Minute = u16;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertSettings {
    /// Notify urgent items (on until turned off).
    pub urgent: bool,
    /// Sections (category slugs) whose every new item is notified.
    pub sections: Vec<String>,
    /// No notification from `start` to `end` (local time; may span
    /// midnight). Items that arrive then are not notified later.
    pub quiet: Option<QuietHours>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuietHours {
    pub start: Minute,
    pub end: Minute,
}

impl Default for AlertSettings {
    fn default() -> Self {
        Self {
            urgent: true,
            sections: Vec::new(),
            quiet: None,
        }
    }
}

pub(crate) const URGENT_KEY: &str = "alerts.urgent";
pub(crate) const SECTIONS_KEY: &str = "alerts.sections";
pub(crate) const QUIET_KEY: &str = "alerts.quiet";
const MINUTES_A_DAY: Minute = 24 * 60;
const MAX_SECTIONS: usize = 64;

impl QuietHours {
    pub fn contains(&self, now: Minute) -> bool {
        if self.start <= self.end {
            (self.start..self.end).contains(&now)
        } else {
            now >= self.start || now < self.end
        }
    }

    /// "22:00-07:00".
    pub fn to_setting(self) -> String {
        let hm = |m: Minute| format!("{:02}:{:02}", m / 60, m % 60);
        format!("{}-{}", hm(self.start), hm(self.end))
    }

    pub fn parse(s: &str) -> Option<Self> {
        let minute = |t: &str| -> Option<Minute> {
            let (h, m) = t.trim().split_once(':')?;
            let (h, m): (Minute, Minute) = (h.parse().ok()?, m.parse().ok()?);
            (h < 24 && m < 60).then_some(h * 60 + m)
        };
        let (a, b) = s.split_once('-')?;
        Some(Self {
            start: minute(a)?,
            end: minute(b)?,
        })
    }
}

impl AlertSettings {
    /// From the stored rows; a row that does not parse counts as unset.
    pub(crate) fn from_rows(
        urgent: Option<&str>,
        sections: Option<&str>,
        quiet: Option<&str>,
    ) -> Self {
        Self {
            urgent: urgent != Some("0"),
            sections: sections
                .unwrap_or_default()
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            quiet: quiet.and_then(QuietHours::parse),
        }
    }

    /// Refuses what the window cannot have sent: an empty or strange slug,
    /// too many of them, hours outside the day, an empty quiet span.
    pub fn check(&self) -> Result<()> {
        let bad = |what: String| Err(Error::InvalidInput(what));
        if self.sections.len() > MAX_SECTIONS {
            return bad(format!("{} sections", self.sections.len()));
        }
        if let Some(s) = self.sections.iter().find(|s| {
            s.is_empty()
                || s.len() > 64
                || !s
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        }) {
            return bad(format!("section {s:?}"));
        }
        if let Some(q) = self.quiet {
            if q.start >= MINUTES_A_DAY || q.end >= MINUTES_A_DAY || q.start == q.end {
                return bad(format!("quiet hours {}–{}", q.start, q.end));
            }
        }
        Ok(())
    }

    pub(crate) fn rows(&self) -> [(&'static str, String); 3] {
        [
            (URGENT_KEY, if self.urgent { "1" } else { "0" }.to_string()),
            (SECTIONS_KEY, self.sections.join(",")),
            (
                QUIET_KEY,
                self.quiet.map(QuietHours::to_setting).unwrap_or_default(),
            ),
        ]
    }

    /// Nothing would ever be notified.
    pub fn off(&self) -> bool {
        !self.urgent && self.sections.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quiet_hours_across_midnight() {
        let q = QuietHours::parse("22:30-07:00").expect("parses");
        assert_eq!((q.start, q.end), (22 * 60 + 30, 7 * 60));
        assert!(q.contains(23 * 60) && q.contains(0) && q.contains(6 * 60 + 59));
        assert!(!q.contains(7 * 60) && !q.contains(12 * 60) && !q.contains(22 * 60 + 29));
        assert_eq!(q.to_setting(), "22:30-07:00");
        let day = QuietHours::parse("13:00-14:00").expect("parses");
        assert!(day.contains(13 * 60 + 30) && !day.contains(14 * 60) && !day.contains(0));
        for bad in ["", "22-07", "24:00-07:00", "22:60-07:00", "x:00-07:00"] {
            assert_eq!(QuietHours::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn rows_round_trip_and_bad_rows_count_as_unset() {
        let s = AlertSettings {
            urgent: false,
            sections: vec!["politics".into(), "sport".into()],
            quiet: QuietHours::parse("23:00-06:30"),
        };
        let rows = s.rows();
        let back = AlertSettings::from_rows(Some(&rows[0].1), Some(&rows[1].1), Some(&rows[2].1));
        assert_eq!(back, s);
        assert_eq!(
            AlertSettings::from_rows(None, None, None),
            AlertSettings::default()
        );
        let junk = AlertSettings::from_rows(Some("yes"), Some(" , ,"), Some("soon"));
        assert_eq!(junk, AlertSettings::default());
    }

    #[test]
    fn what_the_window_cannot_send_is_refused() {
        let mut s = AlertSettings::default();
        assert!(s.check().is_ok());
        s.sections = vec!["a b".into()];
        assert!(s.check().is_err());
        s.sections = vec!["x".into(); 65];
        assert!(s.check().is_err());
        s.sections = vec!["سياسة".into(), "world".into()];
        assert!(s.check().is_ok());
        s.quiet = Some(QuietHours { start: 60, end: 60 });
        assert!(s.check().is_err());
        s.quiet = Some(QuietHours {
            start: 60,
            end: 1440,
        });
        assert!(s.check().is_err());
    }
}
