/**
 * A small fixed dataset for the creditor reports, built through the real write paths (postEntries,
 * enterStage, changeStatus) so the rollup triggers see what production code does. The expected
 * figures in reports.test.ts are computed by hand from this file.
 */
import type { DB } from '../../src/lib/server/db/client';
import {
	portfolios,
	debtors,
	claims,
	claimStageEvents,
	payments,
	plans,
	installments,
	staffUsers
} from '../../src/lib/server/db/schema';
import { postEntries, type NewEntry } from '../../src/lib/server/services/ledger';
import { changeStatus, enterStage } from '../../src/lib/server/services/claim-state';
import { writeTx } from '../../src/lib/server/services/tx';
import { instantAt } from '../../src/lib/domain/clock';
import type { Actor } from '../../src/lib/domain/actor';
import { systemActor } from '../../src/lib/domain/actor';
import { insertRow, testDb } from './db';

const SYS = systemActor('test');
const at = (date: string, hour = 10) => instantAt(date, hour);

export interface Fixture {
	a: number;
	b: number;
	p1: number;
	p2: number;
	pb: number;
	c1: number;
	c2: number;
	c3: number;
	c4: number;
	cb: number;
	actorA: Actor;
	actorB: Actor;
}

/**
 * A creditor row with only the columns of the first migration, so the migration tests can add one
 * to a database built before later migrations added creditor columns.
 */
export function addCreditor(db: DB, name: string): number {
	return Number(
		db.$client
			.prepare(
				`INSERT INTO creditors (name, short_name, sector, tax_number, created_at)
				 VALUES (?, ?, 'bank', '12345676-2-42', ?)`
			)
			.run(name, name, at('2025-12-01')).lastInsertRowid
	);
}

export function addPortfolio(db: DB, creditorId: number, name: string, placedDate: string): number {
	return insertRow(db, portfolios, { creditorId, name, placedDate, createdAt: at(placedDate) }).id;
}

let debtorSeq = 0;
export function addClaim(
	db: DB,
	o: {
		creditorId: number;
		portfolioId: number;
		reference: string;
		currency: 'HUF' | 'EUR';
		placedDate: string;
		dueDate: string;
		charges: Partial<Record<'principal' | 'interest' | 'fee' | 'cost', number>>;
		debtorName?: string;
	}
): number {
	const d = insertRow(db, debtors, {
		kind: 'person',
		name: o.debtorName ?? `Adós ${++debtorSeq}`,
		birthDate: '1980-01-01',
		postalCode: '1051',
		city: 'Budapest',
		address: 'Fő u. 1.',
		createdAt: at(o.placedDate)
	});
	const total = Object.values(o.charges).reduce((a, b) => a + (b ?? 0), 0);
	const id = insertRow(db, claims, {
		creditorId: o.creditorId,
		portfolioId: o.portfolioId,
		debtorId: d.id,
		reference: o.reference,
		currency: o.currency,
		placedDate: o.placedDate,
		dueDate: o.dueDate,
		stageChangedAt: at(o.placedDate),
		placedMinor: total,
		balanceMinor: 0,
		createdAt: at(o.placedDate)
	}).id;
	db.insert(claimStageEvents)
		.values({ claimId: id, stage: 'new', enteredAt: at(o.placedDate) })
		.run();
	postEntries(
		db,
		id,
		Object.entries(o.charges).map(
			([component, amount]) =>
				({
					component,
					kind: 'charge',
					amountMinor: amount!,
					effectiveDate: o.placedDate
				}) as NewEntry
		)
	);
	return id;
}

