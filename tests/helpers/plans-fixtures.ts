/** The plan tests' world: a creditor (and another), two debtors with email, an operator, a creditor user. */
import { eq } from 'drizzle-orm';
import { makeClaim, makeCreditor, makeDebtor } from './portal-fixtures';
import { test } from 'vitest';
import { insertRow, testDb } from './db';
import type { ManualClock } from '../../src/lib/domain/clock';
import type { DB } from '../../src/lib/server/db/client';
import { claims, installments, plans, staffUsers } from '../../src/lib/server/db/schema';
import { clock } from '../../src/lib/server/clock';
import type { Actor } from '../../src/lib/domain/actor';
import type { Proposal } from '../../src/lib/domain/plans';
import { startPayment, reconcile } from '../../src/lib/server/services/payments';
import { proposePlan } from '../../src/lib/server/services/plans';
import { DemoGateway, demoEvent } from '../../src/lib/server/payments/demo';
import type { PaymentGateway } from '../../src/lib/server/payments/gateway';
import { refundPayment } from '../../src/lib/server/services/refunds';

export function planWorld(db: DB, balance = 30_000_000) {
	const now = clock().now();
	const cr = makeCreditor(db);
	const c = { id: cr.creditorId };
	const other = {
		id: makeCreditor(db, 'Másik Közmű Kft.', undefined, {
			sector: 'utility',
			taxNumber: '87654321-2-42'
		}).creditorId
	};
	const p = { id: cr.portfolioId };
	const mk = (name: string) => makeDebtor(db, name, { email: `${name.length}@example.test` });
	const d1 = mk('Teszt Elek');
	const d2 = mk('Minta Mária');
	let ref = 0;
	const claim = (debtorId: number, amount = balance) =>
		makeClaim(db, cr, debtorId, { principal: amount }, 'HUF', { reference: `R-${++ref}` });
	const op = insertRow(db, staffUsers, {
		email: 'op@rendez.test',
		name: 'Operátor Olga',
		role: 'operator',
		passwordHash: 'x',
		createdAt: now
	}).id;
	const cu = insertRow(db, staffUsers, {
		email: 'cu@bank.test',
		name: 'Bank Béla',
		role: 'creditor',
		creditorId: c.id,
		passwordHash: 'x',
		createdAt: now
	}).id;
	const operator = { kind: 'operator', userId: op } as Actor;
	return {
		creditorId: c.id,
		otherCreditorId: other.id,
		portfolioId: p.id,
		d1,
		d2,
		claim,
		debtor1: { kind: 'debtor', debtorId: d1 } as Actor,
		debtor2: { kind: 'debtor', debtorId: d2 } as Actor,
		operator,
		creditorUser: { kind: 'creditor', userId: cu, creditorId: c.id } as Actor,
		/** The operator refunds part of a payment (through the demo gateway unless told). */
		refund: (
			paymentId: number,
			amountMinor: number,
			reason: string,
			gateway: PaymentGateway = new DemoGateway()
		) => refundPayment(db, operator, { paymentId, amountMinor, reason }, gateway)
	};
}

export const claimStatus = (db: DB, id: number) =>
	db.select({ s: claims.status }).from(claims).where(eq(claims.id, id)).get()!.s;

export const planStatus = (db: DB, id: number) =>
	db.select({ s: plans.status }).from(plans).where(eq(plans.id, id)).get()!.s;

/**
 * Pays through the real gateway path: startPayment (demo gateway) then reconcile, as the demo page
 * does. The payment's id.
 */
export async function payInstallment(
	db: DB,
	actor: Actor,
	claimId: number,
	amountMinor: number,
	planId: number
): Promise<number> {
	const { paymentId } = await startPayment(
		db,
		actor,
		{ claimId, amountMinor, purpose: 'installment', planId, origin: 'http://localhost' },
		new DemoGateway()
	);
	const r = reconcile(db, demoEvent({ id: paymentId, amountMinor, currency: 'HUF' }, 'approve'));
	// a test that pays an instalment means one that was posted (a flagged one would pass unseen)
	if (r.outcome !== 'posted')
		throw new Error(`the instalment payment was not posted: ${r.outcome}`);
	return paymentId;
}

/**
 * A plan's terms as the tests write them: `count` installments, by default monthly from
 * 2026-03-31 with no down payment; `more` changes any of that.
 */
export function terms(count: number, more: Partial<Proposal> = {}): Proposal {
	return {
		downPaymentMinor: 0,
		installmentCount: count,
		frequency: 'monthly',
		firstDueDate: '2026-03-31',
		...more
	};
}

/** A plan's installments in order. */
export const installmentsOf = (db: DB, planId: number) =>
	db
		.select()
		.from(installments)
		.where(eq(installments.planId, planId))
		.orderBy(installments.seq)
		.all();

/** What is paid of a plan's installments, in order: [seq, status, paidMinor] each. */
export const installmentsPaid = (db: DB, planId: number) =>
	installmentsOf(db, planId).map((r) => [r.seq, r.status, r.paidMinor]);

/** The debtor (`actor`) proposes `proposal` for the claim, to be approved automatically or reviewed. */
export const propose = (
	db: DB,
	actor: Actor,
	claimId: number,
	mode: 'auto' | 'review',
	proposal: Proposal
) => proposePlan(db, actor, { claimId, mode, proposal });

/** The usual agreed plan, as an arrange step: 30 000 Ft down and 3 monthly installments, auto-approved. */
export const agreedPlan = (db: DB, actor: Actor, claimId: number) =>
	propose(db, actor, claimId, 'auto', terms(3, { downPaymentMinor: 3_000_000 }));

/**
 * A plan test: each test that names them gets a fresh `db` with its manual `clk` (testDb) and
 * `s`, the plan world (planWorld) on that database.
 */
export const planTest = test.extend<{
	fresh: { db: DB; clock: ManualClock };
	db: DB;
	clk: ManualClock;
	s: ReturnType<typeof planWorld>;
}>({
	// eslint-disable-next-line no-empty-pattern
	fresh: async ({}, use) => use(testDb()),
	db: async ({ fresh }, use) => use(fresh.db),
	clk: async ({ fresh }, use) => use(fresh.clock),
	s: async ({ db }, use) => use(planWorld(db))
});
