/** The debtor's read model: claims by creditor, stage in plain words, claim detail, documents. */
import { describe, expect, it } from 'vitest';
import {
	makeClaim,
	makeCreditor,
	useDebtorWorld,
	makeDebtor,
	addOperator,
	stranger
} from '../helpers/portal-fixtures';
import { claimDetail, myClaims } from '../../src/lib/server/services/portal';
import { DemoGateway } from '../../src/lib/server/payments/demo';
import { certificatePdf, receiptPdf } from '../../src/lib/server/services/documents';
import { ForbiddenError, NotFoundError } from '../../src/lib/server/services/errors';
import { contactEvents, installmentRules } from '../../src/lib/server/db/schema';
import { refundPayment } from '../../src/lib/server/services/refunds';
import { makePromise } from '../../src/lib/server/services/promises';
import { openDispute } from '../../src/lib/server/services/disputes';
import { clock } from '../../src/lib/server/clock';
import { instantAt } from '../../src/lib/domain/clock';
import { statementOf } from '../../src/lib/domain/ledger';
import { agreedPlan } from '../helpers/plans-fixtures';
import { demoCheckout, paidFor } from '../helpers/payment-fixtures';

describe('portal read model', () => {
	const w = useDebtorWorld();

	it("lists only this debtor's claims, grouped by creditor, with the next step and its date", () => {
		const a = makeCreditor(w.db, 'Alfa Bank Zrt.');
		const b = makeCreditor(w.db, 'Béta Közmű Zrt.');
		const c1 = makeClaim(w.db, a, w.debtorId, { principal: 1_000_000 });
		makeClaim(w.db, a, w.debtorId, { principal: 2_000_000 });
		makeClaim(w.db, b, w.debtorId, { principal: 3_000_000 });
		makeClaim(w.db, b, makeDebtor(w.db, 'Más Valaki'), { principal: 9_000_000 });
		w.db.$client.prepare("UPDATE claims SET stage='firm_reminder', due_date='2026-01-20'").run();
		w.db
			.insert(contactEvents)
			.values({
				claimId: c1,
				debtorId: w.debtorId,
				channel: 'sms',
				stage: 'firm_reminder',
				outcome: 'sent',
				occurredAt: instantAt('2026-02-25', 9)
			})
			.run();
		const groups = myClaims(w.db, w.me());
		expect(groups.map((g) => [g.creditorName, g.claims.length])).toEqual([
			['Alfa Bank Zrt.', 2],
			['Béta Közmű Zrt.', 1]
		]);
		const first = groups[0].claims[0];
		expect(first.balanceMinor).toBe(1_000_000);
		expect(first.stage.lastContact).toEqual({ date: '2026-02-25', channel: 'sms' });
		// default strategy: formal notice 45 days after the due date
		expect(first.stage.next).toEqual({ stage: 'formal_notice', date: '2026-03-06' });
		expect(groups[0].claims[1].stage.lastContact).toBeNull();
	});

	it('the breakdown comes from the ledger and adds up to the balance (C5); another debtor gets not found', async () => {
		const cr = makeCreditor(w.db);
		const id = makeClaim(w.db, cr, w.debtorId, {
			principal: 10_000_000,
			interest: 450_050,
			fee: 150_000,
			cost: 99_950
		});
		await paidFor(w.db, w.debtorId, id, 500_000);
		const d = claimDetail(w.db, w.me(), id, { promiseRange: true });
		const s = statementOf(d.ledger);
		for (const c of ['principal', 'interest', 'fee', 'cost'] as const) {
			expect(s.charged[c] - s.paid[c] + s.refunded[c] - s.writtenOff[c]).toBe(s.balance[c]);
		}
		expect(s.total).toBe(d.claim.balanceMinor);
		expect(s.total).toBe(10_200_000);
		expect(d.payments).toHaveLength(1);
		expect(d.pay).toEqual({ fullMinor: 10_200_000, partialAllowed: true, minPartMinor: 500_000 });
		expect(d.promiseRange).toEqual({
			from: '2026-03-02',
			to: '2026-04-01',
			minMinor: 500_000,
			waitUntil: null
		});
		expect(() => claimDetail(w.db, stranger(w.db, 'Idegen'), id)).toThrow(NotFoundError);
		expect(() => claimDetail(w.db, { kind: 'operator', userId: 1 }, id)).toThrow(ForbiddenError);
	});

	it("claim detail: every payment newest first with its refund, a stale checkout hidden, the portfolio's rules over the creditor's", async () => {
		const cr = makeCreditor(w.db, 'Alfa Bank Zrt.', {
			partialPaymentsAllowed: true,
			minPartialPaymentMinor: 200_000,
			promiseMaxDays: 20
		});
		// the portfolio's override is the one in force for this claim
		w.db
			.insert(installmentRules)
			.values({
				creditorId: cr.creditorId,
				portfolioId: cr.portfolioId,
				rulesJson: JSON.stringify({
					partialPaymentsAllowed: true,
					minPartialPaymentMinor: 700_000,
					promiseMaxDays: 10
				}),
				updatedAt: clock().now()
			})
			.run();
		const id = makeClaim(w.db, cr, w.debtorId, {
			principal: 5_000_000,
			interest: 300_000,
			fee: 100_000
		});
		const gw = new DemoGateway();
		const paid = [];
		for (const amountMinor of [800_000, 900_000]) {
			paid.push(await paidFor(w.db, w.debtorId, id, amountMinor, 'partial', gw));
		}
		addOperator(w.db);
		await refundPayment(
			w.db,
			{ kind: 'operator', userId: 1 },
			{ paymentId: paid[0], amountMinor: 100_000, reason: 'túlfizetés' },
			gw
		);
		// a checkout opened two days ago and never finished is not shown; today's is
		const stale = (await demoCheckout(w.db, w.debtorId, id, 700_000)).paymentId;
		w.db.$client
			.prepare('UPDATE payments SET created_at = created_at - 2 * 86400000 WHERE id = ?')
			.run(stale);
		const fresh = (await demoCheckout(w.db, w.debtorId, id, 700_000)).paymentId;

		const d = claimDetail(w.db, w.me(), id, { promiseRange: true });
		expect(d.payments.map((p) => [p.id, p.status, p.amountMinor, p.refundedMinor])).toEqual([
			[fresh, 'pending', 700_000, 0],
			[paid[1], 'succeeded', 900_000, 0],
			[paid[0], 'succeeded', 800_000, 100_000]
		]);
		const done = d.payments[2];
		expect(done).toMatchObject({ currency: 'HUF', purpose: 'partial' });
		expect(done.receiptNumber).toMatch(/^RZ-2026-\d{7}$/);
		expect(done.completedAt).toBe(clock().now());
		// several entries per component and kind are summed; the statement still adds up (C5)
		// one line per component and kind, whatever the number of entries
		expect(new Set(d.ledger.map((l) => `${l.component}|${l.kind}`)).size).toBe(d.ledger.length);
		const st = statementOf(d.ledger);
		expect(st.paid.fee + st.paid.interest + st.paid.principal).toBe(1_700_000);
		expect(st.refunded.fee + st.refunded.interest + st.refunded.principal).toBe(100_000);
		expect(st.total).toBe(5_400_000 - 1_700_000 + 100_000);
		expect(st.total).toBe(d.claim.balanceMinor);
		expect(d.pay).toMatchObject({ partialAllowed: true, minPartMinor: 700_000 });
		expect(d.promiseRange).toEqual({
			from: '2026-03-02',
			to: '2026-03-12',
			minMinor: 700_000,
			waitUntil: null
		});
	});

	it('claim detail carries every fact of its single row: promise, dispute, plan, last reminder; none of them on a fresh claim', () => {
		const cr = makeCreditor(w.db);
		const fresh = claimDetail(
			w.db,
			w.me(),
			makeClaim(w.db, cr, w.debtorId, { principal: 1_000_000 })
		);
		expect([
			fresh.promise,
			fresh.dispute,
			fresh.plan,
			fresh.certificate,
			fresh.stage.lastContact
		]).toEqual([null, null, null, null, null]);
		expect(fresh.claim).toEqual({
			id: fresh.claim.id,
			reference: expect.stringMatching(/^R-/),
			description: 'Hitelkártya-tartozás',
			currency: 'HUF',
			dueDate: '2025-12-01',
			status: 'open',
			balanceMinor: 1_000_000,
			creditorName: 'Példa Bank Zrt.'
		});

		const a = makeClaim(w.db, cr, w.debtorId, { principal: 2_000_000 });
		w.db
			.insert(contactEvents)
			.values({
				claimId: a,
				debtorId: w.debtorId,
				channel: 'letter',
				stage: 'formal_notice',
				outcome: 'delivered',
				occurredAt: instantAt('2026-02-20', 11)
			})
			.run();
		makePromise(w.db, w.me(), { claimId: a, promisedDate: '2026-03-20', amountMinor: 700_000 });
		openDispute(w.db, w.me(), {
			claimId: a,
			reason: 'wrong_amount',
			details: 'A kamat túl magas.'
		});
		const da = claimDetail(w.db, w.me(), a);
		expect(da.promise).toMatchObject({
			claimId: a,
			debtorId: w.debtorId,
			promisedDate: '2026-03-20',
			amountMinor: 700_000,
			status: 'open',
			resolvedAt: null
		});
		expect(da.dispute).toMatchObject({
			reason: 'wrong_amount',
			status: 'open',
			answerDueDate: '2026-04-01',
			answer: null
		});
		expect(da.stage.lastContact).toEqual({ date: '2026-02-20', channel: 'letter' });
		expect(da.claim.status).toBe('disputed');
		expect(da.canDispute).toBe(false);

		const b = makeClaim(w.db, cr, w.debtorId, { principal: 30_000_000 });
		const plan = agreedPlan(w.db, w.me(), b);
		expect(claimDetail(w.db, w.me(), b).plan).toEqual({ id: plan.id, status: plan.status });
	});

	it('the claim statement finds the last reminder and the ledger lines in covering indexes, and sorts nothing', () => {
		// the statements this database prepares, as SQLite will run them
		const sources: string[] = [];
		const prepare = w.db.$client.prepare.bind(w.db.$client);
		w.db.$client.prepare = ((src: string) => (
			sources.push(src),
			prepare(src)
		)) as typeof w.db.$client.prepare;
		const cr = makeCreditor(w.db);
		claimDetail(w.db, w.me(), makeClaim(w.db, cr, w.debtorId, { principal: 1_000_000 }));
		const claimSql = sources.find((x) => x.includes('FROM claims c'))!;
		const plan = (
			w.db.$client.prepare(`EXPLAIN QUERY PLAN ${claimSql}`).all(1, 1) as { detail: string }[]
		).map((r) => r.detail);
		expect(plan).toContain(
			'SEARCH contact_events USING COVERING INDEX contact_events_last_reminder_idx (claim_id=?)'
		);
		expect(plan).toContain(
			'SEARCH ledger_entries USING COVERING INDEX ledger_claim_idx (claim_id=?)'
		);
		expect(plan.filter((d) => d.includes('TEMP B-TREE'))).toEqual([]);
	});

	it('full amount for HUF is in whole forints, rounded up', () => {
		const cr = makeCreditor(w.db);
		const id = makeClaim(w.db, cr, w.debtorId, { principal: 1_000_050 });
		expect(claimDetail(w.db, w.me(), id).pay?.fullMinor).toBe(1_000_100);
	});

	it('renders a receipt and, at zero, a settlement certificate as PDFs with the Hungarian font', async () => {
		const cr = makeCreditor(w.db, 'Őrző Bank Zrt.');
		const id = makeClaim(w.db, cr, w.debtorId, { principal: 1_000_000, cost: 20_000 });
		const paymentId = await paidFor(w.db, w.debtorId, id, 1_020_000, 'full');
		const r = await receiptPdf(w.db, w.me(), paymentId, 'hu');
		const c = await certificatePdf(w.db, w.me(), id, 'en');
		for (const pdf of [r, c]) {
			expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString()).toBe('%PDF-');
			// the object dictionaries are plain text (only the streams are compressed)
			const objects = Buffer.from(pdf.bytes).toString('latin1');
			expect(objects.match(/\/Type \/Page\b/g)).toHaveLength(1);
			// the embedded (subset) font is DejaVu Sans, so ő and ű print
			expect(objects).toMatch(/\/BaseFont \/(?:[A-Z]{6}\+)?DejaVuSans\b/);
		}
		expect(claimDetail(w.db, w.me(), id).certificate).toMatchObject({
			number: c.filename.replace(/\.pdf$/, '')
		});
		expect(r.filename).toMatch(/^RZ-2026-\d{7}\.pdf$/);
		expect(c.filename).toMatch(/^RZ-IG-2026-\d{8}\.pdf$/);
		const other = stranger(w.db, 'Idegen');
		await expect(receiptPdf(w.db, other, paymentId, 'hu')).rejects.toBeInstanceOf(NotFoundError);
		await expect(certificatePdf(w.db, other, id, 'hu')).rejects.toBeInstanceOf(NotFoundError);
	});

	it('no certificate before the balance is zero', async () => {
		const cr = makeCreditor(w.db);
		const id = makeClaim(w.db, cr, w.debtorId, { principal: 1_000_000 });
		await expect(certificatePdf(w.db, w.me(), id, 'hu')).rejects.toBeInstanceOf(NotFoundError);
		expect(claimDetail(w.db, w.me(), id).certificate).toBeNull();
	});
});
