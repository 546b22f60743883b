-- Hash of the last feed body whose every item was stored: a feed served
-- without ETag/Last-Modified that has not changed is not parsed again.
ALTER TABLE sources ADD COLUMN content_hash TEXT;
