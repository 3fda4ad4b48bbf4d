-- Report rollups (issue 6) kept current by the database itself, in the same transaction as the
-- change to claims, stage events, ledger, plans, installments, contacts and payments, whichever
-- code path makes it (services, seed, import). Then filled from what is already there.
-- Statuses that carry an open balance (aging, "open balance"): open, in_plan, disputed.
CREATE TRIGGER report_claims_ai AFTER INSERT ON claims BEGIN
	INSERT INTO report_claims (creditor_id, portfolio_id, placed_month, currency, status, claims, placed_minor, collected_minor, balance_minor)
	VALUES (NEW.creditor_id, NEW.portfolio_id, substr(NEW.placed_date, 1, 7), NEW.currency, NEW.status, 1, NEW.placed_minor, NEW.collected_minor, NEW.balance_minor)
	ON CONFLICT (creditor_id, portfolio_id, placed_month, currency, status) DO UPDATE SET
		claims = claims + 1, placed_minor = placed_minor + excluded.placed_minor,
		collected_minor = collected_minor + excluded.collected_minor, balance_minor = balance_minor + excluded.balance_minor;
	INSERT INTO report_aging (creditor_id, portfolio_id, placed_month, currency, due_date, claims, open_minor)
	SELECT NEW.creditor_id, NEW.portfolio_id, substr(NEW.placed_date, 1, 7), NEW.currency, NEW.due_date, 1, NEW.balance_minor
	WHERE NEW.status IN ('open', 'in_plan', 'disputed')
	ON CONFLICT (creditor_id, portfolio_id, placed_month, currency, due_date) DO UPDATE SET
		claims = claims + 1, open_minor = open_minor + excluded.open_minor;
END;
--> statement-breakpoint
CREATE TRIGGER report_claims_au AFTER UPDATE OF status, placed_minor, collected_minor, balance_minor, currency, portfolio_id, placed_date, due_date, creditor_id ON claims
WHEN OLD.status IS NOT NEW.status OR OLD.placed_minor <> NEW.placed_minor OR OLD.collected_minor <> NEW.collected_minor
	OR OLD.balance_minor <> NEW.balance_minor OR OLD.currency IS NOT NEW.currency OR OLD.portfolio_id <> NEW.portfolio_id
	OR OLD.placed_date IS NOT NEW.placed_date OR OLD.due_date IS NOT NEW.due_date OR OLD.creditor_id <> NEW.creditor_id
BEGIN
	UPDATE report_claims SET claims = claims - 1, placed_minor = placed_minor - OLD.placed_minor,
		collected_minor = collected_minor - OLD.collected_minor, balance_minor = balance_minor - OLD.balance_minor
	WHERE creditor_id = OLD.creditor_id AND portfolio_id = OLD.portfolio_id AND placed_month = substr(OLD.placed_date, 1, 7)
		AND currency = OLD.currency AND status = OLD.status;
	INSERT INTO report_claims (creditor_id, portfolio_id, placed_month, currency, status, claims, placed_minor, collected_minor, balance_minor)
	VALUES (NEW.creditor_id, NEW.portfolio_id, substr(NEW.placed_date, 1, 7), NEW.currency, NEW.status, 1, NEW.placed_minor, NEW.collected_minor, NEW.balance_minor)
	ON CONFLICT (creditor_id, portfolio_id, placed_month, currency, status) DO UPDATE SET
		claims = claims + 1, placed_minor = placed_minor + excluded.placed_minor,
		collected_minor = collected_minor + excluded.collected_minor, balance_minor = balance_minor + excluded.balance_minor;
	UPDATE report_aging SET claims = claims - 1, open_minor = open_minor - OLD.balance_minor
	WHERE OLD.status IN ('open', 'in_plan', 'disputed') AND creditor_id = OLD.creditor_id AND portfolio_id = OLD.portfolio_id
		AND placed_month = substr(OLD.placed_date, 1, 7) AND currency = OLD.currency AND due_date = OLD.due_date;
	INSERT INTO report_aging (creditor_id, portfolio_id, placed_month, currency, due_date, claims, open_minor)
	SELECT NEW.creditor_id, NEW.portfolio_id, substr(NEW.placed_date, 1, 7), NEW.currency, NEW.due_date, 1, NEW.balance_minor
	WHERE NEW.status IN ('open', 'in_plan', 'disputed')
	ON CONFLICT (creditor_id, portfolio_id, placed_month, currency, due_date) DO UPDATE SET
		claims = claims + 1, open_minor = open_minor + excluded.open_minor;
END;
--> statement-breakpoint
CREATE TRIGGER report_claims_ad AFTER DELETE ON claims BEGIN
	UPDATE report_claims SET claims = claims - 1, placed_minor = placed_minor - OLD.placed_minor,
		collected_minor = collected_minor - OLD.collected_minor, balance_minor = balance_minor - OLD.balance_minor
	WHERE creditor_id = OLD.creditor_id AND portfolio_id = OLD.portfolio_id AND placed_month = substr(OLD.placed_date, 1, 7)
		AND currency = OLD.currency AND status = OLD.status;
	UPDATE report_aging SET claims = claims - 1, open_minor = open_minor - OLD.balance_minor
	WHERE OLD.status IN ('open', 'in_plan', 'disputed') AND creditor_id = OLD.creditor_id AND portfolio_id = OLD.portfolio_id
		AND placed_month = substr(OLD.placed_date, 1, 7) AND currency = OLD.currency AND due_date = OLD.due_date;
