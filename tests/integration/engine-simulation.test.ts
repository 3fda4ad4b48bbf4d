/**
 * The collection engine over 120 days, day by day (issue 16, "Tests that must exist"): a few
 * hundred claims, and payments, promises, disputes, plans and operators' holds arriving on random
 * days (a seeded PRNG) through the real services, with the daily job and the engine's daily run
 * (business days) every morning. Afterwards the audit trail is replayed in order and checked
 * against the invariants:
 *   - no skipped stage: every stage change goes to the next stage of the path;
 *   - nothing planned on a day the claim was on a stop-clock hold, disputed, in a plan, paid or
 *     closed (as the claim stood at that moment, holds replayed from their own audit rows);
 *   - each action key planned once: again only after it was cancelled;
 *   - nothing planned for a paid claim after its payment, nothing left pending on it;
 * and the replay's view of every action ends where the database's planned_actions table does.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDbs, scalar, testDb } from '../helpers/db';
import { makeClaim, makeCreditor, makeDebtor } from '../helpers/portal-fixtures';
import { addDays, instantAt } from '../../src/lib/domain/clock';
import { holdCovers, type Hold, type HoldEffect, type HoldKind } from '../../src/lib/domain/holds';
import { isBusinessDay } from '../../src/lib/domain/holidays';
import { PATH_STAGES } from '../../src/lib/domain/strategy';
import type { Actor } from '../../src/lib/domain/actor';
import type { DB } from '../../src/lib/server/db/client';
import { runEngine } from '../../src/lib/server/services/engine-run';
import { answerDispute, openDispute } from '../../src/lib/server/services/disputes';
import { makePromise } from '../../src/lib/server/services/promises';
import { proposePlan } from '../../src/lib/server/services/plans';
import { runDailyJobs } from '../../src/lib/server/services/jobs';
import { fullAmount, reconcile, startPayment } from '../../src/lib/server/services/payments';
import { DemoGateway, demoEvent } from '../../src/lib/server/payments/demo';
import { endOperatorHold, startOperatorHold } from '../../src/lib/server/services/holds';
import { ConflictError, ValidationError } from '../../src/lib/server/services/errors';

afterAll(removeTempDbs);

/** mulberry32: small, seeded, the same sequence on every machine */
function prng(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		chance: (p: number) => next() < p,
		int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
		pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]
	};
}

const CLAIMS = 300;
const DAYS = 120;
const START = '2026-03-02';
const OPERATOR: Actor = { kind: 'operator', userId: 1 };

/** Errors a random request may rightly meet (a refused amount, a plan outside the rules, ...). */
function refused(e: unknown): boolean {
	return e instanceof ValidationError || e instanceof ConflictError;
}

interface SimClaim {
	id: number;
	debtor: Actor;
}

function world(seed: number) {
	const { db, clock } = testDb(START, 7);
	const rnd = prng(seed);
	const cr = makeCreditor(db, 'Szimuláció Bank Zrt.', {
		promiseMaxDays: 14,
		partialPaymentsAllowed: true,
		minPartialPaymentMinor: 500_000
	});
	db.$client
		.prepare(
			"INSERT INTO staff_users (id, email, name, role, password_hash, created_at) VALUES (1, 'op@x', 'Op', 'operator', 'x', 0)"
		)
		.run();
	const claims: SimClaim[] = [];
	const setDue = db.$client.prepare(
		'UPDATE claims SET due_date = ?, plan_offered_at = ? WHERE id = ?'
	);
	for (let i = 0; i < CLAIMS; i++) {
		const debtorId = makeDebtor(db, `Adós ${i}`);
		const principal = rnd.int(80, 400) * 100_000;
		const id = makeClaim(db, cr, debtorId, { principal }, 'HUF', { reference: `S-${i}` });
		// due from 100 days before the start to 40 days into it; most had a plan offer (C9)
		setDue.run(addDays(START, rnd.int(-100, 40)), rnd.chance(0.7) ? 1 : null, id);
		claims.push({ id, debtor: { kind: 'debtor', debtorId } });
	}
	return { db, clock, rnd, claims };
}

const statusOf = (db: DB, id: number) =>
	db.$client
		.prepare('SELECT status, balance_minor AS balance FROM claims WHERE id = ?')
		.get(id) as {
		status: string;
		balance: number;
	};

