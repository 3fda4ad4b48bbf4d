/**
 * Why a claim's status changed, as the services note it in the audit trail (`dispute 12 upheld`,
 * `plan 5 broken`, `refund 3 failed`, `recalled`…), turned into a message key for the case
 * history: staff read words, not the note. A note of another shape gives null (nothing shown).
 */
const WHY: [RegExp, string][] = [
	[/^dispute \d+$/, 'casefile.why.disputeOpened'],
	[/^dispute \d+ upheld$/, 'casefile.why.disputeUpheld'],
	[/^dispute \d+ corrected$/, 'casefile.why.disputeCorrected'],
	[/^dispute \d+ rejected$/, 'casefile.why.disputeRejected'],
	[/^plan \d+$/, 'casefile.why.planActive'],
	[/^plan \d+ broken$/, 'casefile.why.planBroken'],
	[/^plan \d+ completed$/, 'casefile.why.planCompleted'],
	[/^payment \d+$/, 'casefile.why.payment'],
	[/^refund \d+$/, 'casefile.why.refund'],
	[/^refund \d+ failed$/, 'casefile.why.refundFailed'],
	[/^recalled$/, 'casefile.why.recalled']
];

export function statusWhyKey(why: string): string | null {
	for (const [re, key] of WHY) if (re.test(why)) return key;
	return null;
}
