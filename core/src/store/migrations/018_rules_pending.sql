-- Issue 30: stories the feed changed in place since the rules' last pass.
-- The pass reads new stories by id (`rules.applied_id`); a story replaced
-- by a newer version keeps its id, so it waits here to be read again: a
-- headline that now names a muted word is hidden like a new story's.
CREATE TABLE rules_pending (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE
) WITHOUT ROWID;
