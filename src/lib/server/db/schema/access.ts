/** Access and people */
import { sqliteTable, integer, text, blob, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { id, createdAt, counter, ref } from './columns';
import { IDENTITY_QUESTIONS, STAFF_ROLES } from '../../../domain/actor';
import { creditors } from './creditors';
import { debtors } from './claims';

export const accessLinks = sqliteTable(
	'access_links',
	{
		id: id(),
		debtorId: ref('debtor_id', () => debtors.id),
		/** hex SHA-256 of the token; the token itself is never stored */
		tokenHash: text('token_hash').notNull().unique(),
		question: text('question', { enum: IDENTITY_QUESTIONS }).notNull(),
		expiresAt: integer('expires_at').notNull(),
		/** wrong answers since the last lock (a right answer gives none back) */
		failedAttempts: counter('failed_attempts'),
		lockedUntil: integer('locked_until'),
		/** locks so far: each lasts longer, and the last one ends the link (services/access.ts) */
		lockCount: counter('lock_count'),
		lastUsedAt: integer('last_used_at'),
		revokedAt: integer('revoked_at'),
		createdAt: createdAt()
	},
	(t) => [index('access_links_debtor_idx').on(t.debtorId)]
);

/** Sliding counters for throttling by key ('ip:1.2.3.4:link', 'login:email-hash', ...). */
export const throttles = sqliteTable('throttles', {
	key: text('key').primaryKey(),
	count: integer('count').notNull(),
	windowStart: integer('window_start').notNull(),
	lockedUntil: integer('locked_until')
});

/**
 * Signing in with a claim reference from a letter (/belepes, issue 19 item 7): the same escalating
 * locks as a link (services/sign-in-reference.ts), per reference typed, known or not, so an
 * unknown reference behaves like a known one. The key is a pseudonym of the reference.
 */
export const referenceGuards = sqliteTable('reference_guards', {
	refKey: text('ref_key').primaryKey(),
	failedAttempts: counter('failed_attempts'),
	lockedUntil: integer('locked_until'),
	lockCount: counter('lock_count'),
	updatedAt: integer('updated_at').notNull()
});

export const staffUsers = sqliteTable(
	'staff_users',
	{
		id: id(),
		email: text('email').notNull().unique(),
		name: text('name').notNull(),
		role: text('role', { enum: STAFF_ROLES }).notNull(),
		/** creditor users belong to exactly one creditor; null for admins and operators */
		creditorId: integer('creditor_id').references(() => creditors.id),
		/** a creditor's own administrator: manages its API keys, webhooks and second-factor rule */
		creditorAdmin: integer('creditor_admin', { mode: 'boolean' }).notNull().default(false),
		passwordHash: text('password_hash').notNull(),
		totpKey: blob('totp_key', { mode: 'buffer' }),
		disabledAt: integer('disabled_at'),
		passwordChangedAt: integer('password_changed_at'),
		createdAt: createdAt()
	},
	(t) => [index('staff_users_creditor_idx').on(t.creditorId)]
);

/**
 * Sessions after Lucia's guide: the id is public, only a SHA-256 of the secret is stored. A debtor's
 * sessions are deleted by triggers (migration 0006) when the debtor is anonymised or deleted, so
 * a debtor session that exists belongs to a live debtor.
 */
export const sessions = sqliteTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
		kind: text('kind', { enum: ['staff', 'debtor'] }).notNull(),
		userId: integer('user_id').references(() => staffUsers.id),
		debtorId: integer('debtor_id').references(() => debtors.id),
		/**
		 * a debtor session opened by a claim reference and an identity answer (/belepes), both of
		 * which the claim's creditor knows: it sees only that creditor's claims and changes no
		 * contact details. Null: a session from the agency's own link, which sees everything.
		 */
		onlyCreditorId: integer('only_creditor_id').references(() => creditors.id),
		/** staff with TOTP: false until the second factor is given */
		twoFactorVerified: integer('two_factor_verified', { mode: 'boolean' }).notNull().default(false),
		createdAt: createdAt(),
		lastSeenAt: integer('last_seen_at').notNull(),
		expiresAt: integer('expires_at').notNull()
	},
	(t) => [index('sessions_user_idx').on(t.userId), index('sessions_debtor_idx').on(t.debtorId)]
);

/**
 * Append-only and hash-chained: hash = sha256(prev_hash | canonical row). `npm run audit:verify`
 * walks the chain. No personal data beyond ids goes into before/after.
 */
export const auditLog = sqliteTable(
	'audit_log',
	{
		id: id(),
		at: integer('at').notNull(),
		actorKind: text('actor_kind', {
			enum: ['admin', 'operator', 'field_agent', 'creditor', 'debtor', 'system', 'anonymous']
		}).notNull(),
		actorId: integer('actor_id'),
		action: text('action').notNull(),
		entity: text('entity').notNull(),
		entityId: text('entity_id'),
		beforeJson: text('before_json'),
		afterJson: text('after_json'),
		prevHash: text('prev_hash').notNull(),
		hash: text('hash').notNull()
	},
	(t) => [
		index('audit_entity_idx').on(t.entity, t.entityId),
		index('audit_actor_idx').on(t.actorKind, t.actorId),
		index('audit_action_idx').on(t.action, t.at)
	]
);

/** Single-row bookkeeping for jobs (e.g. the last day the daily job ran). */
export const jobRuns = sqliteTable(
	'job_runs',
	{
		job: text('job').notNull(),
		day: text('day').notNull(),
		startedAt: integer('started_at').notNull(),
		/** the last step finished (the daily job runs step by step in short transactions) */
		step: text('step'),
		finishedAt: integer('finished_at')
	},
	(t) => [primaryKey({ columns: [t.job, t.day] })]
);

/** A field agent's region: an inclusive range of 4-digit postal codes (set by admins). */
export const fieldRegions = sqliteTable(
	'field_regions',
	{
		id: id(),
		agentId: ref('agent_id', () => staffUsers.id),
		postalFrom: text('postal_from').notNull(),
		postalTo: text('postal_to').notNull(),
		createdAt: createdAt()
	},
	(t) => [index('field_regions_agent_idx').on(t.agentId)]
);
