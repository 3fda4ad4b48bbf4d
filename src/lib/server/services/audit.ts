/**
 * The audit trail: append-only, hash-chained. Call `audit` inside the same transaction as the
 * change it records, so a change and its record land together or not at all.
 */
import { encodeHexLowerCase } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import type {
	SQLiteColumn,
	SQLiteInsertValue,
	SQLiteTable,
	SQLiteUpdateSetSource
} from 'drizzle-orm/sqlite-core';
import type { Actor } from '$lib/domain/actor';
import { actorId } from '$lib/domain/actor';
import type { AuditAction, AuditEntity } from '$lib/domain/audit-actions';
import type { DB } from '../db/client';
import { perConnection } from '../db/per-connection';
import { clock } from '../clock';
import { sha256Text } from '../auth/tokens';

export const GENESIS = '0'.repeat(64);

export interface AuditInput {
	/** one of the listed codes (domain/audit-actions.ts), each with words for the audit page */
	action: AuditAction;
	entity: AuditEntity;
	entityId?: string | number | null;
	before?: unknown;
	after?: unknown;
}

interface AuditRow {
	id: number;
	at: number;
	actor_kind: string;
	actor_id: number | null;
	action: string;
	entity: string;
	entity_id: string | null;
	before_json: string | null;
	after_json: string | null;
	prev_hash: string;
	hash: string;
}

/** The canonical text a row's hash covers. Keep field order fixed: changing it breaks the chain. */
export function rowDigest(
	prevHash: string,
	r: Omit<AuditRow, 'id' | 'hash' | 'prev_hash'>
): string {
	const canon = JSON.stringify([
		r.at,
		r.actor_kind,
		r.actor_id,
		r.action,
		r.entity,
		r.entity_id,
		r.before_json,
		r.after_json
	]);
	return encodeHexLowerCase(sha256Text(prevHash + '|' + canon));
}

const actorKindOf = (a: Actor) => (a.kind === 'system' ? 'system' : a.kind);

/** The two statements of `audit`, prepared once per connection (some runs audit thousands of changes). */
const auditSql = perConnection((c) => ({
	last: c.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1'),
	insert: c.prepare(
		`INSERT INTO audit_log (at, actor_kind, actor_id, action, entity, entity_id, before_json, after_json, prev_hash, hash)
		 VALUES (@at, @actor_kind, @actor_id, @action, @entity, @entity_id, @before_json, @after_json, @prev_hash, @hash)`
	)
}));

export function audit(db: DB, actor: Actor, input: AuditInput): void {
	const sql = auditSql(db);
	const prev = sql.last.get() as { hash: string } | undefined;
	const prevHash = prev?.hash ?? GENESIS;
	const row = {
		at: clock().now(),
		actor_kind: actorKindOf(actor),
		actor_id: actorId(actor),
		action: input.action,
		entity: input.entity,
		entity_id: input.entityId == null ? null : String(input.entityId),
		before_json: input.before === undefined ? null : JSON.stringify(input.before),
		after_json: input.after === undefined ? null : JSON.stringify(input.after)
	};
	const hash = rowDigest(prevHash, row);
	sql.insert.run({ ...row, prev_hash: prevHash, hash });
}

/**
 * The "create" step of a use case: adds one row and records it in the audit trail as `audit`, with
 * the new row's id as the entity id, in the caller's transaction. Returns the new row.
 */
export function insertAudited<T extends SQLiteTable & { id: SQLiteColumn }>(
	db: DB,
	actor: Actor,
	table: T,
	input: { values: SQLiteInsertValue<T>; audit: Omit<AuditInput, 'entityId'> }
): T['$inferSelect'] {
	const row: T['$inferSelect'] = db.insert(table).values(input.values).returning().get();
	audit(db, actor, { ...input.audit, entityId: row.id });
	return row;
}

/**
 * The "change" step of a use case: sets columns of the one row with this id and records it in the
 * audit trail as `audit`, with that id as the entity id, in the caller's transaction.
 */
export function updateAudited<T extends SQLiteTable & { id: SQLiteColumn }>(
	db: DB,
	actor: Actor,
	table: T,
	id: number,
	input: { set: SQLiteUpdateSetSource<T>; audit: Omit<AuditInput, 'entityId'> }
): void {
	db.update(table).set(input.set).where(eq(table.id, id)).run();
	audit(db, actor, { ...input.audit, entityId: id });
}

export interface ChainReport {
	ok: boolean;
	checked: number;
	/** id of the first row whose hash or link does not match */
	brokenAt?: number;
}

/** Walks the whole chain in id order and names the first row that does not match. */
export function verifyAuditChain(db: DB): ChainReport {
	let prevHash = GENESIS;
	let checked = 0;
	const rows = db.$client
		.prepare('SELECT * FROM audit_log ORDER BY id')
		.iterate() as Iterable<AuditRow>;
	for (const r of rows) {
		if (r.prev_hash !== prevHash || rowDigest(prevHash, r) !== r.hash) {
			return { ok: false, checked, brokenAt: r.id };
		}
		prevHash = r.hash;
		checked++;
	}
	return { ok: true, checked };
}
