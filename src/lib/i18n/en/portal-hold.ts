import type hu from '../hu/portal-hold';

const en: Record<keyof typeof hu, string> = {
	'portal.recalled':
		'{creditor} has taken this debt back: we no longer handle it and will not contact you about it. Please contact them directly with any questions.',
	'portal.closedUpheld':
		'We accepted your dispute: this debt is closed, you owe nothing on it and we will not contact you about it.',
	'portal.hold.dispute':
		'Your claim is on hold while we examine your dispute; we send no reminders until then.',
	'portal.hold.plan': 'Your claim is on hold while your instalment plan runs.',
	'portal.hold.promise': 'Your claim is on hold until {date} (your promise to pay).',
	'portal.hold.insolvency': 'Your claim is on hold during the insolvency proceedings.',
	'portal.hold.legal_representation':
		'Your claim is on hold: we deal with it through your legal representative.',
	'portal.hold.deceased': 'This claim is on hold while we clarify the circumstances.',
	'portal.hold.vulnerability':
		'Your claim is on hold while we agree with you how to proceed, taking your circumstances into account.',
	'portal.hold.until': 'We will continue after {date}.',
	'portal.planWait.next.proposed':
		'Until we decide on your proposal, the process goes on: the next step is a {step} on {date}, unless the instalment plan has started or you have paid by then.',
	'portal.planWait.next.countered':
		'Until you answer the counter-offer, the process goes on: the next step is a {step} on {date}, unless you have accepted the counter-offer or paid by then.',
	'portal.hold.hardship':
		'Your case is paused because you told us you cannot pay now; we send no reminders until then.'
};
export default en;
