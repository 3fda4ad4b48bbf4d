/**
 * The stage line a debtor sees on a claim (where it stands, what comes next and when, why it stands
 * still): from the engine's state for a claim the engine works on, else from the creditor's
 * strategy. Shared by the claim list and the claim page (`portal.ts`), whose one statement carries
 * the columns named here.
 */
import { localDate } from '$lib/domain/clock';
import type { ClaimFacts } from '$lib/domain/engine';
import type { Hold } from '$lib/domain/holds';
import { nextStepFor, type HoldInfo, type NextStep } from '$lib/domain/next-step';
import { parseRules } from '$lib/domain/rules';
import {
	parseStrategy,
	stageFrom,
	stageFromEngine,
	type StageFacts,
	type StageInfo
} from '$lib/domain/stage-line';
import type { ClaimStatus, Strategy } from '$lib/domain/stages';
import { translate, type Lang } from '$lib/i18n';
import type { DB } from '../db/client';
import { perConnection } from '../db/per-connection';
import { clock } from '../clock';
import { versionBody } from './strategy-versions';
import { hufPerEur } from './rules';

/** The stage line as a debtor page gets it: the hold already a sentence in the reader's language. */
export type StageLine = Omit<StageInfo, 'hold'> & { hold: string | null };

/**
 * Why the claim stands still, and until when if that is known, in words. Written here on the
 * server: these texts are rare on a page, so debtors' phones do not download them
 * (i18n/hu/portal-hold.ts).
 */
export function holdSentence(lang: Lang, hold: HoldInfo | null): string | null {
	if (!hold) return null;
	const date = hold.until ? { date: hold.until } : undefined;
	const main = translate(lang, `portal.hold.${hold.reason}`, date);
	return hold.until && hold.reason !== 'promise'
		? `${main} ${translate(lang, 'portal.hold.until', date)}`
		: main;
}

/** A closed claim shown to its debtor was taken back by its creditor (only those are shown). */
/**
 * Why a closed claim is closed, for its debtor: a dispute of theirs upheld (nothing owed), else its
 * creditor took it back (ask them). Null for a claim that is not closed.
 */
export function recalledNote(
	lang: Lang,
	status: string,
	creditorName: string,
	upheld = false
): string | null {
	if (status !== 'closed') return null;
	return upheld
		? translate(lang, 'portal.closedUpheld')
		: translate(lang, 'portal.recalled', { creditor: creditorName });
}

export function stageLine(lang: Lang, s: StageInfo): StageLine {
	return { ...s, hold: holdSentence(lang, s.hold) };
}

const strategyStmt = perConnection((c) =>
	c.prepare('SELECT stages_json AS j FROM strategies WHERE creditor_id = ?')
);

export function strategyOf(db: DB, creditorId: number): Strategy {
	const row = strategyStmt(db).get(creditorId) as { j: string } | undefined;
	return strategyFrom(row?.j ?? null);
}

/**
 * A parser remembered by the JSON text it was given: every claim page reads its creditor's
 * strategy and rules, and there are only a handful of distinct texts. Keyed by the text itself, so
 * an edited setting is simply a new key (nothing to invalidate); results are frozen because they
 * are shared.
 */
function byText<T extends object>(
	parse: (json: string | null) => T
): (json: string | null) => Readonly<T> {
	const seen = new Map<string | null, T>();
	return (json) => {
		let v = seen.get(json);
		if (v === undefined) {
			if (seen.size >= 256) seen.clear();
			seen.set(json, (v = deepFreeze(parse(json))));
		}
		return v;
	};
}

function deepFreeze<T>(o: T): T {
	if (o && typeof o === 'object' && !Object.isFrozen(o)) {
		Object.freeze(o);
		for (const v of Object.values(o)) deepFreeze(v);
	}
	return o;
}

export const strategyFrom = byText(parseStrategy);
export const rulesFrom = byText(parseRules);

type EngineClaim = StageFacts & {
	id: number;
	balanceMinor: number;
	currency: string;
	status: ClaimStatus;
};

export function stageInfo(db: DB, claim: EngineClaim, strategy: Strategy): StageInfo {
	const s = stageStmts(db);
	const last = lastReminder(s.lastContact.get(claim.id) as string | undefined);
	const today = localDate(clock().now());
	return (
		engineStage(db, claim, s.engine.get(claim.id) as EngineTuple, last, today) ??
		stageFrom(claim, last, strategy, today)
	);
}

/**
 * What the stage line needs of the engine's state, for a claim the engine has a row for (the
 * subqueries are skipped for one it has not seen): the version, the day the claim entered its
 * stage, its cycle, the stage's date before the engine, whether a plan was offered (C9: as
 * engine-facts.ts reads it), its holds and the keys of what is planned or done. Columns of the
 * claim page's one statement, so the page costs no extra round.
 */
