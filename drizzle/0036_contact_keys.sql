CREATE INDEX `debtors_email_key_idx` ON `debtors` (lower(email));--> statement-breakpoint
-- The phone's key as src/lib/domain/contact-keys.ts PHONE_KEY_SQL writes it (the dispatcher's
-- query uses exactly this expression): its last nine digits, separators dropped.
CREATE INDEX `debtors_phone_key_idx` ON `debtors` (substr(replace(replace(replace(replace(replace(replace(replace(phone, ' ', ''), '-', ''), '.', ''), '/', ''), '(', ''), ')', ''), '+', ''), -9));
