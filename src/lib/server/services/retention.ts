/**
 * The retention rule (C13): the personal data of a debtor whose cases are all closed (paid, or
 * closed otherwise), each for
 * longer than its creditor's retention period (`creditors.retention_months`, 5 years by default),
 * is removed. The debtor row stays (blanked, `anonymized_at` set) so that the ledger, the claims
 * and the audit trail keep adding up; the debtor's sessions go. A debtor with any claim still open,
 * or closed more recently than its creditor's period (whichever creditor), keeps their data.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { systemActor } from '$lib/domain/actor';
import { addMonths, instantAt, localDate } from '$lib/domain/clock';
import type { DB } from '../db/client';
import {
	caseNotes,
	claims,
	contactChanges,
	creditors,
	debtorContactHistory,
	debtors,
	hardshipRequests,
	sessions
} from '../db/schema';
import { audit } from './audit';

/** When a case closed: a paid claim at `paid_at`, a closed one at `closed_at`; else null (open). */
const CLOSED_AT = sql<
	number | null
>`CASE ${claims.status} WHEN 'paid' THEN ${claims.paidAt} WHEN 'closed' THEN ${claims.closedAt} END`;

/** Whether every claim of the debtor is closed and past its creditor's retention period. */
function pastRetention(db: DB, debtorId: number, now: number): boolean {
	const rows = db
		.select({ closedAt: CLOSED_AT, months: creditors.retentionMonths })
		.from(claims)
		.innerJoin(creditors, eq(creditors.id, claims.creditorId))
		.where(eq(claims.debtorId, debtorId))
		.all();
	if (rows.length === 0) return false;
	const today = localDate(now);
	return rows.every(
		(r) =>
			r.closedAt != null &&
			instantAt(addMonths(localDate(r.closedAt), r.months)) <= instantAt(today)
	);
}

/** Debtors not yet anonymised whose claims are all closed: the candidates (checked one by one). */
export function retentionDue(db: DB, now: number): number[] {
	return db
		.select({ id: debtors.id })
		.from(debtors)
		.where(
			and(
				isNull(debtors.anonymizedAt),
				sql`EXISTS (SELECT 1 FROM claims c WHERE c.debtor_id = ${debtors.id})`,
				sql`NOT EXISTS (SELECT 1 FROM claims c WHERE c.debtor_id = ${debtors.id}
					AND CASE c.status WHEN 'paid' THEN c.paid_at WHEN 'closed' THEN c.closed_at END IS NULL)`
			)
		)
		.orderBy(debtors.id)
		.all()
		.map((r) => r.id)
		.filter((id) => pastRetention(db, id, now));
}

/** Blanks one debtor's personal fields if the rule still applies. Call inside writeTx. */
export function anonymiseDebtor(db: DB, debtorId: number, now: number): boolean {
	const d = db.select().from(debtors).where(eq(debtors.id, debtorId)).get();
	if (!d || d.anonymizedAt != null || !pastRetention(db, debtorId, now)) return false;
	db.update(debtors)
		.set({
			name: '',
			birthDate: null,
			taxNumber: null,
			postalCode: '',
			city: '',
			address: '',
			email: null,
			phone: null,
			anonymizedAt: now
		})
		.where(eq(debtors.id, debtorId))
		.run();
	// the debtor's own words about hardship are personal data too (C13)
	db.update(hardshipRequests)
		.set({ note: null })
		.where(eq(hardshipRequests.debtorId, debtorId))
		.run();
	// and the addresses they gave us before, or asked to change to
	db.update(debtorContactHistory)
		.set({ oldValue: null, newValue: '' })
		.where(eq(debtorContactHistory.debtorId, debtorId))
		.run();
	db.update(contactChanges)
		.set({ newValue: '', status: 'cancelled' })
		.where(eq(contactChanges.debtorId, debtorId))
		.run();
	db.delete(sessions).where(eq(sessions.debtorId, debtorId)).run();
	// operators' notes may name the person too: their text goes with the rest (the rows stay)
	db.update(caseNotes).set({ body: '' }).where(eq(caseNotes.debtorId, debtorId)).run();
	audit(db, systemActor('retention'), {
		action: 'debtor.anonymised',
		entity: 'debtor',
		entityId: debtorId,
		after: { anonymizedAt: now }
	});
	return true;
}
