/** English texts of the operators' call and visit queue. */
import type hu from '../hu/tasks';

const en: Record<keyof typeof hu, string> = {
	'ops.tasks.title': 'Planned calls and visits',
	'ops.tasks.intro':
		'Calls and home visits the collection process planned for today or earlier. Before calling, check that a contact is allowed now; the system checks again when you record it.',
	'ops.tasks.filter.label': 'Filter by channel',
	'ops.tasks.filter.all': 'All',
	'ops.tasks.channel.call': 'Phone call',
	'ops.tasks.channel.visit': 'Home visit',
	'ops.tasks.none': 'No calls or visits are due.',
	'ops.tasks.done': 'Recorded. The claim was re-evaluated at once.',
	'ops.tasks.claim': 'Claim',
	'ops.tasks.stage': 'Stage',
	'ops.tasks.phone': 'Phone',
	'ops.tasks.address': 'Address',
	'ops.tasks.noReach': 'Not on file',
	'ops.tasks.due': 'Due',
	'ops.tasks.allowed': 'A contact is allowed now.',
	'ops.tasks.outcome': 'How did it go?',
	'ops.tasks.outcome.conversation': 'We spoke with the debtor',
	'ops.tasks.outcome.no_answer': 'Not reached (no answer, not at home)',
	'ops.tasks.outcome.refused': 'Did not want to talk',
	'ops.tasks.record': 'Record',
	'ops.tasks.refused.c1_window':
		'Not allowed now: outside the contact hours (weekdays 8:00–20:00, Saturdays 8:00–12:00, never on Sundays or public holidays).',
	'ops.tasks.refused.c2_cap':
		'Not allowed now: this claim already had 3 personal contacts in the last 7 days.',
	'ops.tasks.refused.c2_after_conversation':
		'No call now: we spoke with the debtor in the last 7 days.',
	'ops.tasks.refused.c8_opted_out': 'Not allowed: the debtor stopped this channel.'
};
export default en;
