import { describe, expect, it } from 'vitest';
import {
	defaultRules,
	validateRules,
	parseRules,
	bandFor,
	rulesFor,
	type CreditorRules
} from '../../src/lib/domain/rules';
import { translate } from '../../src/lib/i18n';
import { evaluateProposal } from '../../src/lib/domain/plans';

describe('creditor rules', () => {
	it('the defaults are valid and follow the issue example (pay at once under 60 000 Ft; 4 × 20 000 up to 400 000; 10% above)', () => {
		const r = defaultRules();
		expect(validateRules(r)).toEqual({});
		expect(bandFor(r, 5_999_900).plansAllowed).toBe(false);
		expect(bandFor(r, 6_000_000).plansAllowed).toBe(false);
		expect(bandFor(r, 6_000_100)).toMatchObject({
			maxInstallments: 4,
			minInstallmentMinor: 2_000_000
		});
		expect(bandFor(r, 40_000_100)).toMatchObject({ minInstallmentShareBp: 1000, upToMinor: null });
	});
	it('names each bad field with a translatable message', () => {
		const r: CreditorRules = {
			...defaultRules(),
			bands: [
				{
					upToMinor: 50_000_000,
					plansAllowed: true,
					maxInstallments: 0,
					minInstallmentMinor: -1,
					minInstallmentShareBp: 20_000,
					autoApproveMaxInstallments: 0
				},
				{
					upToMinor: 10_000_000,
					plansAllowed: true,
					maxInstallments: 4,
					minInstallmentMinor: 0,
					minInstallmentShareBp: 0,
					autoApproveMaxInstallments: 5
				},
				{
					upToMinor: 1,
					plansAllowed: true,
					maxInstallments: 4,
					minInstallmentMinor: 0,
					minInstallmentShareBp: 0,
					autoApproveMaxInstallments: 1
				}
			],
			graceDays: -1,
			frequencies: [],
			latestFirstDueDays: 400,
			promiseMaxDays: 0
		};
		const e = validateRules(r);
		expect(Object.keys(e).sort()).toEqual(
			[
				'bands.0.maxInstallments',
				'bands.0.minInstallmentMinor',
				'bands.0.minInstallmentShareBp',
				'bands.1.upToMinor',
				'bands.1.autoApproveMaxInstallments',
				'bands.2.upToMinor',
				'graceDays',
				'frequencies',
				'latestFirstDueDays',
				'promiseMaxDays'
			].sort()
		);
		expect(e['bands.1.upToMinor'].key).toBe('rules.error.bandOrder');
		expect(e['bands.2.upToMinor'].key).toBe('rules.error.lastBandOpen');
		for (const v of Object.values(e))
			expect(translate('en', v.key, v.params)).not.toMatch(/^rules\.|\{/);
		expect(
			validateRules({ ...defaultRules(), bands: Array(7).fill(defaultRules().bands[2]) }).bands.key
		).toBe('rules.error.bandCount');
	});
	it('reads stored JSON, filling fields an older version lacked', () => {
		const { graceDays: _g, ...old } = defaultRules();
		void _g;
		expect(parseRules(JSON.stringify({ ...old, maxPlanDays: 90 }))).toMatchObject({
			maxPlanDays: 90,
			graceDays: 15
		});
		expect(parseRules('not json')).toEqual(defaultRules());
		expect(parseRules(null)).toEqual(defaultRules());
	});
});

import {
	rulesToValues,
	valuesToRules,
	errorsToFields,
	editorValues
} from '../../src/routes/creditor/rules/form';
import { defaultSettlementRules } from '../../src/lib/domain/settlement';

describe('rules editor form', () => {
	it('round-trips the rules through the form (forints, percents, checkboxes)', () => {
		const r = { ...defaultRules(), minDownPaymentBp: 1250 };
		const v = rulesToValues(r);
		expect(v.minDown).toBe('12.5');
		expect(v.band1_minInstallment).toBe('20000');
		expect(v.band2_minShare).toBe('10');
		const back = valuesToRules(v);
		expect(back.ok && back.rules).toEqual(r);
	});
	it('skips empty band rows and maps validation paths back to the inputs', () => {
		const v = rulesToValues(defaultRules());
		// move the second band to row 4, leaving rows 1 and 3 empty
		for (const f of [
			'upTo',
			'plansAllowed',
			'maxInstallments',
			'minInstallment',
			'minShare',
			'autoMax'
		]) {
			v[`band4_${f}`] = v[`band1_${f}`];
			v[`band1_${f}`] = '';
		}
		v.band4_autoMax = '9';
		const parsed = valuesToRules(v);
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		// rows 0, 2 and 4 are used, in that order: the open-ended band now sits in the middle
		expect(parsed.rowOf).toEqual([0, 2, 4]);
		const fields = errorsToFields(validateRules(parsed.rules), parsed.rowOf);
		expect(fields).toMatchObject({
			band2_upTo: { key: 'rules.error.amount' },
			band4_upTo: { key: 'rules.error.lastBandOpen' },
			band4_autoMax: { key: 'rules.error.autoAboveMax' }
		});
	});
	it('names unreadable inputs by field', () => {
		const v = {
			...rulesToValues(defaultRules()),
			graceDays: 'abc',
			minDown: '101',
			band0_minInstallment: '12,3,4'
		};
		const r = valuesToRules(v);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(Object.keys(r.errors).sort()).toEqual(['band0_minInstallment', 'graceDays', 'minDown']);
	});
});

describe('rules editor form: settlement offer', () => {
	it('round-trips the settlement rule and maps its errors to its inputs', () => {
		const r = {
			...defaultRules(),
			settlement: { ...defaultSettlementRules(), enabled: true, principalFloorMinor: 5_000_000 }
		};
		const v = rulesToValues(r);
		expect(v).toMatchObject({ settle_enabled: 'on', settle_floor: '50000', settle_band0_max: '5' });
		const back = valuesToRules(v);
		expect(back.ok && back.rules).toEqual(r);
		// the editor shows the defaults (off) to a creditor without the rule
		expect(editorValues(defaultRules())).toMatchObject({ settle_enabled: '', settle_days: '14' });
		v.settle_band1_upTo = '100';
		v.settle_stage_legal = '60';
		const bad = valuesToRules(v);
		expect(bad.ok).toBe(true);
		if (!bad.ok) return;
		expect(errorsToFields(validateRules(bad.rules), bad.rowOf, bad.settleRowOf)).toMatchObject({
			settle_band1_upTo: { key: 'rules.error.lastBandOpen' },
			settle_stage_legal: { key: 'rules.error.range' }
		});
	});
});

describe('rules for a euro claim', () => {
	it("takes the creditor's forint amounts at the reference rate, not fillér as cents", () => {
		const huf = defaultRules();
		const eur = rulesFor(huf, 'EUR', 400);
		// 60 000 Ft → 150 €, 20 000 Ft → 50 €, 5 000 Ft → 12.50 €
		expect(eur.bands[0].upToMinor).toBe(15_000);
		expect(eur.bands[1].minInstallmentMinor).toBe(5_000);
		expect(eur.minPartialPaymentMinor).toBe(1_250);
		expect(eur.bands.at(-1)!.upToMinor).toBeNull();
		expect(rulesFor(huf, 'HUF', 400)).toBe(huf);
		// a 2 000 € claim is judged as the 800 000 Ft claim of the same worth
		const terms = {
			downPaymentMinor: 0,
			installmentCount: 4,
			frequency: 'monthly' as const,
			firstDueDate: '2026-03-20'
		};
		const today = '2026-03-02';
		const inEur = evaluateProposal(eur, { balanceMinor: 200_000, currency: 'EUR', today }, terms);
		const inHuf = evaluateProposal(
			huf,
			{ balanceMinor: 80_000_000, currency: 'HUF', today },
			terms
		);
		expect(inEur.violations.map((v) => v.rule)).toEqual(inHuf.violations.map((v) => v.rule));
		expect(inEur.passes).toBe(true);
	});
});
