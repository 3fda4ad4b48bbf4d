/**
 * A separate process that completes demo payments on a shared SQLite file, for the concurrency
 * test: `tsx tests/helpers/reconcile-worker.ts <db file> <start at ms> <paymentId,...>`.
 * It waits until the start instant so that all workers hit the database together.
 */
import { openDatabase } from '../../src/lib/server/db/client';
import { demoEvent } from '../../src/lib/server/payments/demo';
import { reconcile } from '../../src/lib/server/services/payments';

const [file, startAt, ids] = process.argv.slice(2);
const db = openDatabase(file);
const rows = ids
	.split(',')
	.map(
		(id) =>
			db.$client
				.prepare('SELECT id, amount_minor AS amountMinor, currency FROM payments WHERE id=?')
				.get(Number(id)) as { id: number; amountMinor: number; currency: string }
	);
while (Date.now() < Number(startAt)) {
	/* spin until the common start */
}
const out = rows.map((p) => reconcile(db, demoEvent(p, 'approve')).outcome);
process.stdout.write(JSON.stringify(out));
