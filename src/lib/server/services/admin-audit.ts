/** The audit log as the admin reads it: filters by actor kind, action, entity and date range, paged. */
import { and, desc, eq, getTableColumns, gte, lt, count, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { isAuditAction, type AuditAction } from '$lib/domain/audit-actions';
import type { Currency } from '$lib/domain/money';
import { instantAt, addDays, isValidDate } from '$lib/domain/clock';
import type { DB } from '../db/client';
import { auditLog } from '../db/schema';
import { assertAdmin } from './actor';
import { pagedSelect, type Paged } from './paging';
import { claimOfAudit } from './webhooks';

export const actorKinds = [
	'admin',
	'operator',
	'field_agent',
	'creditor',
	'debtor',
	'system',
	'anonymous'
] as const;
export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilter {
	actorKind?: string;
	/** a listed action matches itself only; anything else is a prefix ('auth.' finds every sign-in event) */
	action?: string;
	entity?: string;
	entityId?: string;
	/** Budapest calendar dates, inclusive */
	from?: string;
	to?: string;
	page?: number;
}

/** A row with the currency of the claim the change is about (for its amounts), when there is one. */
export type AuditListRow = typeof auditLog.$inferSelect & { currency: Currency | null };

export interface AuditPage extends Paged<AuditListRow> {
	/** filters as applied (invalid ones dropped) */
	filter: Required<Omit<AuditFilter, 'page'>>;
	/** the listed actions the log holds (the filter's choices) */
	actions: AuditAction[];
	entities: string[];
}

/** the currency a row's amounts are in: its own, else its claim's (by entity, or a claimId it names) */
const CURRENCY = sql<Currency | null>`coalesce(
	json_extract(${auditLog.afterJson}, '$.currency'),
	json_extract(${auditLog.beforeJson}, '$.currency'),
	(SELECT c.currency FROM claims c WHERE c.id = coalesce(${sql.raw(claimOfAudit('audit_log'))},
		json_extract(${auditLog.afterJson}, '$.claimId'), json_extract(${auditLog.beforeJson}, '$.claimId'))))`;

export function listAudit(db: DB, actor: Actor, f: AuditFilter): AuditPage {
	assertAdmin(actor);
	const conds: SQL[] = [];
	const applied = { actorKind: '', action: '', entity: '', entityId: '', from: '', to: '' };
	if (f.actorKind && (actorKinds as readonly string[]).includes(f.actorKind)) {
		conds.push(eq(auditLog.actorKind, f.actorKind as (typeof actorKinds)[number]));
		applied.actorKind = f.actorKind;
	}
	if (f.action && /^[\w.]{1,80}$/.test(f.action)) {
		conds.push(
			isAuditAction(f.action)
				? eq(auditLog.action, f.action)
				: // a prefix, letter for letter ('_' is not LIKE's any-character here)
					sql`${auditLog.action} LIKE ${f.action.replace(/_/g, '\\_') + '%'} ESCAPE '\\'`
		);
		applied.action = f.action;
	}
	if (f.entity && /^[\w.]{1,80}$/.test(f.entity)) {
		conds.push(eq(auditLog.entity, f.entity));
		applied.entity = f.entity;
	}
	if (f.entityId && /^[\w.-]{1,80}$/.test(f.entityId)) {
		conds.push(eq(auditLog.entityId, f.entityId));
		applied.entityId = f.entityId;
	}
	if (f.from && isValidDate(f.from)) {
		conds.push(gte(auditLog.at, instantAt(f.from)));
		applied.from = f.from;
	}
	if (f.to && isValidDate(f.to)) {
		conds.push(lt(auditLog.at, instantAt(addDays(f.to, 1))));
		applied.to = f.to;
	}
	const where = conds.length ? and(...conds) : undefined;
	const total = db.select({ n: count() }).from(auditLog).where(where).get()?.n ?? 0;
	const log = db
		.select({ ...getTableColumns(auditLog), currency: CURRENCY })
		.from(auditLog)
		.where(where)
		.orderBy(desc(auditLog.id))
		.$dynamic();
	const page = pagedSelect(f.page, AUDIT_PAGE_SIZE, total, log);
	const actions = db.$client
		.prepare('SELECT DISTINCT action FROM audit_log ORDER BY action')
		.pluck()
		.all() as string[];
	const listed = actions.filter(isAuditAction);
	const entities = db.$client
		.prepare('SELECT DISTINCT entity FROM audit_log ORDER BY entity')
		.pluck()
		.all() as string[];
	return { ...page, filter: applied, actions: listed, entities };
}
