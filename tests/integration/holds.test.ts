/**
 * Holds as rows (issue 16, item 2): each source makes its row and ends it, audited; payments,
 * disputes, promises, plans and operators' holds re-evaluate the claim at once, so pending actions
 * are cancelled there and then, and a dispute stops the clock.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { auditsFor, removeTempDbs, scalar } from '../helpers/db';
import { holdsOf, world } from '../helpers/holds-fixtures';
import { fieldKeys } from '../helpers/portal-fixtures';
import { agreedPlan, payInstallment, propose, terms } from '../helpers/plans-fixtures';
import { instantAt, type ManualClock } from '../../src/lib/domain/clock';
import { activeDaysPastDue } from '../../src/lib/domain/holds';
import type { Actor } from '../../src/lib/domain/actor';
import type { DB } from '../../src/lib/server/db/client';
import { backfill, runEngine } from '../../src/lib/server/services/engine-run';
import { loadClaim } from '../../src/lib/server/services/engine-facts';
import { answerDispute, openDispute } from '../../src/lib/server/services/disputes';
import { makePromise, resolveDuePromises } from '../../src/lib/server/services/promises';
import { runDailyJobs } from '../../src/lib/server/services/jobs';
import { reconcile, startPayment } from '../../src/lib/server/services/payments';
import { refundPayment } from '../../src/lib/server/services/refunds';
import { DemoGateway, demoEvent } from '../../src/lib/server/payments/demo';
import {
	claimHoldsByReference,
	endOperatorHold,
	startOperatorHold
} from '../../src/lib/server/services/holds';
import { ConflictError, ForbiddenError, NotFoundError } from '../../src/lib/server/services/errors';
import { verifyAuditChain } from '../../src/lib/server/services/audit';

afterAll(removeTempDbs);

const on = (clock: ManualClock, day: string) => clock.set(instantAt(day, 10));

const auditsOf = (db: DB, action: string, holdId: number) => auditsFor(db, action, 'hold', holdId);

/** The row fields of a hold its source made: kind, first and last day, the source's id. */
const madeHold = (kind: string, start: string, end: string | null, sourceId: number) => ({
	kind,
	start_date: start,
	end_date: end,
	source_id: sourceId
});

const states = (db: DB, claimId: number) =>
	(
		db.$client
			.prepare('SELECT state FROM planned_actions WHERE claim_id = ? ORDER BY id')
			.all(claimId) as { state: string }[]
	).map((r) => r.state);

const activeDays = (db: DB, claimId: number, day: string) => {
	const f = loadClaim(db, claimId)!.facts;
	return activeDaysPastDue(f.dueDate, day, f.holds);
};

async function pay(db: DB, debtor: Actor, claimId: number, amountMinor: number) {
	const { paymentId } = await startPayment(
		db,
		debtor,
		{ claimId, amountMinor, purpose: amountMinor === 5_000_000 ? 'full' : 'partial' },
		new DemoGateway()
	);
	return reconcile(db, demoEvent({ id: paymentId, amountMinor, currency: 'HUF' }, 'approve'));
}

/** Runs the engine day by day up to `to` with the clock following, and leaves the clock on `to`. */
function runTo(db: DB, clock: ManualClock, from: string, to: string) {
	on(clock, to);
	backfill(db, from, to);
}

