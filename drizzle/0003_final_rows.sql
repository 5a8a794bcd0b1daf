-- What is final stays final, whoever connects and by whichever statement form.
-- 0001 refused UPDATE and DELETE on the append-only tables; but `INSERT OR REPLACE` (and `REPLACE`)
-- deletes a conflicting row without firing DELETE triggers (unless a connection turns on
-- recursive_triggers, which is per connection and so cannot be the guard). Each table below therefore
-- also refuses an INSERT whose key already exists. Cascading deletes do fire DELETE triggers, so a
-- deleted study, round or response cannot take final rows with it.

-- ── Append-only logs and locked weight sets: no INSERT over an existing key ──────────────────────
CREATE TRIGGER `audit_log_no_replace` BEFORE INSERT ON `audit_log`
WHEN EXISTS (SELECT 1 FROM `audit_log` WHERE `id` = NEW.`id`)
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `judgment_history_no_replace` BEFORE INSERT ON `judgment_history`
WHEN EXISTS (SELECT 1 FROM `judgment_history` WHERE `id` = NEW.`id`)
BEGIN SELECT RAISE(ABORT, 'judgment_history is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `weight_sets_no_replace` BEFORE INSERT ON `weight_sets`
WHEN EXISTS (SELECT 1 FROM `weight_sets` WHERE `id` = NEW.`id` OR (`edition_id` = NEW.`edition_id` AND `version` = NEW.`version`))
BEGIN SELECT RAISE(ABORT, 'a locked weight set cannot be replaced; lock a new version that supersedes it'); END;
--> statement-breakpoint

-- ── Rounds: once opened a round is history; once closed it does not change ──────────────────────
CREATE TRIGGER `rounds_closed_no_update` BEFORE UPDATE ON `rounds`
WHEN OLD.`state` = 'closed'
BEGIN SELECT RAISE(ABORT, 'a closed round cannot be changed'); END;
--> statement-breakpoint
CREATE TRIGGER `rounds_identity_no_update` BEFORE UPDATE ON `rounds`
WHEN NEW.`id` IS NOT OLD.`id` OR NEW.`study_id` IS NOT OLD.`study_id` OR NEW.`number` IS NOT OLD.`number`
BEGIN SELECT RAISE(ABORT, 'a round''s identity cannot change'); END;
--> statement-breakpoint
CREATE TRIGGER `rounds_no_reopen` BEFORE UPDATE ON `rounds`
WHEN OLD.`state` = 'open' AND NEW.`state` = 'draft'
BEGIN SELECT RAISE(ABORT, 'an open round cannot go back to draft'); END;
--> statement-breakpoint
CREATE TRIGGER `rounds_opened_no_delete` BEFORE DELETE ON `rounds`
WHEN OLD.`state` <> 'draft'
BEGIN SELECT RAISE(ABORT, 'a round that has opened cannot be deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `rounds_opened_no_replace` BEFORE INSERT ON `rounds`
WHEN EXISTS (SELECT 1 FROM `rounds` WHERE (`id` = NEW.`id` OR (`study_id` = NEW.`study_id` AND `number` = NEW.`number`)) AND `state` <> 'draft')
BEGIN SELECT RAISE(ABORT, 'a round that has opened cannot be replaced'); END;
--> statement-breakpoint

-- ── Responses: a submission is final; a closed round's responses are final ─────────────────────
-- The one way back from 'submitted' is the coordinator's audited reopen while the round is open,
-- which first appends a 'reopen' row to judgment_history (so no un-submission leaves no trace).
CREATE TRIGGER `responses_identity_no_update` BEFORE UPDATE ON `responses`
WHEN NEW.`id` IS NOT OLD.`id` OR NEW.`round_id` IS NOT OLD.`round_id` OR NEW.`panelist_id` IS NOT OLD.`panelist_id`
BEGIN SELECT RAISE(ABORT, 'a response''s identity cannot change'); END;
--> statement-breakpoint
CREATE TRIGGER `responses_closed_round_no_update` BEFORE UPDATE ON `responses`
WHEN (SELECT `state` FROM `rounds` WHERE `id` = OLD.`round_id`) = 'closed'
BEGIN SELECT RAISE(ABORT, 'the responses of a closed round cannot be changed'); END;
--> statement-breakpoint
CREATE TRIGGER `responses_submitted_no_update` BEFORE UPDATE ON `responses`
WHEN OLD.`state` = 'submitted' AND NOT (
	NEW.`state` = 'draft'
	AND (SELECT `state` FROM `rounds` WHERE `id` = OLD.`round_id`) = 'open'
	AND EXISTS (SELECT 1 FROM `judgment_history` WHERE `response_id` = OLD.`id` AND `event` = 'reopen' AND `saved_at` >= OLD.`submitted_at`)
)
BEGIN SELECT RAISE(ABORT, 'a submitted response is final (a coordinator may reopen it while its round is open)'); END;
--> statement-breakpoint
CREATE TRIGGER `responses_final_no_delete` BEFORE DELETE ON `responses`
WHEN OLD.`state` = 'submitted' OR (SELECT `state` FROM `rounds` WHERE `id` = OLD.`round_id`) = 'closed'
BEGIN SELECT RAISE(ABORT, 'a submitted response, or any response of a closed round, cannot be deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `responses_final_no_insert` BEFORE INSERT ON `responses`
WHEN (SELECT `state` FROM `rounds` WHERE `id` = NEW.`round_id`) = 'closed'
	OR EXISTS (SELECT 1 FROM `responses` WHERE (`id` = NEW.`id` OR (`round_id` = NEW.`round_id` AND `panelist_id` = NEW.`panelist_id`)) AND `state` = 'submitted')
BEGIN SELECT RAISE(ABORT, 'a closed round takes no new responses, and a submitted response cannot be replaced'); END;
--> statement-breakpoint

-- ── Judgements and rationales of a final response ───────────────────────────────────────────────
CREATE TRIGGER `judgments_final_no_insert` BEFORE INSERT ON `judgments`
WHEN EXISTS (SELECT 1 FROM `responses` r JOIN `rounds` d ON d.`id` = r.`round_id` WHERE r.`id` = NEW.`response_id` AND (r.`state` = 'submitted' OR d.`state` = 'closed'))
BEGIN SELECT RAISE(ABORT, 'the judgements of a submitted response are final'); END;
--> statement-breakpoint
CREATE TRIGGER `judgments_final_no_update` BEFORE UPDATE ON `judgments`
WHEN EXISTS (SELECT 1 FROM `responses` r JOIN `rounds` d ON d.`id` = r.`round_id` WHERE r.`id` IN (OLD.`response_id`, NEW.`response_id`) AND (r.`state` = 'submitted' OR d.`state` = 'closed'))
BEGIN SELECT RAISE(ABORT, 'the judgements of a submitted response are final'); END;
--> statement-breakpoint
CREATE TRIGGER `judgments_final_no_delete` BEFORE DELETE ON `judgments`
WHEN EXISTS (SELECT 1 FROM `responses` r JOIN `rounds` d ON d.`id` = r.`round_id` WHERE r.`id` = OLD.`response_id` AND (r.`state` = 'submitted' OR d.`state` = 'closed'))
BEGIN SELECT RAISE(ABORT, 'the judgements of a submitted response are final'); END;
--> statement-breakpoint
CREATE TRIGGER `comments_final_no_insert` BEFORE INSERT ON `comments`
WHEN EXISTS (SELECT 1 FROM `responses` r JOIN `rounds` d ON d.`id` = r.`round_id` WHERE r.`id` = NEW.`response_id` AND (r.`state` = 'submitted' OR d.`state` = 'closed'))
BEGIN SELECT RAISE(ABORT, 'the rationales of a submitted response are final'); END;
--> statement-breakpoint
-- A coordinator may still hide (or show) a rationale: only its text and place are final.
CREATE TRIGGER `comments_final_no_update` BEFORE UPDATE ON `comments`
WHEN (NEW.`id` IS NOT OLD.`id` OR NEW.`response_id` IS NOT OLD.`response_id` OR NEW.`node` IS NOT OLD.`node`
	OR NEW.`item_a` IS NOT OLD.`item_a` OR NEW.`item_b` IS NOT OLD.`item_b` OR NEW.`body` IS NOT OLD.`body`
	OR NEW.`created_at` IS NOT OLD.`created_at` OR NEW.`updated_at` IS NOT OLD.`updated_at`)
	AND EXISTS (SELECT 1 FROM `responses` r JOIN `rounds` d ON d.`id` = r.`round_id` WHERE r.`id` IN (OLD.`response_id`, NEW.`response_id`) AND (r.`state` = 'submitted' OR d.`state` = 'closed'))
BEGIN SELECT RAISE(ABORT, 'the rationales of a submitted response are final'); END;
--> statement-breakpoint
CREATE TRIGGER `comments_final_no_delete` BEFORE DELETE ON `comments`
WHEN EXISTS (SELECT 1 FROM `responses` r JOIN `rounds` d ON d.`id` = r.`round_id` WHERE r.`id` = OLD.`response_id` AND (r.`state` = 'submitted' OR d.`state` = 'closed'))
BEGIN SELECT RAISE(ABORT, 'the rationales of a submitted response are final'); END;
--> statement-breakpoint

-- ── Editions: once a weight set is locked, the edition and its city list are final ─────────────
CREATE TRIGGER `editions_locked_no_update` BEFORE UPDATE ON `editions`
WHEN EXISTS (SELECT 1 FROM `weight_sets` WHERE `edition_id` = OLD.`id`)
BEGIN SELECT RAISE(ABORT, 'a locked edition cannot be changed; lock a new version that supersedes it'); END;
--> statement-breakpoint
CREATE TRIGGER `editions_locked_no_delete` BEFORE DELETE ON `editions`
WHEN EXISTS (SELECT 1 FROM `weight_sets` WHERE `edition_id` = OLD.`id`)
BEGIN SELECT RAISE(ABORT, 'a locked edition cannot be deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `editions_locked_no_replace` BEFORE INSERT ON `editions`
WHEN EXISTS (SELECT 1 FROM `editions` e JOIN `weight_sets` w ON w.`edition_id` = e.`id` WHERE e.`id` = NEW.`id` OR e.`slug` = NEW.`slug`)
BEGIN SELECT RAISE(ABORT, 'a locked edition cannot be replaced'); END;
--> statement-breakpoint
CREATE TRIGGER `edition_cities_locked_no_insert` BEFORE INSERT ON `edition_cities`
WHEN EXISTS (SELECT 1 FROM `weight_sets` WHERE `edition_id` = NEW.`edition_id`)
BEGIN SELECT RAISE(ABORT, 'the cities of a locked edition are final'); END;
--> statement-breakpoint
CREATE TRIGGER `edition_cities_locked_no_update` BEFORE UPDATE ON `edition_cities`
WHEN EXISTS (SELECT 1 FROM `weight_sets` WHERE `edition_id` IN (OLD.`edition_id`, NEW.`edition_id`))
BEGIN SELECT RAISE(ABORT, 'the cities of a locked edition are final'); END;
--> statement-breakpoint
CREATE TRIGGER `edition_cities_locked_no_delete` BEFORE DELETE ON `edition_cities`
WHEN EXISTS (SELECT 1 FROM `weight_sets` WHERE `edition_id` = OLD.`edition_id`)
BEGIN SELECT RAISE(ABORT, 'the cities of a locked edition are final'); END;
--> statement-breakpoint

-- ── Dataset versions: an imported version never changes (a correction is a new version) ─────────
CREATE TRIGGER `dataset_values_no_update` BEFORE UPDATE ON `dataset_values`
BEGIN SELECT RAISE(ABORT, 'a dataset version cannot be changed; import a new version'); END;
--> statement-breakpoint
CREATE TRIGGER `dataset_values_no_delete` BEFORE DELETE ON `dataset_values`
WHEN EXISTS (SELECT 1 FROM `datasets` WHERE `id` = OLD.`dataset_id`)
BEGIN SELECT RAISE(ABORT, 'a dataset version cannot be changed; import a new version'); END;
--> statement-breakpoint
CREATE TRIGGER `dataset_values_no_replace` BEFORE INSERT ON `dataset_values`
WHEN EXISTS (SELECT 1 FROM `dataset_values` WHERE `dataset_id` = NEW.`dataset_id` AND `city_id` = NEW.`city_id` AND `indicator_code` = NEW.`indicator_code`)
BEGIN SELECT RAISE(ABORT, 'a dataset version cannot be changed; import a new version'); END;
--> statement-breakpoint
CREATE TRIGGER `datasets_no_update` BEFORE UPDATE ON `datasets`
BEGIN SELECT RAISE(ABORT, 'a dataset version cannot be changed; import a new version'); END;
--> statement-breakpoint
CREATE TRIGGER `datasets_used_no_delete` BEFORE DELETE ON `datasets`
WHEN EXISTS (SELECT 1 FROM `editions` WHERE `dataset_id` = OLD.`id`)
BEGIN SELECT RAISE(ABORT, 'a dataset version used by an edition cannot be deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `datasets_no_replace` BEFORE INSERT ON `datasets`
WHEN EXISTS (SELECT 1 FROM `datasets` WHERE `id` = NEW.`id` OR (`study_id` = NEW.`study_id` AND `name` = NEW.`name` AND `version` = NEW.`version`))
BEGIN SELECT RAISE(ABORT, 'a dataset version cannot be replaced; import a new version'); END;
