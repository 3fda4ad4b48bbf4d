import type hu from '../hu/pay-transfer';

const en: Record<keyof typeof hu, string> = {
	'portal.transfer.title': 'Pay by bank transfer',
	'portal.transfer.intro':
		'You can also transfer the amount from your bank. Please put exactly the case reference in the payment reference, so we can book your payment to this case.',
	'portal.transfer.beneficiary': 'Beneficiary',
	'portal.transfer.iban': 'Account (IBAN)',
	'portal.transfer.bic': 'BIC (SWIFT)',
	'portal.transfer.reference': 'Payment reference',
	'portal.transfer.amount': 'Amount',
	'portal.transfer.qrMnb':
		'Scan the QR code with your banking app (MNB QR payment request): every detail is filled in.',
	'portal.transfer.qrEpc':
		'Scan the QR code with your banking app (EPC SEPA credit transfer): every detail is filled in.',
	'portal.transfer.qrLabel': 'QR code for the transfer: {amount}, reference {reference}',
	'portal.transfer.note':
		'A transfer takes 1–2 business days to arrive; until then the claim still shows as open. You may transfer a part too.',
	'portal.transfer.noteFull':
		'A transfer takes 1–2 business days to arrive; until then the claim still shows as open. Please transfer the whole amount above in one payment: the creditor does not take part payments for this claim.',
	'portal.transfer.copy': 'Copy',
	'portal.transfer.link': 'I would rather pay by bank transfer (account number, QR code)',
	'portal.transfer.copied': 'Copied'
};
export default en;
