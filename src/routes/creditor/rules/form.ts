/**
 * The rules editor's form <-> CreditorRules. Amounts are typed in forints, shares in percent
 * (two decimals at most: basis points), counts and days as whole numbers. Six band rows; a row
 * whose text fields are all empty is not used.
 */
import { parseAmount, majorText } from '$lib/domain/money';
import type { BalanceBand, CreditorRules, RuleErrors } from '$lib/domain/rules';
import { FREQUENCIES, type Frequency } from '$lib/domain/schedule-types';

export const BAND_ROWS = 6;
const BAND_TEXT = ['upTo', 'maxInstallments', 'minInstallment', 'minShare', 'autoMax'] as const;

export const percentText = (bp: number) => {
	const s = (bp / 100).toFixed(2);
	return s.replace(/\.?0+$/, '');
};

/** Form values (strings) for a rules object. */
export function rulesToValues(r: CreditorRules): Record<string, string> {
	const v: Record<string, string> = {};
	r.bands.forEach((b, i) => {
		v[`band${i}_upTo`] = b.upToMinor == null ? '' : majorText(b.upToMinor);
		v[`band${i}_plansAllowed`] = b.plansAllowed ? 'on' : '';
		v[`band${i}_maxInstallments`] = String(b.maxInstallments);
		v[`band${i}_minInstallment`] = majorText(b.minInstallmentMinor);
		v[`band${i}_minShare`] = percentText(b.minInstallmentShareBp);
		v[`band${i}_autoMax`] = String(b.autoApproveMaxInstallments);
	});
	v.minDown = percentText(r.minDownPaymentBp);
	v.maxPlanDays = String(r.maxPlanDays);
	v.latestFirstDueDays = String(r.latestFirstDueDays);
	v.graceDays = String(r.graceDays);
	for (const f of FREQUENCIES) v[`freq_${f}`] = r.frequencies.includes(f) ? 'on' : '';
	v.allowSmallerLast = r.allowSmallerLast ? 'on' : '';
	v.partialAllowed = r.partialPaymentsAllowed ? 'on' : '';
	v.minPartial = majorText(r.minPartialPaymentMinor);
	v.promiseMaxDays = String(r.promiseMaxDays);
	return v;
}

type Parsed =
	{ ok: true; rules: CreditorRules; rowOf: number[] } | { ok: false; errors: RuleErrors };

/** Reads the editor's form; per-field errors keyed by input name. */
export function valuesToRules(v: Record<string, string>): Parsed {
	const errors: RuleErrors = {};
	const int = (name: string): number => {
		const s = (v[name] ?? '').trim();
		if (!/^\d{1,6}$/.test(s)) {
			errors[name] = { key: 'form.invalid' };
			return 0;
		}
		return Number(s);
	};
	const amount = (name: string): number => {
		const s = (v[name] ?? '').trim();
		const p = parseAmount(s === '' ? '0' : s);
		if (!p.ok) {
			errors[name] = { key: 'rules.error.amount' };
			return 0;
		}
		return p.minor;
	};
	const percent = (name: string): number => {
		const s = (v[name] ?? '').trim() || '0';
		const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(s);
		if (!m || Number(m[1]) > 100) {
			errors[name] = { key: 'rules.error.percent' };
			return 0;
		}
		return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
	};
	const bands: BalanceBand[] = [];
	const rowOf: number[] = [];
	for (let i = 0; i < BAND_ROWS; i++) {
		if (BAND_TEXT.every((f) => !(v[`band${i}_${f}`] ?? '').trim())) continue;
		const upRaw = (v[`band${i}_upTo`] ?? '').trim();
		bands.push({
			upToMinor: upRaw === '' ? null : amount(`band${i}_upTo`),
			plansAllowed: v[`band${i}_plansAllowed`] === 'on',
			maxInstallments: int(`band${i}_maxInstallments`),
			minInstallmentMinor: amount(`band${i}_minInstallment`),
			minInstallmentShareBp: percent(`band${i}_minShare`),
			autoApproveMaxInstallments: int(`band${i}_autoMax`)
		});
		rowOf.push(i);
	}
	const rules: CreditorRules = {
		bands,
		minDownPaymentBp: percent('minDown'),
		maxPlanDays: int('maxPlanDays'),
		frequencies: FREQUENCIES.filter((f) => v[`freq_${f}`] === 'on') as Frequency[],
		latestFirstDueDays: int('latestFirstDueDays'),
		graceDays: int('graceDays'),
		allowSmallerLast: v.allowSmallerLast === 'on',
		partialPaymentsAllowed: v.partialAllowed === 'on',
		minPartialPaymentMinor: amount('minPartial'),
		promiseMaxDays: int('promiseMaxDays')
	};
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, rules, rowOf };
}

const BAND_FIELD: Record<string, string> = {
	upToMinor: 'upTo',
	maxInstallments: 'maxInstallments',
	minInstallmentMinor: 'minInstallment',
	minInstallmentShareBp: 'minShare',
	autoApproveMaxInstallments: 'autoMax'
};
const FIELD: Record<string, string> = {
	minDownPaymentBp: 'minDown',
	frequencies: 'frequencies',
	partialPaymentsAllowed: 'partialAllowed',
	minPartialPaymentMinor: 'minPartial'
};

/** Maps validateRules' paths (bands.1.maxInstallments) to input names (band3_maxInstallments). */
export function errorsToFields(e: RuleErrors, rowOf: number[]): RuleErrors {
	const out: RuleErrors = {};
	for (const [path, msg] of Object.entries(e)) {
		const m = /^bands\.(\d+)\.(\w+)$/.exec(path);
		if (m) out[`band${rowOf[Number(m[1])] ?? 0}_${BAND_FIELD[m[2]] ?? m[2]}`] = msg;
		else
			out[FIELD[path] ?? path] = path === 'minDownPaymentBp' ? { key: 'rules.error.percent' } : msg;
	}
	return out;
}
