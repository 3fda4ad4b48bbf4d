/**
 * Migrations 0012-0014 on a database written before them: an uploaded file that lived in
 * placement_jobs.content moves to placement_files, and the job can still be placed.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { openDatabase, migrateDatabase } from '../../src/lib/server/db/client';
import { tempDbPath, manualClock, migrationsBefore } from '../helpers/db';
import { buildFixture } from '../helpers/reports-fixtures';
import { PLACEMENT_COLUMNS } from '../../src/lib/domain/placement';
import { confirmPlacement } from '../../src/lib/server/services/placements';

describe('migrations 0012-0014: placement files in their own table', () => {
	it('moves the file of a job uploaded before them, which then places as usual', () => {
		manualClock('2026-03-02');
		const file = tempDbPath('files');
		const old = migrationsBefore(12);
		const db = openDatabase(file);
		migrateDatabase(db, old);
		const f = buildFixture(db);
		const csv = [
			PLACEMENT_COLUMNS.join(';'),
			'M-1;person;Régi Feltöltés;1970-01-01;;1051;Budapest;Fő u. 1.;;;HUF;2025-12-01;1000;0;0;0;1000;'
		].join('\n');
		const userId = (f.actorA as { userId: number }).userId;
		const jobId = db.$client
			.prepare(
				`INSERT INTO placement_jobs (creditor_id, user_id, file_name, portfolio_name, content, status, total_rows, processed_rows, good_rows, created_at)
				 VALUES (?, ?, 'old.csv', 'Régi', ?, 'ready', 1, 1, 1, 0)`
			)
			.run(f.a, userId, Buffer.from(csv)).lastInsertRowid as number;
		db.$client.close();

		const now = openDatabase(file);
		migrateDatabase(now, path.resolve('drizzle'));
		expect(
			(
				now.$client
					.prepare('SELECT content FROM placement_files WHERE job_id = ?')
					.pluck()
					.get(jobId) as Buffer
			).toString()
		).toBe(csv);
		const cols = now.$client.prepare('PRAGMA table_info(placement_jobs)').all() as {
			name: string;
		}[];
		expect(cols.map((c) => c.name)).not.toContain('content');
		expect(confirmPlacement(now, f.actorA, jobId)).toMatchObject({ placed: 1, skipped: 0 });
	});
});
