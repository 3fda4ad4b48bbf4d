/**
 * `npm run db:seed [-- --seed N] [--claims N] [--reset] [--quiet]`
 *
 * Fills DATABASE_URL (default ./data/rendez.db) with deterministic demo data after applying the
 * migrations. Refuses a database that already has data unless --reset (which deletes the file and
 * builds it again: ledger and audit rows are append-only, so wiping means a new file).
 */
import fs from 'node:fs';
import path from 'node:path';
import { databasePath } from '../src/lib/server/db/client';
import { clock } from '../src/lib/server/clock';
import { audit } from '../src/lib/server/services/audit';
import { systemActor } from '../src/lib/domain/actor';
import { seedDatabase } from '../src/lib/server/db/seed/generate';
import { demoAccountsText } from '../src/lib/server/db/seed/demo-accounts';
import { cliArgs, wholeNumber } from './args';
import { hasData, openMigrated } from './db';

interface Args {
	seed: number;
	claims: number;
	reset: boolean;
	quiet: boolean;
}

function usage(msg: string): never {
	console.error(`${msg}\nUsage: npm run db:seed -- [--seed N] [--claims N] [--reset] [--quiet]`);
	process.exit(2);
}

function parseArgs(): Args {
	const u = 'Usage: npm run db:seed -- [--seed N] [--claims N] [--reset] [--quiet]';
	const { values } = cliArgs(u, {
		seed: { type: 'string' },
		claims: { type: 'string' },
		reset: { type: 'boolean', default: false },
		quiet: { type: 'boolean', default: false }
	});
	const a: Args = {
		seed: wholeNumber('seed', values.seed, u, 1),
		claims: wholeNumber('claims', values.claims, u, 5000),
		reset: values.reset,
		quiet: values.quiet
	};
	if (a.claims > 5_000_000) usage('--claims: at most 5000000');
	return a;
}

function fileSize(file: string): number {
	let n = 0;
	for (const s of ['', '-wal', '-shm']) {
		try {
			n += fs.statSync(file + s).size;
		} catch {
			/* not there */
		}
	}
	return n;
}

async function main() {
	const args = parseArgs();
	const file = databasePath();
	const say = (s: string) => {
		if (!args.quiet) console.log(s);
	};

	if (args.reset && file !== ':memory:') {
		for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
	}
	const { db } = openMigrated(file);
	const sql = db.$client;
	if (hasData(db)) {
		console.error(
			`The database at ${path.resolve(file)} already has data; nothing was changed. Run with --reset to wipe it and seed again.`
		);
		sql.close();
		process.exit(1);
	}

	// a fresh file that nobody else uses yet: trade durability for speed while it is being filled
	sql.pragma('journal_mode = MEMORY');
	sql.pragma('synchronous = OFF');
	sql.pragma('cache_size = -1000000');
	sql.pragma('temp_store = MEMORY');

	say(
		`Seeding ${path.resolve(file)} (seed ${args.seed}, ${args.claims.toLocaleString('en')} claims) ...`
	);
	const now = clock().now();
	const result = await seedDatabase(db, {
		seed: args.seed,
		claims: args.claims,
		now,
		progress: args.quiet ? undefined : say
	});
	sql
		.transaction(() => {
			audit(db, systemActor('seed'), {
				action: 'seed.run',
				entity: 'database',
				after: { seed: args.seed, claims: args.claims, today: result.today, counts: result.counts }
			});
		})
		.immediate();
	result.counts.audit_log = (
		sql.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }
	).n;
	const t0 = performance.now();
	sql.pragma('journal_mode = WAL');
	sql.pragma('synchronous = NORMAL');
	sql.close();
	const total = result.ms + (performance.now() - t0);

	if (!args.quiet) {
		const port = process.env.PORT || '3000';
		const base = (process.env.ORIGIN || `http://localhost:${port}`).replace(/\/$/, '');
		say('');
		say(
			`Seeded in ${(total / 1000).toFixed(1)} s; database ${(fileSize(file) / 1024 / 1024).toFixed(1)} MB. Rows:`
		);
		for (const [t, c] of Object.entries(result.counts))
			say(`  ${t.padEnd(24)} ${c.toLocaleString('en').padStart(12)}`);
		say('');
		say(demoAccountsText(args.seed, base));
		say('Demo credentials only: never seed a production database.');
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
