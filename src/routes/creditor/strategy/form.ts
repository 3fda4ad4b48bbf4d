/**
 * The strategy editor's form <-> a strategy version's body. Stages are the fixed path (friendly
 * reminder, firm reminder, formal notice, legal), each switched on or off (legal always on); a
 * stage's steps are rows `s{i}_p{j}_…` (the rows sent are counted in `s{i}_rows`), a row whose day
 * is empty or that is marked to drop is not used, and each step keeps its key (a hidden field), so
 * an edited step is the same step. Channels are three selects in fallback order. Days and amounts
 * are checked here (zod, via parseForm); the strategy's rules by validateStrategy in the service,
 * whose paths (`stages.1.steps.0.day`) `errorsToFields` turns back into these field names.
 */
import { z } from 'zod';
import { isValidDate } from '$lib/domain/clock';
import { majorText, parseAmount } from '$lib/domain/money';
import { CHANNELS, type Channel } from '$lib/domain/stages';
import {
	PATH_STAGES,
	type BelowMinimum,
	type MissedPolicy,
	type PathStage,
	type StageFee,
	type StrategyStage,
	type StrategyStep,
	type StrategyVersion
} from '$lib/domain/strategy';
import { STRATEGY_LIMITS } from '$lib/domain/strategy-validate';
import type { FieldErrors } from '$lib/server/http';
import type { StrategyBody } from '$lib/server/services/strategies';

/** channel selects per step (fallback order) */
export const CHANNEL_SLOTS = 3;
export const FEE_KINDS = ['none', 'fixed', 'b2b_lump_sum'] as const;

/** The message templates the agency has (texts in i18n strategy.template.*). */
export const TEMPLATES = [
	'friendly.reminder',
	'friendly.followup',
	'firm.reminder',
	'firm.call',
	'firm.followup',
	'formal.notice',
	'formal.call',
	'formal.visit',
	'legal.notice',
	'plan.offer',
	'friendly_reminder.main',
	'firm_reminder.main',
	'formal_notice.main',
	'legal.main'
] as const;

/** the template a new step of each stage starts with */
export const STAGE_TEMPLATE: Record<PathStage, (typeof TEMPLATES)[number]> = {
	friendly_reminder: 'friendly.reminder',
	firm_reminder: 'firm.reminder',
	formal_notice: 'formal.notice',
	legal: 'legal.notice'
};

const f = {
	on: (i: number) => `s${i}_on`,
	start: (i: number) => `s${i}_start`,
	min: (i: number) => `s${i}_min`,
	below: (i: number) => `s${i}_below`,
	fee: (i: number) => `s${i}_fee`,
	feeAmount: (i: number) => `s${i}_feeAmount`,
	rows: (i: number) => `s${i}_rows`,
	steps: (i: number) => `s${i}_steps`,
	step: (i: number, j: number, name: string) => `s${i}_p${j}_${name}`
};
export const fieldName = f;

/** Rows shown for a stage: its steps plus one empty row to add a step (at most the limit). */
export const rowsFor = (steps: number) => Math.min(STRATEGY_LIMITS.maxSteps, steps + 1);

/** The form's values for a version's body (what the editor starts from). */
export function bodyToValues(b: Pick<StrategyVersion, 'stages' | 'promiseGraceDays'>) {
	const v: Record<string, string> = { graceDays: String(b.promiseGraceDays), label: '' };
	PATH_STAGES.forEach((stage, i) => {
		const s = b.stages.find((x) => x.stage === stage);
		v[f.on(i)] = s || stage === 'legal' ? 'on' : '';
		v[f.start(i)] = s ? String(s.startDay) : '';
		v[f.min(i)] = s ? majorText(s.minBalanceMinor) : '0';
		v[f.below(i)] = s?.belowMinimum ?? 'skip_stage';
		v[f.fee(i)] = s?.fee?.kind ?? 'none';
		v[f.feeAmount(i)] = s?.fee?.kind === 'fixed' ? majorText(s.fee.amountMinor) : '';
		const steps = s?.steps ?? [];
		v[f.rows(i)] = String(rowsFor(steps.length));
		steps.forEach((p, j) => {
			v[f.step(i, j, 'key')] = p.key;
			v[f.step(i, j, 'day')] = String(p.day);
			for (let c = 0; c < CHANNEL_SLOTS; c++) v[f.step(i, j, `ch${c}`)] = p.channels[c] ?? '';
			v[f.step(i, j, 'template')] = p.template;
			v[f.step(i, j, 'missed')] = p.missed;
		});
	});
	return v;
}

