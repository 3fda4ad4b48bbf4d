/**
 * Debtor access links: `/p/<token>`. The token carries ≥128 random bits, is stored only as a
 * SHA-256 hash, belongs to one debtor and expires (default 60 days).
 */
import type { Actor } from '$lib/domain/actor';
import { DAY_MS } from '$lib/domain/clock';
import type { DB } from '../db/client';
import { accessLinks, creditors, claims, debtors } from '../db/schema';
import { and, eq } from 'drizzle-orm';
import { clock } from '../clock';
import { audit } from '../services/audit';
import { writeTx } from '../services/tx';
import { ForbiddenError, NotFoundError } from '../services/errors';
import { hashToken, randomToken } from './tokens';

export const LINK_TTL_DAYS = 60;

import type { IdentityQuestion } from '$lib/domain/actor';
export type { IdentityQuestion };

/** Companies always answer with their tax number; persons with what the creditor chose. */
export function questionFor(
	debtorKind: 'person' | 'company',
	creditorChoice: IdentityQuestion
): IdentityQuestion {
	if (debtorKind === 'company') return 'tax_number';
	return creditorChoice === 'tax_number' ? 'birth_date' : creditorChoice;
}

/**
 * Mints a link for a debtor; returns the path to send (never stored). Writes one audit row.
 * Staff and system jobs may mint; a creditor user only for a debtor of their own claims (else
 * NotFoundError, as for a missing debtor); debtors and anonymous callers may not.
 */
export function mintAccessLink(
	db: DB,
	actor: Actor,
	debtorId: number,
	opts: { ttlDays?: number; question?: IdentityQuestion } = {}
): { path: string; token: string; linkId: number } {
	if (actor.kind === 'debtor' || actor.kind === 'anonymous') throw new ForbiddenError();
	const debtor = db.select().from(debtors).where(eq(debtors.id, debtorId)).get();
	if (!debtor) throw new NotFoundError();
	if (actor.kind === 'creditor') {
		const own = db
			.select({ id: claims.id })
			.from(claims)
			.where(and(eq(claims.debtorId, debtorId), eq(claims.creditorId, actor.creditorId)))
			.limit(1)
			.get();
		if (!own) throw new NotFoundError();
	}
	let question = opts.question;
	if (!question) {
		const c = db
			.select({ identityCheck: creditors.identityCheck })
			.from(claims)
			.innerJoin(creditors, eq(creditors.id, claims.creditorId))
			.where(eq(claims.debtorId, debtorId))
			.limit(1)
			.get();
		question = questionFor(debtor.kind, c?.identityCheck ?? 'birth_date');
	}
	const q: IdentityQuestion = question;
	const token = randomToken();
	const now = clock().now();
	return writeTx(db, () => {
		const row = db
			.insert(accessLinks)
			.values({
				debtorId,
				tokenHash: hashToken(token),
				question: q,
				expiresAt: now + (opts.ttlDays ?? LINK_TTL_DAYS) * DAY_MS,
				createdAt: now
			})
			.returning({ id: accessLinks.id })
			.get();
		audit(db, actor, {
			action: 'access_link.mint',
			entity: 'debtor',
			entityId: debtorId,
			after: { linkId: row.id, question: q }
		});
		return { path: `/p/${token}`, token, linkId: row.id };
	});
}
