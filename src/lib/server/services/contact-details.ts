/**
 * The debtor's own contact details (issue 19, item 8). A postal address is corrected at once; a
 * new e-mail address or phone number only once the code sent to that new address is typed back
 * (so a mistyped or someone else's address never replaces a working one). The code is a secret:
 * it is made when the message is sent (`mintContactCode`, called by the sender, as links are) and
 * only its hash is kept. Every change is audited, the old value kept in debtor_contact_history
 * (C12), and operators see the changes at /ops/contacts.
 */
import { normaliseEmail } from '$lib/domain/address';
import { randomInt } from 'node:crypto';
import { and, desc, eq, gt } from 'drizzle-orm';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { Actor } from '$lib/domain/actor';
import type { DB } from '../db/client';
import {
	contactChanges,
	contactPreferences,
	debtorContactHistory,
	debtors,
	outbox
} from '../db/schema';
import { clock } from '../clock';
import { audit } from './audit';
import { assertAgencyStaff, assertLinkSession } from './actor';
import { ConflictError, NotFoundError, ValidationError } from './errors';
import { writeTx } from './tx';
import { sameDigest, sha256Text } from '../auth/tokens';
import { lockedUntil, recordFailure } from '../auth/throttle';

const MINUTE = 60_000;
/** how long a new address waits for its code */
export const CONTACT_CODE_TTL_MS = 60 * MINUTE;
/** wrong codes before the change is cancelled (a new one may be asked for) */
export const CONTACT_CODE_MAX_TRIES = 5;
/** changes a debtor may start in an hour (each sends a message to an address they typed) */
const CHANGE_RULE = { limit: 3, windowMs: 60 * MINUTE, lockMs: 60 * MINUTE };

export type ContactField = 'email' | 'phone';

/** A phone number as +<digits>: spaces, dashes, dots, brackets dropped; Hungarian 06… -> +36…. */
export function normalisePhone(raw: string): string | null {
	let v = raw.replace(/[\s\-./()]/g, '');
	if (v.startsWith('00')) v = '+' + v.slice(2);
	else if (v.startsWith('06')) v = '+36' + v.slice(2);
	return /^\+[1-9]\d{7,14}$/.test(v) ? v : null;
}

const codeDigest = (changeId: number, code: string) =>
	sha256Text(`contact-code|${changeId}|${code}`);

/** What the debtor's details page shows: the details on file and any change waiting for its code. */
export function myContactDetails(db: DB, actor: Actor) {
	assertLinkSession(actor);
	const debtorId = actor.debtorId;
	const d = db.select().from(debtors).where(eq(debtors.id, debtorId)).get();
	if (!d) throw new NotFoundError('debtor');
	const pending = db
		.select({
			id: contactChanges.id,
			field: contactChanges.field,
			newValue: contactChanges.newValue,
			expiresAt: contactChanges.expiresAt
		})
		.from(contactChanges)
		.where(
			and(
				eq(contactChanges.debtorId, debtorId),
				eq(contactChanges.status, 'pending'),
				gt(contactChanges.expiresAt, clock().now())
			)
		)
		.orderBy(desc(contactChanges.id))
		.all();
	return {
		email: d.email,
		phone: d.phone,
		postalCode: d.postalCode,
		city: d.city,
		address: d.address,
		pending
	};
}

export interface PostalInput {
	postalCode: string;
	city: string;
	address: string;
}

/** The flag that says an address of each kind failed (a bounce, a failed SMS, a returned letter). */
const INVALID_FLAG = {
	postal: 'postalInvalid',
	email: 'emailInvalid',
	phone: 'phoneInvalid'
} as const;

/**
 * A new address on file (inside the caller's transaction): the old value kept in the history, the
 * debtor's record changed, and an earlier failure of that kind of address no longer counting
 * against it. Returns the history row.
 */
function replaceContact(
	db: DB,
	debtorId: number,
	change: { field: ContactField | 'postal'; oldValue: string | null; newValue: string },
	set: Partial<typeof debtors.$inferInsert>,
	now: number
) {
	const h = db
		.insert(debtorContactHistory)
		.values({ debtorId, ...change, createdAt: now })
		.returning({ id: debtorContactHistory.id })
		.get();
	db.update(debtors).set(set).where(eq(debtors.id, debtorId)).run();
	db.update(contactPreferences)
		.set({ [INVALID_FLAG[change.field]]: false, updatedAt: now })
		.where(eq(contactPreferences.debtorId, debtorId))
		.run();
	return h;
}

