/**
 * Debtor access links: `/p/<token>`. The token carries ≥128 random bits, is stored only as a
 * SHA-256 hash, belongs to one debtor and expires (default 60 days).
 */
import type { Actor } from '$lib/domain/actor';
import { DAY_MS } from '$lib/domain/clock';
import type { DB } from '../db/client';
import { accessLinks, creditors, claims, debtors } from '../db/schema';
import { eq } from 'drizzle-orm';
import { clock } from '../clock';
import { audit } from '../services/audit';
import { hashToken, randomToken } from './tokens';

export const LINK_TTL_DAYS = 60;

export type IdentityQuestion = 'birth_date' | 'tax_number' | 'postal_code';

/** Companies always answer with their tax number; persons with what the creditor chose. */
export function questionFor(debtorKind: 'person' | 'company', creditorChoice: IdentityQuestion): IdentityQuestion {
	if (debtorKind === 'company') return 'tax_number';
	return creditorChoice === 'tax_number' ? 'birth_date' : creditorChoice;
}

/** Mints a link for a debtor; returns the path to send (never stored). Writes one audit row. */
export function mintAccessLink(
	db: DB,
	actor: Actor,
	debtorId: number,
	opts: { ttlDays?: number; question?: IdentityQuestion } = {}
): { path: string; token: string; linkId: number } {
	const debtor = db.select().from(debtors).where(eq(debtors.id, debtorId)).get();
	if (!debtor) throw new Error('debtor not found');
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
	const token = randomToken();
	const now = clock().now();
	const row = db
		.insert(accessLinks)
		.values({
			debtorId,
			tokenHash: hashToken(token),
			question,
			expiresAt: now + (opts.ttlDays ?? LINK_TTL_DAYS) * DAY_MS,
			createdAt: now
		})
		.returning({ id: accessLinks.id })
		.get();
	audit(db, actor, { action: 'access_link.mint', entity: 'debtor', entityId: debtorId, after: { linkId: row.id, question } });
	return { path: `/p/${token}`, token, linkId: row.id };
}
