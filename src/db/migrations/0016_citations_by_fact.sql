-- Written by hand from drizzle-kit's output, to carry every row over. migrate() (src/db/open.ts) runs these
-- statements in one transaction, where PRAGMA foreign_keys=OFF does nothing: foreign keys are enforced and
-- DROP TABLE deletes the table's rows first, cascading to whatever references them. So the kind tables, which
-- other tables reference, are only altered, never rebuilt; the four tables rebuilt here (citations, revisions,
-- search_dependencies, idempotency_keys) are referenced by no table, and each is copied whole before it is dropped.
--
-- Every fact numbered: those of the kind tables (0009 numbered the facts of its day, the writer each one since),
-- and any fact a revision or an idempotency record names, so that the joins below find every row's fact.
INSERT OR IGNORE INTO `facts` (`kind`, `key`)
  SELECT 'Article', `id` FROM `articles`
  UNION ALL SELECT 'Exchange', `mic` FROM `exchanges`
  UNION ALL SELECT 'Company', `id` FROM `companies`
  UNION ALL SELECT 'Listing', `id` FROM `listings`
  UNION ALL SELECT 'IpoDeal', `id` FROM `ipo_deals`
  UNION ALL SELECT 'PolicyEvent', `id` FROM `policy_events`
  UNION ALL SELECT 'MarketIndex', `id` FROM `market_indexes`
  UNION ALL SELECT 'IndexWeighting', `id` FROM `index_weightings`
  UNION ALL SELECT 'Metric', `id` FROM `metrics`
  UNION ALL SELECT `kind`, `fact_key` FROM `revisions`
  UNION ALL SELECT `kind`, `fact_key` FROM `idempotency_keys`;
