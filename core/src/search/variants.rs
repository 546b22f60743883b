//! Names spelt more than one way (سوريا and سورية, أمريكا and أميركا, جازان and
//! جيزان), from a table kept as data (`variants.txt`). A query reads a word
//! spelt one way as all of them, like its other readings; the index is not
//! touched, so a change to the table needs no rebuild.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::normalize::normalize;
use super::stem::strip_prefixes;

const TABLE: &str = include_str!("variants.txt");

/// Each spelling (normalised, without the article) → the name's other spellings.
fn table() -> &'static HashMap<String, Vec<String>> {
    static TABLE_MAP: OnceLock<HashMap<String, Vec<String>>> = OnceLock::new();
    TABLE_MAP.get_or_init(|| {
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        for line in TABLE.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let spellings: Vec<String> = line
                .split_whitespace()
                .map(|w| strip_prefixes(&normalize(w)))
                .collect();
            for s in &spellings {
                let others = map.entry(s.clone()).or_default();
                for o in &spellings {
                    if o != s && !others.contains(o) {
                        others.push(o.clone());
                    }
                }
            }
        }
        map
    })
}

/// The other spellings of a normalised word (its attached و and article
/// read off), without the article; none for most words.
pub fn other_spellings(word: &str) -> &'static [String] {
    table()
        .get(&strip_prefixes(word))
        .map_or(&[], Vec::as_slice)
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
