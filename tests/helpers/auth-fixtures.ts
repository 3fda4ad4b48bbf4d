/** Two tenants, their debtors and staff of every role, for the access tests. */
import { test } from 'vitest';
import type { DB } from '../../src/lib/server/db/client';
import { claims, creditors, debtors, portfolios, staffUsers } from '../../src/lib/server/db/schema';
import { hashPassword } from '../../src/lib/server/auth/passwords';
import { clock } from '../../src/lib/server/clock';
import { signIn } from '../../src/lib/server/services/sign-in';
import { insertRow, testDb } from './db';
import type { ManualClock } from '../../src/lib/domain/clock';
import type { Actor } from '../../src/lib/domain/actor';

export const PASSWORD = 'correct horse battery staple';
export const ADMIN_KEY = new Uint8Array(Array.from({ length: 20 }, (_, i) => i + 1));

export interface World {
	creditorA: number;
	creditorB: number;
	personA: number;
	companyA: number;
	personB: number;
	claimA: number;
	claimB: number;
	admin: number;
	adminNoKey: number;
	operator: number;
	creditorUserA: number;
	creditorUserB: number;
}

export async function world(db: DB): Promise<World> {
	const now = clock().now();
	const hash = await hashPassword(PASSWORD);
	const cA = insertRow(db, creditors, {
		name: 'Alfa Bank Zrt.',
		shortName: 'Alfa Bank',
		sector: 'bank',
		taxNumber: '11111111-2-41',
		createdAt: now
	});
	const cB = insertRow(db, creditors, {
		name: 'Béta Energia Kft.',
		shortName: 'Béta Energia',
		sector: 'utility',
		taxNumber: '22222222-2-42',
		identityCheck: 'postal_code',
		createdAt: now
	});
	const pA = insertRow(db, portfolios, {
		creditorId: cA.id,
		name: 'A 2026/01',
		placedDate: '2026-01-10',
		createdAt: now
	});
	const pB = insertRow(db, portfolios, {
		creditorId: cB.id,
		name: 'B 2026/01',
		placedDate: '2026-01-10',
		createdAt: now
	});
	const personA = insertRow(db, debtors, {
		kind: 'person',
		name: 'Kiss Anna',
		birthDate: '1980-04-02',
		postalCode: '1051',
		city: 'Budapest',
		address: 'Példa u. 1.',
		email: 'anna@example.test',
		phone: '+36301234567',
		createdAt: now
	});
	const companyA = insertRow(db, debtors, {
		kind: 'company',
		name: 'Gamma Kft.',
		taxNumber: '12345678-2-42',
		postalCode: '6720',
		city: 'Szeged',
		address: 'Fő tér 2.',
		phone: '+36201112222',
		createdAt: now
	});
	const personB = insertRow(db, debtors, {
		kind: 'person',
		name: 'Nagy Béla',
		// creditor B (a utility) holds only the address: the postal code is all it can ask
		postalCode: '4025',
		city: 'Debrecen',
		address: 'Piac u. 3.',
		createdAt: now
	});
	const claim = (creditorId: number, portfolioId: number, debtorId: number, reference: string) =>
		insertRow(db, claims, {
			creditorId,
			portfolioId,
			debtorId,
			reference,
			currency: 'HUF',
			placedDate: '2026-01-10',
			dueDate: '2025-12-01',
			stageChangedAt: now,
			placedMinor: 12_500_00,
			balanceMinor: 12_500_00,
			createdAt: now
		}).id;
	const claimA = claim(cA.id, pA.id, personA.id, 'A-1');
	claim(cA.id, pA.id, companyA.id, 'A-2');
	const claimB = claim(cB.id, pB.id, personB.id, 'B-1');
	const user = (
		email: string,
		role: 'admin' | 'operator' | 'creditor',
		creditorId: number | null,
		totpKey: Uint8Array | null = null
	) =>
		insertRow(db, staffUsers, {
			email,
			name: email.split('@')[0],
			role,
			creditorId,
			passwordHash: hash,
			totpKey: totpKey ? Buffer.from(totpKey) : null,
			createdAt: now
		}).id;
	return {
		creditorA: cA.id,
		creditorB: cB.id,
		personA: personA.id,
		companyA: companyA.id,
		personB: personB.id,
		claimA,
		claimB,
		admin: user('admin@rendez.test', 'admin', null, ADMIN_KEY),
		adminNoKey: user('admin2@rendez.test', 'admin', null),
		operator: user('operator@rendez.test', 'operator', null),
		creditorUserA: user('alfa@rendez.test', 'creditor', cA.id),
		creditorUserB: user('beta@rendez.test', 'creditor', cB.id)
	};
}

/** The usual start of a sign-in test: a manual clock, a fresh database, and the world in it. */
export async function authTestDb(): Promise<{ db: DB; clock: ManualClock; w: World }> {
	const { db, clock } = testDb();
	return { db, clock, w: await world(db) };
}

/**
 * A staff user signs in (by default with the right password from 10.0.0.1; `previousSessionId`:
 * the session the browser had); the test stops here if that is refused.
 */
export async function staffSignIn(
	db: DB,
	email: string,
	{
		password = PASSWORD,
		ip = '10.0.0.1',
		previousSessionId
	}: { password?: string; ip?: string; previousSessionId?: string } = {}
) {
	const r = await signIn(db, { email, password, ip, previousSessionId });
	if (!r.ok) throw new Error('expected ok');
	return r;
}

/** The operator signs in with the right password from 10.0.0.1 (see staffSignIn). */
export const operatorSignIn = (db: DB, previousSessionId?: string) =>
	staffSignIn(db, 'operator@rendez.test', { previousSessionId });

/**
 * An auth test: each test that names them gets a fresh `db` with its manual `clk` and the staff and
 * debtors `w` (authTestDb); `admin` and `op` are the world's admin and operator as actors.
 */
export const authTest = test.extend<{
	fresh: Awaited<ReturnType<typeof authTestDb>>;
	db: DB;
	clk: ManualClock;
	w: World;
	admin: Actor;
	op: Actor;
}>({
	// eslint-disable-next-line no-empty-pattern
	fresh: async ({}, use) => use(await authTestDb()),
	db: async ({ fresh }, use) => use(fresh.db),
	clk: async ({ fresh }, use) => use(fresh.clock),
	w: async ({ fresh }, use) => use(fresh.w),
	admin: async ({ w }, use) => use({ kind: 'admin', userId: w.admin }),
	op: async ({ w }, use) => use({ kind: 'operator', userId: w.operator })
});