END;
--> statement-breakpoint
CREATE TRIGGER report_collected_ai AFTER INSERT ON ledger_entries WHEN NEW.kind IN ('payment', 'refund') BEGIN
	INSERT INTO report_collected (creditor_id, portfolio_id, placed_month, currency, month, collected_minor)
	SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7), c.currency, substr(NEW.effective_date, 1, 7), -NEW.amount_minor
	FROM claims c WHERE c.id = NEW.claim_id
	ON CONFLICT (creditor_id, portfolio_id, placed_month, currency, month) DO UPDATE SET
		collected_minor = collected_minor + excluded.collected_minor;
END;
--> statement-breakpoint
CREATE TRIGGER report_stage_ai AFTER INSERT ON claim_stage_events BEGIN
	INSERT INTO report_stage_outcomes (creditor_id, portfolio_id, placed_month, stage, outcome, events)
	SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7), NEW.stage, coalesce(NEW.outcome, 'open'), 1
	FROM claims c WHERE c.id = NEW.claim_id
	ON CONFLICT (creditor_id, portfolio_id, placed_month, stage, outcome) DO UPDATE SET events = events + 1;
END;
--> statement-breakpoint
CREATE TRIGGER report_stage_au AFTER UPDATE OF stage, outcome ON claim_stage_events
WHEN OLD.stage IS NOT NEW.stage OR OLD.outcome IS NOT NEW.outcome BEGIN
	UPDATE report_stage_outcomes SET events = events - 1
	WHERE (creditor_id, portfolio_id, placed_month) = (SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7) FROM claims c WHERE c.id = OLD.claim_id)
		AND stage = OLD.stage AND outcome = coalesce(OLD.outcome, 'open');
	INSERT INTO report_stage_outcomes (creditor_id, portfolio_id, placed_month, stage, outcome, events)
	SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7), NEW.stage, coalesce(NEW.outcome, 'open'), 1
	FROM claims c WHERE c.id = NEW.claim_id
	ON CONFLICT (creditor_id, portfolio_id, placed_month, stage, outcome) DO UPDATE SET events = events + 1;
END;
--> statement-breakpoint
CREATE TRIGGER report_plans_ai AFTER INSERT ON plans BEGIN
	INSERT INTO report_plans (creditor_id, portfolio_id, placed_month, status, plans)
	SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7), NEW.status, 1 FROM claims c WHERE c.id = NEW.claim_id
	ON CONFLICT (creditor_id, portfolio_id, placed_month, status) DO UPDATE SET plans = plans + 1;
END;
--> statement-breakpoint
CREATE TRIGGER report_plans_au AFTER UPDATE OF status ON plans WHEN OLD.status IS NOT NEW.status BEGIN
	UPDATE report_plans SET plans = plans - 1
	WHERE (creditor_id, portfolio_id, placed_month) = (SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7) FROM claims c WHERE c.id = OLD.claim_id)
		AND status = OLD.status;
	INSERT INTO report_plans (creditor_id, portfolio_id, placed_month, status, plans)
	SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7), NEW.status, 1 FROM claims c WHERE c.id = NEW.claim_id
	ON CONFLICT (creditor_id, portfolio_id, placed_month, status) DO UPDATE SET plans = plans + 1;
END;
--> statement-breakpoint
CREATE TRIGGER report_installments_ai AFTER INSERT ON installments BEGIN
	INSERT INTO report_installments (creditor_id, portfolio_id, placed_month, status, on_time, installments)
	SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7), NEW.status, coalesce(NEW.paid_on_time, -1), 1
	FROM plans p JOIN claims c ON c.id = p.claim_id WHERE p.id = NEW.plan_id
	ON CONFLICT (creditor_id, portfolio_id, placed_month, status, on_time) DO UPDATE SET installments = installments + 1;
END;
--> statement-breakpoint
CREATE TRIGGER report_installments_au AFTER UPDATE OF status, paid_on_time ON installments
WHEN OLD.status IS NOT NEW.status OR OLD.paid_on_time IS NOT NEW.paid_on_time BEGIN
	UPDATE report_installments SET installments = installments - 1
	WHERE (creditor_id, portfolio_id, placed_month) = (SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7) FROM plans p JOIN claims c ON c.id = p.claim_id WHERE p.id = OLD.plan_id)
		AND status = OLD.status AND on_time = coalesce(OLD.paid_on_time, -1);
	INSERT INTO report_installments (creditor_id, portfolio_id, placed_month, status, on_time, installments)
	SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7), NEW.status, coalesce(NEW.paid_on_time, -1), 1
	FROM plans p JOIN claims c ON c.id = p.claim_id WHERE p.id = NEW.plan_id
	ON CONFLICT (creditor_id, portfolio_id, placed_month, status, on_time) DO UPDATE SET installments = installments + 1;
