-- Which pictures each article uses (lead and inline), so that pictures no
-- article uses any more can be given back when articles are removed.
CREATE TABLE article_images (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, image_id)
) WITHOUT ROWID;
CREATE INDEX article_images_by_image ON article_images (image_id);
INSERT OR IGNORE INTO article_images (article_id, image_id)
    SELECT id, image_id FROM articles WHERE image_id IS NOT NULL;

-- Articles removed by retention, so that a feed still listing them does not
-- bring them back.
CREATE TABLE removed_articles (
    guid TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    removed_at INTEGER NOT NULL
);
CREATE INDEX removed_articles_by_url ON removed_articles (url);
