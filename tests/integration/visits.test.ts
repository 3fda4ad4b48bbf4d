import { afterAll, describe, expect, it } from 'vitest';
import { allRows, removeTempDbs, scalar, testDb } from '../helpers/db';
import { makeClaim, makeCreditor, makeDebtor } from '../helpers/portal-fixtures';
import {
	addRegion,
	fieldRegions,
	myVisits,
	recordVisit,
	removeRegion,
	visitCounts
} from '../../src/lib/server/services/visits';
import { scheduleVisit } from '../../src/lib/server/services/case-acts';
import { caseFile } from '../../src/lib/server/services/case-file';
import { callList } from '../../src/lib/server/services/calls';
import { claimContacts } from '../../src/lib/server/services/messages-of-claim';
import { dueTasks } from '../../src/lib/server/services/tasks';
import {
	ConflictError,
	ForbiddenError,
	NotFoundError,
	ValidationError
} from '../../src/lib/server/services/errors';
import { instantAt } from '../../src/lib/domain/clock';

afterAll(removeTempDbs);

const ADMIN = { kind: 'admin' as const, userId: 1 };
const OPERATOR = { kind: 'operator' as const, userId: 2 };
/** The default rules for the 200 000 Ft claim on 3 March: no down payment, at most 4 instalments
 * (the band up to 400 000 Ft), the first within 30 days, any of the three frequencies. */
const PLAN_LIMITS = {
	minDownMinor: 0,
	maxInstallments: 4,
	latestFirstDueDate: '2026-04-02',
	frequencies: ['weekly', 'biweekly', 'monthly']
};
const PDF = new Uint8Array([...Buffer.from('%PDF-1.4\n% signed acknowledgement\n')]);

/** Two field agents (Budapest 1000–1239; Szeged 6700–6799) and a claim in each region, both to visit today. */
function world() {
	const { db, clock } = testDb('2026-03-03', 10);
	const staff = db.$client.prepare(
		`INSERT INTO staff_users (email, name, role, password_hash, created_at) VALUES (?, ?, ?, 'x', 0)`
	);
	staff.run('admin@example.test', 'Admin', 'admin');
	staff.run('op@example.test', 'Op', 'operator');
	const budapest = {
		kind: 'field_agent' as const,
		userId: Number(staff.run('bp@example.test', 'Pesti', 'field_agent').lastInsertRowid)
	};
	const szeged = {
		kind: 'field_agent' as const,
		userId: Number(staff.run('sz@example.test', 'Szegedi', 'field_agent').lastInsertRowid)
	};
	addRegion(db, ADMIN, { agentId: budapest.userId, postalFrom: '1000', postalTo: '1239' });
	addRegion(db, ADMIN, { agentId: szeged.userId, postalFrom: '6700', postalTo: '6799' });
	const cr = makeCreditor(db);
	const inBudapest = makeClaim(db, cr, makeDebtor(db, 'Pesti Péter'), { principal: 200_000_00 });
	const other = makeDebtor(db, 'Szegedi Zita');
	db.$client
		.prepare(`UPDATE debtors SET postal_code = '6720', city = 'Szeged' WHERE id = ?`)
		.run(other);
	const inSzeged = makeClaim(db, cr, other, { principal: 90_000_00 });
	const bpTask = scheduleVisit(db, OPERATOR, { claimId: inBudapest, date: '2026-03-03' }).id;
	const szTask = scheduleVisit(db, OPERATOR, { claimId: inSzeged, date: '2026-03-03' }).id;
	return { db, clock, budapest, szeged, inBudapest, inSzeged, bpTask, szTask };
}

