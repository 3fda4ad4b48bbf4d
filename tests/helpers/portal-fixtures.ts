/**
 * Small data fixtures for the service tests: a creditor with its portfolio, debtors, claims with
 * charges posted through the ledger, and the operator (staff user 1).
 */
import type { DB } from '../../src/lib/server/db/client';
import {
	claimStageEvents,
	claims,
	creditors,
	debtors,
	installmentRules,
	portfolios
} from '../../src/lib/server/db/schema';
import { postEntries } from '../../src/lib/server/services/ledger';
import { writeTx } from '../../src/lib/server/services/tx';
import { clock } from '../../src/lib/server/clock';
import { insertRow, testDb } from './db';
import { useWorld } from './world';
import type { CreditorRules } from '../../src/lib/domain/rules';
import type { Stage } from '../../src/lib/domain/stages';
import { ConflictError, type ValidationError } from '../../src/lib/server/services/errors';

export interface Charges {
	principal: number;
	interest?: number;
	fee?: number;
	cost?: number;
}

export function makeCreditor(
	db: DB,
	name = 'Példa Bank Zrt.',
	rules?: Partial<CreditorRules>,
	{
		sector = 'bank',
		taxNumber = '12345678-2-42'
	}: { sector?: (typeof creditors.$inferInsert)['sector']; taxNumber?: string } = {}
) {
	const now = clock().now();
	const c = insertRow(db, creditors, {
		name,
		shortName: name.split(' ')[0],
		sector,
		taxNumber,
		createdAt: now
	});
	const p = insertRow(db, portfolios, {
		creditorId: c.id,
		name: '2026/01',
		placedDate: '2026-01-10',
		createdAt: now
	});
	if (rules)
		db.insert(installmentRules)
			.values({ creditorId: c.id, rulesJson: JSON.stringify(rules), updatedAt: now })
			.run();
	return { creditorId: c.id, portfolioId: p.id };
}

export function makeDebtor(
	db: DB,
	name = 'Teszt Elek',
	contact: { phone?: string | null; email?: string | null } = {}
) {
	const now = clock().now();
	return insertRow(db, debtors, {
		kind: 'person',
		name,
		birthDate: '1980-04-02',
		postalCode: '1051',
		city: 'Budapest',
		address: 'Példa u. 1.',
		...contact,
		createdAt: now
	}).id;
}

let refSeq = 0;

export function makeClaim(
	db: DB,
	cr: { creditorId: number; portfolioId: number },
	debtorId: number,
	charges: Charges,
	currency: 'HUF' | 'EUR' = 'HUF',
	{ stage = 'new', reference }: { stage?: Stage; reference?: string } = {}
): number {
	const now = clock().now();
	const total =
		charges.principal + (charges.interest ?? 0) + (charges.fee ?? 0) + (charges.cost ?? 0);
	return writeTx(db, () => {
		const id = insertRow(db, claims, {
			creditorId: cr.creditorId,
			portfolioId: cr.portfolioId,
			debtorId,
			reference: reference ?? `R-${++refSeq}-${now}`,
			description: 'Hitelkártya-tartozás',
			currency,
			stage,
			placedDate: '2026-01-10',
			dueDate: '2025-12-01',
			stageChangedAt: now,
			placedMinor: total,
			balanceMinor: 0,
			createdAt: now
		}).id;
		db.insert(claimStageEvents).values({ claimId: id, stage, enteredAt: now }).run();
		postEntries(
			db,
			id,
			(['principal', 'interest', 'fee', 'cost'] as const)
				.filter((c) => (charges[c] ?? 0) > 0)
				.map((c) => ({
					component: c,
					kind: 'charge' as const,
					amountMinor: charges[c]!,
					effectiveDate: '2026-01-10'
				}))
		);
		return id;
	});
}

/** Another debtor, who owns none of the test's claims (their pages must not find them). */
export const stranger = (db: DB, name = 'Más') => ({
	kind: 'debtor' as const,
	debtorId: makeDebtor(db, name)
});

/** `n` more claims of 1 000 Ft for the debtor, at a creditor of their own (for lists that page). */
export function moreClaims(db: DB, debtorId: number, n: number): number[] {
	const cr = makeCreditor(db);
	return Array.from({ length: n }, () => makeClaim(db, cr, debtorId, { principal: 100_000 }));
}

/**
 * The usual start of a debtor's test: a manual clock, a fresh database, one debtor in it (Teszt
 * Elek, with `contact` when told).
 */
export function debtorDb(contact?: Parameters<typeof makeDebtor>[2]) {
	const { db, clock } = testDb();
	return { db, clock, debtorId: makeDebtor(db, 'Teszt Elek', contact) };
}

/** A world (useWorld) with `me`: its debtor as the actor of a service call. */
export const withMe = <T extends { debtorId: number }>(w: T) =>
	Object.assign(w, { me: () => ({ kind: 'debtor' as const, debtorId: w.debtorId }) });

/** A fresh debtorDb(contact) before each test (useWorld), with `me`. */
export const useDebtorWorld = (contact?: Parameters<typeof makeDebtor>[2]) =>
	withMe(useWorld(() => debtorDb(contact)));

/** The operator the tests act as: staff user 1, added by `addOperator`. */
export const OPERATOR = { kind: 'operator' as const, userId: 1 };

export function addOperator(db: DB): void {
	db.$client
		.prepare(
			"INSERT INTO staff_users (id, email, name, role, password_hash, created_at) VALUES (1, 'op@x', 'Op', 'operator', 'x', 0)"
		)
		.run();
}

/** A staff user whose password no one knows; returns its id. */
export function addStaff(db: DB, role: 'operator' | 'admin', email: string, name: string): number {
	const sql = `INSERT INTO staff_users (email, name, role, password_hash, created_at) VALUES (?, ?, ?, 'x', 0)`;
	return Number(db.$client.prepare(sql).run(email, name, role).lastInsertRowid);
}

/**
 * The usual start of a case's test: a manual clock, a fresh database, a debtor (Teszt Elek, with
 * `contact`) with one claim of `principal` at a new creditor, and the operator (staff user 1).
 */
export function claimWorld(
	o: { contact?: Parameters<typeof makeDebtor>[2]; principal?: number } = {}
) {
	const { db, clock } = testDb();
	const debtorId = makeDebtor(db, 'Teszt Elek', o.contact);
	const claimId = makeClaim(db, makeCreditor(db), debtorId, {
		principal: o.principal ?? 5_000_000
	});
	addOperator(db);
	return { db, clock, debtorId, claimId };
}

/** The field → message key map of the ValidationError that `act` throws; {} when it throws none. */
export function fieldKeys(act: () => unknown): Record<string, string> {
	try {
		act();
	} catch (e) {
		return Object.fromEntries(
			Object.entries((e as ValidationError).fields).map(([k, v]) => [k, v.key])
		);
	}
	return {};
}

/**
 * The message key of the ConflictError that `act` throws; null when it throws none. Any other
 * error is thrown on.
 */
export function conflictKey(act: () => unknown): string | null {
	try {
		act();
	} catch (e) {
		if (e instanceof ConflictError) return e.key;
		throw e;
	}
	return null;
}
