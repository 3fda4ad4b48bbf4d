/**
 * `npm run engine:run [-- --as-of YYYY-MM-DD | --from YYYY-MM-DD --to YYYY-MM-DD] [--chunk N]`
 *
 * The engine's daily run on DATABASE_URL from the shell (for a server started with
 * RENDEZ_DAILY_TIMER=0, or to backfill): today by the clock module (which honours
 * RENDEZ_CLOCK_OFFSET_DAYS), one given as-of day, or every business day from --from to --to in
 * order. A run a kill left unfinished is resumed; a day already done is left as it is.
 */
import { isValidDate } from '../src/lib/domain/clock';
import { backfill, runEngine, type RunOutcome } from '../src/lib/server/services/engine-run';
import { cliArgs, strings, wholeNumber } from './args';
import { openMigrated } from './db';

const usage =
	'usage: npm run engine:run [-- --as-of YYYY-MM-DD | --from YYYY-MM-DD --to YYYY-MM-DD] [--chunk N]';
const { values } = cliArgs(usage, strings('as-of', 'from', 'to', 'chunk'));

function day(name: string, v: string | undefined): string | undefined {
	if (v !== undefined && !isValidDate(v)) {
		console.error(`--${name} needs a date as YYYY-MM-DD\n${usage}`);
		process.exit(2);
	}
	return v;
}
const asOf = day('as-of', values['as-of']);
const from = day('from', values.from);
const to = day('to', values.to);
const chunk = wholeNumber('chunk', values.chunk, usage, 0) || undefined;
if ((from === undefined) !== (to === undefined) || (asOf && from)) {
	console.error(`give --as-of alone, or --from and --to together\n${usage}`);
	process.exit(2);
}
if (from && to && from > to) {
	console.error(`--from must not be after --to\n${usage}`);
	process.exit(2);
}

function say(r: RunOutcome): void {
	if (!r.ran) {
		console.log(
			r.reason === 'not_business_day'
				? `${r.day}: not a business day, nothing to do.`
				: `${r.day}: already done.`
		);
		return;
	}
	const { run } = r;
	const secs = ((run.finishedAt ?? run.startedAt) - run.startedAt) / 1000;
	console.log(
		`${run.day}: ${run.done} of ${run.total} claims evaluated, ${run.transitions} stage transitions, ` +
			`${run.actionsPlanned} actions planned, ${run.errors} errors (${secs.toFixed(1)} s).`
	);
}

const { db } = openMigrated();
// the run reads every open claim with its engine row and actions: a page cache as the jobs worker's
db.$client.pragma('cache_size = -262144');
try {
	const outcomes =
		from && to ? backfill(db, from, to, { chunk }) : [runEngine(db, { asOf, chunk })];
	outcomes.forEach(say);
} finally {
	db.$client.close();
}