/** The rows each stage sent (bounded: a forged count cannot make the schema huge). */
export function rowCounts(form: FormData): number[] {
	return PATH_STAGES.map((_, i) => {
		const raw = form.get(f.rows(i));
		const n = typeof raw === 'string' && /^\d{1,2}$/.test(raw) ? Number(raw) : 0;
		return Math.min(n, STRATEGY_LIMITS.maxSteps);
	});
}

const wholeNumber = z
	.string()
	.trim()
	.regex(/^\d{1,5}$/, 'strategy.error.wholeNumber');
const optionalWholeNumber = z
	.string()
	.trim()
	.regex(/^(\d{1,5})?$/, 'strategy.error.wholeNumber');
const amount = z
	.string()
	.trim()
	.max(20)
	.refine((s) => s === '' || parseAmount(s).ok, 'strategy.error.amount');
const choice = z.string().max(40);

/** The form's schema for the rows sent; a stage switched off needs no start day. */
export function strategySchema(rows: number[]) {
	const shape: Record<string, z.ZodType> = {
		graceDays: wholeNumber,
		label: z.string().trim().max(80),
		due: z
			.string()
			.trim()
			.refine((d) => d === '' || isValidDate(d), 'form.invalidDate')
	};
	PATH_STAGES.forEach((_, i) => {
		shape[f.on(i)] = choice;
		shape[f.start(i)] = optionalWholeNumber;
		shape[f.min(i)] = amount;
		shape[f.below(i)] = choice;
		shape[f.fee(i)] = choice;
		shape[f.feeAmount(i)] = amount;
		for (let j = 0; j < rows[i]; j++) {
			shape[f.step(i, j, 'key')] = choice;
			shape[f.step(i, j, 'day')] = optionalWholeNumber;
			for (let c = 0; c < CHANNEL_SLOTS; c++) shape[f.step(i, j, `ch${c}`)] = choice;
			shape[f.step(i, j, 'template')] = choice;
			shape[f.step(i, j, 'missed')] = choice;
			shape[f.step(i, j, 'drop')] = choice;
		}
	});
	return z.object(shape);
}

/** Where each stage and step of the body came from in the form, for the errors. */
export interface FormMap {
	stageOf: number[];
	rowOf: number[][];
}

const minor = (s: string) => {
	const p = parseAmount(s === '' ? '0' : s);
	return p.ok ? p.minor : 0;
};

/**
 * The body from the parsed form (field formats already checked). `base` gives what the editor
 * does not show (where the path leads, the plan offer). Empty start days of switched-on stages
 * and bad choices are left for validateStrategy to name.
 */
