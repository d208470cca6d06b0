ALTER TABLE `api_keys` ADD `created_by` text DEFAULT 'cli' NOT NULL;--> statement-breakpoint
ALTER TABLE `api_keys` ADD `revoked_by` text;--> statement-breakpoint
-- Before these columns only npm run keys created and revoked keys.
UPDATE `api_keys` SET `revoked_by` = 'cli' WHERE `revoked_at` IS NOT NULL;
