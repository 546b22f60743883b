//! The reader's rules: words or a phrase to look for, where, and what to do
//! with what matches (hide it, mark it read, save it with a tag, tell the
//! reader, or, for a noisy source, show only what matches). Words match as
//! search matches them (`search::Query`: normalised, attached letters and
//! forms read the same way), so «ترامب» catches «لترامب» and «وترامب», and
//! «اللاجئ» catches «اللاجئين», without catching words that only hold the
//! same letters. The store applies them (`store/rules.rs`): to every new
//! item after each source of a sync, and to what is stored when a rule is
//! made or changed.

pub mod file;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::search::query::MAX_CHARS;

/// The most rules a reader can keep (each is one full-text match per pass).
pub const MAX_RULES: usize = 200;

/// What a rule does to what it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Muted: the article leaves the lists and the counts (never deleted;
    /// the hidden view lists it with the rule).
    Hide,
    /// Marked read.
    Read,
    /// Saved, with the rule's tag.
    Bookmark,
    /// Told as an urgent item is, once (joins the breaking-news alerts).
    Notify,
    /// A keep-list: in the rule's source or section, what does not match
    /// is hidden.
    Only,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Hide => "hide",
            Action::Read => "read",
            Action::Bookmark => "bookmark",
            Action::Notify => "notify",
            Action::Only => "only",
        }
    }

    pub fn parse(s: &str) -> Result<Action> {
        Ok(match s {
            "hide" => Action::Hide,
            "read" => Action::Read,
            "bookmark" => Action::Bookmark,
            "notify" => Action::Notify,
            "only" => Action::Only,
            _ => return Err(Error::InvalidInput(format!("rule action {s:?}"))),
        })
    }

    /// Whether what this rule hits leaves the lists.
    pub fn hides(self) -> bool {
        matches!(self, Action::Hide | Action::Only)
    }
}

/// Where a rule looks for its words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The headline (and the original-language headline).
    Title,
    /// The summary and the body, with the picture's caption.
    Text,
    #[default]
    Any,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Text => "text",
            Field::Any => "any",
        }
    }

    pub fn parse(s: &str) -> Result<Field> {
        Ok(match s {
            "title" => Field::Title,
            "text" => Field::Text,
            "any" => Field::Any,
            _ => return Err(Error::InvalidInput(format!("rule field {s:?}"))),
        })
    }

    /// The search index's columns this field covers, as an FTS5 column
    /// filter (never the sections or the byline: a word rule is about what
    /// the article says).
    pub fn columns(self) -> &'static str {
        match self {
            Field::Title => "{title original_title}",
            Field::Text => "{summary body}",
            Field::Any => "{title summary body original_title}",
        }
    }
}

/// A rule as the reader makes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSpec {
    /// Words (all must match) or a phrase in quotes, as a search is typed.
    pub words: String,
    #[serde(default)]
    pub field: Field,
    /// Only in this source (its id).
    #[serde(default)]
    pub source_id: Option<i64>,
    /// Only in this section (its slug).
    #[serde(default)]
    pub category: Option<String>,
    /// Only by this author, as the feed names them.
    #[serde(default)]
    pub author: Option<String>,
    /// Only what the feed filed under this category or tag.
    #[serde(default)]
    pub feed_tag: Option<String>,
    pub action: Action,
    /// The tag a `bookmark` rule puts on what it saves.
    #[serde(default)]
    pub tag: Option<String>,
}

/// A stored rule (only ever sent out: a derived Deserialize of a flattened
/// struct is heavy code, and the .deb has a budget).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rule {
    pub id: i64,
    #[serde(flatten)]
    pub spec: RuleSpec,
    pub created_at: i64,
    /// How many stored articles it hits now.
    pub hits: i64,
}

fn blank(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(|t| crate::text::clean_text(t).trim().to_string())
        .filter(|t| !t.is_empty())
}

