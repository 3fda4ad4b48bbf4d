import { describe, expect, it } from 'vitest';
import { statusWhyKey } from '$lib/domain/status-why';
import hu from '$lib/i18n/hu';
import en from '$lib/i18n/en';

describe("why a claim's status changed, for the case history", () => {
	it('words every note the services write, in both languages, and shows no other note', () => {
		const notes = [
			'dispute 12',
			'dispute 12 upheld',
			'dispute 12 corrected',
			'dispute 12 rejected',
			'plan 5',
			'plan 5 broken',
			'plan 5 completed',
			'payment 9',
			'refund 3',
			'refund 3 failed',
			'recalled'
		];
		for (const n of notes) {
			const key = statusWhyKey(n);
			expect(key, n).not.toBeNull();
			expect(hu[key as keyof typeof hu], n).toBeTruthy();
			expect(en[key as keyof typeof en], n).toBeTruthy();
		}
		expect(statusWhyKey('dispute 12 upheld')).toBe('casefile.why.disputeUpheld');
		expect(statusWhyKey('something else')).toBeNull();
	});
});
