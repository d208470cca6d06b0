-- Market indexes and exchanges became searchable: their documents, for databases seeded before. The text is each
-- descriptor's search.text (src/kinds/market-index.ts, exchange.ts) in SQL: joinText is the parts joined by ' · ',
-- a missing one left out. Live facts only, each under its number in facts, as the seed writer writes them.
INSERT INTO `search_index` (`rowid`, `kind`, `entity_id`, `title`, `body`)
  SELECT f.`id`, 'MarketIndex', i.`id`,
    i.`name` || coalesce((SELECT group_concat(' · ' || a.`value`, '' ORDER BY a.`key`) FROM json_each(i.`aliases`) a), ''),
    coalesce(i.`description`, '')
  FROM `market_indexes` i JOIN `facts` f ON f.`kind` = 'MarketIndex' AND f.`key` = i.`id`
  WHERE i.`retracted_at` IS NULL AND NOT EXISTS (SELECT 1 FROM `search_index` s WHERE s.`rowid` = f.`id`);
--> statement-breakpoint
INSERT INTO `search_index` (`rowid`, `kind`, `entity_id`, `title`, `body`)
  SELECT f.`id`, 'Exchange', e.`mic`,
    e.`name` || coalesce((SELECT group_concat(' · ' || a.`value`, '' ORDER BY a.`key`) FROM json_each(e.`aliases`) a), ''),
    e.`mic` || ' · ' || e.`country`
  FROM `exchanges` e JOIN `facts` f ON f.`kind` = 'Exchange' AND f.`key` = e.`mic`
  WHERE e.`retracted_at` IS NULL AND NOT EXISTS (SELECT 1 FROM `search_index` s WHERE s.`rowid` = f.`id`);
