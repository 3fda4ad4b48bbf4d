import type hu from '../hu/plans';

const en: Record<keyof typeof hu, string> = {
	'plans.title': 'Instalment plan',

	'plans.rule.payAtOnce':
		'For amounts like this (under {limit}) the creditor allows no instalments: please pay in one go.',
	'plans.rule.frequency': 'This payment frequency is not available for this claim.',
	'plans.rule.countMin': 'Please give at least one instalment.',
	'plans.rule.countMax': 'At most {max} instalments are allowed.',
	'plans.rule.downMin': 'The down payment must be at least {min}.',
	'plans.rule.downMax':
		'The down payment can be at most {max} (you can pay the whole amount at once with "Pay").',
	'plans.rule.downWhole': 'Please give the down payment in whole forints.',
	'plans.rule.installmentMin': 'Each instalment must be at least {min}.',
	'plans.rule.installmentShare':
		'Each instalment must be at least {percent}% of the balance, that is {min}.',
	'plans.rule.firstInvalid': 'Please give a valid date for the first instalment.',
	'plans.rule.firstPast': 'The first instalment cannot be before today.',
	'plans.rule.firstLatest':
		'The first instalment must be on {latest} at the latest (within {days} days from today).',
	'plans.rule.length':
		'A plan can last at most {days} days: the last instalment must be on {lastAllowed} at the latest.',

	'plans.freq.weekly': 'weekly',
	'plans.freq.biweekly': 'every two weeks',
	'plans.freq.monthly': 'monthly',

	'plans.status.proposed': 'Waiting for approval',
	'plans.status.countered': 'Counter-offer waiting for your decision',
	'plans.status.active': 'Active',
	'plans.status.completed': 'Completed',
	'plans.status.broken': 'Broken',
	'plans.status.rejected': 'Rejected',
	'plans.status.declined': 'Declined by you',
	'plans.status.cancelled': 'Ended',
	'plans.status.lapsed': 'Counter-offer lapsed',

	'plans.inst.due': 'Due',
	'plans.inst.upcoming': 'Upcoming',
	'plans.inst.paid': 'Paid',
	'plans.inst.late': 'Late',
	'plans.inst.missed': 'Missed',
	'plans.inst.void': 'Ended with the plan',
	'plans.inst.down': 'Down payment',

	'plans.page.title': 'Instalment plan – {reference}',
	'plans.page.back': 'Back to the claim',
	'plans.page.balance': 'Balance: {amount}',
	'plans.page.intro':
		"Put together how you could pay in parts. Plans inside the creditor's rules start at once; an agent reviews the others.",
	'plans.page.payAtOnce': 'No instalments are possible for this amount. Please pay it in one go.',
	'plans.page.notOpen': 'An instalment plan cannot be requested for this claim right now.',
	'plans.form.title': 'Your proposal',
	'plans.form.down': 'Down payment (due today, {unit})',
	'plans.form.downHint': 'At least {min}.',
	'plans.form.downHintNone': 'Enter 0 if you do not want to pay a down payment.',
	'plans.form.count': 'Number of instalments',
	'plans.form.countHint': 'Instalments: {max} at most.',
	'plans.form.countHintFitting':
		'At most {max} instalments; with this down payment and frequency, the other rules allow at most {fitting}.',
	'plans.form.frequency': 'Frequency',
	'plans.form.first': 'First instalment date',
	'plans.form.firstHint': 'On {latest} at the latest.',
	'plans.form.preview': 'Update schedule',
	'plans.form.submitAuto': 'Start the instalment plan',
	'plans.form.submitReview': 'Send for approval',
	'plans.form.budgetTitle': 'Short budget (optional)',
	'plans.form.budgetIntro': 'If you give it, our agent can more easily find a plan that suits you.',
	'plans.form.income': 'Monthly net income ({unit})',
	'plans.form.costs': 'Monthly essential costs ({unit})',
	'plans.form.reviewNote':
		'This proposal is outside the rules. You can send it for approval as it is, or choose the nearest plan that meets them.',
	'plans.form.autoNote': 'This plan meets the rules and starts at once.',
	'plans.form.withinButReview':
		"This plan meets the rules, but this many instalments need an agent's approval.",
	'plans.form.broken': 'The proposal does not meet these rules:',
	'plans.form.nearest':
		'We suggest instead: {count} instalments of {amount}, {frequency}, first on {first}, down payment {down}.',
	'plans.form.nearestOne':
		'We suggest instead: 1 instalment of {amount}, {frequency}, on {first}, down payment {down}.',
	'plans.form.useNearest': 'Use this plan',
	'plans.form.tookNearest':
		'We have put our suggestion into the fields. You had typed: down payment {down}, {count} instalments, {frequency}.',
	'plans.form.undoNearest': 'Restore what I typed',
	'plans.form.noNearest':
		'No plan inside the rules exists for this claim; you can send yours for approval.',
	'plans.schedule.title': 'Schedule',
	'plans.schedule.caption': 'Instalments and due dates',
	'plans.schedule.seq': 'Instalment',
	'plans.schedule.due': 'Due',
	'plans.schedule.amount': 'Amount',
	'plans.schedule.paid': 'Paid',
	'plans.schedule.status': 'Status',
	'plans.schedule.total': 'Total',
	'plans.confirm.autoTitle': 'Your instalment plan is active',
	'plans.confirm.auto':
		'Thank you! Your instalment plan has started. We send a reminder 3 days before each instalment.',
	'plans.confirm.review':
		'Thank you! Your proposal has been sent to our agent; you will see the decision here.',
	'plans.confirm.pdf': 'Download the schedule (PDF)',
	'plans.living.title': 'Your instalment plan',
	'plans.living.next': 'Next instalment: {amount}, due {date}.',
	'plans.living.paid': 'Paid: {amount}',
	'plans.living.remaining': 'Remaining: {amount}',
	'plans.living.payNext': 'Pay the next instalment',
	'plans.living.payAheadTitle': 'Pay ahead',
	'plans.living.payAheadAmount': 'Amount ({unit})',
	'plans.living.payAheadHint': 'At most {max}. The payment settles the oldest instalments first.',
	'plans.living.payAhead': 'Pay',
	'plans.living.lateWarning':
		'An instalment is late. If it is not paid by {date}, the plan will be broken.',
	'plans.living.completed': 'You have completed the instalment plan. Thank you!',
	'plans.pending.title': 'Your proposal is waiting for approval',
	'plans.pending.body': 'Our agent will decide soon. You can follow it here.',
	'plans.pending.withdraw': 'Withdraw the proposal',
	'plans.waiting.proposed':
		'Your instalment plan proposal is waiting for our decision. Until we decide, you cannot promise a payment date or ask for a pause; you can still pay (in full or in part), and you can withdraw the proposal.',
	'plans.waiting.countered':
		'Our counter-offer is waiting for your answer. Until you answer it, you cannot promise a payment date or ask for a pause; you can still pay (in full or in part).',
	'plans.counter.terms':
		'Our offer: {count} instalments of {amount}, {frequency}, first on {first}, down payment {down}.',
	'plans.counter.title': 'You have a counter-offer',
	'plans.counter.body':
		'Our agent proposes the schedule below. You can accept it, or decline it and make a new proposal.',
	'plans.counter.note': 'Note from our agent: {note}',
	'plans.counter.accept': 'Accept',
	'plans.counter.decline': 'Decline',
	'plans.counter.accepted': 'You accepted the counter-offer; the instalment plan has started.',
	'plans.counter.declined': 'You declined the counter-offer. You can make a new proposal.',
	'plans.history.title': 'Earlier decisions',
	'plans.history.rejected': 'Your proposal was rejected ({date}). Reason: {reason}',
	'plans.history.countered': 'We answered your proposal with a counter-offer ({date}).',
	'plans.history.broken':
		'The instalment plan was broken on {date} because an instalment stayed unpaid past the grace period.',
	'plans.history.lapsed':
		'Our counter-offer lapsed on {date} because it was not accepted by its first due date. If you would still like to pay in instalments, make a new proposal.',
	'plans.history.other': '{status} ({date})',
	'plans.history.approved': 'Your proposal was approved by our agent ({date}).',
	'plans.withdrawn': 'You withdrew your proposal.',
	'plans.paymentUnavailable': 'The payment cannot be started right now. Please try again later.',

	'plans.error.openPlan': 'This claim already has an instalment plan or a proposal in progress.',
	'plans.error.claimNotOpen': 'An instalment plan cannot be requested for this claim right now.',
	'plans.error.notAuto': 'This plan cannot start at once; please send it for approval.',
	'plans.error.state': 'This plan is no longer in that state. Please reload the page.',
	'plans.error.stale':
		"The plan's first due date has passed; make a counter-offer with a new date.",
	'plans.error.counterExpired':
		"The counter-offer's due date has passed. Please make a new proposal.",
	'plans.error.reasonRequired': 'Please write the reason; the debtor will see it.',
	'plans.error.amountTooHigh': 'At most {max} can be paid.',
	'plans.error.budget': 'Please give both amounts or neither.',

	'plans.pdf.title': 'Instalment plan agreement',
	'plans.pdf.claim': 'Case reference: {reference}',
	'plans.pdf.creditor': 'Creditor: {creditor}',
	'plans.pdf.debtor': 'Debtor: {name}',
	'plans.pdf.agreed': 'Active since: {date}',
	'plans.pdf.total': 'Total: {amount}',
	'plans.pdf.footer':
		'We send a reminder 3 days before each instalment. If an instalment is more than {grace} days late, the plan is broken.',

	'plans.living.approved': 'Our agent approved the instalment plan on {date}.'
};

export default en;
