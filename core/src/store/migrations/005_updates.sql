-- When the feed last said the article changed, so that a later change is
-- fetched again.
ALTER TABLE articles ADD COLUMN source_updated_at INTEGER;
