/**
 * The probe (issue 15) sent the plan preview `frequency=__proto__` and `frequency=1&frequency=2`:
 * the page evaluates what was sent back, and a frequency that is none of ours reached the schedule
 * builder, which threw (a 500 on the debtor's page). It is a broken rule, with no schedule.
 */
import { describe, expect, it } from 'vitest';
import { evaluateProposal } from '../../src/lib/domain/plans';
import { defaultRules } from '../../src/lib/domain/rules';
import type { Frequency } from '../../src/lib/domain/schedule-types';

const ctx = { balanceMinor: 30_000_000, currency: 'HUF' as const, today: '2026-03-02' };

describe('plan evaluator: a frequency that is none of ours', () => {
	for (const bent of ['__proto__', 'constructor', 'toString', '1,constructor,', 'yearly']) {
		it(`"${bent}" is refused as a frequency, without a schedule, and a passing plan is offered`, () => {
			const e = evaluateProposal(defaultRules(), ctx, {
				downPaymentMinor: 0,
				installmentCount: 4,
				frequency: bent as Frequency,
				firstDueDate: '2026-03-15'
			});
			expect(e.passes).toBe(false);
			expect(e.schedule).toBeNull();
			expect(e.violations.map((v) => v.rule)).toContain('frequency');
			expect(e.nearest?.frequency).toMatch(/^(weekly|biweekly|monthly)$/);
		});
	}
});
