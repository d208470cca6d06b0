ALTER TABLE `ipo_deals` ADD `stage` text;--> statement-breakpoint
ALTER TABLE `ipo_deals` ADD `proceeds_amount_max` real;--> statement-breakpoint
ALTER TABLE `ipo_deals` ADD `proceeds_usd_max` real;--> statement-breakpoint
ALTER TABLE `ipo_deals` ADD `proceeds_qualifier` text;--> statement-breakpoint
ALTER TABLE `ipo_deals` ADD `offer_price_amount` real;--> statement-breakpoint
ALTER TABLE `ipo_deals` ADD `offer_price_amount_max` real;--> statement-breakpoint
ALTER TABLE `ipo_deals` ADD `offer_price_currency` text;--> statement-breakpoint
ALTER TABLE `ipo_deals` ADD `offer_price_qualifier` text;--> statement-breakpoint
ALTER TABLE `ipo_deals` ADD `shares_offered` real;--> statement-breakpoint
CREATE INDEX `ipo_deals_stage_date_asc_idx` ON `ipo_deals` (`stage`,`retracted_at`,("date_start" is null),`date_start`,`id`);--> statement-breakpoint
CREATE INDEX `ipo_deals_stage_date_desc_idx` ON `ipo_deals` (`stage`,`retracted_at`,("date_start" is not null),`date_start`,`id`);--> statement-breakpoint
ALTER TABLE `listings` ADD `ticker_code` text;--> statement-breakpoint
ALTER TABLE `listings` ADD `ticker_mic` text;--> statement-breakpoint
CREATE INDEX `listings_ticker_idx` ON `listings` (`ticker_code`,`ticker_mic`);--> statement-breakpoint
-- Written by hand: amounts stored before qualifiers were exact as stated, and tickers stored before are found by any spelling.
UPDATE `ipo_deals` SET `proceeds_qualifier` = 'EXACT' WHERE `proceeds_amount` IS NOT NULL;--> statement-breakpoint
UPDATE `listings` SET `ticker_code` = parse_ticker_code(`ticker`), `ticker_mic` = coalesce(parse_ticker_mic(`ticker`), `exchange_mic`) WHERE parse_ticker_code(`ticker`) IS NOT NULL;
