import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	stageFeeDecision,
	lumpSumDeadline,
	B2B_LUMP_SUM_EUR_MINOR,
	type FeeFacts
} from '../../src/lib/domain/stage-fees';
import { addDays } from '../../src/lib/domain/clock';
import { translate } from '../../src/lib/i18n';

const company: FeeFacts = {
	debtorKind: 'company',
	dueDate: '2026-03-31',
	asOf: '2026-05-01',
	currency: 'EUR',
	contractAllowsFees: false,
	lumpSumInCurrencyMinor: null,
	lumpSumCharged: false
};
const lump = { kind: 'b2b_lump_sum' } as const;

describe('C14: the EUR 40 B2B collection-cost lump sum', () => {
	it('is charged to a business debtor within a year of default', () => {
		expect(stageFeeDecision(lump, company)).toEqual({
			charge: true,
			rule: 'c14_lump_sum',
			amountMinor: B2B_LUMP_SUM_EUR_MINOR
		});
		// a forint claim: EUR 40 at the rate the caller looked up
		expect(
			stageFeeDecision(lump, { ...company, currency: 'HUF', lumpSumInCurrencyMinor: 1_600_000 })
		).toMatchObject({ charge: true, amountMinor: 1_600_000 });
	});

	it('is refused to a consumer, after a year, a second time, and without a rate', () => {
		const refused = (f: Partial<FeeFacts>) => stageFeeDecision(lump, { ...company, ...f });
		expect(refused({ debtorKind: 'person' })).toMatchObject({
			charge: false,
			reason: 'strategy.fee.refused.consumer'
		});
		// default on 1 April 2026: the last day is 31 March 2027
		expect(lumpSumDeadline('2026-03-31')).toBe('2027-04-01');
		expect(refused({ asOf: '2027-03-31' })).toMatchObject({ charge: true });
		expect(refused({ asOf: '2027-04-01' })).toMatchObject({
			charge: false,
			reason: 'strategy.fee.refused.tooLate'
		});
		expect(refused({ lumpSumCharged: true })).toMatchObject({
			reason: 'strategy.fee.refused.alreadyCharged'
		});
		expect(refused({ currency: 'HUF' })).toMatchObject({ reason: 'strategy.fee.refused.noRate' });
		for (const r of ['consumer', 'tooLate', 'alreadyCharged', 'noRate', 'contract'] as const) {
			expect(translate('hu', `strategy.fee.refused.${r}`)).not.toBe(`strategy.fee.refused.${r}`);
			expect(translate('en', `strategy.fee.refused.${r}`)).not.toBe(`strategy.fee.refused.${r}`);
		}
	});

	it('whatever the facts: charged exactly when a business debtor, within the year, not yet charged, amount known', () => {
		fc.assert(
			fc.property(
				fc.constantFrom('person', 'company') as fc.Arbitrary<'person' | 'company'>,
				fc.integer({ min: 0, max: 800 }),
				fc.boolean(),
				fc.constantFrom('EUR', 'HUF'),
				fc.option(fc.integer({ min: 1, max: 5_000_000 }), { nil: null }),
				(kind, late, charged, currency, rate) => {
					const f: FeeFacts = {
						...company,
						debtorKind: kind,
						asOf: addDays(company.dueDate, late),
						lumpSumCharged: charged,
						currency,
						lumpSumInCurrencyMinor: rate
					};
					const d = stageFeeDecision(lump, f);
					const should =
						kind === 'company' &&
						f.asOf < lumpSumDeadline(f.dueDate) &&
						!charged &&
						(currency === 'EUR' || rate !== null);
					expect(d.charge).toBe(should);
				}
			)
		);
	});
});

describe('a fixed stage fee', () => {
	it("only where the creditor's contract allows fees, for any debtor", () => {
		const fee = { kind: 'fixed', amountMinor: 250_000 } as const;
		expect(stageFeeDecision(fee, { ...company, debtorKind: 'person' })).toEqual({
			charge: false,
			rule: 'stage_fee',
			reason: 'strategy.fee.refused.contract'
		});
		expect(
			stageFeeDecision(fee, { ...company, debtorKind: 'person', contractAllowsFees: true })
		).toEqual({ charge: true, rule: 'stage_fee', amountMinor: 250_000 });
	});
});
