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
	'portal.dispute.ops.done': 'The answer has been recorded.'
};

export default en;
