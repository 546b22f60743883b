-- The search index: every article's headline, summary, body text and
-- original headline as normalised, stemmed terms (made in Rust, see
-- core/src/search/), one row per article (rowid = article id). Contentless:
-- the text itself stays in `articles`. Filled by the app after this
-- migration and kept current by every write of an article.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, summary, body, original_title,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '2 3'
);
