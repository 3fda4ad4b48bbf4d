/**
 * Today's print batch is made by the jobs worker, not by the request (the Standards: long work
 * never blocks the web server): the page's request only records a batch 'making'; the worker
 * writes its letters in transactions of LETTERS_PER_CHUNK, and a chunk that fails (as a kill -9
 * would leave it) rolls back whole, so the next pass goes on from there with no letter written twice.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
	allRows,
	auditsFor,
	freshDb,
	insertRow,
	manualClock,
	removeTempDbs,
	scalar,
	tempDbPath,
	testDb
} from '../helpers/db';
import { runAndKill } from '../helpers/kill-child';
import { makeClaim, makeCreditor, makeDebtor } from '../helpers/portal-fixtures';
import { agencyActor } from '../helpers/staff-fixtures';
import {
	LETTERS_PER_CHUNK,
	makeLetterBatches,
	requestTodaysBatch
} from '../../src/lib/server/services/letter-writing';
import { batchPdf, handOverBatch, listBatches } from '../../src/lib/server/services/letters';
import { runPendingJobs } from '../../src/lib/server/jobs/runner';
import { ConflictError } from '../../src/lib/server/services/errors';
import { messages } from '../../src/lib/server/db/schema';

afterAll(removeTempDbs);

const ORIGIN = 'https://rendez.example.hu';

/**
 * `n` letters due, each to its own debtor about its own unpaid claim; one more to a paid claim.
 * `file`: on that database file (for a child process to share), else a fresh one.
 */
function world(n: number, file?: string) {
	const { db, clock } = file
		? { db: freshDb(file), clock: manualClock('2026-03-02', 10) }
		: testDb('2026-03-02', 10);
	const cr = makeCreditor(db, 'Példa Bank Zrt.');
	const op = agencyActor(db, 'operator', 'op@rendez.test', 'Olga Operátor', clock.now());
	const letter = (debtorId: number, claimId: number, i: number) =>
		insertRow(db, messages, {
			debtorId,
			claimId,
			channel: 'letter',
			templateKey: 'formal.notice',
			lang: 'hu',
			source: 'staff',
			dedupeKey: `letter-${i}`,
			scheduledAt: clock.now() - 3_600_000,
			createdAt: clock.now(),
			updatedAt: clock.now()
		}).id;
	for (let i = 0; i < n; i++) {
		const d = makeDebtor(db, `Adós ${i}`);
		letter(
			d,
			makeClaim(db, cr, d, { principal: 1_000_000 + i }, 'HUF', { reference: `RZ-${i}` }),
			i
		);
	}
	const bela = makeDebtor(db, 'Nagy Béla');
	const paid = makeClaim(db, cr, bela, { principal: 1_000_000 }, 'HUF', { reference: 'RZ-PAID' });
	db.$client.prepare(`UPDATE claims SET status = 'paid', balance_minor = 0 WHERE id = ?`).run(paid);
	letter(bela, paid, n);
	return { db, op, cr };
}

const inBatch = (db: ReturnType<typeof world>['db'], batchId: number) =>
	scalar(db, 'SELECT count(*) FROM messages WHERE letter_batch_id = ?', batchId);

