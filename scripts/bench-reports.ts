/**
 * Dashboard and placement speed at scale (issue 6).
 *
 *   npm run bench:reports                       # ./data/bench.db, built once with 1 000 000 claims
 *   npm run bench:reports -- --db data/rendez.db  # a database seeded with `npm run db:seed -- --claims 1000000`
 *   npm run bench:reports -- --claims 200000 --runs 40 --scan-runs 3
 *   npm run bench:reports -- --only import     # or --only queries: one part again
 *
 * Prints p50/p95 per dashboard query (rollups, as served) and the same for the full-scan version
 * (summing the ledger, joining stage events/contacts/payments), then the rate of a 100k-row CSV
 * placement (validate + place in one transaction). Uses the creditor with the most claims.
 */
import type { DB } from '../src/lib/server/db/client';
import {
	CHARTS,
	dashboard,
	reportScope,
	served,
	type ReportFilter
} from '../src/lib/server/services/reports';
import { fullScan } from '../src/lib/server/services/reports-oracle';
import { importFile } from '../src/lib/server/services/placements';
import { listClaims } from '../src/lib/server/services/creditor-claims';
import { PLACEMENT_COLUMNS } from '../src/lib/domain/placement';
import { localDate, addDays } from '../src/lib/domain/clock';
import { clock } from '../src/lib/server/clock';
import { systemActor, type Actor } from '../src/lib/domain/actor';
import { cliArgs, strings } from './args';
import { openMigrated } from './db';
import { generateFixture } from './bench-reports-fixture';

process.env.RENDEZ_QUIET = '1';
const { values: given } = cliArgs(
	`usage: npm run bench:reports -- [--db X] [--claims X] [--runs X] [--scan-runs X] [--import-rows X] [--only X]`,
	strings('db', 'claims', 'runs', 'scan-runs', 'import-rows', 'only')
);
const opt = (name: keyof typeof given, dflt: string) => given[name] || dflt;
const dbPath = opt('db', 'data/bench.db');
const wantClaims = Number(opt('claims', '1000000'));
const runs = Number(opt('runs', '30'));
const scanRuns = Number(opt('scan-runs', '3'));
const importRows = Number(opt('import-rows', '100000'));
const only = opt('only', 'all');

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function time(fn: () => unknown, n: number): { p50: number; p95: number } {
	const t: number[] = [];
	for (let i = 0; i < n; i++) {
		const a = performance.now();
		fn();
		t.push(performance.now() - a);
	}
	t.sort((x, y) => x - y);
	return { p50: percentile(t, 50), p95: percentile(t, 95) };
}

const fmt = (x: number) => x.toFixed(1).padStart(9);

/** The creditor with the most claims, by the rollups. */
function topCreditor(db: DB) {
	return db.$client
		.prepare(
			'SELECT creditor_id AS id, sum(claims) AS n FROM report_claims GROUP BY creditor_id ORDER BY n DESC LIMIT 1'
		)
		.get() as { id: number; n: number } | undefined;
}

function main() {
	const { db } = openMigrated(dbPath);
	const c = db.$client;
	let top = topCreditor(db);
	// our own fixture goes into an empty database or the default bench file, never into a seeded one
	if (!top || (dbPath === 'data/bench.db' && top.n < wantClaims * 0.5)) {
		console.log(`Building the bench fixture: ${wantClaims} claims in ${dbPath} ...`);
		generateFixture(db, wantClaims);
		top = topCreditor(db);
	}
	if (!top) throw new Error('no claims to measure');
	c.pragma('optimize');
	const totals = Object.fromEntries(
		[
			'claims',
			'ledger_entries',
			'claim_stage_events',
			'contact_events',
			'payments',
			'plans',
			'installments'
		].map((t) => [t, c.prepare(`SELECT count(*) FROM ${t}`).pluck().get()])
	);
	console.log(`\nDatabase ${dbPath}: ${JSON.stringify(totals)}`);
	console.log(`Creditor ${top.id}: ${top.n} claims\n`);
	const actor: Actor = { kind: 'creditor', userId: 0, creditorId: top.id };
	const portfolios = c
		.prepare('SELECT id, placed_date FROM portfolios WHERE creditor_id = ? ORDER BY placed_date')
		.all(top.id) as { id: number; placed_date: string }[];

	if (only !== 'import') queries(db, actor, portfolios);
	if (only !== 'queries') placement(db);
}

