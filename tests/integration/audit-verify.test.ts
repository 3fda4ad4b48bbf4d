import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { freshDb, manualClock, tempDbPath } from '../helpers/db';
import { audit, verifyAuditChain } from '../../src/lib/server/services/audit';
import type { Actor } from '../../src/lib/domain/actor';

function runVerify(file: string) {
	return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], {
		env: { ...process.env, DATABASE_URL: file },
		encoding: 'utf8'
	});
}

/** A new database file whose audit chain holds `n` status changes of claims 1..n by `actor` (`after(i)`: the new state). */
function auditedFile(name: string, actor: Actor, n: number, after?: (i: number) => unknown) {
	manualClock();
	const file = tempDbPath(name);
	const db = freshDb(file);
	for (let i = 1; i <= n; i++)
		audit(db, actor, { action: 'claim.status', entity: 'claim', entityId: i, after: after?.(i) });
	return { file, db };
}

describe('npm run audit:verify', () => {
	it('prints OK and the count for an intact chain, and names the first edited row', () => {
		const { file, db } = auditedFile('audit', { kind: 'operator', userId: 7 }, 6, (n) => ({ n }));
		expect(verifyAuditChain(db)).toEqual({ ok: true, checked: 6 });
		db.$client.close();

		const ok = runVerify(file);
		expect(ok.status).toBe(0);
		expect(ok.stdout).toContain('OK');
		expect(ok.stdout).toContain('6 rows');

		// tamper: the append-only trigger stops an UPDATE, so drop it first, then edit row 4
		const db2 = freshDb(file);
		expect(() =>
			db2.$client.prepare("UPDATE audit_log SET after_json = '{}' WHERE id = 4").run()
		).toThrow(/append-only/);
		db2.$client.exec('DROP TRIGGER audit_log_no_update');
		db2.$client.prepare(`UPDATE audit_log SET after_json = '{"n":40}' WHERE id = 4`).run();
		db2.$client.close();

		const bad = runVerify(file);
		expect(bad.status).toBe(1);
		expect(bad.stderr).toContain('row id 4');
	});

	it('names a deleted row by the first row after the gap', () => {
		const { file, db } = auditedFile('audit2', { kind: 'system', job: 't' }, 4);
		db.$client.exec('DROP TRIGGER audit_log_no_delete');
		db.$client.prepare('DELETE FROM audit_log WHERE id = 2').run();
		db.$client.close();
		const bad = runVerify(file);
		expect(bad.status).toBe(1);
		expect(bad.stderr).toContain('row id 3');
	});

	it('is wired as the npm script', () => {
		const pkg = JSON.parse(execFileSync('cat', ['package.json'], { encoding: 'utf8' }));
		expect(pkg.scripts['audit:verify']).toBe('tsx scripts/audit-verify.ts');
	});
});
