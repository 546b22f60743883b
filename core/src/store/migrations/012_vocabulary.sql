-- The search index's terms with the number of articles holding each: a
-- query reads a word's attached letters both ways (بكوريا, كوريا) and
-- keeps a guessed reading only when articles bear it out
-- (search::Query::parse_with).
CREATE VIRTUAL TABLE articles_vocab USING fts5vocab(articles_fts, 'row');
