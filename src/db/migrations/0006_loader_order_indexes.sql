DROP INDEX `articles_retracted_idx`;--> statement-breakpoint
DROP INDEX `articles_published_asc_idx`;--> statement-breakpoint
DROP INDEX `articles_published_desc_idx`;--> statement-breakpoint
CREATE INDEX `articles_published_asc_idx` ON `articles` (("published_start" is null),`published_start`,`id`,`retracted_at`);--> statement-breakpoint
CREATE INDEX `articles_published_desc_idx` ON `articles` (("published_start" is not null),`published_start`,`id`,`retracted_at`);--> statement-breakpoint
DROP INDEX `companies_retracted_idx`;--> statement-breakpoint
DROP INDEX `companies_name_idx`;--> statement-breakpoint
DROP INDEX `companies_sector_idx`;--> statement-breakpoint
CREATE INDEX `companies_name_idx` ON `companies` (lower("name"),`id`,`retracted_at`);--> statement-breakpoint
CREATE INDEX `companies_sector_idx` ON `companies` (lower("sector"),`retracted_at`);--> statement-breakpoint
DROP INDEX `exchanges_retracted_idx`;--> statement-breakpoint
DROP INDEX `ipo_deals_retracted_idx`;--> statement-breakpoint
DROP INDEX `ipo_deals_company_idx`;--> statement-breakpoint
DROP INDEX `ipo_deals_date_asc_idx`;--> statement-breakpoint
DROP INDEX `ipo_deals_date_desc_idx`;--> statement-breakpoint
DROP INDEX `ipo_deals_proceeds_asc_idx`;--> statement-breakpoint
DROP INDEX `ipo_deals_proceeds_desc_idx`;--> statement-breakpoint
DROP INDEX `ipo_deals_exchange_date_asc_idx`;--> statement-breakpoint
DROP INDEX `ipo_deals_exchange_date_desc_idx`;--> statement-breakpoint
CREATE INDEX `ipo_deals_company_date_asc_idx` ON `ipo_deals` (`company_id`,`retracted_at`,("date_start" is null),`date_start`,`id`);--> statement-breakpoint
CREATE INDEX `ipo_deals_company_date_desc_idx` ON `ipo_deals` (`company_id`,`retracted_at`,("date_start" is not null),`date_start`,`id`);--> statement-breakpoint
CREATE INDEX `ipo_deals_date_asc_idx` ON `ipo_deals` (("date_start" is null),`date_start`,`id`,`retracted_at`);--> statement-breakpoint
CREATE INDEX `ipo_deals_date_desc_idx` ON `ipo_deals` (("date_start" is not null),`date_start`,`id`,`retracted_at`);--> statement-breakpoint
CREATE INDEX `ipo_deals_proceeds_asc_idx` ON `ipo_deals` (("proceeds_usd" is null),`proceeds_usd`,`id`,`retracted_at`);--> statement-breakpoint
CREATE INDEX `ipo_deals_proceeds_desc_idx` ON `ipo_deals` (("proceeds_usd" is not null),`proceeds_usd`,`id`,`retracted_at`);--> statement-breakpoint
CREATE INDEX `ipo_deals_exchange_date_asc_idx` ON `ipo_deals` (`exchange_mic`,`retracted_at`,("date_start" is null),`date_start`,`id`);--> statement-breakpoint
CREATE INDEX `ipo_deals_exchange_date_desc_idx` ON `ipo_deals` (`exchange_mic`,`retracted_at`,("date_start" is not null),`date_start`,`id`);--> statement-breakpoint
DROP INDEX `listings_retracted_idx`;--> statement-breakpoint
DROP INDEX `listings_company_idx`;--> statement-breakpoint
CREATE INDEX `listings_exchange_idx` ON `listings` (`exchange_mic`,`retracted_at`,`id`);--> statement-breakpoint
CREATE INDEX `listings_company_idx` ON `listings` (`company_id`,`retracted_at`,`id`);--> statement-breakpoint
DROP INDEX `index_weightings_retracted_idx`;--> statement-breakpoint
DROP INDEX `index_weightings_index_idx`;--> statement-breakpoint
DROP INDEX `index_weightings_company_idx`;--> statement-breakpoint
CREATE INDEX `index_weightings_order_idx` ON `index_weightings` (`index_id`,`as_of_start`,`id`,`retracted_at`);--> statement-breakpoint
CREATE INDEX `index_weightings_index_idx` ON `index_weightings` (`index_id`,`retracted_at`,`as_of_start`,`id`);--> statement-breakpoint
CREATE INDEX `index_weightings_company_idx` ON `index_weightings` (`company_id`,`retracted_at`,`as_of_start`,`id`);--> statement-breakpoint
DROP INDEX `market_indexes_retracted_idx`;--> statement-breakpoint
DROP INDEX `metrics_retracted_idx`;--> statement-breakpoint
DROP INDEX `metrics_company_idx`;--> statement-breakpoint
CREATE INDEX `metrics_company_idx` ON `metrics` (`company_id`,`retracted_at`,`id`);--> statement-breakpoint
DROP INDEX `policy_events_retracted_idx`;--> statement-breakpoint
DROP INDEX `policy_events_order_asc_idx`;--> statement-breakpoint
DROP INDEX `policy_events_order_desc_idx`;--> statement-breakpoint
CREATE INDEX `policy_events_order_asc_idx` ON `policy_events` (("date_start" is null),`date_start`,`id`,`retracted_at`);--> statement-breakpoint
CREATE INDEX `policy_events_order_desc_idx` ON `policy_events` (("date_start" is not null),`date_start`,`id`,`retracted_at`);--> statement-breakpoint
DROP INDEX `citations_article_idx`;--> statement-breakpoint
DROP INDEX `citations_company_idx`;--> statement-breakpoint
DROP INDEX `citations_exchange_idx`;--> statement-breakpoint
DROP INDEX `citations_listing_idx`;--> statement-breakpoint
DROP INDEX `citations_ipo_deal_idx`;--> statement-breakpoint
DROP INDEX `citations_policy_event_idx`;--> statement-breakpoint
DROP INDEX `citations_market_index_idx`;--> statement-breakpoint
DROP INDEX `citations_index_weighting_idx`;--> statement-breakpoint
DROP INDEX `citations_metric_idx`;--> statement-breakpoint
CREATE INDEX `citations_article_idx` ON `citations` (`article_id`,`position`,`id`);--> statement-breakpoint
CREATE INDEX `citations_company_idx` ON `citations` (`company_id`,`position`,`id`);--> statement-breakpoint
CREATE INDEX `citations_exchange_idx` ON `citations` (`exchange_mic`,`position`,`id`);--> statement-breakpoint
CREATE INDEX `citations_listing_idx` ON `citations` (`listing_id`,`position`,`id`);--> statement-breakpoint
CREATE INDEX `citations_ipo_deal_idx` ON `citations` (`ipo_deal_id`,`position`,`id`);--> statement-breakpoint
CREATE INDEX `citations_policy_event_idx` ON `citations` (`policy_event_id`,`position`,`id`);--> statement-breakpoint
CREATE INDEX `citations_market_index_idx` ON `citations` (`market_index_id`,`position`,`id`);--> statement-breakpoint
CREATE INDEX `citations_index_weighting_idx` ON `citations` (`index_weighting_id`,`position`,`id`);--> statement-breakpoint
CREATE INDEX `citations_metric_idx` ON `citations` (`metric_id`,`position`,`id`);