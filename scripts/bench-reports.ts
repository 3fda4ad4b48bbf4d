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
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, migrateDatabase, type DB } from '../src/lib/server/db/client';
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
import { addMonth } from '../src/lib/domain/reports';
import { localDate, instantAt, addDays, DAY_MS } from '../src/lib/domain/clock';
import { clock } from '../src/lib/server/clock';
import { systemActor, type Actor } from '../src/lib/domain/actor';
import { cliArgs, strings } from './args';

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

// a small deterministic PRNG (mulberry32)
let state = 20261123;
const rnd = () => {
	state |= 0;
	state = (state + 0x6d2b79f5) | 0;
	let t = Math.imul(state ^ (state >>> 15), 1 | state);
	t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
	return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)];

/** Our own bulk fixture (when no seeded database is given): one creditor, 24 monthly portfolios. */
function generate(db: DB, n: number) {
	const c = db.$client;
	const now = clock().now();
	const today = localDate(now);
	const t0 = performance.now();
	c.exec('BEGIN');
	const creditorId = c
		.prepare(
			`INSERT INTO creditors (name, short_name, sector, tax_number, created_at) VALUES ('Bench Bank Zrt.', 'Bench Bank', 'bank', '12345676-2-42', ?)`
		)
		.run(now).lastInsertRowid as number;
	const months = 24;
	const firstMonth = addMonth(today.slice(0, 7), -months);
	const portfolios: { id: number; date: string }[] = [];
	for (let m = 0; m < months; m++) {
		const date = `${addMonth(firstMonth, m)}-10`;
		portfolios.push({
			id: c
				.prepare(
					'INSERT INTO portfolios (creditor_id, name, placed_date, created_at) VALUES (?, ?, ?, ?)'
				)
				.run(creditorId, `Bench ${date.slice(0, 7)}`, date, now).lastInsertRowid as number,
			date
		});
	}
	const debtorIds: number[] = [];
	const insDebtor = c.prepare(
		`INSERT INTO debtors (kind, name, birth_date, postal_code, city, address, created_at) VALUES ('person', ?, '1980-01-01', '1051', 'Budapest', 'Fő u. 1.', ?)`
	);
	for (let i = 0; i < 50_000; i++)
		debtorIds.push(insDebtor.run(`Bench Adós ${i}`, now).lastInsertRowid as number);
	c.exec('COMMIT');
	const insClaim = c.prepare(
		`INSERT INTO claims (creditor_id, portfolio_id, debtor_id, reference, currency, placed_date, due_date, stage, stage_changed_at, status, placed_minor, balance_minor, collected_minor, created_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const insLedger = c.prepare(
		`INSERT INTO ledger_entries (claim_id, component, kind, amount_minor, effective_date, payment_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`
	);
	const insPayment = c.prepare(
		`INSERT INTO payments (claim_id, debtor_id, amount_minor, currency, purpose, gateway, status, created_at, completed_at) VALUES (?, ?, ?, ?, 'partial', 'demo', 'succeeded', ?, ?)`
	);
	const insStage = c.prepare(
		`INSERT INTO claim_stage_events (claim_id, stage, entered_at, left_at, outcome) VALUES (?, ?, ?, ?, ?)`
	);
	const insContact = c.prepare(
		`INSERT INTO contact_events (claim_id, debtor_id, channel, stage, outcome, occurred_at) VALUES (?, ?, ?, ?, ?, ?)`
	);
	const insPlan = c.prepare(
		`INSERT INTO plans (claim_id, debtor_id, status, frequency, installment_count, first_due_date, total_minor, currency, rules_json, created_at) VALUES (?, ?, ?, 'monthly', ?, ?, ?, ?, '{}', ?)`
	);
	const insInst = c.prepare(
		`INSERT INTO installments (plan_id, seq, due_date, amount_minor, paid_minor, status, paid_on_time) VALUES (?, ?, ?, ?, ?, ?, ?)`
	);
	const STAGES = ['new', 'friendly_reminder', 'firm_reminder', 'formal_notice', 'legal'] as const;
	const CHANNELS = ['sms', 'email', 'letter', 'call', 'visit'] as const;
	const BATCH = 20_000;
	for (let start = 0; start < n; start += BATCH) {
		c.exec('BEGIN');
		for (let i = start; i < Math.min(n, start + BATCH); i++) {
			const p = portfolios[i % months];
			const debtorId = debtorIds[i % debtorIds.length];
			const currency = rnd() < 0.85 ? 'HUF' : 'EUR';
			const principal =
				currency === 'HUF'
					? Math.floor(20_000 + rnd() * 800_000) * 100
					: Math.floor(100 + rnd() * 5_000) * 100;
			const interest = Math.floor(principal * 0.05);
			const placedAt = instantAt(p.date, 9);
			const due = addDays(p.date, -Math.floor(15 + rnd() * 200));
			const stageIdx = Math.min(
				4,
				Math.floor(rnd() * Math.min(5, 1 + (instantAt(today) - placedAt) / (30 * DAY_MS)))
			);
			const r = rnd();
			const status =
				r < 0.25
					? 'paid'
					: r < 0.35
						? 'in_plan'
						: r < 0.4
							? 'disputed'
							: r < 0.42
								? 'closed'
								: 'open';
			const total = principal + interest;
			let collected = 0;
			const payments: { amount: number; date: string; at: number }[] = [];
			const daysSince = Math.max(1, Math.floor((instantAt(today) - placedAt) / DAY_MS));
			if (status === 'paid') payments.push({ amount: total, date: '', at: 0 });
			else if (rnd() < 0.4)
				payments.push({ amount: Math.floor(total * (0.1 + rnd() * 0.5)), date: '', at: 0 });
			for (const pay of payments) {
				const d = addDays(p.date, Math.floor(rnd() * daysSince));
				pay.date = d;
				pay.at = instantAt(d, 12);
				collected += pay.amount;
			}
			const claimId = insClaim.run(
				creditorId,
				p.id,
				debtorId,
				`BB-${String(i).padStart(8, '0')}`,
				currency,
				p.date,
				due,
				STAGES[stageIdx],
				placedAt,
				status,
				total,
				total - collected,
				collected,
				now
			).lastInsertRowid as number;
			insLedger.run(claimId, 'principal', 'charge', principal, p.date, null, now);
			insLedger.run(claimId, 'interest', 'charge', interest, p.date, null, now);
			for (const pay of payments) {
				const pid = insPayment.run(claimId, debtorId, pay.amount, currency, pay.at, pay.at)
					.lastInsertRowid as number;
				const toInterest = Math.min(interest, pay.amount);
				if (toInterest > 0)
					insLedger.run(claimId, 'interest', 'payment', -toInterest, pay.date, pid, now);
				if (pay.amount - toInterest > 0)
					insLedger.run(
						claimId,
						'principal',
						'payment',
						-(pay.amount - toInterest),
						pay.date,
						pid,
						now
					);
			}
			for (let s = 0; s <= stageIdx; s++) {
				const last = s === stageIdx;
				const outcome = !last ? 'moved_on' : status === 'open' ? null : status;
				insStage.run(
					claimId,
					STAGES[s],
					placedAt + s * 20 * DAY_MS,
					outcome ? placedAt + (s + 1) * 20 * DAY_MS : null,
					outcome
				);
			}
			const contacts = 1 + Math.floor(rnd() * 3);
			for (let k = 0; k < contacts; k++)
				insContact.run(
					claimId,
					debtorId,
					pick(CHANNELS),
					STAGES[Math.min(k, stageIdx)],
					rnd() < 0.05 ? 'blocked' : 'sent',
					placedAt + Math.floor(rnd() * daysSince) * DAY_MS
				);
			if (
				status === 'in_plan' ||
				(status === 'open' && rnd() < 0.05) ||
				(status === 'paid' && rnd() < 0.1)
			) {
				const count = 3 + Math.floor(rnd() * 4);
				const pstatus =
					status === 'in_plan' ? 'active' : status === 'paid' ? 'completed' : 'broken';
				const planId = insPlan.run(
					claimId,
					debtorId,
					pstatus,
					count,
					addDays(p.date, 30),
					total,
					currency,
					placedAt
				).lastInsertRowid as number;
				for (let k = 1; k <= count; k++) {
					const dueK = addDays(p.date, 30 * k);
					const past = dueK < today;
					const st =
						pstatus === 'completed'
							? 'paid'
							: past
								? rnd() < 0.8
									? 'paid'
									: pstatus === 'broken'
										? 'missed'
										: 'late'
								: 'due';
					insInst.run(
						planId,
						k,
						dueK,
						Math.floor(total / count),
						st === 'paid' ? Math.floor(total / count) : 0,
						st,
						st === 'paid' ? (rnd() < 0.85 ? 1 : 0) : null
					);
				}
			}
		}
		c.exec('COMMIT');
		if ((start / BATCH) % 10 === 0)
			console.log(
				`  generated ${Math.min(n, start + BATCH)} claims (${((performance.now() - t0) / 1000).toFixed(0)} s)`
			);
	}
	console.log(`  fixture built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

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

function main() {
	fs.mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
	const db = openDatabase(dbPath);
	migrateDatabase(db);
	const c = db.$client;
	let top = c
		.prepare(
			'SELECT creditor_id AS id, sum(claims) AS n FROM report_claims GROUP BY creditor_id ORDER BY n DESC LIMIT 1'
		)
		.get() as { id: number; n: number } | undefined;
	// our own fixture goes into an empty database or the default bench file, never into a seeded one
	if (!top || (dbPath === 'data/bench.db' && top.n < wantClaims * 0.5)) {
		{
			console.log(`Building the bench fixture: ${wantClaims} claims in ${dbPath} ...`);
			generate(db, wantClaims);
			top = c
				.prepare(
					'SELECT creditor_id AS id, sum(claims) AS n FROM report_claims GROUP BY creditor_id ORDER BY n DESC LIMIT 1'
				)
				.get() as { id: number; n: number };
		}
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
