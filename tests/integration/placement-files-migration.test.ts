/**
 * Migrations 0012-0014 on a database written before them: an uploaded file that lived in
 * placement_jobs.content moves to placement_files, and the job can still be placed.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { openDatabase, migrateDatabase } from '../../src/lib/server/db/client';
import { tempDbPath, manualClock, migrationsBefore } from '../helpers/db';
import { PLACEMENT_COLUMNS } from '../../src/lib/domain/placement';
import { confirmPlacement } from '../../src/lib/server/services/placements';

describe('migrations 0012-0014: placement files in their own table', () => {
	it('moves the file of a job uploaded before them, which then places as usual', () => {
		manualClock('2026-03-02');
		const file = tempDbPath('files');
		const old = migrationsBefore(12);
		const db = openDatabase(file);
		migrateDatabase(db, old);
		// a creditor and its user, written as that schema had them (today's fixtures would write
		// columns added since)
		const a = Number(
			db.$client
				.prepare(
					`INSERT INTO creditors (name, short_name, sector, tax_number, created_at)
					 VALUES ('Régi Bank Zrt.', 'Régi Bank', 'bank', '12345678-2-42', 0)`
				)
				.run().lastInsertRowid
		);
		const userId = Number(
			db.$client
				.prepare(
					`INSERT INTO staff_users (email, name, role, creditor_id, password_hash, created_at)
					 VALUES ('cu@regi.test', 'Régi Réka', 'creditor', ?, 'x', 0)`
				)
				.run(a).lastInsertRowid
		);
		const actorA = { kind: 'creditor' as const, userId, creditorId: a };
		const csv = [
			PLACEMENT_COLUMNS.join(';'),
			'M-1;person;Régi Feltöltés;1970-01-01;;1051;Budapest;Fő u. 1.;;;HUF;2025-12-01;1000;0;0;0;1000;'
		].join('\n');
		const jobId = db.$client
			.prepare(
				`INSERT INTO placement_jobs (creditor_id, user_id, file_name, portfolio_name, content, status, total_rows, processed_rows, good_rows, created_at)
				 VALUES (?, ?, 'old.csv', 'Régi', ?, 'ready', 1, 1, 1, 0)`
			)
			.run(a, userId, Buffer.from(csv)).lastInsertRowid as number;
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
		expect(confirmPlacement(now, actorA, jobId)).toMatchObject({ placed: 1, skipped: 0 });
	});
});
