/**
 * The world of the engine's 120-day simulation (tests/integration/engine-simulation.test.ts): a
 * few hundred claims due on random days, and one day's random events through the real services
 * (payments, promises, disputes and their answers, plans and their installments, operators' holds).
 */
import { makeClaim, makeCreditor, makeDebtor, addOperator } from './portal-fixtures';
import { testDb } from './db';
import { prng } from './prng';
import { addDays } from '../../src/lib/domain/clock';
import type { Actor } from '../../src/lib/domain/actor';
import type { DB } from '../../src/lib/server/db/client';
import { answerDispute, openDispute } from '../../src/lib/server/services/disputes';
import { makePromise } from '../../src/lib/server/services/promises';
import { proposePlan } from '../../src/lib/server/services/plans';
import { fullAmount, reconcile, startPayment } from '../../src/lib/server/services/payments';
import { DemoGateway, demoEvent } from '../../src/lib/server/payments/demo';
import { endOperatorHold, startOperatorHold } from '../../src/lib/server/services/holds';
import { ConflictError, ValidationError } from '../../src/lib/server/services/errors';

export const CLAIMS = 300;
export const DAYS = 120;
export const START = '2026-03-02';
const OPERATOR: Actor = { kind: 'operator', userId: 1 };

/** Errors a random request may rightly meet (a refused amount, a plan outside the rules, ...). */
function refused(e: unknown): boolean {
	return e instanceof ValidationError || e instanceof ConflictError;
}

interface SimClaim {
	id: number;
	debtor: Actor;
}

/** A creditor, an operator (id 1) and CLAIMS claims due on random days around START. */
export function simulationWorld(seed: number) {
	const { db, clock } = testDb(START, 7);
	const rnd = prng(seed);
	const cr = makeCreditor(db, 'Szimuláció Bank Zrt.', {
		promiseMaxDays: 14,
		partialPaymentsAllowed: true,
		minPartialPaymentMinor: 500_000
	});
	addOperator(db);
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

export interface Tally {
	[what: string]: number;
}

/** One day's events after the morning's jobs and run. */
export async function dayEvents(
	w: ReturnType<typeof simulationWorld>,
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
