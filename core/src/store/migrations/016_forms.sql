-- The words as written (search/forms.rs: normalised, attached letters off,
-- the article kept, no ending taken off), in an index of their own beside the
-- stems' (a column of the stems' index doubled it, and every query read
-- through it), so that a match of the word as the reader typed it ranks
-- before a match of its stem only. Contentless, rowid = article id; filled by
-- the rebuild that the new INDEX_VERSION starts (store/search.rs).
CREATE VIRTUAL TABLE articles_forms USING fts5(
    title, body,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0'
);
