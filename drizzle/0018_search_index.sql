-- Hand-written (issue 18 item 1): the operator search's full-text indexes. FTS5 virtual tables are
-- not in the drizzle schema; triggers keep them current for every writer, and the seed (which
-- drops the `search_` triggers during its bulk load) refills them with the INSERT ... SELECT
-- statements below (seed/search-index.ts reads them from this file).
-- The trigram tokenizer finds any substring of 3 characters or more, case-insensitively and with
-- accents removed (remove_diacritics 1: "kovacs" finds "Kovács"), so the rows hold the data as is.
-- 1. debtors: name, phone digits only, e-mail, tax number digits only, birth date. Anonymised
--    debtors (C13) have no row: nothing personal about them can be found.
CREATE VIRTUAL TABLE search_debtors USING fts5(
	name, phone, email, tax, birth,
	content = '', contentless_delete = 1,
	tokenize = 'trigram remove_diacritics 1'
);
--> statement-breakpoint
-- 2. claims: the creditor's reference behind a '^' mark, so a query '^<prefix>' finds it by prefix.
CREATE VIRTUAL TABLE search_claims USING fts5(
	ref,
	content = '', contentless_delete = 1,
	tokenize = 'trigram remove_diacritics 1'
);
--> statement-breakpoint
INSERT INTO search_debtors (rowid, name, phone, email, tax, birth)
SELECT id, name,
	replace(replace(replace(replace(replace(replace(replace(coalesce(phone, ''), ' ', ''), '+', ''), '-', ''), '(', ''), ')', ''), '/', ''), '.', ''),
	coalesce(email, ''),
	replace(replace(coalesce(tax_number, ''), '-', ''), ' ', ''),
	coalesce(birth_date, '')
FROM debtors WHERE anonymized_at IS NULL;
--> statement-breakpoint
INSERT INTO search_claims (rowid, ref) SELECT id, '^' || reference FROM claims;
--> statement-breakpoint
CREATE TRIGGER search_debtors_insert AFTER INSERT ON debtors
WHEN NEW.anonymized_at IS NULL
BEGIN
	INSERT INTO search_debtors (rowid, name, phone, email, tax, birth) VALUES (NEW.id, NEW.name,
		replace(replace(replace(replace(replace(replace(replace(coalesce(NEW.phone, ''), ' ', ''), '+', ''), '-', ''), '(', ''), ')', ''), '/', ''), '.', ''),
		coalesce(NEW.email, ''),
		replace(replace(coalesce(NEW.tax_number, ''), '-', ''), ' ', ''),
		coalesce(NEW.birth_date, ''));
END;
--> statement-breakpoint
-- a change of any searched field, and anonymisation (the row goes and does not come back)
CREATE TRIGGER search_debtors_update AFTER UPDATE OF name, phone, email, tax_number, birth_date, anonymized_at ON debtors
BEGIN
	DELETE FROM search_debtors WHERE rowid = OLD.id;
	INSERT INTO search_debtors (rowid, name, phone, email, tax, birth)
	SELECT NEW.id, NEW.name,
		replace(replace(replace(replace(replace(replace(replace(coalesce(NEW.phone, ''), ' ', ''), '+', ''), '-', ''), '(', ''), ')', ''), '/', ''), '.', ''),
		coalesce(NEW.email, ''),
		replace(replace(coalesce(NEW.tax_number, ''), '-', ''), ' ', ''),
		coalesce(NEW.birth_date, '')
	WHERE NEW.anonymized_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER search_debtors_delete AFTER DELETE ON debtors
BEGIN
	DELETE FROM search_debtors WHERE rowid = OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_claims_insert AFTER INSERT ON claims
BEGIN
	INSERT INTO search_claims (rowid, ref) VALUES (NEW.id, '^' || NEW.reference);
END;
--> statement-breakpoint
CREATE TRIGGER search_claims_update AFTER UPDATE OF reference ON claims
BEGIN
	DELETE FROM search_claims WHERE rowid = OLD.id;
	INSERT INTO search_claims (rowid, ref) VALUES (NEW.id, '^' || NEW.reference);
END;
--> statement-breakpoint
CREATE TRIGGER search_claims_delete AFTER DELETE ON claims
BEGIN
	DELETE FROM search_claims WHERE rowid = OLD.id;
END;
