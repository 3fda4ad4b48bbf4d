/**
 * The case page's service (issue 18 item 2): one debtor's claims at every creditor and one
 * timeline of everything, in order, filtered by claim and kind; the operator's acts from the page
 * (a note, a hold, an escalation with C9, a promise and a plan on the debtor's behalf, a visit),
 * each audited as the staff member.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { allRows, removeTempDbs, scalar, testDb } from '../helpers/db';
import { makeClaim, makeCreditor, makeDebtor, addStaff } from '../helpers/portal-fixtures';
import {
	addNote,
	caseFile,
	escalateClaim,
	scheduleVisit
} from '../../src/lib/server/services/case-file';
import { startOperatorHold } from '../../src/lib/server/services/holds';
import { makePromise } from '../../src/lib/server/services/promises';
import { proposePlan } from '../../src/lib/server/services/plans';
import { dueTasks } from '../../src/lib/server/services/tasks';
import { ConflictError, ForbiddenError } from '../../src/lib/server/services/errors';
import {
	TIMELINE_KINDS,
	type TimelineFilter,
	type TimelineKind
} from '../../src/lib/domain/timeline';
import { instantAt } from '../../src/lib/domain/clock';
import type { DB } from '../../src/lib/server/db/client';

afterAll(removeTempDbs);

const OPERATOR = { kind: 'operator' as const, userId: 1 };
const all = (): ((ids: number[]) => TimelineFilter) => () => ({
	claimId: null,
	kinds: [],
	page: 1
});
const only =
	(f: Partial<TimelineFilter>): ((ids: number[]) => TimelineFilter) =>
	() => ({ claimId: null, kinds: [], page: 1, ...f });

/** A debtor with a claim at two creditors, and a second debtor (whose rows must not show). */
function world() {
	const { db, clock } = testDb('2026-03-02');
	addStaff(db, 'operator', 'op@example.test', 'Oper Ottó');
	const bank = makeCreditor(db, 'Példa Bank Zrt.');
	const telco = makeCreditor(db, 'Távközlő Nyrt.', undefined, { taxNumber: '87654321-2-41' });
	const debtorId = makeDebtor(db, 'Kovács Anna', { phone: '+36301234567' });
	const bankClaim = makeClaim(db, bank, debtorId, { principal: 5_000_000 }, 'HUF', {
		reference: 'BANK-1'
	});
	const telcoClaim = makeClaim(db, telco, debtorId, { principal: 1_200_000 }, 'HUF', {
		reference: 'TEL-1'
	});
	const other = makeDebtor(db, 'Más Valaki');
	const otherClaim = makeClaim(db, bank, other, { principal: 100_000 }, 'HUF', {
		reference: 'BANK-2'
	});
	return { db, clock, debtorId, bankClaim, telcoClaim, other, otherClaim };
}

