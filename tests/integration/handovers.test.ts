import { afterAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { auditsFor, removeTempDbs, scalar, testDb } from '../helpers/db';
import { conflictKey, makeCreditor, makeDebtor } from '../helpers/portal-fixtures';
import { claimsDue } from '../helpers/engine-fixtures';
import { contact, pay } from '../helpers/reports-fixtures';
import { backfill } from '../../src/lib/server/services/engine-run';
import {
	checkHandover,
	handoverQueue,
	handoverStatusOf,
	markHandedOver
} from '../../src/lib/server/services/handovers';
import { handoverPackage } from '../../src/lib/server/services/handover-package';
import { getClaimDetail, listClaims } from '../../src/lib/server/services/creditor-claims';
import { changeStatus } from '../../src/lib/server/services/claim-state';
import { engineActor } from '../../src/lib/server/services/engine';
import { writeTx } from '../../src/lib/server/services/tx';
import { postEntries } from '../../src/lib/server/services/ledger';
import { ConflictError, ForbiddenError, NotFoundError } from '../../src/lib/server/services/errors';
import { attachments, disputes, staffUsers } from '../../src/lib/server/db/schema';
import { instantAt } from '../../src/lib/domain/clock';
import type { Actor } from '../../src/lib/domain/actor';
import type { DB } from '../../src/lib/server/db/client';

afterAll(removeTempDbs);

/** The bytes as text, keeping a byte order mark (TextDecoder drops it by default). */
const strFromU8 = (b: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(b);

/**
 * Claims due on 2026-01-02 that the engine walks day by day into the legal stage (a plan was
 * offered, so C9 lets the formal notice go out), which queues each for the handover.
 */
function world(n = 2) {
	const { db, clock } = testDb('2026-01-02');
	const cr = makeCreditor(db);
	const debtor = makeDebtor(db, 'Kovács Éva', { email: 'eva@example.test', phone: '+36301234567' });
	const { ids } = claimsDue(db, n, {
		due: '2026-01-02',
		creditor: cr,
		debtorId: debtor,
		charges: { principal: 5_000_000, interest: 120_000 },
		reference: (i) => `JOG-${i + 1}`
	});
	db.$client.prepare('UPDATE claims SET plan_offered_at = ?').run(clock.now());
	const staff = (role: 'operator' | 'admin' | 'creditor', name: string) =>
		db
			.insert(staffUsers)
			.values({
				email: `${role}@rendez.test`,
				name,
				role,
				creditorId: role === 'creditor' ? cr.creditorId : null,
				passwordHash: 'x',
				createdAt: clock.now()
			})
			.returning()
			.get().id;
	const operator: Actor = { kind: 'operator', userId: staff('operator', 'Operátor Olga') };
	const admin: Actor = { kind: 'admin', userId: staff('admin', 'Admin Ádám') };
	const creditorUser: Actor = {
		kind: 'creditor',
		userId: staff('creditor', 'Bank Béla'),
		creditorId: cr.creditorId
	};
	return { db, clock, ids, operator, admin, creditorUser, debtor };
}

/** Runs the engine every business day until the claims are in the legal stage. */
function toLegal(db: DB, clock: { set(t: number): void }, until = '2026-05-29') {
	clock.set(instantAt(until, 15));
	backfill(db, '2026-01-05', until);
}

const handoverId = (db: DB, claimId: number) =>
	scalar(db, 'SELECT id FROM legal_handovers WHERE claim_id = ?', claimId);
const auditCount = (db: DB, action: string, id: number) =>
	auditsFor(db, action, 'legal_handover', id);

describe('the legal handover queue', () => {
	it('lists the claims the engine queued in the legal stage, with creditor, balance and days past due', () => {
		const { db, clock, ids, operator } = world();
		toLegal(db, clock);
		expect(scalar(db, 'SELECT stage FROM claims WHERE id = ?', ids[0])).toBe('legal');
		const rows = handoverQueue(db, operator).rows;
		expect(rows.map((r) => r.reference)).toEqual(['JOG-1', 'JOG-2']);
		expect(rows[0]).toMatchObject({
			creditorName: 'Példa Bank Zrt.',
			debtorName: 'Kovács Éva',
			balanceMinor: 5_120_000,
			daysPastDue: 147, // 2026-01-02 to 2026-05-29
			state: 'queued',
			checked: null,
			handedOver: null
		});
	});

	it('keeps a checked claim reachable behind a long queue: its own list, and pages with a count', () => {
		// more claims wait for a check than the old single list held (1000): the checked one came after them all
		const { db, clock, ids, operator } = world(1002);
		const put = db.$client.prepare(
			`INSERT INTO legal_handovers (claim_id, creditor_id, state, queued_at)
			 SELECT id, creditor_id, 'queued', ? FROM claims WHERE id = ?`
		);
		writeTx(db, () => ids.forEach((id) => put.run(clock.now(), id)));
		const checked = ids[0];
		checkHandover(db, operator, { handoverId: handoverId(db, checked) });

		const only = handoverQueue(db, operator, { filter: 'checked' });
		expect(only).toMatchObject({ total: 1, page: 1, pages: 1 });
		expect(only.rows.map((r) => r.claimId)).toEqual([checked]);
		expect(only.rows[0].state).toBe('checked');

		const first = handoverQueue(db, operator);
		expect(first).toMatchObject({ total: 1002, page: 1, pages: 21 });
		expect(first.rows).toHaveLength(50);
		expect(first.rows.every((r) => r.state === 'queued')).toBe(true);
		// the last page holds it (queued rows first); a page past the end is the last
		const last = handoverQueue(db, operator, { page: 21 });
		expect(last.rows.map((r) => r.claimId)).toContain(checked);
		expect(handoverQueue(db, operator, { page: 999 }).page).toBe(21);
		expect(handoverQueue(db, operator, { filter: 'all' }).total).toBe(1002);

		// handed over, it leaves the checked list and stays in the full one
		markHandedOver(db, operator, { handoverId: handoverId(db, checked) });
		expect(handoverQueue(db, operator, { filter: 'checked' }).total).toBe(0);
		expect(handoverQueue(db, operator).total).toBe(1001);
		expect(handoverQueue(db, operator, { filter: 'all' }).total).toBe(1002);
	});

	it('refuses to check a claim that was paid meanwhile, and shows it withdrawn', () => {
		const { db, clock, ids, operator } = world();
		toLegal(db, clock);
		writeTx(db, () => {
			pay(db, ids[0], '2026-05-29', { principal: 5_000_000, interest: 120_000 });
			changeStatus(db, engineActor, ids[0], 'paid', 'test');
		});
		const id = handoverId(db, ids[0]);
		expect(conflictKey(() => checkHandover(db, operator, { handoverId: id }))).toBe(
			'handover.refused.paid'
		);
		expect(scalar(db, 'SELECT state FROM legal_handovers WHERE id = ?', id)).toBe('queued');
		expect(auditCount(db, 'handover.checked', id)).toBe(0);
		// not in the to-do list; in the full list as withdrawn
		expect(handoverQueue(db, operator).rows.map((r) => r.claimId)).toEqual([ids[1]]);
		const all = handoverQueue(db, operator, { filter: 'all' }).rows;
		expect(all.find((r) => r.claimId === ids[0])?.state).toBe('withdrawn');
	});

	it('sends no package and hands nothing over for a claim paid after it was checked', async () => {
		const { db, clock, ids, operator } = world(1);
		toLegal(db, clock);
		const id = handoverId(db, ids[0]);
		checkHandover(db, operator, { handoverId: id });
		writeTx(db, () => {
			pay(db, ids[0], '2026-05-29', { principal: 5_000_000, interest: 120_000 });
			changeStatus(db, engineActor, ids[0], 'paid', 'test');
		});
		await expect(
			handoverPackage(db, operator, { handoverId: id, lang: 'hu' })
		).rejects.toMatchObject({ key: 'handover.refused.paid' });
		expect(conflictKey(() => markHandedOver(db, operator, { handoverId: id }))).toBe(
			'handover.refused.paid'
		);
		expect(auditCount(db, 'handover.package', id)).toBe(0);
		expect(handoverStatusOf(db, ids[0])?.state).toBe('withdrawn');
	});

	it('refuses a disputed claim, one in a plan and one whose balance is zero, each in words', () => {
		const { db, clock, ids, operator } = world(3);
		toLegal(db, clock);
		writeTx(db, () => {
			changeStatus(db, engineActor, ids[0], 'disputed', 'test');
			changeStatus(db, engineActor, ids[1], 'in_plan', 'test');
		});
		db.$client.prepare('UPDATE claims SET balance_minor = 0 WHERE id = ?').run(ids[2]);
		const check = (claimId: number) =>
			conflictKey(() => checkHandover(db, operator, { handoverId: handoverId(db, claimId) }));
		expect(check(ids[0])).toBe('handover.refused.disputed');
		expect(check(ids[1])).toBe('handover.refused.in_plan');
		expect(check(ids[2])).toBe('handover.refused.zeroBalance');
	});

	it('checks, builds the package (PDF, CSVs, ledger, contacts, documents) and hands over, each step audited', async () => {
		const { db, clock, ids, operator, admin, debtor } = world(1);
		toLegal(db, clock);
		contact(db, ids[0], 'letter', '2026-03-20', 'delivered');
		// a dispute the operator rejected earlier left a document with the claim
		const att = db
			.insert(attachments)
			.values({
				mime: 'application/pdf',
				sizeBytes: 9,
				sha256: 'x',
				content: Buffer.from('%PDF-1.4\n'),
				createdAt: clock.now()
			})
			.returning()
			.get().id;
		const disputeId = db
			.insert(disputes)
			.values({
				claimId: ids[0],
				debtorId: debtor,
				reason: 'wrong_amount',
				attachmentId: att,
				status: 'rejected',
				answerDueDate: '2026-03-01',
				createdAt: clock.now()
			})
			.returning()
			.get().id;
		const id = handoverId(db, ids[0]);

		// the package only after the check
		await expect(handoverPackage(db, operator, { handoverId: id, lang: 'hu' })).rejects.toThrow(
			ConflictError
		);
		expect(conflictKey(() => markHandedOver(db, operator, { handoverId: id }))).toBe(
			'handover.error.notChecked'
		);

		const checked = checkHandover(db, operator, { handoverId: id });
		expect(checked).toMatchObject({ state: 'checked', checked: { by: 'Operátor Olga' } });
		expect(conflictKey(() => checkHandover(db, admin, { handoverId: id }))).toBe(
			'handover.error.notQueued'
		);

		const pkg = await handoverPackage(db, operator, { handoverId: id, lang: 'hu' });
		expect(pkg.filename).toBe('handover-JOG-1.zip');
		const files = unzipSync(pkg.bytes);
		expect(Object.keys(files).sort()).toEqual([
			'claim.csv',
			'contacts.csv',
			`documents/dispute-${disputeId}.pdf`,
			'ledger.csv',
			'summary.pdf'
		]);
		expect(strFromU8(files['summary.pdf'].subarray(0, 5))).toBe('%PDF-');
		expect(strFromU8(files[`documents/dispute-${disputeId}.pdf`])).toBe('%PDF-1.4\n');

		const claimCsv = strFromU8(files['claim.csv']);
		expect(claimCsv.startsWith('\uFEFF')).toBe(true);
		const [head, values] = claimCsv.slice(1).trimEnd().split('\r\n');
		const field = (name: string) => values.split(';')[head.split(';').indexOf(name)];
		expect(field('Hivatkozási szám')).toBe('JOG-1');
		expect(field('Név')).toBe('Kovács Éva');
		expect(field('Telefon')).toBe('+36301234567');
		expect(field('Tőke')).toBe('50000.00');
		expect(field('Kamat')).toBe('1200.00');
		expect(field('Fennálló tartozás összesen')).toBe('51200.00');
		expect(field('Szakasz')).toBe('Jogi út');

		const ledger = strFromU8(files['ledger.csv']).slice(1).trimEnd().split('\r\n');
		expect(ledger).toHaveLength(3); // header, principal and interest charges
		expect(ledger[1]).toBe('2026-01-10;Tőke;terhelés;50000.00;HUF;');

		const contacts = strFromU8(files['contacts.csv']).slice(1).trimEnd().split('\r\n');
		expect(contacts).toHaveLength(2);
		expect(contacts[1]).toMatch(/^2026-03-20 \d\d:\d\d;Levél;Jogi út;kimenő;kézbesítve$/);

		// the English package says the same in English
		const en = unzipSync((await handoverPackage(db, admin, { handoverId: id, lang: 'en' })).bytes);
		expect(strFromU8(en['claim.csv'])).toContain('Total balance');
		expect(auditCount(db, 'handover.package', id)).toBe(2);

		const done = markHandedOver(db, operator, { handoverId: id });
		expect(done).toMatchObject({ state: 'handed_over', handedOver: { by: 'Operátor Olga' } });
		const opId = operator.kind === 'operator' ? operator.userId : 0;
		expect(
			db.$client
				.prepare('SELECT state, handed_over_by, handed_over_at FROM legal_handovers WHERE id = ?')
				.get(id)
		).toEqual({ state: 'handed_over', handed_over_by: opId, handed_over_at: clock.now() });
		expect(auditCount(db, 'handover.checked', id)).toBe(1);
		expect(auditCount(db, 'handover.handed_over', id)).toBe(1);
		expect(conflictKey(() => markHandedOver(db, operator, { handoverId: id }))).toBe(
			'handover.error.handedOver'
		);
		// the package can be fetched again for the law firm after the handover
		await expect(
			handoverPackage(db, operator, { handoverId: id, lang: 'hu' })
		).resolves.toBeTruthy();
		expect(handoverStatusOf(db, ids[0])).toEqual({ state: 'handed_over', on: '2026-05-29' });
	});

	it('writes the ledger memos and a visit’s outcome in words, never as codes', async () => {
		const { db, clock, ids, operator } = world(1);
		toLegal(db, clock);
		writeTx(db, () =>
			postEntries(db, ids[0], [
				{
					component: 'cost',
					kind: 'charge',
					amountMinor: 1_000,
					effectiveDate: '2026-05-29',
					memo: 'placement'
				},
				{
					component: 'fee',
					kind: 'charge',
					amountMinor: 500,
					effectiveDate: '2026-05-29',
					memo: 'stage_fee'
				}
			])
		);
		contact(db, ids[0], 'visit', '2026-04-20', 'no_answer');
		contact(db, ids[0], 'call', '2026-04-21', 'no_answer');
		const id = handoverId(db, ids[0]);
		checkHandover(db, operator, { handoverId: id });
		const files = unzipSync(
			(await handoverPackage(db, operator, { handoverId: id, lang: 'hu' })).bytes
		);
		const ledger = strFromU8(files['ledger.csv']);
		expect(ledger).toContain(';Költség;terhelés;10.00;HUF;a megbízó által átadott követelés');
		expect(ledger).toContain(';behajtási díj');
		expect(ledger).not.toMatch(/;(placement|stage_fee)\r\n/);
		const contacts = strFromU8(files['contacts.csv']);
		expect(contacts).toMatch(
			/^2026-04-20 \d\d:\d\d;Személyes látogatás;[^;]+;kimenő;nem volt otthon\r$/m
		);
		expect(contacts).toMatch(/^2026-04-21 \d\d:\d\d;[^;]+;[^;]+;kimenő;nem vette fel\r$/m);
		const en = unzipSync(
			(await handoverPackage(db, operator, { handoverId: id, lang: 'en' })).bytes
		);
		expect(strFromU8(en['ledger.csv'])).toContain(';claim as placed by the creditor');
		expect(strFromU8(en['contacts.csv'])).toContain(';not at home');
	});

	it('is for operators and admins only: creditors and debtors are refused, unknown rows are not found', async () => {
		const { db, clock, ids, creditorUser, debtor, operator } = world(1);
		toLegal(db, clock);
		const id = handoverId(db, ids[0]);
		const debtorActor: Actor = { kind: 'debtor', debtorId: debtor };
		for (const actor of [creditorUser, debtorActor]) {
			expect(() => handoverQueue(db, actor)).toThrow(ForbiddenError);
			expect(() => checkHandover(db, actor, { handoverId: id })).toThrow(ForbiddenError);
			expect(() => markHandedOver(db, actor, { handoverId: id })).toThrow(ForbiddenError);
			await expect(handoverPackage(db, actor, { handoverId: id, lang: 'hu' })).rejects.toThrow(
				ForbiddenError
			);
		}
		expect(() => checkHandover(db, operator, { handoverId: id + 100 })).toThrow(NotFoundError);
		expect(scalar(db, `SELECT count(*) FROM audit_log WHERE entity = 'legal_handover'`)).toBe(0);
	});

	it("shows the creditor its claim's handover status, and filters its list by it", () => {
		const { db, clock, ids, operator, creditorUser } = world(2);
		expect(getClaimDetail(db, creditorUser, ids[0]).handover).toBeNull();
		toLegal(db, clock);
		expect(getClaimDetail(db, creditorUser, ids[0]).handover).toEqual({
			state: 'queued',
			on: '2026-05-29'
		});
		const id = handoverId(db, ids[0]);
		checkHandover(db, operator, { handoverId: id });
		clock.set(instantAt('2026-06-02', 11));
		markHandedOver(db, operator, { handoverId: id });
		expect(getClaimDetail(db, creditorUser, ids[0]).handover).toEqual({
			state: 'handed_over',
			on: '2026-06-02'
		});
		const refs = (handover: string) =>
			listClaims(db, creditorUser, { handover }).rows.map((r) => r.reference);
		expect(refs('handed_over')).toEqual(['JOG-1']);
		expect(refs('queued')).toEqual(['JOG-2']);
		expect(refs('nonsense').sort()).toEqual(['JOG-1', 'JOG-2']);
	});
});
