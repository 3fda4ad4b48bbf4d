/**
 * The committed migrations describe db/schema/ exactly: drizzle-kit, asked to generate against a
 * copy of drizzle/, finds nothing to add. A schema change without its migration fails here.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../helpers/db';

describe('migrations', () => {
	it('are in step with db/schema/', () => {
		const dir = tempDir('rendez-drift-');
		fs.cpSync(path.resolve('drizzle'), path.join(dir, 'drizzle'), { recursive: true });
		const before = fs.readdirSync(path.join(dir, 'drizzle')).sort();
		const r = spawnSync(
			path.resolve('node_modules/.bin/drizzle-kit'),
			[
				'generate',
				'--dialect',
				'sqlite',
				'--schema',
				path.resolve('src/lib/server/db/schema/index.ts'),
				'--out',
				'drizzle'
			],
			{ cwd: dir, encoding: 'utf8', timeout: 60_000 }
		);
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout).toContain('No schema changes');
		expect(fs.readdirSync(path.join(dir, 'drizzle')).sort()).toEqual(before);
	});
});
