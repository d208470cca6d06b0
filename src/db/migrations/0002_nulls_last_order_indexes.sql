DROP INDEX `ipo_deals_exchange_idx`;--> statement-breakpoint
DROP INDEX `ipo_deals_date_idx`;--> statement-breakpoint
CREATE INDEX `ipo_deals_date_asc_idx` ON `ipo_deals` (("date_start" is null),`date_start`,`id`);--> statement-breakpoint
CREATE INDEX `ipo_deals_date_desc_idx` ON `ipo_deals` (("date_start" is not null),`date_start`,`id`);--> statement-breakpoint
CREATE INDEX `ipo_deals_proceeds_asc_idx` ON `ipo_deals` (("proceeds_usd" is null),`proceeds_usd`,`id`);--> statement-breakpoint
CREATE INDEX `ipo_deals_proceeds_desc_idx` ON `ipo_deals` (("proceeds_usd" is not null),`proceeds_usd`,`id`);--> statement-breakpoint
CREATE INDEX `ipo_deals_exchange_date_asc_idx` ON `ipo_deals` (`exchange_mic`,("date_start" is null),`date_start`,`id`);--> statement-breakpoint
CREATE INDEX `ipo_deals_exchange_date_desc_idx` ON `ipo_deals` (`exchange_mic`,("date_start" is not null),`date_start`,`id`);--> statement-breakpoint
CREATE INDEX `articles_published_asc_idx` ON `articles` (("published_start" is null),`published_start`,`id`);--> statement-breakpoint
CREATE INDEX `articles_published_desc_idx` ON `articles` (("published_start" is not null),`published_start`,`id`);--> statement-breakpoint
CREATE INDEX `policy_events_order_asc_idx` ON `policy_events` (("date_start" is null),`date_start`,`id`);--> statement-breakpoint
CREATE INDEX `policy_events_order_desc_idx` ON `policy_events` (("date_start" is not null),`date_start`,`id`);