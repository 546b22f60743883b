//! The rules and saved searches as a file, beside the bookmarks' export:
//! to carry them to another computer or keep them. A rule narrowed to one
//! source names it by its feed's address (ids belong to one database). A
//! file is read and checked whole before anything is kept: a bad one
//! changes nothing.

use serde::{Deserialize, Serialize};

use super::{RuleSpec, MAX_RULES};
use crate::error::{Error, Result};
use crate::store::saved_searches::{SearchSpec, MAX_SAVED_SEARCHES};
use crate::store::Store;

const FORMAT: &str = "khabarain-rules";
const VERSION: u32 = 1;
/// The largest file read (two hundred rules are a few tens of KiB).
pub const MAX_BYTES: usize = 1024 * 1024;

/// A rule as the file holds it: a `RuleSpec` whose source is named by its
/// feed's address. (Its own fields rather than a flattened `RuleSpec`: the
/// derived code of a flattened Deserialize is large, and the .deb has a
/// budget.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRule {
    pub words: String,
    #[serde(default)]
    pub field: super::Field,
    /// The feed of the rule's source, where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feed_tag: Option<String>,
    pub action: super::Action,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
}

impl FileRule {
    /// The rule, its source given by id.
    fn spec(&self, source_id: Option<i64>) -> RuleSpec {
        RuleSpec {
            words: self.words.clone(),
            field: self.field,
            source_id,
            category: self.category.clone(),
            author: self.author.clone(),
            feed_tag: self.feed_tag.clone(),
            action: self.action,
            tag: self.tag.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RulesFile {
    pub format: String,
    pub version: u32,
    #[serde(default)]
    pub rules: Vec<FileRule>,
    #[serde(default)]
    pub saved_searches: Vec<SearchSpec>,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RulesImport {
    pub rules_added: usize,
    /// Rules this database has already.
    pub rules_known: usize,
    /// Rules narrowed to a source this database does not have (kept out:
    /// without it, a rule meant for one source would act on all).
    pub rules_without_source: Vec<String>,
    /// How many articles the added rules caught.
    pub caught: usize,
    pub searches_added: usize,
    pub searches_known: usize,
}

/// The file of this database's rules and saved searches.
pub fn export(store: &Store) -> Result<String> {
    let sources = store.sources()?;
    let rules = store
        .rules()?
        .into_iter()
        .map(|r| FileRule {
            source_url: r
                .spec
                .source_id
                .and_then(|id| sources.iter().find(|s| s.id == id))
                .map(|s| s.url.clone()),
            words: r.spec.words,
            field: r.spec.field,
            category: r.spec.category,
            author: r.spec.author,
            feed_tag: r.spec.feed_tag,
            action: r.spec.action,
            tag: r.spec.tag,
        })
        .collect();
    let saved_searches = store
        .saved_searches()?
        .into_iter()
        .map(|s| SearchSpec {
            name: Some(s.name),
            query: s.query,
            category: s.category,
            unread_only: s.unread_only,
        })
        .collect();
    let file = RulesFile {
        format: FORMAT.into(),
        version: VERSION,
        rules,
        saved_searches,
    };
    serde_json::to_string(&file).map_err(|e| Error::InvalidInput(e.to_string()))
}

fn bad(why: impl Into<String>) -> Error {
    Error::BadFile(why.into())
}

/// Reads a file and checks all of it: the format, and every rule and
/// search as the store would check it.
pub fn read(text: &str) -> Result<RulesFile> {
    if text.len() > MAX_BYTES {
        return Err(bad("larger than 1 MiB"));
    }
    let file: RulesFile =
        serde_json::from_str(text).map_err(|e| bad(format!("not a rules file: {e}")))?;
    if file.format != FORMAT || file.version != VERSION {
        return Err(bad(format!(
            "format {} version {}",
            file.format, file.version
        )));
    }
    if file.rules.len() > MAX_RULES || file.saved_searches.len() > MAX_SAVED_SEARCHES {
        return Err(bad("more rules or saved searches than a database keeps"));
    }
    for r in &file.rules {
        // Its source is named by address here; it stands for one.
        r.spec(r.source_url.as_ref().map(|_| 0))
            .checked()
            .map_err(|e| bad(format!("rule {:?}: {e}", r.words)))?;
        if let Some(u) = &r.source_url {
            url::Url::parse(u).map_err(|e| bad(format!("rule {:?}: source {e}", r.words)))?;
        }
    }
    for s in &file.saved_searches {
        s.checked()
            .map_err(|e| bad(format!("search {:?}: {e}", s.query)))?;
    }
    Ok(file)
}

/// Adds what a file holds that this database does not have yet.
pub fn import(store: &Store, text: &str) -> Result<RulesImport> {
    let file = read(text)?;
    let sources = store.sources()?;
    let known: Vec<RuleSpec> = store.rules()?.into_iter().map(|r| r.spec).collect();
    let mut report = RulesImport::default();
    for r in file.rules {
        let source_id = match &r.source_url {
            None => None,
            Some(u) => match sources.iter().find(|s| &s.url == u) {
                Some(s) => Some(s.id),
                None => {
                    report.rules_without_source.push(r.words.clone());
                    continue;
                }
            },
        };
        let spec = r.spec(source_id).checked()?;
        if known.contains(&spec) {
            report.rules_known += 1;
            continue;
        }
        report.caught += store.add_rule(&spec)?.count;
        report.rules_added += 1;
    }
    let searches = store.saved_searches()?;
    for s in file.saved_searches {
        let s = s.checked()?;
        if searches.iter().any(|k| {
            k.query == s.query && k.category == s.category && k.unread_only == s.unread_only
        }) {
            report.searches_known += 1;
            continue;
        }
        store.save_search(&s)?;
        report.searches_added += 1;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Action;

    #[test]
    fn rules_and_searches_go_out_and_come_back_once() {
        let a = Store::open_in_memory().expect("store");
        let src = a
            .ensure_source("https://feeds.example/world.xml", None)
            .expect("source");
        a.add_rule(&RuleSpec::new("ترامب", Action::Hide))
            .expect("rule");
        a.add_rule(&RuleSpec {
            source_id: Some(src),
            ..RuleSpec::new("«كأس العالم»", Action::Only)
        })
        .expect("rule");
        a.add_rule(&RuleSpec {
            tag: Some("زلازل".into()),
            ..RuleSpec::new("زلزال", Action::Bookmark)
        })
        .expect("rule");
        a.save_search(&SearchSpec {
            name: Some("اللاجئون".into()),
            query: "اللاجئ".into(),
            category: Some("world".into()),
            unread_only: true,
        })
        .expect("search");
        let text = export(&a).expect("export");
        assert!(text.contains("https://feeds.example/world.xml"));

        let b = Store::open_in_memory().expect("store");
        let report = import(&b, &text).expect("import");
        assert_eq!(report.rules_added, 2);
        assert_eq!(
            report.rules_without_source,
            vec!["«كأس العالم»".to_string()]
        );
        assert_eq!(report.searches_added, 1);
        b.ensure_source("https://feeds.example/world.xml", None)
            .expect("source");
        let again = import(&b, &text).expect("import again");
        assert_eq!((again.rules_added, again.rules_known), (1, 2));
        assert_eq!(again.searches_known, 1);
        let words: Vec<String> = b
            .rules()
            .expect("rules")
            .into_iter()
            .map(|r| r.spec.words)
            .collect();
        assert_eq!(words.len(), 3);
        assert_eq!(b.saved_searches().expect("searches")[0].name, "اللاجئون");
    }

    #[test]
    fn a_bad_file_changes_nothing() {
        let store = Store::open_in_memory().expect("store");
        let good = r#"{"format":"khabarain-rules","version":1,"rules":[{"words":"ترامب","action":"hide"}]}"#;
        for text in [
            "not json",
            r#"{"format":"other","version":1}"#,
            // The second rule is bad: the first is not kept either.
            r#"{"format":"khabarain-rules","version":1,"rules":[{"words":"ترامب","action":"hide"},{"words":"x","action":"bookmark"}]}"#,
            r#"{"format":"khabarain-rules","version":1,"rules":[{"words":"ترامب","action":"delete"}]}"#,
        ] {
            let e = import(&store, text).expect_err(text);
            assert_eq!(e.code(), "bad_file", "{text}");
            assert!(store.rules().expect("rules").is_empty(), "{text}");
        }
        assert_eq!(import(&store, good).expect("good").rules_added, 1);
    }
}
