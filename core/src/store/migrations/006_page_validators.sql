-- The article page's own validators, sent when the page is read again
-- after the feed said the article changed.
ALTER TABLE articles ADD COLUMN page_etag TEXT;
ALTER TABLE articles ADD COLUMN page_last_modified TEXT;
