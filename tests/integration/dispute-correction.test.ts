/**
 * A dispute partly upheld: the operator corrects the amount (a fee or interest charged wrongly)
 * and the claim goes on. Write-offs per component in the ledger, the cached balance in step, the
 * itemised statement still adds up (C5), the creditor is not told it was collected, the dispute
 * and its hold ended, audited, the debtor told; refusals per field with nothing saved.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { testDb } from '../helpers/db';
import {
	OPERATOR,
	addOperator,
	fieldKeys,
	makeClaim,
	makeCreditor,
	makeDebtor,
	stranger
} from '../helpers/portal-fixtures';
import { creditorUser } from '../helpers/creditor-fixtures';
import type { DB } from '../../src/lib/server/db/client';
import {
	answerDispute,
	disputeThreadForDebtor,
	openDispute
} from '../../src/lib/server/services/disputes';
import { openBalances, statementFor } from '../../src/lib/server/services/ledger';
import { getClaimDetail } from '../../src/lib/server/services/creditor-claims';
import { claimPapers } from '../../src/lib/server/services/creditor-claim-papers';
import { remittanceFor } from '../../src/lib/server/services/remittance';
import { claimDetail } from '../../src/lib/server/services/portal';
import { timelineEvents } from '../../src/lib/server/services/case-timeline';
import { verifyAuditChain } from '../../src/lib/server/services/audit';
import { eventOfAudit } from '../../src/lib/domain/webhooks';
import { COMPONENTS, statementOf } from '../../src/lib/domain/ledger';
import {
	ConflictError,
	ForbiddenError,
	NotFoundError,
	ValidationError
} from '../../src/lib/server/services/errors';

const ANSWER = 'A késedelmi díjat tévesen számítottuk fel, levontuk.';
// 50 000 Ft principal, 8 000 Ft interest, 3 000 Ft fee, no cost
const CHARGES = { principal: 5_000_000, interest: 800_000, fee: 300_000 };
const TOTAL = 6_100_000;

describe('a dispute answered by correcting the amount', () => {
	let db: DB;
	let debtorId: number;
	let claimId: number;
	let creditorId: number;
	let disputeId: number;
	beforeEach(() => {
		({ db } = testDb());
		debtorId = makeDebtor(db, 'Teszt Elek');
		const cr = makeCreditor(db);
		creditorId = cr.creditorId;
		claimId = makeClaim(db, cr, debtorId, CHARGES);
		addOperator(db);
		const me = { kind: 'debtor' as const, debtorId };
		disputeId = openDispute(db, me, {
			claimId,
			reason: 'wrong_amount',
			details: 'A díjat kétszer számolták fel.'
		}).id;
	});
	const me = () => ({ kind: 'debtor' as const, debtorId });
	const one = (sql: string, ...a: unknown[]) =>
		db.$client
			.prepare(sql)
			.pluck()
			.get(...a);
	const writeOffs = () =>
		db.$client
			.prepare(
				"SELECT component, amount_minor AS amountMinor, memo FROM ledger_entries WHERE kind = 'write_off' ORDER BY id"
			)
			.all();
	const correct = (writeOff: Record<string, number>, answer = ANSWER) =>
		answerDispute(db, OPERATOR, { disputeId, outcome: 'corrected', answer, writeOff });

	it('posts a write-off per corrected component, keeps the balance, and the statement adds up (C5)', () => {
		const r = correct({ interest: 500_000, fee: 300_000 });
		expect(r.status).toBe('corrected');
		expect(writeOffs()).toEqual([
			{ component: 'interest', amountMinor: -500_000, memo: `dispute ${disputeId}` },
			{ component: 'fee', amountMinor: -300_000, memo: `dispute ${disputeId}` }
		]);
		// the cached balance is the ledger's sum; nothing counts as collected
		const after = TOTAL - 800_000;
		expect(one('SELECT balance_minor FROM claims WHERE id = ?', claimId)).toBe(after);
		expect(openBalances(db, claimId)).toEqual({
			principal: 5_000_000,
			interest: 300_000,
			fee: 0,
			cost: 0
		});
		expect(one('SELECT collected_minor FROM claims WHERE id = ?', claimId)).toBe(0);
		// C5: charged - paid + refunded - written off = balance, per component and in total
		const s = statementFor(db, claimId);
		for (const c of COMPONENTS)
			expect(s.charged[c] - s.paid[c] + s.refunded[c] - s.writtenOff[c]).toBe(s.balance[c]);
		expect(s.writtenOff).toEqual({ principal: 0, interest: 500_000, fee: 300_000, cost: 0 });
		expect(s.total).toBe(after);
		// the debtor's claim page: the same statement from its summarised lines
		const mine = claimDetail(db, me(), claimId);
		expect(statementOf(mine.ledger)).toEqual(s);
		expect(mine.claim).toMatchObject({ status: 'open', balanceMinor: after });
		expect(mine.dispute?.status).toBe('corrected');
	});

	it("the creditor's statement and reports do not count it as money collected", () => {
		correct({ interest: 500_000, fee: 300_000 });
		const cu = creditorUser(db, creditorId, 'bank@example.hu');
		const detail = getClaimDetail(db, cu, claimId);
		expect(detail.claim.collectedMinor).toBe(0);
		expect(detail.statement.paid).toEqual({ principal: 0, interest: 0, fee: 0, cost: 0 });
		expect(detail.statement.writtenOff.interest + detail.statement.writtenOff.fee).toBe(800_000);
		expect(one('SELECT coalesce(sum(collected_minor), 0) FROM report_collected')).toBe(0);
		const remittance = remittanceFor(db, cu, creditorId, { from: '2026-01-01', to: '2026-12-31' });
		expect(remittance.statement.rows).toEqual([]);
		// its claim page names the decision and what it took off
		expect(claimPapers(db, cu, claimId).disputes).toEqual([
			expect.objectContaining({ status: 'corrected', answer: ANSWER, writtenOffMinor: 800_000 })
		]);
		// another creditor's user does not find the claim
		const other = creditorUser(db, makeCreditor(db, 'Másik Bank Zrt.').creditorId, 'm@example.hu');
		expect(() => claimPapers(db, other, claimId)).toThrow(NotFoundError);
	});

	it('ends the dispute and its hold, puts the claim back to open, audits and tells the debtor', () => {
		correct({ fee: 300_000 });
		expect(one('SELECT status FROM disputes WHERE id = ?', disputeId)).toBe('corrected');
		expect(one('SELECT answer FROM disputes WHERE id = ?', disputeId)).toBe(ANSWER);
		expect(one('SELECT status FROM claims WHERE id = ?', claimId)).toBe('open');
		expect(
			one(
				"SELECT count(*) FROM holds WHERE kind = 'dispute' AND source_id = ? AND end_date IS NULL",
				disputeId
			)
		).toBe(0);
		const audit = db.$client
			.prepare("SELECT after_json FROM audit_log WHERE action = 'dispute.corrected'")
			.pluck()
			.all() as string[];
		expect(audit).toHaveLength(1);
		expect(JSON.parse(audit[0])).toMatchObject({ status: 'corrected', writtenOffMinor: 300_000 });
		expect(eventOfAudit('dispute.corrected', null)).toBe('dispute.answered');
		expect(verifyAuditChain(db).ok).toBe(true);
		// the debtor is told through their channel, neutrally (C3): the dispute page's path only
		expect(
			db.$client
				.prepare("SELECT params_json FROM outbox WHERE template = 'dispute_answered'")
				.pluck()
				.all()
		).toEqual([JSON.stringify({ path: `/my/claims/${claimId}/dispute` })]);
		// the debtor's thread shows the decision and what stayed owed
		const thread = disputeThreadForDebtor(db, me(), claimId)!;
		expect(thread.status).toBe('corrected');
		expect(thread.thread.find((e) => e.kind === 'answer')?.correction).toEqual({
			lines: [{ component: 'fee', amountMinor: 300_000 }],
			totalMinor: 300_000,
			balanceAfterMinor: TOTAL - 300_000
		});
		// the case timeline: the decision in words, with what it took off
		const answered = timelineEvents(db, debtorId, [claimId], '2026-03-02').find(
			(e) => e.key === `dispute:${disputeId}:answer`
		);
		expect(answered).toMatchObject({ what: 'corrected', amountMinor: 300_000 });
		// answered once
		expect(() => correct({ fee: 1 })).toThrow(ConflictError);
	});

	it('refuses per field: over what is outstanding, nothing, everything, not an amount; nothing saved', () => {
		const keys = (writeOff: Record<string, number>, answer = ANSWER) =>
			fieldKeys(() => correct(writeOff, answer));
		// every refusal at once, each next to its field
		expect(keys({ interest: 800_001, cost: 100 }, 'no')).toEqual({
			interest: 'portal.dispute.ops.error.overOutstanding',
			cost: 'portal.dispute.ops.error.overOutstanding',
			answer: 'portal.dispute.error.answer'
		});
		// the limit is the component's outstanding, said as an amount
		const refusal = (() => {
			try {
				correct({ interest: 800_001 });
			} catch (e) {
				return e as ValidationError;
			}
		})();
		expect(refusal?.fields.interest.params).toEqual({ max: 800_000 });
		expect(keys({})).toEqual({ writeOff: 'portal.dispute.ops.error.nothingOff' });
		expect(keys({ principal: 0, fee: 0 })).toEqual({
			writeOff: 'portal.dispute.ops.error.nothingOff'
		});
		expect(keys({ ...CHARGES })).toEqual({ writeOff: 'portal.dispute.ops.error.allOff' });
		expect(keys({ fee: -100 })).toEqual({ fee: 'form.invalidAmount' });
		expect(keys({ fee: 1.5 })).toEqual({ fee: 'form.invalidAmount' });
		expect(keys({ fee: 300_000 }, '')).toEqual({ answer: 'portal.dispute.error.answer' });
		// nothing was saved by any of them
		expect(writeOffs()).toEqual([]);
		expect(one('SELECT balance_minor FROM claims WHERE id = ?', claimId)).toBe(TOTAL);
		expect(one('SELECT status FROM disputes WHERE id = ?', disputeId)).toBe('open');
		expect(one('SELECT status FROM claims WHERE id = ?', claimId)).toBe('disputed');
		expect(one("SELECT count(*) FROM audit_log WHERE action LIKE 'dispute.%ed'")).toBe(0);
		expect(one("SELECT count(*) FROM outbox WHERE template = 'dispute_answered'")).toBe(0);
		// the amounts matter only for a correction: a rejection ignores them
		answerDispute(db, OPERATOR, {
			disputeId,
			outcome: 'rejected',
			answer: ANSWER,
			writeOff: { fee: 999_999_999 }
		});
		expect(writeOffs()).toEqual([]);
	});

	it('another record is not found; only agency staff answer; others do not see the thread', () => {
		expect(() =>
			answerDispute(db, OPERATOR, {
				disputeId: disputeId + 1000,
				outcome: 'corrected',
				answer: ANSWER,
				writeOff: { fee: 100 }
			})
		).toThrow(NotFoundError);
		const cu = creditorUser(db, creditorId, 'bank@example.hu');
		expect(() =>
			answerDispute(db, cu, {
				disputeId,
				outcome: 'corrected',
				answer: ANSWER,
				writeOff: { fee: 100 }
			})
		).toThrow(ForbiddenError);
		expect(() =>
			answerDispute(db, me(), { disputeId, outcome: 'corrected', answer: ANSWER })
		).toThrow(ForbiddenError);
		correct({ fee: 100_000 });
		expect(() => disputeThreadForDebtor(db, stranger(db), claimId)).toThrow(NotFoundError);
		expect(writeOffs()).toHaveLength(1);
	});

	it('upholding writes off all that is owed and closes the claim at nothing owed, not as collected', () => {
		const r = answerDispute(db, OPERATOR, { disputeId, outcome: 'upheld', answer: ANSWER });
		expect(r.status).toBe('upheld');
		// one write-off per component still owed, tied to the dispute
		expect(writeOffs()).toEqual([
			{ component: 'principal', amountMinor: -5_000_000, memo: `dispute ${disputeId}` },
			{ component: 'interest', amountMinor: -800_000, memo: `dispute ${disputeId}` },
			{ component: 'fee', amountMinor: -300_000, memo: `dispute ${disputeId}` }
		]);
		expect(one('SELECT status FROM claims WHERE id = ?', claimId)).toBe('closed');
		expect(one('SELECT balance_minor FROM claims WHERE id = ?', claimId)).toBe(0);
		expect(openBalances(db, claimId)).toEqual({ principal: 0, interest: 0, fee: 0, cost: 0 });
		const s = statementFor(db, claimId);
		expect(s.writtenOff).toEqual({ ...CHARGES, cost: 0 });
		expect(s.total).toBe(0);
		// the creditor sees a closed claim at nothing owed, nothing collected
		const cu = creditorUser(db, creditorId, 'bank@example.hu');
		expect(getClaimDetail(db, cu, claimId).claim.collectedMinor).toBe(0);
		expect(one('SELECT coalesce(sum(collected_minor), 0) FROM report_collected')).toBe(0);
		expect(claimPapers(db, cu, claimId).disputes).toEqual([
			expect.objectContaining({ status: 'upheld', writtenOffMinor: TOTAL })
		]);
		const after = one("SELECT after_json FROM audit_log WHERE action = 'dispute.upheld'") as string;
		expect(JSON.parse(after)).toMatchObject({ status: 'upheld', writtenOffMinor: TOTAL });
		expect(verifyAuditChain(db).ok).toBe(true);
	});

	it('the database takes the statuses of the list, corrected among them, and refuses any other', () => {
		correct({ fee: 100_000 });
		expect(one('SELECT status FROM disputes WHERE id = ?', disputeId)).toBe('corrected');
		const set = (status: string) =>
			db.$client.prepare('UPDATE disputes SET status = ? WHERE id = ?').run(status, disputeId);
		expect(() => set('partly')).toThrow(/not a dispute status/);
		expect(() =>
			db.$client
				.prepare(
					`INSERT INTO disputes (claim_id, debtor_id, reason, status, answer_due_date, created_at)
					 VALUES (?, ?, 'other', 'maybe', '2026-04-01', 0)`
				)
				.run(claimId, debtorId)
		).toThrow(/not a dispute status/);
		expect(one('SELECT status FROM disputes WHERE id = ?', disputeId)).toBe('corrected');
	});
});
