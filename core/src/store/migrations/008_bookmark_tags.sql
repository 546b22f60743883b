-- The reader's tags on bookmarks (user state: sync never writes it). A tag
-- goes with its bookmark; rowid keeps the order the reader gave them.
CREATE TABLE bookmark_tags (
    article_id INTEGER NOT NULL REFERENCES bookmarks(article_id) ON DELETE CASCADE,
    tag TEXT NOT NULL CHECK (length(tag) BETWEEN 1 AND 64),
    PRIMARY KEY (article_id, tag)
);
CREATE INDEX bookmark_tags_by_tag ON bookmark_tags (tag, article_id);
