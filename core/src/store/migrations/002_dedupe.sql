-- Headline + day fingerprint, for the same article under another address.
ALTER TABLE articles ADD COLUMN fingerprint TEXT;
CREATE INDEX articles_by_fingerprint ON articles (fingerprint) WHERE fingerprint IS NOT NULL;