/** A corrected postal address, at once: the old one stays in the history. */
export function changePostalAddress(db: DB, actor: Actor, input: PostalInput) {
	assertLinkSession(actor);
	const postalCode = input.postalCode.replace(/\s/g, '');
	const city = input.city.trim();
	const address = input.address.trim();
	const errors: ConstructorParameters<typeof ValidationError>[0] = {};
	if (!/^\d{4}$/.test(postalCode)) errors.postalCode = { key: 'details.error.postalCode' };
	if (city.length < 2 || city.length > 100) errors.city = { key: 'details.error.city' };
	if (address.length < 3 || address.length > 200) errors.address = { key: 'details.error.address' };
	if (Object.keys(errors).length) throw new ValidationError(errors);
	return writeTx(db, () => {
		const d = db.select().from(debtors).where(eq(debtors.id, actor.debtorId)).get();
		if (!d) throw new NotFoundError('debtor');
		if (d.postalCode === postalCode && d.city === city && d.address === address)
			throw new ConflictError('details.error.same');
		const now = clock().now();
		const h = replaceContact(
			db,
			d.id,
			{
				field: 'postal',
				oldValue: JSON.stringify({ postalCode: d.postalCode, city: d.city, address: d.address }),
				newValue: JSON.stringify({ postalCode, city, address })
			},
			{ postalCode, city, address },
			now
		);
		// the audit trail points at the history row; the addresses themselves stay there
		audit(db, actor, {
			action: 'debtor.contact_changed',
			entity: 'debtor',
			entityId: d.id,
			after: { field: 'postal', historyId: h.id }
		});
		return h;
	});
}

/**
 * Starts a change of e-mail or phone: the code goes to the NEW address (an outbox 'contact_code'
 * message on that channel, sent at once: the debtor is waiting for it). Returns the change.
 */
export function requestContactChange(
	db: DB,
	actor: Actor,
	input: { field: ContactField; value: string }
) {
	assertLinkSession(actor);
	const value = input.field === 'email' ? normaliseEmail(input.value) : normalisePhone(input.value);
	if (!value) throw new ValidationError({ [input.field]: { key: `details.error.${input.field}` } });
	return writeTx(db, () => {
		const d = db.select().from(debtors).where(eq(debtors.id, actor.debtorId)).get();
		if (!d) throw new NotFoundError('debtor');
		if ((input.field === 'email' ? d.email : d.phone) === value)
			throw new ValidationError({ [input.field]: { key: 'details.error.sameValue' } });
		const key = `contact-change:${d.id}`;
		if (lockedUntil(db, key)) throw new ConflictError('details.error.tooMany');
		recordFailure(db, key, CHANGE_RULE);
		const now = clock().now();
		// an earlier change of the same field waiting for its code is replaced
		db.update(contactChanges)
			.set({ status: 'cancelled' })
			.where(
				and(
					eq(contactChanges.debtorId, d.id),
					eq(contactChanges.field, input.field),
					eq(contactChanges.status, 'pending')
				)
			)
			.run();
		const change = db
			.insert(contactChanges)
			.values({
				debtorId: d.id,
				field: input.field,
				newValue: value,
				expiresAt: now + CONTACT_CODE_TTL_MS,
				createdAt: now
			})
			.returning()
			.get();
		// no code and no address in the queue: the sender makes the code and reads the address
		// from the change (mintContactCode) at the moment it sends
		db.insert(outbox)
			.values({
				debtorId: d.id,
				channel: input.field === 'email' ? 'email' : 'sms',
				template: 'contact_code',
				paramsJson: JSON.stringify({ changeId: change.id }),
				dedupeKey: `contact_code:${change.id}`,
				scheduledAt: now,
				createdAt: now
			})
			.run();
		audit(db, actor, {
			action: 'debtor.contact_change_requested',
			entity: 'debtor',
			entityId: d.id,
			after: { field: input.field, changeId: change.id }
		});
		return change;
	});
}

/**
 * For the sender of a queued 'contact_code' message: makes the 6-digit code it is about to send,
 * keeps only its hash, and returns the code and the new address to send it to.
 */
