/** A creditor's users and the API's placement row, shared by the creditor API's tests. */
import { insertRow } from './db';
import { staffUsers } from '../../src/lib/server/db/schema';
import type { DB } from '../../src/lib/server/db/client';
import type { Actor } from '../../src/lib/domain/actor';

export type CreditorActor = Actor & { kind: 'creditor' };

/** A user of the creditor (`admin`: may manage its API keys and webhooks), as a service's actor. */
export function creditorUser(
	db: DB,
	creditorId: number,
	email: string,
	admin = true
): CreditorActor {
	return {
		kind: 'creditor',
		creditorId,
		userId: insertRow(db, staffUsers, {
			email,
			name: email,
			role: 'creditor',
			creditorId,
			creditorAdmin: admin,
			passwordHash: 'x',
			createdAt: 0
		}).id
	};
}

/** One claim as the API takes it (the CSV template's column names): a person's 10 000 Ft loan. */
export const API_ROW = {
	reference: 'API-9',
	debtor_type: 'person',
	debtor_name: 'Teszt Elek',
	birth_date: '1980-01-02',
	postal_code: '1051',
	city: 'Budapest',
	address: 'Fő u. 1.',
	currency: 'HUF',
	due_date: '2026-09-30',
	principal: '10000',
	interest: '0',
	fees: '0',
	costs: '0',
	total: '10000'
};
