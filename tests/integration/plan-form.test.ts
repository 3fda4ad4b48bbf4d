/**
 * The plan an operator or a field agent proposes on the debtor's behalf (the call and visit forms):
 * every refused field is named in one answer, not one per send.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { optionalPlanFields, parseForm, planOf } from '../../src/lib/server/http';
import { formOf } from '../helpers/form-fixtures';

const schema = z.object(optionalPlanFields).transform((v, ctx) => planOf(v, ctx));

describe("a plan's terms on a staff form", () => {
	it('names the count, the frequency and the first day together when all three are wrong', () => {
		const r = parseForm(
			formOf({
				downPayment: '',
				installmentCount: 'x',
				frequency: '',
				firstDueDate: '2026-02-30'
			}),
			schema
		);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.failure.data.errors).toEqual({
			installmentCount: { key: 'form.invalid' },
			frequency: { key: 'form.required' },
			firstDueDate: { key: 'form.invalidDate' }
		});
		expect(r.failure.data.values).toMatchObject({ installmentCount: 'x' });
	});

	it('reads a whole plan', () => {
		const r = parseForm(
			formOf({
				downPayment: '10 000',
				installmentCount: '4',
				frequency: 'monthly',
				firstDueDate: '2026-04-01'
			}),
			schema
		);
		expect(r.ok && r.data).toEqual({
			downPaymentMinor: 1_000_000,
			installmentCount: 4,
			frequency: 'monthly',
			firstDueDate: '2026-04-01'
		});
	});
});