describe('holds made by disputes, promises and plans', () => {
	it('a dispute holds the claim from the day it is opened until it is answered, and cancels what was planned at once', () => {
		const { db, clock, claimId, debtor, operator } = world();
		runTo(db, clock, '2026-03-03', '2026-03-09'); // friendly reminder entered, its first step planned
		expect(states(db, claimId)).toEqual(['planned']);
		const before = activeDays(db, claimId, '2026-03-10');

		on(clock, '2026-03-10');
		const d = openDispute(db, debtor, { claimId, reason: 'wrong_amount', details: '' });
		const [h] = holdsOf(db, claimId);
		expect(h).toMatchObject(madeHold('dispute', '2026-03-10', null, d.id));
		expect(JSON.parse(h.effect_json)).toEqual({ kind: 'stop_clock' });
		expect(auditsOf(db, 'hold.start', h.id)).toBe(1);
		// cancelled in the dispute's own transaction, not at the next run
		expect(states(db, claimId)).toEqual(['cancelled']);

		// 20 days on hold: the runs plan nothing and the clock does not move
		runTo(db, clock, '2026-03-11', '2026-03-30');
		expect(states(db, claimId)).toEqual(['cancelled']);
		expect(scalar(db, 'SELECT stage FROM claims WHERE id = ?', claimId)).toBe('friendly_reminder');

		answerDispute(db, operator, {
			disputeId: d.id,
			outcome: 'rejected',
			answer: 'The amount is right.'
		});
		expect(holdsOf(db, claimId)[0]).toMatchObject({ end_date: '2026-03-30' });
		expect(auditsOf(db, 'hold.end', h.id)).toBe(1);
		// the claim comes out where it went in: the days on hold are not counted
		expect(activeDays(db, claimId, '2026-03-30')).toBe(before);
		expect(scalar(db, 'SELECT stage FROM claims WHERE id = ?', claimId)).toBe('friendly_reminder');
		expect(verifyAuditChain(db).ok).toBe(true);
	});

	it('an upheld dispute ends its hold too, and the closed claim gets nothing more', () => {
		const { db, clock, claimId, debtor, operator } = world('2026-03-09');
		const d = openDispute(db, debtor, { claimId, reason: 'not_mine', details: '' });
		on(clock, '2026-03-12');
		answerDispute(db, operator, {
			disputeId: d.id,
			outcome: 'upheld',
			answer: 'Not theirs, sorry.'
		});
		expect(holdsOf(db, claimId)).toMatchObject([
			{ kind: 'dispute', start_date: '2026-03-09', end_date: '2026-03-12' }
		]);
		runTo(db, clock, '2026-03-13', '2026-04-30');
		expect(states(db, claimId)).toEqual([]);
	});

	it("a promise holds the claim to the promised date plus the version's grace days, and ends early when kept", async () => {
		const { db, clock, claimId, debtor } = world('2026-03-09');
		const p = makePromise(db, debtor, {
			claimId,
			promisedDate: '2026-03-16',
			amountMinor: 1_000_000
		});
		const [h] = holdsOf(db, claimId);
		// default version: 3 grace days, so held through 03-19, the first free day 03-20
		expect(h).toMatchObject(madeHold('promise', '2026-03-09', '2026-03-20', p.id));
		expect(auditsOf(db, 'hold.start', h.id)).toBe(1);

		on(clock, '2026-03-13');
		await pay(db, debtor, claimId, 1_000_000);
		expect(scalar(db, 'SELECT status FROM promises WHERE id = ?', p.id)).toBe('kept');
		expect(holdsOf(db, claimId)[0]).toMatchObject({ end_date: '2026-03-13' });
		expect(auditsOf(db, 'hold.end', h.id)).toBe(1);
	});

	it('a broken promise holds the claim to its date plus the grace days; a replaced one ends when replaced', () => {
		const { db, clock, claimId, debtor } = world('2026-03-09');
		const first = makePromise(db, debtor, {
			claimId,
			promisedDate: '2026-03-20',
			amountMinor: 1_000_000
		});
		on(clock, '2026-03-10');
		const second = makePromise(db, debtor, {
			claimId,
			promisedDate: '2026-03-12',
			amountMinor: 1_000_000
		});
		expect(holdsOf(db, claimId)).toMatchObject([
			{ source_id: first.id, start_date: '2026-03-09', end_date: '2026-03-10' },
			{ source_id: second.id, start_date: '2026-03-10', end_date: '2026-03-16' }
		]);
		on(clock, '2026-03-13');
		expect(resolveDuePromises(db, '2026-03-13')).toEqual({ kept: 0, broken: 1 });
		// found broken the day after its date, inside the grace days: the hold keeps its end
		expect(holdsOf(db, claimId)[1]).toMatchObject({ end_date: '2026-03-16' });
		expect(auditsOf(db, 'hold.end', holdsOf(db, claimId)[1].id)).toBe(0);
	});

	it('an active plan holds the claim until it is completed; the payment that completes it ends the hold', async () => {
		const { db, clock, claimId, debtor } = world('2026-03-09', 30_000_000);
		const plan = propose(db, debtor, claimId, 'auto', terms(2, { firstDueDate: '2026-03-31' }));
		expect(plan.status).toBe('active');
		const [h] = holdsOf(db, claimId);
		expect(h).toMatchObject(madeHold('plan', '2026-03-09', null, plan.id));
		on(clock, '2026-03-20');
		const amounts = db.$client
			.prepare('SELECT amount_minor FROM installments WHERE plan_id = ? ORDER BY seq')
			.pluck()
			.all(plan.id) as number[];
		for (const a of amounts) await payInstallment(db, debtor, claimId, a, plan.id);
		expect(scalar(db, 'SELECT status FROM plans WHERE id = ?', plan.id)).toBe('completed');
		expect(holdsOf(db, claimId)[0]).toMatchObject({ end_date: '2026-03-20' });
		expect(auditsOf(db, 'hold.end', h.id)).toBe(1);
	});

	it('a broken plan ends its hold, and the claim is back in the process the same day', () => {
		const { db, clock, claimId, debtor } = world('2026-03-09', 30_000_000);
		const plan = agreedPlan(db, debtor, claimId);
		expect(plan.status).toBe('active');
		// the down payment (due today) is never paid: past the grace days the daily job breaks the plan
		on(clock, '2026-03-30');
		expect(runDailyJobs(db).broken).toBe(1);
		const [h] = holdsOf(db, claimId);
		expect(h).toMatchObject({ kind: 'plan', end_date: '2026-03-30' });
		expect(auditsOf(db, 'hold.end', h.id)).toBe(1);
		expect(scalar(db, 'SELECT status FROM claims WHERE id = ?', claimId)).toBe('open');
		// re-evaluated at once: 28 days past due less 21 on hold, so the friendly reminder starts today
		expect(activeDays(db, claimId, '2026-03-30')).toBe(7);
		expect(scalar(db, 'SELECT stage FROM claims WHERE id = ?', claimId)).toBe('friendly_reminder');
		expect(states(db, claimId)).toEqual(['planned']);
	});
});

