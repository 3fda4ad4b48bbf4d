-- A saved strategy version never changes: claims running under it depend on it (issue 16, item 1).
CREATE TRIGGER `strategy_versions_no_update` BEFORE UPDATE OF `body_json`, `version`, `creditor_id`, `portfolio_id` ON `strategy_versions`
BEGIN
	SELECT RAISE(ABORT, 'strategy versions are immutable');
END;--> statement-breakpoint
CREATE TRIGGER `strategy_versions_no_delete` BEFORE DELETE ON `strategy_versions`
BEGIN
	SELECT RAISE(ABORT, 'strategy versions are immutable');
END;
