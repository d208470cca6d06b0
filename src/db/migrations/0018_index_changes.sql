CREATE TABLE `index_changes` (
	`id` text PRIMARY KEY NOT NULL,
	`index_id` text NOT NULL,
	`change` text NOT NULL,
	`company_id` text,
	`constituent` text,
	`weight_percent` real,
	`previous_weight_percent` real,
	`constituent_count` integer,
	`previous_constituent_count` integer,
	`effective_start` text,
	`effective_end` text,
	`effective_precision` text,
	`announced_start` text,
	`announced_end` text,
	`announced_precision` text,
	`review` text,
	`fact_id` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`retracted_at` text,
	`retraction_reason` text,
	`retracted_by` text,
	FOREIGN KEY (`index_id`) REFERENCES `market_indexes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`fact_id`) REFERENCES `facts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `index_changes_retracted_idx` ON `index_changes` (`retracted_at`) WHERE "index_changes"."retracted_at" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `index_changes_fact_idx` ON `index_changes` (`fact_id`);--> statement-breakpoint
CREATE INDEX `index_changes_effective_asc_idx` ON `index_changes` (("effective_start" is null),`effective_start`,`id`,`retracted_at`);--> statement-breakpoint
CREATE INDEX `index_changes_effective_desc_idx` ON `index_changes` (("effective_start" is not null),`effective_start`,`id`,`retracted_at`);--> statement-breakpoint
CREATE INDEX `index_changes_index_effective_asc_idx` ON `index_changes` (`index_id`,`retracted_at`,("effective_start" is null),`effective_start`,`id`);--> statement-breakpoint
CREATE INDEX `index_changes_index_effective_desc_idx` ON `index_changes` (`index_id`,`retracted_at`,("effective_start" is not null),`effective_start`,`id`);--> statement-breakpoint
CREATE INDEX `index_changes_company_effective_asc_idx` ON `index_changes` (`company_id`,`retracted_at`,("effective_start" is null),`effective_start`,`id`);--> statement-breakpoint
CREATE INDEX `index_changes_company_effective_desc_idx` ON `index_changes` (`company_id`,`retracted_at`,("effective_start" is not null),`effective_start`,`id`);--> statement-breakpoint
CREATE INDEX `index_changes_change_idx` ON `index_changes` (`change`);