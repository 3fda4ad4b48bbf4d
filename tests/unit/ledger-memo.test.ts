import { describe, expect, it } from 'vitest';
import { memoWords } from '../../src/lib/domain/ledger-memo';

describe('a ledger memo as words', () => {
	it('names each code the posting code writes, with its record numbers', () => {
		expect(memoWords('placement')).toEqual({ key: 'handover.memo.placement' });
		expect(memoWords('payment 12')).toEqual({
			key: 'handover.memo.payment',
			params: { payment: 12 }
		});
		expect(memoWords('refund 3 failed')).toEqual({
			key: 'handover.memo.refundFailed',
			params: { refund: 3 }
		});
		expect(memoWords('settlement 7 undone by refund 9')).toEqual({
			key: 'handover.memo.settlementUndone',
			params: { payment: 7, refund: 9 }
		});
	});
	it('keeps anything else as written', () => {
		expect(memoWords('40 EUR behajtási költségátalány')).toEqual({
			text: '40 EUR behajtási költségátalány'
		});
		expect(memoWords('')).toEqual({ text: '' });
	});
});