/** One row of every kind on the debtor's claims, each an hour after the one before, from `t0`. */
function everyKind(db: DB, debtorId: number, claimId: number, otherClaim: number, t0: number) {
	const c = db.$client;
	const at = (i: number) => t0 + i * 3_600_000;
	c.prepare(
		`INSERT INTO claim_stage_events (claim_id, stage, entered_at) VALUES (?, 'friendly_reminder', ?)`
	).run(claimId, at(1));
	c.prepare(
		`INSERT INTO messages (debtor_id, claim_id, channel, template_key, source, dedupe_key, status,
		   scheduled_at, sent_at, created_at, updated_at)
		 VALUES (?, ?, 'sms', 'friendly.reminder', 'engine', 'm1', 'delivered', ?, ?, ?, ?)`
	).run(debtorId, claimId, at(2), at(2), at(2), at(2));
	c.prepare(
		`INSERT INTO contact_events (claim_id, debtor_id, channel, stage, outcome, recording_ref, operator_id, occurred_at)
		 VALUES (?, ?, 'call', 'friendly_reminder', 'conversation', 'https://pbx.example.test/rec/77', 1, ?)`
	).run(claimId, debtorId, at(3));
	c.prepare(
		`INSERT INTO contact_events (claim_id, debtor_id, channel, stage, outcome, occurred_at)
		 VALUES (?, ?, 'visit', 'friendly_reminder', 'no_answer', ?)`
	).run(claimId, debtorId, at(4));
	const pay = c
		.prepare(
			`INSERT INTO payments (claim_id, debtor_id, amount_minor, currency, purpose, gateway, status, created_at, completed_at)
			 VALUES (?, ?, 100000, 'HUF', 'partial', 'bank_transfer', 'succeeded', ?, ?) RETURNING id`
		)
		.get(claimId, debtorId, at(5), at(5)) as { id: number };
	c.prepare(
		`INSERT INTO refunds (payment_id, amount_minor, reason, status, created_by, created_at)
		 VALUES (?, 5000, 'túlfizetés', 'succeeded', 1, ?)`
	).run(pay.id, at(6));
	const plan = c
		.prepare(
			`INSERT INTO plans (claim_id, debtor_id, status, frequency, installment_count, first_due_date,
			   total_minor, currency, rules_json, created_at)
			 VALUES (?, ?, 'active', 'monthly', 3, '2026-02-01', 300000, 'HUF', '{}', ?) RETURNING id`
		)
		.get(claimId, debtorId, at(7)) as { id: number };
	c.prepare(
		`INSERT INTO installments (plan_id, seq, due_date, amount_minor, paid_minor, status, paid_at)
		 VALUES (?, 1, '2026-02-01', 100000, 100000, 'paid', ?)`
	).run(plan.id, at(8));
	c.prepare(
		`INSERT INTO promises (claim_id, debtor_id, promised_date, amount_minor, created_at)
		 VALUES (?, ?, '2026-03-20', 50000, ?)`
	).run(claimId, debtorId, at(9));
	c.prepare(
		`INSERT INTO disputes (claim_id, debtor_id, reason, details, answer_due_date, created_at)
		 VALUES (?, ?, 'wrong_amount', 'Kevesebb volt.', '2026-04-01', ?)`
	).run(claimId, debtorId, at(10));
	c.prepare(
		`INSERT INTO case_notes (debtor_id, claim_id, body, created_by, created_at) VALUES (?, ?, 'Visszahívást kért.', 1, ?)`
	).run(debtorId, claimId, at(11));
	// a staff act in the audit trail, and one on another debtor's claim (not shown)
	c.prepare(
		`INSERT INTO audit_log (at, actor_kind, actor_id, action, entity, entity_id, after_json, prev_hash, hash)
		 VALUES (?, 'operator', 1, 'claim.status', 'claim', ?, '{"why":"kézi"}', 'x', 'y'),
		        (?, 'operator', 1, 'claim.status', 'claim', ?, NULL, 'y', 'z')`
	).run(at(12), String(claimId), at(12), String(otherClaim));
}

