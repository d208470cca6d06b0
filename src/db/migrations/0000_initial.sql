CREATE TABLE `articles` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`publisher` text NOT NULL,
	`dateline` text NOT NULL,
	`section` text,
	`published_start` text,
	`published_end` text,
	`published_precision` text,
	`body` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `citations` (
	`id` integer PRIMARY KEY NOT NULL,
	`article_id` text NOT NULL,
	`quote` text NOT NULL,
	`quote_offset` integer NOT NULL,
	`position` integer NOT NULL,
	`company_id` text,
	`exchange_mic` text,
	`listing_id` text,
	`ipo_deal_id` text,
	`policy_event_id` text,
	`market_index_id` text,
	`index_weighting_id` text,
	`metric_id` text,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`exchange_mic`) REFERENCES `exchanges`(`mic`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`listing_id`) REFERENCES `listings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`ipo_deal_id`) REFERENCES `ipo_deals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`policy_event_id`) REFERENCES `policy_events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`market_index_id`) REFERENCES `market_indexes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`index_weighting_id`) REFERENCES `index_weightings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`metric_id`) REFERENCES `metrics`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "citations_one_subject" CHECK(("citations"."company_id" is not null) + ("citations"."exchange_mic" is not null) + ("citations"."listing_id" is not null) + ("citations"."ipo_deal_id" is not null) + ("citations"."policy_event_id" is not null) + ("citations"."market_index_id" is not null) + ("citations"."index_weighting_id" is not null) + ("citations"."metric_id" is not null) = 1)
);
--> statement-breakpoint
CREATE INDEX `citations_article_idx` ON `citations` (`article_id`);--> statement-breakpoint
CREATE INDEX `citations_company_idx` ON `citations` (`company_id`);--> statement-breakpoint
CREATE INDEX `citations_exchange_idx` ON `citations` (`exchange_mic`);--> statement-breakpoint
CREATE INDEX `citations_listing_idx` ON `citations` (`listing_id`);--> statement-breakpoint
CREATE INDEX `citations_ipo_deal_idx` ON `citations` (`ipo_deal_id`);--> statement-breakpoint
CREATE INDEX `citations_policy_event_idx` ON `citations` (`policy_event_id`);--> statement-breakpoint
CREATE INDEX `citations_market_index_idx` ON `citations` (`market_index_id`);--> statement-breakpoint
CREATE INDEX `citations_index_weighting_idx` ON `citations` (`index_weighting_id`);--> statement-breakpoint
CREATE INDEX `citations_metric_idx` ON `citations` (`metric_id`);--> statement-breakpoint
CREATE TABLE `article_companies` (
	`article_id` text NOT NULL,
	`company_id` text NOT NULL,
	PRIMARY KEY(`article_id`, `company_id`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `article_companies_company_idx` ON `article_companies` (`company_id`);--> statement-breakpoint
CREATE TABLE `companies` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`sector` text,
	`country` text,
	`state_owned` integer,
	`description` text
);
--> statement-breakpoint
CREATE INDEX `companies_name_idx` ON `companies` (lower("name"),`id`);--> statement-breakpoint
CREATE INDEX `companies_sector_idx` ON `companies` (`sector`);--> statement-breakpoint
CREATE INDEX `companies_country_idx` ON `companies` (`country`);--> statement-breakpoint
CREATE INDEX `companies_state_owned_idx` ON `companies` (`state_owned`);--> statement-breakpoint
CREATE TABLE `company_aliases` (
	`company_id` text NOT NULL,
	`alias` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`company_id`, `position`),
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `company_aliases_alias_idx` ON `company_aliases` (lower("alias"));--> statement-breakpoint
CREATE TABLE `exchanges` (
	`mic` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`aliases` text NOT NULL,
	`country` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `exchanges_country_idx` ON `exchanges` (`country`);--> statement-breakpoint
CREATE TABLE `index_weightings` (
	`id` text PRIMARY KEY NOT NULL,
	`index_id` text NOT NULL,
	`constituent` text NOT NULL,
	`company_id` text,
	`weight_percent` real NOT NULL,
	`as_of_start` text NOT NULL,
	`as_of_end` text NOT NULL,
	`as_of_precision` text NOT NULL,
	FOREIGN KEY (`index_id`) REFERENCES `market_indexes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `index_weightings_index_idx` ON `index_weightings` (`index_id`);--> statement-breakpoint
