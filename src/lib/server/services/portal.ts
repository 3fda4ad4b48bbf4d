/**
 * What a debtor sees: their claims grouped by creditor, and one claim in full (itemised statement
 * from the ledger, payments, documents, promise, dispute). Every query is scoped by the debtor.
 */
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { localDate } from '$lib/domain/clock';
import { summarise, type Component, type LedgerKind } from '$lib/domain/ledger';
import { stageFrom } from '$lib/domain/stage-line';
import type { ClaimStatus, Stage, Strategy } from '$lib/domain/stages';
import type { Lang } from '$lib/i18n';
import type { DB } from '../db/client';
import { perConnection } from '../db/per-connection';
import { claims, creditors, type disputes, type plans, type promises } from '../db/schema';
import { clock } from '../clock';
import { debtorIdOf } from './actor';
import { debtorInScope } from './owned';
import { cardStates } from './claim-cards';
import { NotFoundError } from './errors';
import { fullAmount, minimumPart } from './payments';
import { overpaidSql } from './payment-views';
import {
	ENGINE_COLUMNS,
	LAST_REMINDER,
	engineStage,
	lastReminder,
	recalledNote,
	rulesFrom,
	stageInfo,
	stageLine,
	strategyFrom,
	strategyOf,
	type EngineTuple
} from './portal-stage';
import { hufPerEur, rulesInForceSql } from './rules';
import { rulesFor } from '$lib/domain/rules';
import { offerOn } from './settlement-offers';
import { promiseLimits } from './promises';

// the stage line's texts, as the debtor pages have always imported them from here
export { recalledNote, stageLine } from './portal-stage';

/** myClaims' groups with each claim's stage line for the page. */
export function claimsForPage(lang: Lang, groups: ReturnType<typeof myClaims>) {
	return groups.map((g) => ({
		...g,
		claims: g.claims.map((c) => ({
			...c,
			stage: stageLine(lang, c.stage),
			recalledNote: recalledNote(lang, c.status, g.creditorName, c.upheld === 1)
		}))
	}));
}

export function myClaims(db: DB, actor: Actor) {
	const debtorId = debtorIdOf(actor);
	// signed in by a claim reference: only that creditor's claims (owned.ts assertInScope)
	const only = actor.kind === 'debtor' ? actor.onlyCreditorId : null;
	const rows = db
		.select({
			claim: claims,
			creditorName: creditors.name,
			// closed because the debtor's dispute was upheld (not taken back by the creditor)
			upheld: sql<number>`${claims.status} = 'closed' AND EXISTS (SELECT 1 FROM disputes d WHERE d.claim_id = ${claims.id} AND d.status = 'upheld')`
		})
		.from(claims)
		.innerJoin(creditors, eq(creditors.id, claims.creditorId))
		.where(
			and(
				eq(claims.debtorId, debtorId),
				only == null ? undefined : eq(claims.creditorId, only),
				or(
					inArray(claims.status, ['open', 'in_plan', 'disputed', 'paid']),
					// a claim its creditor took back, or closed on the debtor's upheld dispute, stays in
					// view, saying why
					sql`${claims.id} IN (SELECT claim_id FROM claim_recalls UNION ALL SELECT claim_id FROM disputes WHERE status = 'upheld')`
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
	function summary(c: typeof claims.$inferSelect, upheld: number) {
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
			state: states.get(c.id) ?? null,
			upheld
		};
	}
	for (const r of rows) {
		let g = groups.find((x) => x.creditorId === r.claim.creditorId);
		if (!g)
			groups.push(
				(g = { creditorId: r.claim.creditorId, creditorName: r.creditorName, claims: [] })
			);
		g.claims.push(summary(r.claim, r.upheld));
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
				                'chargedBackMinor', (SELECT coalesce(sum(r.amount_minor), 0) FROM refunds r
				                  WHERE r.payment_id = payments.id AND r.reason = 'chargeback' AND r.status = 'succeeded'),
				                'overpaidMinor', CASE WHEN status = 'succeeded' THEN ${overpaidSql('payments.id', 'payments.amount_minor')} ELSE 0 END,
				                'currency', currency, 'status', status, 'purpose', purpose, 'receiptNumber', receipt_number,
				                'direct', gateway = 'direct', 'createdAt', created_at, 'completedAt', completed_at, 'arrivedOn', arrived_on))
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
			.raw(true)
	};
});

type DisputeReason = 'not_mine' | 'already_paid' | 'wrong_amount' | 'statute_barred' | 'other';
type DisputeStatus = (typeof disputes.$inferSelect)['status'];

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
	/** {id, amountMinor, refundedMinor, chargedBackMinor, overpaidMinor, currency, status, purpose, receiptNumber, direct, createdAt, completedAt, arrivedOn}[] */
	paymentsJson: string,
	...engine: EngineTuple
];

type PaymentRow = {
	id: number;
	amountMinor: number;
	refundedMinor: number;
	/** what of refundedMinor the cardholder's bank took back (a chargeback lost) */
	chargedBackMinor: number;
	/** what of it was more than was owed and goes back (C11), as the payment page says it */
	overpaidMinor: number;
	currency: 'HUF' | 'EUR';
	status: 'pending' | 'succeeded' | 'failed' | 'expired' | 'flagged';
	purpose: 'full' | 'partial' | 'installment' | 'down_payment' | 'manual' | 'settlement';
	receiptNumber: string | null;
	/** 1: paid straight to the creditor, who reported it (we never held the money) */
	direct: 0 | 1;
	createdAt: number;
	completedAt: number | null;
	/** the day the money was paid, when before the day it was posted (a transfer, a direct payment) */
	arrivedOn: string | null;
};

export function claimDetail(
	db: DB,
	actor: Actor,
	claimId: number,
	/** `promiseRange`: the promise page's limits (they may read the promise chain: that page only) */
	want: { promiseRange?: boolean } = {}
) {
	const debtorId = debtorInScope(db, actor, 'claim', claimId);
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
					// an open promise never asks for more than is owed now (a correction since, a part
					// payment): paying the balance keeps it (promises.ts)
					amountMinor:
						promiseStatus === 'open'
							? Math.min(promiseAmountMinor!, Math.max(0, balanceMinor))
							: promiseAmountMinor!,
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
	// the creditor's forint amounts in the claim's own currency (rules.ts claimRules)
	const rules = rulesFor(rulesFrom(rulesJson), currency, hufPerEur());
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
		promiseRange:
			open && want.promiseRange
				? promiseLimits(db, { id, balanceMinor, currency }, rules, today, promise)
				: null,
		canDispute: open && dispute?.status !== 'open',
		// the settlement offer, from the row and the rules in force read above
		offer: offerOn(db, { id, status, stage, currency, stageChangedAt: engine[3] }, rules, now)
	};
}
