/**
 * The strategy editor's preview (issue 16, item 1): "a claim due on D gets: ... on ...". It is not
 * a second description of the strategy but the evaluator itself, run once per business day from
 * the due date over a claim with no holds that nobody pays, each day fed the day before's result,
 * exactly as the daily run would. So what the creditor sees is what the engine does.
 */
import { addDays } from './clock';
import { evaluateClaim, type ClaimFacts, type PlannedAction } from './engine';
import { isBusinessDay } from './holidays';
import { REFERENCE_HUF_PER_EUR } from './rules';
import type { DebtorKind } from './stage-fees';
import type { StrategyVersion } from './strategy';
import type { Channel, Stage } from './stages';

export interface PreviewLine {
	date: string;
	stage: Stage;
	step: string;
	kind: PlannedAction['kind'] | 'stage';
	channels: Channel[];
	amountMinor: number | null;
}

export interface PreviewOptions {
	balanceMinor?: number;
	currency?: string;
	debtorKind?: DebtorKind;
	contractAllowsFees?: boolean;
	/** forints a euro for a euro claim's preview (default: the reference rate) */
	hufPerEur?: number;
	/** how many days after the due date to simulate (default: until the legal stage, plus 30) */
	days?: number;
}

/** What a claim due on `dueDate` gets, in date order: stage entries and planned actions. */
export function previewStrategy(
	v: StrategyVersion,
	dueDate: string,
	o: PreviewOptions = {}
): PreviewLine[] {
	const last = v.stages[v.stages.length - 1];
	// each stage may start a few days late (a run only on business days), and waits its full gap
	const horizon =
		o.days ?? (last ? last.startDay + Math.max(0, ...last.steps.map((s) => s.day)) : 0) + 30;
	const planned = new Set<string>();
	const facts: ClaimFacts = {
		claimId: 0,
		dueDate,
		balanceMinor: o.balanceMinor ?? 10_000_000,
		currency: o.currency ?? 'HUF',
		debtorKind: o.debtorKind ?? 'person',
		status: 'open',
		stage: 'new',
		stageEnteredOn: null,
		holds: [],
		planOffered: false,
		plannedKeys: planned,
		cycle: 0,
		contractAllowsFees: o.contractAllowsFees ?? false,
		hufPerEur: o.hufPerEur ?? REFERENCE_HUF_PER_EUR,
		lumpSumInCurrencyMinor: null,
		lumpSumCharged: false
	};
	const lines: PreviewLine[] = [];
	for (let i = 1; i <= horizon; i++) {
		const day = addDays(dueDate, i);
		if (!isBusinessDay(day)) continue;
		const e = evaluateClaim(facts, v, day);
		for (const t of e.transitions) {
			lines.push({
				date: t.on,
				stage: t.to,
				step: '',
				kind: 'stage',
				channels: [],
				amountMinor: null
			});
			facts.stage = t.to;
			facts.stageEnteredOn = t.on;
		}
		for (const a of e.actions) {
			planned.add(a.key);
			// every reminder links to the plan page: once one is sent, a plan was offered (C9)
			if (a.channels.some((c) => c === 'sms' || c === 'email' || c === 'letter'))
				facts.planOffered = true;
			lines.push({
				date: a.date,
				stage: a.stage,
				step: a.step,
				kind: a.kind,
				channels: a.channels,
				amountMinor: a.amountMinor
			});
		}
		if (e.close) break;
	}
	return lines;
}
