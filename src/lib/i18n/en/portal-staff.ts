import type hu from '../hu/portal-staff';

const en: Record<keyof typeof hu, string> = {
	'portal.dispute.ops.title': 'Disputes',
	'portal.dispute.ops.none': 'No unanswered disputes.',
	'portal.dispute.ops.claim': 'Claim',
	'portal.dispute.ops.due': 'Answer by',
	'portal.dispute.ops.reason': 'Reason',
	'portal.dispute.ops.details': 'Details',
	'portal.dispute.ops.attachment': 'Attachment',
	'portal.dispute.ops.outcome': 'Decision',
	'portal.dispute.ops.uphold': 'Uphold (the claim is closed)',
	'portal.dispute.ops.reject': 'Reject (the claim goes back into the process)',
	'portal.dispute.ops.answerLabel': 'Answer to the debtor',
	'portal.dispute.ops.submit': 'Record the answer',
	'portal.dispute.ops.done': 'The answer has been recorded.',
	'portal.dispute.ops.status': 'Status',
	'portal.dispute.ops.awaiting': 'The debtor replied and awaits an answer',
	'portal.dispute.ops.thread': 'Messages',
	'portal.dispute.ops.opened': "The debtor's dispute",
	'portal.dispute.ops.answer': 'Our decision and answer',
	'portal.dispute.ops.debtor': "The debtor's message",
	'portal.dispute.ops.operator': 'Our answer',
	'portal.dispute.ops.replyLabel':
		'Message to the debtor, without a decision (e.g. asking for a document)',
	'portal.dispute.ops.replySubmit': 'Send the message',
	'portal.dispute.ops.replied': 'The message is recorded; the debtor will be told.'
};

export default en;
