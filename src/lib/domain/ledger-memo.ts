/**
 * A ledger line's memo as words (the legal handover's ledger.csv, issue 16 item 7). Memos are
 * written by the code that posts the line: a code ('placement', the engine's fee rules) or a code
 * with the record it came from ('payment 12', 'refund 3 failed', 'dispute 5'). Each known form is
 * an i18n key with its numbers; anything else (a line the seed or an import wrote in words) is
 * kept as written.
 */
export type MemoWords = { key: string; params?: Record<string, number> } | { text: string };

const FORMS: [RegExp, string, string[]][] = [
	[/^placement$/, 'handover.memo.placement', []],
	[/^stage_fee$/, 'handover.memo.stage_fee', []],
	[/^c14_lump_sum$/, 'handover.memo.c14_lump_sum', []],
	[/^dispute upheld$/, 'handover.memo.disputeUpheld', []],
	[/^payment (\d+)$/, 'handover.memo.payment', ['payment']],
	[/^refund (\d+)$/, 'handover.memo.refund', ['refund']],
	[/^refund (\d+) failed$/, 'handover.memo.refundFailed', ['refund']],
	[/^dispute (\d+)$/, 'handover.memo.dispute', ['dispute']],
	[/^settlement (\d+)$/, 'handover.memo.settlement', ['payment']],
	[
		/^settlement (\d+) undone by refund (\d+)$/,
		'handover.memo.settlementUndone',
		['payment', 'refund']
	],
	[
		/^settlement (\d+) restored: refund (\d+) failed$/,
		'handover.memo.settlementRestored',
		['payment', 'refund']
	]
];

export function memoWords(memo: string): MemoWords {
	const m = memo.trim();
	for (const [re, key, names] of FORMS) {
		const hit = re.exec(m);
		if (!hit) continue;
		const params: Record<string, number> = {};
		names.forEach((n, i) => (params[n] = Number(hit[i + 1])));
		return names.length ? { key, params } : { key };
	}
	return { text: m };
}