--> statement-breakpoint
-- Nullable: SQLite adds a column with a foreign key only that way (the writer always sets it).
ALTER TABLE `articles` ADD `fact_id` integer REFERENCES facts(id);
--> statement-breakpoint
UPDATE `articles` SET `fact_id` = (SELECT f.`id` FROM `facts` f WHERE f.`kind` = 'Article' AND f.`key` = `articles`.`id`);
--> statement-breakpoint
CREATE UNIQUE INDEX `articles_fact_idx` ON `articles` (`fact_id`);
--> statement-breakpoint
ALTER TABLE `exchanges` ADD `fact_id` integer REFERENCES facts(id);
--> statement-breakpoint
UPDATE `exchanges` SET `fact_id` = (SELECT f.`id` FROM `facts` f WHERE f.`kind` = 'Exchange' AND f.`key` = `exchanges`.`mic`);
--> statement-breakpoint
CREATE UNIQUE INDEX `exchanges_fact_idx` ON `exchanges` (`fact_id`);
--> statement-breakpoint
ALTER TABLE `companies` ADD `fact_id` integer REFERENCES facts(id);
--> statement-breakpoint
UPDATE `companies` SET `fact_id` = (SELECT f.`id` FROM `facts` f WHERE f.`kind` = 'Company' AND f.`key` = `companies`.`id`);
--> statement-breakpoint
CREATE UNIQUE INDEX `companies_fact_idx` ON `companies` (`fact_id`);
--> statement-breakpoint
ALTER TABLE `listings` ADD `fact_id` integer REFERENCES facts(id);
--> statement-breakpoint
UPDATE `listings` SET `fact_id` = (SELECT f.`id` FROM `facts` f WHERE f.`kind` = 'Listing' AND f.`key` = `listings`.`id`);
--> statement-breakpoint
CREATE UNIQUE INDEX `listings_fact_idx` ON `listings` (`fact_id`);
--> statement-breakpoint
ALTER TABLE `ipo_deals` ADD `fact_id` integer REFERENCES facts(id);
--> statement-breakpoint
UPDATE `ipo_deals` SET `fact_id` = (SELECT f.`id` FROM `facts` f WHERE f.`kind` = 'IpoDeal' AND f.`key` = `ipo_deals`.`id`);
--> statement-breakpoint
CREATE UNIQUE INDEX `ipo_deals_fact_idx` ON `ipo_deals` (`fact_id`);
--> statement-breakpoint
ALTER TABLE `policy_events` ADD `fact_id` integer REFERENCES facts(id);
--> statement-breakpoint
UPDATE `policy_events` SET `fact_id` = (SELECT f.`id` FROM `facts` f WHERE f.`kind` = 'PolicyEvent' AND f.`key` = `policy_events`.`id`);
--> statement-breakpoint
CREATE UNIQUE INDEX `policy_events_fact_idx` ON `policy_events` (`fact_id`);
--> statement-breakpoint
ALTER TABLE `market_indexes` ADD `fact_id` integer REFERENCES facts(id);
--> statement-breakpoint
UPDATE `market_indexes` SET `fact_id` = (SELECT f.`id` FROM `facts` f WHERE f.`kind` = 'MarketIndex' AND f.`key` = `market_indexes`.`id`);
--> statement-breakpoint
CREATE UNIQUE INDEX `market_indexes_fact_idx` ON `market_indexes` (`fact_id`);
--> statement-breakpoint
ALTER TABLE `index_weightings` ADD `fact_id` integer REFERENCES facts(id);
--> statement-breakpoint
UPDATE `index_weightings` SET `fact_id` = (SELECT f.`id` FROM `facts` f WHERE f.`kind` = 'IndexWeighting' AND f.`key` = `index_weightings`.`id`);
--> statement-breakpoint
CREATE UNIQUE INDEX `index_weightings_fact_idx` ON `index_weightings` (`fact_id`);
--> statement-breakpoint
ALTER TABLE `metrics` ADD `fact_id` integer REFERENCES facts(id);
--> statement-breakpoint
UPDATE `metrics` SET `fact_id` = (SELECT f.`id` FROM `facts` f WHERE f.`kind` = 'Metric' AND f.`key` = `metrics`.`id`);
--> statement-breakpoint
CREATE UNIQUE INDEX `metrics_fact_idx` ON `metrics` (`fact_id`);
--> statement-breakpoint
CREATE TABLE `__new_citations` (
	`id` integer PRIMARY KEY NOT NULL,
	`fact_id` integer NOT NULL,
	`article_id` text NOT NULL,
	`quote` text NOT NULL,
	`quote_offset` integer NOT NULL,
	`position` integer NOT NULL,
	`context` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`fact_id`) REFERENCES `facts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- Each citation's one subject (the old check allowed exactly one column set) becomes its fact's number.
INSERT INTO `__new_citations` (`id`, `fact_id`, `article_id`, `quote`, `quote_offset`, `position`, `context`)
  SELECT c.`id`, f.`id`, c.`article_id`, c.`quote`, c.`quote_offset`, c.`position`, c.`context` FROM `citations` c
  JOIN `facts` f ON f.`kind` = CASE
    WHEN c.`company_id` IS NOT NULL THEN 'Company'
    WHEN c.`exchange_mic` IS NOT NULL THEN 'Exchange'
    WHEN c.`listing_id` IS NOT NULL THEN 'Listing'
    WHEN c.`ipo_deal_id` IS NOT NULL THEN 'IpoDeal'
    WHEN c.`policy_event_id` IS NOT NULL THEN 'PolicyEvent'
    WHEN c.`market_index_id` IS NOT NULL THEN 'MarketIndex'
    WHEN c.`index_weighting_id` IS NOT NULL THEN 'IndexWeighting'
    WHEN c.`metric_id` IS NOT NULL THEN 'Metric'
  END
    AND f.`key` = coalesce(c.`company_id`, c.`exchange_mic`, c.`listing_id`, c.`ipo_deal_id`, c.`policy_event_id`, c.`market_index_id`, c.`index_weighting_id`, c.`metric_id`);
--> statement-breakpoint
DROP TABLE `citations`;
--> statement-breakpoint
ALTER TABLE `__new_citations` RENAME TO `citations`;
--> statement-breakpoint
CREATE INDEX `citations_fact_idx` ON `citations` (`fact_id`,`position`,`id`);
--> statement-breakpoint
CREATE INDEX `citations_article_idx` ON `citations` (`article_id`,`position`,`id`);
--> statement-breakpoint
CREATE TABLE `__new_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`by` text NOT NULL,
	`source` text NOT NULL,
	`kind` text NOT NULL,
	`fact_id` integer NOT NULL,
	`version` integer NOT NULL,
	`action` text NOT NULL,
	`before` text,
	`after` text NOT NULL,
	`reason` text,
	`changed_fields` text,
	FOREIGN KEY (`fact_id`) REFERENCES `facts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "revisions_source_check" CHECK("source" in ('seed', 'api'))
);
--> statement-breakpoint
INSERT INTO `__new_revisions` (`id`, `at`, `by`, `source`, `kind`, `fact_id`, `version`, `action`, `before`, `after`, `reason`, `changed_fields`)
  SELECT r.`id`, r.`at`, r.`by`, r.`source`, r.`kind`, f.`id`, r.`version`, r.`action`, r.`before`, r.`after`, r.`reason`, r.`changed_fields`
  FROM `revisions` r JOIN `facts` f ON f.`kind` = r.`kind` AND f.`key` = r.`fact_key`;
--> statement-breakpoint
-- AUTOINCREMENT: the new table goes on from the highest id the old one ever gave, so no id is given twice.
UPDATE `sqlite_sequence` SET `seq` = max(`seq`, (SELECT `seq` FROM `sqlite_sequence` WHERE `name` = 'revisions')) WHERE `name` = '__new_revisions';
--> statement-breakpoint
INSERT INTO `sqlite_sequence` (`name`, `seq`) SELECT '__new_revisions', `seq` FROM `sqlite_sequence`
  WHERE `name` = 'revisions' AND NOT EXISTS (SELECT 1 FROM `sqlite_sequence` WHERE `name` = '__new_revisions');
--> statement-breakpoint
DROP TABLE `revisions`;
--> statement-breakpoint
ALTER TABLE `__new_revisions` RENAME TO `revisions`;
--> statement-breakpoint
CREATE INDEX `revisions_fact_idx` ON `revisions` (`fact_id`,`id`);
--> statement-breakpoint
CREATE INDEX `revisions_kind_idx` ON `revisions` (`kind`,`id`);
--> statement-breakpoint
CREATE INDEX `revisions_by_idx` ON `revisions` (`by`,`id`);
--> statement-breakpoint
CREATE INDEX `revisions_at_idx` ON `revisions` (`at`);
--> statement-breakpoint
CREATE TABLE `__new_search_dependencies` (
	`fact_id` integer NOT NULL,
	`target_id` integer NOT NULL,
	PRIMARY KEY(`fact_id`, `target_id`),
	FOREIGN KEY (`fact_id`) REFERENCES `facts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`target_id`) REFERENCES `facts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_search_dependencies` (`fact_id`, `target_id`)
  SELECT f.`id`, t.`id` FROM `search_dependencies` d
  JOIN `facts` f ON f.`kind` = d.`kind` AND f.`key` = d.`entity_id`
  JOIN `facts` t ON t.`kind` = d.`target_kind` AND t.`key` = d.`target_key`;
