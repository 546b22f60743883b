//! Arabic-aware search: the text of every article is normalised and stemmed
//! in Rust (`normalize`, `stem`, `tokens`) and kept in an SQLite FTS5 index
//! (`store/search.rs`); a reader's query goes through the same steps
//! (`query`), and the matches are shown in the original text (`snippet`).

pub mod forms;
pub mod normalize;
pub mod patterns;
pub mod query;
pub mod snippet;
pub mod stem;
pub mod tokens;
pub mod variants;

pub use normalize::normalize;
pub use query::Query;
pub use snippet::{highlight, snippet, Segment};
pub use stem::Stemmer;