describe('immediate re-evaluation', () => {
	it('a payment that pays the claim off cancels its pending actions at once, and nothing is planned after', async () => {
		const { db, clock, claimId, debtor } = world();
		runTo(db, clock, '2026-03-03', '2026-03-09');
		expect(states(db, claimId)).toEqual(['planned']);
		on(clock, '2026-03-10');
		const r = await pay(db, debtor, claimId, 5_000_000);
		expect(r).toMatchObject({ outcome: 'posted', settled: true });
		expect(states(db, claimId)).toEqual(['cancelled']);
		expect(
			scalar(db, `SELECT cancel_reason FROM planned_actions WHERE claim_id = ?`, claimId)
		).toBe('paid');
		runTo(db, clock, '2026-03-11', '2026-05-29');
		expect(states(db, claimId)).toEqual(['cancelled']);
	});

	it('a refund that re-opens a paid claim puts it back in the process at once', async () => {
		const { db, clock, claimId, debtor, operator } = world();
		runTo(db, clock, '2026-03-03', '2026-03-09');
		on(clock, '2026-03-10');
		const r = await pay(db, debtor, claimId, 5_000_000);
		expect(states(db, claimId)).toEqual(['cancelled']);
		on(clock, '2026-03-11');
		await refundPayment(
			db,
			operator,
			{ paymentId: r.paymentId!, amountMinor: 5_000_000, reason: 'téves terhelés' },
			new DemoGateway()
		);
		expect(scalar(db, 'SELECT status FROM claims WHERE id = ?', claimId)).toBe('open');
		// re-evaluated in the refund's transaction: the step cancelled by the payment is planned again
		expect(states(db, claimId)).toEqual(['planned']);
	});

	it('a re-evaluation that fails does not refuse the payment: it is booked all the same', async () => {
		const { db, clock, claimId, debtor } = world();
		runTo(db, clock, '2026-03-03', '2026-03-09');
		// a row the engine cannot read (written by hand, outside every service)
		db.$client
			.prepare(
				`INSERT INTO holds (claim_id, kind, start_date, effect_json, note, created_at) VALUES (?, 'deceased', '2026-03-09', '{', '', 0)`
			)
			.run(claimId);
		on(clock, '2026-03-10');
		const r = await pay(db, debtor, claimId, 1_000_000);
		expect(r.outcome).toBe('posted');
		expect(scalar(db, 'SELECT balance_minor FROM claims WHERE id = ?', claimId)).toBe(4_000_000);
		expect(scalar(db, `SELECT status FROM payments WHERE id = ?`, r.paymentId)).toBe('succeeded');
	});

	it('a partial payment plans nothing new and moves no stage', async () => {
		const { db, clock, claimId, debtor } = world();
		runTo(db, clock, '2026-03-03', '2026-03-09');
		on(clock, '2026-03-10');
		await pay(db, debtor, claimId, 1_000_000);
		expect(states(db, claimId)).toEqual(['planned']);
		expect(scalar(db, 'SELECT stage FROM claims WHERE id = ?', claimId)).toBe('friendly_reminder');
	});

	it('a promise cancels pending actions at once and stops the clock until it ends', () => {
		const { db, clock, claimId, debtor } = world();
		runTo(db, clock, '2026-03-03', '2026-03-09');
		on(clock, '2026-03-10');
		makePromise(db, debtor, { claimId, promisedDate: '2026-03-13', amountMinor: 1_000_000 });
		expect(states(db, claimId)).toEqual(['cancelled']);
		expect(
			scalar(db, `SELECT cancel_reason FROM planned_actions WHERE claim_id = ?`, claimId)
		).toBe('hold');
		// held 03-10 .. 03-16 (promised date + 3 grace days): 7 days not counted
		expect(activeDays(db, claimId, '2026-03-20')).toBe(18 - 7);
	});
});

