/** Payments through the demo gateway: rules, allocation, overpayment (C11), payoff (C10), concurrency. */
import { beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { freshDb, testDb, tempDbPath, scalar as q } from '../helpers/db';
import { makeClaim, makeCreditor, makeDebtor, addOperator } from '../helpers/portal-fixtures';
import { demoAnswer, demoCheckout, openedCheckout } from '../helpers/payment-fixtures';
import type { DB } from '../../src/lib/server/db/client';
import { DemoGateway, demoEvent } from '../../src/lib/server/payments/demo';
import { reconcile, startPayment } from '../../src/lib/server/services/payments';
import { statementFor } from '../../src/lib/server/services/ledger';
import {
	ValidationError,
	NotFoundError,
	ConflictError
} from '../../src/lib/server/services/errors';
import { verifyAuditChain } from '../../src/lib/server/services/audit';
import { answerDispute, openDispute } from '../../src/lib/server/services/disputes';
import { paymentConfig, paymentConfigProblem } from '../../src/lib/server/payments/config';

const run = promisify(execFile);
const gw = new DemoGateway();

describe('payments (demo gateway)', () => {
	let db: DB;
	let debtorId: number;
	let cr: { creditorId: number; portfolioId: number };
	beforeEach(() => {
		({ db } = testDb());
		cr = makeCreditor(db);
		debtorId = makeDebtor(db);
	});
	const me = () => ({ kind: 'debtor' as const, debtorId });

	async function payAndApprove(
		claimId: number,
		amountMinor: number,
		purpose: 'full' | 'partial' = 'partial'
	) {
		const { paymentId, redirectUrl } = await startPayment(
			db,
			me(),
			{ claimId, amountMinor, purpose },
			gw
		);
		expect(redirectUrl).toBe(`/pay/demo/${paymentId}`);
		const p = db.$client
			.prepare('SELECT id, amount_minor AS amountMinor, currency FROM payments WHERE id=?')
			.get(paymentId) as { id: number; amountMinor: number; currency: string };
		return { paymentId, result: reconcile(db, demoEvent(p, 'approve')) };
	}

	it('allocates a part payment costs -> fees -> interest -> principal (6:46)', async () => {
		const claimId = makeClaim(db, cr, debtorId, {
			principal: 10_000_000,
			interest: 400_000,
			fee: 200_000,
			cost: 100_000
		});
		await payAndApprove(claimId, 500_000);
		const s = statementFor(db, claimId);
		expect(s.paid).toEqual({ cost: 100_000, fee: 200_000, interest: 200_000, principal: 0 });
		expect(s.total).toBe(10_200_000);
		expect(q(db, 'SELECT balance_minor FROM claims WHERE id=?', claimId)).toBe(10_200_000);
		expect(q(db, 'SELECT status FROM claims WHERE id=?', claimId)).toBe(
			'open' as unknown as number
		);
	});

	it("follows a creditor's own allocation order (C6)", async () => {
		const claimId = makeClaim(db, cr, debtorId, { principal: 1_000_000, interest: 400_000 });
		db.$client
			.prepare("UPDATE creditors SET allocation_order='principal,interest,fee,cost' WHERE id=?")
			.run(cr.creditorId);
		await payAndApprove(claimId, 500_000);
		expect(statementFor(db, claimId).paid.principal).toBe(500_000);
	});

	it("enforces the creditor's partial-payment rules and whole forints", async () => {
		const claimId = makeClaim(db, cr, debtorId, { principal: 10_000_000 });
		const err = (amountMinor: number, purpose: 'full' | 'partial' = 'partial') =>
			startPayment(db, me(), { claimId, amountMinor, purpose }, gw).catch((e) => e);
		expect(((await err(100_000)) as ValidationError).fields.amount.key).toBe(
			'payments.error.tooLittle'
		);
		expect(((await err(500_050)) as ValidationError).fields.amount.key).toBe(
			'payments.error.wholeForints'
		);
		expect(((await err(10_000_100)) as ValidationError).fields.amount.key).toBe(
			'payments.error.tooMuch'
		);
		expect(((await err(5_000_000, 'full')) as ValidationError).fields.amount.key).toBe(
			'payments.error.fullMismatch'
		);
		const cr2 = makeCreditor(db, 'Szigorú Közmű', { partialPaymentsAllowed: false });
		const c2 = makeClaim(db, cr2, debtorId, { principal: 10_000_000 });
		const e2 = await startPayment(
			db,
			me(),
			{ claimId: c2, amountMinor: 5_000_000, purpose: 'partial' },
			gw
		).catch((e) => e);
		expect((e2 as ValidationError).fields.amount.key).toBe('payments.error.partialNotAllowed');
		expect(q(db, 'SELECT count(*) FROM payments')).toBe(0);
	});

	it("a portfolio's rules override the creditor's", async () => {
		const cr2 = makeCreditor(db, 'Rétegzett Bank', { minPartialPaymentMinor: 2_000_000 });
		const special = db.$client
			.prepare(
				"INSERT INTO portfolios (creditor_id, name, placed_date, created_at) VALUES (?, 'kedvezmény', '2026-01-10', 0)"
			)
			.run(cr2.creditorId).lastInsertRowid as number;
		db.$client
			.prepare(
				'INSERT INTO installment_rules (creditor_id, portfolio_id, rules_json, updated_at) VALUES (?, ?, ?, 0)'
			)
			.run(cr2.creditorId, special, JSON.stringify({ minPartialPaymentMinor: 100_000 }));
		const normal = makeClaim(db, cr2, debtorId, { principal: 10_000_000 });
		const discounted = makeClaim(
			db,
			{ creditorId: cr2.creditorId, portfolioId: special },
			debtorId,
			{ principal: 10_000_000 }
		);
		const e = await startPayment(
			db,
			me(),
			{ claimId: normal, amountMinor: 1_000_000, purpose: 'partial' },
			gw
		).catch((x) => x);
		expect((e as ValidationError).fields.amount).toEqual({
			key: 'payments.error.tooLittle',
			params: { min: 2_000_000 }
		});
		await expect(
			startPayment(
				db,
				me(),
				{ claimId: discounted, amountMinor: 1_000_000, purpose: 'partial' },
				gw
			)
		).resolves.toMatchObject({ redirectUrl: expect.stringMatching(/^\/pay\/demo\/\d+$/) });
	});

	it("another debtor's claim is not found, and a paid claim takes no payment", async () => {
		const claimId = makeClaim(db, cr, debtorId, { principal: 1_000_000 });
		const other = makeDebtor(db, 'Más Valaki');
		await expect(
			startPayment(
				db,
				{ kind: 'debtor', debtorId: other },
				{ claimId, amountMinor: 1_000_000, purpose: 'full' },
				gw
			)
		).rejects.toBeInstanceOf(NotFoundError);
		await payAndApprove(claimId, 1_000_000, 'full');
		await expect(
			startPayment(db, me(), { claimId, amountMinor: 1_000_000, purpose: 'full' }, gw)
		).rejects.toBeInstanceOf(ConflictError);
	});

	it('payoff marks the claim paid and issues one settlement certificate (C10)', async () => {
		const claimId = makeClaim(db, cr, debtorId, { principal: 1_000_000, cost: 50_000 });
		const { result } = await payAndApprove(claimId, 1_050_000, 'full');
		expect(result).toMatchObject({ outcome: 'posted', settled: true, overpaymentMinor: 0 });
		expect(q(db, 'SELECT status FROM claims WHERE id=?', claimId)).toBe(
			'paid' as unknown as number
		);
		expect(q(db, 'SELECT count(*) FROM settlement_certificates WHERE claim_id=?', claimId)).toBe(1);
		expect(
			q(db, 'SELECT outcome FROM claim_stage_events WHERE claim_id=? ORDER BY id DESC', claimId)
		).toBe('paid' as unknown as number);
		expect(verifyAuditChain(db).ok).toBe(true);
	});

	it('a decline fails the payment and posts nothing', async () => {
		const claimId = makeClaim(db, cr, debtorId, { principal: 1_000_000 });
		const { paymentId } = await demoCheckout(db, debtorId, claimId, 1_000_000, 'full');
		expect(demoAnswer(db, paymentId, 1_000_000, 'decline').outcome).toBe('failed');
		expect(demoAnswer(db, paymentId, 1_000_000, 'decline').outcome).toBe('duplicate');
		expect(q(db, 'SELECT balance_minor FROM claims WHERE id=?', claimId)).toBe(1_000_000);
	});

	it('an overpayment opens a refund task due in 5 days (C11)', async () => {
		const claimId = makeClaim(db, cr, debtorId, { principal: 1_000_000 });
		const a = await demoCheckout(db, debtorId, claimId, 1_000_000, 'full');
		// a second checkout opened beside the full one (see openedCheckout)
		const b = openedCheckout(db, { claimId, amountMinor: 600_000 });
		demoAnswer(db, a.paymentId, 1_000_000, 'approve');
		const r = demoAnswer(db, b.paymentId, 600_000, 'approve');
		expect(r).toMatchObject({ outcome: 'posted', overpaymentMinor: 600_000 });
		const task = db.$client
			.prepare('SELECT amount_minor, due_date, status, payment_id FROM refund_tasks')
			.get();
		expect(task).toEqual({
			amount_minor: 600_000,
			due_date: '2026-03-07',
			status: 'open',
			payment_id: b.paymentId
		});
		expect(q(db, 'SELECT balance_minor FROM claims WHERE id=?', claimId)).toBe(0);
	});

	it('money arriving for a claim closed meanwhile (dispute upheld) all goes back: a refund task, the claim unchanged', async () => {
		const claimId = makeClaim(db, cr, debtorId, { principal: 1_000_000 });
		const { paymentId } = await demoCheckout(db, debtorId, claimId, 1_000_000, 'full');
		addOperator(db);
		const d = openDispute(db, me(), { claimId, reason: 'not_mine', details: '', file: null });
		answerDispute(
			db,
			{ kind: 'operator', userId: 1 },
			{ disputeId: d.id, outcome: 'upheld', answer: 'Igaza van, lezártuk.' }
		);
		const r = demoAnswer(db, paymentId, 1_000_000, 'approve');
		expect(r).toMatchObject({ outcome: 'posted', overpaymentMinor: 1_000_000, settled: false });
		expect(
			db.$client.prepare('SELECT status, balance_minor FROM claims WHERE id=?').get(claimId)
			// upholding wrote the balance off; the late payment changes nothing on the claim
		).toEqual({ status: 'closed', balance_minor: 0 });
		expect(
			db.$client
				.prepare('SELECT amount_minor, due_date, status FROM refund_tasks WHERE payment_id=?')
				.get(paymentId)
		).toEqual({ amount_minor: 1_000_000, due_date: '2026-03-07', status: 'open' });
		expect(q(db, 'SELECT count(*) FROM settlement_certificates WHERE claim_id=?', claimId)).toBe(0);
		expect(
			q(db, "SELECT count(*) FROM ledger_entries WHERE claim_id=? AND kind='payment'", claimId)
		).toBe(0);
	});

	it('an event for our payment id from another checkout session (another database on the same Stripe account) is ignored', async () => {
		const claimId = makeClaim(db, cr, debtorId, { principal: 1_000_000 });
		const { paymentId } = await demoCheckout(db, debtorId, claimId, 1_000_000, 'full');
		const foreign = {
			...demoEvent({ id: paymentId, amountMinor: 1_000_000, currency: 'HUF' }, 'approve'),
			eventId: 'ev_foreign',
			providerRef: 'demo_cs_elsewhere'
		};
		expect(reconcile(db, foreign)).toEqual({ outcome: 'unknown_payment', paymentId: null });
		expect(
			db.$client.prepare('SELECT status FROM payments WHERE id=?').pluck().get(paymentId)
		).toBe('pending');
		expect(q(db, 'SELECT balance_minor FROM claims WHERE id=?', claimId)).toBe(1_000_000);
		// a different amount from elsewhere does not flag ours either, and ours still posts
		expect(reconcile(db, { ...foreign, eventId: 'ev_foreign2', amountMinor: 5 }).outcome).toBe(
			'unknown_payment'
		);
		expect(demoAnswer(db, paymentId, 1_000_000, 'approve').outcome).toBe('posted');
		expect(q(db, 'SELECT balance_minor FROM claims WHERE id=?', claimId)).toBe(0);
	});

	it('20 payment completions from 4 processes at once on one claim leave the balance exact', async () => {
		const file = tempDbPath('concurrent');
		db = freshDb(file);
		cr = makeCreditor(db, 'Párhuzamos Bank', { minPartialPaymentMinor: 10_000 });
		debtorId = makeDebtor(db);
		const claimId = makeClaim(db, cr, debtorId, {
			principal: 900_000,
			interest: 70_000,
			cost: 30_000
		});
		const ids: number[] = [];
		// 20 checkouts over the balance, opened beside each other (see openedCheckout); the worker
		// processes answer on the system clock, so the checkouts are opened on it too
		for (let i = 0; i < 20; i++)
			ids.push(
				openedCheckout(db, { claimId, amountMinor: 60_000, createdAt: Date.now() }).paymentId
			);
		const startAt = Date.now() + 2500;
		const groups = [0, 1, 2, 3].map((g) => ids.filter((_, i) => i % 4 === g));
		const outs = await Promise.all(
			groups.map((g) =>
				run(
					'node_modules/.bin/tsx',
					['tests/helpers/reconcile-worker.ts', file, String(startAt), g.join(',')],
					{ env: { ...process.env, RENDEZ_QUIET: '1' } }
				)
			)
		);
		const outcomes = outs.flatMap((o) => JSON.parse(o.stdout) as string[]);
		expect(outcomes).toHaveLength(20);
		expect(outcomes.every((o) => o === 'posted')).toBe(true);
		// 1 000 000 owed, 1 200 000 paid: exactly 200 000 overpaid, balance exactly zero
		expect(q(db, 'SELECT balance_minor FROM claims WHERE id=?', claimId)).toBe(0);
		expect(q(db, 'SELECT collected_minor FROM claims WHERE id=?', claimId)).toBe(1_000_000);
		expect(statementFor(db, claimId).total).toBe(0);
		expect(q(db, "SELECT -sum(amount_minor) FROM ledger_entries WHERE kind='payment'")).toBe(
			1_000_000
		);
		expect(q(db, 'SELECT sum(amount_minor) FROM refund_tasks')).toBe(200_000);
		expect(q(db, 'SELECT count(*) FROM settlement_certificates')).toBe(1);
		expect(q(db, "SELECT count(*) FROM payments WHERE status='succeeded'")).toBe(20);
		expect(verifyAuditChain(db).ok).toBe(true);
	}, 60_000);
});

describe('payment gateway configuration', () => {
	it('chooses explicitly, and a production server without Stripe or PAYMENT_GATEWAY=demo refuses to start', () => {
		expect(paymentConfig({ PAYMENT_GATEWAY: 'demo', NODE_ENV: 'production' }).gateway).toBe('demo');
		expect(
			paymentConfig({
				STRIPE_SECRET_KEY: 'sk_test_1',
				STRIPE_WEBHOOK_SECRET: 'whsec_1',
				NODE_ENV: 'production'
			}).gateway
		).toBe('stripe');
		expect(
			paymentConfigProblem({ STRIPE_SECRET_KEY: 'sk_test_1', NODE_ENV: 'production' })
		).toMatch(/STRIPE_WEBHOOK_SECRET/);
		expect(paymentConfig({ NODE_ENV: 'development' }).gateway).toBe('demo');
		expect(paymentConfigProblem({ NODE_ENV: 'production' })).toMatch(
			/will not start.*STRIPE_SECRET_KEY.*PAYMENT_GATEWAY=demo/
		);
		expect(paymentConfigProblem({ PAYMENT_GATEWAY: 'stripe', NODE_ENV: 'production' })).toMatch(
			/STRIPE_SECRET_KEY/
		);
		expect(paymentConfigProblem({ PAYMENT_GATEWAY: 'paypal' })).toMatch(/demo.*stripe/);
	});
});
