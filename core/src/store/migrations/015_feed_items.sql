-- Issue 26: everything a feed says of an item is kept.

-- Its authors and its categories/tags, in the feed's order.
CREATE TABLE article_authors (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    email TEXT,
    url TEXT,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE INDEX article_authors_by_name ON article_authors (name COLLATE NOCASE);

CREATE TABLE article_feed_tags (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    term TEXT NOT NULL,
    scheme TEXT,
    label TEXT,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE INDEX article_feed_tags_by_term ON article_feed_tags (term COLLATE NOCASE);

-- Where an article's body came from: 'page' (its page, extracted), 'feed'
-- (the feed's own text: the page could not be read yet, or extracted to
-- less than the feed carried), NULL (no body).
ALTER TABLE articles ADD COLUMN body_source TEXT CHECK (body_source IN ('page', 'feed'));

-- Articles whose page is still to be read: retried at later syncs, each
-- wait longer than the last (sync/retry.rs).
CREATE TABLE page_retries (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    attempts INTEGER NOT NULL,
    next_at INTEGER NOT NULL,
    last_error TEXT
);

-- The encoding a source's feed was last read in (windows-1256, UTF-8…).
ALTER TABLE sources ADD COLUMN encoding TEXT;

-- The search index gains a column for the byline and the tags. The index is
-- contentless, so it is made again and filled by the rebuild that the new
-- INDEX_VERSION starts (store/search.rs).
DROP TABLE articles_vocab;
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, summary, body, original_title, sections, byline,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '3'
);
CREATE VIRTUAL TABLE articles_vocab USING fts5vocab(articles_fts, 'row');
