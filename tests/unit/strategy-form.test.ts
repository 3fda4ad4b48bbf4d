import { describe, expect, it } from 'vitest';
import {
	bodyToValues,
	errorsToFields,
	rowCounts,
	strategySchema,
	valuesToBody
} from '../../src/routes/creditor/strategy/form';
import { defaultStrategyVersion, fromLegacyStrategy } from '../../src/lib/domain/strategy';
import { defaultStrategy } from '../../src/lib/domain/stages';
import { validateStrategy } from '../../src/lib/domain/strategy-validate';

const rowsOf = (v: Record<string, string>) => [0, 1, 2, 3].map((i) => Number(v[`s${i}_rows`]));
const strip = <T extends { strategyId: number; version: number }>(b: T) => {
	const { strategyId: _s, version: _v, ...rest } = b;
	void _s;
	void _v;
	return rest;
};

/** as parseForm reads a form: every field of the schema, '' when not sent */
const parse = (v: Record<string, string>) => {
	const schema = strategySchema(rowsOf(v));
	return schema.safeParse(
		Object.fromEntries(Object.keys(schema.shape).map((k) => [k, v[k] ?? '']))
	);
};

describe('the strategy editor form', () => {
	it('gives back the same body it was filled from (default and earlier settings)', () => {
		for (const body of [defaultStrategyVersion(), fromLegacyStrategy(defaultStrategy())]) {
			const v = bodyToValues(body);
			const parsed = parse(v);
			expect(parsed.success).toBe(true);
			expect(valuesToBody(v, rowsOf(v), body).body).toEqual(strip(body));
		}
	});

	it('an edit of one start day changes only that; a dropped step goes, a new row becomes a step with a fresh key', () => {
		const body = defaultStrategyVersion();
		const v = bodyToValues(body);
		v.s1_start = '25';
		v.s0_p1_drop = 'on'; // friendly reminder's follow-up
		// the empty row after the firm reminder's three steps
		Object.assign(v, {
			s1_p3_day: '10',
			s1_p3_ch0: 'letter',
			s1_p3_template: 'firm.followup',
			s1_p3_missed: 'skip'
		});
		const { body: out } = valuesToBody(v, rowsOf(v), body);
		expect(out.stages[1].startDay).toBe(25);
		expect(out.stages[0].steps.map((s) => s.key)).toEqual(['first']);
		expect(out.stages[1].steps.at(-1)).toEqual({
			key: 'step4',
			day: 10,
			channels: ['letter'],
			template: 'firm.followup',
			missed: 'skip'
		});
		expect(out.stages[1].steps.map((s) => s.key)).toEqual(['first', 'call', 'followup', 'step4']);
	});

	it("names the form's fields for validateStrategy's problems, across a stage switched off", () => {
		const body = defaultStrategyVersion();
		const v = bodyToValues(body);
		v.s1_on = ''; // firm reminder left out: the body's stage 1 is the formal notice (form stage 2)
		v.s2_start = '3'; // before the friendly reminder's 5
		v.s2_p1_ch0 = '';
		v.s2_p1_ch1 = '';
		v.s2_p1_ch2 = '';
		v.graceDays = '99';
		const { body: out, map } = valuesToBody(v, rowsOf(v), body);
		expect(out.stages.map((s) => s.stage)).toEqual(['friendly_reminder', 'formal_notice', 'legal']);
		const problems = validateStrategy({ ...out, strategyId: 0, version: 2 });
		const fields = Object.fromEntries(
			problems.map((p) => [p.path, { key: p.key, params: p.params }])
		);
		expect(Object.keys(errorsToFields(fields, map)).sort()).toEqual(
			['graceDays', 's2_start', 's2_p1_channels'].sort()
		);
	});

	it('refuses typed nonsense per field and bounds the row counts it trusts', () => {
		const v = bodyToValues(defaultStrategyVersion());
		v.s0_start = 'öt';
		v.s1_min = '12 kiló';
		const r = parse({ ...v, due: '2026-02-30' });
		expect(r.success).toBe(false);
		const paths = r.success ? [] : r.error.issues.map((i) => String(i.path[0])).sort();
		expect(paths).toEqual(['due', 's0_start', 's1_min']);
		const form = new FormData();
		form.set('s0_rows', '99');
		form.set('s1_rows', '-1');
		form.set('s2_rows', '3');
		expect(rowCounts(form)).toEqual([12, 0, 3, 0]);
	});
});
