/**
 * The operator's answer form at /ops/disputes: the amounts to take off are parsed in the claim's
 * currency by the amount helpers, each refusal next to its field, and read only when the amount is
 * corrected (the fields are on the form whatever is chosen, so that it works without JS).
 */
import { describe, expect, it } from 'vitest';
import { parseForm } from '../../src/lib/server/http';
import { answerSchema } from '../../src/routes/ops/disputes/answer-form';
import { formOf } from '../helpers/form-fixtures';

const EMPTY = { principal: '', interest: '', fee: '', cost: '' };

describe('the dispute answer form', () => {
	it('reads the amounts to take off as people type them, empty as nothing', () => {
		const r = parseForm(
			formOf({
				outcome: 'corrected',
				answer: 'A díjat tévesen számoltuk fel.',
				...EMPTY,
				interest: '5 000 Ft',
				fee: '3.000'
			}),
			answerSchema('HUF')
		);
		expect(r.ok && r.data).toEqual({
			outcome: 'corrected',
			answer: 'A díjat tévesen számoltuk fel.',
			writeOff: { principal: 0, interest: 500_000, fee: 300_000, cost: 0 }
		});
		const eur = parseForm(
			formOf({ outcome: 'corrected', answer: 'x', ...EMPTY, cost: '12,50' }),
			answerSchema('EUR')
		);
		expect(eur.ok && eur.data.writeOff).toEqual({ principal: 0, interest: 0, fee: 0, cost: 1250 });
	});

	it('refuses what is not an amount next to its field, and keeps what was typed', () => {
		const r = parseForm(
			formOf({
				disputeId: '7',
				outcome: 'corrected',
				answer: 'x',
				...EMPTY,
				principal: 'sok',
				fee: '-100',
				cost: '1,5'
			}),
			answerSchema('HUF')
		);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.failure.status).toBe(400);
		expect(r.failure.data.errors).toEqual({
			principal: { key: 'form.invalidAmount' },
			fee: { key: 'form.invalidAmount' },
			cost: { key: 'payments.error.wholeForints' }
		});
		expect(r.failure.data.values).toMatchObject({ disputeId: '7', principal: 'sok' });
	});

	it('ignores the amounts when the dispute is upheld or rejected; a third decision is not made up', () => {
		const r = parseForm(
			formOf({ outcome: 'rejected', answer: 'Nem.', ...EMPTY, fee: 'sok' }),
			answerSchema('HUF')
		);
		expect(r.ok && r.data).toEqual({ outcome: 'rejected', answer: 'Nem.', writeOff: undefined });
		// a form without the amount fields at all (a page of before, a script) is read the same
		const bare = parseForm(
			formOf({ outcome: 'upheld', answer: 'Igaza van.' }),
			answerSchema('HUF')
		);
		expect(bare.ok && bare.data).toEqual({
			outcome: 'upheld',
			answer: 'Igaza van.',
			writeOff: undefined
		});
		const bad = parseForm(
			formOf({ outcome: 'halved', answer: 'x', ...EMPTY }),
			answerSchema('HUF')
		);
		expect(!bad.ok && bad.failure.data.errors).toEqual({ outcome: { key: 'form.required' } });
	});
});