/** A succeeded payment (payments row + ledger lines, allocated by the caller). */
export function pay(
	db: DB,
	claimId: number,
	date: string,
	parts: Partial<Record<'principal' | 'interest' | 'fee' | 'cost', number>>,
	planId?: number
): number {
	const c = db.$client
		.prepare('SELECT debtor_id, currency FROM claims WHERE id = ?')
		.get(claimId) as { debtor_id: number; currency: 'HUF' | 'EUR' };
	const amount = Object.values(parts).reduce((a, b) => a + (b ?? 0), 0);
	const p = insertRow(db, payments, {
		claimId,
		debtorId: c.debtor_id,
		planId: planId ?? null,
		amountMinor: amount,
		currency: c.currency,
		purpose: 'partial',
		gateway: 'demo',
		status: 'succeeded',
		createdAt: at(date),
		completedAt: at(date)
	});
	postEntries(
		db,
		claimId,
		Object.entries(parts).map(
			([component, a]) =>
				({
					component,
					kind: 'payment',
					amountMinor: -a!,
					effectiveDate: date,
					paymentId: p.id
				}) as NewEntry
		)
	);
	return p.id;
}

export function contact(
	db: DB,
	claimId: number,
	channel: 'sms' | 'email' | 'letter' | 'call' | 'visit',
	date: string,
	outcome = 'sent'
): void {
	const c = db.$client.prepare('SELECT debtor_id, stage FROM claims WHERE id = ?').get(claimId) as {
		debtor_id: number;
		stage: 'new';
	};
	// the columns named, so the fixture also fills a database built by older migrations
	// (placement-files-migration.test.ts) after contact_events gained columns
	db.$client
		.prepare(
			`INSERT INTO contact_events (claim_id, debtor_id, channel, stage, outcome, occurred_at)
			 VALUES (?, ?, ?, ?, ?, ?)`
		)
		.run(claimId, c.debtor_id, channel, c.stage, outcome, at(date));
}

export function addPlan(
	db: DB,
	claimId: number,
	status: 'active' | 'broken' | 'completed',
	inst: {
		due: string;
		status: 'due' | 'paid' | 'late' | 'missed';
		onTime: boolean | null;
		amount: number;
	}[]
): number {
	const c = db.$client
		.prepare('SELECT debtor_id, currency FROM claims WHERE id = ?')
		.get(claimId) as { debtor_id: number; currency: 'HUF' | 'EUR' };
	const total = inst.reduce((a, i) => a + i.amount, 0);
	const planId = insertRow(db, plans, {
		claimId,
		debtorId: c.debtor_id,
		status,
		frequency: 'monthly',
		installmentCount: inst.length,
		firstDueDate: inst[0].due,
		totalMinor: total,
		currency: c.currency,
		rulesJson: '{}',
		createdAt: at('2026-01-25')
	}).id;
	inst.forEach((i, k) =>
		db
			.insert(installments)
			.values({
				planId,
				seq: k + 1,
				dueDate: i.due,
				amountMinor: i.amount,
				status: i.status,
				paidOnTime: i.onTime,
				paidMinor: i.status === 'paid' ? i.amount : 0
			})
			.run()
	);
	return planId;
}

export function addCreditorUser(db: DB, creditorId: number, email: string): number {
	return insertRow(db, staffUsers, {
		email,
		name: email,
		role: 'creditor',
		creditorId,
		passwordHash: 'x',
		createdAt: at('2025-12-01')
	}).id;
}

