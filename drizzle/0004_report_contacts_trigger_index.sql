-- Without statistics SQLite picked payments_status_idx (every succeeded payment) for the
-- "followed by a payment" lookup, making each contact insert scan all payments. The unary +
-- keeps status/completed_at out of index choice, so the lookup goes by claim_id.
DROP TRIGGER report_contacts_ai;
--> statement-breakpoint
CREATE TRIGGER report_contacts_ai AFTER INSERT ON contact_events WHEN NEW.outcome <> 'blocked' BEGIN
	INSERT INTO report_contacts (creditor_id, portfolio_id, placed_month, channel, contacts, followed)
	SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7), NEW.channel, 1, 0 FROM claims c WHERE c.id = NEW.claim_id
	ON CONFLICT (creditor_id, portfolio_id, placed_month, channel) DO UPDATE SET contacts = contacts + 1;
	INSERT INTO report_contact_followed (contact_id)
	SELECT NEW.id WHERE EXISTS (
		SELECT 1 FROM payments p WHERE p.claim_id = NEW.claim_id AND +p.status = 'succeeded'
			AND +p.completed_at BETWEEN NEW.occurred_at AND NEW.occurred_at + 1209600000
	) AND NOT EXISTS (SELECT 1 FROM report_contact_followed f WHERE f.contact_id = NEW.id);
END;
