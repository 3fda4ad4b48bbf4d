/**
 * Operators' placement by CSV, the same checks and the same one-transaction placement as the
 * creditor's upload page:
 *
 *   npm run import -- --creditor <id> [--portfolio "Name"] [--dry-run] [--lang hu|en] <file.csv>
 *
 * Prints each bad row's line number and reason; places the good rows as a new portfolio unless
 * --dry-run (in the same resumable chunks as a confirmed upload). Exit code 1 when the file cannot
 * be read or nothing was placed; 2 for an unknown option (`--dryrun`) or a missing argument.
 * Audited as a system actor ('import'). Uses DATABASE_URL like the server.
 */
import fs from 'node:fs';
import path from 'node:path';
import { importFile } from '../src/lib/server/services/placements';
import { NotFoundError } from '../src/lib/server/services/errors';
import { systemActor } from '../src/lib/domain/actor';
import { translate } from '../src/lib/i18n';
import { localDate } from '../src/lib/domain/clock';
import { clock } from '../src/lib/server/clock';
import { cliArgs } from './args';
import { openMigrated } from './db';

process.env.RENDEZ_QUIET ??= '1';
const usage =
	'usage: npm run import -- --creditor <id> [--portfolio "Name"] [--dry-run] [--lang hu|en] <file.csv>';
const { values, positionals } = cliArgs(
	usage,
	{
		creditor: { type: 'string' },
		portfolio: { type: 'string' },
		'dry-run': { type: 'boolean', default: false },
		lang: { type: 'string', default: 'en' }
	},
	true
);
const creditor = values.creditor && /^\d+$/.test(values.creditor) ? Number(values.creditor) : null;
const portfolio = values.portfolio ?? null;
const dryRun = values['dry-run'];
const lang: 'hu' | 'en' = values.lang === 'hu' ? 'hu' : 'en';
const file = positionals.length === 1 ? positionals[0] : null;
if (!creditor || !file) {
	console.error(usage);
	process.exit(2);
}
if (!fs.existsSync(file)) {
	console.error(`no such file: ${file}`);
	process.exit(2);
}

const { db } = openMigrated();
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