async function pay(
	db: DB,
	c: SimClaim,
	amountMinor: number,
	purpose: 'full' | 'partial' | 'installment',
	planId?: number
) {
	const { paymentId } = await startPayment(
		db,
		c.debtor,
		{ claimId: c.id, amountMinor, purpose, planId, origin: 'http://localhost' },
		new DemoGateway()
	);
	reconcile(db, demoEvent({ id: paymentId, amountMinor, currency: 'HUF' }, 'approve'));
}

interface Tally {
	[what: string]: number;
}

/** One day's events after the morning's jobs and run. */
async function dayEvents(
	w: ReturnType<typeof world>,
	day: string,
	answers: Map<number, { day: string; disputeId: number }>,
	opHolds: Map<number, { day: string; holdId: number }>,
	tally: Tally
) {
	const { db, rnd, claims } = w;
	const count = (k: string) => (tally[k] = (tally[k] ?? 0) + 1);
	const attempt = async (k: string, f: () => unknown) => {
		try {
			await f();
			count(k);
		} catch (e) {
			if (!refused(e)) throw e;
			count(`${k}_refused`);
		}
	};
	for (const c of claims) {
		// answers and operator holds that end today
		const a = answers.get(c.id);
		if (a && a.day <= day) {
			answers.delete(c.id);
			const outcome = rnd.chance(0.8) ? 'rejected' : 'upheld';
			await attempt(`dispute_${outcome}`, () =>
				answerDispute(db, OPERATOR, { disputeId: a.disputeId, outcome, answer: 'Megvizsgáltuk.' })
			);
		}
		const h = opHolds.get(c.id);
		if (h && h.day <= day) {
			opHolds.delete(c.id);
			await attempt('operator_hold_end', () => endOperatorHold(db, OPERATOR, { holdId: h.holdId }));
		}
		// installments of an active plan: mostly paid on their day, some never (the plan breaks)
		const due = db.$client
			.prepare(
				`SELECT i.plan_id AS planId, i.amount_minor - i.paid_minor AS open FROM installments i
				   JOIN plans p ON p.id = i.plan_id
				  WHERE p.claim_id = ? AND p.status = 'active' AND i.due_date = ? AND i.paid_minor < i.amount_minor`
			)
			.all(c.id, day) as { planId: number; open: number }[];
		for (const i of due)
			if (rnd.chance(0.85))
				await attempt('installment', () => pay(db, c, i.open, 'installment', i.planId));

		const { status, balance } = statusOf(db, c.id);
		if (status !== 'open' && status !== 'in_plan') continue;
		const r = rnd.next();
		if (status === 'open' && r < 0.006) {
			const full = fullAmount(balance, 'HUF');
			if (rnd.chance(0.4)) await attempt('payment_full', () => pay(db, c, full, 'full'));
			else {
				const part = Math.min(full, rnd.int(5, 60) * 100_000);
				await attempt('payment_partial', () => pay(db, c, part, 'partial'));
			}
		} else if (status === 'open' && r < 0.014) {
			await attempt('promise', () =>
				makePromise(db, c.debtor, {
					claimId: c.id,
					promisedDate: addDays(day, rnd.int(0, 14)),
					amountMinor: rnd.int(5, 30) * 100_000
				})
			);
		} else if (status === 'open' && r < 0.018) {
			await attempt('dispute_open', () => {
				const d = openDispute(db, c.debtor, {
					claimId: c.id,
					reason: rnd.pick(['not_mine', 'already_paid', 'wrong_amount'] as const),
					details: ''
				});
				answers.set(c.id, { day: addDays(day, rnd.int(1, 30)), disputeId: d.id });
			});
		} else if (status === 'open' && r < 0.022) {
			await attempt('plan', () =>
				proposePlan(db, c.debtor, {
					claimId: c.id,
					mode: 'auto',
					proposal: {
						downPaymentMinor: 0,
						installmentCount: rnd.int(2, 3),
						frequency: 'monthly',
						firstDueDate: addDays(day, rnd.int(1, 10))
					}
				})
			);
		} else if (r < 0.0235 && !opHolds.has(c.id)) {
			await attempt('operator_hold', () => {
				const kind = rnd.pick(['deceased', 'insolvency', 'vulnerability'] as const);
				const hold = startOperatorHold(db, OPERATOR, {
					claimId: c.id,
					kind,
					note: 'Szimulált operátori felfüggesztés.'
				});
				opHolds.set(c.id, { day: addDays(day, rnd.int(3, 40)), holdId: hold.id });
			});
		}
	}
}