describe('the case file', () => {
	it('shows every claim at every creditor, and one timeline of every kind, newest first', () => {
		const { db, clock, debtorId, bankClaim, telcoClaim, otherClaim } = world();
		const t0 = clock.now() + 1000;
		everyKind(db, debtorId, bankClaim, otherClaim, t0);
		clock.set(t0 + 13 * 3_600_000);
		const f = caseFile(db, OPERATOR, debtorId, all());

		expect(f.debtor).toMatchObject({ name: 'Kovács Anna', phone: '+36301234567' });
		// operators see all: both creditors' claims, each with its balance and stage
		expect(f.claims.map((c) => [c.reference, c.creditor, c.balanceMinor]).sort()).toEqual([
			['BANK-1', 'Példa Bank Zrt.', 5_000_000],
			['TEL-1', 'Távközlő Nyrt.', 1_200_000]
		]);
		expect(f.totals).toEqual([{ currency: 'HUF', minor: 6_200_000 }]);
		expect(f.claims.find((c) => c.id === bankClaim)).toMatchObject({
			openPromise: { date: '2026-03-20', amountMinor: 50000 },
			openDisputes: 1,
			openPlan: { status: 'active' }
		});

		const events = f.timeline.events;
		const kinds = new Set(events.map((e) => e.kind));
		for (const k of TIMELINE_KINDS) expect(kinds, k).toContain(k);
		// newest first, every instant no later than the one before it
		for (let i = 1; i < events.length; i++)
			expect(events[i - 1].at).toBeGreaterThanOrEqual(events[i].at);
		// the rows written an hour apart come out in exactly the reverse order
		const mine = events.filter((e) => e.at >= t0);
		expect(mine.map((e) => e.kind)).toEqual([
			'staff',
			'note',
			'dispute',
			'promise',
			'installment',
			'plan',
			'refund',
			'payment',
			'visit',
			'call',
			'message',
			'stage'
		]);
		// no other debtor's record
		expect(events.some((e) => e.claimId === otherClaim)).toBe(false);
		// words for the page: the call's recording is a link, the note's text and author are there
		expect(events.find((e) => e.kind === 'call')).toMatchObject({
			what: 'conversation',
			recordingUrl: 'https://pbx.example.test/rec/77',
			by: 'Oper Ottó'
		});
		expect(events.find((e) => e.kind === 'note')).toMatchObject({
			text: 'Visszahívást kért.',
			by: 'Oper Ottó'
		});
		expect(events.find((e) => e.kind === 'message')).toMatchObject({
			what: 'delivered',
			channel: 'sms',
			template: 'friendly.reminder'
		});
		expect(f.timeline.counts.payment).toBe(1);
		expect(telcoClaim).toBeGreaterThan(0);
	});

	it('filters by claim and by kind, and pages a long history', () => {
		const { db, clock, debtorId, bankClaim, telcoClaim, otherClaim } = world();
		everyKind(db, debtorId, bankClaim, otherClaim, clock.now() + 1000);
		addNote(db, OPERATOR, { debtorId, claimId: telcoClaim, body: 'A telefonos ügy.' });
		addNote(db, OPERATOR, { debtorId, claimId: null, body: 'Az egész ügy.' });

		const telco = caseFile(db, OPERATOR, debtorId, only({ claimId: telcoClaim })).timeline;
		// the claim's own events, and the debtor's (a note on the whole case); not the bank claim's
		expect(telco.events.every((e) => e.claimId === telcoClaim || e.claimId === null)).toBe(true);
		expect(telco.events.map((e) => e.text)).toContain('A telefonos ügy.');
		expect(telco.events.map((e) => e.text)).toContain('Az egész ügy.');
		expect(telco.events.some((e) => e.kind === 'payment')).toBe(false);

		const notes = caseFile(db, OPERATOR, debtorId, only({ kinds: ['note'] })).timeline;
		expect(notes.events.map((e) => e.kind)).toEqual(['note', 'note', 'note']);
		expect(notes.total).toBe(3);

		const two: TimelineKind[] = ['payment', 'refund'];
		const money = caseFile(db, OPERATOR, debtorId, only({ kinds: two })).timeline;
		expect(money.events.map((e) => e.kind)).toEqual(['refund', 'payment']);

		// 120 notes: three pages of 50, the last one partly filled
		for (let i = 0; i < 117; i++) addNote(db, OPERATOR, { debtorId, claimId: null, body: `#${i}` });
		const p3 = caseFile(db, OPERATOR, debtorId, only({ kinds: ['note'], page: 3 })).timeline;
		expect([p3.page, p3.pages, p3.total, p3.events.length]).toEqual([3, 3, 120, 20]);
		// a page past the end is the last page, not an error
		expect(caseFile(db, OPERATOR, debtorId, only({ page: 99 })).timeline.page).toBe(
			caseFile(db, OPERATOR, debtorId, all()).timeline.pages
		);
	});

	it('is for agency staff only', () => {
		const { db, debtorId } = world();
		expect(() =>
			caseFile(db, { kind: 'creditor', userId: 1, creditorId: 1 }, debtorId, all())
		).toThrow(ForbiddenError);
		expect(() => caseFile(db, { kind: 'debtor', debtorId }, debtorId, all())).toThrow(
			ForbiddenError
		);
	});
});