--> statement-breakpoint
DROP TABLE `search_dependencies`;
--> statement-breakpoint
ALTER TABLE `__new_search_dependencies` RENAME TO `search_dependencies`;
--> statement-breakpoint
CREATE INDEX `search_dependencies_target_idx` ON `search_dependencies` (`target_id`);
--> statement-breakpoint
CREATE TABLE `__new_idempotency_keys` (
	`key_name` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`input_hash` text NOT NULL,
	`fact_id` integer NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`key_name`, `idempotency_key`),
	FOREIGN KEY (`fact_id`) REFERENCES `facts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_idempotency_keys` (`key_name`, `idempotency_key`, `input_hash`, `fact_id`, `created_at`)
  SELECT i.`key_name`, i.`idempotency_key`, i.`input_hash`, f.`id`, i.`created_at`
  FROM `idempotency_keys` i JOIN `facts` f ON f.`kind` = i.`kind` AND f.`key` = i.`fact_key`;
--> statement-breakpoint
DROP TABLE `idempotency_keys`;
--> statement-breakpoint
ALTER TABLE `__new_idempotency_keys` RENAME TO `idempotency_keys`;
--> statement-breakpoint
CREATE INDEX `idempotency_keys_fact_idx` ON `idempotency_keys` (`fact_id`);