interface AuditRow {
	id: number;
	action: string;
	entity_id: string;
	before_json: string | null;
	after_json: string | null;
}

const STOPPED_STATUSES = new Set(['paid', 'closed', 'disputed', 'in_plan']);

/**
 * Replays the audit trail in order and returns the violations found (empty: none), with the
 * replay's final view of every action key.
 */
function replay(db: DB) {
	const rows = db.$client
		.prepare(
			`SELECT id, action, entity_id, before_json, after_json FROM audit_log
			  WHERE action IN ('engine.evaluated', 'claim.stage', 'claim.status', 'hold.start', 'hold.end')
			  ORDER BY id`
		)
		.all() as AuditRow[];
	const violations: string[] = [];
	const holds = new Map<number, Hold & { claimId: number }>();
	const holdsOf = new Map<number, number[]>();
	const status = new Map<number, string>();
	const stage = new Map<number, string>();
	const keys = new Map<number, Map<string, 'planned' | 'done' | 'cancelled'>>();
	const path = ['new', ...PATH_STAGES];
	let planned = 0;
	for (const r of rows) {
		const after = r.after_json ? JSON.parse(r.after_json) : {};
		const before = r.before_json ? JSON.parse(r.before_json) : {};
		const id = Number(r.entity_id);
		if (r.action === 'hold.start') {
			holds.set(id, {
				claimId: after.claimId,
				kind: after.kind as HoldKind,
				start: after.start,
				end: after.end,
				effect: { kind: after.effect } as HoldEffect
			});
			holdsOf.set(after.claimId, [...(holdsOf.get(after.claimId) ?? []), id]);
		} else if (r.action === 'hold.end') {
			holds.get(id)!.end = after.end;
		} else if (r.action === 'claim.status') {
			status.set(id, after.status);
		} else if (r.action === 'claim.stage') {
			const from = path.indexOf(before.stage);
			if (path.indexOf(after.stage) !== from + 1)
				violations.push(`claim ${id}: stage ${before.stage} -> ${after.stage} skips`);
			stage.set(id, after.stage);
		} else if (r.action === 'engine.evaluated') {
			const mine = keys.get(id) ?? new Map();
			keys.set(id, mine);
			// what the evaluation cancelled (before it planned): all pending, or all but the new stage's
			if (after.cancelled > 0) {
				const keep = after.cancelReason === 'moved_on' ? stage.get(id) : null;
				let n = 0;
				for (const [k, s] of mine)
					if (s === 'planned' && (keep == null || k.split(':')[2] !== keep)) {
						mine.set(k, 'cancelled');
						n++;
					}
				if (n !== after.cancelled)
					violations.push(`claim ${id}: ${after.cancelled} cancelled, replay found ${n}`);
			}
			if (after.planned.length === 0) continue;
			const day: string = after.asOf;
			const st = status.get(id) ?? 'open';
			if (STOPPED_STATUSES.has(st))
				violations.push(`claim ${id}: planned ${after.planned} on ${day} while ${st}`);
			for (const hid of holdsOf.get(id) ?? []) {
				const h = holds.get(hid)!;
				if (h.effect.kind === 'stop_clock' && holdCovers(h, day))
					violations.push(`claim ${id}: planned ${after.planned} on ${day} under a ${h.kind} hold`);
			}
			for (const k of after.planned as string[]) {
				const was = mine.get(k);
				if (was === 'planned' || was === 'done')
					violations.push(`claim ${id}: ${k} planned again while ${was}`);
				// fees and handovers are done when planned
				mine.set(k, /:(fee|handover):/.test(k) ? 'done' : 'planned');
				planned++;
			}
		}
	}
	return { violations, keys, planned, status };
}

