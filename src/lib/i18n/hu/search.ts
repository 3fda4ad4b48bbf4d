/** Hungarian texts of the operators' search (/ops/search and the box on every /ops page, issue 18 item 1). */
export default {
	'search.box.label': 'Adós vagy követelés keresése',
	'search.box.placeholder': 'név, telefonszám, e-mail vagy DB-2026-0000042',
	'search.box.submit': 'Mehet',
	'search.title': 'Keresés',
	'search.field': 'Keresett szöveg',
	'search.hint':
		'Adós neve (ékezet nélkül is, részlet is), telefonszáma (részlet is), e-mail-címe, születési dátuma (ÉÉÉÉ-HH-NN), adószáma, vagy a követelés azonosítójának eleje.',
	'search.submit': 'Keresés',
	'search.tooShort': 'Legalább 3 karaktert írjon be.',
	'search.debtors': 'Adósok',
	'search.claims': 'Követelések',
	'search.noDebtors': 'Nincs ilyen adós.',
	'search.noClaims': 'Nincs a keresésnek megfelelő követelés.',
	'search.limited': 'Legfeljebb {n} találat látszik: pontosítsa a keresést.',
	'search.anonymised': 'anonimizált adós',
	'search.col.name': 'Név',
	'search.col.city': 'Település',
	'search.col.claims': 'Követelések',
	'search.col.balance': 'Tartozás',
	'search.col.reference': 'Azonosító',
	'search.col.creditor': 'Megbízó',
	'search.col.debtor': 'Adós',
	'search.col.stage': 'Szakasz',
	'search.col.status': 'Állapot'
};
