-- The claim page reads a claim's ledger lines (component, kind, amount) from the index alone.
DROP INDEX `ledger_claim_idx`;--> statement-breakpoint
CREATE INDEX `ledger_claim_idx` ON `ledger_entries` (`claim_id`,`id`,`component`,`kind`,`amount_minor`);--> statement-breakpoint
-- A debtor who is anonymised or deleted is signed out everywhere, in the same transaction, by
-- whichever code path does it. So a debtor session that exists belongs to a live debtor, and the
-- check every signed-in request makes reads the session row only.
CREATE TRIGGER sessions_debtor_anonymised AFTER UPDATE OF anonymized_at ON debtors
WHEN NEW.anonymized_at IS NOT NULL
BEGIN
	DELETE FROM sessions WHERE debtor_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER sessions_debtor_deleted BEFORE DELETE ON debtors
BEGIN
	DELETE FROM sessions WHERE debtor_id = OLD.id;
END;
--> statement-breakpoint
DELETE FROM sessions WHERE debtor_id IN (SELECT id FROM debtors WHERE anonymized_at IS NOT NULL);
