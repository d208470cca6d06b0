CREATE TABLE `company_names` (
	`company_id` text NOT NULL,
	`name` text NOT NULL,
	`key` text NOT NULL,
	PRIMARY KEY(`company_id`, `name`),
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `company_names_key_idx` ON `company_names` (`key`);--> statement-breakpoint
CREATE TABLE `facts` (
	`id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`key` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `facts_kind_key_idx` ON `facts` (`kind`,`key`);--> statement-breakpoint
CREATE TABLE `search_refresh` (
	`fact_id` integer PRIMARY KEY NOT NULL,
	FOREIGN KEY (`fact_id`) REFERENCES `facts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `revisions` ADD `changed_fields` text;--> statement-breakpoint
-- Number every existing fact, in the registry's order (src/kinds/index.ts).
INSERT INTO `facts` (`kind`, `key`)
  SELECT 'Article', `id` FROM `articles`
  UNION ALL SELECT 'Exchange', `mic` FROM `exchanges`
  UNION ALL SELECT 'Company', `id` FROM `companies`
  UNION ALL SELECT 'Listing', `id` FROM `listings`
  UNION ALL SELECT 'IpoDeal', `id` FROM `ipo_deals`
  UNION ALL SELECT 'PolicyEvent', `id` FROM `policy_events`
  UNION ALL SELECT 'MarketIndex', `id` FROM `market_indexes`
  UNION ALL SELECT 'IndexWeighting', `id` FROM `index_weightings`
  UNION ALL SELECT 'Metric', `id` FROM `metrics`;
--> statement-breakpoint
-- Each search document moves to its fact's number as rowid, so it is replaced and deleted by key.
CREATE TABLE `search_index_renumbered` AS
  SELECT f.`id`, s.`kind`, s.`entity_id`, s.`title`, s.`body` FROM `search_index` s JOIN `facts` f ON f.`kind` = s.`kind` AND f.`key` = s.`entity_id`;
--> statement-breakpoint
DELETE FROM `search_index`;
--> statement-breakpoint
INSERT INTO `search_index` (`rowid`, `kind`, `entity_id`, `title`, `body`) SELECT `id`, `kind`, `entity_id`, `title`, `body` FROM `search_index_renumbered`;
--> statement-breakpoint
DROP TABLE `search_index_renumbered`;
--> statement-breakpoint
-- name_key() is lib/name-key.ts, registered on the connection that migrates (db/open.ts).
INSERT OR IGNORE INTO `company_names` (`company_id`, `name`, `key`)
  SELECT `id`, `name`, name_key(`name`) FROM `companies` WHERE name_key(`name`) <> ''
  UNION ALL SELECT `company_id`, `alias`, name_key(`alias`) FROM `company_aliases` WHERE name_key(`alias`) <> '';