describe('field visits by region', () => {
	it('a field agent sees only their region’s visits, with the address and the balance', () => {
		const { db, budapest, szeged, inBudapest, inSzeged } = world();
		const mine = myVisits(db, budapest);
		expect(mine.map((v) => v.claimId)).toEqual([inBudapest]);
		expect(mine[0]).toMatchObject({
			debtorName: 'Pesti Péter',
			postalCode: '1051',
			address: 'Példa u. 1.',
			balanceMinor: 200_000_00,
			callable: { refusal: null }
		});
		expect(myVisits(db, szeged).map((v) => v.claimId)).toEqual([inSzeged]);
		// the creditor's plan limits for the claim, for the agent's form to say before proposing
		expect(mine[0].planLimits).toEqual(PLAN_LIMITS);
		expect(visitCounts(db, OPERATOR)).toEqual({ due: 2, unassigned: 0 });
		removeRegion(db, ADMIN, { regionId: fieldRegions(db, ADMIN).regions[1].id });
		expect(visitCounts(db, OPERATOR)).toEqual({ due: 2, unassigned: 1 });
	});

	it('lists the day’s visits in route order (by postal code, then street)', () => {
		const { db, budapest, inBudapest } = world();
		const cr = makeCreditor(db, 'Harmadik Bank Zrt.', undefined, { taxNumber: '11111111-2-42' });
		const d = makeDebtor(db, 'Budai Béla');
		db.$client.prepare(`UPDATE debtors SET postal_code = '1013' WHERE id = ?`).run(d);
		const early = makeClaim(db, cr, d, { principal: 10_000_00 });
		scheduleVisit(db, OPERATOR, { claimId: early, date: '2026-03-03' });
		expect(myVisits(db, budapest).map((v) => v.claimId)).toEqual([early, inBudapest]);
	});

	it('an agent cannot record another region’s visit, nor use the operators’ queues', () => {
		const { db, budapest, szTask } = world();
		expect(() => recordVisit(db, budapest, { taskId: szTask, outcome: 'met', note: '' })).toThrow(
			NotFoundError
		);
		expect(() => dueTasks(db, budapest)).toThrow(ForbiddenError);
		expect(() => callList(db, budapest)).toThrow(ForbiddenError);
		expect(() => fieldRegions(db, budapest)).toThrow(ForbiddenError);
		expect(() => myVisits(db, OPERATOR)).toThrow(ForbiddenError);
	});

	it('records a visit with the signed acknowledgement and a plan proposed on the spot', () => {
		const { db, budapest, bpTask, inBudapest } = world();
		recordVisit(db, budapest, {
			taskId: bpTask,
			outcome: 'met',
			note: 'Aláírta az elismerést.',
			file: PDF,
			// inside the creditor's rules (at most 4 installments for this balance)
			plan: {
				downPaymentMinor: 0,
				installmentCount: 4,
				frequency: 'monthly',
				firstDueDate: '2026-03-15'
			}
		});
		const [c] = allRows(
			db,
			`SELECT e.channel, e.outcome, e.note, a.mime FROM contact_events e
			   JOIN attachments a ON a.id = e.attachment_id WHERE e.claim_id = ?`,
			inBudapest
		);
		expect(c).toEqual({
			channel: 'visit',
			outcome: 'conversation',
			note: 'Aláírta az elismerést.',
			mime: 'application/pdf'
		});
		expect(scalar(db, `SELECT status FROM plans WHERE claim_id = ?`, inBudapest)).toBe('proposed');
		expect(scalar(db, `SELECT state FROM planned_actions WHERE id = ?`, bpTask)).toBe('done');
		expect(myVisits(db, budapest)).toEqual([]);
	});

	it('a plan proposed on the spot keeps the creditor’s rules and is the agent’s, on the debtor’s behalf', () => {
		const { db, budapest, bpTask, inBudapest } = world();
		const debtorId = scalar(db, `SELECT debtor_id FROM claims WHERE id = ?`, inBudapest) as number;
		// no down payment, 40 monthly installments: this balance takes at most 4
		const visit = (installmentCount: number) => ({
			taskId: bpTask,
			outcome: 'met' as const,
			note: 'Találkoztunk.',
			plan: {
				downPaymentMinor: 0,
				installmentCount,
				frequency: 'monthly' as const,
				firstDueDate: '2026-03-15'
			}
		});
		let refused: unknown;
		try {
			recordVisit(db, budapest, visit(40));
		} catch (e) {
			refused = e;
		}
		expect(refused).toBeInstanceOf(ValidationError);
		expect((refused as ValidationError).fields).toEqual({
			installmentCount: { key: 'plans.rule.countMax', params: { max: 4 } }
		});
		// nothing recorded: no plan, no contact, the visit still to do
		expect(scalar(db, `SELECT count(*) FROM plans`)).toBe(0);
		expect(scalar(db, `SELECT count(*) FROM contact_events`)).toBe(0);
		expect(scalar(db, `SELECT state FROM planned_actions WHERE id = ?`, bpTask)).toBe('planned');

		recordVisit(db, budapest, visit(4));
		const planId = scalar(db, `SELECT id FROM plans WHERE claim_id = ?`, inBudapest) as number;
		// audited as the agent's, on the debtor's behalf
		const [a] = allRows(
			db,
			`SELECT actor_kind AS kind, actor_id AS id, after_json AS after FROM audit_log
			  WHERE action = 'plan.propose' AND entity_id = ?`,
			String(planId)
		) as { kind: string; id: number; after: string }[];
		expect(a).toMatchObject({ kind: 'field_agent', id: budapest.userId });
		expect(JSON.parse(a.after)).toMatchObject({
			claimId: inBudapest,
			installmentCount: 4,
			onBehalfOfDebtorId: debtorId
		});
		// the case timeline names the agent as the one who proposed it
		const timeline = caseFile(db, OPERATOR, debtorId, (ids) => ({
			claimId: ids[0] ?? null,
			kinds: ['plan'],
			page: 1
		})).timeline.events;
		expect(timeline).toEqual([
			expect.objectContaining({ key: `plan:${planId}`, what: 'proposed', by: 'Pesti' })
		]);
	});

	it('checks the acknowledgement by its content, not its name', () => {
		const { db, budapest, bpTask } = world();
		const fake = new Uint8Array([...Buffer.from('MZ this is an executable')]);
		expect(() =>
			recordVisit(db, budapest, { taskId: bpTask, outcome: 'met', note: '', file: fake })
		).toThrow(ValidationError);
		expect(scalar(db, 'SELECT count(*) FROM contact_events')).toBe(0);
	});

	it('respects C1 and counts under C2 in the same transaction', () => {
		const { db, clock, budapest, bpTask, inBudapest } = world();
		clock.set(instantAt('2026-03-03', 21));
		expect(myVisits(db, budapest)[0].callable.refusal).toBe('c1_window');
		expect(() => recordVisit(db, budapest, { taskId: bpTask, outcome: 'met', note: '' })).toThrow(
			ConflictError
		);
		expect(
			scalar(db, `SELECT blocked_reason FROM contact_events WHERE claim_id = ?`, inBudapest)
		).toBe('c1_window');
		clock.set(instantAt('2026-03-03', 10));
		const ins = db.$client.prepare(
			`INSERT INTO contact_events (claim_id, debtor_id, channel, stage, direction, outcome, occurred_at)
			 SELECT id, debtor_id, 'call', stage, 'outbound', 'no_answer', ? FROM claims WHERE id = ?`
		);
		for (const d of ['2026-02-27', '2026-03-02', '2026-03-02'])
			ins.run(instantAt(d, 10), inBudapest);
		expect(() => recordVisit(db, budapest, { taskId: bpTask, outcome: 'met', note: '' })).toThrow(
			expect.objectContaining({ key: 'ops.tasks.refused.c2_cap' })
		);
	});

	it('the creditor reads a visit’s outcome as a visit’s: moved away is not “other”', () => {
		const { db, clock, budapest, szeged, bpTask, szTask, inBudapest, inSzeged } = world();
		recordVisit(db, budapest, { taskId: bpTask, outcome: 'moved', note: '' });
		clock.advance(60_000);
		recordVisit(db, szeged, { taskId: szTask, outcome: 'not_home', note: '' });
		const creditorId = scalar(db, 'SELECT creditor_id FROM claims WHERE id = ?', inBudapest);
		const creditor = { kind: 'creditor' as const, userId: 0, creditorId };
		const outcomes = (claimId: number) =>
			claimContacts(db, creditor, claimId).list.map((r) => [r.channel, r.outcome]);
		expect(outcomes(inBudapest)).toEqual([['visit', 'moved']]);
		expect(outcomes(inSzeged)).toEqual([['visit', 'no_answer']]);
	});

	it('regions are set by admins only, as ranges of postal codes', () => {
		const { db, budapest } = world();
		expect(() =>
			addRegion(db, ADMIN, { agentId: budapest.userId, postalFrom: '2000', postalTo: '1999' })
		).toThrow(ValidationError);
		expect(() =>
			addRegion(db, OPERATOR, { agentId: budapest.userId, postalFrom: '2000', postalTo: '2999' })
		).toThrow(ForbiddenError);
		const { regions } = fieldRegions(db, ADMIN);
		expect(regions.map((r) => `${r.postalFrom}-${r.postalTo}`)).toEqual(['1000-1239', '6700-6799']);
		removeRegion(db, ADMIN, { regionId: regions[0].id });
		expect(myVisits(db, budapest)).toEqual([]);
	});
});
