import type hu from '../hu/payments';

const en: Record<keyof typeof hu, string> = {
	'payments.title': 'Payment',
	'payments.status.pending': 'in progress',
	'payments.status.succeeded': 'successful',
	'payments.status.failed': 'failed',
	'payments.status.expired': 'expired',
	'payments.status.flagged': 'being checked',
	'payments.paidDirect': 'paid to the creditor',
	'payments.history.overpaid':
		'{amount} of it was more than you owed: we send it back within 5 days',
	'payments.history.refunded': 'sent back: {amount}',
	'payments.history.chargedBack': 'taken back by your card bank: {amount}',
	'payments.purpose.full': 'full',
	'payments.purpose.partial': 'part',
	'payments.purpose.installment': 'instalment',
	'payments.purpose.down_payment': 'down payment',
	'payments.purpose.manual': 'manual',
	'payments.error.amountPositive': 'Please enter an amount above zero.',
	'payments.error.wholeForints': 'Please enter whole forints, without fillér.',
	'payments.error.tooMuch': 'The most you can enter is {max}.',
	'payments.error.tooLittle': 'The least you can enter is {min}.',
	'payments.error.fullMismatch': 'The amount outstanding has changed. Please reload the page.',
	'payments.error.partialNotAllowed': 'For this debt only the full amount can be paid.',
	'payments.error.nothingOwed': 'Nothing is owed on this debt.',
	'payments.error.pendingCheckout':
		'You have already started a payment for this claim. Finish it, or start a new one in {minutes} minutes.',
	'payments.error.paymentInFlight':
		'A payment of yours for this claim is already being processed. Please wait for its result.',
	'payments.error.gatewayDown':
		'The payment provider cannot be reached right now. Please try again in a few minutes.',
	'payments.result.title': 'Payment',
	'payments.result.succeeded': 'Thank you! Your payment of {amount} has been credited.',
	'payments.result.pending':
		'Your payment is being processed. If your bank approved it, it will show here within a few minutes.',
	'payments.result.failed':
		'The payment did not go through and nothing was charged. Try again, or choose another way.',
	'payments.result.expired': 'The payment page expired; nothing was charged.',
	'payments.result.flagged':
		'A member of our staff is checking this payment; we will let you know the outcome.',
	'payments.result.settled':
		'The debt is settled. You can download the certificate of settlement on the debt’s page.',
	'payments.result.overpaid':
		'{amount} of it was more than you owed: we send it back to you within 5 days.',
	'payments.result.refunded': 'We have sent back to you of it: {amount}.',
	'payments.result.chargedBack':
		'Your card-issuing bank took {amount} of it back for you, so that much of the debt is owed again.',
	'payments.result.remaining': 'Still to pay after this payment: {amount}.',
	'payments.result.receipt': 'Download the receipt (PDF)',
	'payments.result.back': 'Back to the debt',
	'payments.result.tryAgain': 'Try again',
	'payments.result.refresh': 'Refresh',
	'payments.receipt.title': 'Payment receipt',
	'payments.receipt.number': 'Receipt number',
	'payments.receipt.date': 'Date of payment',
	'payments.receipt.payer': 'Paid by',
	'payments.receipt.amount': 'Amount paid',
	'payments.receipt.allocation': 'How it was booked',
	'payments.receipt.overpayment': 'Overpayment (refunded within 5 days)',
	'payments.receipt.refunded': 'Refunded',
	'payments.receipt.direct':
		'You paid this amount straight to the creditor; we booked it when the creditor told us.',
	'payments.receipt.footer':
		'This receipt was issued electronically and is valid without a signature.',
	'payments.demo.title': 'Demo payment page',
	'payments.demo.intro':
		'This is a demo payment page: no real money moves. Choose what should happen to the payment.',
	'payments.demo.amount': 'Amount to pay',
	'payments.demo.reference': 'Debt',
	'payments.demo.approve': 'Approve the payment',
	'payments.demo.decline': 'Decline the payment',
	'payments.demo.done': 'This payment is already finished.',
	'payments.demo.seeResult': 'See how the payment ended'
};

export default en;
