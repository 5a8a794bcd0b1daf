-- History, the audit log and locked weight sets are append-only: enforced here, in the database,
-- so that neither a bug in the app nor a hand-typed UPDATE can rewrite them.
CREATE TRIGGER `judgment_history_no_update` BEFORE UPDATE ON `judgment_history`
BEGIN SELECT RAISE(ABORT, 'judgment_history is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `judgment_history_no_delete` BEFORE DELETE ON `judgment_history`
BEGIN SELECT RAISE(ABORT, 'judgment_history is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `weight_sets_no_update` BEFORE UPDATE ON `weight_sets`
BEGIN SELECT RAISE(ABORT, 'a locked weight set cannot be changed; lock a new version that supersedes it'); END;
--> statement-breakpoint
CREATE TRIGGER `weight_sets_no_delete` BEFORE DELETE ON `weight_sets`
BEGIN SELECT RAISE(ABORT, 'a locked weight set cannot be deleted; lock a new version that supersedes it'); END;
