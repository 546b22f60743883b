-- Issue 30: the reader's rules (core/src/rules/). A rule matches words or a
-- phrase (as search reads them) in the headline, the text or both, optionally
-- only in one source, section, author or feed tag, and acts: hide, mark read,
-- bookmark with a tag, notify, or show only (a keep-list: what does not match
-- is hidden). User state: sync never writes these tables except through the
-- reader's own rules.
CREATE TABLE rules (
    id INTEGER PRIMARY KEY,
    words TEXT NOT NULL CHECK (length(words) BETWEEN 1 AND 200),
    field TEXT NOT NULL DEFAULT 'any' CHECK (field IN ('title', 'text', 'any')),
    source_id INTEGER REFERENCES sources(id) ON DELETE CASCADE,
    category_slug TEXT,
    author TEXT,
    feed_tag TEXT,
    action TEXT NOT NULL CHECK (action IN ('hide', 'read', 'bookmark', 'notify', 'only')),
    -- The tag a 'bookmark' rule puts on what it saves.
    tag TEXT CHECK (tag IS NULL OR length(tag) BETWEEN 1 AND 64),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    -- The application that made it (an undo of that one removes it).
    batch INTEGER NOT NULL
);

-- What each rule did to each article. `batch` is the application that made
-- the row (its undo takes back exactly that); `changed`: the rule changed the
-- article's state (marked it read, saved it), so an undo puts it back;
-- `hides`: the article leaves the lists because of it (hide, and the articles
-- a keep-list does not keep).
CREATE TABLE rule_hits (
    rule_id INTEGER NOT NULL REFERENCES rules(id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    batch INTEGER NOT NULL,
    changed INTEGER NOT NULL DEFAULT 0 CHECK (changed IN (0, 1)),
    hides INTEGER NOT NULL DEFAULT 0 CHECK (hides IN (0, 1)),
    PRIMARY KEY (rule_id, article_id)
) WITHOUT ROWID;
CREATE INDEX rule_hits_by_article ON rule_hits (article_id);
CREATE INDEX rule_hits_hidden ON rule_hits (article_id) WHERE hides;
CREATE INDEX rule_hits_by_batch ON rule_hits (batch);

-- Articles the reader showed again from the hidden view: no rule hides them
-- again.
CREATE TABLE rules_shown (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE
);

-- Saved searches: a query with its filters, kept as a section of its own.
CREATE TABLE saved_searches (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    query TEXT NOT NULL CHECK (length(query) BETWEEN 1 AND 200),
    category_slug TEXT,
    unread_only INTEGER NOT NULL DEFAULT 0 CHECK (unread_only IN (0, 1)),
    position INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
