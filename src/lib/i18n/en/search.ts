import type hu from '../hu/search';

const en: Record<keyof typeof hu, string> = {
	'search.box.label': 'Find a debtor or claim',
	'search.box.placeholder': 'name, phone, e-mail or DB-2026-0000042',
	'search.box.submit': 'Go',
	'search.title': 'Search',
	'search.field': 'Search for',
	'search.hint':
		"A debtor's name (accents optional, part of it will do), phone number (or part of it), e-mail address, birth date (YYYY-MM-DD) or tax number, or the beginning of a claim's reference.",
	'search.submit': 'Search',
	'search.tooShort': 'Type at least 3 characters.',
	'search.debtors': 'Debtors',
	'search.claims': 'Claims',
	'search.noDebtors': 'No such debtor.',
	'search.noClaims': 'No claim matches the search.',
	'search.limited': 'At most {n} results are shown: narrow the search.',
	'search.anonymised': 'anonymised debtor',
	'search.col.name': 'Name',
	'search.col.city': 'City',
	'search.col.claims': 'Claims',
	'search.col.balance': 'Balance',
	'search.col.reference': 'Reference',
	'search.col.creditor': 'Creditor',
	'search.col.debtor': 'Debtor',
	'search.col.stage': 'Stage',
	'search.col.status': 'Status'
};
export default en;
