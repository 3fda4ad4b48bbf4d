import type hu from '../hu/portal-settlement';

const en: Record<keyof typeof hu, string> = {
	'portal.offer.title': 'Settle at once for less',
	'portal.offer.text':
		'If you pay {pay} in one payment by {deadline}, your debt is settled: you get {discount} off the {total} you owe.',
	'portal.offer.card': 'Pay {pay} by card',
	'portal.offer.transfer':
		'A bank transfer works too: transfer {pay} by {deadline}, with {reference} in the payment message.',
	'portal.offer.changed': 'The offer has changed meanwhile. Please look at it again.',
	'portal.certificate.agreement':
		'The claim was settled by agreement of the parties with a single payment; the creditor waived {discount}.',
	'portal.certificate.discount': 'Amount waived (by agreement)'
};

export default en;
