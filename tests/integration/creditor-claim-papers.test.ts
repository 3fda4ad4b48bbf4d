/**
 * The creditor's claim page shows the debtor's promises, the disputes with the agency's answers,
 * and the claim's documents (issue 20, item 3); another creditor reaches none of them.
 */
import { expect, it } from 'vitest';
import { testDb } from '../helpers/db';
import { makeClaim, makeCreditor, makeDebtor, addOperator } from '../helpers/portal-fixtures';
import { makePromise } from '../../src/lib/server/services/promises';
import { answerDispute, openDispute } from '../../src/lib/server/services/disputes';
import { claimDocument, claimPapers } from '../../src/lib/server/services/creditor-claim-papers';
import { NotFoundError } from '../../src/lib/server/services/errors';
import { refundWorld } from '../helpers/refund-fixtures';

const PDF = new Uint8Array(Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'));

it('promises, disputes with answers and documents of the own claim only', () => {
	const { db } = testDb('2026-03-02', 10);
	const a = makeCreditor(db, 'Alfa Bank Zrt.', { promiseMaxDays: 14 });
	const b = makeCreditor(db, 'Béta Kft.');
	const debtorId = makeDebtor(db, 'Teszt Elek');
	const claimId = makeClaim(db, a, debtorId, { principal: 10_000_000 });
	const me = { kind: 'debtor' as const, debtorId };
	addOperator(db);
	makePromise(db, me, { claimId, promisedDate: '2026-03-10', amountMinor: 1_000_000 });
	const d = openDispute(db, me, {
		claimId,
		reason: 'already_paid',
		details: 'Befizettem',
		file: PDF
	});
	answerDispute(
		db,
		{ kind: 'operator', userId: 1 },
		{ disputeId: d.id, outcome: 'rejected', answer: 'A befizetés nem érkezett meg.' }
	);
	const creditorA = { kind: 'creditor' as const, userId: 1, creditorId: a.creditorId };
	const creditorB = { kind: 'creditor' as const, userId: 2, creditorId: b.creditorId };
	const p = claimPapers(db, creditorA, claimId);
	expect(p.promises).toMatchObject([{ promisedDate: '2026-03-10', amountMinor: 1_000_000 }]);
	expect(p.disputes).toMatchObject([
		{ reason: 'already_paid', status: 'rejected', answer: 'A befizetés nem érkezett meg.' }
	]);
	expect(p.documents.map((x) => x.kind)).toEqual(['dispute']);
	expect(claimDocument(db, creditorA, claimId, p.documents[0].id).mime).toBe('application/pdf');
	expect(() => claimPapers(db, creditorB, claimId)).toThrow(NotFoundError);
	expect(() => claimDocument(db, creditorB, claimId, p.documents[0].id)).toThrow(NotFoundError);
	expect(() => claimDocument(db, creditorA, claimId, p.documents[0].id + 999)).toThrow(
		NotFoundError
	);
});

it('the settlement certificate shows only while nothing is owed, as for the debtor', async () => {
	const w = refundWorld();
	const creditorId = w.db.$client.prepare('SELECT creditor_id FROM claims').pluck().get() as number;
	const creditor = { kind: 'creditor' as const, userId: 1, creditorId };
	const paymentId = await w.paid(1_150_000, 'full');
	expect(claimPapers(w.db, creditor, w.claimId).certificate?.number).toMatch(/^RZ-IG-/);
	// a refund re-opens the claim: the certificate is withdrawn until it is paid off again
	await w.refund(paymentId, 50_000, 'Téves terhelés');
	expect(claimPapers(w.db, creditor, w.claimId).certificate).toBeNull();
});
