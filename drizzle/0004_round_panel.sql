CREATE TABLE `round_panel` (
	`round_id` text NOT NULL,
	`panelist_id` text NOT NULL,
	PRIMARY KEY(`round_id`, `panelist_id`),
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`panelist_id`) REFERENCES `panelists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- Rounds closed before this migration: their panel as it stands now (accepted seats, or a response).
INSERT INTO `round_panel` (`round_id`, `panelist_id`)
SELECT r.`id`, p.`id` FROM `rounds` r JOIN `panelists` p ON p.`study_id` = r.`study_id`
WHERE r.`state` = 'closed'
	AND (p.`state` = 'active' OR EXISTS (SELECT 1 FROM `responses` s WHERE s.`round_id` = r.`id` AND s.`panelist_id` = p.`id`));
--> statement-breakpoint
CREATE TRIGGER `round_panel_no_update` BEFORE UPDATE ON `round_panel`
BEGIN SELECT RAISE(ABORT, 'a round''s recorded panel cannot be changed'); END;
--> statement-breakpoint
CREATE TRIGGER `round_panel_no_delete` BEFORE DELETE ON `round_panel`
BEGIN SELECT RAISE(ABORT, 'a round''s recorded panel cannot be changed'); END;
--> statement-breakpoint
CREATE TRIGGER `round_panel_closed_no_insert` BEFORE INSERT ON `round_panel`
WHEN (SELECT `state` FROM `rounds` WHERE `id` = NEW.`round_id`) <> 'open'
	OR EXISTS (SELECT 1 FROM `round_panel` WHERE `round_id` = NEW.`round_id` AND `panelist_id` = NEW.`panelist_id`)
BEGIN SELECT RAISE(ABORT, 'a round''s panel is recorded once, when it closes'); END;
