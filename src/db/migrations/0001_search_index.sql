-- Full-text index over articles and every entity's names, aliases, descriptions
-- and summaries. Filled by the seed loader; drizzle has no FTS5 table builder.
-- porter stemming lets "listing" find "listings"; diacritics are folded.
CREATE VIRTUAL TABLE `search_index` USING fts5(
	`kind` UNINDEXED,
	`entity_id` UNINDEXED,
	`title`,
	`body`,
	tokenize = 'porter unicode61 remove_diacritics 2'
);
