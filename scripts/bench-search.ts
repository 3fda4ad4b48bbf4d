/**
 * Operator search speed (issue 18 item 1), on a seeded database:
 *
 *   DATABASE_URL=/tmp/s.db npx tsx scripts/seed.ts --claims 1000000 --reset
 *   npm run bench:search -- --db /tmp/s.db [--runs 200]
 *
 * Times `searchCases` (the service the page calls) for three kinds of query taken from the
 * database's own rows at random (bench-search-queries.ts): a name fragment, 7 digits of a phone
 * number, and a reference prefix.
 * Prints p50, p95 and max per kind. Target (issue 18): p95 under 50 ms on a million claims.
 */
import { migrateDatabase, openDatabase } from '../src/lib/server/db/client';
import { searchCases } from '../src/lib/server/services/search';
import { cliArgs, strings } from './args';
import { searchQueries } from './bench-search-queries';
import path from 'node:path';

const { values: given } = cliArgs(
	'usage: npx tsx scripts/bench-search.ts --db X [--runs X]',
	strings('db', 'runs')
);
const db = openDatabase(path.resolve(given.db || process.env.DATABASE_URL || 'data/rendez.db'));
migrateDatabase(db, path.resolve('drizzle'));
const runs = Number(given.runs || '200');
const sql = db.$client;
const operator = { kind: 'operator', userId: 1 } as const;
const maxDebtor = sql.prepare('SELECT max(id) FROM debtors').pluck().get() as number;
const maxClaim = sql.prepare('SELECT max(id) FROM claims').pluck().get() as number;
const kinds = searchQueries(sql);

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(xs.length * p))];
console.log(`${maxClaim.toLocaleString('en')} claims, ${maxDebtor.toLocaleString('en')} debtors`);
for (const [kind, make] of Object.entries(kinds)) {
	for (let i = 0; i < 20; i++) searchCases(db, operator, make()); // warm-up
	const ms: number[] = [];
	let found = 0;
	for (let i = 0; i < runs; i++) {
		const q = make();
		const t = performance.now();
		const r = searchCases(db, operator, q);
		ms.push(performance.now() - t);
		if (r.debtors.length + r.claims.length > 0) found++;
	}
	ms.sort((a, b) => a - b);
	console.log(
		`${kind.padEnd(10)} runs ${runs}  found ${found}  p50 ${pct(ms, 0.5).toFixed(2)} ms  p95 ${pct(ms, 0.95).toFixed(2)} ms  max ${ms[ms.length - 1].toFixed(2)} ms`
	);
}
