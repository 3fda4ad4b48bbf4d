/**
 * A dispute is a thread (issue 19, bug 3): after the operator's answer the debtor sees it, replies
 * with text and documents (checked by content), and is told through their channel whenever an
 * operator answers; the operators' queue shows the thread and takes further answers.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { allRows, scalar } from '../helpers/db';
import { OPERATOR, claimWorld, fieldKeys, moreClaims, stranger } from '../helpers/portal-fixtures';
import { PDF, PNG } from '../helpers/attachment-fixtures';
import type { DB } from '../../src/lib/server/db/client';
import type { ManualClock } from '../../src/lib/domain/clock';
import {
	answerDispute,
	disputeAttachment,
	DISPUTES_PAGE_SIZE,
	disputesForOps,
	disputeThreadForDebtor,
	openDispute,
	operatorReply,
	replyToDispute
} from '../../src/lib/server/services/disputes';
import { ForbiddenError, NotFoundError } from '../../src/lib/server/services/errors';
import { verifyAuditChain } from '../../src/lib/server/services/audit';

describe('a dispute is a thread', () => {
	let db: DB;
	let clock: ManualClock;
	let debtorId: number;
	let claimId: number;
	beforeEach(() => {
		({ db, clock, debtorId, claimId } = claimWorld({ contact: { email: 'elek@example.com' } }));
	});
	const me = () => ({ kind: 'debtor' as const, debtorId });
	const op = OPERATOR;
	const outboxRows = () =>
		allRows(
			db,
			"SELECT debtor_id, claim_id, channel, template, params_json FROM outbox WHERE template = 'dispute_answered' ORDER BY id"
		) as { debtor_id: number; claim_id: number; channel: string; params_json: string }[];

	it('after the answer the debtor sees the dispute and the answer, replies with a document, and the operator answers again', () => {
		const d = openDispute(db, me(), {
			claimId,
			reason: 'wrong_amount',
			details: 'A kamat hibás.',
			file: PDF
		});
		clock.advance(60_000);
		answerDispute(db, op, {
			disputeId: d.id,
			outcome: 'rejected',
			answer: 'Kérjük, küldje el a befizetés igazolását.'
		});
		// the debtor is told through their channel, neutrally (C3: only the page's path)
		const queued = outboxRows();
		expect(queued).toHaveLength(1);
		expect(queued[0]).toMatchObject({ debtor_id: debtorId, claim_id: claimId, channel: 'email' });
		expect(JSON.parse(queued[0].params_json)).toEqual({ path: `/my/claims/${claimId}/dispute` });

		let view = disputeThreadForDebtor(db, me(), claimId)!;
		expect(view.status).toBe('rejected');
		expect(view.thread.map((e) => [e.kind, e.body])).toEqual([
			['opened', 'A kamat hibás.'],
			['answer', 'Kérjük, küldje el a befizetés igazolását.']
		]);
		expect(view.thread[0].attachment).toEqual({ mime: 'application/pdf', sizeBytes: PDF.length });

		clock.advance(60_000);
		// a reply needs text or a document; a document is checked by its content
		expect(fieldKeys(() => replyToDispute(db, me(), { claimId, body: '  ' }))).toEqual({
			body: 'portal.dispute.error.replyEmpty'
		});
		expect(
			fieldKeys(() =>
				replyToDispute(db, me(), { claimId, body: 'itt', file: Buffer.from('<html>') })
			)
		).toEqual({ file: 'portal.dispute.error.fileType' });
		const reply = replyToDispute(db, me(), { claimId, body: 'Csatolom.', file: PNG });
		expect(reply.attachmentId).not.toBeNull();
		// someone else's claim is not found
		const other = stranger(db);
		expect(() => replyToDispute(db, other, { claimId, body: 'x' })).toThrow(NotFoundError);

		// the operators' queue has the decided dispute again, with the thread, waiting for an answer
		const queue = disputesForOps(db, op).rows;
		expect(queue.map((q) => [q.id, q.awaitingReply])).toEqual([[d.id, true]]);
		expect(queue[0].thread.map((e) => e.kind)).toEqual(['opened', 'answer', 'debtor']);
		// what the operator decides by: who owes, to whom, how much
		const claim = db.$client
			.prepare(
				'SELECT c.balance_minor AS balanceMinor, c.currency, cr.name AS creditor FROM claims c JOIN creditors cr ON cr.id = c.creditor_id WHERE c.id = ?'
			)
			.get(claimId) as { balanceMinor: number; currency: string; creditor: string };
		expect(claim.balanceMinor).toBeGreaterThan(0);
		expect(queue[0]).toMatchObject({ debtor: 'Teszt Elek', ...claim });
		const att = disputeAttachment(db, op, d.id, reply.id);
		expect(att.mime).toBe('image/png');
		expect(() => disputeAttachment(db, op, d.id + 1, reply.id)).toThrow(NotFoundError);
		expect(() => disputesForOps(db, me())).toThrow(ForbiddenError);

		clock.advance(60_000);
		expect(fieldKeys(() => operatorReply(db, op, { disputeId: d.id, body: 'ok' }))).toEqual({
			body: 'portal.dispute.error.answer'
		});
		operatorReply(db, op, { disputeId: d.id, body: 'Megkaptuk, a befizetést jóváírtuk.' });
		expect(outboxRows()).toHaveLength(2);
		// answered: out of the queue until the debtor writes again
		expect(disputesForOps(db, op)).toMatchObject({ rows: [], total: 0, pages: 1 });
		view = disputeThreadForDebtor(db, me(), claimId)!;
		expect(view.thread.map((e) => e.kind)).toEqual(['opened', 'answer', 'debtor', 'operator']);
		expect(view.thread[2].attachment).toEqual({ mime: 'image/png', sizeBytes: PNG.length });
		expect(
			scalar(
				db,
				"SELECT count(*) FROM audit_log WHERE action IN ('dispute.reply', 'dispute.operator_reply')"
			)
		).toBe(2);
		expect(verifyAuditChain(db).ok).toBe(true);
	});

	it('a reply while the dispute is open keeps it open and on hold; no dispute, no thread', () => {
		expect(disputeThreadForDebtor(db, me(), claimId)).toBeNull();
		expect(() => replyToDispute(db, me(), { claimId, body: 'hello' })).toThrow(NotFoundError);
		const d = openDispute(db, me(), { claimId, reason: 'not_mine', details: '' });
		replyToDispute(db, me(), { claimId, body: 'Még egy részlet.' });
		expect(scalar(db, 'SELECT status FROM disputes WHERE id = ?', d.id)).toBe('open');
		expect(scalar(db, 'SELECT status FROM claims WHERE id = ?', claimId)).toBe('disputed');
		expect(disputesForOps(db, op).rows.map((q) => q.id)).toEqual([d.id]);
		expect(outboxRows()).toHaveLength(0);
	});

	it('the queue comes a page at a time, by answer deadline, and counts them all', () => {
		const ids = [openDispute(db, me(), { claimId, reason: 'not_mine', details: '' }).id];
		for (const c of moreClaims(db, debtorId, DISPUTES_PAGE_SIZE)) {
			clock.advanceDays(1); // each later one is answered a day later
			ids.push(openDispute(db, me(), { claimId: c, reason: 'not_mine', details: '' }).id);
		}
		const first = disputesForOps(db, op);
		expect(first).toMatchObject({ total: DISPUTES_PAGE_SIZE + 1, page: 1, pages: 2 });
		expect(first.rows.map((q) => q.id)).toEqual(ids.slice(0, DISPUTES_PAGE_SIZE));
		expect(disputesForOps(db, op, { page: 2 }).rows.map((q) => q.id)).toEqual([ids.at(-1)]);
		// a page past the end is the last one, not an empty list
		expect(disputesForOps(db, op, { page: 99 })).toMatchObject({
			page: 2,
			rows: [{ id: ids.at(-1) }]
		});
	});
});
