CREATE TABLE `city_group_sets` (
	`id` text PRIMARY KEY NOT NULL,
	`study_id` text NOT NULL,
	`version` integer NOT NULL,
	`content` text NOT NULL,
	`content_hash` text NOT NULL,
	`source` text DEFAULT '' NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `city_group_sets_version_uq` ON `city_group_sets` (`study_id`,`version`);--> statement-breakpoint
-- A version of the city groups never changes and is never removed (a correction is a new version).
CREATE TRIGGER `city_group_sets_no_update` BEFORE UPDATE ON `city_group_sets`
BEGIN SELECT RAISE(ABORT, 'a version of the city groups is final; save a new version'); END;
--> statement-breakpoint
CREATE TRIGGER `city_group_sets_no_delete` BEFORE DELETE ON `city_group_sets`
BEGIN SELECT RAISE(ABORT, 'a version of the city groups is final; save a new version'); END;
--> statement-breakpoint
CREATE TRIGGER `city_group_sets_no_replace` BEFORE INSERT ON `city_group_sets`
WHEN EXISTS (SELECT 1 FROM `city_group_sets` WHERE `id` = NEW.`id` OR (`study_id` = NEW.`study_id` AND `version` = NEW.`version`))
BEGIN SELECT RAISE(ABORT, 'a version of the city groups is final; save a new version'); END;
