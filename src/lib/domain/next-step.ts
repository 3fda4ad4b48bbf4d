/**
 * The debtor's "next step ... on ..." and "on hold because ..." from the engine itself (issue 16,
 * item 8). Not a second description of the strategy: like the strategy editor's preview
 * (engine-preview.ts), it runs the evaluator forward one business day at a time from today, on
 * the claim's real facts (its version, stage, the day it entered it, its holds, what is already
 * planned), each day fed the day before's result, and reports the first stage transition. So the
 * date the debtor reads is the day the daily run will move the claim, unless something changes
 * (a payment, a promise, a dispute), which re-evaluates the claim and this with it.
 *
 * As in the preview, a written reminder the engine plans counts as sent, so it is the plan offer
 * C9 asks for before the formal notice.
 */
import { addDays } from './clock';
import { evaluateClaim, type ClaimFacts } from './engine';
import { dateAfterActiveDays, holdCovers, stopsOn, type Hold, type HoldKind } from './holds';
import { isBusinessDay } from './holidays';
import { nextStage, stageOf, type PathStage, type StrategyVersion } from './strategy';

/** Why a claim stands still, as the debtor is told. */
export type HoldReason = HoldKind;

export interface HoldInfo {
	reason: HoldReason;
	/** the last day on hold, when the hold has an end (a promise: the promised date plus grace) */
	until: string | null;
}

export interface NextStep {
	hold: HoldInfo | null;
	/** the next stage and the business day the claim enters it; null when none is coming */
	next: { stage: PathStage; date: string } | null;
}

/** Which hold the debtor hears about when several stop the clock: the one they can act on first. */
const ORDER: readonly HoldKind[] = [
	'dispute',
	'plan',
	'promise',
	'hardship',
	'insolvency',
	'legal_representation',
	'deceased',
	'vulnerability'
];

/** The stop-clock hold to name on a day (with its last day), else null. */
export function holdOn(holds: readonly Hold[], day: string): HoldInfo | null {
	const stops = stopsOn(holds, day);
	if (stops.length === 0) return null;
	const byOrder = (hs: readonly Hold[]) =>
		[...hs].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind))[0];
	const h = byOrder(stops);
	// the last day on hold: where the held days run on (another hold taking over), their end
	let end = h.end;
	while (end !== null) {
		const following = stopsOn(holds, end);
		if (following.length === 0) break;
		const open = following.filter((x) => x.end === null);
		// held with no end after this one: that hold is what the debtor needs to hear about (a
		// promise's "until <date>" would be untrue)
		if (open.length) return { reason: byOrder(open).kind, until: null };
		end = following.reduce((m, x) => (x.end! > m ? x.end! : m), end);
	}
	return { reason: h.kind, until: end === null ? null : addDays(end, -1) };
}

/** How far ahead to look: the longest strategy plus any hold, with room to spare. */
const HORIZON_DAYS = 730;

/**
 * The claim's next step from `today`: on hold (and why), and the next stage with its date. A paid
 * or closed claim, one in the last stage, and one on a hold with no end have no next stage.
 */
export function nextStepFor(f: ClaimFacts, v: StrategyVersion, today: string): NextStep {
	if (f.status === 'paid' || f.status === 'closed' || f.balanceMinor <= 0)
		return { hold: null, next: null };
	let hold = holdOn(f.holds, today);
	// the claim's status says it is held even where no hold row says so (yet)
	if (!hold && f.status === 'disputed') hold = { reason: 'dispute', until: null };
	if (!hold && f.status === 'in_plan') hold = { reason: 'plan', until: null };
	const next = nextStage(v, f.stage);
	if (!next) return { hold, next: null };
	// a hold without an end, or a status that holds: nothing moves until someone ends it
	if (hold && hold.until === null) return { hold, next: null };
	if (f.status !== 'open') return { hold, next: null };

	// The evaluator moves the claim no earlier than the day it has both the next stage's active
	// days past due and the full gap in its stage (engine.ts); null: an open hold comes first.
	const current = stageOf(v, f.stage);
	const byDays = dateAfterActiveDays(f.dueDate, next.startDay, f.holds);
	const byGap = dateAfterActiveDays(
		f.stageEnteredOn ?? f.dueDate,
		current ? next.startDay - current.startDay : 0,
		f.holds
	);
	if (byDays === null || byGap === null) return { hold, next: null };
	// Before that day only actions are planned, and they matter only as the plan offer C9 waits
	// for before the formal notice and after it: with the offer made (or not needed), the walk
	// may start there (the claim page is a hot path; a day-by-day walk over a formal notice's 45
	// days costs a quarter of a millisecond).
	const c9 = next.stage === 'formal_notice' || next.stage === 'legal';
	let from = today;
	if (f.planOffered || !c9) for (const d of [byDays, byGap]) if (d > from) from = d;

	const facts: ClaimFacts = { ...f, plannedKeys: new Set(f.plannedKeys) };
	const planned = facts.plannedKeys as Set<string>;
	const openHoldEnds = f.holds.some((h) => h.end === null && h.effect.kind === 'stop_clock');
	for (let i = 0; i <= HORIZON_DAYS; i++) {
		const day = addDays(from, i);
		if (!isBusinessDay(day)) continue;
		// an open-ended hold starting later (none today) would stop everything from then on
		if (openHoldEnds && f.holds.some((h) => h.end === null && holdCovers(h, day))) break;
		const e = evaluateClaim(facts, v, day);
		if (e.close) break;
		const t = e.transitions[0];
		if (t) return { hold, next: { stage: t.to, date: t.on } };
		for (const a of e.actions) {
			planned.add(a.key);
			if (a.channels.some((c) => c === 'sms' || c === 'email' || c === 'letter'))
				facts.planOffered = true;
		}
	}
	return { hold, next: null };
}
