/**
 * Hungarian texts of the pay page's bank-transfer panel (issue 19, item 5). The server writes them
 * into the page's data (payments/transfer.ts), so the dictionary every debtor page downloads does
 * not grow: in the full dictionary (index.ts), not in base.ts.
 */
export default {
	'portal.transfer.title': 'Fizetés banki átutalással',
	'portal.transfer.intro':
		'Átutalhatja az összeget bankjából is. Kérjük, a közleménybe pontosan az ügyszámot írja, így a befizetését ehhez az ügyhöz tudjuk könyvelni.',
	'portal.transfer.beneficiary': 'Kedvezményezett',
	'portal.transfer.iban': 'Számlaszám (IBAN)',
	'portal.transfer.bic': 'BIC (SWIFT)',
	'portal.transfer.reference': 'Közlemény',
	'portal.transfer.amount': 'Összeg',
	'portal.transfer.qrMnb':
		'Banki alkalmazásával olvassa be a QR-kódot (MNB QR-kód fizetési kérés): minden adat kitöltődik.',
	'portal.transfer.qrEpc':
		'Banki alkalmazásával olvassa be a QR-kódot (EPC SEPA-átutalás): minden adat kitöltődik.',
	'portal.transfer.qrLabel': 'QR-kód az átutaláshoz: {amount}, közlemény {reference}',
	'portal.transfer.note':
		'Az átutalás 1–2 munkanap alatt ér be; addig a tartozás még nyitottnak látszik. Részösszeget is átutalhat.',
	'portal.transfer.noteFull':
		'Az átutalás 1–2 munkanap alatt ér be; addig a tartozás még nyitottnak látszik. A megbízó csak a teljes összeget fogadja el: kérjük, a fenti összeget egyben utalja át.',
	'portal.transfer.copy': 'Másolás',
	'portal.transfer.link': 'Inkább banki átutalással fizetek (számlaszám, QR-kód)',
	'portal.transfer.copied': 'Kimásolva'
} as const;