export function valuesToBody(
	v: Record<string, string>,
	rows: number[],
	base: Pick<StrategyVersion, 'leadsTo' | 'planOffer'>
): { body: StrategyBody; map: FormMap } {
	const stages: StrategyStage[] = [];
	const map: FormMap = { stageOf: [], rowOf: [] };
	PATH_STAGES.forEach((stage: PathStage, i) => {
		if (stage !== 'legal' && v[f.on(i)] !== 'on') return;
		const steps: StrategyStep[] = [];
		const rowOf: number[] = [];
		const used = new Set<string>();
		for (let j = 0; j < rows[i]; j++) {
			const day = (v[f.step(i, j, 'day')] ?? '').trim();
			if (day === '' || v[f.step(i, j, 'drop')] === 'on') continue;
			const channels: string[] = [];
			for (let c = 0; c < CHANNEL_SLOTS; c++) {
				const ch = v[f.step(i, j, `ch${c}`)] ?? '';
				if (ch !== '') channels.push(ch);
			}
			let key = (v[f.step(i, j, 'key')] ?? '').trim();
			if (key === '') {
				let n = j + 1;
				while (used.has(`step${n}`) || keysSent(v, i, rows[i]).has(`step${n}`)) n++;
				key = `step${n}`;
			}
			used.add(key);
			steps.push({
				key,
				day: Number(day),
				channels: channels as Channel[],
				template: v[f.step(i, j, 'template')] ?? '',
				missed: (v[f.step(i, j, 'missed')] ?? '') as MissedPolicy
			});
			rowOf.push(j);
		}
		const feeKind = v[f.fee(i)] ?? 'none';
		const fee: StageFee | null =
			feeKind === 'none'
				? null
				: feeKind === 'fixed'
					? { kind: 'fixed', amountMinor: minor(v[f.feeAmount(i)] ?? '') }
					: ({ kind: feeKind } as StageFee);
		const start = (v[f.start(i)] ?? '').trim();
		stages.push({
			stage,
			startDay: start === '' ? -1 : Number(start),
			steps,
			minBalanceMinor: minor(v[f.min(i)] ?? ''),
			belowMinimum: (v[f.below(i)] ?? '') as BelowMinimum,
			fee
		});
		map.stageOf.push(i);
		map.rowOf.push(rowOf);
	});
	return {
		body: {
			stages,
			leadsTo: base.leadsTo,
			promiseGraceDays: Number(v.graceDays),
			planOffer: base.planOffer
		},
		map
	};
}

function keysSent(v: Record<string, string>, i: number, rows: number): Set<string> {
	const s = new Set<string>();
	for (let j = 0; j < rows; j++) {
		const k = (v[f.step(i, j, 'key')] ?? '').trim();
		if (k) s.add(k);
	}
	return s;
}

const STAGE_FIELD: Record<string, (i: number) => string> = {
	startDay: f.start,
	minBalanceMinor: f.min,
	belowMinimum: f.below,
	fee: f.fee,
	stage: f.on,
	steps: f.steps
};
const STEP_FIELD: Record<string, string> = {
	day: 'day',
	key: 'day',
	channels: 'channels',
	template: 'template',
	missed: 'missed'
};

/** validateStrategy's paths (stages.1.steps.0.day) as the editor's field names (s1_p0_day). */
export function errorsToFields(fields: FieldErrors, map: FormMap): FieldErrors {
	const out: FieldErrors = {};
	for (const [path, msg] of Object.entries(fields)) {
		const step = /^stages\.(\d+)\.steps\.(\d+)\.(\w+)$/.exec(path);
		const stage = /^stages\.(\d+)\.(\w+)$/.exec(path);
		let name = 'form';
		if (step) {
			const i = map.stageOf[Number(step[1])] ?? 0;
			const j = map.rowOf[Number(step[1])]?.[Number(step[2])] ?? 0;
			name = f.step(i, j, Object.hasOwn(STEP_FIELD, step[3]) ? STEP_FIELD[step[3]] : 'day');
		} else if (stage) {
			const i = map.stageOf[Number(stage[1])] ?? 0;
			name = Object.hasOwn(STAGE_FIELD, stage[2]) ? STAGE_FIELD[stage[2]](i) : f.start(i);
		} else if (path === 'promiseGraceDays') name = 'graceDays';
		else if (path === 'stages') name = 'stages';
		if (!Object.hasOwn(out, name)) out[name] = msg;
	}
	return out;
}

export const isChannelChoice = (c: string): c is Channel =>
	(CHANNELS as readonly string[]).includes(c);
