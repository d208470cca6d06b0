CREATE TABLE `search_dependencies` (
	`kind` text NOT NULL,
	`entity_id` text NOT NULL,
	`target_kind` text NOT NULL,
	`target_key` text NOT NULL,
	PRIMARY KEY(`kind`, `entity_id`, `target_kind`, `target_key`)
);
--> statement-breakpoint
CREATE INDEX `search_dependencies_target_idx` ON `search_dependencies` (`target_kind`,`target_key`);
--> statement-breakpoint
-- Existing documents' dependencies, as each kind's search text names other facts (src/kinds/*.ts, search.text); live facts only, as retracted ones have no document.
INSERT OR IGNORE INTO `search_dependencies` (`kind`, `entity_id`, `target_kind`, `target_key`)
  SELECT 'Listing', `id`, 'Company', `company_id` FROM `listings` WHERE `retracted_at` IS NULL AND `company_id` IS NOT NULL
  UNION ALL SELECT 'Listing', `id`, 'Exchange', `exchange_mic` FROM `listings` WHERE `retracted_at` IS NULL AND `exchange_mic` IS NOT NULL
  UNION ALL SELECT 'IpoDeal', `id`, 'Company', `company_id` FROM `ipo_deals` WHERE `retracted_at` IS NULL AND `company_id` IS NOT NULL
  UNION ALL SELECT 'IpoDeal', `id`, 'Exchange', `exchange_mic` FROM `ipo_deals` WHERE `retracted_at` IS NULL AND `exchange_mic` IS NOT NULL
  UNION ALL SELECT 'Metric', `id`, 'Company', `company_id` FROM `metrics` WHERE `retracted_at` IS NULL AND `company_id` IS NOT NULL
  UNION ALL SELECT 'IndexWeighting', `id`, 'MarketIndex', `index_id` FROM `index_weightings` WHERE `retracted_at` IS NULL
  UNION ALL SELECT 'IndexWeighting', `id`, 'Company', `company_id` FROM `index_weightings` WHERE `retracted_at` IS NULL AND `company_id` IS NOT NULL
  UNION ALL SELECT 'PolicyEvent', pec.`policy_event_id`, 'Company', pec.`company_id` FROM `policy_event_companies` pec
    JOIN `policy_events` pe ON pe.`id` = pec.`policy_event_id` WHERE pe.`retracted_at` IS NULL;
