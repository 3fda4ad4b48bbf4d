/**
 * Migration 0017 (hand-written) on a database from before hold rows: what holds a claim today (an
 * open dispute, an active plan, an open promise) gets its row, from the Budapest day it began, so
 * the engine counts active days right after the upgrade. Answered disputes, ended plans and
 * resolved promises get none.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, migrateDatabase } from '../../src/lib/server/db/client';
import { tempDbPath, manualClock, allRows } from '../helpers/db';
import { makeClaim, makeCreditor, makeDebtor, addOperator } from '../helpers/portal-fixtures';
import { propose, terms } from '../helpers/plans-fixtures';
import { instantAt } from '../../src/lib/domain/clock';
import { activeDaysPastDue } from '../../src/lib/domain/holds';
import { answerDispute, openDispute } from '../../src/lib/server/services/disputes';
import { makePromise } from '../../src/lib/server/services/promises';
import { loadClaim } from '../../src/lib/server/services/engine-facts';

describe('migration 0017: hold rows for what holds a claim today', () => {
	it('backfills open disputes, active plans and open promises, on their Budapest day, and nothing else', () => {
		const clock = manualClock('2026-02-10', 0);
		const db = openDatabase(tempDbPath('holds-backfill'));
		// today's services write the rows (they use columns of later migrations), then the hold rows
		// are removed as the code before them left the database, and migration 0017's SQL runs again
		migrateDatabase(db, path.resolve('drizzle'));
		const cr = makeCreditor(db, 'Példa Bank Zrt.', { promiseMaxDays: 14 });
		addOperator(db);
		const claim = (n: number) => {
			const debtorId = makeDebtor(db, `Adós ${n}`);
			const id = makeClaim(db, cr, debtorId, { principal: 30_000_000 }, 'HUF', {
				reference: `M-${n}`
			});
			return { id, me: { kind: 'debtor' as const, debtorId } };
		};
		const [a, b, c, d, e] = [1, 2, 3, 4, 5].map(claim);

		// midnight in winter (23:00 UTC the day before): the plan became active on 02-10
		const plan = propose(db, a.me, a.id, 'auto', terms(2, { firstDueDate: '2026-03-10' }));
		expect(plan.status).toBe('active');
		// midnight in summer (22:00 UTC the day before): opened and made on 06-11
		clock.set(instantAt('2026-06-11', 0));
		const dispute = openDispute(db, b.me, { claimId: b.id, reason: 'not_mine', details: '' });
		const promise = makePromise(db, c.me, {
			claimId: c.id,
			promisedDate: '2026-06-20',
			amountMinor: 1_000_000
		});
		const answered = openDispute(db, d.me, { claimId: d.id, reason: 'not_mine', details: '' });
		answerDispute(
			db,
			{ kind: 'operator', userId: 1 },
			{
				disputeId: answered.id,
				outcome: 'rejected',
				answer: 'Megvizsgáltuk, jogos.'
			}
		);
		const replaced = makePromise(db, e.me, {
			claimId: e.id,
			promisedDate: '2026-06-15',
			amountMinor: 1_000_000
		});
		const kept = makePromise(db, e.me, {
			claimId: e.id,
			promisedDate: '2026-06-16',
			amountMinor: 1_000_000
		});
		// as the code before hold rows left the database
		db.$client.prepare('DELETE FROM holds').run();

		db.$client.exec(fs.readFileSync(path.resolve('drizzle/0017_holds_backfill.sql'), 'utf8'));
		const rows = allRows(
			db,
			'SELECT claim_id, kind, start_date, end_date, source_id, effect_json FROM holds ORDER BY claim_id, id'
		);
		expect(rows).toEqual([
			{
				claim_id: a.id,
				kind: 'plan',
				start_date: '2026-02-10',
				end_date: null,
				source_id: plan.id,
				effect_json: '{"kind":"stop_clock"}'
			},
			{
				claim_id: b.id,
				kind: 'dispute',
				start_date: '2026-06-11',
				end_date: null,
				source_id: dispute.id,
				effect_json: '{"kind":"stop_clock"}'
			},
			{
				claim_id: c.id,
				kind: 'promise',
				start_date: '2026-06-11',
				end_date: '2026-06-24',
				source_id: promise.id,
				effect_json: '{"kind":"stop_clock"}'
			},
			{
				claim_id: e.id,
				kind: 'promise',
				start_date: '2026-06-11',
				end_date: '2026-06-20',
				source_id: kept.id,
				effect_json: '{"kind":"stop_clock"}'
			}
		]);
		expect(replaced.id).not.toBe(kept.id);
		// the engine reads them: the disputed claim counts no day from 06-11 on
		const f = loadClaim(db, b.id)!.facts;
		expect(activeDaysPastDue(f.dueDate, '2026-07-01', f.holds)).toBe(
			activeDaysPastDue(f.dueDate, '2026-06-10', [])
		);
	});
});
