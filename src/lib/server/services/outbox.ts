/**
 * The outbox: messages waiting to be sent (installment reminders, plan notices). The
 * communications work sends from this table; until then operators see it at /ops/outbox.
 *
 * C3: parameters never carry amounts or creditor names (an SMS or e-mail names only the sender,
 * a neutral request and the link). C1: a message is scheduled into the next contact-window slot.
 * C8: the channel honours the debtor's opt-outs.
 */
import { desc, eq, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { addDays, instantAt, localParts } from '$lib/domain/clock';
import type { OutboxTemplate } from '$lib/domain/dispatch';
import { isPublicHoliday } from '$lib/domain/holidays';
import { defaultContactLimits, type Channel } from '$lib/domain/stages';
import type { DB } from '../db/client';
import { claims, debtors, outbox } from '../db/schema';
import { assertAgencyStaff } from './actor';
import { preferencesRow } from './preferences';

/**
 * The first instant at or after `now` inside the default contact window (C1), Budapest time:
 * never on a Sunday or a Hungarian public holiday.
 */
export function nextContactSlot(now: number): number {
	const win = defaultContactLimits().window;
	const p = localParts(now);
	const today = isPublicHoliday(p.date) ? null : win[p.weekday];
	if (today && p.hour >= today[0] && p.hour < today[1]) return now;
	if (today && p.hour < today[0]) return instantAt(p.date, today[0]);
	// public holidays can stand several in a row (Easter, Christmas): look two weeks ahead
	for (let d = 1; d <= 14; d++) {
		const date = addDays(p.date, d);
		const w = win[(p.weekday + d) % 7];
		if (w && !isPublicHoliday(date)) return instantAt(date, w[0]);
	}
	return now;
}

/** E-mail where we have an address and may use it, else SMS, else a letter (C8). */
export function channelFor(db: DB, debtorId: number): Channel {
	const d = db
		.select({ email: debtors.email, phone: debtors.phone })
		.from(debtors)
		.where(eq(debtors.id, debtorId))
		.get();
	const pref = preferencesRow(db, debtorId);
	const emailOk = !!d?.email && !pref?.optOutEmail;
	const smsOk = !!d?.phone && !pref?.optOutSms;
	if (pref?.preferredChannel === 'sms' && smsOk) return 'sms';
	if (emailOk) return 'email';
	if (smsOk) return 'sms';
	return 'letter';
}

export interface EnqueueInput {
	debtorId: number;
	claimId: number | null;
	template: OutboxTemplate;
	/** neutral parameters only (C3): ids, dates, the link path; never amounts or creditor names */
	params?: Record<string, string | number>;
	/** a second message with the same key is not queued */
	dedupeKey: string;
	now: number;
}

/** Queues a message unless one with the same dedupe key exists. Returns true when queued. Call inside a writeTx. */
export function enqueue(db: DB, m: EnqueueInput): boolean {
	const r = db
		.insert(outbox)
		.values({
			debtorId: m.debtorId,
			claimId: m.claimId,
			channel: channelFor(db, m.debtorId),
			template: m.template,
			paramsJson: JSON.stringify(m.params ?? {}),
			dedupeKey: m.dedupeKey,
			scheduledAt: nextContactSlot(m.now),
			createdAt: m.now
		})
		.onConflictDoNothing({ target: outbox.dedupeKey })
		.run();
	return r.changes > 0;
}

export const OUTBOX_STATUSES = ['queued', 'sent', 'cancelled', 'blocked'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** For /ops/outbox: newest first, optionally by status. Operators and admins only. */
export function listOutbox(
	db: DB,
	actor: Actor,
	opts: { status?: OutboxStatus | null; limit?: number } = {}
) {
	assertAgencyStaff(actor);
	const q = db
		.select({
			id: outbox.id,
			debtorId: outbox.debtorId,
			debtorName: debtors.name,
			claimId: outbox.claimId,
			reference: claims.reference,
			channel: outbox.channel,
			template: outbox.template,
			status: outbox.status,
			scheduledAt: outbox.scheduledAt,
			createdAt: outbox.createdAt
		})
		.from(outbox)
		.innerJoin(debtors, eq(debtors.id, outbox.debtorId))
		.leftJoin(claims, eq(claims.id, outbox.claimId));
	const rows = (opts.status ? q.where(eq(outbox.status, opts.status)) : q)
		.orderBy(desc(outbox.scheduledAt), desc(outbox.id))
		.limit(opts.limit ?? 200)
		.all();
	const counts = db
		.select({ status: outbox.status, n: sql<number>`count(*)` })
		.from(outbox)
		.groupBy(outbox.status)
		.all();
	return {
		rows,
		counts: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])) as Partial<
			Record<OutboxStatus, number>
		>
	};
}
