-- Hand-written: a dispute's status is one of the schema's list (schema/plans.ts disputes.status),
-- which gained 'corrected' (partly upheld, the amount corrected: services/dispute-correction.ts).
-- SQLite keeps a text column's enum in TypeScript only; these triggers make the database refuse
-- any other value, whoever writes it.
CREATE TRIGGER disputes_status_insert BEFORE INSERT ON disputes
WHEN NEW.status NOT IN ('open', 'upheld', 'corrected', 'rejected', 'withdrawn')
BEGIN SELECT RAISE(ABORT, 'disputes.status is not a dispute status'); END;
--> statement-breakpoint
CREATE TRIGGER disputes_status_update BEFORE UPDATE OF status ON disputes
WHEN NEW.status NOT IN ('open', 'upheld', 'corrected', 'rejected', 'withdrawn')
BEGIN SELECT RAISE(ABORT, 'disputes.status is not a dispute status'); END;
