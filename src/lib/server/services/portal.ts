/**
 * What a debtor sees: their claims grouped by creditor, and one claim in full (itemised statement
 * from the ledger, payments, documents, promise, dispute). Every query is scoped by the debtor.
 */
import { cardStates } from './claim-cards';
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { addDays, localDate } from '$lib/domain/clock';
import { summarise, type Component, type LedgerKind } from '$lib/domain/ledger';
import { parseRules } from '$lib/domain/rules';
import type { Stage, Strategy } from '$lib/domain/stages';
import type { DB } from '../db/client';
import { perConnection } from '../db/per-connection';
import { claims, creditors, type plans, type promises } from '../db/schema';
import { clock } from '../clock';
import { NotFoundError } from './errors';
import { fullAmount, minimumPart } from './payments';
import { rulesInForceSql } from './rules';
import { debtorIdOf } from './actor';
import {
	parseStrategy,
	stageFrom,
	stageFromEngine,
	type StageFacts,
	type StageInfo
} from '$lib/domain/stage-line';
import type { ClaimFacts } from '$lib/domain/engine';
import type { Hold } from '$lib/domain/holds';
import { nextStepFor, type HoldInfo } from '$lib/domain/next-step';
import { translate, type Lang } from '$lib/i18n';
import { versionBody } from './strategy-versions';

export type { StageInfo };

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
export function recalledNote(lang: Lang, status: string, creditorName: string): string | null {
	return status === 'closed'
		? translate(lang, 'portal.recalled', { creditor: creditorName })
		: null;
}

export function stageLine(lang: Lang, s: StageInfo): StageLine {
	return { ...s, hold: holdSentence(lang, s.hold) };
}

/** myClaims' groups with each claim's stage line for the page. */
export function claimsForPage(lang: Lang, groups: ReturnType<typeof myClaims>) {
	return groups.map((g) => ({
		...g,
		claims: g.claims.map((c) => ({
			...c,
			stage: stageLine(lang, c.stage),
			recalledNote: recalledNote(lang, c.status, g.creditorName)
		}))
	}));
}

const strategyStmt = perConnection((c) =>
	c.prepare('SELECT stages_json AS j FROM strategies WHERE creditor_id = ?')
);

