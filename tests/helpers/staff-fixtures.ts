/** Agency staff accounts for the service tests; a creditor's own users are in creditor-fixtures.ts. */
import { insertRow } from './db';
import { staffUsers } from '../../src/lib/server/db/schema';
import type { DB } from '../../src/lib/server/db/client';
import type { Actor } from '../../src/lib/domain/actor';

/** An admin or operator account (no usable password), as the actor a service is called with. */
export function agencyActor(
	db: DB,
	role: 'admin' | 'operator',
	email: string,
	name: string,
	createdAt = 0
): Actor {
	return {
		kind: role,
		userId: insertRow(db, staffUsers, { email, name, role, passwordHash: 'x', createdAt }).id
	};
}
