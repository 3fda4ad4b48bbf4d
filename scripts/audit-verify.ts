/**
 * `npm run audit:verify`: walks the audit chain of DATABASE_URL (default ./data/rendez.db).
 * Prints "OK <n> rows" and exits 0, or names the first row whose hash or link does not match and
 * exits 1. Opens the database without migrating it: a check must not change what it checks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { databasePath, openDatabase, DatabaseOpenError } from '../src/lib/server/db/client';
import { verifyAuditChain } from '../src/lib/server/services/audit';
import { cliArgs } from './args';

cliArgs(
	'usage: npm run audit:verify (no options; DATABASE_URL and the other settings come from the environment)',
	{}
);

const file = databasePath();
if (!fs.existsSync(file)) {
	console.error(`audit:verify: no database at ${path.resolve(file)} (set DATABASE_URL).`);
	process.exit(2);
}
try {
	const db = openDatabase(file);
	const report = verifyAuditChain(db);
	db.$client.close();
	if (report.ok) {
		console.log(`audit:verify OK: ${report.checked} rows, chain intact.`);
	} else {
		console.error(
			`audit:verify BROKEN: audit_log row id ${report.brokenAt} does not match the chain (${report.checked} rows before it verified).`
		);
		process.exit(1);
	}
} catch (e) {
	if (e instanceof DatabaseOpenError) {
		console.error(e.message);
		process.exit(2);
	}
	throw e;
}
