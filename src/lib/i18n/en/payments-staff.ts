import type hu from '../hu/payments-staff';

const en: Record<keyof typeof hu, string> = {
	'payments.flag.amountMismatch':
		'The payment provider reported {reported} instead of the expected {expected}; nothing was posted.',
	'payments.flag.gatewayUnavailable': 'The payment provider could not be reached.',
	'payments.ops.title': 'Payments',
	'payments.ops.tasks': 'Refund tasks (overpayments)',
	'payments.ops.tasksNone': 'No open refund tasks.',
	'payments.ops.due': 'Due',
	'payments.ops.overdue': 'overdue',
	'payments.ops.list': 'Payments, newest first',
	'payments.ops.filter': 'Status',
	'payments.ops.all': 'All',
	'payments.ops.reference': 'Claim reference (its beginning is enough)',
	'payments.ops.referenceExample': 'for example DB-2026-0000042',
	'payments.ops.pages': 'Pages of payments',
	'payments.ops.show': 'Filter',
	'payments.ops.id': 'Id',
	'payments.ops.claim': 'Claim',
	'payments.ops.amount': 'Amount',
	'payments.ops.status': 'Status',
	'payments.ops.gateway': 'Provider',
	'payments.gateway.stripe': 'card (Stripe)',
	'payments.gateway.demo': 'demo payment page',
	'payments.gateway.bank_transfer': 'bank transfer',
	'payments.gateway.direct': 'paid to the creditor directly',
	'payments.ops.date': 'Date',
	'payments.ops.refund': 'Refund',
	'payments.ops.refundAmount': 'Amount to refund',
	'payments.ops.refundReason': 'Reason',
	'payments.ops.transferRef': "The return transfer's reference",
	'payments.ops.transferHint':
		"Money that came by bank transfer: transfer it back from the agency's account first, then record it here.",
	'payments.ops.refundSubmit': 'Start the refund',
	'payments.ops.transferSubmit': 'Record the return transfer',
	'payments.ops.refundedSoFar': 'refunded so far: {amount}',
	'payments.ops.refundDone': 'The provider accepted the refund and it has been booked.',
	'payments.ops.refundRecorded': 'The return transfer is recorded and booked.',
	'payments.ops.promises': 'Open promises to pay',
	'payments.ops.promisesNone': 'No open promises to pay.',
	'payments.ops.promiseDate': 'Promised date',
	'payments.ops.none': 'No payments.',
	'payments.refund.error.notSucceeded':
		'Only a successful payment, or a flagged one whose money arrived, can be refunded.',
	'payments.refund.error.noAnswer':
		'The payment provider did not answer. The refund stays pending: if the provider made it, its notice books it. Do not start a new one; send this one again below, under pending refunds.',
	'payments.refund.error.tooOldToRetry':
		"This refund was started more than a day ago: sent again it could be made twice. Check in the payment provider's dashboard whether it went through.",
	'payments.refund.error.notPending': 'This refund is no longer pending.',
	'payments.ops.pending': 'Pending refunds',
	'payments.ops.pendingIntro':
		"The provider has not answered these yet. Sending one again uses the same key, so nothing is refunded twice (for a day). If the provider's dashboard shows it was not made, close it: the amount can then be refunded again.",
	'payments.ops.retry': 'Send again',
	'payments.ops.abandon': 'Not made (close it)',
	'payments.ops.requested': 'Requested',
	'payments.refund.error.changed':
		'Another refund of this payment was made in the meantime. Check the updated figures and start again only if it is still needed.',
	'payments.refund.error.tooMuch': 'At most {max} can be refunded.',
	'payments.refund.error.reason': 'Please give the reason for the refund.',
	'payments.refund.error.transferRef':
		"Please give the return transfer's reference (at least 3 characters).",
	'payments.refund.error.direct':
		'This payment was made to the creditor: we hold none of it to give back.',
	'payments.refund.error.gateway':
		'The payment provider did not accept the refund. Please try again later.',
	'payments.ops.chargebacks': 'Card chargebacks',
	'payments.ops.chargebacksIntro':
		"The cardholder disputed these card payments with their bank. While the bank decides, the payment stands: send the evidence (the claim's papers, how the payment was made) in the payment provider's dashboard by the deadline. If the bank takes the money back, the debt is owed again; we book that ourselves.",
	'payments.ops.cb.col.claim': 'Claim',
	'payments.ops.cb.col.payment': 'Payment',
	'payments.ops.cb.col.amount': 'Amount disputed',
	'payments.ops.cb.col.reason': "The bank's reason",
	'payments.ops.cb.col.status': 'Status',
	'payments.ops.cb.col.due': 'Evidence due by',
	'payments.ops.cb.status.open': 'the bank is deciding',
	'payments.ops.cb.status.won': 'the payment stands',
	'payments.ops.cb.status.lost': 'the bank took it back; the debt is owed again',
	'payments.ops.cb.reason.bank_cannot_process': 'the bank could not process it',
	'payments.ops.cb.reason.credit_not_processed': 'a credit was expected and not received',
	'payments.ops.cb.reason.customer_initiated': 'the cardholder asked for it',
	'payments.ops.cb.reason.debit_not_authorized': 'debit not authorised',
	'payments.ops.cb.reason.duplicate': 'charged twice',
	'payments.ops.cb.reason.fraudulent': 'the cardholder does not recognise it (fraud)',
	'payments.ops.cb.reason.general': 'other reason',
	'payments.ops.cb.reason.incorrect_account_details': 'wrong account details',
	'payments.ops.cb.reason.insufficient_funds': 'insufficient funds',
	'payments.ops.cb.reason.product_not_received': 'service not received',
	'payments.ops.cb.reason.product_unacceptable': 'service unsatisfactory',
	'payments.ops.cb.reason.subscription_canceled': 'subscription cancelled',
	'payments.ops.cb.reason.unrecognized': 'the cardholder does not recognise the charge'
};

export default en;