describe('120 days of the engine over a few hundred claims', () => {
	it('keeps every invariant with payments, promises, disputes, plans and holds arriving on random days', async () => {
		const w = world(20261207);
		const { db, clock } = w;
		const tally: Tally = {};
		const answers = new Map<number, { day: string; disputeId: number }>();
		const opHolds = new Map<number, { day: string; holdId: number }>();
		let runs = 0;
		for (let i = 0; i < DAYS; i++) {
			const day = addDays(START, i);
			clock.set(instantAt(day, 6));
			runDailyJobs(db);
			clock.set(instantAt(day, 7));
			if (isBusinessDay(day)) {
				const r = runEngine(db, { asOf: day });
				expect(r.ran).toBe(true);
				runs++;
			}
			clock.set(instantAt(day, 12));
			await dayEvents(w, day, answers, opHolds, tally);
		}
		expect(scalar(db, 'SELECT count(*) FROM engine_runs')).toBe(runs);
		expect(scalar(db, 'SELECT coalesce(sum(errors), 0) FROM engine_runs')).toBe(0);

		const { violations, keys, planned } = replay(db);
		expect(violations).toEqual([]);

		// the stage rows agree: each claim's stages are the path from 'new' up to its current one
		const path = ['new', ...PATH_STAGES];
		const gaps = (
			db.$client
				.prepare(
					`SELECT c.id, c.stage, group_concat(e.stage) AS stages FROM claims c
					   JOIN claim_stage_events e ON e.claim_id = c.id GROUP BY c.id`
				)
				.all() as { id: number; stage: string; stages: string }[]
		).filter((r) => {
			const want = path.slice(0, path.indexOf(r.stage) + 1);
			return [...r.stages.split(',')].sort().join() !== [...want].sort().join();
		});
		expect(gaps).toEqual([]);

		// the replay ends where the table does: every key, in the same state
		const table = db.$client
			.prepare('SELECT claim_id AS claimId, key, state FROM planned_actions')
			.all() as { claimId: number; key: string; state: string }[];
		const replayed = [...keys.values()].flatMap((m) => [...m].map(([k, s]) => `${k}=${s}`));
		expect(replayed.sort()).toEqual(table.map((r) => `${r.key}=${r.state}`).sort());

		// paid and closed claims have nothing pending
		expect(
			scalar(
				db,
				`SELECT count(*) FROM planned_actions a JOIN claims c ON c.id = a.claim_id
				  WHERE a.state = 'planned' AND (c.status IN ('paid', 'closed') OR c.balance_minor <= 0)`
			)
		).toBe(0);
		// nothing pending for a claim on a stop-clock hold on the last day
		const last = addDays(START, DAYS - 1);
		expect(
			scalar(
				db,
				`SELECT count(*) FROM planned_actions a JOIN holds h ON h.claim_id = a.claim_id
				  WHERE a.state = 'planned' AND h.effect_json LIKE '%stop_clock%'
				    AND h.start_date <= ? AND (h.end_date IS NULL OR h.end_date > ?)`,
				last,
				last
			)
		).toBe(0);

		// the simulation did what it says: every kind of event, every stage, cancellations of each kind
		for (const k of [
			'payment_full',
			'payment_partial',
			'promise',
			'dispute_open',
			'dispute_rejected',
			'dispute_upheld',
			'plan',
			'installment',
			'operator_hold',
			'operator_hold_end'
		])
			expect(tally[k], k).toBeGreaterThan(0);
		for (const s of PATH_STAGES)
			expect(
				scalar(db, `SELECT count(*) FROM claim_stage_events WHERE stage = ?`, s),
				s
			).toBeGreaterThan(0);
		for (const reason of ['paid', 'hold', 'moved_on'])
			expect(
				scalar(db, `SELECT count(*) FROM planned_actions WHERE cancel_reason = ?`, reason),
				reason
			).toBeGreaterThan(0);
		for (const kind of ['dispute', 'plan', 'promise'])
			expect(scalar(db, `SELECT count(*) FROM holds WHERE kind = ?`, kind), kind).toBeGreaterThan(
				0
			);
		expect(scalar(db, `SELECT count(*) FROM plans WHERE status = 'broken'`)).toBeGreaterThan(0);
		expect(scalar(db, `SELECT count(*) FROM plans WHERE status = 'completed'`)).toBeGreaterThan(0);
		expect(scalar(db, `SELECT count(*) FROM promises WHERE status = 'kept'`)).toBeGreaterThan(0);
		expect(scalar(db, `SELECT count(*) FROM promises WHERE status = 'broken'`)).toBeGreaterThan(0);
		expect(planned).toBeGreaterThan(CLAIMS);
	}, 60_000);
});
