/**
 * The operators' home (issue 18 item 5): each queue's count and its late part, disputes by answer
 * deadline (overdue first) with debtor, creditor and amount, refund tasks by their 5-day deadline,
 * both paged and sortable.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDbs, testDb } from '../helpers/db';
import { makeClaim, makeCreditor, makeDebtor } from '../helpers/portal-fixtures';
import {
	homeDisputes,
	homeRefundTasks,
	HOME_PAGE_SIZE,
	queueCounts
} from '../../src/lib/server/services/ops-home';
import { listParams } from '../../src/lib/domain/list-params';
import { ForbiddenError } from '../../src/lib/server/services/errors';

afterAll(removeTempDbs);

const OPERATOR = { kind: 'operator' as const, userId: 1 };
const byDue = { sort: 'due' as const, dir: 'asc' as const, page: 1 };

function world() {
	const { db, clock } = testDb('2026-03-10');
	const c = db.$client;
	const bank = makeCreditor(db, 'Példa Bank Zrt.');
	const telco = makeCreditor(db, 'Távközlő Nyrt.', undefined, { taxNumber: '87654321-2-41' });
	const anna = makeDebtor(db, 'Kovács Anna');
	const bela = makeDebtor(db, 'Nagy Béla');
	const a1 = makeClaim(db, bank, anna, { principal: 5_000_000 }, 'HUF', { reference: 'A-1' });
	const b1 = makeClaim(db, telco, bela, { principal: 900_000 }, 'HUF', { reference: 'B-1' });
	const now = clock.now();
	const dispute = c.prepare(
		`INSERT INTO disputes (claim_id, debtor_id, reason, answer_due_date, created_at) VALUES (?, ?, 'other', ?, ?)`
	);
	dispute.run(a1, anna, '2026-03-20', now);
	dispute.run(b1, bela, '2026-03-05', now); // overdue
	const pay = (claimId: number, debtorId: number) =>
		(
			c
				.prepare(
					`INSERT INTO payments (claim_id, debtor_id, amount_minor, currency, purpose, gateway, status, created_at)
					 VALUES (?, ?, 100000, 'HUF', 'full', 'bank_transfer', 'succeeded', ?) RETURNING id`
				)
				.get(claimId, debtorId, now) as { id: number }
		).id;
	const task = c.prepare(
		`INSERT INTO refund_tasks (claim_id, payment_id, amount_minor, currency, due_date, created_at) VALUES (?, ?, ?, 'HUF', ?, ?)`
	);
	task.run(a1, pay(a1, anna), 2_000, '2026-03-08', now); // overdue
	task.run(b1, pay(b1, bela), 9_000, '2026-03-13', now);
	c.prepare(
		`INSERT INTO plans (claim_id, debtor_id, status, frequency, installment_count, first_due_date, total_minor, currency, rules_json, created_at)
		 VALUES (?, ?, 'proposed', 'monthly', 3, '2026-04-01', 5000000, 'HUF', '{}', ?)`
	).run(a1, anna, now - 3 * 86_400_000);
	const action = c.prepare(
		`INSERT INTO planned_actions (key, claim_id, kind, stage, step, due_date, channels_json, why_json, created_at)
		 VALUES (?, ?, 'contact', 'firm_reminder', 'x', ?, ?, '{}', ?)`
	);
	action.run('k1', a1, '2026-03-09', '["call"]', now); // overdue
	action.run('k2', b1, '2026-03-10', '["call","sms"]', now);
	action.run('k3', b1, '2026-03-11', '["call"]', now); // not yet due
	action.run('k4', a1, '2026-03-10', '["visit"]', now);
	action.run('k5', a1, '2026-03-10', '["sms"]', now);
	c.prepare(
		`INSERT INTO promises (claim_id, debtor_id, promised_date, amount_minor, status, created_at, resolved_at)
		 VALUES (?, ?, '2026-03-05', 1000, 'broken', ?, ?)`
	).run(b1, bela, now - 10 * 86_400_000, now - 86_400_000);
	const hardship = c.prepare(
		`INSERT INTO hardship_requests (claim_id, debtor_id, reason, pause_days, status, review_due_date, created_at)
		 VALUES (?, ?, 'job_loss', 30, ?, ?, ?)`
	);
	hardship.run(a1, anna, 'pending', '2026-03-09', now); // past its review day
	hardship.run(b1, bela, 'pending', '2026-03-10', now); // due today: not yet late
	hardship.run(b1, bela, 'declined', '2026-03-01', now); // decided: not in the queue
	const letter = c.prepare(
		`INSERT INTO messages (debtor_id, claim_id, channel, template_key, source, dedupe_key, status, scheduled_at, created_at, updated_at)
		 VALUES (?, ?, ?, 'formal.notice', 'engine', ?, 'queued', ?, ?, ?)`
	);
	letter.run(anna, a1, 'letter', 'l1', now, now, now);
	letter.run(bela, b1, 'letter', 'l2', now, now, now);
	letter.run(bela, b1, 'email', 'e1', now, now, now);
	return { db, a1, b1 };
}

describe('the operators’ home', () => {
	it('counts each queue and what of it is late', () => {
		const { db } = world();
		const counts = Object.fromEntries(
			queueCounts(db, OPERATOR).map((q) => [q.key, [q.count, q.overdue]])
		);
		expect(counts).toEqual({
			disputes: [2, 1],
			refunds: [2, 1],
			chargebacks: [0, 0],
			hardship: [2, 1],
			plans: [1, 1],
			calls: [2, 1],
			promises: [1, null],
			visits: [1, 0],
			letters: [2, null]
		});
		const links = Object.fromEntries(queueCounts(db, OPERATOR).map((q) => [q.key, q.href]));
		expect(links.hardship).toBe('/ops/hardship');
	});

	it('lists disputes overdue first, with debtor, creditor and amount; sortable and paged', () => {
		const { db, b1 } = world();
		const d = homeDisputes(db, OPERATOR, byDue);
		expect(
			d.rows.map((r) => [r.reference, r.debtor, r.creditor, r.balanceMinor, r.overdue])
		).toEqual([
			['B-1', 'Nagy Béla', 'Távközlő Nyrt.', 900_000, true],
			['A-1', 'Kovács Anna', 'Példa Bank Zrt.', 5_000_000, false]
		]);
		expect(d.rows[0].claimId).toBe(b1);
		const byAmount = homeDisputes(db, OPERATOR, { sort: 'amount', dir: 'desc', page: 1 });
		expect(byAmount.rows.map((r) => r.reference)).toEqual(['A-1', 'B-1']);
		expect(homeDisputes(db, OPERATOR, { ...byDue, page: 9 })).toMatchObject({
			page: 1,
			pages: 1,
			total: 2
		});
	});

	it('lists refund tasks by their deadline, overdue marked, and pages a long list', () => {
		const { db, a1 } = world();
		const r = homeRefundTasks(db, OPERATOR, byDue);
		expect(r.rows.map((x) => [x.reference, x.amountMinor, x.overdue])).toEqual([
			['A-1', 2_000, true],
			['B-1', 9_000, false]
		]);
		const pay = db.$client
			.prepare('SELECT payment_id FROM refund_tasks WHERE claim_id = ?')
			.pluck()
			.get(a1);
		const ins = db.$client.prepare(
			`INSERT INTO refund_tasks (claim_id, payment_id, amount_minor, currency, due_date, created_at) VALUES (?, ?, 1, 'HUF', '2026-03-14', 0)`
		);
		for (let i = 0; i < HOME_PAGE_SIZE; i++) ins.run(a1, pay);
		const p2 = homeRefundTasks(db, OPERATOR, { sort: 'amount', dir: 'desc', page: 2 });
		expect([p2.page, p2.pages, p2.total, p2.rows.length]).toEqual([2, 2, HOME_PAGE_SIZE + 2, 2]);
		expect(p2.rows.map((x) => x.amountMinor)).toEqual([1, 1]);
	});

	it('reads sort and page from the address, unknown values falling back', () => {
		const p = (s: string) =>
			listParams(new URLSearchParams(s), 'd_', ['due', 'amount'] as const, {
				sort: 'due',
				dir: 'asc'
			});
		expect(p('d_sort=amount&d_dir=desc&d_page=3')).toEqual({
			sort: 'amount',
			dir: 'desc',
			page: 3
		});
		expect(p('d_sort=constructor&d_dir=up&d_page=-2')).toEqual({
			sort: 'due',
			dir: 'asc',
			page: 1
		});
	});

	it('is for agency staff only', () => {
		const { db } = world();
		expect(() => queueCounts(db, { kind: 'creditor', userId: 1, creditorId: 1 })).toThrow(
			ForbiddenError
		);
	});
});
