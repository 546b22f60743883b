-- Sync accounts (a Miniflux or a Google Reader API server) and what keeps
-- two computers in step through one: which server item each article is,
-- which server feed each source is, when a flag last changed here, and the
-- outbox of changes made here that the server has not been told yet.

CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('miniflux', 'greader')),
    server_url TEXT NOT NULL,
    username TEXT NOT NULL,
    -- Where its secret is: the system keyring, a 0600 file beside the
    -- database, or this run of the app only. Never in this database.
    secret_place TEXT NOT NULL CHECK (secret_place IN ('keyring', 'file', 'session')),
    created_at INTEGER NOT NULL,
    -- The server's change time up to which its changes were read.
    cursor INTEGER,
    last_sync_at INTEGER,
    last_error TEXT,
    last_error_code TEXT,
    UNIQUE (kind, server_url, username)
);

CREATE TABLE remote_items (
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    remote_id INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    -- When a change of ours was last about to go to the server: a server
    -- change time up to then may be our own.
    sent_at INTEGER,
    PRIMARY KEY (account_id, remote_id)
);
CREATE INDEX remote_items_by_article ON remote_items (article_id);

CREATE TABLE remote_sources (
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    remote_id TEXT NOT NULL,
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    PRIMARY KEY (account_id, remote_id)
);
CREATE INDEX remote_sources_by_source ON remote_sources (source_id);

-- When the reader last changed a flag of an article on this computer.
CREATE TABLE flag_changes (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    flag TEXT NOT NULL CHECK (flag IN ('read', 'starred')),
    changed_at INTEGER NOT NULL,
    PRIMARY KEY (article_id, flag)
);

-- Changes made here, in order, for each account; a row goes once the
-- server has it. Every action sets a state (read, starred, subscribed), so
-- sending one twice is the same as once.
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    action TEXT NOT NULL CHECK (action IN ('read', 'unread', 'star', 'unstar', 'subscribe', 'unsubscribe')),
    remote_id INTEGER,
    feed_url TEXT,
    folder TEXT,
    queued_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
CREATE INDEX outbox_by_account ON outbox (account_id, seq);

-- A row here, inside a transaction, marks changes that came from a server:
-- the triggers below do not send them back. It is emptied before commit.
CREATE TABLE remote_apply (on_ INTEGER NOT NULL);

CREATE TRIGGER outbox_read AFTER INSERT ON read_state
WHEN NOT EXISTS (SELECT 1 FROM remote_apply)
BEGIN
    INSERT INTO flag_changes (article_id, flag, changed_at) VALUES (NEW.article_id, 'read', NEW.read_at)
        ON CONFLICT (article_id, flag) DO UPDATE SET changed_at = excluded.changed_at;
    DELETE FROM outbox WHERE action IN ('read', 'unread')
        AND remote_id IN (SELECT remote_id FROM remote_items ri WHERE ri.article_id = NEW.article_id AND ri.account_id = outbox.account_id);
    INSERT INTO outbox (account_id, action, remote_id, queued_at)
        SELECT account_id, 'read', remote_id, NEW.read_at FROM remote_items WHERE article_id = NEW.article_id;
END;

CREATE TRIGGER outbox_unread AFTER DELETE ON read_state
WHEN NOT EXISTS (SELECT 1 FROM remote_apply)
BEGIN
    INSERT INTO flag_changes (article_id, flag, changed_at) VALUES (OLD.article_id, 'read', unixepoch())
        ON CONFLICT (article_id, flag) DO UPDATE SET changed_at = excluded.changed_at;
    DELETE FROM outbox WHERE action IN ('read', 'unread')
        AND remote_id IN (SELECT remote_id FROM remote_items ri WHERE ri.article_id = OLD.article_id AND ri.account_id = outbox.account_id);
    INSERT INTO outbox (account_id, action, remote_id, queued_at)
        SELECT account_id, 'unread', remote_id, unixepoch() FROM remote_items WHERE article_id = OLD.article_id;
END;

CREATE TRIGGER outbox_star AFTER INSERT ON bookmarks
WHEN NOT EXISTS (SELECT 1 FROM remote_apply)
BEGIN
    INSERT INTO flag_changes (article_id, flag, changed_at) VALUES (NEW.article_id, 'starred', unixepoch())
        ON CONFLICT (article_id, flag) DO UPDATE SET changed_at = excluded.changed_at;
    DELETE FROM outbox WHERE action IN ('star', 'unstar')
        AND remote_id IN (SELECT remote_id FROM remote_items ri WHERE ri.article_id = NEW.article_id AND ri.account_id = outbox.account_id);
    INSERT INTO outbox (account_id, action, remote_id, queued_at)
        SELECT account_id, 'star', remote_id, unixepoch() FROM remote_items WHERE article_id = NEW.article_id;
END;

CREATE TRIGGER outbox_unstar AFTER DELETE ON bookmarks
WHEN NOT EXISTS (SELECT 1 FROM remote_apply)
BEGIN
    INSERT INTO flag_changes (article_id, flag, changed_at) VALUES (OLD.article_id, 'starred', unixepoch())
        ON CONFLICT (article_id, flag) DO UPDATE SET changed_at = excluded.changed_at;
    DELETE FROM outbox WHERE action IN ('star', 'unstar')
        AND remote_id IN (SELECT remote_id FROM remote_items ri WHERE ri.article_id = OLD.article_id AND ri.account_id = outbox.account_id);
    INSERT INTO outbox (account_id, action, remote_id, queued_at)
        SELECT account_id, 'unstar', remote_id, unixepoch() FROM remote_items WHERE article_id = OLD.article_id;
END;

CREATE TRIGGER outbox_subscribe AFTER INSERT ON sources
WHEN NOT EXISTS (SELECT 1 FROM remote_apply)
BEGIN
    INSERT INTO outbox (account_id, action, feed_url, folder, queued_at)
        SELECT id, 'subscribe', NEW.url, NEW.category_slug, unixepoch() FROM accounts;
END;

CREATE TRIGGER outbox_unsubscribe AFTER DELETE ON sources
WHEN NOT EXISTS (SELECT 1 FROM remote_apply)
BEGIN
    DELETE FROM outbox WHERE action = 'subscribe' AND feed_url = OLD.url;
    INSERT INTO outbox (account_id, action, feed_url, queued_at)
        SELECT id, 'unsubscribe', OLD.url, unixepoch() FROM accounts;
END;

-- A bookmark a server's unstar took away, with the note and tags that were
-- the reader's own: kept, so that sync never loses what the reader wrote.
CREATE TABLE bookmark_history (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    note TEXT,
    tags TEXT NOT NULL,
    removed_at INTEGER NOT NULL,
    removed_by TEXT NOT NULL
);
