ALTER TABLE `listings` ADD `planned_start` text;--> statement-breakpoint
ALTER TABLE `listings` ADD `planned_end` text;--> statement-breakpoint
ALTER TABLE `listings` ADD `planned_precision` text;--> statement-breakpoint
-- drizzle-kit 0.31 splits an expression at its comma; written by hand.
CREATE INDEX `listings_year_idx` ON `listings` (coalesce("listed_start", "planned_start"),`retracted_at`);