describe("today's print batch in the jobs worker", () => {
	it('the request writes no letter; the worker writes them all, a chunk at a time, then opens the batch', async () => {
		const n = 2 * LETTERS_PER_CHUNK + 50;
		const { db, op } = world(n);
		const asked = requestTodaysBatch(db, op, { origin: ORIGIN });
		expect(asked).toEqual({ batchId: expect.any(Number), due: n + 1 });
		const batchId = asked.batchId!;
		// asked for, not made: nothing written yet, and the batch cannot be printed or handed over
		expect(inBatch(db, batchId)).toBe(0);
		expect(listBatches(db, op)[0]).toMatchObject({ id: batchId, state: 'making', letterCount: 0 });
		expect(auditsFor(db, 'letter_batch.request', 'letter_batch', batchId)).toBe(1);
		expect(() => requestTodaysBatch(db, op, { origin: ORIGIN })).toThrow(ConflictError);
		expect(() => handOverBatch(db, op, { batchId })).toThrow(ConflictError);
		await expect(batchPdf(db, op, batchId)).rejects.toThrow(ConflictError);

		// the worker's pass (as the server's jobs worker runs it)
		runPendingJobs(db, false);
		expect(inBatch(db, batchId)).toBe(n);
		expect(listBatches(db, op)[0]).toMatchObject({
			id: batchId,
			state: 'open',
			letterCount: n,
			cancelledCount: 1
		});
		expect(auditsFor(db, 'letter_batch.create', 'letter_batch', batchId)).toBe(1);
		// each letter written once: one stored content and one portal link each
		expect(scalar(db, 'SELECT count(*) FROM letter_contents')).toBe(n);
		expect(scalar(db, 'SELECT count(DISTINCT portal_url) FROM letter_contents')).toBe(n);
		expect(scalar(db, "SELECT count(*) FROM messages WHERE status = 'cancelled'")).toBe(1);
	});

	it('killed (kill -9) between chunks, the next start goes on from the last whole chunk', async () => {
		const n = 2 * LETTERS_PER_CHUNK + 50;
		const file = tempDbPath('letters-kill');
		const { db, op } = world(n, file);
		const { batchId } = requestTodaysBatch(db, op, { origin: ORIGIN });
		db.$client.pragma('wal_checkpoint(TRUNCATE)');

		const out = await runAndKill(['letters', file], 1);
		expect(out).toContain('exit SIGKILL');
		expect(out).not.toContain('done\n');
		const mid = listBatches(db, op)[0];
		expect(mid.state).toBe('making');
		expect(mid.letterCount % LETTERS_PER_CHUNK).toBe(0);
		expect(mid.letterCount).toBeGreaterThanOrEqual(LETTERS_PER_CHUNK);
		expect(mid.letterCount).toBeLessThan(n);
		expect(inBatch(db, batchId!)).toBe(mid.letterCount);
		expect(scalar(db, 'SELECT count(*) FROM letter_contents')).toBe(mid.letterCount);

		// the worker's next start
		makeLetterBatches(db);
		expect(listBatches(db, op)[0]).toMatchObject({
			state: 'open',
			letterCount: n,
			cancelledCount: 1
		});
		expect(scalar(db, 'SELECT count(*) FROM letter_contents')).toBe(n);
		expect(
			allRows(db, 'SELECT message_id FROM letter_contents GROUP BY message_id HAVING count(*) > 1')
		).toEqual([]);
		expect(auditsFor(db, 'letter_batch.create', 'letter_batch', batchId!)).toBe(1);
	});

	it('an error that would recur closes the batch with what was written; the rest stay due for the next', () => {
		const n = 2 * LETTERS_PER_CHUNK + 50;
		const { db, op } = world(n);
		const first = requestTodaysBatch(db, op, { origin: ORIGIN }).batchId!;
		// the 150th letter's content cannot be stored: the second chunk fails half way
		db.$client.exec(`CREATE TEMP TRIGGER fail_once BEFORE INSERT ON letter_contents
			WHEN (SELECT count(*) FROM letter_contents) = ${LETTERS_PER_CHUNK + 50}
			BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
		expect(() => makeLetterBatches(db)).toThrow(/disk full/);
		// the failed chunk rolled back whole; the batch is open with the first chunk, not stuck
		expect(listBatches(db, op)[0]).toMatchObject({
			id: first,
			state: 'open',
			letterCount: LETTERS_PER_CHUNK
		});
		expect(scalar(db, 'SELECT count(*) FROM letter_contents')).toBe(LETTERS_PER_CHUNK);
		expect(auditsFor(db, 'letter_batch.failed', 'letter_batch', first)).toBe(1);

		db.$client.exec('DROP TRIGGER fail_once');
		const second = requestTodaysBatch(db, op, { origin: ORIGIN });
		expect(second.due).toBe(n + 1 - LETTERS_PER_CHUNK);
		makeLetterBatches(db);
		expect(inBatch(db, first)).toBe(LETTERS_PER_CHUNK);
		expect(inBatch(db, second.batchId!)).toBe(n - LETTERS_PER_CHUNK);
		expect(scalar(db, 'SELECT count(*) FROM letter_contents')).toBe(n);
		expect(
			allRows(db, 'SELECT message_id FROM letter_contents GROUP BY message_id HAVING count(*) > 1')
		).toEqual([]);
	});

	it('a batch made across midnight is the day it was asked for: its date on every letter, none queued later', () => {
		const n = LETTERS_PER_CHUNK + 20;
		const { db, op, cr } = world(n);
		const clock = manualClock('2026-03-02', 23);
		clock.advance(59 * 60_000); // 23:59 Budapest
		const { batchId } = requestTodaysBatch(db, op, { origin: ORIGIN });
		makeLetterBatches(db, {
			afterChunk: () => {
				// past midnight between chunks, and a letter queued for the new day
				clock.advance(2 * 60_000);
				const d = makeDebtor(db, 'Késői Kálmán');
				insertRow(db, messages, {
					debtorId: d,
					claimId: makeClaim(db, cr, d, { principal: 500_000 }, 'HUF', { reference: 'RZ-LATE' }),
					channel: 'letter',
					templateKey: 'formal.notice',
					lang: 'hu',
					source: 'staff',
					dedupeKey: 'letter-late',
					scheduledAt: clock.now(),
					createdAt: clock.now(),
					updatedAt: clock.now()
				});
			}
		});
		expect(listBatches(db, op)[0]).toMatchObject({
			id: batchId,
			day: '2026-03-02',
			letterCount: n
		});
		expect(allRows(db, 'SELECT DISTINCT letter_date AS d FROM letter_contents')).toEqual([
			{ d: '2026-03-02' }
		]);
		expect(
			scalar(db, "SELECT letter_batch_id FROM messages WHERE dedupe_key = 'letter-late'")
		).toBeNull();
	});

	it('nothing due: no batch; only cancelled letters: an empty batch that says so', () => {
		const { db, op } = world(0);
		const { batchId } = requestTodaysBatch(db, op, { origin: ORIGIN });
		makeLetterBatches(db);
		expect(listBatches(db, op)[0]).toMatchObject({
			id: batchId,
			state: 'open',
			letterCount: 0,
			cancelledCount: 1
		});
		expect(requestTodaysBatch(db, op, { origin: ORIGIN })).toEqual({ batchId: null, due: 0 });
	});
});
