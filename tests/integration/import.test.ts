import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freshDb } from '../helpers/db';
import { importWorld } from '../helpers/import-fixtures';
import { PLACEMENT_COLUMNS } from '../../src/lib/domain/placement';

// the real command line, on a real database file
describe('npm run import (scripts/import.ts)', () => {
	it('prints bad rows with line numbers and places the good rows for the named creditor', () => {
		const { dbFile, db, f, csv } = importWorld('import', 'placement.csv', [
			'CLI-1,person,Parancs Sor,1970-01-01,,1051,Budapest,Fő u. 1.,,,HUF,2025-01-01,1000,0,0,0,1000,',
			'CLI-2,person,Hibás Összeg,1970-01-01,,1051,Budapest,Fő u. 1.,,,HUF,2025-01-01,1000,0,0,0,999,',
			'A-001,person,Már Van,1970-01-01,,1051,Budapest,Fő u. 1.,,,HUF,2025-01-01,1000,0,0,0,1000,'
		]);
		db.$client.close();
		const env = { ...process.env, DATABASE_URL: dbFile, RENDEZ_QUIET: '1' };
		const out = execFileSync(
			'npx',
			['tsx', 'scripts/import.ts', '--creditor', String(f.a), '--portfolio', 'CLI batch', csv],
			{ env, encoding: 'utf8' }
		);
		expect(out).toContain('line 3  total:');
		expect(out).toContain(
			'line 4  reference: This reference is already in use: a claim with it has already been placed with us.'
		);
		expect(out).toContain('3 rows: 1 good, 2 with errors');
		expect(out).toMatch(/placed 1 claims in portfolio \d+ "CLI batch"/);
		const check = freshDb(dbFile);
		expect(
			check.$client
				.prepare(
					`SELECT c.creditor_id, p.name FROM claims c JOIN portfolios p ON p.id = c.portfolio_id WHERE c.reference = 'CLI-1'`
				)
				.get()
		).toEqual({ creditor_id: f.a, name: 'CLI batch' });

		const latin2 = path.join(path.dirname(dbFile), 'latin2.csv');
		fs.writeFileSync(
			latin2,
			Buffer.concat([
				Buffer.from(PLACEMENT_COLUMNS.join(',') + '\nX,person,'),
				Buffer.from([0xd5]),
				Buffer.from('ry\n')
			])
		);
		const bad = spawnSync('npx', ['tsx', 'scripts/import.ts', '--creditor', String(f.a), latin2], {
			env,
			encoding: 'utf8'
		});
		expect(bad.status).toBe(1);
		expect(bad.stderr).toContain('not UTF-8');
	}, 60_000);
});
