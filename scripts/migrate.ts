/** `npm run db:migrate`: applies drizzle/ to DATABASE_URL (default ./data/rendez.db). */
import { databasePath } from '../src/lib/server/db/client';
import { cliArgs } from './args';
import { openMigrated } from './db';

cliArgs(
	'usage: npm run db:migrate (no options; DATABASE_URL and the other settings come from the environment)',
	{}
);

const file = databasePath();
const { db, migrations: s } = openMigrated(file);
console.log(`Database ${file}: ${s.applied} of ${s.known} migrations applied; schema is current.`);
db.$client.close();
