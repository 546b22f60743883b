//! The page furniture that real sites put inside an article's container —
//! share bars, gallery controls, bylines and date lines, credit and contact
//! lines, subscription prompts, comment notices, tag lists, copyright lines
//! and the "related" or "most read" lists that follow their heading — known
//! by the whole text of a block (kept as data in `rules/chrome.json`, beside
//! the ad marks). The body walk asks this of every block on both paths, the
//! site rules' and Readability's.

use std::collections::HashSet;

use regex::{RegexSet, RegexSetBuilder};
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::text::{collapse_ws, fold_arabic};

const CHROME: &str = include_str!("rules/chrome.json");

/// Longer blocks are the article's, whatever their words.
const MAX_LINE_CHARS: usize = 500;
const MAX_SECTION_HEADING_CHARS: usize = 200;
const MAX_DATE_LINE_CHARS: usize = 160;
const DFA_BYTES: usize = 32 << 20;

#[derive(Deserialize)]
struct Raw {
    lines: Vec<String>,
    sections: Vec<String>,
    date_words: Vec<String>,
    date_openers: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chrome {
    /// Dropped where it stands.
    Line,
    /// Dropped with the teasers after it.
    Section,
}

#[derive(Debug, Clone)]
pub struct ChromeLines {
    lines: RegexSet,
    sections: RegexSet,
    date_words: HashSet<String>,
    /// Longest first, so "first published" is tried before "published".
    date_openers: Vec<String>,
}

impl ChromeLines {
    /// The patterns bundled with the app.
    pub fn bundled() -> Result<Self> {
        Self::from_json(CHROME)
    }

    pub fn from_json(json: &str) -> Result<Self> {
        let raw: Raw = serde_json::from_str(json)
            .map_err(|e| Error::InvalidInput(format!("chrome patterns: {e}")))?;
        let set = |list: &[String]| {
            // A lazy DFA this large keeps its states across blocks (with the
            // default it thrashes on Arabic text and falls back to the slow
            // engine).
            RegexSetBuilder::new(list.iter().map(|p| format!("(?i)^(?:{p})$")))
                .dfa_size_limit(DFA_BYTES)
                .build()
                .map_err(|e| Error::InvalidInput(format!("chrome patterns: {e}")))
        };
        let mut date_openers: Vec<String> = raw
            .date_openers
            .iter()
            .map(|o| fold_arabic(o).to_lowercase())
            .collect();
        date_openers.sort_by_key(|o| std::cmp::Reverse(o.chars().count()));
        Ok(Self {
            lines: set(&raw.lines)?,
            sections: set(&raw.sections)?,
            date_words: raw
                .date_words
                .iter()
                .map(|w| fold_arabic(w).to_lowercase())
                .collect(),
            date_openers,
        })
    }

    /// What a block is by its whole text: a section's heading, a line of
    /// furniture, or (None) the article's.
    pub fn classify(&self, text: &str) -> Option<Chrome> {
        // Most blocks are paragraphs longer than any furniture: no key made.
        if text.len() > MAX_LINE_CHARS * 4 {
            return None;
        }
        let t = key(text);
        let n = t.chars().count();
        if n == 0 || n > MAX_LINE_CHARS {
            return None;
        }
        if n <= MAX_SECTION_HEADING_CHARS && self.sections.is_match(&t) {
            Some(Chrome::Section)
        } else if self.lines.is_match(&t) || (n <= MAX_DATE_LINE_CHARS && self.is_date_line(&t)) {
            Some(Chrome::Line)
        } else {
            None
        }
    }

    /// A block whose whole text is furniture: dropped where it stands.
    pub fn is_line(&self, text: &str) -> bool {
        self.classify(text) == Some(Chrome::Line)
    }

    /// The heading of a related, most-read or tags block: it goes, and so
    /// do the link lists after it.
    pub fn is_section_heading(&self, text: &str) -> bool {
        self.classify(text) == Some(Chrome::Section)
    }

