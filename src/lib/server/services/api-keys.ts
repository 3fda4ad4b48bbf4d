/**
 * Creditors' API keys (issue 20, item 6). A key is shown once when it is made and stored only as
 * its SHA-256; the first part ("rk_" and eight characters) is public and tells keys apart. Only a
 * creditor's own administrator makes and revokes keys; every use is scoped to that creditor.
 */
import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import type { DB } from '../db/client';
import { apiKeys, creditors, staffUsers } from '../db/schema';
import { hashToken, randomToken } from '../auth/tokens';
import { clock } from '../clock';
import { assertCreditor } from './actor';
import { audit, insertAudited } from './audit';
import { creditorRow } from './creditor-scope';
import { ConflictError, ForbiddenError, ValidationError } from './errors';
import { writeTx } from './tx';

export type ApiScope = 'read' | 'read_write';

/**
 * Keys a creditor may have in force at once: the rate limit is per key, so without a cap more
 * keys would be more requests a minute.
 */
export const MAX_ACTIVE_KEYS = 10;

/** The creditor's administrator (staff_users.creditor_admin) and nobody else. */
export function assertCreditorAdmin(
	db: DB,
	actor: Actor
): asserts actor is Actor & { kind: 'creditor' } {
	assertCreditor(actor);
	const u = db
		.select({ admin: staffUsers.creditorAdmin })
		.from(staffUsers)
		.where(and(eq(staffUsers.id, actor.userId), eq(staffUsers.creditorId, actor.creditorId)))
		.get();
	if (!u?.admin) throw new ForbiddenError();
}

export function isCreditorAdmin(db: DB, actor: Actor): boolean {
	try {
		assertCreditorAdmin(db, actor);
		return true;
	} catch {
		return false;
	}
}

/** A new key: returns it in full, the only time it exists outside the caller's hands. */
export function createApiKey(
	db: DB,
	actor: Actor,
	input: { name: string; scope: ApiScope }
): { id: number; key: string } {
	assertCreditorAdmin(db, actor);
	const name = input.name.trim();
	if (!name || name.length > 80) throw new ValidationError({ name: { key: 'form.required' } });
	const prefix = `rk_${randomToken(5)}`;
	const key = `${prefix}_${randomToken(20)}`;
	return writeTx(db, () => {
		const active =
			db
				.select({ n: count() })
				.from(apiKeys)
				.where(and(eq(apiKeys.creditorId, actor.creditorId), isNull(apiKeys.revokedAt)))
				.get()?.n ?? 0;
		if (active >= MAX_ACTIVE_KEYS)
			throw new ConflictError('api.key.tooMany', { max: MAX_ACTIVE_KEYS });
		const row = insertAudited(db, actor, apiKeys, {
			values: {
				creditorId: actor.creditorId,
				name,
				prefix,
				hash: hashToken(key),
				scope: input.scope,
				createdBy: actor.userId,
				createdAt: clock().now()
			},
			audit: {
				action: 'api_key.create',
				entity: 'api_key',
				after: { name, prefix, scope: input.scope }
			}
		});
		return { id: row.id, key };
	});
}

export function revokeApiKey(db: DB, actor: Actor, id: number): void {
	assertCreditorAdmin(db, actor);
	writeTx(db, () => {
		const k = creditorRow(db, actor.creditorId, apiKeys, id, 'api_key');
		if (k.revokedAt != null) return;
		db.update(apiKeys)
			.set({ revokedAt: clock().now(), revokedBy: actor.userId })
			.where(eq(apiKeys.id, id))
			.run();
		audit(db, actor, {
			action: 'api_key.revoke',
			entity: 'api_key',
			entityId: id,
			after: { prefix: k.prefix }
		});
	});
}

export function listApiKeys(db: DB, actor: Actor) {
	assertCreditor(actor);
	return db
		.select({
			id: apiKeys.id,
			name: apiKeys.name,
			prefix: apiKeys.prefix,
			scope: apiKeys.scope,
			createdAt: apiKeys.createdAt,
			lastUsedAt: apiKeys.lastUsedAt,
			revokedAt: apiKeys.revokedAt
		})
		.from(apiKeys)
		.where(eq(apiKeys.creditorId, actor.creditorId))
		.orderBy(desc(apiKeys.id))
		.all();
}

export interface ApiCaller {
	actor: Actor & { kind: 'creditor' };
	keyId: number;
	scope: ApiScope;
}

const KEY_SHAPE = /^(rk_[a-z2-7]{8})_[a-z2-7]{32}$/;

/**
 * The caller a bearer key stands for, or null (unknown, malformed, revoked, or its creditor
 * deactivated: the same answer). Acts as the user who made the key, so the audit trail names a
 * person.
 */
export function callerOfKey(db: DB, key: string): ApiCaller | null {
	const m = KEY_SHAPE.exec(key);
	if (!m) return null;
	const k = db
		.select()
		.from(apiKeys)
		.where(and(eq(apiKeys.prefix, m[1]), isNull(apiKeys.revokedAt)))
		.get();
	if (!k || k.hash !== hashToken(key)) return null;
	// the key acts as the user who made it: not once that user is disabled or has left the creditor
	const owner = db
		.select({ disabledAt: staffUsers.disabledAt, creditorId: staffUsers.creditorId })
		.from(staffUsers)
		.where(eq(staffUsers.id, k.createdBy))
		.get();
	if (!owner || owner.disabledAt != null || owner.creditorId !== k.creditorId) return null;
	// a deactivated creditor's users are signed out and refused; its keys are refused the same way
	const creditor = db
		.select({ active: creditors.active })
		.from(creditors)
		.where(eq(creditors.id, k.creditorId))
		.get();
	if (!creditor?.active) return null;
	const now = clock().now();
	// at most one write a minute per key: reads stay reads
	if (k.lastUsedAt == null || now - k.lastUsedAt > 60_000)
		db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, k.id)).run();
	return {
		actor: { kind: 'creditor', userId: k.createdBy, creditorId: k.creditorId },
		keyId: k.id,
		scope: k.scope
	};
}
