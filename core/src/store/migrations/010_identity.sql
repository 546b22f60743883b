-- An article's identity is its guid within its source, not in the whole
-- database: two feeds may use the same guid for two articles (two sites on
-- one CMS numbering their posts). Across sources the canonical URL says
-- that two items are one article; an item may have no link at all, and is
-- kept without one. SQLite cannot drop a column's UNIQUE, so the table is
-- made again with the same ids (the search index, the user's marks and
-- every link point at them). Runs with foreign keys off (Store::init) and
-- ends with a foreign key check.
CREATE TABLE articles_new (
    id INTEGER PRIMARY KEY,
    source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL,
    guid TEXT NOT NULL,
    url TEXT,
    title TEXT NOT NULL,
    original_title TEXT,
    summary TEXT NOT NULL DEFAULT '',
    body_html TEXT NOT NULL DEFAULT '',
    direction TEXT NOT NULL DEFAULT 'rtl',
    image_url TEXT,
    image_id INTEGER REFERENCES images(id) ON DELETE SET NULL,
    image_caption TEXT,
    image_credit TEXT,
    category_slug TEXT,
    category_label TEXT,
    published_at INTEGER,
    fetched_at INTEGER NOT NULL,
    fingerprint TEXT,
    source_updated_at INTEGER,
    page_etag TEXT,
    page_last_modified TEXT
);
INSERT INTO articles_new (id, source_id, guid, url, title, original_title, summary, body_html,
        direction, image_url, image_id, image_caption, image_credit, category_slug, category_label,
        published_at, fetched_at, fingerprint, source_updated_at, page_etag, page_last_modified)
    SELECT id, source_id, guid, url, title, original_title, summary, body_html,
        direction, image_url, image_id, image_caption, image_credit, category_slug, category_label,
        published_at, fetched_at, fingerprint, source_updated_at, page_etag, page_last_modified
    FROM articles;
DROP TABLE articles;
ALTER TABLE articles_new RENAME TO articles;
CREATE INDEX articles_by_date ON articles (published_at DESC, id DESC);
CREATE UNIQUE INDEX articles_by_source_guid ON articles (source_id, guid);
CREATE UNIQUE INDEX articles_by_url ON articles (url) WHERE url IS NOT NULL;
CREATE INDEX articles_by_guid ON articles (guid);
CREATE INDEX articles_by_fingerprint ON articles (fingerprint) WHERE fingerprint IS NOT NULL;

-- Other addresses of a stored article: the page a mirror serves under its
-- own URL while naming the article's as canonical, or the address the
-- article's page names as canonical when it was read first through a
-- mirror. A feed item at one of them is that article, and its page is not
-- fetched again.
CREATE TABLE article_aliases (
    url TEXT PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX article_aliases_by_article ON article_aliases (article_id);

-- The same for what retention removed: remembered per source, and without
-- a URL where the item had none. Rows from before carry no source and are
-- matched by guid in any source, as they were.
CREATE TABLE removed_articles_new (
    source_id INTEGER,
    guid TEXT NOT NULL,
    url TEXT,
    removed_at INTEGER NOT NULL
);
INSERT INTO removed_articles_new (source_id, guid, url, removed_at)
    SELECT NULL, guid, url, removed_at FROM removed_articles;
DROP TABLE removed_articles;
ALTER TABLE removed_articles_new RENAME TO removed_articles;
CREATE UNIQUE INDEX removed_articles_by_guid ON removed_articles (guid, source_id);
CREATE INDEX removed_articles_by_url ON removed_articles (url) WHERE url IS NOT NULL;

-- Whether the last read of a source stopped at a limit (its size, or the
-- number of items read from one feed): what was read before it is kept.
ALTER TABLE sources ADD COLUMN last_cut INTEGER NOT NULL DEFAULT 0;
-- The last error's stable code (core::Error::code), so the window can say
-- what it means and offer what helps ("not_a_feed": find the page's feed).
ALTER TABLE sources ADD COLUMN last_error_code TEXT;