describe('the acts from the case page', () => {
	it('a note is saved, audited as the operator, and shown on the timeline', () => {
		const { db, debtorId, bankClaim, otherClaim } = world();
		const { id } = addNote(db, OPERATOR, {
			debtorId,
			claimId: bankClaim,
			body: '  Hívjuk vissza. '
		});
		expect(scalar(db, 'SELECT body FROM case_notes WHERE id = ?', id)).toBe('Hívjuk vissza.');
		expect(
			allRows(
				db,
				`SELECT actor_kind AS k, actor_id AS a FROM audit_log WHERE action = 'note.add' AND entity_id = ?`,
				String(id)
			)
		).toEqual([{ k: 'operator', a: 1 }]);
		// the audit keeps the fact, not the words
		expect(scalar(db, `SELECT after_json FROM audit_log WHERE action = 'note.add'`)).not.toContain(
			'Hívjuk'
		);
		// empty, or on another debtor's claim: refused, nothing saved
		expect(() => addNote(db, OPERATOR, { debtorId, claimId: null, body: '   ' })).toThrow();
		expect(() => addNote(db, OPERATOR, { debtorId, claimId: otherClaim, body: 'x' })).toThrow();
		expect(scalar(db, 'SELECT count(*) FROM case_notes')).toBe(1);
	});

	it('a hold shows on the claim and, audited, on the timeline as the operator’s act', () => {
		const { db, debtorId, bankClaim } = world();
		startOperatorHold(db, OPERATOR, {
			claimId: bankClaim,
			kind: 'vulnerability',
			note: 'Kórházban van.'
		});
		const f = caseFile(db, OPERATOR, debtorId, all());
		expect(f.claims.find((c) => c.id === bankClaim)?.holds).toMatchObject([
			{ kind: 'vulnerability', operator: true, lastDay: null }
		]);
		const staff = f.timeline.events.filter((e) => e.kind === 'staff');
		expect(staff).toContainEqual(
			expect.objectContaining({ what: 'hold.start', by: 'Oper Ottó', claimId: bankClaim })
		);
	});

	it('escalates one stage at a time, refuses the formal notice before a plan offer (C9), audited', () => {
		const { db, clock, debtorId, bankClaim } = world();
		clock.set(instantAt('2026-03-03', 10));
		const stage = () => scalar(db, 'SELECT stage FROM claims WHERE id = ?', bankClaim);
		expect(escalateClaim(db, OPERATOR, { claimId: bankClaim, reason: 'Nem reagál.' }).to).toBe(
			'friendly_reminder'
		);
		expect(escalateClaim(db, OPERATOR, { claimId: bankClaim, reason: 'Nem reagál.' }).to).toBe(
			'firm_reminder'
		);
		expect(stage()).toBe('firm_reminder');
		// C9: no plan offered yet, so no formal notice; the claim stays where it is
		let refused: unknown = null;
		try {
			escalateClaim(db, OPERATOR, { claimId: bankClaim, reason: 'Nem reagál.' });
		} catch (e) {
			refused = e;
		}
		expect(refused).toBeInstanceOf(ConflictError);
		expect((refused as ConflictError).key).toBe('casefile.escalate.refused.c9_plan_offer_first');
		expect(stage()).toBe('firm_reminder');
		expect(
			scalar(
				db,
				`SELECT after_json FROM audit_log WHERE action = 'claim.escalate_refused' AND entity_id = ?`,
				String(bankClaim)
			)
		).toContain('c9_plan_offer_first');
		// once a plan was offered, the formal notice may come
		db.$client
			.prepare('UPDATE claims SET plan_offered_at = ? WHERE id = ?')
			.run(clock.now(), bankClaim);
		expect(escalateClaim(db, OPERATOR, { claimId: bankClaim, reason: 'Nem reagál.' }).to).toBe(
			'formal_notice'
		);
		expect(
			scalar(
				db,
				`SELECT count(*) FROM audit_log WHERE action = 'claim.escalate' AND actor_kind = 'operator' AND entity_id = ?`,
				String(bankClaim)
			)
		).toBe(3);
		// the stage history the reports read has it, and the case page shows it
		const f = caseFile(db, OPERATOR, debtorId, only({ claimId: bankClaim, kinds: ['stage'] }));
		expect(f.timeline.events.map((e) => e.what)).toEqual(
			expect.arrayContaining(['friendly_reminder', 'firm_reminder', 'formal_notice'])
		);
		// a reason is required
		expect(() => escalateClaim(db, OPERATOR, { claimId: bankClaim, reason: ' ' })).toThrow();
	});

	it('refuses to escalate a claim on hold', () => {
		const { db, bankClaim } = world();
		startOperatorHold(db, OPERATOR, {
			claimId: bankClaim,
			kind: 'deceased',
			note: 'Hagyatéki eljárás.'
		});
		expect(() => escalateClaim(db, OPERATOR, { claimId: bankClaim, reason: 'Sürgős.' })).toThrow(
			expect.objectContaining({ key: 'casefile.escalate.refused.on_hold' })
		);
	});

	it('records a promise and proposes a plan on the debtor’s behalf, audited as the operator', () => {
		const { db, debtorId, bankClaim } = world();
		const p = makePromise(db, OPERATOR, {
			claimId: bankClaim,
			promisedDate: '2026-03-10',
			amountMinor: 1_000_000
		});
		expect(p.debtorId).toBe(debtorId);
		expect(
			scalar(
				db,
				`SELECT actor_kind FROM audit_log WHERE action = 'promise.make' AND entity_id = ?`,
				String(p.id)
			)
		).toBe('operator');
		// the same rules as the portal: a date too far is refused
		expect(() =>
			makePromise(db, OPERATOR, {
				claimId: bankClaim,
				promisedDate: '2027-03-10',
				amountMinor: 100
			})
		).toThrow();
		const plan = proposePlan(db, OPERATOR, {
			claimId: bankClaim,
			proposal: {
				downPaymentMinor: 0,
				installmentCount: 5,
				frequency: 'monthly',
				firstDueDate: '2026-03-20'
			},
			mode: 'review'
		});
		expect(plan).toMatchObject({ status: 'proposed', debtorId, claimId: bankClaim });
		expect(
			scalar(
				db,
				`SELECT actor_kind FROM audit_log WHERE action = 'plan.propose' AND entity_id = ?`,
				String(plan.id)
			)
		).toBe('operator');
	});

	it('schedules a visit the visit queue lists on its day, once per day, audited', () => {
		const { db, clock, bankClaim } = world();
		const { id } = scheduleVisit(db, OPERATOR, { claimId: bankClaim, date: '2026-03-04' });
		expect(() => scheduleVisit(db, OPERATOR, { claimId: bankClaim, date: '2026-03-04' })).toThrow(
			ConflictError
		);
		// not a weekend, not the past
		expect(() => scheduleVisit(db, OPERATOR, { claimId: bankClaim, date: '2026-03-07' })).toThrow();
		expect(() => scheduleVisit(db, OPERATOR, { claimId: bankClaim, date: '2026-03-01' })).toThrow();
		expect(dueTasks(db, OPERATOR, { channel: 'visit' })).toEqual([]);
		clock.set(instantAt('2026-03-04', 10));
		expect(dueTasks(db, OPERATOR, { channel: 'visit' }).map((t) => t.id)).toEqual([id]);
		expect(
			scalar(
				db,
				`SELECT count(*) FROM audit_log WHERE action = 'visit.schedule' AND entity_id = ?`,
				String(id)
			)
		).toBe(1);
	});
});
