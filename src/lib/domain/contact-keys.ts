/**
 * The keys under which two debtor records share an e-mail address or a phone number, as SQL
 * expressions over a `debtors` row (the schema indexes exactly these). One person can have several
 * records (one per set of contacts creditors supplied, placing.ts), and a stop or a bounce is about
 * the address: C8's "a stop request takes effect at once" holds for every record that has it.
 */

/** the e-mail address without regard to case */
export const EMAIL_KEY_SQL = (col = 'email') => `lower(${col})`;

/**
 * The phone number's last nine digits: '06 30 123 4567', '+36301234567' and '0036 30 123-4567'
 * agree (06 and 36 both end in 6, so Budapest and area numbers agree too); separators are dropped.
 */
export const PHONE_KEY_SQL = (col = 'phone') =>
	`substr(replace(replace(replace(replace(replace(replace(replace(${col}, ' ', ''), '-', ''), '.', ''), '/', ''), '(', ''), ')', ''), '+', ''), -9)`;
