-- Where the reader stopped in each article (a share of the page, 0 to 1).
CREATE TABLE reading_positions (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    position REAL NOT NULL CHECK (position >= 0 AND position <= 1),
    updated_at INTEGER NOT NULL
);
