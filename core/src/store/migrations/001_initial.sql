-- Content that sync writes and rewrites.
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    title TEXT,
    category_slug TEXT,
    enabled INTEGER NOT NULL DEFAULT 1,
    etag TEXT,
    last_modified TEXT,
    last_fetched_at INTEGER,
    last_success_at INTEGER,
    last_error TEXT,
    created_at INTEGER NOT NULL
);

CREATE TABLE categories (
    slug TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    url TEXT,
    position INTEGER NOT NULL
);

-- Images are content-addressed: one row per distinct body, any number of URLs.
CREATE TABLE images (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    mime TEXT NOT NULL,
    bytes BLOB NOT NULL,
    size INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE image_urls (
    url TEXT PRIMARY KEY,
    image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE
);

CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL,
    guid TEXT NOT NULL UNIQUE,
    url TEXT NOT NULL UNIQUE,
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
    fetched_at INTEGER NOT NULL
);
CREATE INDEX articles_by_date ON articles (published_at DESC, id DESC);

CREATE TABLE article_categories (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    category_slug TEXT NOT NULL,
    PRIMARY KEY (category_slug, article_id)
) WITHOUT ROWID;

CREATE TABLE article_links (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('see_also', 'related')),
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    original_title TEXT,
    category TEXT,
    url TEXT NOT NULL,
    PRIMARY KEY (article_id, kind, position)
);
CREATE INDEX article_links_by_url ON article_links (url);

-- User state, kept apart from content so that a re-sync never touches it.
CREATE TABLE read_state (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    read_at INTEGER NOT NULL
);

-- RESTRICT: the database itself refuses to delete a bookmarked article.
CREATE TABLE bookmarks (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE RESTRICT,
    created_at INTEGER NOT NULL,
    note TEXT
);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
