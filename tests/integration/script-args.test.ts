/** Scripts refuse unknown options (strict parseArgs): a typo never runs the real thing. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { tempDbPath } from '../helpers/db';
import { importWorld } from '../helpers/import-fixtures';

const run = (script: string, args: string[], env: Record<string, string>) =>
	spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
		env: { ...process.env, RENDEZ_QUIET: '1', ...env },
		encoding: 'utf8'
	});

describe('script options', () => {
	it('npm run import -- --dryrun (a typo) places nothing and exits with 2', () => {
		const { dbFile, db, f, csv } = importWorld('args', 'p.csv', [
			'TYPO-1,person,Elírt Kapcsoló,1970-01-01,,1051,Budapest,Fő u. 1.,,,HUF,2025-01-01,1000,0,0,0,1000,'
		]);
		const count = () => db.$client.prepare('SELECT count(*) FROM claims').pluck().get();
		const before = count();
		const env = { DATABASE_URL: dbFile };
		const typo = run('scripts/import.ts', ['--creditor', String(f.a), '--dryrun', csv], env);
		expect(typo.status).toBe(2);
		expect(typo.stderr).toContain("Unknown option '--dryrun'");
		expect(typo.stderr).toContain('usage: npm run import');
		expect(count()).toBe(before);
		// the right spelling is a dry run; two files are refused too
		const dry = run('scripts/import.ts', ['--creditor', String(f.a), '--dry-run', csv], env);
		expect(dry.status).toBe(0);
		expect(dry.stdout).toContain('dry run: nothing placed');
		expect(run('scripts/import.ts', ['--creditor', String(f.a), csv, csv], env).status).toBe(2);
		expect(count()).toBe(before);
	});

	it('the daily job and the migration refuse an unknown option', () => {
		const env = { DATABASE_URL: tempDbPath('args2') };
		const daily = run('scripts/jobs-daily.ts', ['--froce'], env);
		expect(daily.status).toBe(2);
		expect(daily.stderr).toContain("Unknown option '--froce'");
		expect(run('scripts/migrate.ts', ['--yes'], env).status).toBe(2);
		expect(fs.existsSync(env.DATABASE_URL)).toBe(false);
	});
});