END;
--> statement-breakpoint
CREATE TRIGGER report_contacts_ai AFTER INSERT ON contact_events WHEN NEW.outcome <> 'blocked' BEGIN
	INSERT INTO report_contacts (creditor_id, portfolio_id, placed_month, channel, contacts, followed)
	SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7), NEW.channel, 1, 0 FROM claims c WHERE c.id = NEW.claim_id
	ON CONFLICT (creditor_id, portfolio_id, placed_month, channel) DO UPDATE SET contacts = contacts + 1;
	INSERT INTO report_contact_followed (contact_id)
	SELECT NEW.id WHERE EXISTS (
		SELECT 1 FROM payments p WHERE p.claim_id = NEW.claim_id AND p.status = 'succeeded'
			AND p.completed_at BETWEEN NEW.occurred_at AND NEW.occurred_at + 1209600000
	) AND NOT EXISTS (SELECT 1 FROM report_contact_followed f WHERE f.contact_id = NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER report_contact_followed_ai AFTER INSERT ON report_contact_followed BEGIN
	UPDATE report_contacts SET followed = followed + 1
	WHERE (creditor_id, portfolio_id, placed_month, channel) = (
		SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7), e.channel
		FROM contact_events e JOIN claims c ON c.id = e.claim_id WHERE e.id = NEW.contact_id
	);
END;
--> statement-breakpoint
CREATE TRIGGER report_payments_ai AFTER INSERT ON payments WHEN NEW.status = 'succeeded' AND NEW.completed_at IS NOT NULL BEGIN
	INSERT INTO report_contact_followed (contact_id)
	SELECT e.id FROM contact_events e
	WHERE e.claim_id = NEW.claim_id AND e.outcome <> 'blocked'
		AND e.occurred_at BETWEEN NEW.completed_at - 1209600000 AND NEW.completed_at
		AND NOT EXISTS (SELECT 1 FROM report_contact_followed f WHERE f.contact_id = e.id);
END;
--> statement-breakpoint
CREATE TRIGGER report_payments_au AFTER UPDATE OF status, completed_at ON payments
WHEN NEW.status = 'succeeded' AND NEW.completed_at IS NOT NULL AND (OLD.status IS NOT 'succeeded' OR OLD.completed_at IS NOT NEW.completed_at) BEGIN
	INSERT INTO report_contact_followed (contact_id)
	SELECT e.id FROM contact_events e
	WHERE e.claim_id = NEW.claim_id AND e.outcome <> 'blocked'
		AND e.occurred_at BETWEEN NEW.completed_at - 1209600000 AND NEW.completed_at
		AND NOT EXISTS (SELECT 1 FROM report_contact_followed f WHERE f.contact_id = e.id);
END;
--> statement-breakpoint
INSERT INTO report_claims (creditor_id, portfolio_id, placed_month, currency, status, claims, placed_minor, collected_minor, balance_minor)
SELECT creditor_id, portfolio_id, substr(placed_date, 1, 7), currency, status, count(*), sum(placed_minor), sum(collected_minor), sum(balance_minor)
FROM claims GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO report_aging (creditor_id, portfolio_id, placed_month, currency, due_date, claims, open_minor)
SELECT creditor_id, portfolio_id, substr(placed_date, 1, 7), currency, due_date, count(*), sum(balance_minor)
FROM claims WHERE status IN ('open', 'in_plan', 'disputed') GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO report_collected (creditor_id, portfolio_id, placed_month, currency, month, collected_minor)
SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7), c.currency, substr(l.effective_date, 1, 7), -sum(l.amount_minor)
FROM ledger_entries l JOIN claims c ON c.id = l.claim_id WHERE l.kind IN ('payment', 'refund') GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO report_stage_outcomes (creditor_id, portfolio_id, placed_month, stage, outcome, events)
SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7), e.stage, coalesce(e.outcome, 'open'), count(*)
FROM claim_stage_events e JOIN claims c ON c.id = e.claim_id GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO report_plans (creditor_id, portfolio_id, placed_month, status, plans)
SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7), p.status, count(*)
FROM plans p JOIN claims c ON c.id = p.claim_id GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT INTO report_installments (creditor_id, portfolio_id, placed_month, status, on_time, installments)
SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7), i.status, coalesce(i.paid_on_time, -1), count(*)
FROM installments i JOIN plans p ON p.id = i.plan_id JOIN claims c ON c.id = p.claim_id GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO report_contacts (creditor_id, portfolio_id, placed_month, channel, contacts, followed)
SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7), e.channel, count(*), 0
FROM contact_events e JOIN claims c ON c.id = e.claim_id WHERE e.outcome <> 'blocked' GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT INTO report_contact_followed (contact_id)
SELECT e.id FROM contact_events e WHERE e.outcome <> 'blocked' AND EXISTS (
	SELECT 1 FROM payments p WHERE p.claim_id = e.claim_id AND +p.status = 'succeeded'
		AND +p.completed_at BETWEEN e.occurred_at AND e.occurred_at + 1209600000
);