/** The dataset; run with the clock at 2026-03-02 (manualClock()). */
export function buildFixture(db: DB): Fixture {
	return writeTx(db, () => {
		const a = addCreditor(db, 'Alfa Bank');
		const b = addCreditor(db, 'Béta Közmű');
		// a portfolio: its creditor and placing day go with every claim placed in it
		const portfolio = (creditorId: number, name: string, placedDate: string) => ({
			creditorId,
			portfolioId: addPortfolio(db, creditorId, name, placedDate),
			placedDate
		});
		const in1 = portfolio(a, 'Alfa 2026/01', '2026-01-10');
		const in2 = portfolio(a, 'Alfa 2026/02', '2026-02-05');
		const inB = portfolio(b, 'Béta 2026/01', '2026-01-10');
		const claimRows: [
			place: typeof in1,
			reference: string,
			dueDate: string,
			debtorName: string,
			charges: Parameters<typeof addClaim>[1]['charges'],
			currency?: 'HUF' | 'EUR'
		][] = [
			[in1, 'A-001', '2025-12-01', 'Kovács Anna', { principal: 10_000_000, interest: 500_000 }],
			[in1, 'A-002', '2025-10-15', 'Nagy Béla', { principal: 5_000_000 }],
			[in1, 'A-003', '2025-06-01', 'Szabó Cecília', { principal: 100_000, fee: 4_000 }, 'EUR'],
			[in2, 'A-004', '2026-01-20', 'Kovács Dénes', { principal: 2_000_000 }],
			[inB, 'B-001', '2025-12-01', 'Béta Adós', { principal: 99_000_000 }]
		];
		const [c1, c2, c3, c4, cb] = claimRows.map(
			([place, reference, dueDate, debtorName, charges, currency = 'HUF']) =>
				addClaim(db, { ...place, reference, currency, dueDate, charges, debtorName })
		);
		const [p1, p2, pb] = [in1, in2, inB].map((p) => p.portfolioId);

		// c1: contacted, paid in two steps, paid off from the friendly reminder
		contact(db, c1, 'email', '2026-01-01');
		contact(db, c1, 'sms', '2026-01-15');
		enterStage(db, SYS, c1, 'friendly_reminder');
		pay(db, c1, '2026-01-20', { interest: 500_000, principal: 2_500_000 });
		pay(db, c1, '2026-02-15', { principal: 7_500_000 });
		changeStatus(db, SYS, c1, 'paid', 'paid off');

		// c2: friendly -> firm -> a plan, first installment paid on time
		enterStage(db, SYS, c2, 'friendly_reminder');
		enterStage(db, SYS, c2, 'firm_reminder');
		contact(db, c2, 'call', '2026-02-01', 'conversation');
		contact(db, c2, 'call', '2026-02-20', 'blocked');
		changeStatus(db, SYS, c2, 'in_plan', 'plan');
		const plan2 = addPlan(db, c2, 'active', [
			{ due: '2026-02-10', status: 'paid', onTime: true, amount: 2_500_000 },
			{ due: '2026-03-10', status: 'due', onTime: null, amount: 2_500_000 }
		]);
		pay(db, c2, '2026-02-09', { principal: 2_500_000 }, plan2);

		// c3: disputed at once
		changeStatus(db, SYS, c3, 'disputed', 'dispute');

		// c4: partly paid, part refunded, a broken plan, two letters
		contact(db, c4, 'letter', '2026-02-06');
		contact(db, c4, 'letter', '2026-02-26');
		pay(db, c4, '2026-02-20', { principal: 1_000_000 });
		postEntries(db, c4, [
			{ component: 'principal', kind: 'refund', amountMinor: 200_000, effectiveDate: '2026-02-25' }
		]);
		addPlan(db, c4, 'broken', [
			{ due: '2026-02-15', status: 'missed', onTime: null, amount: 2_000_000 }
		]);

		// creditor B: must never show up in A's figures
		contact(db, cb, 'sms', '2026-01-15');
		pay(db, cb, '2026-01-16', { principal: 50_000_000 });
		addPlan(db, cb, 'active', [
			{ due: '2026-02-10', status: 'paid', onTime: false, amount: 49_000_000 }
		]);

		return {
			a,
			b,
			p1,
			p2,
			pb,
			c1,
			c2,
			c3,
			c4,
			cb,
			actorA: { kind: 'creditor', userId: 1, creditorId: a },
			actorB: { kind: 'creditor', userId: 2, creditorId: b }
		};
	});
}

/** The usual start of a test on the fixed dataset: a manual clock, a fresh database, the fixture in it. */
export function fixtureDb(): { db: DB; f: Fixture } {
	const { db } = testDb();
	return { db, f: buildFixture(db) };
}
