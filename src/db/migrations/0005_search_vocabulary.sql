-- The words of the search index, one row per distinct (stemmed) term, kept by
-- FTS5 itself: search looks up the terms near a misspelt word here
-- ("semicondutor" -> "semiconductor") before it matches documents.
CREATE VIRTUAL TABLE `search_vocabulary` USING fts5vocab(`search_index`, 'row');
