/** `npm run db:migrate`: applies drizzle/ to DATABASE_URL (default ./data/rendez.db). */
import {
	databasePath,
	migrateDatabase,
	openDatabase,
	DatabaseOpenError,
	NewerSchemaError
} from '../src/lib/server/db/client';
import { cliArgs } from './args';

cliArgs(
	'usage: npm run db:migrate (no options; DATABASE_URL and the other settings come from the environment)',
	{}
);

try {
	const file = databasePath();
	const db = openDatabase(file);
	const s = migrateDatabase(db);
	console.log(
		`Database ${file}: ${s.applied} of ${s.known} migrations applied; schema is current.`
	);
	db.$client.close();
} catch (e) {
	if (e instanceof DatabaseOpenError || e instanceof NewerSchemaError) {
		console.error(e.message);
		process.exit(1);
	}
	throw e;
}
