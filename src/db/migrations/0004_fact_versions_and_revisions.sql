CREATE TABLE `idempotency_keys` (
	`key_name` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`input_hash` text NOT NULL,
	`kind` text NOT NULL,
	`fact_key` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`key_name`, `idempotency_key`)
);
--> statement-breakpoint
CREATE TABLE `revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`by` text NOT NULL,
	`source` text NOT NULL,
	`kind` text NOT NULL,
	`fact_key` text NOT NULL,
	`version` integer NOT NULL,
	`action` text NOT NULL,
	`before` text,
	`after` text NOT NULL,
	`reason` text,
	CONSTRAINT "revisions_source_check" CHECK("revisions"."source" in ('seed', 'api'))
);
--> statement-breakpoint
CREATE INDEX `revisions_fact_idx` ON `revisions` (`kind`,`fact_key`,`id`);--> statement-breakpoint
CREATE INDEX `revisions_by_idx` ON `revisions` (`by`,`id`);--> statement-breakpoint
CREATE INDEX `revisions_at_idx` ON `revisions` (`at`);--> statement-breakpoint
ALTER TABLE `articles` ADD `url` text;--> statement-breakpoint
ALTER TABLE `articles` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `articles` ADD `retracted_at` text;--> statement-breakpoint
ALTER TABLE `articles` ADD `retraction_reason` text;--> statement-breakpoint
ALTER TABLE `articles` ADD `retracted_by` text;--> statement-breakpoint
CREATE INDEX `articles_retracted_idx` ON `articles` (`retracted_at`);--> statement-breakpoint
ALTER TABLE `companies` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `companies` ADD `retracted_at` text;--> statement-breakpoint
ALTER TABLE `companies` ADD `retraction_reason` text;--> statement-breakpoint
ALTER TABLE `companies` ADD `retracted_by` text;--> statement-breakpoint
CREATE INDEX `companies_retracted_idx` ON `companies` (`retracted_at`);--> statement-breakpoint
ALTER TABLE `exchanges` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `exchanges` ADD `retracted_at` text;--> statement-breakpoint
ALTER TABLE `exchanges` ADD `retraction_reason` text;--> statement-breakpoint
ALTER TABLE `exchanges` ADD `retracted_by` text;--> statement-breakpoint
CREATE INDEX `exchanges_retracted_idx` ON `exchanges` (`retracted_at`);--> statement-breakpoint
ALTER TABLE `index_weightings` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `index_weightings` ADD `retracted_at` text;--> statement-breakpoint
ALTER TABLE `index_weightings` ADD `retraction_reason` text;--> statement-breakpoint
ALTER TABLE `index_weightings` ADD `retracted_by` text;--> statement-breakpoint
CREATE INDEX `index_weightings_retracted_idx` ON `index_weightings` (`retracted_at`);--> statement-breakpoint
ALTER TABLE `market_indexes` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `market_indexes` ADD `retracted_at` text;--> statement-breakpoint
ALTER TABLE `market_indexes` ADD `retraction_reason` text;--> statement-breakpoint
ALTER TABLE `market_indexes` ADD `retracted_by` text;--> statement-breakpoint
CREATE INDEX `market_indexes_retracted_idx` ON `market_indexes` (`retracted_at`);--> statement-breakpoint
ALTER TABLE `ipo_deals` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `ipo_deals` ADD `retracted_at` text;--> statement-breakpoint
ALTER TABLE `ipo_deals` ADD `retraction_reason` text;--> statement-breakpoint
ALTER TABLE `ipo_deals` ADD `retracted_by` text;--> statement-breakpoint
CREATE INDEX `ipo_deals_retracted_idx` ON `ipo_deals` (`retracted_at`);--> statement-breakpoint
ALTER TABLE `listings` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `listings` ADD `retracted_at` text;--> statement-breakpoint
ALTER TABLE `listings` ADD `retraction_reason` text;--> statement-breakpoint
ALTER TABLE `listings` ADD `retracted_by` text;--> statement-breakpoint
CREATE INDEX `listings_retracted_idx` ON `listings` (`retracted_at`);--> statement-breakpoint
ALTER TABLE `metrics` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `metrics` ADD `retracted_at` text;--> statement-breakpoint
ALTER TABLE `metrics` ADD `retraction_reason` text;--> statement-breakpoint
ALTER TABLE `metrics` ADD `retracted_by` text;--> statement-breakpoint
CREATE INDEX `metrics_retracted_idx` ON `metrics` (`retracted_at`);--> statement-breakpoint
ALTER TABLE `policy_events` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `policy_events` ADD `retracted_at` text;--> statement-breakpoint
ALTER TABLE `policy_events` ADD `retraction_reason` text;--> statement-breakpoint
ALTER TABLE `policy_events` ADD `retracted_by` text;--> statement-breakpoint
CREATE INDEX `policy_events_retracted_idx` ON `policy_events` (`retracted_at`);