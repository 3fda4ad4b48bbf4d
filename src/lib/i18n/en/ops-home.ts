import type hu from '../hu/ops-home';

const en: Record<keyof typeof hu, string> = {
	'opsHome.queues': 'Queues',
	'opsHome.queue.disputes': 'Disputes to answer',
	'opsHome.queue.refunds': 'Overpayments to refund',
	'opsHome.queue.chargebacks': 'Disputed card payments (evidence for the bank)',
	'opsHome.queue.hardship': 'Hardship requests to review (5 days)',
	'opsHome.queue.plans': 'Plans awaiting review',
	'opsHome.queue.calls': 'Calls and callbacks due',
	'opsHome.queue.promises': 'Broken promises (30 days)',
	'opsHome.queue.visits': 'Visits not assigned',
	'opsHome.queue.letters': 'Letters to batch',
	'opsHome.overdue': 'overdue: {n}',
	'opsHome.late': 'overdue',
	'opsHome.disputes.title': 'Disputes by answer deadline',
	'opsHome.disputes.none': 'No dispute waits for an answer.',
	'opsHome.refunds.title': 'Overpayment refunds (5-day deadline)',
	'opsHome.refunds.none': 'No open refund task.',
	'opsHome.col.due': 'Deadline',
	'opsHome.col.debtor': 'Debtor',
	'opsHome.col.creditor': 'Creditor',
	'opsHome.col.reference': 'Reference',
	'opsHome.col.amount': 'Amount',
	'opsHome.col.links': 'Go to',
	'opsHome.payments': 'Payments',
	'opsHome.answer': 'Answer',
	'opsHome.page': 'Page {page} of {pages}',
	'opsHome.prev': 'Previous page',
	'opsHome.next': 'Next page'
};
export default en;
