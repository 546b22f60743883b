//! Is an item urgent? The cues are data (`extract/rules/urgent.json`), next
//! to the extraction rules, so a change in how the site marks urgent items
//! is a change of data.

use std::sync::LazyLock;

use serde::Deserialize;

use crate::text::{collapse_ws, fold_arabic};

#[derive(Debug, Deserialize)]
struct RawCues {
    title_cues: Vec<String>,
    separators: Vec<String>,
    labels: Vec<String>,
}

/// The cues, folded as the text they are matched on.
#[derive(Debug)]
pub struct UrgentCues {
    /// Longest first, so «خبر عاجل» is tried before «عاجل».
    title_cues: Vec<String>,
    separators: Vec<char>,
    labels: Vec<String>,
}

const URGENT_RULES: &str = include_str!("../extract/rules/urgent.json");

static BUNDLED: LazyLock<UrgentCues> = LazyLock::new(|| {
    // The file is part of the crate and checked by its tests: a parse
    // failure is a bug in the data, not input.
    UrgentCues::from_json(URGENT_RULES).unwrap_or_else(|e| panic!("urgent.json: {e}"))
});

/// Folded for matching: the Arabic letter forms a headline may be typed
/// with, harakat, tatweel and bidi controls gone, Latin lower-cased,
/// spaces collapsed.
fn fold(s: &str) -> String {
    collapse_ws(&fold_arabic(s)).to_lowercase()
}

impl UrgentCues {
    pub fn bundled() -> &'static UrgentCues {
        &BUNDLED
    }

    pub fn from_json(json: &str) -> Result<Self, serde_json::Error> {
        let raw: RawCues = serde_json::from_str(json)?;
        let mut title_cues: Vec<String> = raw.title_cues.iter().map(|c| fold(c)).collect();
        title_cues.sort_by_key(|c| std::cmp::Reverse(c.chars().count()));
        Ok(Self {
            title_cues,
            separators: raw
                .separators
                .iter()
                .filter_map(|s| s.chars().next())
                .collect(),
            labels: raw.labels.iter().map(|l| fold(l)).collect(),
        })
    }

    /// An item is urgent when its headline opens with a cue, or one of its
    /// labels (categories, tags, the page's section) is one.
    pub fn is_urgent<'a>(&self, title: &str, labels: impl IntoIterator<Item = &'a str>) -> bool {
        self.title_is_urgent(title)
            || labels
                .into_iter()
                .any(|l| self.labels.iter().any(|c| *c == fold(l)))
    }

    fn title_is_urgent(&self, title: &str) -> bool {
        let folded = fold(title);
        let t = folded.trim_start_matches(|c: char| c.is_whitespace() || "🔴⚡️🚨".contains(c));
        // «[عاجل] …», «(عاجل) …»
        if let Some(rest) = t.strip_prefix(['[', '(', '«', '【']) {
            let inner = rest.split([']', ')', '»', '】']).next().unwrap_or_default();
            if rest.len() > inner.len() && self.title_cues.iter().any(|c| inner.trim() == c) {
                return true;
            }
        }
        self.title_cues.iter().any(|cue| {
            t.strip_prefix(cue.as_str())
                .map(str::trim_start)
                .and_then(|rest| rest.chars().next())
                .is_some_and(|c| self.separators.contains(&c))
        })
    }
}

/// With the bundled cues.
pub fn is_urgent<'a>(title: &str, labels: impl IntoIterator<Item = &'a str>) -> bool {
    UrgentCues::bundled().is_urgent(title, labels)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urgent(title: &str) -> bool {
        is_urgent(title, [])
    }

    #[test]
    fn the_bundled_cues_parse() {
        let cues = UrgentCues::bundled();
        assert!(!cues.title_cues.is_empty() && !cues.labels.is_empty());
        assert!(cues.separators.contains(&':'));
    }

    #[test]
    fn headline_cues_in_the_spellings_sites_use() {
        for t in [
            "عاجل: زلزال بقوة 6.1 درجات يضرب جنوب تركيا",
            "عاجل | البنك المركزي يرفع سعر الفائدة",
            "عاجـــل: انقطاع الكهرباء في العاصمة",
            "عَاجِل - وزير الخارجية يصل إلى القاهرة",
            "  عاجل : الإعلان عن نتائج الانتخابات",
            "خبر عاجل: انفجار في ميناء",
            "أخبار عاجلة | إغلاق المطار",
            "اخبار عاجله: إغلاق المطار",
            "[عاجل] سقوط طائرة شحن",
            "(عاجل) سقوط طائرة شحن",
            "«عاجل» سقوط طائرة شحن",
            "🔴 عاجل: سقوط طائرة شحن",
            "BREAKING: Earthquake hits Turkey",
            "Breaking News - markets fall",
            "\u{200F}عاجل: خبر بعلامة اتجاه",
        ] {
            assert!(urgent(t), "{t}");
        }
    }

    #[test]
    fn the_word_inside_a_headline_is_not_a_cue() {
        for t in [
            "عاجلاً أم آجلاً: اتفاق التجارة يعود",
            "مساعدات عاجلة تصل إلى غزة",
            "الأمم المتحدة تطلب تمويلاً عاجلاً: 2 مليار دولار",
            "عاجل الرئيس يصل",
            "العاجل والآجل في سوق النفط",
            "Breakingviews: a column",
            "Urgently needed: blood donors",
            "",
        ] {
            assert!(!urgent(t), "{t}");
        }
    }

    #[test]
    fn labels_are_compared_whole() {
        assert!(is_urgent("زلزال في تركيا", ["العالم", "عاجل"]));
        assert!(is_urgent("زلزال في تركيا", ["Breaking-News"]));
        assert!(is_urgent("زلزال في تركيا", ["أخبار عاجلة"]));
        assert!(!is_urgent("زلزال في تركيا", ["العالم", "عاجل جدا من هنا"]));
        assert!(!is_urgent("زلزال في تركيا", ["breaking bad"]));
    }
}