describe('operator holds', () => {
	it('an operator starts a hold with a note, which cancels what was planned; ending it resumes the claim', () => {
		const { db, clock, claimId, operator } = world();
		runTo(db, clock, '2026-03-03', '2026-03-09');
		on(clock, '2026-03-10');
		const h = startOperatorHold(db, operator, {
			claimId,
			kind: 'insolvency',
			note: 'Csődeljárás indult (Cégközlöny).'
		});
		expect(h).toMatchObject({ kind: 'insolvency', startDate: '2026-03-10', createdBy: 1 });
		expect(JSON.parse(h.effectJson)).toEqual({ kind: 'stop_clock' });
		expect(auditsOf(db, 'hold.start', h.id)).toBe(1);
		expect(states(db, claimId)).toEqual(['cancelled']);

		on(clock, '2026-03-17');
		const ended = endOperatorHold(db, operator, { holdId: h.id });
		expect(ended.endDate).toBe('2026-03-17');
		expect(auditsOf(db, 'hold.end', h.id)).toBe(1);
		expect(() => endOperatorHold(db, operator, { holdId: h.id })).toThrow(ConflictError);
		expect(activeDays(db, claimId, '2026-03-17')).toBe(15 - 7);

		// the reference as a person types it: case and spaces do not matter (as in search)
		for (const typed of ['h-1', ' H - 1 ', 'h- 1'])
			expect(claimHoldsByReference(db, operator, typed).map((c) => c.claimId)).toEqual([claimId]);
		const [view] = claimHoldsByReference(db, operator, 'H-1');
		expect(view.holds).toMatchObject([
			{
				kind: 'insolvency',
				start: '2026-03-10',
				lastDay: '2026-03-16',
				active: false,
				by: 'Operátor Olga',
				operator: true
			}
		]);
	});

	it('vulnerability suppresses calls and visits but keeps the clock running', () => {
		const { db, claimId, operator } = world('2026-03-10');
		const h = startOperatorHold(db, operator, {
			claimId,
			kind: 'vulnerability',
			note: 'Kórházban van, csak írásban.'
		});
		expect(JSON.parse(h.effectJson)).toEqual({ kind: 'suppress', channels: ['call', 'visit'] });
		expect(activeDays(db, claimId, '2026-03-20')).toBe(18);
	});

	it('refuses a missing note, an unknown or automatic kind, a second hold of a kind, and anyone but agency staff', () => {
		const { db, claimId, operator, debtor } = world();
		expect(
			fieldKeys(() => startOperatorHold(db, operator, { claimId, kind: 'x', note: '' }))
		).toEqual({ kind: 'holds.error.kind', note: 'holds.error.note' });
		expect(
			fieldKeys(() =>
				startOperatorHold(db, operator, { claimId, kind: 'dispute', note: 'by hand?' })
			)
		).toEqual({ kind: 'holds.error.kind' });
		startOperatorHold(db, operator, {
			claimId,
			kind: 'deceased',
			note: 'Halotti anyakönyvi kivonat.'
		});
		expect(() =>
			startOperatorHold(db, operator, { claimId, kind: 'deceased', note: 'Még egyszer.' })
		).toThrow(ConflictError);
		expect(() =>
			startOperatorHold(db, debtor, { claimId, kind: 'deceased', note: 'Nem én vagyok.' })
		).toThrow(ForbiddenError);
		expect(() =>
			startOperatorHold(db, operator, { claimId: 999, kind: 'deceased', note: 'Nincs ilyen.' })
		).toThrow(NotFoundError);
		// a dispute's hold is ended by answering the dispute, not here
		const d = openDispute(db, debtor, { claimId, reason: 'not_mine', details: '' });
		const disputeHold = holdsOf(db, claimId).find(
			(h) => h.source_id === d.id && h.kind === 'dispute'
		)!;
		expect(() => endOperatorHold(db, operator, { holdId: disputeHold.id })).toThrow(ConflictError);
		expect(scalar(db, `SELECT count(*) FROM holds WHERE claim_id = ?`, claimId)).toBe(2);
	});
});

describe('the engine run honours the rows', () => {
	it('a run on a day inside a promise hold plans nothing', () => {
		const { db, clock, claimId, debtor } = world('2026-03-06');
		makePromise(db, debtor, { claimId, promisedDate: '2026-03-16', amountMinor: 1_000_000 });
		runTo(db, clock, '2026-03-06', '2026-03-19');
		expect(runEngine(db, { asOf: '2026-03-19' })).toMatchObject({ ran: false });
		expect(states(db, claimId)).toEqual([]);
		expect(scalar(db, 'SELECT stage FROM claims WHERE id = ?', claimId)).toBe('new');
	});
});