export function mintContactCode(
	db: DB,
	outboxId: number
): { code: string; to: string; channel: 'email' | 'sms' } {
	return writeTx(db, () => {
		const row = db.select().from(outbox).where(eq(outbox.id, outboxId)).get();
		if (!row || row.template !== 'contact_code' || row.status !== 'queued')
			throw new NotFoundError('outbox message');
		const { changeId } = JSON.parse(row.paramsJson) as { changeId?: number };
		const change = db
			.select()
			.from(contactChanges)
			.where(
				and(eq(contactChanges.id, Number(changeId)), eq(contactChanges.debtorId, row.debtorId))
			)
			.get();
		if (!change || change.status !== 'pending' || change.expiresAt <= clock().now())
			throw new NotFoundError('contact change');
		const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
		db.update(contactChanges)
			.set({ codeHash: encodeHexLowerCase(codeDigest(change.id, code)) })
			.where(eq(contactChanges.id, change.id))
			.run();
		return { code, to: change.newValue, channel: change.field === 'email' ? 'email' : 'sms' };
	});
}

export type ConfirmResult =
	| { ok: true; field: ContactField }
	| { ok: false; reason: 'wrong'; remaining: number }
	| { ok: false; reason: 'cancelled' | 'expired' };

/** The code typed back: right, the new address replaces the old (kept in the history). */
export function confirmContactChange(
	db: DB,
	actor: Actor,
	input: { changeId: number; code: string }
): ConfirmResult {
	assertLinkSession(actor);
	const code = input.code.replace(/\s/g, '');
	if (!/^\d{6}$/.test(code))
		throw new ValidationError({ code: { key: 'details.error.codeFormat' } });
	return writeTx(db, (): ConfirmResult => {
		const c = db
			.select()
			.from(contactChanges)
			.where(
				and(eq(contactChanges.id, input.changeId), eq(contactChanges.debtorId, actor.debtorId))
			)
			.get();
		if (!c) throw new NotFoundError('contact change');
		const now = clock().now();
		if (c.status !== 'pending') return { ok: false, reason: 'cancelled' };
		if (c.expiresAt <= now) return { ok: false, reason: 'expired' };
		const right =
			c.codeHash != null && sameDigest(codeDigest(c.id, code), Buffer.from(c.codeHash, 'hex'));
		if (!right) {
			const failed = c.failedAttempts + 1;
			const cancel = failed >= CONTACT_CODE_MAX_TRIES;
			db.update(contactChanges)
				.set({ failedAttempts: failed, status: cancel ? 'cancelled' : 'pending' })
				.where(eq(contactChanges.id, c.id))
				.run();
			audit(db, actor, {
				action: cancel ? 'debtor.contact_change_cancelled' : 'debtor.contact_code_failed',
				entity: 'debtor',
				entityId: actor.debtorId,
				after: { changeId: c.id, failed }
			});
			return cancel
				? { ok: false, reason: 'cancelled' }
				: { ok: false, reason: 'wrong', remaining: CONTACT_CODE_MAX_TRIES - failed };
		}
		const d = db.select().from(debtors).where(eq(debtors.id, actor.debtorId)).get()!;
		// a confirmed address works: an earlier bounce or failed SMS no longer counts against it
		const h = replaceContact(
			db,
			d.id,
			{ field: c.field, oldValue: c.field === 'email' ? d.email : d.phone, newValue: c.newValue },
			c.field === 'email' ? { email: c.newValue } : { phone: c.newValue },
			now
		);
		db.update(contactChanges)
			.set({ status: 'confirmed', confirmedAt: now })
			.where(eq(contactChanges.id, c.id))
			.run();
		audit(db, actor, {
			action: 'debtor.contact_changed',
			entity: 'debtor',
			entityId: d.id,
			after: { field: c.field, historyId: h.id, changeId: c.id }
		});
		return { ok: true, field: c.field };
	});
}

/** For operators: the debtors' own changes, newest first, with the old and the new value. */
export function contactChangesForOps(db: DB, actor: Actor, opts: { limit?: number } = {}) {
	assertAgencyStaff(actor);
	return db
		.select({
			id: debtorContactHistory.id,
			debtorId: debtorContactHistory.debtorId,
			debtorName: debtors.name,
			field: debtorContactHistory.field,
			oldValue: debtorContactHistory.oldValue,
			newValue: debtorContactHistory.newValue,
			changedBy: debtorContactHistory.changedBy,
			createdAt: debtorContactHistory.createdAt
		})
		.from(debtorContactHistory)
		.innerJoin(debtors, eq(debtors.id, debtorContactHistory.debtorId))
		.orderBy(desc(debtorContactHistory.id))
		.limit(opts.limit ?? 200)
		.all();
}
