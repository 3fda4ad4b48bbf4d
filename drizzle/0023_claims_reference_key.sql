-- Hand-written (drizzle-kit cannot generate an expression index with commas in it): bank
-- transfers are matched by the claim reference in their text, spaces, dashes, dots, slashes,
-- underscores and case aside. The expression is domain/bank-statement.ts REFERENCE_KEY_SQL.
CREATE INDEX `claims_reference_key_idx` ON `claims` (upper(replace(replace(replace(replace(replace(`reference`, ' ', ''), '-', ''), '.', ''), '/', ''), '_', '')));
