/**
 * Debtor access links: `/p/<token>`. The token carries ≥128 random bits, is stored only as a
 * SHA-256 hash, belongs to one debtor and expires (default 60 days).
 */
import { stmt } from '../db/per-connection';
import type { Actor } from '$lib/domain/actor';
import { DAY_MS } from '$lib/domain/clock';
import type { DB } from '../db/client';
import { creditors, claims } from '../db/schema';
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
	// prepared once per connection: the dispatcher mints a link for every message it sends
	const debtor = stmt(db, 'SELECT kind FROM debtors WHERE id = ?').get(debtorId) as
		{ kind: 'person' | 'company' } | undefined;
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
		const c = stmt(
			db,
			`SELECT cr.identity_check AS identityCheck FROM claims c JOIN creditors cr ON cr.id = c.creditor_id
			  WHERE c.debtor_id = ? LIMIT 1`
		).get(debtorId) as
			{ identityCheck: (typeof creditors.$inferSelect)['identityCheck'] } | undefined;
		question = questionFor(debtor.kind, c?.identityCheck ?? 'birth_date');
	}
	const q: IdentityQuestion = question;
	const token = randomToken();
	const now = clock().now();
	return writeTx(db, () => {
		const row = stmt(
			db,
			`INSERT INTO access_links (debtor_id, token_hash, question, expires_at, created_at)
			 VALUES (?, ?, ?, ?, ?) RETURNING id`
		).get(debtorId, hashToken(token), q, now + (opts.ttlDays ?? LINK_TTL_DAYS) * DAY_MS, now) as {
			id: number;
		};
		audit(db, actor, {
			action: 'access_link.mint',
			entity: 'debtor',
			entityId: debtorId,
			after: { linkId: row.id, question: q }
		});
		return { path: `/p/${token}`, token, linkId: row.id };
	});
}
