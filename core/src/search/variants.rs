//! Names spelt more than one way (سوريا and سورية, أمريكا and أميركا, جازان and
//! جيزان), from a table kept as data (`variants.txt`: one name a line, its
//! spellings separated by spaces, one word each; the article, harakat and
//! the hamza's seat do not count, as everywhere in search): countries,
//! capitals and cities in the news, and names of people and services. A
//! query reads a word spelt one way as all of them, like its other
//! readings; the index is not touched, so a change to the table needs no
//! rebuild.

use super::normalize::normalize;
use super::stem::strip_prefixes;
use std::sync::OnceLock;

const TABLE: &str = include_str!("variants.txt");

/// The table's lines, each spelling normalised as a query's words are,
/// made once (at the first query).
fn table() -> &'static [Vec<String>] {
    static LINES: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    LINES.get_or_init(|| {
        TABLE
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| {
                l.split_whitespace()
                    .map(|w| strip_prefixes(&normalize(w)))
                    .collect()
            })
            .collect()
    })
}

/// The other spellings of a normalised word (its attached و and article
/// read off), without the article; none for most words. The table is
/// scanned line by line (a few dozen: a map of it would cost the app's
/// download more than a query's scan of it costs).
pub fn other_spellings(word: &str) -> Vec<String> {
    let word = strip_prefixes(word);
    table()
        .iter()
        .find(|spellings| spellings.contains(&word))
        .map(|spellings| spellings.iter().filter(|s| **s != word).cloned().collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_spelling_finds_the_others() {
        assert_eq!(other_spellings("سوريا"), ["سوريه"]);
        assert_eq!(other_spellings("وسوريه"), ["سوريا"]);
        assert_eq!(other_spellings("الاميركيين"), ["امريكيين"]);
        let q = other_spellings("قوقل");
        assert!(q.contains(&"غوغل".to_string()) && q.contains(&"جوجل".to_string()));
        assert!(other_spellings("مصر").is_empty());
    }

    #[test]
    fn every_line_is_a_name_of_two_spellings_or_more() {
        for line in TABLE
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            let words: Vec<&str> = line.split_whitespace().collect();
            assert!(words.len() >= 2, "{line}");
            let first = strip_prefixes(&normalize(words[0]));
            assert!(
                words[1..]
                    .iter()
                    .all(|w| strip_prefixes(&normalize(w)) != first),
                "spellings that normalise alike: {line}"
            );
        }
    }
}
