-- Hand-written (issue 15 item 2): claim_debtors holds what each creditor supplied about the
-- debtor of each claim. Every claim has its row:
-- 1. existing claims get the debtor data as the debtor record holds it now (for a debtor shared by
--    several creditors before this migration, what each one supplied was not kept);
INSERT INTO claim_debtors (claim_id, creditor_id, kind, name, birth_date, tax_number, postal_code, city, address, email, phone)
SELECT c.id, c.creditor_id, d.kind, d.name, d.birth_date, d.tax_number, d.postal_code, d.city, d.address, d.email, d.phone
FROM claims c JOIN debtors d ON d.id = c.debtor_id
WHERE NOT EXISTS (SELECT 1 FROM claim_debtors cd WHERE cd.claim_id = c.id);
--> statement-breakpoint
-- 2. a new claim starts with the debtor record's data, which is right when the creditor's own data
--    created that record (the seed, a new debtor); a placement that matched an existing debtor then
--    writes the data the creditor supplied over it, in the same transaction (services/placements.ts);
CREATE TRIGGER claim_debtors_default AFTER INSERT ON claims
BEGIN
	INSERT OR IGNORE INTO claim_debtors (claim_id, creditor_id, kind, name, birth_date, tax_number, postal_code, city, address, email, phone)
	SELECT NEW.id, NEW.creditor_id, d.kind, d.name, d.birth_date, d.tax_number, d.postal_code, d.city, d.address, d.email, d.phone
	FROM debtors d WHERE d.id = NEW.debtor_id;
END;
--> statement-breakpoint
-- 3. a debtor anonymised by the retention rule (C13) loses the personal data every creditor
--    supplied with their claims too, in the same transaction, by whichever code path anonymises.
CREATE TRIGGER claim_debtors_anonymised AFTER UPDATE OF anonymized_at ON debtors
WHEN NEW.anonymized_at IS NOT NULL AND OLD.anonymized_at IS NULL
BEGIN
	UPDATE claim_debtors SET name = '', birth_date = NULL, tax_number = NULL, postal_code = '', city = '', address = '', email = NULL, phone = NULL
	WHERE claim_id IN (SELECT id FROM claims WHERE debtor_id = NEW.id);
END;
