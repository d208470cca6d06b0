CREATE TABLE `market_index_names` (
	`index_id` text NOT NULL,
	`name` text NOT NULL,
	`key` text NOT NULL,
	PRIMARY KEY(`index_id`, `name`),
	FOREIGN KEY (`index_id`) REFERENCES `market_indexes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `market_index_names_key_idx` ON `market_index_names` (`key`);--> statement-breakpoint
-- Existing indexes' names and aliases, as the market index descriptor's child rows write them; name_key() is lib/name-key.ts (db/open.ts).
INSERT OR IGNORE INTO `market_index_names` (`index_id`, `name`, `key`)
  SELECT `id`, `name`, name_key(`name`) FROM `market_indexes` WHERE name_key(`name`) <> ''
  UNION ALL SELECT i.`id`, a.`value`, name_key(a.`value`) FROM `market_indexes` i, json_each(i.`aliases`) a WHERE name_key(a.`value`) <> '';
