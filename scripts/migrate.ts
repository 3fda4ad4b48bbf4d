/** `npm run db:migrate`: applies drizzle/ to DATABASE_URL (default ./data/rendez.db). */
import {
	databasePath,
	migrateDatabase,
	openDatabase,
	DatabaseOpenError,
	NewerSchemaError
} from '../src/lib/server/db/client';

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