export const ENGINE_COLUMNS = `ce.version_id, ce.stage_entered_on, ce.cycle, c.stage_changed_at,
	CASE WHEN ce.version_id IS NOT NULL THEN c.plan_offered_at IS NOT NULL OR EXISTS (
	  SELECT 1 FROM planned_actions pa WHERE pa.claim_id = c.id AND pa.kind = 'contact' AND pa.state = 'done'
	    AND (pa.channels_json LIKE '%"sms"%' OR pa.channels_json LIKE '%"email"%' OR pa.channels_json LIKE '%"letter"%')) END,
	CASE WHEN ce.version_id IS NOT NULL THEN (SELECT json_group_array(json_array(kind, start_date, end_date, json(effect_json)))
	  FROM holds WHERE claim_id = c.id) END,
	CASE WHEN ce.version_id IS NOT NULL THEN (SELECT json_group_array(key)
	  FROM planned_actions WHERE claim_id = c.id AND state <> 'cancelled') END`;

export type EngineTuple = [
	versionId: number | null,
	stageEnteredOn: string | null,
	cycle: number | null,
	stageChangedAt: number,
	planOffered: 0 | 1 | null,
	/** [kind, start, end, effect][] */
	holdsJson: string | null,
	/** keys of the planned actions not cancelled */
	keysJson: string | null
];

/** What a claim card's stage line reads besides the claim itself (the list has no claim statement). */
const stageStmts = perConnection((c) => ({
	lastContact: c.prepare(LAST_REMINDER('?')).pluck(),
	engine: c
		.prepare(
			`SELECT ${ENGINE_COLUMNS} FROM claims c LEFT JOIN claim_engine ce ON ce.claim_id = c.id WHERE c.id = ?`
		)
		.raw(true)
}));

/** The engine's line for a claim it works on (next-step.ts), or null for a claim it has not seen. */
export function engineStage(
	db: DB,
	claim: EngineClaim,
	e: EngineTuple,
	last: { at: number; channel: string } | undefined,
	today: string
): StageInfo | null {
	const [versionId, enteredOn, cycle, stageChangedAt, offered, holdsJson, keysJson] = e;
	if (versionId === null) return null;
	// the walk is a pure function of what the key names (a version's body never changes), so a
	// debtor reloading the page or coming back to it gets the day's answer without walking again
	const key = `${claim.id}|${today}|${versionId}|${claim.status}|${claim.stage}|${claim.dueDate}|${claim.balanceMinor}|${claim.currency}|${enteredOn}|${cycle}|${stageChangedAt}|${offered}|${holdsJson}|${keysJson}`;
	let seen = walked.get(db);
	if (!seen) walked.set(db, (seen = new Map()));
	let step = seen.get(key);
	if (!step) {
		// frozen: every later page gets these same objects
		step = deepFreeze(walk(db, claim, e, versionId, today));
		if (seen.size >= WALKED_MAX) seen.delete(seen.keys().next().value!);
		seen.set(key, step);
	}
	return stageFromEngine(claim.stage, last, step);
}

/** Days walked, per database handle: a few thousand answers (each a few hundred bytes) at most. */
const walked = new WeakMap<DB, Map<string, NextStep>>();
const WALKED_MAX = 5_000;

function walk(
	db: DB,
	claim: EngineClaim,
	e: EngineTuple,
	versionId: number,
	today: string
): NextStep {
	const [, enteredOn, cycle, stageChangedAt, offered, holdsJson, keysJson] = e;
	const holds: Hold[] = (
		JSON.parse(holdsJson ?? '[]') as [Hold['kind'], string, string | null, Hold['effect']][]
	).map(([kind, start, end, effect]) => ({ kind, start, end, effect }));
	const facts: ClaimFacts = {
		claimId: claim.id,
		dueDate: claim.dueDate,
		balanceMinor: claim.balanceMinor,
		currency: claim.currency,
		// fees do not move a claim: the kind of debtor and the contract change no date here
		debtorKind: 'person',
		status: claim.status,
		stage: claim.stage,
		stageEnteredOn: claim.stage === 'new' ? null : (enteredOn ?? localDate(stageChangedAt)),
		holds,
		planOffered: offered === 1,
		plannedKeys: new Set(JSON.parse(keysJson ?? '[]') as string[]),
		cycle: cycle ?? 0,
		contractAllowsFees: false,
		hufPerEur: hufPerEur(),
		lumpSumInCurrencyMinor: null,
		lumpSumCharged: true
	};
	return nextStepFor(facts, versionBody(db, versionId), today);
}

/**
 * The last reminder we sent for a claim (any channel but the portal) as JSON [occurred_at, channel],
 * or NULL. The condition is word for word the one of contact_events_last_reminder_idx, so the
 * lookup is answered from that index alone.
 */
export const LAST_REMINDER = (
	claim: string
) => `SELECT json_array(occurred_at, channel) FROM contact_events
	 WHERE claim_id = ${claim} AND direction = 'outbound' AND outcome IN ('sent', 'delivered', 'conversation')
	 ORDER BY occurred_at DESC LIMIT 1`;

/** [occurred_at, channel] as the database gives it (NULL: no reminder yet). */
export function lastReminder(
	json: string | null | undefined
): { at: number; channel: string } | undefined {
	if (!json) return undefined;
	const [at, channel] = JSON.parse(json) as [number, string];
	return { at, channel };
}