CREATE INDEX `index_weightings_company_idx` ON `index_weightings` (`company_id`);--> statement-breakpoint
CREATE TABLE `market_indexes` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`aliases` text NOT NULL,
	`description` text
);
--> statement-breakpoint
CREATE INDEX `market_indexes_name_idx` ON `market_indexes` (lower("name"));--> statement-breakpoint
CREATE TABLE `ipo_deals` (
	`id` text PRIMARY KEY NOT NULL,
	`company_id` text NOT NULL,
	`exchange_mic` text,
	`date_start` text,
	`date_end` text,
	`date_precision` text,
	`proceeds_amount` real,
	`proceeds_currency` text,
	`proceeds_usd` real,
	`description` text,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`exchange_mic`) REFERENCES `exchanges`(`mic`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ipo_deals_company_idx` ON `ipo_deals` (`company_id`);--> statement-breakpoint
CREATE INDEX `ipo_deals_exchange_idx` ON `ipo_deals` (`exchange_mic`);--> statement-breakpoint
CREATE INDEX `ipo_deals_date_idx` ON `ipo_deals` (`date_start`);--> statement-breakpoint
CREATE INDEX `ipo_deals_proceeds_usd_idx` ON `ipo_deals` (`proceeds_usd`);--> statement-breakpoint
CREATE TABLE `listings` (
	`id` text PRIMARY KEY NOT NULL,
	`company_id` text NOT NULL,
	`exchange_mic` text,
	`market` text NOT NULL,
	`share_class` text,
	`ticker` text,
	`status` text NOT NULL,
	`listed_start` text,
	`listed_end` text,
	`listed_precision` text,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`exchange_mic`) REFERENCES `exchanges`(`mic`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `listings_company_idx` ON `listings` (`company_id`);--> statement-breakpoint
CREATE INDEX `listings_exchange_status_idx` ON `listings` (`exchange_mic`,`status`);--> statement-breakpoint
CREATE INDEX `listings_market_idx` ON `listings` (`market`);--> statement-breakpoint
CREATE INDEX `listings_status_idx` ON `listings` (`status`);--> statement-breakpoint
CREATE INDEX `listings_share_class_idx` ON `listings` (`share_class`);--> statement-breakpoint
CREATE TABLE `metrics` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`value` real NOT NULL,
	`value_max` real,
	`qualifier` text NOT NULL,
	`unit` text NOT NULL,
	`as_of_start` text,
	`as_of_end` text,
	`as_of_precision` text,
	`company_id` text,
	`market` text,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `metrics_company_idx` ON `metrics` (`company_id`);--> statement-breakpoint
CREATE INDEX `metrics_market_idx` ON `metrics` (`market`);--> statement-breakpoint
CREATE INDEX `metrics_name_idx` ON `metrics` (`name`);--> statement-breakpoint
CREATE TABLE `policy_event_companies` (
	`policy_event_id` text NOT NULL,
	`company_id` text NOT NULL,
	PRIMARY KEY(`policy_event_id`, `company_id`),
	FOREIGN KEY (`policy_event_id`) REFERENCES `policy_events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `policy_event_companies_company_idx` ON `policy_event_companies` (`company_id`);--> statement-breakpoint
CREATE TABLE `policy_events` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`date_start` text,
	`date_end` text,
	`date_precision` text,
	`jurisdiction` text NOT NULL,
	`category` text NOT NULL,
	`summary` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `policy_events_date_idx` ON `policy_events` (`date_start`,`date_end`);--> statement-breakpoint
CREATE INDEX `policy_events_jurisdiction_idx` ON `policy_events` (`jurisdiction`);--> statement-breakpoint
CREATE INDEX `policy_events_category_idx` ON `policy_events` (`category`);--> statement-breakpoint
CREATE TABLE `seed_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
