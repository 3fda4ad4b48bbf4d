/**
 * Operators' placement by CSV, the same checks and the same one-transaction placement as the
 * creditor's upload page:
 *
 *   npm run import -- --creditor <id> [--portfolio "Name"] [--dry-run] <file.csv>
 *
 * Prints each bad row's line number and reason; places the good rows as a new portfolio unless
 * --dry-run. Exit code 1 when the file cannot be read or nothing was placed. Audited as a system
 * actor ('import'). Uses DATABASE_URL like the server.
 */
import fs from 'node:fs';
import path from 'node:path';
import { databasePath, migrateDatabase, openDatabase } from '../src/lib/server/db/client';
import { importFile } from '../src/lib/server/services/placements';
import { NotFoundError } from '../src/lib/server/services/errors';
import { systemActor } from '../src/lib/domain/actor';
import { translate } from '../src/lib/i18n';
import { localDate } from '../src/lib/domain/clock';
import { clock } from '../src/lib/server/clock';

process.env.RENDEZ_QUIET ??= '1';
const args = process.argv.slice(2);
const usage =
	'usage: npm run import -- --creditor <id> [--portfolio "Name"] [--dry-run] [--lang hu|en] <file.csv>';
let creditor: number | null = null;
let portfolio: string | null = null;
let dryRun = false;
let lang: 'hu' | 'en' = 'en';
let file: string | null = null;
for (let i = 0; i < args.length; i++) {
	const a = args[i];
	if (a === '--creditor') creditor = Number(args[++i]);
	else if (a === '--portfolio') portfolio = args[++i] ?? null;
	else if (a === '--dry-run') dryRun = true;
	else if (a === '--lang') lang = args[++i] === 'hu' ? 'hu' : 'en';
	else if (!a.startsWith('--')) file = a;
}
if (!creditor || !Number.isInteger(creditor) || !file) {
	console.error(usage);
	process.exit(2);
}
if (!fs.existsSync(file)) {
	console.error(`no such file: ${file}`);
	process.exit(2);
}

const db = openDatabase(databasePath());
migrateDatabase(db);
const bytes = new Uint8Array(fs.readFileSync(file));
const name = portfolio ?? `${path.basename(file, path.extname(file))} ${localDate(clock().now())}`;
const t0 = performance.now();
try {
	const { analysis, result } = importFile(db, systemActor('import'), {
		creditorId: creditor,
		portfolioName: name,
		bytes,
		dryRun
	});
	const tr = (key: string, params?: Record<string, string | number>) =>
		translate(lang, key, params);
	if (analysis.fileError) {
		console.error(tr(analysis.fileError.key, analysis.fileError.params));
		process.exit(1);
	}
	for (const e of analysis.errors.slice(0, 200))
		console.log(`line ${e.line}  ${e.field}: ${tr(e.key, e.params)}`);
	if (analysis.errors.length > 200) console.log(`... and ${analysis.errors.length - 200} more`);
	console.log(
		`${analysis.total} rows: ${analysis.good} good, ${analysis.badRows} with errors (${((performance.now() - t0) / 1000).toFixed(2)} s)`
	);
	if (dryRun) console.log('dry run: nothing placed');
	else if (result)
		console.log(
			`placed ${result.placed} claims in portfolio ${result.portfolioId} "${name}" (debtors: ${result.debtorsCreated} new, ${result.debtorsMatched} matched)`
		);
	else {
		console.log('nothing placed');
		process.exit(1);
	}
} catch (e) {
	if (e instanceof NotFoundError) {
		console.error(`no creditor with id ${creditor}`);
		process.exit(1);
	}
	throw e;
}
