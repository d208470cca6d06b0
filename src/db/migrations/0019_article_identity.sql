ALTER TABLE `articles` ADD `url_key` text;--> statement-breakpoint
ALTER TABLE `articles` ADD `body_hash` text;--> statement-breakpoint
CREATE INDEX `articles_url_key_idx` ON `articles` (`url_key`) WHERE "articles"."url_key" is not null and "articles"."retracted_at" is null;--> statement-breakpoint
CREATE INDEX `articles_body_hash_idx` ON `articles` (`body_hash`) WHERE "articles"."retracted_at" is null;--> statement-breakpoint
-- Written by hand: articles stored before are found by their URL and their text as the write path finds new ones.
UPDATE `articles` SET `url_key` = article_url_key(`url`), `body_hash` = article_body_hash(`body`);
