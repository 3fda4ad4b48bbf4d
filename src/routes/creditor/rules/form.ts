/**
 * The rules editor's form <-> CreditorRules. Amounts are typed in forints, shares in percent
 * (two decimals at most: basis points), counts and days as whole numbers. Six band rows; a row
 * whose text fields are all empty is not used.
 */
import { parseAmount, majorText } from '$lib/domain/money';
import type { BalanceBand, CreditorRules, RuleErrors } from '$lib/domain/rules';
import { FREQUENCIES, type Frequency } from '$lib/domain/schedule-types';
import { defaultSettlementRules, type SettlementRules } from '$lib/domain/settlement';
import { STAGES } from '$lib/domain/stages';

export const BAND_ROWS = 6;
/** Settlement offer bands (domain/settlement.ts): rows of the editor. */
export const SETTLE_ROWS = 3;
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
	if (r.settlement) Object.assign(v, settlementToValues(r.settlement));
	return v;
}

/** The editor's values: a creditor without a settlement rule sees the defaults (switched off). */
export function editorValues(r: CreditorRules): Record<string, string> {
	return { ...settlementToValues(defaultSettlementRules()), ...rulesToValues(r) };
}

/** The settlement offer fields: settle_enabled, settle_days, settle_floor, settle_band{i}_upTo|max, settle_stage_{stage}. */
function settlementToValues(s: SettlementRules): Record<string, string> {
	const v: Record<string, string> = {
		settle_enabled: s.enabled ? 'on' : '',
		settle_days: String(s.deadlineDays),
		settle_floor: majorText(s.principalFloorMinor)
	};
	s.bands.forEach((b, i) => {
		v[`settle_band${i}_upTo`] = b.upToMinor == null ? '' : majorText(b.upToMinor);
		v[`settle_band${i}_max`] = percentText(b.maxBp);
	});
	for (const st of STAGES) v[`settle_stage_${st}`] = percentText(s.stageMaxBp[st] ?? 0);
	return v;
}

type Parsed =
	| { ok: true; rules: CreditorRules; rowOf: number[]; settleRowOf: number[] }
	| { ok: false; errors: RuleErrors };

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
	// the settlement offer: read when the form has its fields (a form without them keeps none)
	const settleRowOf: number[] = [];
	if (Object.keys(v).some((k) => k.startsWith('settle_'))) {
		const bandsS: SettlementRules['bands'] = [];
		for (let i = 0; i < SETTLE_ROWS; i++) {
			const up = (v[`settle_band${i}_upTo`] ?? '').trim();
			const max = (v[`settle_band${i}_max`] ?? '').trim();
			if (up === '' && max === '') continue;
			bandsS.push({
				upToMinor: up === '' ? null : amount(`settle_band${i}_upTo`),
				maxBp: percent(`settle_band${i}_max`)
			});
			settleRowOf.push(i);
		}
		const stageMaxBp = Object.fromEntries(
			STAGES.map((st) => [st, percent(`settle_stage_${st}`)])
		) as SettlementRules['stageMaxBp'];
		rules.settlement = {
			enabled: v.settle_enabled === 'on',
			deadlineDays: int('settle_days'),
			principalFloorMinor: amount('settle_floor'),
			bands: bandsS,
			stageMaxBp
		};
	}
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, rules, rowOf, settleRowOf };
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

const SETTLE_FIELD: Record<string, string> = {
	'settlement.enabled': 'settle_enabled',
	'settlement.deadlineDays': 'settle_days',
	'settlement.principalFloorMinor': 'settle_floor',
	'settlement.bands': 'settle_band0_upTo'
};

/** Maps validateRules' paths (bands.1.maxInstallments) to input names (band3_maxInstallments). */
export function errorsToFields(
	e: RuleErrors,
	rowOf: number[],
	settleRowOf: number[] = []
): RuleErrors {
	const out: RuleErrors = {};
	for (const [path, msg] of Object.entries(e)) {
		const m = /^bands\.(\d+)\.(\w+)$/.exec(path);
		const sb = /^settlement\.bands\.(\d+)\.(\w+)$/.exec(path);
		const ss = /^settlement\.stageMaxBp\.(\w+)$/.exec(path);
		if (sb)
			out[`settle_band${settleRowOf[Number(sb[1])] ?? 0}_${sb[2] === 'maxBp' ? 'max' : 'upTo'}`] =
				msg;
		else if (ss) out[`settle_stage_${ss[1]}`] = msg;
		else if (path.startsWith('settlement.')) out[SETTLE_FIELD[path] ?? 'settle_band0_upTo'] = msg;
		else if (m) out[`band${rowOf[Number(m[1])] ?? 0}_${BAND_FIELD[m[2]] ?? m[2]}`] = msg;
		else
			out[FIELD[path] ?? path] = path === 'minDownPaymentBp' ? { key: 'rules.error.percent' } : msg;
	}
	return out;
}
