/**
 * Long work is resumable after a kill -9: a placement and a daily run are killed (SIGKILL) in a
 * child process after some chunks, then resumed; nothing is doubled or half done.
 */
import { describe, expect, it } from 'vitest';
import { runAndKill } from '../helpers/kill-child';
import { freshDb, manualClock, tempDbPath, scalar as count } from '../helpers/db';
import { buildFixture } from '../helpers/reports-fixtures';
import { PLACEMENT_COLUMNS } from '../../src/lib/domain/placement';
import { localDate } from '../../src/lib/domain/clock';
import {
	createPlacementJob,
	getPlacementJob,
	startPlacement,
	validateJob
} from '../../src/lib/server/services/placements';
import { runPlacement } from '../../src/lib/server/services/placing';
import { runDailyJobs } from '../../src/lib/server/services/jobs';
import { verifyAuditChain } from '../../src/lib/server/services/audit';
import { seedClosedDebtors } from '../helpers/retention-fixtures';

const ROWS = 1_000;
const CHUNK = 50;

function bigFile(): string {
	const lines = [PLACEMENT_COLUMNS.join(';')];
	for (let i = 0; i < ROWS; i++)
		lines.push(
			// every 10th row's debtor is the same person: matched, not created again
			`K-${i};person;Adós ${i % 10 === 0 ? 'Közös' : i};1970-01-01;;1051;Budapest;Fő u. ${i}.;;;HUF;2025-12-01;1000;500;0;0;1500;`
		);
	return lines.join('\n');
}

describe('kill -9 during long work', () => {
	it('a placement killed after some chunks resumes to exactly one claim and two charges per row', async () => {
		manualClock(localDate(Date.now()));
		const file = tempDbPath('resume');
		const db = freshDb(file);
		const f = buildFixture(db);
		const id = createPlacementJob(db, f.actorA, {
			fileName: 'big.csv',
			portfolioName: 'Nagy',
			bytes: new TextEncoder().encode(bigFile())
		});
		await validateJob(db, f.actorA, id);
		startPlacement(db, f.actorA, id);
		const claimsBefore = count(db, 'SELECT count(*) FROM claims');
		const ledgerBefore = count(db, 'SELECT count(*) FROM ledger_entries');

		const out = await runAndKill(['placement', file, String(id), String(CHUNK)], 3);
		expect(out).not.toContain('done');
		const mid = getPlacementJob(db, f.actorA, id, false);
		expect(mid.status).toBe('placing');
		// whole chunks only: the progress and the rows went in together
		expect(mid.placedRows % CHUNK).toBe(0);
		expect(mid.placedRows).toBeGreaterThanOrEqual(3 * CHUNK);
		expect(mid.placedRows).toBeLessThan(ROWS);
		expect(count(db, 'SELECT count(*) FROM claims') - claimsBefore).toBe(mid.placedRows);
		expect(count(db, 'SELECT count(*) FROM ledger_entries') - ledgerBefore).toBe(
			2 * mid.placedRows
		);

		// the restart takes it up again
		expect(runPlacement(db, id, { chunkRows: CHUNK })).toBe('placed');
		const job = getPlacementJob(db, f.actorA, id, false);
		expect([job.status, job.goodRows, job.badRows]).toEqual(['placed', ROWS, 0]);
		expect(count(db, 'SELECT count(*) FROM claims WHERE portfolio_id = ?', job.portfolioId)).toBe(
			ROWS
		);
		expect(
			count(
				db,
				'SELECT count(DISTINCT reference) FROM claims WHERE portfolio_id = ?',
				job.portfolioId
			)
		).toBe(ROWS);
		expect(count(db, 'SELECT count(*) FROM claims') - claimsBefore).toBe(ROWS);
		expect(count(db, 'SELECT count(*) FROM ledger_entries') - ledgerBefore).toBe(2 * ROWS);
		expect(
			count(db, 'SELECT sum(balance_minor) FROM claims WHERE portfolio_id = ?', job.portfolioId)
		).toBe(ROWS * 150_000);
		// one debtor 'Adós Közös' for the 100 shared rows
		expect(count(db, `SELECT count(*) FROM debtors WHERE name = 'Adós Közös'`)).toBe(1);
		expect(count(db, `SELECT count(*) FROM audit_log WHERE action = 'placement.place'`)).toBe(1);
		expect(verifyAuditChain(db).ok).toBe(true);
		// a second run is a no-op
		expect(runPlacement(db, id)).toBe('placed');
		expect(count(db, 'SELECT count(*) FROM claims') - claimsBefore).toBe(ROWS);
	});

	it('a daily run killed after some chunks resumes: every debtor past retention anonymised once', async () => {
		const today = localDate(Date.now());
		manualClock(today);
		const file = tempDbPath('daily');
		const db = freshDb(file);
		const ids = seedClosedDebtors(db, 200, today);

		const out = await runAndKill(['daily', file, '10'], 4);
		expect(out).not.toContain('done');
		const done = count(db, 'SELECT count(*) FROM debtors WHERE anonymized_at IS NOT NULL');
		expect(done).toBeGreaterThanOrEqual(40);
		expect(done).toBeLessThan(200);
		expect(done % 10).toBe(0);
		expect(count(db, `SELECT count(*) FROM audit_log WHERE action = 'debtor.anonymised'`)).toBe(
			done
		);
		expect(count(db, `SELECT finished_at FROM job_runs WHERE job = 'daily'`)).toBeNull();

		// the next start resumes the unfinished day (no force needed)
		const r = runDailyJobs(db);
		expect(r.skipped).toBe(false);
		expect(r.anonymised).toBe(200 - done);
		expect(count(db, 'SELECT count(*) FROM debtors WHERE anonymized_at IS NOT NULL')).toBe(200);
		expect(count(db, `SELECT count(*) FROM audit_log WHERE action = 'debtor.anonymised'`)).toBe(
			200
		);
		expect(
			count(db, `SELECT count(*) FROM debtors WHERE id IN (${ids.join(',')}) AND name <> ''`)
		).toBe(0);
		expect(runDailyJobs(db).skipped).toBe(true);
		expect(verifyAuditChain(db).ok).toBe(true);
	});
});
