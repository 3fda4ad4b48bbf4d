/**
 * "I can't pay now" (issue 19, item 9): the category and a pause asked for, the claim held for
 * review at once and in the operators' queue with a deadline; no health details kept (C13); the
 * operator grants the pause (held for the days asked) or declines (the hold ends).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { allRows, scalar } from '../helpers/db';
import { OPERATOR, claimWorld, fieldKeys, moreClaims, stranger } from '../helpers/portal-fixtures';
import type { DB } from '../../src/lib/server/db/client';
import { instantAt, type ManualClock } from '../../src/lib/domain/clock';
import {
	decideHardship,
	HARDSHIP_PAGE_SIZE,
	hardshipForDebtor,
	hardshipQueue,
	hardshipReasonsOf,
	requestHardship
} from '../../src/lib/server/services/hardship';
import { ConflictError, ForbiddenError, NotFoundError } from '../../src/lib/server/services/errors';
import { verifyAuditChain } from '../../src/lib/server/services/audit';
import { holdOn } from '../../src/lib/domain/next-step';
import { hold } from '../../src/lib/domain/holds';

describe('hardship', () => {
	let db: DB;
	let clock: ManualClock;
	let debtorId: number;
	let claimId: number;
	beforeEach(() => {
		({ db, clock, debtorId, claimId } = claimWorld({ principal: 2_000_000 }));
	});
	const me = () => ({ kind: 'debtor' as const, debtorId });
	const op = OPERATOR;
	const holds = () =>
		allRows(
			db,
			'SELECT kind, start_date, end_date FROM holds WHERE claim_id = ? ORDER BY id',
			claimId
		);

	it('a person is asked a person’s reasons, a company a business’s: neither may give the other’s', () => {
		expect(hardshipReasonsOf(db, me())).toEqual(['job_loss', 'illness', 'other']);
		expect(
			fieldKeys(() =>
				requestHardship(db, me(), { claimId, reason: 'revenue_loss', note: '', pauseDays: 30 })
			)
		).toEqual({ reason: 'hardship.error.reason' });
		db.$client.prepare("UPDATE debtors SET kind = 'company' WHERE id = ?").run(debtorId);
		expect(hardshipReasonsOf(db, me())).toEqual(['revenue_loss', 'customers_unpaid', 'other']);
		expect(
			fieldKeys(() =>
				requestHardship(db, me(), { claimId, reason: 'illness', note: '', pauseDays: 30 })
			)
		).toEqual({ reason: 'hardship.error.reason' });
		const r = requestHardship(db, me(), {
			claimId,
			reason: 'customers_unpaid',
			note: 'Két nagy vevőnk nem fizet.',
			pauseDays: 60
		});
		expect(r).toMatchObject({ reason: 'customers_unpaid', note: 'Két nagy vevőnk nem fizet.' });
	});

	it('refuses an unknown reason or pause; puts the claim on hold and in the queue with a deadline', () => {
		expect(
			fieldKeys(() =>
				requestHardship(db, me(), { claimId, reason: 'bored', note: '', pauseDays: 45 })
			)
		).toEqual({ reason: 'hardship.error.reason', pauseDays: 'hardship.error.pause' });
		const r = requestHardship(db, me(), {
			claimId,
			reason: 'job_loss',
			note: 'Februárban elbocsátottak.',
			pauseDays: 60
		});
		expect(r).toMatchObject({ status: 'pending', reviewDueDate: '2026-03-09', pauseDays: 60 });
		expect(r.note).toBe('Februárban elbocsátottak.');
		expect(holds()).toEqual([{ kind: 'hardship', start_date: '2026-03-02', end_date: null }]);
		// the debtor's page names the hold
		expect(holdOn([hold('hardship', '2026-03-02')], '2026-03-03')).toEqual({
			reason: 'hardship',
			until: null
		});
		expect(hardshipQueue(db, op).rows.map((q) => [q.id, q.reviewDueDate, q.reference])).toEqual([
			[r.id, '2026-03-09', expect.any(String)]
		]);
		expect(() => hardshipQueue(db, me())).toThrow(ForbiddenError);
		// one pending request per claim; another debtor's claim does not exist for them
		expect(() =>
			requestHardship(db, me(), { claimId, reason: 'other', note: '', pauseDays: 30 })
		).toThrow(ConflictError);
		const other = stranger(db);
		expect(() =>
			requestHardship(db, other, { claimId, reason: 'other', note: '', pauseDays: 30 })
		).toThrow(NotFoundError);
	});

	it('the review deadline is five business days on: a request on Monday 7 December 2026 is due Monday the 14th, never Saturday the 12th (walkthrough s16, item 4)', () => {
		clock.set(instantAt('2026-12-07', 10));
		const r = requestHardship(db, me(), {
			claimId,
			reason: 'other',
			note: '',
			pauseDays: 30
		});
		expect(r.reviewDueDate).toBe('2026-12-14');
		// the debtor's page and the operators' queue read the same date
		expect(hardshipForDebtor(db, me(), claimId)?.reviewDueDate).toBe('2026-12-14');
		expect(hardshipQueue(db, op).rows.map((q) => q.reviewDueDate)).toEqual(['2026-12-14']);
	});

	it('C13: for illness only the category is kept, never the words, not even in the audit trail', () => {
		const r = requestHardship(db, me(), {
			claimId,
			reason: 'illness',
			note: 'Daganatos betegséggel kezelnek a kórházban.',
			pauseDays: 90
		});
		expect(r.note).toBeNull();
		const everything = JSON.stringify([
			allRows(db, 'SELECT * FROM hardship_requests'),
			allRows(db, 'SELECT * FROM audit_log'),
			allRows(db, 'SELECT * FROM holds')
		]);
		expect(everything).not.toMatch(/Daganat|kórház/);
		expect(hardshipForDebtor(db, me(), claimId)).toMatchObject({ reason: 'illness', note: null });
	});

	it('granted: held for the pause asked from the decision; declined: the hold ends', () => {
		const r = requestHardship(db, me(), { claimId, reason: 'other', note: '', pauseDays: 30 });
		clock.advanceDays(2);
		expect(
			fieldKeys(() => decideHardship(db, op, { requestId: r.id, decision: 'grant', note: 'ok' }))
		).toEqual({ note: 'ops.hardship.error.note' });
		decideHardship(db, op, {
			requestId: r.id,
			decision: 'grant',
			note: 'Átmeneti nehézség, megadjuk.'
		});
		expect(holds()).toEqual([
			{ kind: 'hardship', start_date: '2026-03-02', end_date: '2026-03-04' },
			{ kind: 'hardship', start_date: '2026-03-04', end_date: '2026-04-03' }
		]);
		expect(hardshipForDebtor(db, me(), claimId)).toMatchObject({
			status: 'granted',
			pauseEndDate: '2026-04-03'
		});
		expect(hardshipQueue(db, op)).toMatchObject({ rows: [], total: 0, pages: 1 });
		expect(() =>
			decideHardship(db, op, { requestId: r.id, decision: 'decline', note: 'mégsem jó' })
		).toThrow(ConflictError);

		// a second request later, declined: its hold ends that day
		clock.advanceDays(40);
		const r2 = requestHardship(db, me(), { claimId, reason: 'job_loss', note: '', pauseDays: 30 });
		decideHardship(db, op, {
			requestId: r2.id,
			decision: 'decline',
			note: 'Részletfizetést ajánlunk.'
		});
		expect(holds()).toHaveLength(3);
		expect(
			scalar(db, 'SELECT count(*) FROM holds WHERE claim_id = ? AND end_date IS NULL', claimId)
		).toBe(0);
		expect(verifyAuditChain(db).ok).toBe(true);
	});

	it('the queue comes a page at a time, the nearest review first, and counts them all', () => {
		const ids = [
			requestHardship(db, me(), { claimId, reason: 'other', note: '', pauseDays: 30 }).id
		];
		for (const c of moreClaims(db, debtorId, HARDSHIP_PAGE_SIZE)) {
			clock.advanceDays(1); // each later one is reviewed a day later
			ids.push(
				requestHardship(db, me(), { claimId: c, reason: 'other', note: '', pauseDays: 30 }).id
			);
		}
		const first = hardshipQueue(db, op);
		expect(first).toMatchObject({ total: HARDSHIP_PAGE_SIZE + 1, page: 1, pages: 2 });
		expect(first.rows.map((q) => q.id)).toEqual(ids.slice(0, HARDSHIP_PAGE_SIZE));
		expect(hardshipQueue(db, op, { page: 2 }).rows.map((q) => q.id)).toEqual([ids.at(-1)]);
		// a page that is not a number is the first
		const nan = hardshipQueue(db, op, { page: Number.NaN });
		expect(nan).toMatchObject({ page: 1, pages: 2 });
		expect(nan.rows.map((q) => q.id)).toEqual(ids.slice(0, HARDSHIP_PAGE_SIZE));
	});
});
