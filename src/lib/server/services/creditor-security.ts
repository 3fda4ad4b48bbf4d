/**
 * A creditor's own security rule (issue 20, item 7): creditor users see debtors' personal data, so
 * each may turn on a second factor (/account/totp), and their organisation's administrator may
 * require it of every user. Turning the rule on signs out the users who have no key yet: at their
 * next sign-in they must set one up before anything else (as the agency's admins do).
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import type { DB } from '../db/client';
import { creditors, staffUsers } from '../db/schema';
import { invalidateUserSessions } from '../auth/sessions';
import { assertCreditor } from './actor';
import { assertCreditorAdmin } from './api-keys';
import { audit } from './audit';
import { ConflictError } from './errors';
import { writeTx } from './tx';

export function creditorSecurity(db: DB, actor: Actor) {
	assertCreditor(actor);
	const c = db
		.select({ requireTotp: creditors.requireTotp })
		.from(creditors)
		.where(eq(creditors.id, actor.creditorId))
		.get();
	const users = db
		.select({ id: staffUsers.id, name: staffUsers.name, key: staffUsers.totpKey })
		.from(staffUsers)
		.where(and(eq(staffUsers.creditorId, actor.creditorId), isNull(staffUsers.disabledAt)))
		.all()
		.map((u) => ({ id: u.id, name: u.name, hasKey: !!u.key }));
	return { requireTotp: !!c?.requireTotp, users };
}

/** The administrator turns the rule on or off; on needs their own key first (no lock-out). */
export function setRequireTotp(db: DB, actor: Actor, on: boolean): void {
	assertCreditorAdmin(db, actor);
	writeTx(db, () => {
		const users = db
			.select({ id: staffUsers.id, key: staffUsers.totpKey })
			.from(staffUsers)
			.where(eq(staffUsers.creditorId, actor.creditorId))
			.all();
		if (on && !users.find((u) => u.id === actor.userId)?.key)
			throw new ConflictError('security.ownKeyFirst');
		db.update(creditors).set({ requireTotp: on }).where(eq(creditors.id, actor.creditorId)).run();
		const signedOut = on ? users.filter((u) => !u.key) : [];
		for (const u of signedOut) invalidateUserSessions(db, u.id);
		audit(db, actor, {
			action: 'creditor.require_totp',
			entity: 'creditor',
			entityId: actor.creditorId,
			after: { requireTotp: on, signedOut: signedOut.length }
		});
	});
}
