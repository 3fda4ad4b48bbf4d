/**
 * Hungarian texts printed on letters (issue 17): drawn on the server (server/letters.ts), so
 * debtors' phones never download them: in the full dictionary (index.ts), not in base.ts.
 */
export default {
	'letters.pdf.head':
		'1051 Budapest, Példa utca 1. · Telefon: +36 1 555 0100 · ugyfelszolgalat@rendez.example',
	'letters.pdf.returnAddress': 'Rendez Zrt. · 1051 Budapest, Példa utca 1.',
	'letters.pdf.date': 'Kelt',
	'letters.pdf.reference': 'Ügyszám',
	'letters.pdf.creditor': 'Megbízó',
	'letters.pdf.portalTitle': 'Személyes oldala (QR-kóddal is megnyitható)',
	'letters.pdf.transferTitle': 'Fizetés átutalással',
	'letters.pdf.disputeAnswer': 'Válaszunk:',
	'letters.pdf.beneficiary': 'Kedvezményezett',
	'letters.pdf.iban': 'Számlaszám (IBAN)',
	'letters.pdf.amount': 'Összeg',
	'letters.pdf.remittance': 'Közlemény (kérjük, pontosan így írja)',
	'letters.pdf.qrMnb': 'A QR-kódot banki alkalmazása beolvassa (MNB QR-kód fizetési kérés).',
	'letters.pdf.qrEpc': 'A QR-kódot banki alkalmazása beolvassa (EPC SEPA-átutalás).',
	'letters.pdf.footer':
		'Rendez Követeléskezelő Zrt. · Valódi-e a levél? Hívjon minket: +36 1 555 0100 · A levelet gépi úton állítottuk elő, aláírás nélkül is érvényes.',
	'letters.pdf.batchTitle': 'Nyomtatási köteg'
} as const;
