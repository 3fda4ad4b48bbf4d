/**
 * Migrations 0012-0014 on a database written before them: an uploaded file that lived in
 * placement_jobs.content moves to placement_files, and the job can still be placed.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, migrateDatabase } from '../../src/lib/server/db/client';
import { tempDbPath, manualClock } from '../helpers/db';
import { buildFixture } from '../helpers/reports-fixtures';
import { PLACEMENT_COLUMNS } from '../../src/lib/domain/placement';
import { confirmPlacement } from '../../src/lib/server/services/placements';

/** drizzle/ as it was before migration 0012 */
function foldersBefore0012(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rendez-0008-'));
	fs.cpSync(path.resolve('drizzle'), dir, { recursive: true });
	const journal = JSON.parse(fs.readFileSync(path.join(dir, 'meta/_journal.json'), 'utf8'));
	for (const e of journal.entries.filter((e: { idx: number }) => e.idx >= 12)) {
		fs.rmSync(path.join(dir, `${e.tag}.sql`));
		fs.rmSync(path.join(dir, 'meta', `${String(e.idx).padStart(4, '0')}_snapshot.json`));
	}
	journal.entries = journal.entries.filter((e: { idx: number }) => e.idx < 12);
	fs.writeFileSync(path.join(dir, 'meta/_journal.json'), JSON.stringify(journal));
	return dir;
}

describe('migrations 0012-0014: placement files in their own table', () => {
	it('moves the file of a job uploaded before them, which then places as usual', () => {
		manualClock('2026-03-02');
		const file = tempDbPath('files');
		const old = foldersBefore0012();
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
