ALTER TABLE `company_names` ADD `near_key` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `company_names_near_key_idx` ON `company_names` (`near_key`,`company_id`);--> statement-breakpoint
-- Existing names' near keys, as the company descriptor's child rows write them; name_near_key() is lib/name-key.ts (db/open.ts).
UPDATE `company_names` SET `near_key` = name_near_key(`name`);
