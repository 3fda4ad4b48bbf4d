/**
 * Holds as rows (issue 16, item 2): a dispute (C7), an active plan, a promise to pay and the
 * operators' holds (deceased, insolvency, vulnerability, legal representation). Each row has its
 * first day, the first day it no longer applies (null: open until someone ends it) and its effect
 * (domain/holds.ts). Rows made by a dispute, plan or promise carry that row's id (source_id), an
 * operator's hold carries a note. Rows are never deleted: ending one sets its end day, so the
 * engine's count of active days past due stays right for every day that has passed.
 *
 * Every change is audited and re-evaluates the claim at once (`reevaluateClaim`), in the caller's
 * transaction: a claim that goes on hold has its pending actions cancelled there and then, one
 * that comes off hold is planned again without waiting for the nightly run.
 */
import { and, desc, eq, inArray, isNull, or, gt, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { addDays, localDate } from '$lib/domain/clock';
import {
	defaultHoldEffect,
	promiseHold,
	type Hold,
	type HoldEffect,
	type HoldKind
} from '$lib/domain/holds';
import type { DB } from '../db/client';
import { stmt } from '../db/per-connection';
import { claims, creditors, holds, staffUsers } from '../db/schema';
import { clock } from '../clock';
import { logEvent } from '../log';
import { audit } from './audit';
import { assertAgencyStaff } from './actor';
import { refuseIfEnded } from './claim-state';
import { normaliseReference } from './sign-in-reference';
import { engineActor, reevaluateClaim } from './engine';
import { ConflictError, NotFoundError, ValidationError } from './errors';
import { claimEngineRow, versionBody } from './strategy-versions';
import { writeTx } from './tx';

export type HoldRow = typeof holds.$inferSelect;

/** A claim's holds, ended ones too, as the domain reads them (the C7 check of a message or letter). */
export function claimHolds(db: DB, claimId: number): Hold[] {
	const rows = stmt(
		db,
		`SELECT kind, start_date, end_date, effect_json FROM holds WHERE claim_id = ?`
	).all(claimId) as {
		kind: HoldKind;
		start_date: string;
		end_date: string | null;
		effect_json: string;
	}[];
	return rows.map((r) => ({
		kind: r.kind,
		start: r.start_date,
		end: r.end_date,
		effect: JSON.parse(r.effect_json) as HoldEffect
	}));
}

/**
 * Re-evaluates the claim now, in the caller's transaction (a savepoint). A failure of the engine
 * must not refuse the payment, refund, dispute, promise or plan that caused it: the savepoint is
 * rolled back, the failure logged (the error's name and the claim id, no personal data), and the
 * next daily run evaluates the claim again (and counts the error if it persists).
 */
export function reevaluateNow(db: DB, claimId: number): void {
	try {
		reevaluateClaim(db, engineActor, claimId);
	} catch (e) {
		logEvent('error', 'engine_reevaluate_failed', {
			claimId,
			error: e instanceof Error ? e.name : 'Error'
		});
	}
}

/** The holds an operator starts and ends by hand (the others follow disputes, plans and promises). */
export const OPERATOR_HOLD_KINDS = [
	'deceased',
	'insolvency',
	'vulnerability',
	'legal_representation'
] as const satisfies readonly HoldKind[];
export type OperatorHoldKind = (typeof OPERATOR_HOLD_KINDS)[number];
export const isOperatorHoldKind = (k: string): k is OperatorHoldKind =>
	(OPERATOR_HOLD_KINDS as readonly string[]).includes(k);

/** An operator's hold says why in a few words (C12), at most this long. */
export const HOLD_NOTE_MIN = 5;
export const HOLD_NOTE_MAX = 1000;

const today = () => localDate(clock().now());

const userIdOf = (actor: Actor) =>
	actor.kind === 'operator' || actor.kind === 'admin' ? actor.userId : null;

interface StartInput {
	claimId: number;
	kind: HoldKind;
	start: string;
	/** first day no longer held; null = open */
	end?: string | null;
	effect?: HoldEffect;
	sourceId?: number | null;
	note?: string;
}

/**
 * Records a hold and re-evaluates the claim. Inside a writeTx; the caller has checked the actor.
 */
export function startHold(db: DB, actor: Actor, input: StartInput): HoldRow {
	const effect = input.effect ?? defaultHoldEffect(input.kind);
	const row = db
		.insert(holds)
		.values({
			claimId: input.claimId,
			kind: input.kind,
			startDate: input.start,
			endDate: input.end ?? null,
			effectJson: JSON.stringify(effect),
			sourceId: input.sourceId ?? null,
			note: input.note ?? '',
			createdBy: userIdOf(actor),
			createdAt: clock().now()
		})
		.returning()
		.get();
	audit(db, actor, {
		action: 'hold.start',
		entity: 'hold',
		entityId: row.id,
		after: {
			claimId: row.claimId,
			kind: row.kind,
			start: row.startDate,
			end: row.endDate,
			effect: effect.kind,
			sourceId: row.sourceId
		}
	});
	reevaluateNow(db, row.claimId);
	return row;
}

/**
 * Ends a hold on `on` (the first day it no longer applies; today by default). A hold already over
 * by then (a promise's ran out) is left as it is. Inside a writeTx; re-evaluates the claim.
 * Returns whether the row changed.
 */
export function endHold(
	db: DB,
	actor: Actor,
	row: HoldRow,
	why: string,
	on = today(),
	opts: { reevaluate?: boolean } = {}
): boolean {
	if (row.endDate !== null && row.endDate <= on) return false;
	const end = on < row.startDate ? row.startDate : on;
	db.update(holds).set({ endDate: end, endedAt: clock().now() }).where(eq(holds.id, row.id)).run();
	audit(db, actor, {
		action: 'hold.end',
		entity: 'hold',
		entityId: row.id,
		before: { end: row.endDate },
		after: { claimId: row.claimId, kind: row.kind, end, why }
	});
	if (opts.reevaluate !== false) reevaluateNow(db, row.claimId);
	return true;
}

/**
 * Ends the holds a dispute, plan or promise made (the ones still in force on `on`). `reevaluate:
 * false` when the caller starts another hold right after (a replaced promise), so that nothing is
 * planned in between.
 */
export function endHoldsOf(
	db: DB,
	actor: Actor,
	kind: 'dispute' | 'plan' | 'promise' | 'hardship',
	sourceId: number,
	why: string,
	on = today(),
	opts: { reevaluate?: boolean } = {}
): number {
	const rows = db
		.select()
		.from(holds)
		.where(
			and(
				eq(holds.kind, kind),
				eq(holds.sourceId, sourceId),
				or(isNull(holds.endDate), gt(holds.endDate, on))
			)
		)
		.all();
	let n = 0;
	for (const r of rows) if (endHold(db, actor, r, why, on, opts)) n++;
	return n;
}

// ---- the holds disputes, plans and promises make (inside their writeTx) ------------------------

/** C7: a dispute holds the claim from the day it is opened until it is answered. */
export function holdForDispute(db: DB, actor: Actor, claimId: number, disputeId: number): HoldRow {
	return startHold(db, actor, { claimId, kind: 'dispute', start: today(), sourceId: disputeId });
}

/** An active plan holds the claim until it is completed or broken. */
export function holdForPlan(db: DB, actor: Actor, claimId: number, planId: number): HoldRow {
	return startHold(db, actor, { claimId, kind: 'plan', start: today(), sourceId: planId });
}

/**
 * A promise to pay holds the claim from the day it is made through the promised date plus the
 * grace days of the strategy version the claim runs under.
 */
export function holdForPromise(
	db: DB,
	actor: Actor,
	p: { id: number; claimId: number; promisedDate: string; createdAt: number }
): HoldRow {
	const grace = versionBody(db, claimEngineRow(db, p.claimId).versionId).promiseGraceDays;
	const h = promiseHold(localDate(p.createdAt), p.promisedDate, grace);
	return startHold(db, actor, {
		claimId: p.claimId,
		kind: 'promise',
		start: h.start,
		end: h.end,
		sourceId: p.id
	});
}

// ---- operators' holds ----------------------------------------------------------------------

export interface OperatorHoldInput {
	claimId: number;
	kind: string;
	note: string;
}

/** An operator or admin puts a claim on hold (deceased, insolvency, vulnerability, legal representation). */
export function startOperatorHold(db: DB, actor: Actor, input: OperatorHoldInput): HoldRow {
	assertAgencyStaff(actor);
	const note = input.note.trim();
	const errors: ConstructorParameters<typeof ValidationError>[0] = {};
	if (!isOperatorHoldKind(input.kind)) errors.kind = { key: 'holds.error.kind' };
	if (note.length < HOLD_NOTE_MIN) errors.note = { key: 'holds.error.note' };
	else if (note.length > HOLD_NOTE_MAX)
		errors.note = { key: 'form.tooLong', params: { max: HOLD_NOTE_MAX } };
	if (Object.keys(errors).length) throw new ValidationError(errors);
	const kind = input.kind as OperatorHoldKind;
	return writeTx(db, () => {
		const claim = db
			.select({ id: claims.id, status: claims.status })
			.from(claims)
			.where(eq(claims.id, input.claimId))
			.get();
		if (!claim) throw new NotFoundError('claim');
		refuseIfEnded(claim, 'holds.error.claimClosed');
		const day = today();
		const same = db
			.select({ id: holds.id })
			.from(holds)
			.where(
				and(
					eq(holds.claimId, claim.id),
					eq(holds.kind, kind),
					sql`${holds.startDate} <= ${day}`,
					or(isNull(holds.endDate), gt(holds.endDate, day))
				)
			)
			.get();
		if (same) throw new ConflictError('holds.error.already');
		return startHold(db, actor, { claimId: claim.id, kind, start: day, note });
	});
}

/** An operator or admin ends an operator's hold, from today. */
export function endOperatorHold(db: DB, actor: Actor, input: { holdId: number }): HoldRow {
	assertAgencyStaff(actor);
	return writeTx(db, () => {
		const row = db.select().from(holds).where(eq(holds.id, input.holdId)).get();
		if (!row) throw new NotFoundError('hold');
		if (!isOperatorHoldKind(row.kind)) throw new ConflictError('holds.error.notOperator');
		if (!endHold(db, actor, row, 'operator')) throw new ConflictError('holds.error.ended');
		return db.select().from(holds).where(eq(holds.id, row.id)).get()!;
	});
}

export interface HoldView {
	id: number;
	kind: HoldKind;
	start: string;
	/** the last day held (null: open) */
	lastDay: string | null;
	active: boolean;
	effect: HoldEffect;
	note: string;
	by: string | null;
	operator: boolean;
}

export interface ClaimHolds {
	claimId: number;
	debtorId: number;
	reference: string;
	creditor: string;
	status: string;
	holds: HoldView[];
}

/** The claims with this reference (one per creditor at most) and their holds, newest first. */
export function claimHoldsByReference(db: DB, actor: Actor, reference: string): ClaimHolds[] {
	assertAgencyStaff(actor);
	const ref = reference.trim();
	if (!ref) return [];
	// as typed, and as sign-in, search and the bank import read it: spaces dropped, upper case
	const refs = [...new Set([normaliseReference(ref) ?? ref, ref])];
	const found = db
		.select({
			claimId: claims.id,
			debtorId: claims.debtorId,
			reference: claims.reference,
			creditor: creditors.name,
			status: claims.status
		})
		.from(claims)
		.innerJoin(creditors, eq(creditors.id, claims.creditorId))
		.where(inArray(claims.reference, refs))
		.orderBy(claims.id)
		.limit(20)
		.all();
	const day = today();
	return found.map((c) => ({
		...c,
		holds: db
			.select({ h: holds, by: staffUsers.name })
			.from(holds)
			.leftJoin(staffUsers, eq(staffUsers.id, holds.createdBy))
			.where(eq(holds.claimId, c.claimId))
			.orderBy(desc(holds.startDate), desc(holds.id))
			.all()
			.map(({ h, by }) => ({
				id: h.id,
				kind: h.kind,
				start: h.startDate,
				lastDay: h.endDate === null ? null : addDays(h.endDate, -1),
				active: h.startDate <= day && (h.endDate === null || h.endDate > day),
				effect: JSON.parse(h.effectJson) as HoldEffect,
				note: h.note,
				by: by ?? null,
				operator: isOperatorHoldKind(h.kind)
			}))
	}));
}