function queries(db: DB, actor: Actor, portfolios: { id: number; placed_date: string }[]) {
	const mid = portfolios[Math.floor(portfolios.length / 2)];
	const filters: ReportFilter[] = [
		{},
		{ portfolioId: mid.id },
		{ from: portfolios[0].placed_date.slice(0, 7), to: mid.placed_date.slice(0, 7) }
	];
	const label = (f: ReportFilter) => (f.portfolioId ? 'portfolio' : f.from ? 'period' : 'all');
	console.log(
		`query                         served p50  served p95   scan p50   scan p95   (ms; served ${runs} runs, full scan ${scanRuns} runs)`
	);
	let worstServed = 0;
	for (const f of filters) {
		const s = reportScope(db, actor, f);
		for (const chart of CHARTS) {
			const a = time(() => served[chart](db, s), runs);
			const b = time(() => fullScan[chart](db, s), scanRuns);
			worstServed = Math.max(worstServed, a.p95);
			console.log(
				`${(chart + ' [' + label(f) + ']').padEnd(28)} ${fmt(a.p50)}  ${fmt(a.p95)}  ${fmt(b.p50)}  ${fmt(b.p95)}`
			);
		}
		const whole = time(() => dashboard(db, actor, f), runs);
		worstServed = Math.max(worstServed, whole.p95);
		console.log(
			`${('whole dashboard [' + label(f) + ']').padEnd(28)} ${fmt(whole.p50)}  ${fmt(whole.p95)}`
		);
	}
	const list = time(() => listClaims(db, actor, { sort: 'balance', dir: 'desc', limit: 50 }), runs);
	const search = time(
		() => listClaims(db, actor, { q: 'BB-0001', sort: 'placed', limit: 50 }),
		runs
	);
	console.log(`${'claims list (balance desc)'.padEnd(28)} ${fmt(list.p50)}  ${fmt(list.p95)}`);
	console.log(`${'claims search (reference)'.padEnd(28)} ${fmt(search.p50)}  ${fmt(search.p95)}`);
	console.log(`\nworst served p95: ${worstServed.toFixed(1)} ms (target < 150 ms)`);
}

function placement(db: DB) {
	const c = db.$client;

	// placement: a 100k-row file for a fresh creditor, validated and placed in one transaction
	const today = localDate(clock().now());
	const importCreditor = c
		.prepare(
			`INSERT INTO creditors (name, short_name, sector, tax_number, created_at) VALUES ('Bench Import Kft.', 'Bench Import', 'other', '12345676-2-42', ?)`
		)
		.run(clock().now()).lastInsertRowid as number;
	let csv = PLACEMENT_COLUMNS.join(';') + '\r\n';
	const stamp = Date.now().toString(36);
	for (let i = 0; i < importRows; i++) {
		const company = i % 10 === 0;
		const p = 10_000 + (i % 5000) * 100;
		csv +=
			[
				`IMP-${stamp}-${i}`,
				company ? 'company' : 'person',
				company ? `Import Cég ${i % 3000} Kft.` : `Import Személy ${i % 40000}`,
				company ? '' : `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 9}`,
				company ? '12345676-2-42' : '',
				'1051',
				'Budapest',
				`Fő utca ${i % 200}.`,
				'',
				'',
				i % 7 === 0 ? 'EUR' : 'HUF',
				addDays(today, -30 - (i % 300)),
				String(p),
				'1500',
				'0',
				'2500',
				String(p + 4000),
				'bench'
			].join(';') + '\r\n';
	}
	const bytes = new TextEncoder().encode(csv);
	const t0 = performance.now();
	const out = importFile(db, systemActor('bench'), {
		creditorId: importCreditor,
		portfolioName: 'Bench import',
		bytes
	});
	const ms = performance.now() - t0;
	console.log(
		`\nplacement: ${importRows} rows (${(bytes.length / 1024 / 1024).toFixed(1)} MB) validated and placed in ${(ms / 1000).toFixed(2)} s = ${Math.round(importRows / (ms / 1000))} rows/s (target >= 10000); placed ${out.result?.placed ?? 0}, bad ${out.analysis.badRows}`
	);
}

main();