impl RuleSpec {
    /// A rule on these words, in the headline and text, on every source.
    pub fn new(words: &str, action: Action) -> Self {
        Self {
            words: words.into(),
            field: Field::Any,
            source_id: None,
            category: None,
            author: None,
            feed_tag: None,
            action,
            tag: None,
        }
    }

    /// The rule as it will be kept: text trimmed and cleaned, empty
    /// optional parts dropped; an error says what is wrong with it.
    pub fn checked(&self) -> Result<RuleSpec> {
        let bad = |what: &str| Err(Error::InvalidInput(what.to_string()));
        // Bidi controls and control characters out: a rule is shown in the
        // settings and printed by the CLI.
        let words = crate::text::clean_text(&self.words).trim().to_string();
        if words.is_empty() {
            return bad("a rule needs words to look for");
        }
        if words.chars().count() > MAX_CHARS {
            return bad("a rule's words are longer than 200 characters");
        }
        if crate::search::Query::parse(&format!("{words} "), crate::store::search::STEMMER)
            .is_none()
        {
            return bad("a rule's words hold nothing that can be searched for");
        }
        let spec = RuleSpec {
            words,
            field: self.field,
            source_id: self.source_id,
            category: blank(&self.category),
            author: blank(&self.author),
            feed_tag: blank(&self.feed_tag),
            action: self.action,
            tag: blank(&self.tag),
        };
        for part in [&spec.category, &spec.author, &spec.feed_tag]
            .into_iter()
            .flatten()
        {
            if part.chars().count() > 200 {
                return bad("a rule's section, author or tag is longer than 200 characters");
            }
        }
        match spec.action {
            Action::Bookmark => {
                let tag = spec.tag.clone().unwrap_or_default();
                let tags = crate::store::normalize_tags(&[tag])?;
                if tags.len() != 1 {
                    return bad("a rule that saves needs one tag");
                }
                Ok(RuleSpec {
                    tag: tags.into_iter().next(),
                    ..spec
                })
            }
            Action::Only if spec.source_id.is_none() && spec.category.is_none() => {
                bad("a keep-list rule needs a source or a section")
            }
            _ => Ok(RuleSpec { tag: None, ..spec }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_is_checked_before_it_is_kept() {
        assert!(RuleSpec::new("  ", Action::Hide).checked().is_err());
        assert!(
            RuleSpec::new("...", Action::Hide).checked().is_err(),
            "nothing to search"
        );
        assert!(RuleSpec::new(&"ا".repeat(201), Action::Hide)
            .checked()
            .is_err());
        assert!(
            RuleSpec::new("ترامب", Action::Bookmark).checked().is_err(),
            "no tag"
        );
        assert!(
            RuleSpec::new("ترامب", Action::Only).checked().is_err(),
            "no scope"
        );
        let ok = RuleSpec {
            tag: Some(" سياسة ".into()),
            category: Some("  ".into()),
            ..RuleSpec::new(" ترامب\u{202e} ", Action::Bookmark)
        }
        .checked()
        .expect("valid");
        assert_eq!(ok.words, "ترامب");
        assert_eq!(ok.tag.as_deref(), Some("سياسة"));
        assert_eq!(ok.category, None);
        let hide = RuleSpec {
            tag: Some("x".into()),
            ..RuleSpec::new("ترامب", Action::Hide)
        };
        assert_eq!(hide.checked().expect("valid").tag, None, "only saving tags");
    }

    #[test]
    fn actions_and_fields_read_back_as_written() {
        for a in [
            Action::Hide,
            Action::Read,
            Action::Bookmark,
            Action::Notify,
            Action::Only,
        ] {
            assert_eq!(Action::parse(a.as_str()).expect("known"), a);
        }
        for f in [Field::Title, Field::Text, Field::Any] {
            assert_eq!(Field::parse(f.as_str()).expect("known"), f);
        }
        assert!(Action::parse("delete").is_err());
    }
}
