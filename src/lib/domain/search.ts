/**
 * The operator search's query (issue 18 item 1): what a typed text means, as FTS5 match
 * expressions over the trigram indexes of migration search_index (`search_debtors`: name, phone,
 * email, tax, birth; `search_claims`: ref, the reference behind a '^'). Every piece of user text
 * goes into a quoted FTS5 string (a `"` doubled), so no input is read as FTS syntax.
 */

import { referenceKey } from './bank-statement';

/** The trigram index finds substrings of at least this many characters. */
export const SEARCH_MIN_LENGTH = 3;
/** Longer input is cut here (no name, e-mail or reference is longer). */
export const SEARCH_MAX_LENGTH = 200;

export interface SearchPlan {
	/** the query as searched: trimmed, spaces collapsed, control characters removed */
	query: string;
	/** shorter than SEARCH_MIN_LENGTH: nothing searched */
	tooShort: boolean;
	/** FTS5 expression for search_debtors, or null when nothing in the query can find a debtor */
	debtors: string | null;
	/** FTS5 expression for search_claims (reference prefix) */
	claims: string | null;
	/**
	 * the query as a reference key (bank-statement.ts `referenceKey`: spaces, dashes, dots, slashes
	 * and case aside), when it has a digit: claims whose key starts with it are found as well
	 * ("db2026 0000001" finds DB-2026-0000001)
	 */
	claimKey: string | null;
}

/** A quoted FTS5 string: the text taken literally. */
export const ftsString = (s: string): string => `"${s.replaceAll('"', '""')}"`;

const length = (s: string) => [...s].length;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** what people write inside phone and tax numbers */
const NUMBER_PUNCTUATION = /[\s+\-()/.]/g;

/**
 * The forms a Hungarian number may be stored in (the index holds its digits as written: most as
 * E.164, '36 30 …', some as '06 30 …'): typed with the trunk prefix 06, the international 0036 or
 * 36, it is looked for with each of them ('06307482405' finds '+36307482405' and the reverse).
 */
export function phoneForms(digits: string): string[] {
	const national = /^(?:0036|36|06)(\d{2,})$/.exec(digits)?.[1];
	if (!national) return [digits];
	return [...new Set([digits, '36' + national, '06' + national])];
}

/**
 * `birthDate`: the query read as a birth date the way the rest of the product reads one
 * (services/access.ts `normaliseBirthDate`: 1984.05.17., 1984. 5. 17., 1984/05/17), or null.
 */
/** The reference key of a query that could be (the start of) a reference: it has a digit. */
function keyOf(query: string): string | null {
	const key = referenceKey(query);
	return /\d/.test(key) && length(key) >= SEARCH_MIN_LENGTH && /^[\p{L}\p{N}]+$/u.test(key)
		? key
		: null;
}

export function searchPlan(input: string, opts: { birthDate?: string | null } = {}): SearchPlan {
	const query = input
		// eslint-disable-next-line no-control-regex
		.replace(/[\u0000-\u001f\u007f]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.slice(0, SEARCH_MAX_LENGTH)
		.trim();
	if (length(query) < SEARCH_MIN_LENGTH)
		return { query, tooShort: true, debtors: null, claims: null, claimKey: null };

	const either: string[] = [];
	const birth = opts.birthDate ?? (DATE.test(query) ? query : null);
	if (birth) {
		// a birth date, exactly (the column holds nothing but the date, as YYYY-MM-DD)
		either.push(`birth : ${ftsString(birth)}`);
	} else {
		// every word of 3+ characters somewhere in the name, in any order ("anna kov")
		const words = query.split(' ').filter((w) => length(w) >= SEARCH_MIN_LENGTH);
		if (words.length > 0)
			either.push(`(${words.map((w) => `name : ${ftsString(w)}`).join(' AND ')})`);
		if (!query.includes(' ')) either.push(`email : ${ftsString(query)}`);
		// a phone or tax number, in part, however it is punctuated
		const digits = query.replace(NUMBER_PUNCTUATION, '');
		if (/^\d+$/.test(digits) && digits.length >= SEARCH_MIN_LENGTH)
			either.push(
				...phoneForms(digits).map((f) => `phone : ${ftsString(f)}`),
				`tax : ${ftsString(digits)}`
			);
	}
	return {
		query,
		tooShort: false,
		debtors: either.length > 0 ? either.join(' OR ') : null,
		claims: `ref : ${ftsString('^' + query)}`,
		claimKey: keyOf(query)
	};
}
