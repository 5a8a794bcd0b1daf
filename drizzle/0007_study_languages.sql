ALTER TABLE `studies` ADD `title_zh` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `studies` ADD `description_zh` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `studies` ADD `language` text DEFAULT 'en' NOT NULL;