CREATE INDEX `articles_retracted_idx` ON `articles` (`retracted_at`) WHERE "articles"."retracted_at" is not null;--> statement-breakpoint
CREATE INDEX `companies_retracted_idx` ON `companies` (`retracted_at`) WHERE "companies"."retracted_at" is not null;--> statement-breakpoint
CREATE INDEX `exchanges_retracted_idx` ON `exchanges` (`retracted_at`) WHERE "exchanges"."retracted_at" is not null;--> statement-breakpoint
CREATE INDEX `ipo_deals_retracted_idx` ON `ipo_deals` (`retracted_at`) WHERE "ipo_deals"."retracted_at" is not null;--> statement-breakpoint
CREATE INDEX `listings_retracted_idx` ON `listings` (`retracted_at`) WHERE "listings"."retracted_at" is not null;--> statement-breakpoint
CREATE INDEX `index_weightings_retracted_idx` ON `index_weightings` (`retracted_at`) WHERE "index_weightings"."retracted_at" is not null;--> statement-breakpoint
CREATE INDEX `market_indexes_retracted_idx` ON `market_indexes` (`retracted_at`) WHERE "market_indexes"."retracted_at" is not null;--> statement-breakpoint
CREATE INDEX `metrics_retracted_idx` ON `metrics` (`retracted_at`) WHERE "metrics"."retracted_at" is not null;--> statement-breakpoint
CREATE INDEX `policy_events_retracted_idx` ON `policy_events` (`retracted_at`) WHERE "policy_events"."retracted_at" is not null;