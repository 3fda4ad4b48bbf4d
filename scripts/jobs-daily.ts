/**
 * `npm run jobs:daily`: the daily plans job (reminders 3 days ahead, late installments, broken and
 * completed plans, lapsed counter-offers, due promises) on DATABASE_URL, for the clock's current day (the clock module
 * honours RENDEZ_CLOCK_OFFSET_DAYS). Runs once per day; `--force` runs again.
 */
import { runDailyJobs } from '../src/lib/server/services/jobs';
import { cliArgs } from './args';
import { openMigrated } from './db';

const { values } = cliArgs('usage: npm run jobs:daily [-- --force]', {
	force: { type: 'boolean', default: false }
});

const { db } = openMigrated();
const r = runDailyJobs(db, { force: values.force });
if (r.skipped) console.log(`Daily job already ran for ${r.day}; use --force to run again.`);
else
	console.log(
		`Daily job ${r.day}: ${r.reminders} reminders queued, ${r.late} installments late, ${r.broken} plans broken, ${r.completed} completed, ${r.lapsed} counter-offers lapsed` +
			(r.promises ? `, promises ${r.promises.kept} kept / ${r.promises.broken} broken.` : '.')
	);
db.$client.close();
