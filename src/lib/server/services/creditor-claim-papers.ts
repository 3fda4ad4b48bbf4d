/**
 * What a creditor sees of a claim beyond its money (issue 20, item 3): the debtor's promises, the
 * disputes with the agency's answers, and the claim's documents (what the debtor sent with a
 * dispute or a reply, the signed acknowledgement of debt from a visit, the settlement
 * certificate). Scoped to the creditor's own claims; another creditor's claim is not found.
 */
import type { Actor } from '$lib/domain/actor';
import type { DB } from '../db/client';
import { creditorIdOf } from './actor';
import { NotFoundError } from './errors';
import { writtenOffSql } from './dispute-correction';

export type DocumentKind = 'dispute' | 'reply' | 'acknowledgement';

function ownClaimId(db: DB, actor: Actor, claimId: number): number {
	const creditorId = creditorIdOf(actor);
	const ok = db.$client
		.prepare('SELECT 1 FROM claims WHERE id = ? AND creditor_id = ?')
		.get(claimId, creditorId);
	if (!ok) throw new NotFoundError('claim');
	return claimId;
}

/** The documents' attachments of a claim: (kind, attachment id, when), oldest first. */
const DOCUMENTS = `
	SELECT 'dispute' AS kind, d.attachment_id AS id, d.created_at AS at FROM disputes d
	 WHERE d.claim_id = ? AND d.attachment_id IS NOT NULL
	UNION ALL
	SELECT 'reply', m.attachment_id, m.created_at FROM dispute_messages m JOIN disputes d ON d.id = m.dispute_id
	 WHERE d.claim_id = ? AND m.attachment_id IS NOT NULL
	UNION ALL
	SELECT 'acknowledgement', e.attachment_id, e.occurred_at FROM contact_events e
	 WHERE e.claim_id = ? AND e.attachment_id IS NOT NULL
	ORDER BY 3, 2`;

export function claimPapers(db: DB, actor: Actor, claimId: number) {
	const id = ownClaimId(db, actor, claimId);
	const c = db.$client;
	const promises = c
		.prepare(
			`SELECT promised_date AS promisedDate, amount_minor AS amountMinor, status, created_at AS createdAt
			   FROM promises WHERE claim_id = ? ORDER BY id DESC`
		)
		.all(id) as { promisedDate: string; amountMinor: number; status: string; createdAt: number }[];
	const disputes = c
		.prepare(
			`SELECT d.reason, d.status, d.created_at AS createdAt, d.answer, d.answered_at AS answeredAt,
			        ${writtenOffSql('d')} AS writtenOffMinor
			   FROM disputes d WHERE d.claim_id = ? ORDER BY d.id DESC`
		)
		.all(id) as {
		reason: string;
		status: string;
		createdAt: number;
		answer: string | null;
		answeredAt: number | null;
		/** a correction (partly upheld): what it took off the claim */
		writtenOffMinor: number | null;
	}[];
	const documents = c
		.prepare(
			`SELECT x.kind, x.id, x.at, a.mime FROM (${DOCUMENTS}) x JOIN attachments a ON a.id = x.id`
		)
		.all(id, id, id) as { kind: DocumentKind; id: number; at: number; mime: string }[];
	// only while nothing is owed, as the debtor's download (a refund that re-opened the claim
	// withdraws it until the claim is paid off again)
	const certificate = c
		.prepare(
			`SELECT s.number, s.issued_at AS issuedAt FROM settlement_certificates s
			   JOIN claims cl ON cl.id = s.claim_id WHERE s.claim_id = ? AND cl.balance_minor <= 0`
		)
		.get(id) as { number: string; issuedAt: number } | undefined;
	return { promises, disputes, documents, certificate: certificate ?? null };
}

/** One document of the creditor's own claim: its bytes and type (anything else: not found). */
export function claimDocument(db: DB, actor: Actor, claimId: number, attachmentId: number) {
	const id = ownClaimId(db, actor, claimId);
	const doc = db.$client
		.prepare(
			`SELECT a.mime, a.content FROM (${DOCUMENTS}) x JOIN attachments a ON a.id = x.id WHERE x.id = ?`
		)
		.get(id, id, id, attachmentId) as { mime: string; content: Buffer } | undefined;
	if (!doc) throw new NotFoundError('document');
	return doc;
}