function strategyOf(db: DB, creditorId: number): Strategy {
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

const strategyFrom = byText(parseStrategy);
const rulesFrom = byText(parseRules);

type EngineClaim = StageFacts & {
	id: number;
	balanceMinor: number;
	currency: string;
	status: ClaimStatus;
};

function stageInfo(db: DB, claim: EngineClaim, strategy: Strategy): StageInfo {
	const s = stmts(db);
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
const ENGINE_COLUMNS = `ce.version_id, ce.stage_entered_on, ce.cycle, c.stage_changed_at,
	CASE WHEN ce.version_id IS NOT NULL THEN c.plan_offered_at IS NOT NULL OR EXISTS (
	  SELECT 1 FROM planned_actions pa WHERE pa.claim_id = c.id AND pa.kind = 'contact' AND pa.state = 'done'
	    AND (pa.channels_json LIKE '%"sms"%' OR pa.channels_json LIKE '%"email"%' OR pa.channels_json LIKE '%"letter"%')) END,
	CASE WHEN ce.version_id IS NOT NULL THEN (SELECT json_group_array(json_array(kind, start_date, end_date, json(effect_json)))
	  FROM holds WHERE claim_id = c.id) END,
	CASE WHEN ce.version_id IS NOT NULL THEN (SELECT json_group_array(key)
	  FROM planned_actions WHERE claim_id = c.id AND state <> 'cancelled') END`;

type EngineTuple = [
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

/** The engine's line for a claim it works on (next-step.ts), or null for a claim it has not seen. */
function engineStage(
	db: DB,
	claim: EngineClaim,
	e: EngineTuple,
	last: { at: number; channel: string } | undefined,
	today: string
): StageInfo | null {
	const [versionId, enteredOn, cycle, stageChangedAt, offered, holdsJson, keysJson] = e;
	if (versionId === null) return null;
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
		lumpSumInCurrencyMinor: null,
		lumpSumCharged: true
	};
	return stageFromEngine(claim.stage, last, nextStepFor(facts, versionBody(db, versionId), today));
}

export function myClaims(db: DB, actor: Actor) {
	const debtorId = debtorIdOf(actor);
	const rows = db
		.select({ claim: claims, creditorName: creditors.name })
		.from(claims)
		.innerJoin(creditors, eq(creditors.id, claims.creditorId))
		.where(
			and(
				eq(claims.debtorId, debtorId),
				or(
					inArray(claims.status, ['open', 'in_plan', 'disputed', 'paid']),
					// a claim its creditor took back stays in view, saying we no longer handle it
					sql`${claims.id} IN (SELECT claim_id FROM claim_recalls)`
				)
			)
		)
		.orderBy(asc(creditors.name), asc(claims.id))
		.all();
	const strategyCache = new Map<number, Strategy>();
	// what the debtor has done or must answer, per claim (a plan, a counter-offer, a promise, a dispute)
	const states = cardStates(
		db,
		debtorId,
		rows.map((r) => r.claim.id)
	);
	const groups: {
		creditorId: number;
		creditorName: string;
		claims: ReturnType<typeof summary>[];
	}[] = [];
	function summary(c: typeof claims.$inferSelect) {
		let s = strategyCache.get(c.creditorId);
		if (!s) strategyCache.set(c.creditorId, (s = strategyOf(db, c.creditorId)));
		return {
			id: c.id,
			reference: c.reference,
			description: c.description,
			currency: c.currency,
			balanceMinor: c.balanceMinor,
			status: c.status,
			stage: stageInfo(db, c, s),
			state: states.get(c.id) ?? null
		};
	}
	for (const r of rows) {
		let g = groups.find((x) => x.creditorId === r.claim.creditorId);
		if (!g)
			groups.push(
				(g = { creditorId: r.claim.creditorId, creditorName: r.creditorName, claims: [] })
			);
		g.claims.push(summary(r.claim));
	}
	return groups;
}

/**
 * The claim page is the portal's hot path (bench:portal), so it is one prepared statement per
 * connection: the claim and everything of it that has at most one row to show (certificate, latest
 * promise, dispute and plan, last reminder, the creditor's strategy, the rules in force), with the
 * ledger and the payments as JSON arrays. Each statement costs a round through SQLite's VM and the
 * driver, which dominates on a cache-cold server; for the same reason nothing in it sorts (latest
 * rows by max(id), the ledger summed in JS): a sorter per subquery cost about a fifth of the run.
 *
 * `+c.debtor_id`: the claim is found by its key and the debtor only checked. Without the `+`
 * the planner weighs the debtor index against the bound value, and once ANALYZE has filled
 * sqlite_stat4 (a full ANALYZE does; the seed's limited one leaves it empty) SQLite then
 * recompiles the statement on every run, which costs more than the run itself.
 */
const stmts = perConnection((c) => {
	return {
		// read raw (an array per row, see ClaimTuple): the driver building a 31-property object
		// per row cost more than the query itself on a cache-cold server
		claim: c
			.prepare(
				`SELECT c.id, c.reference, c.description, c.currency, c.due_date, c.stage, c.status, c.balance_minor, cr.name,
				        sc.number, sc.issued_at,
				        pr.id, pr.promised_date, pr.amount_minor, pr.status, pr.created_at, pr.resolved_at,
				        di.id, di.reason, di.status, di.answer_due_date, di.answer, di.created_at,
				        pl.id, pl.status,
				        (${LAST_REMINDER('c.id')}),
				        st.stages_json,
				        ${rulesInForceSql('c.creditor_id', 'c.portfolio_id')},
				        (SELECT json_group_array(json_array(component, kind, amount_minor)) FROM ledger_entries WHERE claim_id = c.id),
				        (SELECT json_group_array(json_object('id', id, 'amountMinor', amount_minor, 'refundedMinor', refunded_minor,
				                'currency', currency, 'status', status, 'purpose', purpose, 'receiptNumber', receipt_number,
				                'createdAt', created_at, 'completedAt', completed_at))
				           FROM payments WHERE claim_id = c.id),
				        ${ENGINE_COLUMNS}
				 FROM claims c
				 JOIN creditors cr ON cr.id = c.creditor_id
				 LEFT JOIN claim_engine ce ON ce.claim_id = c.id
				 LEFT JOIN settlement_certificates sc ON sc.claim_id = c.id AND c.balance_minor <= 0
				 LEFT JOIN promises pr ON pr.id = (SELECT max(id) FROM promises WHERE claim_id = c.id AND debtor_id = c.debtor_id)
				 LEFT JOIN disputes di ON di.id = (SELECT max(id) FROM disputes WHERE claim_id = c.id)
				 LEFT JOIN plans pl ON pl.id = (SELECT max(id) FROM plans WHERE claim_id = c.id)
				 LEFT JOIN strategies st ON st.creditor_id = c.creditor_id
				 WHERE c.id = ? AND +c.debtor_id = ?`
			)
			.raw(true),
		lastContact: c.prepare(LAST_REMINDER('?')).pluck(),
		engine: c
			.prepare(
				`SELECT ${ENGINE_COLUMNS} FROM claims c LEFT JOIN claim_engine ce ON ce.claim_id = c.id WHERE c.id = ?`
			)
			.raw(true)
	};
});

/**
 * The last reminder we sent for a claim (any channel but the portal) as JSON [occurred_at, channel],
 * or NULL. The condition is word for word the one of contact_events_last_reminder_idx, so the
 * lookup is answered from that index alone.
 */
const LAST_REMINDER = (
	claim: string
) => `SELECT json_array(occurred_at, channel) FROM contact_events
	 WHERE claim_id = ${claim} AND direction = 'outbound' AND outcome IN ('sent', 'delivered', 'conversation')
	 ORDER BY occurred_at DESC LIMIT 1`;

/** [occurred_at, channel] as the database gives it (NULL: no reminder yet). */
function lastReminder(
	json: string | null | undefined
): { at: number; channel: string } | undefined {
	if (!json) return undefined;
	const [at, channel] = JSON.parse(json) as [number, string];
	return { at, channel };
}

type ClaimStatus = 'open' | 'in_plan' | 'disputed' | 'paid' | 'closed';
type DisputeReason = 'not_mine' | 'already_paid' | 'wrong_amount' | 'statute_barred' | 'other';
type DisputeStatus = 'open' | 'upheld' | 'rejected' | 'withdrawn';

/** The claim statement's row, column by column in the order of its SELECT. */
type ClaimTuple = [
	id: number,
	reference: string,
	description: string,
	currency: 'HUF' | 'EUR',
	dueDate: string,
	stage: Stage,
	status: ClaimStatus,
	balanceMinor: number,
	creditorName: string,
	certNumber: string | null,
	certIssuedAt: number | null,
	promiseId: number | null,
	promisedDate: string | null,
	promiseAmountMinor: number | null,
	promiseStatus: (typeof promises.$inferSelect)['status'] | null,
	promiseCreatedAt: number | null,
	promiseResolvedAt: number | null,
	disputeId: number | null,
	disputeReason: DisputeReason | null,
	disputeStatus: DisputeStatus | null,
	disputeAnswerDueDate: string | null,
	disputeAnswer: string | null,
	disputeCreatedAt: number | null,
	planId: number | null,
	planStatus: (typeof plans.$inferSelect)['status'] | null,
	/** [occurred_at, channel] of the last reminder, or null */
	lastReminderJson: string | null,
	strategyJson: string | null,
	rulesJson: string | null,
	/** [component, kind, amount_minor][] */
	ledgerJson: string,
	/** [id, amount_minor, refunded_minor, currency, status, purpose, receipt_number, created_at, completed_at][] */
	paymentsJson: string,
	...engine: EngineTuple
];

type PaymentRow = {
	id: number;
	amountMinor: number;
	refundedMinor: number;
	currency: 'HUF' | 'EUR';
	status: 'pending' | 'succeeded' | 'failed' | 'expired' | 'flagged';
	purpose: 'full' | 'partial' | 'installment' | 'down_payment' | 'manual' | 'settlement';
	receiptNumber: string | null;
	createdAt: number;
	completedAt: number | null;
};

export function claimDetail(db: DB, actor: Actor, claimId: number) {
	const debtorId = debtorIdOf(actor);
	const row = stmts(db).claim.get(claimId, debtorId) as ClaimTuple | undefined;
	if (!row) throw new NotFoundError('claim');
	const [
		id,
		reference,
		description,
		currency,
		dueDate,
		stage,
		status,
		balanceMinor,
		creditorName,
		certNumber,
		certIssuedAt,
		promiseId,
		promisedDate,
		promiseAmountMinor,
		promiseStatus,
		promiseCreatedAt,
		promiseResolvedAt,
		disputeId,
		disputeReason,
		disputeStatus,
		disputeAnswerDueDate,
		disputeAnswer,
		disputeCreatedAt,
		planId,
		planStatus,
		lastReminderJson,
		strategyJson,
		rulesJson,
		ledgerJson,
		paymentsJson,
		...engine
	] = row;
	// one line per component and kind: the page builds the itemised statement from them (C5)
	const ledger = summarise(
		(JSON.parse(ledgerJson) as [Component, LedgerKind, number][]).map(
			([component, kind, amountMinor]) => ({ component, kind, amountMinor })
		)
	);
	const now = clock().now();
	// a checkout left open for more than a day is noise to the debtor
	const pays = (JSON.parse(paymentsJson) as PaymentRow[]).filter(
		(p) => p.status !== 'pending' || p.createdAt > now - 86_400_000
	);
	pays.sort((a, b) => b.id - a.id);
	const certificate = certNumber != null ? { number: certNumber, issuedAt: certIssuedAt! } : null;
	const promise =
		promiseId != null
			? {
					id: promiseId,
					claimId: id,
					debtorId,
					promisedDate: promisedDate!,
					amountMinor: promiseAmountMinor!,
					status: promiseStatus!,
					createdAt: promiseCreatedAt!,
					resolvedAt: promiseResolvedAt
				}
			: null;
	const dispute =
		disputeId != null
			? {
					id: disputeId,
					reason: disputeReason!,
					status: disputeStatus!,
					answerDueDate: disputeAnswerDueDate!,
					answer: disputeAnswer,
					createdAt: disputeCreatedAt!
				}
			: null;
	const plan = planId != null ? { id: planId, status: planStatus! } : null;
	const rules = rulesFrom(rulesJson);
	const today = localDate(now);
	const open = status !== 'paid' && status !== 'closed' && balanceMinor > 0;
	return {
		claim: { id, reference, description, currency, dueDate, status, balanceMinor, creditorName },
		stage:
			engineStage(
				db,
				{ id, status, stage, dueDate, balanceMinor, currency },
				engine,
				lastReminder(lastReminderJson),
				today
			) ??
			stageFrom(
				{ status, stage, dueDate },
				lastReminder(lastReminderJson),
				strategyFrom(strategyJson),
				today
			),
		ledger,
		payments: pays,
		certificate,
		promise,
		dispute,
		plan,
		pay: open
			? {
					fullMinor: fullAmount(balanceMinor, currency),
					partialAllowed: rules.partialPaymentsAllowed,
					minPartMinor: minimumPart(rules, balanceMinor, currency)
				}
			: null,
		promiseRange: open ? { from: today, to: addDays(today, rules.promiseMaxDays) } : null,
		canDispute: open && dispute?.status !== 'open'
	};
}
