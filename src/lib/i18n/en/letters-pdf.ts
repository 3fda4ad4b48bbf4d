import type hu from '../hu/letters-pdf';

const en: Record<keyof typeof hu, string> = {
	'letters.pdf.head':
		'Példa utca 1, 1051 Budapest · Phone: +36 1 555 0100 · ugyfelszolgalat@rendez.example',
	'letters.pdf.returnAddress': 'Rendez Zrt. · 1051 Budapest, Példa utca 1.',
	'letters.pdf.date': 'Date',
	'letters.pdf.reference': 'Case reference',
	'letters.pdf.creditor': 'On behalf of',
	'letters.pdf.portalTitle': 'Your personal page (the QR code opens it too)',
	'letters.pdf.transferTitle': 'Pay by bank transfer',
	'letters.pdf.disputeAnswer': 'Our answer:',
	'letters.pdf.beneficiary': 'Beneficiary',
	'letters.pdf.iban': 'Account (IBAN)',
	'letters.pdf.amount': 'Amount',
	'letters.pdf.remittance': 'Payment reference (please write exactly this)',
	'letters.pdf.qrMnb': 'Your banking app reads the QR code (MNB QR payment request).',
	'letters.pdf.qrEpc': 'Your banking app reads the QR code (EPC SEPA credit transfer).',
	'letters.pdf.footer':
		'Rendez Követeléskezelő Zrt. · Is this letter genuine? Call us: +36 1 555 0100 · Printed by machine, valid without a signature.',
	'letters.pdf.batchTitle': 'Print batch'
};
export default en;
