/**
 * The demo-data generator: volumes, ledger consistency, and the compliance rules the data must
 * already obey (C1 contact window, C9 plan offered before a formal notice, C7 dispute deadline).
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { hungarianHolidays } from '../../src/lib/domain/holidays';
import { type DB } from '../../src/lib/server/db/client';
import { instantAt, localParts, addDays } from '../../src/lib/domain/clock';
import { allocate } from '../../src/lib/domain/allocation';
import type { Balances, Component } from '../../src/lib/domain/ledger';
import { CLAIMS, all, num, seeded } from '../helpers/seed-fixtures';
import { minDownPayment } from '../../src/lib/domain/plans';
import type { CreditorRules } from '../../src/lib/domain/rules';
import type { Currency } from '../../src/lib/domain/money';

describe('seed generator', () => {
	let db: DB;
	// seed 4: every status is there on the day (300 random stories; with Christmas Eve a holiday
	// from 2024, seed 3's happen to leave no dispute open on 2 March 2026)
	beforeAll(async () => {
		db = await seeded(4);
	});

	it('creates the volumes asked for, with every kind of history', () => {
		expect(num(db, 'SELECT count(*) FROM creditors')).toBe(3);
		expect(num(db, 'SELECT count(*) FROM strategies')).toBe(3);
		expect(num(db, 'SELECT count(*) FROM installment_rules')).toBe(3);
		expect(num(db, 'SELECT count(*) FROM portfolios')).toBe(36);
		// the demo debtors' six claims come on top of the bulk
		expect(num(db, 'SELECT count(*) FROM claims')).toBe(CLAIMS + 6);
		// five demo staff and the field agent (issue 18), with the field agent's region
		expect(num(db, 'SELECT count(*) FROM staff_users')).toBe(6);
		expect(num(db, 'SELECT count(*) FROM field_regions')).toBe(1);
		expect(num(db, 'SELECT count(*) FROM access_links')).toBe(3);
		const statuses = new Set(all(db, 'SELECT DISTINCT status FROM claims').map((r) => r.status));
		expect([...statuses].sort()).toEqual(['closed', 'disputed', 'in_plan', 'open', 'paid']);
		const planStatuses = new Set(all(db, 'SELECT DISTINCT status FROM plans').map((r) => r.status));
		for (const s of ['active', 'completed', 'broken', 'proposed'])
			expect(planStatuses).toContain(s);
		const promiseStatuses = new Set(
			all(db, 'SELECT DISTINCT status FROM promises').map((r) => r.status)
		);
		for (const s of ['open', 'kept', 'broken']) expect(promiseStatuses).toContain(s);
		const disputeStatuses = new Set(
			all(db, 'SELECT DISTINCT status FROM disputes').map((r) => r.status)
		);
		expect(disputeStatuses).toContain('open');
		expect([...disputeStatuses].some((s) => s === 'rejected' || s === 'upheld')).toBe(true);
		const channels = new Set(
			all(db, 'SELECT DISTINCT channel FROM contact_events').map((r) => r.channel)
		);
		for (const c of ['sms', 'email', 'letter', 'call']) expect(channels).toContain(c);
		expect(
			num(
				db,
				`SELECT count(*) FROM contact_events WHERE channel = 'call' AND recording_ref IS NOT NULL`
			)
		).toBeGreaterThan(0);
		expect(
			num(db, `SELECT count(*) FROM installments WHERE status = 'paid' AND paid_on_time = 1`)
		).toBeGreaterThan(0);
		expect(
			num(db, `SELECT count(*) FROM installments WHERE status = 'paid' AND paid_on_time = 0`)
		).toBeGreaterThan(0);
		expect(num(db, `SELECT count(*) FROM payments WHERE purpose = 'partial'`)).toBeGreaterThan(0);
		expect(num(db, `SELECT count(*) FROM payments WHERE purpose = 'full'`)).toBeGreaterThan(0);
		expect(num(db, `SELECT count(*) FROM claims WHERE currency = 'EUR'`)).toBeGreaterThan(0);
		expect(num(db, `SELECT count(*) FROM debtors WHERE kind = 'company'`)).toBeGreaterThan(0);
		expect(num(db, 'SELECT count(*) FROM contact_preferences')).toBeGreaterThan(0);
		// some debtors owe more than one creditor
		expect(
			num(
				db,
				'SELECT count(*) FROM (SELECT debtor_id FROM claims GROUP BY debtor_id HAVING count(DISTINCT creditor_id) > 1)'
			)
		).toBeGreaterThan(0);
	});

	it('keeps every claim consistent with its ledger: balance, placed, collected', () => {
		const bad = all(
			db,
			`SELECT c.id, c.balance_minor, c.placed_minor, c.collected_minor,
			        (SELECT coalesce(sum(amount_minor), 0) FROM ledger_entries l WHERE l.claim_id = c.id) AS ledger,
			        (SELECT coalesce(sum(amount_minor), 0) FROM ledger_entries l WHERE l.claim_id = c.id AND kind = 'charge') AS charged,
			        (SELECT coalesce(sum(-amount_minor), 0) FROM ledger_entries l WHERE l.claim_id = c.id AND kind IN ('payment', 'refund')) AS ledger_collected,
			        (SELECT coalesce(sum(amount_minor), 0) FROM payments p WHERE p.claim_id = c.id AND p.status = 'succeeded')
			          - (SELECT coalesce(sum(r.amount_minor), 0) FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE p.claim_id = c.id AND r.status = 'succeeded') AS paid
			 FROM claims c`
		).filter(
			(r) =>
				r.balance_minor !== r.ledger ||
				r.placed_minor !== r.charged ||
				r.collected_minor !== r.ledger_collected ||
				r.collected_minor !== r.paid
		);
		expect(bad).toEqual([]);
		// no component is ever paid below zero (allocation never over-allocates)
		expect(
			num(
				db,
				'SELECT count(*) FROM (SELECT claim_id, component, sum(amount_minor) s FROM ledger_entries GROUP BY 1, 2 HAVING s < 0)'
			)
		).toBe(0);
		// a payment's ledger rows add up to the payment
		expect(
			num(
				db,
				`SELECT count(*) FROM payments p WHERE p.amount_minor <> -(SELECT sum(amount_minor) FROM ledger_entries l WHERE l.payment_id = p.id)`
			)
		).toBe(0);
		// HUF amounts are whole forints
		expect(
			num(
				db,
				`SELECT count(*) FROM ledger_entries l JOIN claims c ON c.id = l.claim_id WHERE c.currency = 'HUF' AND l.amount_minor % 100 <> 0`
			)
		).toBe(0);
		// status agrees with the balance
		expect(
			num(
				db,
				`SELECT count(*) FROM claims WHERE status = 'paid' AND (balance_minor <> 0 OR paid_at IS NULL)`
			)
		).toBe(0);
		expect(
			num(
				db,
				`SELECT count(*) FROM claims WHERE status IN ('open', 'in_plan', 'disputed') AND balance_minor <= 0`
			)
		).toBe(0);
		// every paid claim has its settlement certificate (C10)
		expect(
			num(
				db,
				`SELECT count(*) FROM claims c WHERE status = 'paid' AND NOT EXISTS (SELECT 1 FROM settlement_certificates s WHERE s.claim_id = c.id)`
			)
		).toBe(0);
	});

	it('allocates every payment costs, fees, interest, then principal (Civil Code 6:46)', () => {
		const rows = all(
			db,
			'SELECT claim_id, component, kind, amount_minor, payment_id FROM ledger_entries ORDER BY claim_id, id'
		);
		const open = new Map<number, Balances>();
		const seen = new Set<number>();
		let checked = 0;
		for (const r of rows) {
			const claim = Number(r.claim_id);
			const o = open.get(claim) ?? { principal: 0, interest: 0, fee: 0, cost: 0 };
			open.set(claim, o);
			if (r.kind === 'payment' && !seen.has(Number(r.payment_id))) {
				seen.add(Number(r.payment_id));
				const parts = rows.filter((x) => x.payment_id === r.payment_id);
				const amount = -parts.reduce((s, x) => s + Number(x.amount_minor), 0);
				const expected = allocate(amount, o).parts;
				const got: Balances = { principal: 0, interest: 0, fee: 0, cost: 0 };
				for (const x of parts) got[x.component as Component] -= Number(x.amount_minor);
				expect(got, `payment ${r.payment_id}`).toEqual(expected);
				checked++;
			}
			o[r.component as Component] += Number(r.amount_minor);
		}
		expect(checked).toBe(num(db, 'SELECT count(*) FROM payments'));
	});

	it('keeps stage history in step with the claim (C9: a plan was offered before a formal notice)', () => {
		expect(
			num(
				db,
				`SELECT count(*) FROM claims WHERE stage IN ('formal_notice', 'legal') AND plan_offered_at IS NULL`
			)
		).toBe(0);
		expect(
			num(db, `SELECT count(*) FROM claims WHERE stage IN ('formal_notice', 'legal')`)
		).toBeGreaterThan(0);
		// open claims have exactly one current stage row, and it is the claim's stage
		const open = all(
			db,
			`SELECT c.id, c.stage, c.status, (SELECT count(*) FROM claim_stage_events e WHERE e.claim_id = c.id AND e.left_at IS NULL) AS current,
			        (SELECT stage FROM claim_stage_events e WHERE e.claim_id = c.id ORDER BY entered_at DESC, id DESC LIMIT 1) AS last
			 FROM claims c`
		);
		for (const r of open) {
			expect(r.last, `claim ${r.id}`).toBe(r.stage);
			expect(r.current, `claim ${r.id} (${r.status})`).toBe(r.status === 'open' ? 1 : 0);
		}
		const outcomes = new Set(
			all(db, 'SELECT DISTINCT outcome FROM claim_stage_events WHERE outcome IS NOT NULL').map(
				(r) => r.outcome
			)
		);
		for (const o of ['paid', 'in_plan', 'disputed', 'moved_on']) expect(outcomes).toContain(o);
	});

	it('contacts stay inside the C1 window: weekdays 08-20, Saturday 08-12, never Sunday or a public holiday', () => {
		const holidays = new Set([2024, 2025, 2026].flatMap(hungarianHolidays));
		const rows = all(db, 'SELECT occurred_at FROM contact_events');
		expect(rows.length).toBeGreaterThan(CLAIMS);
		for (const r of rows) {
			const p = localParts(Number(r.occurred_at));
			expect(p.weekday).not.toBe(0);
			expect(holidays.has(p.date)).toBe(false);
			expect(p.hour).toBeGreaterThanOrEqual(8);
			expect(p.hour).toBeLessThan(p.weekday === 6 ? 12 : 20);
		}
		// histories end before today
		expect(num(db, 'SELECT max(occurred_at) FROM contact_events')).toBeLessThan(
			instantAt('2026-03-02', 0)
		);
		expect(
			num(db, `SELECT count(*) FROM payments WHERE completed_at >= ?`, instantAt('2026-03-02', 0))
		).toBe(0);
	});

	it("lists the demo debtors' SMS and e-mails as messages, as their claim pages name them", () => {
		const demoContacts = num(
			db,
			`SELECT count(*) FROM contact_events e JOIN debtors d ON d.id = e.debtor_id
			  WHERE d.id <= 3 AND e.channel IN ('sms', 'email')`
		);
		expect(demoContacts).toBeGreaterThan(0);
		expect(num(db, 'SELECT count(*) FROM messages WHERE debtor_id <= 3')).toBe(demoContacts);
		// one message per contact, on its claim and at its time
		expect(
			num(
				db,
				`SELECT count(*) FROM contact_events e JOIN messages m ON m.dedupe_key = 'seed:contact:' || e.id
				  WHERE m.claim_id = e.claim_id AND m.channel = e.channel AND m.sent_at = e.occurred_at`
			)
		).toBe(demoContacts);
	});

	it("gives every seeded plan with a down payment at least its own rules' minimum, rounded as the rule rounds (walkthrough item 4)", () => {
		const plans = all(
			db,
			`SELECT p.down_payment_minor AS down, p.total_minor AS total, p.rules_json AS rules, c.currency
			 FROM plans p JOIN claims c ON c.id = p.claim_id WHERE p.down_payment_minor > 0`
		);
		expect(plans.length).toBeGreaterThan(0);
		const short = plans.filter((p) => {
			const rules = JSON.parse(String(p.rules)) as CreditorRules;
			const min = minDownPayment(rules, {
				balanceMinor: Number(p.total),
				currency: p.currency as Currency
			});
			return Number(p.down) < min;
		});
		expect(short).toEqual([]);
	});

	it('gives disputes the 30-day answer deadline (C7) and plans schedules that add up', () => {
		for (const d of all(
			db,
			'SELECT created_at, answer_due_date, status, answered_at FROM disputes'
		)) {
			expect(d.answer_due_date).toBe(addDays(localParts(Number(d.created_at)).date, 30));
			if (d.status === 'open') expect(d.answered_at).toBeNull();
			else expect(d.answered_at).not.toBeNull();
		}
		expect(
			num(
				db,
				`SELECT count(*) FROM plans p WHERE p.total_minor <> p.down_payment_minor + (SELECT sum(amount_minor) FROM installments i WHERE i.plan_id = p.id)`
			)
		).toBe(0);
		expect(
			num(
				db,
				// a proposal still waiting is its terms: its instalments come when it is approved
				`SELECT count(*) FROM plans p WHERE p.status <> 'proposed' AND installment_count <> (SELECT count(*) FROM installments i WHERE i.plan_id = p.id)`
			)
		).toBe(0);
		expect(
			num(
				db,
				`SELECT count(*) FROM claims c WHERE status = 'in_plan' AND NOT EXISTS (SELECT 1 FROM plans p WHERE p.claim_id = c.id AND p.status = 'active')`
			)
		).toBe(0);
		// a plan's payments are recorded as settling its installments, as reconciliation records them
		expect(num(db, `SELECT count(*) FROM payments WHERE plan_id IS NOT NULL`)).toBeGreaterThan(0);
		expect(
			num(
				db,
				`SELECT count(*) FROM payments WHERE plan_applied_minor <> CASE WHEN plan_id IS NULL THEN 0 ELSE amount_minor END`
			)
		).toBe(0);
	});
});
