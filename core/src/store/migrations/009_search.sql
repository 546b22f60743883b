-- The search index: every article's headline, summary, body text (with
-- its picture's caption) and original headline as normalised, stemmed
-- terms (made in Rust, see core/src/search/), and the sections it is filed
-- under (so a search narrowed to a section is narrowed inside the index),
-- one row per article (rowid = article id). Contentless:
-- the text itself stays in `articles`. Filled by the app after this
-- migration and kept current by every write of an article. A prefix index
-- of three letters makes a word being typed quick to find (scripts/
-- bench-search.sh: p95 9 ms with it, 11 ms without; 2-3-4 made syncs 17%
-- slower for 1 ms).
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, summary, body, original_title, sections,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '3'
);

-- The sections of one article (the table's key leads with the section).
CREATE INDEX article_categories_by_article ON article_categories (article_id, category_slug);