    /// A date line ("Nov. 20, 2019 5:52 AM EST", "19.11.2019, 08:57"), or
    /// one opened by "Published", "Updated" or a byline ("By X | November
    /// 18, 2019 at 2:26 PM") that holds a date.
    fn is_date_line(&self, t: &str) -> bool {
        let lower = t.to_lowercase();
        let tokens: Vec<&str> = lower
            .split(|c: char| c.is_whitespace() || ",.:/@|·•–—()[]".contains(c))
            .filter(|w| !w.is_empty() && *w != "-")
            .collect();
        let is_number = |w: &str| {
            let digits = w.trim_end_matches(|c: char| c.is_alphabetic());
            !digits.is_empty()
                && digits.chars().all(|c| c.is_numeric() || c == '-')
                && digits.chars().any(char::is_numeric)
                && matches!(
                    &w[digits.len()..],
                    "" | "st" | "nd" | "rd" | "th" | "h" | "م"
                )
        };
        let numbers = tokens.iter().filter(|w| is_number(w)).count();
        if numbers == 0 {
            return false;
        }
        if tokens
            .iter()
            .all(|w| is_number(w) || self.date_words.contains(*w))
        {
            return true;
        }
        // Opened by "Published"/"by": the rest needs a real date in it (a
        // month's name or a year), and no sentence's end ("By 2018, the
        // fund had doubled.").
        let opened = lower.starts_with("by ")
            || self
                .date_openers
                .iter()
                .any(|o| lower.starts_with(o.as_str()));
        let has_time = lower
            .split(|c: char| !(c.is_ascii_digit() || c == ':'))
            .any(|w| w.len() >= 4 && w.contains(':') && w.split(':').all(|p| !p.is_empty()));
        let has_date = has_time
            || tokens.iter().any(|w| {
                (self.date_words.contains(*w) && w.chars().count() >= 3)
                    || (w.len() == 4
                        && w.chars().all(|c| c.is_ascii_digit())
                        && (w.starts_with("19") || w.starts_with("20")))
            });
        let sentence = lower.ends_with(['.', '!', '?', '؟']) && !lower.ends_with("m.");
        opened && has_date && !sentence
    }
}

fn key(text: &str) -> String {
    fold_arabic(&collapse_ws(text))
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chrome() -> ChromeLines {
        ChromeLines::bundled().expect("bundled chrome patterns compile")
    }

    #[test]
    fn furniture_lines_are_known_in_several_languages() {
        let c = chrome();
        for line in [
            "Share this with Facebook",
            "These are external links and will open in a new window",
            "Image 2 of 5",
            "Back to Gallery",
            "Reporting by Rodrigo Campos; Editing by Nick Zieminski",
            "Keith Bradsher contributed reporting from Hong Kong.",
            "Email Tariq Malik at tmalik@space.com or follow him @tariqjmalik.",
            "Sign up to our newsletter for exclusive updates and enhanced content",
            "Get breaking news alerts and special reports. The news and stories that matter, delivered weekday mornings.",
            "ATENÇÃO: Comentários com textos ininteligíveis não serão aprovados pelo moderador.",
            "Tags: BGR Deals",
            "Copyright ⓒ Entermedia.co.kr. 무단전재 및 재배포 금지",
            "Nov. 20, 2019 5:52 AM EST",
            "19.11.2019, 08:57",
            "sexta-feira, 22 de outubro de 2010 às 20:13",
            "Published 11:11 PM EST Nov 19, 2019",
            "First Published: Tuesday, November 19, 2019 08:38 AM",
            "By Louis Jacobson on Monday, November 18th, 2019 at 11:04 a.m.",
            "By HNN Staff | November 18, 2019 at 2:26 PM HST - Updated November 18 at 4:46 PM",
            "By Phil Helsel",
            "نشر في 12 مارس 2024",
            "اشترك في نشرتنا اليومية لتصلك أهم الأخبار صباح كل يوم",
            "تابعونا على فيسبوك وتويتر",
            "© 2026 خبرين. جميع الحقوق محفوظة",
            "\u{feff}",
        ] {
            assert!(c.is_line(line) || line.trim_matches('\u{feff}').is_empty(), "{line}");
        }
        for heading in [
            "Related Links",
            "More News from Sci-Tech",
            "Most read stories",
            "You may also like",
            "Leia também:",
            "関連記事",
            "أخبار ذات صلة",
            "اقرأ أيضاً:",
        ] {
            assert!(c.is_section_heading(heading), "{heading}");
        }
    }

    #[test]
    fn the_article_own_sentences_are_not_furniture() {
        let c = chrome();
        for line in [
            "By 2018, when I started digging into this story, only two books remained in print.",
            "By the end of the day nothing had changed.",
            "Share prices fell sharply on Monday after the announcement.",
            "The doctors contributed money and raised more from friends.",
            "More on this later.",
            "Related to the case, the court heard three witnesses.",
            "وقال المتحدث إن الاجتماع سيعقد في 12 مارس 2024 في الرياض.",
            "وتابع المتحدث أن الحكومة ستعلن قرارها في الأسبوع المقبل بعد مشاورات واسعة مع الأطراف.",
            "واشترك في المسيرة آلاف المتظاهرين من مختلف المدن.",
            "Sign up for a Hulu ad-free account for $11.99 a month",
            "Get the apple pie out of the oven before it burns, she said.",
        ] {
            assert!(!c.is_line(line), "{line}");
            assert!(!c.is_section_heading(line), "{line}");
        }
    }
}
